"""Secrets named in JSON, a dict's repr or NAME_KEY=value are masked; ordinary prose after
"secret:" is not (optimizer/redact.py; found by a reviewer, first failing)."""

from __future__ import annotations

import pytest

from optimizer.redact import MASK, redact_text

SECRET = "0123456789abcdef0123456789abcdef"  # an Azure-style key: no sk- prefix


@pytest.mark.parametrize(
    "text",
    [
        '{"api-key": "' + SECRET + '"}',  # a provider echoing the request's header
        "{'password': '" + SECRET + "'}",  # a connection kwargs dict in an exception
        '"client_secret":"' + SECRET + '"',
    ],
)
def test_a_quoted_key_name_masks_its_value(text):
    assert SECRET not in redact_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "SECRET_KEY=" + SECRET,
        "secret_key: " + SECRET,
        "OPENAI_KEY=" + SECRET,
        "private_key=" + SECRET,
        "Ocp-Apim-Subscription-Key: " + SECRET,
    ],
)
def test_a_key_assignment_in_free_text_is_masked(text):
    # The same names are masked as URL parameters (_SECRET_PARTS) but not in free text.
    assert SECRET not in redact_text(text)


def test_the_same_name_is_masked_in_a_url():  # the contrast, passing today
    assert SECRET not in redact_text("https://h/x?secret_key=" + SECRET)


def test_ordinary_text_after_secret_colon_is_kept():
    text = "The brand's secret: less fragrance, more glycerin"
    assert MASK not in redact_text(text)
