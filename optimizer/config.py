"""Where the app keeps its data (cache folder, ledger, settings).

One directory holds everything so an engineer can back it up, move it or wipe it;
``OPTIMIZER_DATA_DIR`` overrides it (the tests always point it at a temporary folder).

Only the parts that store something need it: compression, decompression, prompt
optimization and token counts run with a read-only, full or missing data folder. When
the folder cannot be used, :func:`data_dir` and :func:`ensure_writable` raise
:class:`~optimizer.errors.DataDirError` with one sentence that names the folder and the
variable to change.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from .errors import DataDirError, shown

DATA_DIR_ENV = "OPTIMIZER_DATA_DIR"
PACKAGE_DATA = Path(__file__).resolve().parent / "data"


def configured_data_dir() -> Path:
    """The data folder the settings name, without touching the disk.

    ``$OPTIMIZER_DATA_DIR`` when set (``~`` expanded), else ``$XDG_DATA_HOME/optimizer-studio``
    (``~/.local/share/optimizer-studio`` when ``XDG_DATA_HOME`` is unset).

    Raises:
        DataDirError: no home folder can be found and ``OPTIMIZER_DATA_DIR`` is unset.
    """
    try:
        override = os.environ.get(DATA_DIR_ENV)
        if override:
            return Path(override).expanduser()
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    except RuntimeError:  # no HOME and no password-database entry to find a home folder
        raise DataDirError(
            f"cannot find a home folder to place the data folder in; nothing was written; set {DATA_DIR_ENV}"
        ) from None
    return Path(xdg) / "optimizer-studio"


def describe_os_error(exc: OSError) -> str:
    """A few words for why the disk refused: "it is read-only", "the disk is full"...

    >>> describe_os_error(OSError(errno.ENOSPC, "No space left on device"))
    'the disk is full'
    """
    reasons = {
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "it is on a read-only file system",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exhausted",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EEXIST: "a file of that name is in the way",
        errno.ENAMETOOLONG: "the path is too long",
        errno.ELOOP: "the path loops through symbolic links",
    }
    return reasons.get(exc.errno, exc.strerror or type(exc).__name__)


def data_dir_error(path: Path, exc: OSError, *, doing: str = "use") -> DataDirError:
    """The one-sentence error for a data folder the disk refused (see :func:`describe_os_error`)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        remedy = "free some space"
    elif exc.errno in (errno.ENOTDIR, errno.EEXIST, errno.ENAMETOOLONG, errno.ELOOP):
        remedy = "fix the path"
    else:
        remedy = "make it writable"
    return DataDirError(
        f"cannot {doing} the data folder {shown(path)} ({describe_os_error(exc)}); nothing was written there; "
        f"{remedy} or point {DATA_DIR_ENV} at a writable folder",
        path=path,
    )


def data_dir(create: bool = True) -> Path:
    """The app's data directory: ``$OPTIMIZER_DATA_DIR``, else the XDG data home.

    Args:
        create: make the folder (and its parents) when it is missing.

    Returns:
        The folder's path (it exists when ``create`` is true).

    Raises:
        DataDirError: ``create`` is true and the folder cannot be made (read-only parent,
            full disk, a file in the way); the message names the folder and
            ``OPTIMIZER_DATA_DIR``.
    """
    path = configured_data_dir()
    return create_folder(path) if create else path


_OTHERS = 0o077  # what the folder or file grants its group and every other account


def private_folder(path: Path) -> Path:
    """Make ``path`` and its parents; the folder itself is 0700 when made here, and an
    existing one of ours loses what it grants its group and other accounts (the data folder
    holds the team's requests and answers). Returns ``path``.

    :raises OSError: the disk refused (callers turn it into their own sentence).
    """
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    _narrow(path)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty with mode 0600 unless it exists; an existing file of ours
    loses what it grants its group and other accounts. A store opens it afterwards (SQLite gives its
    journal files the same mode). Never raises: the store reports a file it cannot open.
    Returns ``path``."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        _narrow(path)
    except OSError:
        pass
    return path


def _narrow(path: Path) -> None:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode) and info.st_mode & (stat.S_ISVTX | stat.S_IWOTH):
            return  # a shared scratch folder (a /tmp) named as the data folder: never narrowed
        if info.st_mode & _OTHERS and info.st_uid == os.getuid():
            os.chmod(path, info.st_mode & 0o7777 & ~_OTHERS)
    except OSError:
        pass  # not ours, or gone: nothing to narrow


def create_folder(path: Path) -> Path:
    """Make ``path`` (a data folder or a folder inside one) and its parents (the folder
    itself private: see :func:`private_folder`).

    Returns:
        ``path``.

    Raises:
        DataDirError: one sentence naming the folder, why the disk refused and
            ``OPTIMIZER_DATA_DIR`` (a read-only parent, a full disk, a file in the way).
    """
    try:
        private_folder(path)
    except FileExistsError:  # exist_ok covers folders only: a file is in the way
        raise DataDirError(
            f"the data folder {shown(path)} is a file, not a folder; nothing was written; "
            f"move the file away or point {DATA_DIR_ENV} at a folder",
            path=path,
        ) from None
    except OSError as exc:
        raise data_dir_error(path, exc, doing="create") from None
    return path


def ensure_writable(folder: Path | None = None) -> Path:
    """Create ``folder`` (default: the data folder) and prove a file can be written in it.

    Writes and removes a small temporary file, so a read-only mount, a folder without
    write permission or a full disk is found before anything real is written.

    Returns:
        The folder.

    Raises:
        DataDirError: the folder cannot be created or written.
    """
    path = data_dir() if folder is None else Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-probe-", delete=True) as probe:
            probe.write(b"x" * 4096)  # a full disk refuses the data, not always the empty file
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as exc:
        raise data_dir_error(path, exc, doing="write to") from None
    return path
