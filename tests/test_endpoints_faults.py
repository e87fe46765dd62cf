"""Endpoints that misbehave on a real socket: a stall, a dropped connection, a trickle that
never ends, one endless line; and the generate command's limits. Each failure ends in
the right state with its own sentence, keeps the partial answer, and is never cached."""

from __future__ import annotations

import pytest

from optimizer import providers  # providers.OpenAIProvider imports openai on use: support/once.py
from optimizer.cache import CacheService, DiskBackend
from optimizer.generate import GenerationRequest, GenerationService
from optimizer.ledger import Ledger
from optimizer.providers import FailureKind, Message, ProviderError, StreamOptions, TextDelta
from optimizer.states import EndState
from optimizer.streaming import Limits

MESSAGES = (Message("user", "Formulate a serum."),)
FORM = {"product_type": "serum", "category": "skincare"}


def stream_all(provider, options=None):
    received = []
    with pytest.raises(ProviderError) as err:
        for event in provider.stream(MESSAGES, max_tokens=50, temperature=0, options=options):
            received.append(event)
    return err.value, "".join(e.text for e in received if isinstance(e, TextDelta))


def test_a_stalled_endpoint_is_reported_at_the_deadline_without_retries(raw_endpoint):
    server = raw_endpoint("stall")
    provider = providers.OpenAIProvider("m", base_url=server.url, timeout=0.15, max_retries=2, backoff=0.01)
    error, text = stream_all(provider)
    assert error.kind is FailureKind.TIMEOUT and "did not answer within the 0.15 s deadline" in str(error)
    assert text == "" and len(server.requests) == 1  # the deadline leaves no time for the client's retries


def test_a_stall_mid_answer_is_cut_at_the_deadline_and_keeps_the_text(raw_endpoint):
    server = raw_endpoint("stall-mid")
    provider = providers.OpenAIProvider("m", base_url=server.url, timeout=0.6)
    error, text = stream_all(provider)
    assert error.kind is FailureKind.DEADLINE and error.kind.end_state is EndState.CUT
    assert text.startswith("Aqua | 90") and f"after {error.tokens} tokens" in str(error) and error.tokens > 0


def test_a_dropped_connection_says_so_after_n_tokens(raw_endpoint):
    server = raw_endpoint("cut")
    error, text = stream_all(providers.OpenAIProvider("m", base_url=server.url, timeout=5))
    assert error.kind is FailureKind.DROPPED and error.kind.end_state is EndState.FAILED
    assert f"dropped after {error.tokens} tokens; the partial answer is kept" in str(error)
    assert "is the server running" not in str(error) and text.startswith("Aqua")


def test_one_endless_line_is_cut_by_the_byte_cap(raw_endpoint):
    server = raw_endpoint("line")
    provider = providers.OpenAIProvider("m", base_url=server.url, timeout=20)
    error, _ = stream_all(provider, StreamOptions(max_answer_chars=1000))
    assert error.kind is FailureKind.TOO_LARGE and "size cap" in str(error)
    assert server.sent < 8 << 20  # far less than the 17 MB the server was ready to send


def test_a_17_mb_trickle_is_cut_marked_and_never_cached(raw_endpoint, data_dir):
    server = raw_endpoint("trickle", interval=0.001)
    cache = CacheService(DiskBackend(data_dir / "cache"))
    service = GenerationService(
        providers.OpenAIProvider("m", base_url=server.url, timeout=30),
        cache,
        Ledger(),
        limits=Limits(deadline_s=30, max_answer_chars=20_000),
    )
    generation = service.generate(GenerationRequest("formulation", "", FORM, use_cache=True))
    text = "".join(generation)
    response = generation.response
    assert response.end_state is EndState.CUT and response.error_kind == "too_large"
    assert len(text) == 20_000 and "size cap of 20,000 characters" in response.error
    assert cache.keys() == [] and server.sent < 17 << 20
    assert service.ledger.runs()[0]["complete"] == 0
    cache.close()


def test_a_trickle_past_the_deadline_is_cut(raw_endpoint, data_dir):
    server = raw_endpoint("trickle", interval=0.05)
    service = GenerationService(
        providers.OpenAIProvider("m", base_url=server.url, timeout=0.5), None, Ledger(), limits=Limits(deadline_s=0.5)
    )
    generation = service.generate(GenerationRequest("formulation", "", FORM, use_cache=False))
    text = "".join(generation)
    assert generation.response.end_state is EndState.CUT and text
    assert "deadline" in generation.response.error and generation.response.error_kind == "deadline"


# -- the generate command's limits (in-process: argparse and main() are the point) -----------
BASE = ("generate", "--type", "formulation", "--context", "product_type=serum")


@pytest.fixture
def cli(monkeypatch, data_dir, capsys):
    from optimizer.cli import main

    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPTIMIZER_PROVIDER", "OPTIMIZER_DEADLINE_S"):
        monkeypatch.delenv(name, raising=False)

    def run(*args):
        code = main(list(args))
        return code, capsys.readouterr().err

    return run


@pytest.mark.parametrize(
    "args, words",
    [
        (("--max-tokens", "1000000000"), "between 1 and 16,384"),
        (("--max-tokens", "0"), "between 1 and 16,384"),
        (("--max-tokens", "ten"), "'ten' is not a whole number"),
        (("--timeout", "-1"), "between 0.1 and 3,600 seconds"),
        (("--timeout", "0"), "between 0.1 and 3,600 seconds"),
        (("--timeout", "nan"), "must be a finite number"),
        (("--timeout", "soon"), "'soon' is not a number"),
    ],
)
def test_generate_limits_are_one_line_errors(cli, args, words):
    code, err = cli(*BASE, *args)
    assert code == 2 and words in err and err.count("\n") == 1 and "Traceback" not in err


def test_generate_against_a_stalled_endpoint_exits_with_one_line(cli, raw_endpoint):
    server = raw_endpoint("stall")
    code, err = cli(*BASE, "--provider", "openai", "--base-url", server.url, "--timeout", "0.25", "--no-cache")
    assert code == 1 and "did not answer within the 0.25 s deadline" in err and "Traceback" not in err


def test_a_huge_error_body_is_capped(httpserver):
    httpserver.expect_request("/v1/chat/completions").respond_with_data("x" * (3 << 20), status=500)
    provider = providers.OpenAIProvider("m", base_url=httpserver.url_for("/v1"), max_retries=0)
    error, _ = stream_all(provider)
    assert error.kind is FailureKind.TOO_LARGE
