"""What a shell does with a failure: one printable line for the user, and, for a bug, a
crash report on disk instead of a traceback on the screen.

The CLI (``optimizer.cli.main``) and any other shell use the same two functions:
:func:`one_line` turns any message into a single redacted line, and
:func:`write_crash_report` saves the traceback of an unexpected exception where the user
can find it and send it.
"""

from __future__ import annotations

import datetime
import errno
import os
import platform
import re
import sqlite3
import sys
import tempfile
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .config import DATA_DIR_ENV, configured_data_dir, describe_os_error
from .errors import shown
from .redact import redact_text

CRASH_EXIT = 70  # EX_SOFTWARE (sysexits.h): the program itself is at fault
CRASH_FOLDER = "crash-reports"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MAX_LINE = 2000  # an error line longer than this is cut: one line must stay readable
_MAX_ARG = 300  # each argument as recorded in a crash report (a prompt can be long)
# The machine refusing rather than the program failing: disk full, read-only, no permission.
_ENVIRONMENT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO})
# A path the user gave that does not lead anywhere (only when the error names the file).
_PATH_ERRNOS = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.ENAMETOOLONG, errno.ELOOP})
_SQLITE_ENVIRONMENT = (
    "database or disk is full",
    "readonly database",
    "unable to open database file",
    "disk i/o error",
)


def one_line(message: object) -> str:
    """``message`` as one printable, redacted line.

    Newlines and runs of spaces collapse to one space, other control characters (an
    ANSI escape) show as ``\\x1b``, credentials in URLs and key-shaped strings become
    ``***``, undecodable bytes show as ``\\xff`` escapes, and a line over 2,000 characters
    is cut with an ellipsis.

    >>> one_line("cannot reach redis://:hunter2@db:6379/0\\n  is it running?")
    'cannot reach redis://:***@db:6379/0 is it running?'
    """
    text = " ".join(shown(message).split())
    # Control characters (an ANSI escape in a pasted value) would act on the terminal: show them.
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    text = redact_text(text)
    return text if len(text) <= _MAX_LINE else text[: _MAX_LINE - 1] + "…"


@dataclass(frozen=True)
class EnvironmentProblem:
    """The machine (not the program) refused: which file or folder, why, and what to do."""

    where: str
    reason: str
    remedy: str

    def sentence(self) -> str:
        """``cannot read or write WHERE (REASON); work finished before it is kept; REMEDY``."""
        return f"cannot read or write {self.where} ({self.reason}); work finished before it is kept; {self.remedy}"


def _data_folder_text() -> str:
    try:
        return f"the data folder {shown(configured_data_dir())}"
    except Exception:  # no home folder to expand: say it without the path
        return "the data folder"


def environment_problem(exc: BaseException) -> EnvironmentProblem | None:
    """What the machine refused, when ``exc`` or an exception that caused it is the disk
    saying no (full, read-only, no permission, I/O error, a path that does not exist).

    Follows ``__cause__`` and ``__context__``, so a module's own exception that wraps an
    ``OSError`` or a ``sqlite3`` error is recognised. Returns None for anything else (a bug).
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError):
            if current.errno in _ENVIRONMENT_ERRNOS:
                where = shown(current.filename) if current.filename else _data_folder_text()
                if current.errno in (errno.ENOSPC, errno.EDQUOT):
                    remedy = f"free some space or point {DATA_DIR_ENV} at another disk, and run it again"
                else:
                    remedy = f"fix the permissions or point {DATA_DIR_ENV} at a writable folder, and run it again"
                return EnvironmentProblem(where, describe_os_error(current), remedy)
            if current.errno in _PATH_ERRNOS and current.filename:
                return EnvironmentProblem(
                    shown(current.filename),
                    "no such file or folder" if current.errno == errno.ENOENT else describe_os_error(current),
                    "check the path and run it again",
                )
        if isinstance(current, sqlite3.Error) and any(m in str(current).lower() for m in _SQLITE_ENVIRONMENT):
            return EnvironmentProblem(
                f"a database in {_data_folder_text()}",
                str(current),
                f"free some space or fix the permissions, or point {DATA_DIR_ENV} at a writable folder",
            )
        current = current.__cause__ or current.__context__
    return None


@dataclass(frozen=True)
class CrashReport:
    """Where a crash report went: ``path`` when written, else ``problem`` says why not."""

    path: Path | None
    problem: str = ""


def _candidate_folders() -> list[Path]:
    # The data folder first (one place to look), then the system's temporary folder:
    # the crash may be the data folder's fault.
    folders = []
    try:
        folders.append(configured_data_dir() / CRASH_FOLDER)
    except Exception:  # no home folder to expand: the temporary folders remain
        pass
    # Not tempfile.gettempdir(): it falls back to the current folder, and a crash report
    # should not appear among the user's own files.
    temps = [os.environ.get(var) for var in ("TMPDIR", "TEMP", "TMP")] + ["/tmp", "/var/tmp"]
    for temp in dict.fromkeys(t for t in temps if t):
        folders.append(Path(temp) / "optimizer-studio-crash-reports")
    return folders


def _report_text(exc: BaseException, argv: Sequence[str]) -> str:
    try:
        from importlib.metadata import version

        app_version = version("optimizer-studio")
    except Exception:  # not installed as a distribution: a checkout
        app_version = "checkout"
    args = [one_line(a if len(a) <= _MAX_ARG else a[:_MAX_ARG] + f"… ({len(a):,} characters)") for a in argv]
    lines = [
        "Optimizer Studio crash report: please attach this file when you report the bug.",
        f"time: {datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')}",
        f"version: {app_version}; python {platform.python_version()} on {platform.platform()}",
        f"command: python -m optimizer {' '.join(args)}",
        "",
        *traceback.format_exception(exc),
    ]
    return redact_text("\n".join(line.rstrip("\n") for line in lines)) + "\n"


def write_crash_report(exc: BaseException, argv: Sequence[str]) -> CrashReport:
    """Write ``exc``'s traceback (redacted) with the command that raised it, atomically.

    Tries ``<data dir>/crash-reports/``, then ``optimizer-studio-crash-reports/`` in ``$TMPDIR``,
    ``/tmp`` and ``/var/tmp`` (never the current folder); each report
    is a new file (temp file, then rename), so nothing earlier is overwritten and no
    half-written report is left behind.

    Args:
        exc: the unexpected exception.
        argv: the command's arguments (each is shortened and redacted in the report).

    Returns:
        The report's path, or ``path=None`` and the reason no folder took it. Never raises.
    """
    try:
        text = _report_text(exc, argv).encode("utf-8", "backslashreplace")
    except Exception as inner:  # the report itself must never become a second crash
        text = f"crash report could not be formatted: {type(inner).__name__}\n".encode()
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    problems = []
    for folder in _candidate_folders():
        tmp = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".crash-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(text)
            target = folder / f"crash-{stamp}-{os.getpid()}.log"
            os.replace(tmp, target)
            return CrashReport(target)
        except OSError as err:
            problems.append(f"{shown(folder)}: {describe_os_error(err)}")
            for leftover in (tmp, folder):  # no half-written report, no empty folder we made
                try:
                    if leftover == folder:
                        os.rmdir(folder)  # refuses when the folder holds earlier reports
                    elif leftover is not None:
                        os.unlink(leftover)
                except OSError:
                    pass
    return CrashReport(None, "; ".join(problems))


def crash_line(exc: BaseException, report: CrashReport) -> str:
    """The one line a user sees for a bug: what kind of failure, and where the details are.

    >>> crash_line(KeyError("x"), CrashReport(Path("/tmp/crash-1.log")))
    'unexpected failure (KeyError), a bug in Optimizer Studio; details were written to /tmp/crash-1.log: please report it with that file'
    """
    kind = type(exc).__name__
    if report.path is not None:
        where = f"details were written to {shown(report.path)}: please report it with that file"
    else:
        where = f"the details could not be written ({report.problem}): please report it with the command you ran"
    return one_line(f"unexpected failure ({kind}), a bug in Optimizer Studio; {where}")


def stderr_line(message: str) -> None:
    """Print ``error: <message>`` as one line on standard error, whatever its encoding."""
    line = f"error: {one_line(message)}\n"
    try:
        sys.stderr.write(line)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # stderr closed (or None): nowhere left to say it
        pass
