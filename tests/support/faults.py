"""The fault-injection harness: run ``python -m optimizer`` for real under a fault and
check what the user meets.

Reusable by every area's fault tests (``from support.faults import ...``):

- :func:`run_optimizer` runs the CLI in a subprocess with a private data folder
  (arguments may be ``bytes``, e.g. ``b"\\xff"`` for invalid UTF-8).
- :func:`assert_one_line_error` / :func:`assert_ok` check the exit code, exactly one
  ``error: ...`` line on stderr and no traceback.
- :func:`snapshot` / :func:`assert_intact` prove that nothing was lost or changed.
- Fixtures: ``readonly_folder`` (a read-only bind mount: EROFS), ``denied_folder``
  (a folder without write permission for a process without root's override: EACCES),
  ``full_filesystem`` (a 512 KB tmpfs filled to the last byte). Each one skips with the
  reason when this machine does not allow it.

How the faults are made here: we run as root in the sandbox, so "chmod 555" alone does
not stop root; ``denied_folder`` runs the command under ``setpriv`` with
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER dropped from the bounding set (a
non-root user cannot even run the interpreter, which lives under /root). Mounts need
CAP_SYS_ADMIN: ``mount --bind`` + ``remount,ro`` and ``mount -t tmpfs -o size=...`` both
work in this sandbox; each mount is undone when its test ends.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 70
# Run with these capabilities dropped, root is held to the file modes like anyone else.
DROP_ROOT_OVERRIDES = ("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--")

Arg = str | bytes | os.PathLike


# Crash reports of runs whose data folder is unwritable fall back to $TMPDIR: give them a
# private one, removed at the end of the session, so the machine's /tmp stays clean (also
# in a process that runs no test, such as xdist's controller: at its exit).
_SESSION_TMP = Path(tempfile.mkdtemp(prefix="optimizer-faults-tmp-"))
atexit.register(shutil.rmtree, _SESSION_TMP, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _remove_session_tmp() -> Iterator[None]:
    yield
    shutil.rmtree(_SESSION_TMP, ignore_errors=True)


def optimizer_env(data_dir: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a CLI run: this checkout first on the path, a private data folder,
    a private ``TMPDIR``, no price override unless ``env`` sets one."""
    base = {k: v for k, v in os.environ.items() if k != "OPTIMIZER_PRICES"}
    return {
        **base,
        "OPTIMIZER_DATA_DIR": str(data_dir),
        "PYTHONPATH": str(ROOT),
        "TMPDIR": str(_SESSION_TMP),
        **(env or {}),
    }


def run_optimizer(
    *args: Arg,
    data_dir: Path,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    prefix: Sequence[str] = (),
    timeout: float = 120,
) -> subprocess.CompletedProcess:
    """``python -m optimizer ARGS`` in a subprocess; stdout and stderr captured as bytes.

    Args:
        args: the command line after ``python -m optimizer`` (str, bytes or paths).
        data_dir: the data folder the run uses (``OPTIMIZER_DATA_DIR``).
        env: extra environment variables.
        stdin: bytes fed to standard input (None: an empty stdin).
        prefix: a wrapper command, e.g. ``DROP_ROOT_OVERRIDES``.
    """
    command = [*prefix, sys.executable, "-m", "optimizer", *args]
    return subprocess.run(
        command,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=optimizer_env(data_dir, env),
        cwd=ROOT,
        timeout=timeout,
    )


def _explain(result: subprocess.CompletedProcess) -> str:
    return (
        f"command {result.args!r} exited {result.returncode}\n"
        f"stderr: {result.stderr.decode('utf-8', 'replace')[-3000:]}\n"
        f"stdout: {result.stdout.decode('utf-8', 'replace')[-1000:]}"
    )


def assert_one_line_error(
    result: subprocess.CompletedProcess, exit_code: int, *, contains: str | Sequence[str] = ()
) -> str:
    """The run failed the way a user should meet a failure, and the line says ``contains``.

    Checks: the exit code, exactly one line on stderr starting with ``error: ``, no
    ``Traceback`` (nor Python's "Exception ignored" shutdown noise) anywhere. Returns the line.
    """
    assert result.returncode == exit_code, _explain(result)
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "Exception ignored" not in err, _explain(result)
    lines = err.splitlines()
    assert len(lines) == 1, f"expected one stderr line, got {len(lines)}\n{_explain(result)}"
    assert lines[0].startswith("error: "), _explain(result)
    for part in [contains] if isinstance(contains, str) else contains:
        assert part in lines[0], f"{part!r} not in {lines[0]!r}"
    return lines[0]


def assert_ok(result: subprocess.CompletedProcess) -> str:
    """The run succeeded (exit 0) without a traceback; returns stdout as text."""
    assert result.returncode == EXIT_OK, _explain(result)
    assert b"Traceback" not in result.stderr, _explain(result)
    return result.stdout.decode("utf-8")


def assert_ok_or_one_line_error(result: subprocess.CompletedProcess) -> None:
    """For a part that may degrade or refuse: exit 0, or exit 1 with one error line; never a
    traceback and never a crash (exit 70)."""
    if result.returncode == EXIT_OK:
        assert_ok(result)
    else:
        assert_one_line_error(result, EXIT_FAILED)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path -> sha256) and every folder (-> "dir")."""
    found: dict[str, str] = {}
    if not folder.exists():
        return found
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            found[rel] = f"link:{os.readlink(path)}"
        elif path.is_dir():
            found[rel] = "dir"
        else:
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def assert_intact(before: dict[str, str], folder: Path, *, allow_new: bool = True) -> dict[str, str]:
    """Everything ``before`` listed is still in ``folder`` with the same bytes.

    With ``allow_new=False`` nothing may have been added either. Returns the new snapshot.
    """
    after = snapshot(folder)
    lost = {k: v for k, v in before.items() if after.get(k) != v}
    assert not lost, f"lost or changed under {folder}: {sorted(lost)}"
    if not allow_new:
        added = sorted(set(after) - set(before))
        assert not added, f"written under {folder} although it should stay untouched: {added}"
    return after


def orphans(folder: Path) -> list[str]:
    """Temporary files left behind under ``folder`` (``*.tmp``, ``.write-probe-*``, ``.crash-*``)."""
    if not folder.exists():
        return []
    names = ("*.tmp", ".write-probe-*", ".crash-*", "*.tmp.*")
    return sorted({str(p.relative_to(folder)) for pattern in names for p in folder.rglob(pattern)})


# -- making faults -----------------------------------------------------------------------


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=30)


def _can_mount() -> str | None:
    """None when this process can mount, else the reason it cannot."""
    if os.geteuid() != 0:
        return "mounting needs root (CAP_SYS_ADMIN); this test run is not root"
    if shutil.which("mount") is None or shutil.which("umount") is None:
        return "mount/umount are not installed"
    return None


@contextmanager
def _mounted(target: Path, *mount_args: str, remount: Sequence[str] = ()) -> Iterator[Path]:
    reason = _can_mount()
    if reason:
        pytest.skip(reason)
    out = _run("mount", *mount_args, str(target))
    if out.returncode != 0:
        pytest.skip(f"mount is not permitted here: {out.stderr.strip()}")
    try:
        if remount:
            out = _run("mount", *remount, str(target))
            if out.returncode != 0:
                pytest.skip(f"remount is not permitted here: {out.stderr.strip()}")
        yield target
    finally:
        _run("umount", "-l", str(target))


@dataclass(frozen=True)
class FaultFolder:
    """A folder under a fault. ``prefix`` wraps the command when the fault needs it."""

    path: Path
    prefix: tuple[str, ...] = ()
    how: str = ""


@pytest.fixture
def readonly_folder(tmp_path: Path) -> Iterator[FaultFolder]:
    """A folder that holds a file (``keep.txt``) and is bind-mounted read-only (EROFS)."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    (folder / "keep.txt").write_text("kept\n")
    with _mounted(folder, "--bind", str(folder), remount=("-o", "remount,bind,ro")):
        yield FaultFolder(folder, (), "read-only bind mount")


@pytest.fixture
def denied_folder(tmp_path: Path) -> Iterator[FaultFolder]:
    """A folder (mode 555, holding ``keep.txt``) that the command may read but not write (EACCES).

    As root the command runs with root's file-mode overrides dropped (``setpriv``);
    as another user the mode alone is enough.
    """
    folder = tmp_path / "denied"
    folder.mkdir()
    (folder / "keep.txt").write_text("kept\n")
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("setpriv (util-linux) is needed to drop root's overrides")
        prefix = DROP_ROOT_OVERRIDES
    folder.chmod(0o555)
    try:
        yield FaultFolder(folder, prefix, "no write permission")
    finally:
        folder.chmod(0o755)


def hide_temp_folders(readonly: Path) -> tuple[str, ...]:
    """A command prefix under which ``/tmp`` and ``/var/tmp`` are the read-only ``readonly``
    folder, for that command only (a private mount namespace: nothing changes outside it)."""
    reason = _can_mount()
    if reason or shutil.which("unshare") is None:
        pytest.skip(reason or "unshare (util-linux) is not installed")
    # /tmp last: the read-only folder itself may live under /tmp.
    script = " && ".join(f'mount --bind "$1" {t} && mount -o remount,bind,ro {t}' for t in ("/var/tmp", "/tmp"))
    return ("unshare", "--mount", "sh", "-c", f'{script} && shift && exec "$@"', "sh", str(readonly))


def fill(folder: Path) -> int:
    """Write a filler file in ``folder`` until the file system is full; returns its bytes."""
    written = 0
    with open(folder / "filler", "wb", buffering=0) as fh:
        chunk = b"\0" * 4096
        try:
            while True:
                written += fh.write(chunk)
        except OSError:
            pass
        for size in (512, 64, 1):  # the last blocks
            try:
                while True:
                    written += fh.write(b"\0" * size)
            except OSError:
                pass
    return written


@pytest.fixture
def full_filesystem(tmp_path: Path) -> Iterator[FaultFolder]:
    """A 512 KB tmpfs with a data folder (``data/keep.txt``) in it, filled to the last byte."""
    mount_point = tmp_path / "small-fs"
    mount_point.mkdir()
    with _mounted(mount_point, "-t", "tmpfs", "-o", "size=512k,mode=755", "tmpfs"):
        (mount_point / "data").mkdir()
        (mount_point / "data" / "keep.txt").write_text("kept\n")
        fill(mount_point)
        probe = _run("sh", "-c", f"echo x > {mount_point}/probe")
        if probe.returncode == 0:
            pytest.skip("the tmpfs did not fill up; cannot make a full disk here")
        yield FaultFolder(mount_point, (), "512 KB tmpfs, full")
