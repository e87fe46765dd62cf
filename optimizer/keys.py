"""API keys for the gateway: created once, stored only as a hash, checked on every request.

A key is ``osk-`` followed by 43 characters of base64url (32 random bytes from
:mod:`secrets`). Only its SHA-256 is stored, in the ledger's database (the ``api_keys``
table, migration 3): SQLite by default, PostgreSQL when ``OPTIMIZER_DATABASE_URL`` is set,
so every gateway instance sees the same keys and a revocation applies to all of them at
the next request. A key is found by its hash and the hashes are compared once more in
constant time; the key itself is never written anywhere.

Each key has a name (what the ledger records as the run's ``user``), a role
(:class:`optimizer.auth.Role`) and, optionally, its own rate limit and spend budget that
override the gateway's defaults (see :mod:`optimizer.quotas`).

>>> import tempfile, pathlib
>>> from optimizer.ledger import Ledger
>>> keys = KeyStore(Ledger(pathlib.Path(tempfile.mkdtemp()) / "ledger.sqlite3"))
>>> created = keys.create("notebook", Role.ANALYST)
>>> keys.verify(created.secret).name
'notebook'
>>> keys.revoke("notebook").revoked
True
>>> keys.verify(created.secret) is None
True
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .auth import Principal, Role
from .errors import InputError, OptimizerError, parse_choice
from .ledger import Ledger, LedgerError

KEY_PREFIX = "osk-"
_KEY_SHAPE = re.compile(r"^osk-[A-Za-z0-9_-]{43}$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_SHOWN_CHARS = 8  # characters of a key kept (as its prefix) to tell keys apart in a list
_COLUMNS = "id, name, role, key_hash, prefix, created_at, revoked_at, rate_limit, budget_usd"


class KeysError(OptimizerError):
    """A key operation cannot be done (unknown name, a name in use, the database down)."""


def hash_key(secret: str) -> str:
    """The SHA-256 (hex) of a key: what the table stores and looks keys up by.

    >>> hash_key("osk-x")[:12]
    '7809360b9998'
    """
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def new_secret() -> str:
    """A new key: ``osk-`` and 32 random bytes as base64url (43 characters)."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def check_name(name: str) -> str:
    """``name`` if it can name a key (1-64 letters, digits and ``._@-``, starting with a
    letter or digit), else :class:`InputError`."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InputError(
            f"'{name}' cannot name a key: use 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a "
            "letter or digit"
        )
    return name


@dataclass(frozen=True)
class ApiKey:
    """One key as stored (never the key itself).

    :ivar name: the caller's name, recorded as ``user`` on every run it makes.
    :ivar role: what it may do (:func:`optimizer.auth.allowed`).
    :ivar prefix: the key's first characters, e.g. ``osk-3fQa``.
    :ivar rate_limit: its own rate limit (``"60/minute"``), or ``""`` for the default.
    :ivar budget_usd: its own spend budget per period, or ``None`` for the default.
    """

    id: int
    name: str
    role: Role
    key_hash: str
    prefix: str
    created_at: str
    revoked_at: str | None = None
    rate_limit: str = ""
    budget_usd: float | None = None

    @property
    def revoked(self) -> bool:
        """Whether the key was revoked (it then authenticates no one)."""
        return self.revoked_at is not None

    @property
    def principal(self) -> Principal:
        """Who is asking, for :func:`optimizer.auth.allowed` and the ledger."""
        return Principal(self.name, self.role, "api-key")

    def as_dict(self) -> dict[str, Any]:
        """What ``keys list`` shows: everything but the hash."""
        return {
            "name": self.name,
            "role": self.role.value,
            "prefix": self.prefix,
            "created_at": self.created_at,
            "revoked_at": self.revoked_at,
            "rate_limit": self.rate_limit or "default",
            "budget_usd": "default" if self.budget_usd is None else self.budget_usd,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ApiKey:
        """The key as stored in a ledger row (the hash, never the key itself)."""
        budget = row.get("budget_usd")
        return cls(
            int(row["id"]),
            str(row["name"]),
            Role(row["role"]),
            str(row["key_hash"]),
            str(row["prefix"]),
            str(row["created_at"]),
            row.get("revoked_at"),
            str(row.get("rate_limit") or ""),
            None if budget is None else float(budget),
        )


@dataclass(frozen=True)
class CreatedKey:
    """A key just made: ``secret`` is shown once and never stored."""

    key: ApiKey
    secret: str


class KeyStore:
    """The ``api_keys`` table of a ledger's database.

    :param ledger: the ledger whose database holds the keys (it applies the migration).

    Every method raises :class:`KeysError` (one sentence) when the database cannot be
    reached; :meth:`verify` too, so a gateway refuses requests rather than let them in.
    """

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._any_key = False  # once a key exists, it always does (revoked keys stay)

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        try:
            return self.ledger.query(sql, args)
        except LedgerError as exc:
            raise KeysError(f"the API keys live in the ledger's database, which cannot be used: {exc}") from None

    @property
    def location(self) -> str:
        """Where the keys are (the ledger's file, or its database URL without password)."""
        return self.ledger.target

    def create(
        self,
        name: str,
        role: Role | str,
        *,
        rate_limit: str = "",
        budget_usd: float | None = None,
    ) -> CreatedKey:
        """Make a key for ``name``; the returned ``secret`` is the only copy.

        :raises InputError: a bad name or role, or a bad rate limit or budget.
        :raises KeysError: ``name`` already has a key that is not revoked, or the database is down.
        """
        from .quotas import parse_budget, parse_rate

        check_name(name)
        role = parse_choice(Role, role, "role") if not isinstance(role, Role) else role
        if rate_limit:
            parse_rate(rate_limit)
        if budget_usd is not None:
            parse_budget(budget_usd)
        if self.find(name) is not None:
            raise KeysError(f"'{name}' already has a key; revoke it first (python -m optimizer keys revoke {name})")
        secret = new_secret()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            rows = self.ledger.query(
                f"INSERT INTO api_keys (name, role, key_hash, prefix, created_at, revoked_at, rate_limit, budget_usd) "
                f"VALUES (?, ?, ?, ?, ?, NULL, ?, ?) RETURNING {_COLUMNS}",
                (name, role.value, hash_key(secret), secret[:_SHOWN_CHARS], now, rate_limit, budget_usd),
            )
        except LedgerError as exc:
            if "unique" in str(exc).lower():  # another process created it meanwhile
                raise KeysError(f"'{name}' already has a key; revoke it first") from None
            raise KeysError(f"the API keys live in the ledger's database, which cannot be used: {exc}") from None
        self._any_key = True
        return CreatedKey(ApiKey.from_row(rows[0]), secret)

    def find(self, name: str) -> ApiKey | None:
        """The key of ``name`` that is not revoked, or None."""
        rows = self._query(f"SELECT {_COLUMNS} FROM api_keys WHERE name = ? AND revoked_at IS NULL", (name,))
        return ApiKey.from_row(rows[0]) if rows else None

    def list(self, *, include_revoked: bool = True) -> list[ApiKey]:
        """Every key, oldest first (revoked ones too unless ``include_revoked`` is False)."""
        where = "" if include_revoked else " WHERE revoked_at IS NULL"
        return [ApiKey.from_row(r) for r in self._query(f"SELECT {_COLUMNS} FROM api_keys{where} ORDER BY id")]

    def revoke(self, name: str) -> ApiKey:
        """Revoke ``name``'s key: every instance refuses it from its next request on.

        :raises KeysError: no key of that name is active.
        """
        now = datetime.now(UTC).isoformat(timespec="seconds")
        rows = self._query(
            f"UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL RETURNING {_COLUMNS}",
            (now, name),
        )
        if not rows:
            known = ", ".join(k.name for k in self.list(include_revoked=False)) or "none"
            raise KeysError(f"no active key named '{name}' (active keys: {known}); nothing was changed")
        return ApiKey.from_row(rows[0])

    def any_key(self) -> bool:
        """True once any key was ever created (then every request needs a valid one)."""
        if not self._any_key:
            self._any_key = bool(self._query("SELECT 1 AS one FROM api_keys LIMIT 1"))
        return self._any_key

    def verify(self, secret: str) -> ApiKey | None:
        """The active key whose hash matches ``secret``, or None (unknown, revoked, malformed).

        One indexed read per call, so a revocation by any instance applies at once.
        """
        if not isinstance(secret, str) or not _KEY_SHAPE.fullmatch(secret):
            return None
        digest = hash_key(secret)
        rows = self._query(f"SELECT {_COLUMNS} FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL", (digest,))
        if not rows or not hmac.compare_digest(str(rows[0]["key_hash"]), digest):
            return None
        self._any_key = True
        return ApiKey.from_row(rows[0])
