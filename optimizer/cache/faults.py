"""What went wrong with a store, as a kind and one sentence the user can act on.

Every store method raises one exception type, :class:`BackendError` (an
:class:`~optimizer.errors.OptimizerError`, so the CLI and the pages show its message as
is). Its :attr:`BackendError.kind` says which fault it is, so callers decide by kind, never
by parsing text:

- a connection fault (:attr:`Fault.UNREACHABLE`, :attr:`Fault.AUTH`) means the store
  cannot answer anything: the Redis fallback takes over reads and writes;
- a write fault (:attr:`Fault.OUT_OF_MEMORY`, :attr:`Fault.READ_ONLY`, :attr:`Fault.FULL`)
  means reads still work: cached answers are still served, new ones are not stored;
- :attr:`Fault.PERMISSION` means one family of commands is refused (e.g. SCAN by an ACL).

Messages never carry a password (they pass through :func:`optimizer.redact.redact_text`)
and never tell a refused port from a closed or filtered one: to a visitor who typed a
Redis URL they all read "did not answer", so the studio cannot be used as a port scanner.

>>> classify_os_error(OSError(28, "No space left on device"), "/data/cache").kind
<Fault.FULL: 'full'>
"""

from __future__ import annotations

import errno
import sqlite3
from enum import StrEnum

from ..errors import OptimizerError
from ..redact import redact_text


class Fault(StrEnum):
    """The kinds of store failure, each with its own consequence (see the module doc)."""

    UNREACHABLE = "unreachable"  # no answer: refused, closed, filtered, DNS, timeout
    AUTH = "auth"  # wrong or missing password / user
    OUT_OF_MEMORY = "out of memory"  # Redis maxmemory reached with noeviction: writes refused
    PERMISSION = "permission"  # an ACL or file permission refuses some commands
    READ_ONLY = "read-only"  # a read-only replica, a read-only filesystem, MISCONF
    FULL = "full"  # the disk is full: writes refused
    CORRUPT = "corrupt"  # the cache file is damaged
    BUSY = "busy"  # another process holds the write lock too long
    ERROR = "error"  # anything else the store answered with

    @property
    def blocks_reads(self) -> bool:
        """True when nothing can be read either (the fallback must answer)."""
        return self in (Fault.UNREACHABLE, Fault.AUTH)

    @property
    def blocks_writes(self) -> bool:
        """True when reads work but writes are refused (no failover, no flapping)."""
        return self in (Fault.OUT_OF_MEMORY, Fault.READ_ONLY, Fault.FULL)


class BackendError(OptimizerError):
    """A store could not do what was asked; ``kind`` says why, the message says it in one sentence.

    >>> str(BackendError("the cache folder is full", Fault.FULL))
    'the cache folder is full'
    """

    def __init__(self, message: str, kind: Fault = Fault.ERROR) -> None:
        super().__init__(redact_text(message))
        self.kind = kind


def classify_os_error(exc: OSError, folder: object) -> BackendError:
    """An OSError met while using the cache folder ``folder``, as a :class:`BackendError`."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return BackendError(
            f"the disk holding the cache folder {folder} is full: new answers are not stored "
            "(cached ones are still served); free some space",
            Fault.FULL,
        )
    if code == errno.EROFS:
        return BackendError(
            f"the cache folder {folder} is on a read-only filesystem: the cache is off and generations "
            "run uncached; set OPTIMIZER_DATA_DIR to a writable folder",
            Fault.READ_ONLY,
        )
    if code in (errno.EACCES, errno.EPERM):
        return BackendError(
            f"no permission to write the cache folder {folder}: the cache is off and generations run "
            "uncached; fix the folder's permissions or set OPTIMIZER_DATA_DIR to a writable folder",
            Fault.PERMISSION,
        )
    return BackendError(f"the cache folder {folder} cannot be used ({exc.strerror or exc})", Fault.ERROR)


def classify_sqlite_error(exc: sqlite3.Error, folder: object) -> BackendError:
    """A SQLite error from the disk store, by its result code (``sqlite_errorname``)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return classify_os_error(OSError(errno.ENOSPC, "full"), folder)
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text or "not a database" in text:
        return BackendError(
            f"the cache file in {folder} is damaged; it is moved aside and a new one is started",
            Fault.CORRUPT,
        )
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return classify_os_error(OSError(errno.EROFS, "read-only"), folder)
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")) or "unable to open" in text:
        return classify_os_error(OSError(errno.EACCES, "cannot open"), folder)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return busy(folder)
    if name.startswith("SQLITE_IOERR"):
        return BackendError(
            f"the cache folder {folder} could not be read or written (I/O error): check the disk", Fault.ERROR
        )
    return BackendError(f"the cache in {folder} answered with an error ({text})", Fault.ERROR)


def busy(folder: object) -> BackendError:
    """Another process held the cache's write lock past the short timeout."""
    return BackendError(
        f"the cache in {folder} is busy (another process holds its lock); this request runs uncached",
        Fault.BUSY,
    )


def classify_redis_error(exc: BaseException, where: str) -> BackendError:
    """A redis-py exception as a :class:`BackendError`; ``where`` is the URL, redacted here.

    The text of connection errors is dropped on purpose (see the module doc): refused,
    closed, reset, filtered and unknown host all read the same.
    """
    from redis import exceptions as redis

    where = redact_text(where)
    text = str(exc)
    upper = text.upper()
    if isinstance(exc, redis.AuthenticationError) or upper.startswith(("WRONGPASS", "NOAUTH", "INVALID PASSWORD")):
        return BackendError(
            f"Redis at {where} refused the credentials (wrong or missing user or password): "
            "check the password in the Redis URL",
            Fault.AUTH,
        )
    if isinstance(exc, redis.NoPermissionError) or upper.startswith("NOPERM"):
        command = _quoted(text)
        return BackendError(
            f"the Redis user at {where} may not run {command or 'a command the cache needs'}: grant it "
            "+@read +@write +@keyspace (ACL SETUSER) or use another user",
            Fault.PERMISSION,
        )
    if isinstance(exc, redis.OutOfMemoryError) or upper.startswith("OOM"):
        return BackendError(
            f"Redis at {where} is out of memory (maxmemory reached, eviction off) and refuses writes: "
            "raise maxmemory or set an eviction policy",
            Fault.OUT_OF_MEMORY,
        )
    if isinstance(exc, redis.ReadOnlyError) or upper.startswith("READONLY"):
        return BackendError(
            f"Redis at {where} is a read-only replica and refuses writes: point REDIS_URL at the primary",
            Fault.READ_ONLY,
        )
    if upper.startswith("MISCONF"):
        return BackendError(
            f"Redis at {where} refuses writes because it cannot save its snapshot to disk (MISCONF): "
            "check the Redis server's disk",
            Fault.READ_ONLY,
        )
    if isinstance(exc, (redis.ConnectionError, redis.TimeoutError, OSError)):
        # BusyLoadingError is a ConnectionError too: a server still loading cannot answer.
        return BackendError(f"Redis at {where} did not answer", Fault.UNREACHABLE)
    return BackendError(f"Redis at {where} answered with an error ({text.split(chr(10))[0][:200]})", Fault.ERROR)


def _quoted(text: str) -> str:
    # "NOPERM User x has no permissions to run the 'scan' command" -> "SCAN"
    parts = text.split("'")
    return parts[1].upper() if len(parts) >= 3 else ""
