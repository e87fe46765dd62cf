"""Review 7: redaction (optimizer/redact.py) of a secret written with quotes.

``_ASSIGNED`` masks a value up to the first space or quote, so a quoted value with spaces
(a passphrase in a libpq key=value DSN, which PostgreSQL allows and ``display_url``
handles "key=value form: password=... is masked") shows all but its first word.
"""

from __future__ import annotations

import pytest

from optimizer.ledger.postgres import display_url
from optimizer.redact import redact_text


@pytest.mark.xfail(strict=True, reason="review7: a quoted passphrase is masked up to its first space only")
def test_a_quoted_passphrase_in_a_dsn_is_masked_whole():
    dsn = "host=db.internal dbname=runs user=studio password='correct horse battery staple'"
    shown = display_url(dsn)
    assert "horse" not in shown and "staple" not in shown, shown
    assert "host=db.internal" in shown  # the rest stays readable


@pytest.mark.xfail(strict=True, reason="review7: a quoted API key with spaces is masked up to its first space only")
def test_a_quoted_secret_in_free_text_is_masked_whole():
    text = 'config error: api_key="team alpha 2024 rotation" was refused'
    assert "rotation" not in redact_text(text)
