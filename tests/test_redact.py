"""Credentials never shown (optimizer/redact.py; cases found by an adversarial review).

The operator's endpoint is drawn for every analyst (the sidebar's "Endpoint: the
operator's (...)" and the health line), written to the ledger's endpoint column and the
runs CSV, and put in provider error sentences: a credential in any query parameter that
names one, in a fragment, after ``;``, or in a URL that does not parse is masked, and an
upstream error that echoes the key is masked before it is cut.
"""

from __future__ import annotations

import pytest

from optimizer.providers import resolve_settings
from optimizer.redact import redact_text

SECRET = "OPSECRET0123456789"


def test_the_operators_endpoint_as_analysts_see_it_hides_its_token():
    settings = resolve_settings(
        {},
        {"OPENAI_BASE_URL": f"https://llm-proxy.corp.example/v1?auth_token={SECRET}", "OPENAI_API_KEY": "k" * 20},
        {},
    )
    assert SECRET not in settings.endpoint


def test_common_credential_forms_are_masked():
    leaks = [
        f"http://h/v1?auth_token={SECRET}",
        f"http://h/v1?private_token={SECRET}",
        f"http://h/v1?access_key={SECRET}",
        f"http://h/v1?X-Amz-Signature={SECRET}",
        f"http://h/v1#access_token={SECRET}",
        f"http://h/v1?x=1;key={SECRET}",
        f"http://user:{SECRET}@[::1/v1",  # urlsplit raises: only the free-text rules run
        f"auth_token={SECRET}",
    ]
    shown = [text for text in leaks if SECRET in redact_text(text)]
    assert shown == []


def test_an_upstream_error_echoing_the_key_never_shows_part_of_it(httpserver):
    from optimizer.providers import Message, ProviderError
    from optimizer.providers.openai_compatible import OpenAIProvider

    key = "opkey0123456789abcdefghijklmnopqrstuvwxyz"  # not sk-shaped: only the exact-secret rule covers it
    # The sentence is cut at 237 characters; the echoed key straddles the cut.
    message = "x" * 215 + " bad key " + key
    httpserver.expect_request("/v1/chat/completions").respond_with_json({"error": {"message": message}}, status=400)
    provider = OpenAIProvider("m", api_key=key, base_url=httpserver.url_for("/v1"), max_retries=0)
    with pytest.raises(ProviderError) as caught:
        list(provider.stream([Message("user", "hi")], max_tokens=5, temperature=0))
    assert "bad key" in str(caught.value)
    assert key[:10] not in str(caught.value)


def test_settings_reprs_hide_url_credentials():
    from optimizer.server import GatewayConfig

    settings = resolve_settings(
        {}, {"OPENAI_BASE_URL": f"http://user:{SECRET}@127.0.0.1:9/v1", "OPENAI_API_KEY": "sk-op-" + "x" * 20}, {}
    )
    config = GatewayConfig(redis_url=f"redis://:{SECRET}@h:6379/0", database_url=f"postgresql://u:{SECRET}@h/db")
    assert SECRET not in repr(settings)
    assert SECRET not in repr(config)
