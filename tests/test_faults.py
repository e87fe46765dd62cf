"""Faults produced for real, met through ``python -m optimizer`` in a subprocess.

Each test makes the machine misbehave (a read-only mount, a folder without write
permission, a full file system, a bad price file, bytes that are not UTF-8, a bug) and
checks what a user meets: the exit code, exactly one ``error:`` line and no traceback,
and that nothing was lost. The helpers live in ``tests/support/faults.py`` for the
other areas' fault tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.faults import (
    DROP_ROOT_OVERRIDES,
    EXIT_BUG,
    EXIT_FAILED,
    EXIT_USAGE,
    assert_intact,
    assert_ok,
    assert_ok_or_one_line_error,
    assert_one_line_error,
    hide_temp_folders,
    optimizer_env,
    orphans,
    run_optimizer,
    snapshot,
)

from optimizer.compression import compress

# Every fault here is met through `python -m optimizer` in a subprocess.
pytestmark = pytest.mark.server

DOC = {"products": [{"sku": "SRM-1", "name": "Niacinamide serum", "ml": 30, "price": 12.5, "vegan": True}] * 4}
PROSE = (
    "Hello team! Our new serum really contains 4% niacinamide and 1% zinc PCA, and it is basically "
    "fragrance-free, which is very important for sensitive skin. It is not tested on animals.\n"
)
PROMPT = ("prompt", "optimize", "--type", "formulation", "--prompt", "a fragrance-free serum", "--context", "region=EU")


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    """Input files outside any faulty folder: JSON, prose and a lossless packing of the JSON."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    paths = {"json": folder / "doc.json", "text": folder / "note.txt", "packed": folder / "doc.packed"}
    paths["json"].write_text(json.dumps(DOC, indent=2))
    paths["text"].write_text(PROSE)
    paths["packed"].write_text(compress(json.dumps(DOC), "lossless").output)
    return paths


def _offline_commands(inputs: dict[str, Path]) -> dict[str, tuple]:
    return {
        "compress-lossless": ("compress", inputs["json"], "--level", "lossless"),
        "compress-medium": ("compress", inputs["text"], "--level", "medium"),
        "decompress": ("decompress", inputs["packed"], "--minify"),
        "count": ("count", inputs["text"]),
        "prompt": PROMPT,
    }


def _check_offline_output(name: str, out: str) -> None:
    if name == "decompress":
        assert json.loads(out) == DOC  # the round trip is exact
    elif name == "count":
        assert int(out) > 10
    elif name == "prompt":
        assert json.loads(out)["optimized_tokens"] > 0
    elif name == "compress-medium":
        assert "4%" in out and "1%" in out and "not" in out  # numbers and negations kept
    else:
        assert "SRM-1" in out


# -- 1. the data folder: read-only, not writable, missing, a file, full ----------------------


@pytest.mark.slow
def test_read_only_data_folder_compress_decompress_count_and_prompt_work(readonly_folder, inputs):
    before = snapshot(readonly_folder.path)
    for name, args in _offline_commands(inputs).items():
        result = run_optimizer(*args, data_dir=readonly_folder.path)
        _check_offline_output(name, assert_ok(result))
    assert_intact(before, readonly_folder.path, allow_new=False)


@pytest.mark.slow
def test_read_only_data_folder_storage_commands_degrade_or_say_so(readonly_folder):
    before = snapshot(readonly_folder.path)
    for args in (("stats",), ("cache", "stats")):
        assert_ok_or_one_line_error(run_optimizer(*args, data_dir=readonly_folder.path))
    assert_intact(before, readonly_folder.path, allow_new=False)


def test_a_data_folder_that_cannot_be_created_is_not_needed_to_compress_or_count(denied_folder, inputs):
    data = denied_folder.path / "missing" / "data"
    for args in (("compress", inputs["json"], "--level", "lossless"), ("count", inputs["text"])):
        assert_ok(run_optimizer(*args, data_dir=data, prefix=denied_folder.prefix))
    assert not (denied_folder.path / "missing").exists()


def _degraded_or_names_the_folder(result, folder: Path, says: str) -> None:
    # The ledger may degrade (exit 0, saying where runs could not be written) or refuse in
    # one sentence that names the folder, the reason and the variable to change.
    assert_ok_or_one_line_error(result)
    if result.returncode:
        assert_one_line_error(result, EXIT_FAILED, contains=[str(folder), says, "OPTIMIZER_DATA_DIR"])


def test_a_data_folder_that_cannot_be_created_is_one_sentence_naming_it(denied_folder):
    before = snapshot(denied_folder.path)
    data = denied_folder.path / "missing" / "data"
    result = run_optimizer("stats", data_dir=data, prefix=denied_folder.prefix)
    _degraded_or_names_the_folder(result, data, "permission denied")
    assert_intact(before, denied_folder.path, allow_new=False)


def test_a_data_folder_that_is_a_file_is_not_needed_to_compress(tmp_path, inputs):
    data = tmp_path / "data"
    data.write_text("not a folder\n")
    assert_ok(run_optimizer("compress", inputs["json"], "--level", "lossless", data_dir=data))
    _degraded_or_names_the_folder(run_optimizer("stats", data_dir=data), data, "is a file, not a folder")
    assert data.read_text() == "not a folder\n"


def test_a_data_folder_named_with_bytes_that_are_not_utf8_is_shown_escaped(denied_folder):
    data = os.fsencode(denied_folder.path) + b"/caf\xe9/data"
    result = run_optimizer("stats", data_dir=Path(os.fsdecode(data)), prefix=denied_folder.prefix)
    assert_ok_or_one_line_error(result)
    if result.returncode:
        assert_one_line_error(result, EXIT_FAILED, contains="caf\\xe9/data")


@pytest.mark.slow
def test_full_disk_compress_count_and_prompt_work_and_leave_no_orphan(full_filesystem, inputs):
    data = full_filesystem.path / "data"
    before = snapshot(full_filesystem.path)
    for name in ("compress-medium", "count", "prompt"):
        result = run_optimizer(*_offline_commands(inputs)[name], data_dir=data)
        _check_offline_output(name, assert_ok(result))
    assert_intact(before, full_filesystem.path)
    assert orphans(full_filesystem.path) == []


@pytest.mark.slow
def test_full_disk_storage_commands_degrade_or_say_so_and_lose_nothing(full_filesystem):
    data = full_filesystem.path / "data"
    before = snapshot(full_filesystem.path)
    for args in (("stats",), ("cache", "stats")):
        assert_ok_or_one_line_error(run_optimizer(*args, data_dir=data))
    assert_intact(before, full_filesystem.path)
    assert orphans(full_filesystem.path) == []


def _big_json(tmp_path: Path) -> Path:
    """~300 KB of JSON: `decompress` prints it pretty, fast, and more than a pipe buffer holds."""
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"products": [dict(DOC["products"][0], sku=f"SRM-{i}") for i in range(3000)]}))
    return big


def test_output_to_a_full_disk_is_one_line_and_exit_1(full_filesystem, tmp_path):
    target = full_filesystem.path / "out.json"
    command = f'exec "$0" -m optimizer decompress "$1" > "{target}"'
    result = subprocess.run(
        ["sh", "-c", command, sys.executable, str(_big_json(tmp_path))],
        capture_output=True,
        env=optimizer_env(tmp_path / "data"),
        timeout=120,
    )
    assert_one_line_error(result, EXIT_FAILED, contains="the disk is full")


# -- 2. prices ------------------------------------------------------------------------------

ROW = "[models.gpt-4o]\n"


@pytest.mark.parametrize(
    "content, says",
    [
        (ROW + "input = nan\ncached_input = 1\noutput = 1\n", "input is nan"),
        (ROW + 'input = "0.15"\ncached_input = 1\noutput = 1\n', 'input is the string "0.15"'),
        ("models = [1, 2, 3]\n", "models is a list"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "is not UTF-8 text"),
    ],
)
def test_bad_price_files_are_one_line_naming_file_and_row(tmp_path, content, says):
    prices = tmp_path / "team-prices.toml"
    prices.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = prices.read_bytes()
    result = run_optimizer("prices", data_dir=tmp_path / "data", env={"OPTIMIZER_PRICES": str(prices)})
    line = assert_one_line_error(result, EXIT_FAILED, contains=[str(prices), says])
    if "input" in says or "output" in says:
        assert "'gpt-4o'" in line  # the row is named
    assert prices.read_bytes() == before


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_price_override_that_is_missing_or_a_folder_is_an_error(tmp_path, kind):
    prices = tmp_path / "prices.toml"
    if kind == "folder":
        prices.mkdir()
    result = run_optimizer("prices", data_dir=tmp_path / "data", env={"OPTIMIZER_PRICES": str(prices)})
    says = "which does not exist" if kind == "missing" else "is a folder, not a TOML file"
    assert_one_line_error(result, EXIT_FAILED, contains=[str(prices), says])


def test_a_generation_with_bad_prices_is_refused_before_anything_runs_or_is_recorded(tmp_path):
    prices = tmp_path / "prices.toml"
    prices.write_text(ROW + "input = nan\ncached_input = 1\noutput = 1\n")
    data = tmp_path / "data"
    env = {"OPTIMIZER_PRICES": str(prices)}
    result = run_optimizer(
        "generate", "--type", "formulation", "--prompt", "a serum", "--provider", "local", data_dir=data, env=env
    )
    assert_one_line_error(result, EXIT_FAILED, contains=[str(prices), "input is nan"])
    assert result.stdout == b""  # nothing was generated
    summary = json.loads(assert_ok(run_optimizer("stats", data_dir=data)))["summary"]
    assert summary["runs"] == 0  # and nothing recorded


# -- 3. odd command-line input -------------------------------------------------------------


@pytest.mark.parametrize(
    "args, flag",
    [
        (("prompt", "optimize", "--type", "formulation", "--prompt", b"caf\xe9 serum"), "--prompt"),
        (("prompt", "optimize", "--type", "formulation", "--context", b"region=\xff"), "--context"),
        (("generate", "--type", "formulation", "--prompt", b"\xff\xfe"), "--prompt"),
    ],
)
def test_text_arguments_that_are_not_utf8_are_usage_errors(tmp_path, args, flag):
    result = run_optimizer(*args, data_dir=tmp_path / "data")
    assert_one_line_error(result, EXIT_USAGE, contains=[flag, "not valid UTF-8"])
    assert not (tmp_path / "data").exists()  # refused before any work


def test_a_file_name_that_is_not_utf8_works_and_a_missing_one_is_shown_escaped(tmp_path):
    odd = os.fsencode(tmp_path) + b"/r\xe9sum\xe9.json"
    with open(odd, "w") as fh:
        json.dump(DOC, fh)
    out = assert_ok(run_optimizer("compress", odd, "--level", "lossless", data_dir=tmp_path / "data"))
    assert "SRM-1" in out
    result = run_optimizer("compress", os.fsencode(tmp_path) + b"/\xff.json", data_dir=tmp_path / "data")
    assert_one_line_error(result, EXIT_FAILED, contains="\\xff.json: no such file")


@pytest.mark.parametrize("command", [("compress",), ("count",)])
def test_nul_bytes_on_standard_input_are_refused(tmp_path, command):
    result = run_optimizer(*command, stdin=b"serum\x00\x00\x01binary", data_dir=tmp_path / "data")
    assert_one_line_error(result, EXIT_FAILED, contains="NUL bytes")


def test_a_huge_prompt_argument_is_refused_at_once_naming_the_limit(tmp_path):
    # One argument can hold at most 128 KB on Linux (MAX_ARG_STRLEN): the biggest a shell can pass.
    result = run_optimizer(
        "prompt", "optimize", "--type", "formulation", "--prompt", "serum " * 20_000, data_dir=tmp_path / "data"
    )
    assert_one_line_error(result, EXIT_FAILED, contains=["120,000 characters", "the limit is 20,000"])


def test_a_1_mb_chained_input_is_refused_and_the_file_kept(tmp_path):
    big = tmp_path / "previous.txt"
    big.write_text(PROSE * 5_000)  # ~1 MB
    before = snapshot(tmp_path)
    result = run_optimizer(
        "prompt", "optimize", "--type", "costing", "--context", f"previous=@{big}", data_dir=tmp_path / "data"
    )
    assert_one_line_error(result, EXIT_FAILED, contains=["the chained input is", "the limit is 60,000"])
    assert_intact(before, tmp_path)


@pytest.mark.parametrize(
    "args, flag",
    [
        (("generate", "--type", "formulation", "--prompt", "x", "--timeout", "-1"), "--timeout"),
        (("generate", "--type", "formulation", "--prompt", "x", "--max-tokens", "1000000000"), "--max-tokens"),
        (("bench", "cache", "--calls", "99999999999999999999"), "--calls"),
    ],
)
def test_out_of_range_numbers_are_usage_errors_before_any_work(tmp_path, args, flag):
    """A few for real; every numeric option and value is checked in-process in test_cli.py."""
    result = run_optimizer(*args, data_dir=tmp_path / "data")
    assert_one_line_error(result, EXIT_USAGE, contains=[flag, "must be"])
    assert not (tmp_path / "data").exists()


def test_a_closed_pipe_is_quiet(tmp_path):
    # More output than a pipe holds, so the write really meets the closed pipe.
    result = subprocess.run(
        ["sh", "-c", '"$0" -m optimizer decompress "$1" | head -c 10 > /dev/null', sys.executable, _big_json(tmp_path)],
        capture_output=True,
        env=optimizer_env(tmp_path / "data"),
        timeout=120,
    )
    assert result.returncode == 0 and result.stderr == b""


def test_a_closed_stdout_is_one_line_and_exit_1(tmp_path, inputs):
    result = subprocess.run(
        ["sh", "-c", '"$0" -m optimizer compress "$1" >&-', sys.executable, inputs["text"]],
        capture_output=True,
        env=optimizer_env(tmp_path / "data"),
        timeout=120,
    )
    assert_one_line_error(result, EXIT_FAILED, contains="standard output is closed")


def test_writing_into_a_folder_that_does_not_exist_is_one_line_and_exit_1(tmp_path):
    target = tmp_path / "no-such-folder" / "runs.csv"
    result = run_optimizer("stats", "--csv", target, data_dir=tmp_path / "data")
    assert_one_line_error(result, EXIT_FAILED, contains=[str(target), "check the path"])


# -- 4. a bug: one line, a crash report, exit 70 ------------------------------------------------

_CRASH = (
    "import sys, optimizer.cli as cli\n"
    "def boom(args):\n"
    "    raise KeyError('lookup failed for redis://:hunter2@db:6379/0')\n"
    "cli._cmd_decompress = boom\n"
    "sys.argv[0] = 'optimizer'\n"
    "sys.exit(cli.main(['decompress', '-']))\n"
)


def _crash(tmp_path: Path, data: Path, env: dict[str, str] | None = None, prefix: tuple = ()):
    return subprocess.run(
        [*prefix, sys.executable, "-c", _CRASH],
        capture_output=True,
        env=optimizer_env(data, env),
        timeout=120,
    )


def test_a_bug_is_one_line_with_a_redacted_crash_report_and_exit_70(tmp_path):
    data = tmp_path / "data"
    result = _crash(tmp_path, data)
    line = assert_one_line_error(result, EXIT_BUG, contains=["a bug in Optimizer Studio", "KeyError", str(data)])
    report = Path(line.split("details were written to ")[1].split(": please report")[0])
    text = report.read_text()
    assert "Traceback (most recent call last)" in text and "def boom" not in line
    assert "hunter2" not in text and "redis://:***@db:6379/0" in text
    assert orphans(data) == []


def test_a_bug_with_no_writable_folder_anywhere_still_says_one_line(tmp_path, readonly_folder):
    # The data folder, $TMPDIR, /tmp and /var/tmp are all the read-only mount.
    if Path(sys.executable).resolve().is_relative_to("/tmp") or Path(sys.executable).resolve().is_relative_to(
        "/var/tmp"
    ):
        pytest.skip("this checkout's Python lives under /tmp, which the test hides behind a read-only mount")
    prefix = hide_temp_folders(readonly_folder.path)
    before = snapshot(readonly_folder.path)
    result = _crash(tmp_path, readonly_folder.path / "data", {"TMPDIR": str(readonly_folder.path)}, prefix)
    assert_one_line_error(result, EXIT_BUG, contains=["a bug in Optimizer Studio", "the details could not be written"])
    assert_intact(before, readonly_folder.path, allow_new=False)


def test_a_bug_when_the_data_folder_is_read_only_reports_to_the_temp_folder(tmp_path, denied_folder):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    result = _crash(tmp_path, denied_folder.path, {"TMPDIR": str(tmp)}, denied_folder.prefix)
    line = assert_one_line_error(result, EXIT_BUG, contains=str(tmp))
    assert "crash-" in line and list(tmp.rglob("crash-*.log"))


def test_the_harness_helpers_catch_a_traceback(tmp_path):
    """The helpers the other areas reuse must fail on what they are meant to catch."""
    fake = subprocess.CompletedProcess(["x"], 1, b"", b"Traceback (most recent call last):\nValueError\n")
    with pytest.raises(AssertionError):
        assert_one_line_error(fake, 1)
    two_lines = subprocess.CompletedProcess(["x"], 1, b"", b"error: one\nerror: two\n")
    with pytest.raises(AssertionError):
        assert_one_line_error(two_lines, 1)
    with pytest.raises(AssertionError):
        assert_one_line_error(subprocess.CompletedProcess(["x"], 2, b"", b"error: x\n"), 1)
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "a").write_text("1")
    before = snapshot(kept)
    (kept / "a").write_text("2")
    with pytest.raises(AssertionError):
        assert_intact(before, kept)


def test_dropping_root_overrides_really_denies_writes(denied_folder):
    """The EACCES fault is real: the same wrapper cannot create a file in the folder."""
    if not denied_folder.prefix:
        pytest.skip("not root: the folder mode alone denies writes")
    result = subprocess.run([*DROP_ROOT_OVERRIDES, "touch", str(denied_folder.path / "x")], capture_output=True)
    assert result.returncode != 0 and b"Permission denied" in result.stderr
