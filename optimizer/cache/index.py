"""The semantic index: candidates by the guard's canonical form, never by a scan.

Each stored entry writes one small record per guard form (one set for every strategy)
under ``sem:{scope}:{form digest}``, pointing at its entry key. A lookup computes the
request's form and reads that one key: requests the guard would call the same share the
form, so they share the record, and no other record is ever read. The records live in
the store itself (diskcache or Redis), so every process sees the same index, with no
in-process state to rebuild or keep in step.

Consistency with the store:

* a record never proves an answer exists: the lookup reads the entry it points to, so an
  entry that expired, was invalidated or cleared is never served (its record is a miss);
* ``invalidate`` removes the records an entry owns (listed under ``semref:{key}``) when
  they still point at it; ``clear`` removes every record;
* records live as long as their entry can (the longest TTL its hits can earn), so a
  popular entry stays findable.

Two different stored requests with one form answer the same request: the last one
stored owns the record.

With a team secret, records are sealed like entries (HMAC over the record's full key and
bytes): a record planted in a shared Redis could otherwise point one request's form at
another request's validly signed answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from . import keys as K
from .backends import Backend
from .guard import GuardForm, form
from .integrity import RecordStatus, Signer, open_record, seal
from .keys import CacheRequest
from .rewrites import lookup_keys, rewritten, stored_keys


@dataclass(frozen=True)
class IndexRecord:
    """One index record: the entry that answers this form, and the text it was asked with."""

    entry_key: str
    text: str

    def to_bytes(self) -> bytes:
        """The record as stored: compact JSON of the entry key and the canonical text."""
        return json.dumps({"k": self.entry_key, "t": self.text}, ensure_ascii=False).encode()

    @classmethod
    def from_bytes(cls, blob: bytes) -> IndexRecord:
        """Parse a stored record; raises ValueError on anything that is not one."""
        try:
            data = json.loads(blob)
            return cls(str(data["k"]), str(data.get("t", "")))
        except (TypeError, KeyError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"not an index record: {exc}") from exc


def request_form(request: CacheRequest) -> GuardForm:
    """The guard form of a cache request (its query, or prompt, and its fields)."""
    return form(request.query, request.context, generator=request.generator, prompt=request.prompt)


def request_rewrites(request: CacheRequest) -> tuple[tuple[str, GuardForm], ...]:
    """The one-step rewrites of a cache request (see ``cache/rewrites.py``)."""
    return rewritten(request.query, request.context, generator=request.generator, prompt=request.prompt)


def stored_forms(request: CacheRequest) -> list[str]:
    """The form keys a stored request is indexed under (its form, and its rewrites)."""
    return stored_keys(request_form(request), request_rewrites(request))


def lookup_forms(request: CacheRequest) -> list[str]:
    """The form keys a lookup reads, best first (a fixed, small number)."""
    return lookup_keys(request_form(request), request_rewrites(request))


def guard_text(request: CacheRequest) -> str:
    """The free text the guard reads for a request (the query, else the prompt)."""
    return request.prompt if request.query is None else request.query


def bucket_key(request: CacheRequest, form_key: str) -> str:
    """The store key of the index record for this request's scope and form key."""
    return K.full("sem", f"{request.scope}:{form_key}")


class SemanticIndex:
    """Index records in a backend: ``add`` on put, ``find`` on lookup, ``remove`` on invalidate.

    >>> index = SemanticIndex(backend)  # doctest: +SKIP
    >>> index.add(request, ttl=86400)  # doctest: +SKIP
    >>> index.find(paraphrase).entry_key == request.key  # doctest: +SKIP
    True
    """

    def __init__(self, backend: Backend, *, signer: Signer | None = None) -> None:
        self.backend = backend
        self.signer = signer
        self.rejected = 0  # records that failed the team secret's check (counted by the service)

    def records_for(self, request: CacheRequest) -> dict[str, bytes]:
        """The index records ``request`` owns once stored: bucket key -> sealed record bytes."""
        record = IndexRecord(request.key, guard_text(request)).to_bytes()
        out = {}
        # One set of records for every strategy: they compare the same words (guard.py).
        for form_key in stored_forms(request):
            bucket = bucket_key(request, form_key)
            out[bucket] = seal(record, len(record), key=bucket, signer=self.signer)
        return out

    def _open(self, bucket: str, blob: bytes) -> IndexRecord | None:
        opened = open_record(blob, key=bucket, signer=self.signer)
        if opened.status is not RecordStatus.OK:
            if opened.status is RecordStatus.REJECTED:
                self.rejected += 1
            return None
        try:
            return IndexRecord.from_bytes(opened.body)
        except ValueError:
            return None  # a foreign or torn value: a miss, never an answer

    def add(self, request: CacheRequest, *, ttl: float) -> None:
        """Point this request's forms at its entry (raises BackendError if the store fails)."""
        records = self.records_for(request)
        for key, record in records.items():
            self.backend.set(key, record, ttl)
        if records:
            self.backend.set(K.full("semref", request.key), json.dumps(sorted(records)).encode(), ttl)

    def find(self, request: CacheRequest) -> IndexRecord | None:
        """The first record among this request's buckets, best first, if any (one batched
        read of a fixed number of keys; raises BackendError)."""
        buckets = [bucket_key(request, k) for k in lookup_forms(request)]
        if not buckets:
            return None
        for bucket, blob in zip(buckets, self.backend.get_many(buckets), strict=True):
            if (
                blob is not None
                and (record := self._open(bucket, blob)) is not None
                and record.entry_key != request.key
            ):
                return record
        return None

    def remove(self, entry_keys: Iterable[str]) -> int:
        """Remove the records these (user) entry keys own, where they still point at them."""
        keys = list(entry_keys)
        if not keys:
            return 0
        refs = [K.full("semref", k) for k in keys]
        owned: list[tuple[str, str]] = []
        for key, blob in zip(keys, self.backend.get_many(refs), strict=True):
            try:
                owned += [(key, bucket) for bucket in json.loads(blob or b"[]")]
            except (TypeError, ValueError):
                continue
        buckets = [bucket for _, bucket in owned]
        stale = []
        for (key, bucket), blob in zip(owned, self.backend.get_many(buckets), strict=True):
            if blob is None:
                continue
            record = self._open(bucket, blob)
            if record is None or record.entry_key == key:
                stale.append(bucket)
        removed = self.backend.delete(stale)
        self.backend.delete(refs)
        return removed
