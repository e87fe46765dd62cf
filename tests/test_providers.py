"""The embedded model, a real OpenAI-compatible server, and every error path."""

from __future__ import annotations

import time

import pytest

from optimizer.providers import (
    Finish,
    LocalProvider,
    Message,
    OpenAIProvider,
    ProviderError,
    TextDelta,
    UsageReport,
    make_provider,
    resolve_settings,
)

MESSAGES = (Message("system", "You are brief."), Message("user", "Name two humectants."))


def run(provider, **kw):
    events = list(provider.stream(MESSAGES, max_tokens=kw.get("max_tokens", 16), temperature=0.0))
    text = "".join(e.text for e in events if isinstance(e, TextDelta))
    usage = [e for e in events if isinstance(e, UsageReport)]
    finish = [e for e in events if isinstance(e, Finish)]
    return text, usage, finish


def test_local_model_streams_real_text_with_exact_usage():
    provider = LocalProvider()
    text, usage, finish = run(provider, max_tokens=12)
    assert text.strip() and finish and finish[0].reason in ("stop", "length")
    assert usage[0].completion_tokens == provider.count_tokens(text) <= 12
    assert usage[0].prompt_tokens > provider.count_tokens("Name two humectants.")


def test_openai_provider_against_llama_cpp_server(llama_server):
    provider = OpenAIProvider("smollm2", base_url=llama_server, timeout=60)
    text, usage, finish = run(provider, max_tokens=12)
    assert text.strip() and finish
    # llama.cpp's server reports no usage in streams; the caller counts instead.
    assert all(u.completion_tokens > 0 for u in usage)


def test_real_server_error_path_is_a_clear_message(llama_server):
    # llama.cpp's server serves its one model whatever the name asked for (checked here:
    # a wrong name still answers). What it does refuse is a prompt longer than its
    # context window (n_ctx 1024): it opens the stream and ends it without a finish.
    wrong_name = OpenAIProvider("no-such-model", base_url=llama_server, timeout=60, retries=0)
    assert run(wrong_name, max_tokens=4)[0].strip()
    huge = (Message("user", "word " * 3000),)
    with pytest.raises(ProviderError, match="ended without finishing; the answer is incomplete") as err:
        list(wrong_name.stream(huge, max_tokens=8, temperature=0))
    assert err.value.kind == "cut"


def test_401_says_to_check_the_key(fake_openai):
    with pytest.raises(ProviderError, match="rejected the API key") as err:
        list(
            OpenAIProvider("auth", api_key="sk-wrong", base_url=fake_openai.url).stream(
                MESSAGES, max_tokens=5, temperature=0
            )
        )
    assert err.value.kind == "auth" and fake_openai.calls["auth"] == 1  # never retried


def test_404_model_not_found(fake_openai):
    with pytest.raises(ProviderError, match="model 'notfound' was not found"):
        list(
            OpenAIProvider("notfound", api_key="k", base_url=fake_openai.url).stream(
                MESSAGES, max_tokens=5, temperature=0
            )
        )


def test_429_then_success_is_retried(fake_openai):
    provider = OpenAIProvider("ratelimit-once", api_key="k", base_url=fake_openai.url, backoff=0.01)
    text, usage, finish = run(provider)
    assert fake_openai.calls["ratelimit-once"] == 2
    assert "Glycerin" in text and usage[0].prompt_tokens == 42 and finish[0].reason == "stop"


def test_5xx_retries_then_explains(fake_openai):
    provider = OpenAIProvider("server-error", api_key="k", base_url=fake_openai.url, retries=2, backoff=0.01)
    with pytest.raises(ProviderError, match="server error") as err:
        run(provider)
    assert err.value.kind == "server" and fake_openai.calls["server-error"] == 3


def test_timeout(fake_openai):
    provider = OpenAIProvider("slow", api_key="k", base_url=fake_openai.url, timeout=0.5, retries=0)
    started = time.monotonic()
    with pytest.raises(ProviderError, match="did not answer in time") as err:
        run(provider)
    assert err.value.kind == "timeout" and time.monotonic() - started < 3


def test_cut_stream_is_reported_after_the_partial_text(fake_openai):
    provider = OpenAIProvider("cut", api_key="k", base_url=fake_openai.url)
    received = []
    with pytest.raises(ProviderError, match="cut|without finishing") as err:
        for event in provider.stream(MESSAGES, max_tokens=5, temperature=0):
            received.append(event)
    assert err.value.kind == "cut"
    assert "".join(e.text for e in received if isinstance(e, TextDelta)).startswith("Glycerin")


def test_refused_connection(tmp_path):
    from optimizer.cache.local_redis import free_port

    provider = OpenAIProvider("m", api_key="k", base_url=f"http://127.0.0.1:{free_port()}/v1", retries=1, backoff=0.01)
    with pytest.raises(ProviderError, match="cannot reach") as err:
        run(provider)
    assert err.value.kind == "connection"


def test_settings_precedence_ui_then_secrets_then_env():
    env = {"OPENAI_API_KEY": "sk-env", "OPENAI_MODEL": "gpt-4o"}
    secrets = {"OPENAI_API_KEY": "sk-secret"}
    assert resolve_settings({}, {}, {}).provider == "local"
    s = resolve_settings({}, {}, env)
    assert (s.provider, s.api_key, s.model, s.source) == ("openai", "sk-env", "gpt-4o", "env")
    assert resolve_settings({}, secrets, env).api_key == "sk-secret"
    assert resolve_settings({"OPENAI_API_KEY": "sk-ui"}, secrets, env).source == "ui"
    assert resolve_settings({"OPTIMIZER_PROVIDER": "local"}, secrets, env).provider == "local"
    assert resolve_settings({}, {"OPENAI_BASE_URL": "http://127.0.0.1:1/v1"}, {}).provider == "openai"
    assert "sk-env" not in repr(s)


def test_openai_without_key_or_url_says_where_to_put_one():
    with pytest.raises(ProviderError, match="OPENAI_API_KEY"):
        make_provider(resolve_settings({"OPTIMIZER_PROVIDER": "openai"}, {}, {}))
