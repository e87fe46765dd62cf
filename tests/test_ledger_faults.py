"""Nothing lost, nothing false: each storage fault produced for real — a folder that
cannot be created, a read-only filesystem, a full one, damaged files, PostgreSQL down or
refusing the password, PostgreSQL stopping mid-use — and what the ledger does and says."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from pathlib import Path

import pytest

from optimizer.errors import OptimizerError
from optimizer.ledger import Ledger, LedgerError, RunRecord
from optimizer.ledger import postgres as postgres_module


def run(**kw) -> RunRecord:
    base = dict(
        generator="formulation",
        provider="openai",
        model="gpt-4o",
        cached="none",
        template_id="formulation-t1",
        level="medium",
        naive_prompt_tokens=100,
        prompt_tokens=60,
        completion_tokens=200,
        cost_usd=0.0021,
        answer="Aqua | 90 | solvent",
    )
    return RunRecord(**{**base, **kw})


@pytest.fixture
def small_filesystem(tmp_path):
    """A real 512 KB tmpfs: fill it, or remount it read-only. Skips where mounting is not allowed."""
    mount = tmp_path / "fs"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here ({made.stderr.decode().strip() or 'not permitted'})")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _remount(mount: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(mount)], check=True, capture_output=True)


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError:
            pass  # ENOSPC: the filesystem is full
    return filler


# -- no writable data folder ------------------------------------------------------------------


def test_a_folder_that_cannot_be_created_degrades_to_memory_and_says_so(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("OPTIMIZER_DATA_DIR", str(blocker / "data"))
    ledger = Ledger()
    assert ledger.backend == "memory" and ledger.degraded
    (notice,) = ledger.notices
    assert str(blocker / "data") in notice and "kept in memory" in notice and "lost when it exits" in notice
    first = ledger.record(run())
    assert first == 1 and ledger.count() == 1 and ledger.get(first)["answer"] == "Aqua | 90 | solvent"
    # The folder becomes possible: the runs kept in memory move into the real ledger.
    blocker.unlink()
    ledger._retry_at = 0.0  # instead of waiting RETRY_PRIMARY_S
    ledger.record(run(generator="costing"))
    assert ledger.backend == "sqlite" and not ledger.degraded
    assert [r["generator"] for r in Ledger(blocker / "data" / "ledger.sqlite3").iter_runs()] == [
        "costing",
        "formulation",
    ]
    assert "can be written again: 1 run(s) kept in memory were written" in ledger.notice
    ledger.close()


def test_a_read_only_filesystem_degrades_and_generation_still_records(small_filesystem):
    path = small_filesystem / "ledger.sqlite3"
    before = Ledger(path)
    before.record(run(user="earlier"))
    before.close()
    _remount(small_filesystem, "ro")
    ledger = Ledger(path)
    assert ledger.backend == "memory"
    assert "read-only" in ledger.notice and str(path) in ledger.notice and "kept in memory" in ledger.notice
    assert ledger.record(run()) == 1 and ledger.summary()["runs"] == 1
    new_folder = Ledger(small_filesystem / "sub" / "ledger.sqlite3")
    assert (
        new_folder.backend == "memory"
        and "read-only" in new_folder.notice
        and "OPTIMIZER_DATA_DIR" in new_folder.notice
    )
    _remount(small_filesystem, "rw")
    ledger._retry_at = 0.0
    ledger.record(run(user="later"))
    assert ledger.backend == "sqlite" and ledger.users() == ["earlier", "later"] and ledger.count() == 3


def test_stats_reads_a_ledger_in_a_read_only_folder_as_it_is(small_filesystem, stats_cli, monkeypatch):
    before = Ledger(small_filesystem / "ledger.sqlite3")
    before.record(run(user="earlier"))
    before.close()
    _remount(small_filesystem, "ro")
    monkeypatch.setenv("OPTIMIZER_DATA_DIR", str(small_filesystem))
    code, out, err = stats_cli()
    assert code == 0 and json.loads(out)["users"] == ["earlier"]
    assert err.startswith("note: The ledger folder") and "(read-only)" in err
    code, out, err = stats_cli("--csv", "-")
    assert code == 0 and out.count("\n") == 2 and ",earlier," in out
    assert sorted(p.name for p in small_filesystem.iterdir()) == ["ledger.sqlite3"]  # nothing written beside it


# -- a full disk ---------------------------------------------------------------------------------


def test_a_write_past_the_size_limit_is_kept_and_retried_at_the_next_write(tmp_path):
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    ledger.record(run())
    ledger._store.set_max_pages(ledger._store.fetch("PRAGMA page_count")[0]["page_count"])  # SQLITE_FULL from now on
    assert ledger.record(run(answer="x" * 20_000, user="kept")) is None
    assert ledger.pending == 1 and ledger.degraded
    notice = ledger.notice
    assert "the disk is full" in notice and "1 run(s) are kept in memory" in notice and "next run" in notice
    assert "OperationalError" not in notice and "database or disk is full" not in notice  # not the raw error
    assert ledger.record(run(user="also kept")) is None and ledger.pending == 2
    ledger._store.set_max_pages(1_000_000)  # room again
    third = ledger.record(run(user="after"))
    assert third is not None and ledger.pending == 0 and "2 run(s) kept in memory were written" in ledger.notice
    assert [r["user"] for r in ledger.iter_runs()] == ["after", "also kept", "kept", ""]
    ledger.close()


def test_a_real_full_filesystem_loses_no_run(small_filesystem):
    ledger = Ledger(small_filesystem / "ledger.sqlite3")
    ledger.record(run())
    filler = _fill(small_filesystem)
    kept = [ledger.record(run(answer=f"{i} " + "y" * 30_000, user=f"u{i}")) for i in range(3)]
    assert kept == [None, None, None] and ledger.pending == 3 and "disk is full" in ledger.notice
    filler.unlink()
    assert ledger.record(run(user="after")) is not None
    assert ledger.pending == 0 and ledger.count() == 5
    assert sorted(ledger.users()) == ["after", "u0", "u1", "u2"]
    ledger.close()


# -- damaged files -----------------------------------------------------------------------------


def _damaged(path: Path, how: str) -> bytes:
    ledger = Ledger(path)
    ledger.record_many([run(answer="z" * 2000) for _ in range(200)])
    ledger.close()
    data = path.read_bytes()
    damaged = {
        "truncated": data[: len(data) // 2],
        "garbage": os.urandom(len(data)),
        "not sqlite": b"name,value\nthis is a CSV file, not a ledger\n" * 50,
    }[how]
    path.write_bytes(damaged)
    return damaged


@pytest.mark.parametrize("how", ["truncated", "garbage", "not sqlite"])
def test_a_damaged_file_is_moved_aside_never_deleted(tmp_path, how):
    path = tmp_path / "ledger.sqlite3"
    damaged = _damaged(path, how)
    ledger = Ledger(path)
    (moved,) = tmp_path.glob("ledger.sqlite3.corrupt-*")
    assert moved.read_bytes() == damaged  # the old file, untouched, beside the new one
    assert ledger.backend == "sqlite" and not ledger.degraded and ledger.count() == 0
    assert (
        str(moved) in ledger.notice
        and "new ledger was started" in ledger.notice
        and "nothing was deleted" in ledger.notice
    )
    assert ledger.record(run()) == 1
    ledger.close()


def test_a_file_damaged_while_open_is_moved_aside_at_the_next_write(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    ledger = Ledger(path)
    ledger.record(run())
    ledger._store._db.close()  # another process scribbled over it; reopen to read the damage
    path.write_bytes(b"garbage" * 1000)
    (path.parent / "ledger.sqlite3-wal").unlink(missing_ok=True)
    import sqlite3

    ledger._store._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    ledger._store._db.row_factory = sqlite3.Row
    assert ledger.record(run(user="after the damage")) == 1
    assert len(list(tmp_path.glob("ledger.sqlite3.corrupt-*"))) == 1 and "was moved to" in ledger.notice
    assert ledger.users() == ["after the damage"]
    ledger.close()


def test_the_cli_reports_a_moved_ledger_in_one_line(stats_cli, data_dir):
    data_dir.mkdir()
    (data_dir / "ledger.sqlite3").write_bytes(b"\x00garbage" * 500)
    code, out, err = stats_cli()
    assert code == 0 and json.loads(out)["summary"]["runs"] == 0
    assert err.startswith("note: The ledger file") and "corrupt-" in err and err.count("\n") == 1


# -- PostgreSQL ---------------------------------------------------------------------------------


@pytest.mark.postgres
def test_postgres_down_at_start_degrades_with_no_password_in_the_sentence(postgres_server):
    from optimizer.cache.local_redis import free_port

    url = f"postgresql://team:Sup3rS3cretPw@127.0.0.1:{free_port()}/ledger"
    ledger = Ledger(url=url)
    assert ledger.backend == "memory"
    notice = ledger.notice
    assert "Sup3rS3cretPw" not in notice and "team:***@127.0.0.1" in notice and "kept in memory" in notice
    assert "\n" not in notice and "Connection refused" in notice
    assert ledger.record(run()) == 1 and ledger.count() == 1
    ledger.close()


@pytest.mark.postgres
def test_a_wrong_postgres_password_never_reaches_a_message(postgres_server):
    from support.postgres import SECURE_ROLE

    url = postgres_server.url("postgres", user=SECURE_ROLE, password="wrong-Pa55word")
    ledger = Ledger(url=url)
    assert ledger.backend == "memory" and "password authentication failed" in ledger.notice
    assert "wrong-Pa55word" not in ledger.notice


@pytest.mark.postgres
def test_a_bad_database_url_degrades_in_one_sentence():
    ledger = Ledger(url="postgresql://[bad")
    assert ledger.backend == "memory" and "not a PostgreSQL URL" in ledger.notice


@pytest.mark.postgres
@pytest.mark.slow
def test_postgres_stopping_mid_use_keeps_runs_and_writes_them_when_it_is_back(postgres_server, monkeypatch):
    name = f"t_{uuid.uuid4().hex[:12]}"
    with postgres_server.admin() as conn:
        conn.execute(f"CREATE DATABASE {name}")
    monkeypatch.setattr(postgres_module, "DEFAULT_CONNECT_TIMEOUT_S", 1)  # each try waits 1 s, not 3
    ledger = Ledger(url=postgres_server.url(name, password="the-password-xyz"))
    ledger.record(run(user="before"))
    postgres_server.stop()
    try:
        assert ledger.record(run(user="during")) is None
        assert ledger.pending == 1 and "kept in memory" in ledger.notice and "the-password-xyz" not in ledger.notice
        with pytest.raises(LedgerError) as caught:
            ledger.summary()
        assert isinstance(caught.value, OptimizerError) and "nothing was lost" in str(caught.value)
        assert ledger.template_record("formulation-t1").runs == 0  # a preview still works
    finally:
        postgres_server.start()
    for _ in range(20):  # bounded: the pool reconnects in the background
        ledger._retry_at = 0.0  # instead of waiting PostgresStore.retry_interval_s
        if ledger.record(run(user="after")) is not None:
            break
    assert ledger.pending == 0 and ledger.users()[:3] == ["after", "before", "during"]
    ledger.close()
    with postgres_server.admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
