"""Any OpenAI-compatible endpoint through the official ``openai`` client: OpenAI, Azure
OpenAI, Ollama, vLLM, LM Studio, llama.cpp's server.

Failures before the first token (429, 5xx, a refused connection, a timeout) are retried
with exponential backoff; then the error says what happened and what to do. A failure
after the first token is a cut stream: the caller keeps the partial text.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator, Sequence
from typing import Any

import openai

from ..tokens import choose_encoding, get_encoding
from .base import Event, Finish, Message, ProviderError, TextDelta, UsageReport

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


def _where(base_url: str | None) -> str:
    return base_url or "api.openai.com"


class OpenAIProvider:
    name = "openai"

    def __init__(
        self,
        model: str = DEFAULT_OPENAI_MODEL,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        if not api_key and not base_url:
            raise ProviderError(
                "no API key: set one in the sidebar, in .streamlit/secrets.toml or as "
                "OPENAI_API_KEY (or give an OpenAI-compatible base URL)",
                kind="auth",
            )
        self.model = model
        self.base_url = base_url or None
        self.retries = retries
        self.backoff = backoff
        # Local servers accept any key; the client insists on one.
        self.client = openai.OpenAI(
            api_key=api_key or "not-needed", base_url=self.base_url, timeout=timeout, max_retries=0
        )

    @property
    def endpoint(self) -> str:
        """Where answers come from, without credentials: part of the cache key, so the
        same model name at another base URL never shares answers."""
        from ..redact import redact_url

        return redact_url(self.base_url or "https://api.openai.com/v1").rstrip("/")

    def describe(self) -> str:
        return f"{self.model} at {_where(self.base_url)}"

    def count_tokens(self, text: str) -> int:
        return len(get_encoding(choose_encoding(self.model).encoding_name).encode_ordinary(text))

    def _open(self, messages: Sequence[Message], max_tokens: int, temperature: float) -> Any:
        request = dict(
            model=self.model,
            messages=[{"role": m.role, "content": m.content} for m in messages],
            max_tokens=max_tokens,
            temperature=temperature,
            stream=True,
            stream_options={"include_usage": True},
        )
        attempt = 0
        while True:
            try:
                return self.client.chat.completions.create(**request)
            except openai.APIError as exc:
                error = self._translate(exc)
                if not error.retryable or attempt >= self.retries:
                    raise error from None
                delay = self.backoff * (2**attempt) * (1 + random.random() / 4)
                retry_after = _retry_after(exc)
                time.sleep(min(max(delay, retry_after or 0), 30))
                attempt += 1

    def stream(self, messages: Sequence[Message], *, max_tokens: int, temperature: float) -> Iterator[Event]:
        stream = self._open(messages, max_tokens, temperature)
        reason = None
        try:
            for chunk in stream:
                usage = getattr(chunk, "usage", None)
                if usage is not None:
                    details = getattr(usage, "prompt_tokens_details", None)
                    cached = getattr(details, "cached_tokens", 0) or 0
                    yield UsageReport(usage.prompt_tokens, usage.completion_tokens, cached)
                for choice in chunk.choices or []:
                    text = getattr(choice.delta, "content", None) if choice.delta else None
                    if text:
                        yield TextDelta(text)
                    if choice.finish_reason:
                        reason = choice.finish_reason
        except openai.APIError as exc:
            raise ProviderError(
                f"the stream from {_where(self.base_url)} was cut: {self._translate(exc)}", kind="cut"
            ) from None
        except Exception as exc:  # httpx protocol errors when the server drops the connection
            raise ProviderError(
                f"the stream from {_where(self.base_url)} was cut ({type(exc).__name__}: {exc})", kind="cut"
            ) from None
        finally:
            close = getattr(stream, "close", None)
            if close:
                close()
        if reason is None:
            raise ProviderError(
                f"the stream from {_where(self.base_url)} ended without finishing; the answer is incomplete", kind="cut"
            )
        yield Finish(reason)

    def _translate(self, exc: openai.APIError) -> ProviderError:
        where = _where(self.base_url)
        if isinstance(exc, openai.AuthenticationError):
            return ProviderError(
                f"{where} rejected the API key (401): check the key in the sidebar, secrets or OPENAI_API_KEY",
                kind="auth",
            )
        if isinstance(exc, openai.PermissionDeniedError):
            return ProviderError(f"{where} denied access (403): the key lacks access to {self.model}", kind="auth")
        if isinstance(exc, openai.NotFoundError):
            return ProviderError(
                f"model '{self.model}' was not found at {where} (404): check the model name", kind="not_found"
            )
        if isinstance(exc, openai.RateLimitError):
            return ProviderError(
                f"{where} is rate-limiting requests (429) after {self.retries} retries: "
                "wait a minute or use a cached answer",
                kind="rate_limit",
                retryable=True,
            )
        if isinstance(exc, openai.APITimeoutError):
            return ProviderError(
                f"{where} did not answer in time: try again, or raise the timeout", kind="timeout", retryable=True
            )
        if isinstance(exc, openai.APIConnectionError):
            return ProviderError(
                f"cannot reach {where}: is the server running and the base URL right?",
                kind="connection",
                retryable=True,
            )
        if isinstance(exc, openai.InternalServerError) or getattr(exc, "status_code", 0) >= 500:
            return ProviderError(
                f"{where} had a server error ({getattr(exc, 'status_code', '5xx')}) after "
                f"{self.retries} retries: try again later",
                kind="server",
                retryable=True,
            )
        if isinstance(exc, openai.BadRequestError):
            return ProviderError(f"{where} refused the request (400): {_short(exc)}", kind="bad_request")
        return ProviderError(f"{where} failed: {_short(exc)}", kind="error")


def _retry_after(exc: openai.APIError) -> float | None:
    response = getattr(exc, "response", None)
    value = response.headers.get("retry-after") if response is not None else None
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) < 300 else text[:297] + "..."
