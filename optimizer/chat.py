"""Free-form chat requests (the gateway's ``/v1/chat/completions``) through the pipeline.

The studio's generators fill a template; a chat request brings its own messages. This
module says how such a request maps onto the pipeline, so that the gateway and any other
shell treat it the same way:

* **The "chat" generator.** Its prompt is the caller's messages as written (no template,
  no prose compression); the ledger records it with template ``chat`` and
  ``generator=chat``.
* **Exact key**: the whole message list (roles and text, verbatim: case and spacing
  included, since code and data are in chat messages), the parameters that change an
  answer (temperature, max_tokens, the compression asked for), the endpoint and the model.
* **Guarded semantic match**: the guard compares the *last user message* as the free
  text and, as named fields, the system messages and the earlier turns. So a paraphrase
  of the last question in the same conversation may be served; another number, negation,
  name, or any change in the system prompt or the history may not.
* **Compression on request** (``compress="lossless"``, the gateway's
  ``X-Optimizer-Compress: lossless`` header): every message whose whole text is a JSON
  object or array, and every fenced ```` ```json ```` block, is re-encoded with the
  lossless notation when that is fewer tokens for the model's tokenizer (it is decoded
  back before it is used, so no value changes); prose is never touched. The tokens it
  saves are recorded as prompt optimization (naive = the messages as sent by the caller).

>>> request = ChatRequest.from_openai([{"role": "user", "content": "Hi"}])
>>> (request.generator, request.query, request.level)
('chat', 'Hi', 'none')
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError
from .prompts.optimizer import Confidence, OptimizedPrompt
from .providers.base import Message

CHAT_GENERATOR = "chat"
CHAT_TEMPLATE_ID = "chat"
CHAT_TEMPLATE_VERSION = "c1"  # bump to retire every cached chat answer
COMPRESS_LEVELS = ("none", "lossless")
MAX_MESSAGES = 1_000
MAX_CHAT_CHARS = 2_000_000  # all message text together (~450k tokens: more than any priced model reads)
DEFAULT_CHAT_TEMPERATURE = 1.0  # OpenAI's default when a request gives none
_ROLES = {"system": "system", "developer": "system", "user": "user", "assistant": "assistant"}
_FENCED_JSON = re.compile(r"```json[ \t]*\n(.*?)\n[ \t]*```", re.DOTALL)


def _text_of(content: Any, index: int) -> str:
    """A message's text: a string, or a list of ``{"type": "text", "text": ...}`` parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for part in content:
            if isinstance(part, Mapping) and part.get("type") == "text" and isinstance(part.get("text"), str):
                parts.append(part["text"])
            else:
                kind = part.get("type") if isinstance(part, Mapping) else type(part).__name__
                raise InputError(
                    f"message {index} has a '{kind}' part; this gateway forwards text only: send text parts"
                )
        return "".join(parts)
    if content is None:
        raise InputError(f"message {index} has no content; tool calls are not supported by this gateway")
    raise InputError(f"message {index}'s content must be text or a list of text parts, not {type(content).__name__}")


def parse_messages(raw: Any) -> tuple[Message, ...]:
    """OpenAI-format messages as :class:`Message` values (``developer`` counts as ``system``).

    :raises InputError: not a non-empty list, an unknown or unsupported role (tools), a
        part that is not text, a NUL or lone surrogate, more than ``MAX_MESSAGES`` messages
        or ``MAX_CHAT_CHARS`` characters in all.

    >>> parse_messages([{"role": "developer", "content": [{"type": "text", "text": "Be brief."}]}])
    (Message(role='system', content='Be brief.'),)
    """
    if not isinstance(raw, list) or not raw:
        raise InputError("messages must be a non-empty list of {role, content} objects")
    if len(raw) > MAX_MESSAGES:
        raise InputError(f"{len(raw):,} messages; the limit is {MAX_MESSAGES:,}: send a shorter conversation")
    out, total = [], 0
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping):
            raise InputError(f"message {i} must be an object with role and content")
        role = _ROLES.get(str(item.get("role", "")))
        if role is None:
            raise InputError(
                f"message {i} has role '{item.get('role')}'; use system, developer, user or assistant "
                "(tools are not supported by this gateway)"
            )
        if item.get("tool_calls") or item.get("function_call"):
            raise InputError(f"message {i} has tool calls; tools are not supported by this gateway")
        text = _text_of(item.get("content"), i)
        if "\x00" in text:
            raise InputError(f"message {i} contains a NUL character; send plain text")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"message {i} is not valid Unicode text (a lone surrogate); send UTF-8 text") from None
        total += len(text)
        if total > MAX_CHAT_CHARS:
            raise InputError(
                f"the messages are over {MAX_CHAT_CHARS:,} characters in all; nothing was sent: shorten them"
            )
        out.append(Message(role, text))
    return tuple(out)


def _pack_json(text: str, model: str) -> str | None:
    """``text`` (a JSON object or array) in the lossless notation when that is fewer
    tokens, else None."""
    from .compression import compress

    stripped = text.strip()
    if not stripped or stripped[0] not in "[{":
        return None
    try:
        result = compress(stripped, "lossless", model, measure_similarity=False)
    except InputError:  # not JSON, or JSON the lossless level cannot keep exactly
        return None
    if result.stats.compressed_tokens >= result.stats.original_tokens:
        return None
    return result.output


def compress_message(text: str, model: str) -> str:
    """One message with its JSON losslessly re-encoded (see the module): a message that is
    a JSON document as a whole, else each fenced ```` ```json ```` block.

    >>> compress_message('[{"sku": "A1", "qty": 2}, {"sku": "B2", "qty": 5}]', "gpt-4o")
    '[#sku,qty\\nA1,2\\nB2,5]'
    """
    whole = _pack_json(text, model)
    if whole is not None:
        return whole

    def block(match: re.Match[str]) -> str:
        packed = _pack_json(match.group(1), model)
        return match.group(0) if packed is None else f"```\n{packed}\n```"

    return _FENCED_JSON.sub(block, text) if "```json" in text else text


@dataclass(frozen=True)
class ChatRequest:
    """One chat completion: the messages and what changes the answer, and who asks.

    Duck-types :class:`optimizer.generate.GenerationRequest` where the pipeline reads one
    (``generator``, ``query``, ``context``, ``level``, ``user``, ``keep_text``...).

    :ivar messages: the conversation, as sent.
    :ivar compress: "none" or "lossless" (JSON in messages, see the module).
    :ivar max_tokens: the answer cap, or None for the service's default.
    :ivar temperature: as sent (default 1.0, OpenAI's).
    :ivar use_cache: False: neither read nor write the cache.
    :ivar user: who asks (an API key's name), recorded in the ledger.
    :ivar keep_text: False: the ledger keeps no request or answer text.
    """

    messages: tuple[Message, ...]
    compress: str = "none"
    max_tokens: int | None = None
    temperature: float = DEFAULT_CHAT_TEMPERATURE
    use_cache: bool = True
    user: str = "local"
    keep_text: bool = True
    generator: str = field(default=CHAT_GENERATOR, init=False)

    def __post_init__(self) -> None:
        if self.compress not in COMPRESS_LEVELS:
            raise InputError(f"unknown compression '{self.compress}'; choose one of {', '.join(COMPRESS_LEVELS)}")
        if not self.messages:
            raise InputError("messages must be a non-empty list of {role, content} objects")

    @classmethod
    def from_openai(cls, messages: Any, **options: Any) -> ChatRequest:
        """A request from OpenAI-format messages (see :func:`parse_messages`)."""
        return cls(parse_messages(messages), **options)

    @property
    def level(self) -> str:
        """The compression asked for (the ledger's ``level`` column)."""
        return self.compress

    @property
    def query(self) -> str:
        """The last user message: the free text the guard compares."""
        for message in reversed(self.messages):
            if message.role == "user":
                return message.content
        return ""

    @property
    def context(self) -> dict[str, str]:
        """The system messages and the turns before the last user message, as named fields:
        the guard compares them, the ledger keeps them."""
        last = max((i for i, m in enumerate(self.messages) if m.role == "user"), default=len(self.messages))
        system = "\n".join(m.content for m in self.messages if m.role == "system")
        history = "\n".join(
            f"{m.role}: {m.content}" for i, m in enumerate(self.messages) if m.role != "system" and i != last
        )
        return {k: v for k, v in (("system", system), ("history", history)) if v}

    @property
    def digest(self) -> str:
        """SHA-256 of the whole message list, verbatim (the exact key's heart)."""
        raw = json.dumps([[m.role, m.content] for m in self.messages], ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def prepare_chat(request: ChatRequest, token_model: str, count_tokens: Any = None) -> OptimizedPrompt:
    """The prompt a chat request sends: its messages, losslessly compressed if asked,
    with their tokens before and after (counted by ``token_model``'s tokenizer).

    :param count_tokens: ``(text, model) -> int`` (default :func:`optimizer.tokens.count_tokens`).
    """
    if count_tokens is None:
        from .tokens import count_tokens
    sent: Sequence[Message] = request.messages
    techniques: list[str] = []
    if request.compress == "lossless":
        sent = tuple(Message(m.role, compress_message(m.content, token_model)) for m in request.messages)
        if sent != request.messages:
            techniques.append("json-lossless")
    naive_tokens = sum(count_tokens(m.content, token_model) for m in request.messages)
    optimized_tokens = (
        naive_tokens if sent is request.messages else sum(count_tokens(m.content, token_model) for m in sent)
    )
    naive = "\n\n".join(f"[{m.role}]\n{m.content}" for m in request.messages)
    risk = {"compression_risk": 1.0}  # the messages go as written, or losslessly re-encoded
    confidence = Confidence(1.0, risk, ("free-form chat: the caller's own messages, no template",))
    return OptimizedPrompt(
        CHAT_GENERATOR,
        CHAT_TEMPLATE_ID,
        CHAT_TEMPLATE_VERSION,
        request.compress,
        token_model,
        tuple(sent),
        naive,
        naive_tokens,
        optimized_tokens,
        confidence,
        {},
        0,
        0,
        tuple(techniques),
    )


def cache_fields(request: ChatRequest, max_tokens: int) -> dict[str, Any]:
    """The :class:`~optimizer.cache.CacheRequest` arguments of a chat request, apart from
    model and endpoint (see the module for what each part means)."""
    return {
        "generator": CHAT_GENERATOR,
        # normalize_prompt folds spacing; the digest keeps the verbatim identity.
        "prompt": f"{request.digest}\n{request.messages[-1].content}",
        "params": {"temperature": request.temperature, "max_tokens": max_tokens, "compress": request.compress},
        "context": request.context,
        "template_id": CHAT_TEMPLATE_ID,
        "template_version": CHAT_TEMPLATE_VERSION,
        "query": request.query,
    }
