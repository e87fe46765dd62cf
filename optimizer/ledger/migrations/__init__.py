"""Numbered schema migrations, one SQL file per version and backend.

``sqlite/0002_name.sql`` and ``postgres/0002_name.sql`` take a ledger from schema 1 to
schema 2; version N means the same columns on both backends. Each backend's store
applies the missing ones in order, in one transaction, under a lock (SQLite's write lock
via ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock), and records the version it reached
(``PRAGMA user_version`` on SQLite, the ``schema_version`` table on PostgreSQL).

To add a migration: add the next number for *both* backends, never edit a released one.

>>> [m.version for m in migrations("sqlite")] == list(range(1, latest_version() + 1))
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
BACKENDS = ("sqlite", "postgres")


@dataclass(frozen=True)
class Migration:
    """One numbered step: its version, name and SQL statements (comments removed)."""

    version: int
    name: str
    statements: tuple[str, ...]


def _statements(sql: str) -> tuple[str, ...]:
    # The files hold no semicolon inside a string, so a statement ends at ';' + newline.
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    return tuple(s.strip() for s in body.split(";\n") if s.strip().rstrip(";").strip())


@cache
def migrations(backend: str) -> tuple[Migration, ...]:
    """Every migration of ``backend`` ("sqlite" or "postgres"), by version.

    Raises ``RuntimeError`` when the numbering has a gap (a packaging mistake, not a user
    error).
    """
    found = []
    for path in sorted((_HERE / backend).glob("*.sql")):
        match = _NAME.match(path.name)
        if match:
            version, name = int(match.group(1)), match.group(2)
            statements = tuple(s.rstrip(";") for s in _statements(path.read_text(encoding="utf-8")))
            found.append(Migration(version, name, statements))
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"ledger migrations for {backend} are not numbered 1..N: {[m.version for m in found]}")
    return tuple(found)


def latest_version() -> int:
    """The schema version this release writes (the same for every backend)."""
    versions = {len(migrations(b)) for b in BACKENDS}
    if len(versions) != 1:
        raise RuntimeError(f"the backends' migrations disagree on the latest version: {versions}")
    return versions.pop()
