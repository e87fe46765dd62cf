"""Signed, self-describing cache records: nobody who can write the store can forge an answer.

With a team secret configured (``OPTIMIZER_TEAM_SECRET`` in the environment or in
Streamlit secrets, passed to :meth:`CacheService.from_config`), every record the service
writes carries an HMAC-SHA256 over its *full key* and its bytes; a record whose HMAC does
not verify is *rejected*: a miss, counted, deleted, never served. Binding the key means a
genuine answer cannot be replayed under another request's key. Without a secret, records
are written unsigned and health/stats say so.

Layout (8-byte header, optional 36-byte signature, then the body)::

    b"OC" | version 0x02 | flags (bit 0: signed) | raw length (uint32, big-endian)
    [ key id (4 bytes: sha256(secret)[:4]) | HMAC-SHA256 (32 bytes) ]
    body (zlib-compressed JSON for an answer)

The raw length lets the storage figures be read from the header alone, and bounds the
decompression (a "zip bomb" record is malformed, not a memory blow-up).

>>> signer = Signer(b"team secret")
>>> blob = seal(b"body", 4, key="optimizer:v1:entry:k", signer=signer)
>>> open_record(blob, key="optimizer:v1:entry:k", signer=signer).body
b'body'
>>> open_record(blob, key="optimizer:v1:entry:other", signer=signer).status
<RecordStatus.REJECTED: 'rejected'>
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from dataclasses import dataclass
from enum import StrEnum

SECRET_ENV = "OPTIMIZER_TEAM_SECRET"
MAGIC = b"OC"
VERSION = 2
HEADER = struct.Struct(">2sBBI")  # magic, version, flags, raw length
HEAD_SIZE = HEADER.size  # 8
SIG_SIZE = 4 + 32
FLAG_SIGNED = 1
MAX_RAW = 64 * 2**20  # no record decompresses past 64 MB
_DOMAIN = b"optimizer-cache-record-v2\x00"
_MIN_SECRET = 16


class RecordStatus(StrEnum):
    """What reading a record found."""

    OK = "ok"  # verified (or unsigned and no secret is configured)
    REJECTED = "rejected"  # a secret is configured and the record is unsigned or its HMAC fails
    MALFORMED = "malformed"  # not a record of this layout (torn, foreign, truncated)


@dataclass(frozen=True)
class Signer:
    """Signs and verifies records with one team secret.

    Raises:
        ValueError: for a secret shorter than 16 bytes (too easy to guess offline).
    """

    secret: bytes

    def __post_init__(self) -> None:
        if len(self.secret) < _MIN_SECRET:
            raise ValueError(f"the team secret must be at least {_MIN_SECRET} characters long")

    @property
    def key_id(self) -> bytes:
        """4 bytes that tell which secret signed a record (never the secret itself)."""
        return hashlib.sha256(b"key-id\x00" + self.secret).digest()[:4]

    def mac(self, key: str, header: bytes, body: bytes) -> bytes:
        """HMAC-SHA256 over the domain, the full key, the header and the body."""
        return hmac.new(self.secret, _DOMAIN + key.encode() + b"\x00" + header + body, hashlib.sha256).digest()


def signer_from(secret: str | bytes | None = None) -> Signer | None:
    """The Signer for ``secret``, else for ``$OPTIMIZER_TEAM_SECRET``; None when neither is set.

    Raises:
        ConfigError: for a secret that is too short.
    """
    from ..errors import ConfigError

    value = secret if secret not in (None, "", b"") else os.environ.get(SECRET_ENV, "")
    if not value:
        return None
    raw = value.encode() if isinstance(value, str) else value
    try:
        return Signer(raw)
    except ValueError as exc:
        raise ConfigError(f"{SECRET_ENV}: {exc}; the cache cannot sign its entries") from None


def seal(body: bytes, raw_size: int, *, key: str, signer: Signer | None) -> bytes:
    """``body`` with its header (and signature when ``signer`` is given), ready to store."""
    flags = FLAG_SIGNED if signer is not None else 0
    header = HEADER.pack(MAGIC, VERSION, flags, min(raw_size, 2**32 - 1))
    if signer is None:
        return header + body
    return header + signer.key_id + signer.mac(key, header, body) + body


@dataclass(frozen=True)
class Opened:
    """A record read back: its status, body (empty unless OK) and raw size from the header."""

    status: RecordStatus
    body: bytes = b""
    raw_size: int = 0
    reason: str = ""


def open_record(blob: bytes, *, key: str, signer: Signer | None) -> Opened:
    """Check a stored record against ``key``; never raises.

    With a signer, only a record signed by that secret for that key is OK; without one,
    signed and unsigned records are both OK (nothing to verify against).
    """
    if type(blob) is not bytes or len(blob) < HEAD_SIZE:
        return Opened(RecordStatus.MALFORMED, reason="too short")
    magic, version, flags, raw_size = HEADER.unpack_from(blob)
    if magic != MAGIC or version != VERSION or flags & ~FLAG_SIGNED:
        return Opened(RecordStatus.MALFORMED, reason="not a cache record")
    signed = bool(flags & FLAG_SIGNED)
    start = HEAD_SIZE + (SIG_SIZE if signed else 0)
    if len(blob) < start:
        return Opened(RecordStatus.MALFORMED, reason="truncated signature")
    body = blob[start:]
    if signer is not None:
        if not signed:
            return Opened(RecordStatus.REJECTED, raw_size=raw_size, reason="unsigned")
        if blob[HEAD_SIZE : HEAD_SIZE + 4] != signer.key_id:
            return Opened(RecordStatus.REJECTED, raw_size=raw_size, reason="signed with another secret")
        expected = signer.mac(key, blob[:HEAD_SIZE], body)
        if not hmac.compare_digest(expected, blob[HEAD_SIZE + 4 : start]):
            return Opened(RecordStatus.REJECTED, raw_size=raw_size, reason="signature does not match")
    return Opened(RecordStatus.OK, body, raw_size)


def raw_size_of(head: bytes) -> int | None:
    """The uncompressed size recorded in a record's first 8 bytes; None if not a record."""
    if len(head) < HEAD_SIZE:
        return None
    magic, version, _flags, raw_size = HEADER.unpack_from(head)
    return raw_size if magic == MAGIC and version == VERSION else None
