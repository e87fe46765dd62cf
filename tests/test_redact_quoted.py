"""A quoted secret is masked whole (optimizer/redact.py; found by a reviewer): a passphrase
with spaces in a libpq key=value DSN, or a quoted API key in free text, not just its first
word.
"""

from __future__ import annotations

from optimizer.ledger.postgres import display_url
from optimizer.redact import redact_text


def test_a_quoted_passphrase_in_a_dsn_is_masked_whole():
    dsn = "host=db.internal dbname=runs user=studio password='correct horse battery staple'"
    shown = display_url(dsn)
    assert "horse" not in shown and "staple" not in shown, shown
    assert "host=db.internal" in shown  # the rest stays readable


def test_a_quoted_secret_in_free_text_is_masked_whole():
    text = 'config error: api_key="team alpha 2024 rotation" was refused'
    assert "rotation" not in redact_text(text)
