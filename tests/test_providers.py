"""Providers: the embedded model, an OpenAI-compatible endpoint, which key goes where,
and one sentence for every failure."""

from __future__ import annotations

import pytest

from optimizer import providers  # providers.OpenAIProvider imports openai on use: support/once.py
from optimizer.errors import ConfigError
from optimizer.providers import (
    EndpointNotAllowed,
    FailureKind,
    Finish,
    LocalProvider,
    Message,
    ProviderError,
    StreamOptions,
    TextDelta,
    UsageReport,
    make_provider,
    resolve_settings,
    user_endpoints_allowed,
)

MESSAGES = (Message("system", "You are brief."), Message("user", "Name two humectants."))
OPERATOR_KEY = "sk-operator-SECRET-0123456789abcdef"


def run(provider, *, max_tokens=16, options=None):
    events = list(provider.stream(MESSAGES, max_tokens=max_tokens, temperature=0.0, options=options))
    text = "".join(e.text for e in events if isinstance(e, TextDelta))
    usage = [e for e in events if isinstance(e, UsageReport)]
    finish = [e for e in events if isinstance(e, Finish)]
    return text, usage, finish


def fail(provider, **kw) -> ProviderError:
    with pytest.raises(ProviderError) as err:
        run(provider, **kw)
    return err.value


# -- the embedded model ---------------------------------------------------------------------
@pytest.mark.model
def test_local_model_streams_real_text_with_exact_usage():
    provider = LocalProvider()
    text, usage, finish = run(provider, max_tokens=12)
    assert text.strip() and finish and finish[0].reason in ("stop", "length")
    assert usage[0].completion_tokens == provider.count_tokens(text) <= 12
    assert usage[0].prompt_tokens > provider.count_tokens("Name two humectants.")


@pytest.mark.model
def test_local_model_follows_a_json_schema():
    import json

    schema = {
        "type": "object",
        "properties": {"rows": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 2}},
        "required": ["rows"],
        "additionalProperties": False,
    }
    text, _, finish = run(LocalProvider(), max_tokens=60, options=StreamOptions(schema=schema))
    assert finish[0].reason == "stop"
    assert isinstance(json.loads(text)["rows"], list)


# -- an OpenAI-compatible endpoint ------------------------------------------------------------
@pytest.mark.model
@pytest.mark.slow
def test_openai_provider_against_llama_cpp_server(llama_server):
    provider = providers.OpenAIProvider("smollm2", base_url=llama_server, timeout=60)
    text, _, finish = run(provider, max_tokens=12)
    assert text.strip() and finish
    # A prompt longer than the server's context (n_ctx 1024): it opens the stream and
    # ends it without a finish, which reads as a dropped connection, not a crash.
    huge = (Message("user", "word " * 3000),)
    with pytest.raises(ProviderError, match="dropped") as err:
        list(provider.stream(huge, max_tokens=8, temperature=0))
    assert err.value.kind is FailureKind.DROPPED


def test_a_stream_with_usage_and_finish(fake_openai):
    text, usage, finish = run(providers.OpenAIProvider("ok", api_key="k", base_url=fake_openai.url))
    assert text.startswith("Glycerin") and usage[0].prompt_tokens == 42 and finish[0].reason == "stop"


@pytest.mark.parametrize(
    "model, kind, words",
    [
        ("auth", FailureKind.AUTH, "rejected the API key (401)"),
        ("forbidden", FailureKind.FORBIDDEN, "refused access (403)"),
        ("notfound", FailureKind.NOT_FOUND, "has no model 'notfound'"),
        ("server-error", FailureKind.SERVER, "server error (500), still after 2 retries"),
        ("ratelimit", FailureKind.RATE_LIMIT, "rate-limiting requests (429), still after 2 retries"),
        ("html", FailureKind.NOT_OPENAI, "answered with an HTML page, not an OpenAI-compatible API"),
        ("redirect", FailureKind.REDIRECT, "redirects are not followed"),
    ],
)
def test_each_status_has_its_own_sentence(fake_openai, model, kind, words):
    error = fail(providers.OpenAIProvider(model, api_key="k", base_url=fake_openai.url))
    assert error.kind is kind and words in str(error)
    assert "\n" not in str(error)


def test_the_client_retries_by_itself_and_stops(fake_openai):
    # The official client's own retries (max_retries=2): 3 calls, then the sentence.
    fail(providers.OpenAIProvider("server-error", api_key="k", base_url=fake_openai.url, max_retries=2))
    assert fake_openai.calls["server-error"] == 3
    assert fake_openai.calls.get("auth", 0) == 0
    fail(providers.OpenAIProvider("auth", api_key="k", base_url=fake_openai.url))
    assert fake_openai.calls["auth"] == 1  # a 401 is never retried


def test_429_then_success_is_retried(fake_openai):
    text, usage, _ = run(providers.OpenAIProvider("ratelimit-once", api_key="k", base_url=fake_openai.url))
    assert fake_openai.calls["ratelimit-once"] == 2 and "Glycerin" in text and usage[0].prompt_tokens == 42


def test_a_redirect_is_not_followed(fake_openai, httpserver):
    from pytest_httpserver import HTTPServer

    elsewhere = HTTPServer(host="127.0.0.1", port=0)
    elsewhere.start()
    try:
        elsewhere.expect_request("/v1/chat/completions").respond_with_data("should not be reached")
        fake_openai.redirect_to = elsewhere.url_for("/v1/chat/completions")
        error = fail(providers.OpenAIProvider("redirect", api_key=OPERATOR_KEY, base_url=fake_openai.url))
        assert error.kind is FailureKind.REDIRECT and len(elsewhere.log) == 0
    finally:
        elsewhere.clear()
        elsewhere.stop()


def test_refused_connection_says_nothing_listens():
    from optimizer.cache.local_redis import free_port

    provider = providers.OpenAIProvider("m", api_key="k", base_url=f"http://127.0.0.1:{free_port()}/v1", backoff=0.01)
    error = fail(provider)
    assert error.kind is FailureKind.REFUSED and "nothing is listening" in str(error)


def test_structured_output_is_asked_for_and_a_refusal_falls_back_once(fake_openai):
    schema = {"type": "object", "properties": {"rows": {"type": "array"}}}
    ok = providers.OpenAIProvider("json", api_key="k", base_url=fake_openai.url)
    text, _, _ = run(ok, options=StreamOptions(schema=schema))
    assert fake_openai.requests[-1]["body"]["response_format"]["type"] == "json_schema"
    assert ok.structured_support is True and text.startswith('{"rows"')
    refusing = providers.OpenAIProvider("no-schema", api_key="k", base_url=fake_openai.url)
    text, _, _ = run(refusing, options=StreamOptions(schema=schema))
    assert text.startswith("Glycerin") and refusing.structured_support is False
    assert fake_openai.calls["no-schema"] == 2
    run(refusing, options=StreamOptions(schema=schema))  # remembered: asked once, in text
    assert fake_openai.calls["no-schema"] == 3 and "response_format" not in fake_openai.requests[-1]["body"]


def test_describe_and_errors_never_show_credentials(fake_openai):
    url = fake_openai.url.replace("http://", "http://user:PASSWORD123@") + "?api-key=QUERYSECRET"
    provider = providers.OpenAIProvider("notfound", api_key=OPERATOR_KEY, base_url=url)
    error = fail(provider)
    for text in (provider.describe(), provider.endpoint, str(error)):
        assert "PASSWORD123" not in text and "QUERYSECRET" not in text and OPERATOR_KEY not in text


def test_a_query_on_the_base_url_goes_on_every_request_after_the_path(fake_openai, httpserver):
    """ "https://host/v1?api-version=1" calls /v1/chat/completions?api-version=1, not a path
    glued after the query (which the endpoint answered with 500s and retries)."""
    provider = providers.OpenAIProvider(
        "gpt-4o", api_key=OPERATOR_KEY, base_url=fake_openai.url + "?api-version=2024-06-01"
    )
    text, _, finish = run(provider)
    assert text and finish[0].reason == "stop"
    request = httpserver.log[-1][0]
    assert request.path == "/v1/chat/completions" and request.args.get("api-version") == "2024-06-01"


# -- which key goes where -----------------------------------------------------------------
def test_settings_precedence_ui_then_secrets_then_env():
    env = {"OPENAI_API_KEY": "sk-env", "OPENAI_MODEL": "gpt-4o"}
    secrets = {"OPENAI_API_KEY": "sk-secret"}
    assert resolve_settings({}, {}, {}).provider == "local"
    s = resolve_settings({}, {}, env)
    assert (s.provider, s.api_key, s.model, s.source, s.key_owner) == ("openai", "sk-env", "gpt-4o", "env", "operator")
    assert s.base_url == "" and s.endpoint == "https://api.openai.com/v1" and s.endpoint_owner == "operator"
    assert resolve_settings({}, secrets, env).api_key == "sk-secret"
    visitor = resolve_settings({"OPENAI_API_KEY": "sk-ui"}, secrets, env)
    assert (visitor.source, visitor.api_key, visitor.key_owner) == ("ui", "sk-ui", "visitor")
    assert resolve_settings({"OPTIMIZER_PROVIDER": "local"}, secrets, env).provider == "local"
    assert "sk-env" not in repr(s)


@pytest.mark.parametrize(
    "typed",
    [
        "http://127.0.0.1:{port}/v1",
        "http://127.0.0.1:{port}/v1/",
        "HTTP://127.0.0.1:{port}/V1",
        "http://api.openai.com@127.0.0.1:{port}/v1",
        "http://user:pw@127.0.0.1:{port}/v1",
        "http://127.0.0.1:{port}/v1?x=https://api.openai.com/v1",
        "http://127.0.0.1:{port}/v1#@api.openai.com",
        "http://127.1:{port}/v1",
        "http://localhost:{port}/v1",
        "http://[::ffff:127.0.0.1]:{port}/v1",
        "http://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54:{port}/v1",  # IDN: fullwidth "localhost"
    ],
)
def test_the_operator_key_never_reaches_a_visitor_endpoint(fake_openai, typed):
    port = fake_openai.server.port
    env = {"OPENAI_API_KEY": OPERATOR_KEY, "OPENAI_ORG_ID": "org-operator", "OPENAI_CUSTOM_HEADERS": "X-Token: t0k"}
    try:
        settings = resolve_settings({"OPENAI_BASE_URL": typed.format(port=port), "OPENAI_MODEL": "ok"}, {}, env)
    except ConfigError:  # a spelling the HTTP client would not accept either: nothing is sent
        assert fake_openai.requests == []
        return
    assert settings.endpoint_owner == "visitor" and settings.api_key == ""
    try:
        run(make_provider(settings, timeout=5, backoff=0.01))
    except ProviderError:
        pass  # some spellings cannot connect at all; what matters is what arrived
    for request in fake_openai.requests:
        seen = " ".join(f"{k}: {v}" for k, v in request["headers"].items())
        assert OPERATOR_KEY not in seen and "org-operator" not in seen and "t0k" not in seen
        assert "authorization" not in {k.lower() for k in request["headers"]}


def test_the_visitor_key_goes_to_the_visitor_endpoint_and_no_further(fake_openai):
    settings = resolve_settings(
        {"OPENAI_BASE_URL": fake_openai.url, "OPENAI_API_KEY": "sk-visitor-own", "OPENAI_MODEL": "ok"},
        {},
        {"OPENAI_API_KEY": OPERATOR_KEY},
    )
    run(make_provider(settings))
    assert fake_openai.requests[-1]["headers"]["Authorization"] == "Bearer sk-visitor-own"


def test_the_operator_key_goes_to_the_operator_endpoint_as_written(fake_openai):
    env = {"OPENAI_API_KEY": OPERATOR_KEY, "OPENAI_BASE_URL": fake_openai.url}
    # The visitor types the same endpoint in another spelling: it is the operator's, and
    # requests go to the URL the operator wrote.
    typed = fake_openai.url.replace("http://", "HTTP://") + "/"
    settings = resolve_settings({"OPENAI_BASE_URL": typed, "OPENAI_MODEL": "ok"}, {}, env)
    assert settings.endpoint_owner == "operator" and settings.base_url == fake_openai.url
    run(make_provider(settings))
    assert fake_openai.requests[-1]["headers"]["Authorization"] == f"Bearer {OPERATOR_KEY}"


def test_visitor_endpoints_can_be_switched_off():
    env = {"OPENAI_API_KEY": OPERATOR_KEY}
    ui = {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}
    with pytest.raises(EndpointNotAllowed, match="does not allow your own endpoints"):
        resolve_settings(ui, {}, env, allow_user_endpoints=False)
    with pytest.raises(EndpointNotAllowed):
        resolve_settings(ui, {"OPTIMIZER_ALLOW_USER_ENDPOINTS": "false"}, env)
    assert resolve_settings(ui, {}, env, allow_user_endpoints=True).endpoint_owner == "visitor"
    assert user_endpoints_allowed({}, {}, default=False) is False
    assert user_endpoints_allowed({}, {"OPTIMIZER_ALLOW_USER_ENDPOINTS": "yes"}, default=False) is True
    with pytest.raises(ConfigError, match="true or false"):
        user_endpoints_allowed({}, {"OPTIMIZER_ALLOW_USER_ENDPOINTS": "maybe"}, default=False)


@pytest.mark.parametrize("bad", ["ftp://host/v1", "file:///etc/passwd", "not a url", "http:///v1"])
def test_a_base_url_must_be_http(bad):
    with pytest.raises(ConfigError, match="base URL"):
        resolve_settings({"OPENAI_BASE_URL": bad}, {}, {})


def test_openai_without_key_or_url_says_where_to_put_one():
    with pytest.raises(ProviderError, match="OPENAI_API_KEY"):
        make_provider(resolve_settings({"OPTIMIZER_PROVIDER": "openai"}, {}, {}))


# -- the embedded model's queue (a scripted llama stands in: the queue is the point) -------
class ScriptedLlama:
    """Stands in for llama_cpp.Llama: streams ``words`` one per ``delay`` seconds."""

    def __init__(self, words=("a ", "b ", "c ", "d "), delay=0.02, crash=False):
        self.words, self.delay, self.crash = words, delay, crash

    def tokenize(self, data, add_bos=False, special=False):
        return data.split()

    def create_chat_completion(self, **kwargs):
        import time

        for word in self.words:
            time.sleep(self.delay)
            if self.crash:
                raise RuntimeError("ggml assertion failed")
            yield {"choices": [{"delta": {"content": word}, "finish_reason": None}]}
        yield {"choices": [{"delta": {}, "finish_reason": "stop"}]}


@pytest.fixture
def scripted(monkeypatch):
    # The worker and the reader poll their handoff every _TICK_S (0.25 s), and a caller in
    # line is told its place every _QUEUE_TELL_S (0.5 s); short ones only make these tests
    # wait less for the ends they check (the idle and queue rules are the same).
    monkeypatch.setattr("optimizer.providers.local._TICK_S", 0.01)
    monkeypatch.setattr("optimizer.providers.local._QUEUE_TELL_S", 0.02)

    def use(**kwargs):
        llama = ScriptedLlama(**kwargs)
        monkeypatch.setattr("optimizer.providers.local.load_model", lambda: llama)
        return llama

    return use


def test_a_waiting_caller_is_told_how_many_are_ahead(scripted):
    import threading

    from optimizer.providers import Dequeued, Queued, exclusive_model

    scripted(delay=0.01)
    holding, release = threading.Event(), threading.Event()

    def hold():
        with exclusive_model():  # e.g. the compression engineer scoring tokens
            holding.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(5)
    events = LocalProvider().stream(MESSAGES, max_tokens=8, temperature=0)
    first = next(events)
    release.set()
    rest = list(events)
    holder.join(5)
    assert first == Queued(1)
    assert any(isinstance(e, Dequeued) and e.waited_s > 0 for e in rest)
    assert "".join(e.text for e in rest if isinstance(e, TextDelta)) == "a b c d "


def test_a_paused_reader_gives_up_the_model_and_its_answer_is_cut(scripted):
    import threading

    from optimizer.states import EndState
    from optimizer.streaming import StreamingResponse

    # More words than the handoff holds (32), so the paused reader's worker must wait for it.
    scripted(words=tuple(f"w{i} " for i in range(60)), delay=0.001)
    provider = LocalProvider(idle_s=0.3)

    def response():
        return StreamingResponse(
            provider.stream(MESSAGES, max_tokens=80, temperature=0),
            provider="local",
            model="local",
            prompt_tokens=3,
            count_tokens=lambda t: len(t.split()),
            price=lambda *a: 0.0,
        )

    paused = response()
    reading = iter(paused)
    assert next(reading) == "w0 "  # ... and then the reader stops reading
    other = response()
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("text", "".join(other)))
    worker.start()
    worker.join(10)
    assert other.end_state is EndState.COMPLETE and result["text"].startswith("w0 w1")
    rest = "".join(reading)  # the paused reader comes back
    assert paused.end_state is EndState.CUT and paused.error_kind == "paused"
    assert "moved on to the next request" in paused.error and rest  # the buffered part is kept


def test_a_crash_in_the_embedded_model_is_a_failure_and_frees_the_model(scripted):
    from optimizer.providers import MODEL_QUEUE

    scripted(crash=True)
    error = fail(LocalProvider())
    assert error.kind is FailureKind.CRASH and "ggml assertion failed" in str(error)
    assert MODEL_QUEUE.depth == 0


def test_closing_the_stream_frees_the_model(scripted):
    import time

    from optimizer.providers import MODEL_QUEUE

    scripted(words=tuple(f"w{i} " for i in range(200)), delay=0.005)
    events = LocalProvider().stream(MESSAGES, max_tokens=300, temperature=0)
    next(events)
    events.close()
    for _ in range(200):  # the worker notices within a chunk or two
        if MODEL_QUEUE.depth == 0:
            break
        time.sleep(0.01)
    assert MODEL_QUEUE.depth == 0


def test_retries_never_sleep_past_the_deadline_and_keep_the_real_cause(fake_openai):
    # A huge backoff: the client's sleep is cut at the deadline, and the retry the
    # deadline leaves no time for reports the real failure, not a vague timeout.
    provider = providers.OpenAIProvider(
        "server-error", api_key="k", base_url=fake_openai.url, timeout=0.3, backoff=1000
    )
    error = fail(provider)
    assert error.kind is FailureKind.SERVER and fake_openai.calls["server-error"] == 1


def test_generation_uses_fewer_threads_on_a_busy_machine_and_restores_them(monkeypatch):
    from types import SimpleNamespace

    from optimizer.providers import local

    calls = []
    llm = SimpleNamespace(
        context_params=SimpleNamespace(n_threads=2, n_threads_batch=2),
        _ctx=SimpleNamespace(set_n_threads=lambda a, b: calls.append((a, b))),
    )
    monkeypatch.setattr(local.os, "getloadavg", lambda: (5.0, 5.0, 5.0))
    monkeypatch.setattr(local.os, "cpu_count", lambda: 2)
    with local._threads_for_load(llm):
        assert calls == [(1, 1)]
    assert calls == [(1, 1), (2, 2)]
    monkeypatch.setattr(local.os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    with local._threads_for_load(llm):
        pass
    assert calls == [(1, 1), (2, 2)]  # an idle machine keeps the configured threads


def test_a_read_timeout_after_tokens_is_a_cut_at_the_deadline_not_a_silent_endpoint():
    """The client's read timer can end a stalled answer before the transport's deadline
    does (seen in whole-suite runs): after tokens it is the same cut, said the same way."""
    import httpx2

    from optimizer.providers import openai_compatible
    from optimizer.states import EndState

    exc = httpx2.ReadTimeout("read timed out")
    kind, text = openai_compatible._describe(exc, "http://127.0.0.1:9/v1", "m", 0.6, 19, 2)
    assert kind is FailureKind.DEADLINE and kind.end_state is EndState.CUT
    assert "cut at the 0.6 s deadline after 19 tokens" in text and "did not answer" not in text
    kind, text = openai_compatible._describe(exc, "http://127.0.0.1:9/v1", "m", 0.6, 0, 2)
    assert kind is FailureKind.TIMEOUT and "did not answer within the 0.6 s deadline" in text
