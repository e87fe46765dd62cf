"""The stored answer and its record: JSON in zlib in a signed record, checked field by field.

One entry per request key. The record layout and its HMAC live in :mod:`.integrity`;
this module says what an answer holds and refuses anything else (a JSON list, a field of
the wrong type, a body larger than its header says). Nothing is unpickled.

>>> answer = CachedAnswer({"text": "hi"}, "formulation", "gpt-4o", "a serum", 0.0)
>>> blob, _ = answer.to_bytes(key="optimizer:v1:entry:k")
>>> CachedAnswer.from_bytes(blob, key="optimizer:v1:entry:k").payload
{'text': 'hi'}
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from typing import Any

from .integrity import MAX_RAW, RecordStatus, Signer, open_record, seal

_NUMBER = (int, float)


class MalformedEntry(ValueError):
    """A stored answer that is not of this layout (raised by :meth:`CachedAnswer.from_body`)."""


@dataclass(frozen=True)
class CachedAnswer:
    """What is stored per entry: the answer and what producing it cost."""

    payload: Any
    generator: str
    model: str
    prompt: str
    created: float
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    latency_ms: float = 0.0
    template_id: str = ""

    def to_body(self) -> tuple[bytes, int]:
        """(zlib-compressed JSON, its size before zlib): the record body, unsigned."""
        raw = json.dumps(self.__dict__, ensure_ascii=False, separators=(",", ":")).encode()
        return zlib.compress(raw, 6), len(raw)

    def to_bytes(self, *, key: str, signer: Signer | None = None) -> tuple[bytes, int]:
        """(the record stored at the full ``key``, its raw size), signed when ``signer`` is given."""
        body, raw_size = self.to_body()
        return seal(body, raw_size, key=key, signer=signer), raw_size

    @classmethod
    def from_bytes(cls, blob: bytes, *, key: str, signer: Signer | None = None) -> CachedAnswer:
        """The answer in a record read at the full ``key``.

        Raises:
            MalformedEntry: the record is not of this layout, or (with ``signer``) fails its HMAC;
                ``args[1]`` is the :class:`RecordStatus` (``malformed`` or ``rejected``).
        """
        opened = open_record(blob, key=key, signer=signer)
        if opened.status is not RecordStatus.OK:
            raise MalformedEntry(opened.reason, opened.status)
        return cls.from_body(opened.body, opened.raw_size)

    @classmethod
    def from_body(cls, body: bytes, raw_size: int) -> CachedAnswer:
        """Parse a record body, checking every field's type (never trusting the store).

        Raises:
            MalformedEntry: not zlib, larger than its header says, not a JSON object, or a
                field of the wrong type.
        """
        try:
            inflate = zlib.decompressobj()
            raw = inflate.decompress(body, min(raw_size, MAX_RAW) + 1)
            if len(raw) != raw_size or inflate.unconsumed_tail:
                raise MalformedEntry("size does not match its header", RecordStatus.MALFORMED)
            data = json.loads(raw, parse_constant=_no_constant)
        except (zlib.error, ValueError, RecursionError) as exc:
            if isinstance(exc, MalformedEntry):
                raise
            raise MalformedEntry(f"not a stored answer ({type(exc).__name__})", RecordStatus.MALFORMED) from None
        if not isinstance(data, dict):
            raise MalformedEntry("not a JSON object", RecordStatus.MALFORMED)
        fields = {}
        for name, kind, required in _FIELDS:
            if name not in data:
                if required:
                    raise MalformedEntry(f"missing {name}", RecordStatus.MALFORMED)
                continue
            value = data[name]
            if kind is not None and (not isinstance(value, kind) or isinstance(value, bool)):
                raise MalformedEntry(f"{name} has the wrong type", RecordStatus.MALFORMED)
            fields[name] = value
        return cls(**fields)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


# (field, type or None for any JSON value, required); unknown fields are ignored (newer writers).
_FIELDS = (
    ("payload", None, True),
    ("generator", str, True),
    ("model", str, True),
    ("prompt", str, True),
    ("created", _NUMBER, True),
    ("input_tokens", int, False),
    ("output_tokens", int, False),
    ("cost_usd", _NUMBER, False),
    ("latency_ms", _NUMBER, False),
    ("template_id", str, False),
)
