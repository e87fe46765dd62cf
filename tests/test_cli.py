from __future__ import annotations

import json

import pytest

from optimizer.argcheck import number, whole
from optimizer.bench.compression import json_fixtures, prose_fixtures


def test_help_lists_every_command(run_cli):
    out = run_cli("--help")
    assert out.returncode == 0
    for command in ("compress", "decompress", "bench"):
        assert command in out.stdout.decode()


def test_compress_text_prints_the_output_only(run_cli):
    out = run_cli("compress", str(prose_fixtures()[0]), "--level", "aggressive")
    assert out.returncode == 0 and out.stderr == b""
    assert len(out.stdout) < prose_fixtures()[0].stat().st_size


# In this process (the `cli` fixture: the same main(), output and exit code) where a new
# interpreter is not the point; the compress and decompress families keep real processes
# above and below (test_compress_text_prints_the_output_only, the lone surrogate).
def test_compress_json_format_has_the_fields(cli):
    out = cli("compress", "-", "--level", "lossless", "--format", "json", stdin=json_fixtures()[0].read_bytes())
    doc = json.loads(out.stdout)
    for key in (
        "output",
        "original_tokens",
        "compressed_tokens",
        "reduction_percentage",
        "techniques",
        "lossless",
        "encoding",
        "elapsed_ms",
        "fidelity",
    ):
        assert key in doc
    assert doc["lossless"] is True and doc["fidelity"]["numbers_preserved"] is True


def test_lossless_then_decompress_restores_the_original(cli, tmp_path):
    source = json_fixtures()[-1]
    packed = cli("compress", str(source), "--level", "lossless")
    (tmp_path / "packed.txt").write_bytes(packed.stdout)
    restored = cli("decompress", str(tmp_path / "packed.txt"))
    assert restored.returncode == 0
    assert json.loads(restored.stdout) == json.loads(source.read_text())


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (("compress", "--level", "lossless"), b'{"a": [1,', b"invalid JSON at line 1"),
        (("compress",), b"", b"empty"),
        (("compress",), b"\x7fELF\x00\x00binary", b"binary"),
        (("compress", "/no/such/file"), None, b"no such file"),
        (("compress", "--level", "extreme"), b"x", b"invalid choice"),
        (("decompress",), b"{broken", b"not JSON or lossless notation"),
        (("frobnicate",), None, b"invalid choice"),
    ],
)
def test_bad_input_gets_one_line_and_a_nonzero_exit(cli, args, stdin, message):
    out = cli(*args, stdin=stdin)
    assert out.returncode != 0
    assert message in out.stderr
    assert out.stderr.count(b"\n") == 1 and b"Traceback" not in out.stderr


def test_a_50_mb_file_is_refused_without_reading_it_all(cli, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    out = cli("compress", str(big))
    assert out.returncode == 1
    assert b"50.0 MB" in out.stderr and b"limit" in out.stderr


@pytest.mark.slow
def test_bench_compression_prints_tables_and_holds_its_bars(run_cli):
    out = run_cli("bench", "compression", "--repeat", "1", "--quick")
    text = out.stdout.decode()
    assert out.returncode == 0, out.stderr  # round trips, never worse, guard and QQP hold
    assert "github-repos" in text and "TOON" in text and "MB/s" in text
    assert "tune half (TUNING" in text and "report half (REPORT" in text and "## QQP questions" in text
    assert "## Issue 14 bars" in text
    assert "FAILED" not in text and "  NO" not in text


# -- argument decoding and global error handling (in-process: the same main()) ------------------


def _numeric_options():
    """(command prefix, flag, bound) for every int/float option of every command."""
    import argparse

    from optimizer.argcheck import NUMERIC_LIMITS
    from optimizer.cli import build_parser

    minimal = {
        "generate": ["generate", "--type", "formulation", "--prompt", "x"],
        "bench": ["bench", "compression"],
        "cache keys": ["cache", "keys"],
        "keys create": ["keys", "create", "--name", "x", "--role", "analyst"],
    }
    found = []

    def walk(parser, path):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, [*path, name])
            elif action.type in (whole, number) and action.option_strings:
                found.append((minimal.get(" ".join(path), path), max(action.option_strings, key=len), action))

    walk(build_parser(), [])
    return [(prefix, flag, action, NUMERIC_LIMITS.get(action.dest)) for prefix, flag, action in found]


def test_every_numeric_option_has_a_stated_range():
    missing = [flag for _, flag, _, bound in _numeric_options() if bound is None]
    assert missing == [], f"add these to optimizer.argcheck.NUMERIC_LIMITS: {missing}"


@pytest.mark.parametrize("which", ["below", "above", "nan", "inf"])
def test_every_numeric_option_refuses_out_of_range_values_with_exit_2(which, capsys):
    from optimizer.cli import main

    checked = 0
    for prefix, flag, action, bound in _numeric_options():
        if which in ("nan", "inf") and action.type is not number:
            continue
        value = {
            "below": str(int(bound.low) - 1 if action.type is whole else bound.low - 1),
            "above": str(int(bound.high) * 1000 + 1),
            "nan": "nan",
            "inf": "-inf",
        }[which]
        assert main([*prefix, f"{flag}={value}"]) == 2, (flag, value)
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith(f"error: {flag} must be"), err
        checked += 1
    assert checked >= (2 if which in ("nan", "inf") else 9)


def test_in_range_numbers_pass_the_check():
    import argparse

    from optimizer.argcheck import check_arguments
    from optimizer.cli import build_parser

    parser = build_parser()
    args = parser.parse_args(["generate", "--type", "formulation", "--timeout", "0.5", "--max-tokens", "16384"])
    check_arguments(parser, args)  # raises on a refusal
    assert isinstance(args, argparse.Namespace) and args.max_tokens == 16384


@pytest.mark.parametrize(
    "argv, flag, detail",
    [
        (
            ["prompt", "optimize", "--type", "formulation", "--prompt", "caf\udce9"],
            "--prompt",
            "byte 0xe9 at position 3",
        ),
        (["prompt", "optimize", "--type", "formulation", "--prompt", "x\ud800"], "--prompt", "a lone surrogate"),
        (["count", "--model", "\udcff"], "--model", "byte 0xff at position 0"),
        (["cache", "invalidate", "form\udcffulation:*"], "pattern", "byte 0xff"),
    ],
)
def test_arguments_that_are_not_utf8_are_refused_naming_the_flag(argv, flag, detail, capsys):
    from optimizer.cli import main

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"error: {flag} is not valid UTF-8 ({detail}" in err


def test_a_context_file_name_may_hold_any_bytes(tmp_path, capsys):
    from optimizer.cli import main

    assert main(["prompt", "optimize", "--type", "costing", "--context", "previous=@/no/such/\udcff"]) == 1
    assert "error: /no/such/\\xff: no such file" in capsys.readouterr().err


def test_an_unexpected_exception_is_one_line_a_report_and_exit_70(monkeypatch, tmp_path, capsys):
    from optimizer import cli

    monkeypatch.setenv("OPTIMIZER_DATA_DIR", str(tmp_path / "data"))

    def boom(args):
        raise ZeroDivisionError("token=abc123secret")

    monkeypatch.setattr(cli, "_cmd_decompress", boom)
    assert cli.main(["decompress", "-"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unexpected failure (ZeroDivisionError), a bug" in err
    (report,) = (tmp_path / "data" / "crash-reports").iterdir()
    text = report.read_text()
    assert "ZeroDivisionError" in text and "abc123secret" not in text and str(report) in err


def test_a_disk_error_nobody_handled_is_one_line_exit_1(monkeypatch, tmp_path, capsys):
    import errno
    import sqlite3

    from optimizer import cli

    monkeypatch.setenv("OPTIMIZER_DATA_DIR", str(tmp_path / "data"))

    def wrapped(args):
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError as exc:
            raise RuntimeError("store failed") from exc

    for failure, says in (
        (OSError(errno.EROFS, "Read-only file system", "/data/x.db"), "/data/x.db (it is on a read-only file system)"),
        (wrapped, "database or disk is full"),
    ):

        def handler(args, failure=failure):
            if callable(failure):
                failure(args)
            raise failure

        monkeypatch.setattr(cli, "_cmd_decompress", handler)
        assert cli.main(["decompress", "-"]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and says in err and "error: cannot read or write" in err


def test_decompress_of_a_lone_surrogate_escape_prints_valid_json(run_cli):
    out = run_cli("decompress", stdin=b'{"a": "\\ud800 x"}')
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"a": "\ud800 x"}


def test_one_line_collapses_redacts_and_escapes():
    from optimizer.crash import one_line

    assert one_line("a\n  b\tc") == "a b c"
    assert one_line("see https://u:pw@h/x") == "see https://u:***@h/x"
    assert one_line("file \udcff.json") == "file \\xff.json"
    assert len(one_line("x" * 5000)) == 2000


def test_no_home_folder_is_one_sentence_and_prices_still_load(monkeypatch):
    from pathlib import Path

    from optimizer import config, pricing
    from optimizer.errors import DataDirError

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("OPTIMIZER_DATA_DIR")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    with pytest.raises(DataDirError, match=r"cannot find a home folder .* set OPTIMIZER_DATA_DIR"):
        config.data_dir()
    assert pricing.override_path() == (None, None)
    assert pricing.load_prices().price("gpt-4o").output > 0
