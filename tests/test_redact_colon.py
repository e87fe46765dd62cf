"""Secrets after "NAME:" and "NAME =>" (optimizer/redact.py; found by a reviewer, first
failing): a name that can only mean a secret masks any value, quoted ones whole; a bare
"secret:" or "token:" masks only a credential-looking value, so prose with a number stays.
"""

from __future__ import annotations

import pytest

from optimizer.redact import MASK, redact_text


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("  POSTGRES_PASSWORD: example\n", "example"),  # docker compose's own sample; masked before 27b903e
        ("password: correcthorsebattery", "correcthorsebattery"),  # a passphrase: 19 letters, no digit
        ("x-api-key: abcdefghijklmnopqrs", "abcdefghijklmnopqrs"),  # a header echoed in an upstream error
        ("token: hunterhunter", "hunterhunter"),
    ],
)
def test_a_secret_of_letters_after_a_colon_is_masked(text, secret):
    assert secret not in redact_text(text)


@pytest.mark.parametrize("text", ["password: 'hunter two'", 'api_key: "abc def ghi"'])
def test_a_quoted_value_after_a_colon_is_masked(text):
    # Quoting a value is what a config file does, not prose; the value was masked before 27b903e.
    assert redact_text(text).split(": ", 1)[1] in (f"'{MASK}'", f'"{MASK}"')


@pytest.mark.parametrize("text", ["api_key => 'hunter2'", '{"password"=>"hunter2"}'])
def test_an_arrow_assignment_masks_its_value(text):
    assert "hunter2" not in redact_text(text)


def test_a_password_with_an_ampersand_is_masked_whole():
    assert "&3" not in redact_text("Password: Tr0ub4dor&3 was refused")


@pytest.mark.parametrize("text", ["The brand's secret: 2 drops of squalane", "Our secret: SPF30 every day"])
def test_a_number_in_prose_after_secret_colon_is_kept(text):
    # "The brand's secret: less fragrance" is kept; so is the same sentence with a number in it.
    assert MASK not in redact_text(text)
