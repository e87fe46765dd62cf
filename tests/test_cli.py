from __future__ import annotations

import json

import pytest

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


def test_compress_json_format_has_the_fields(run_cli):
    out = run_cli("compress", "-", "--level", "lossless", "--format", "json", stdin=json_fixtures()[0].read_bytes())
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


def test_lossless_then_decompress_restores_the_original(run_cli, tmp_path):
    source = json_fixtures()[-1]
    packed = run_cli("compress", str(source), "--level", "lossless")
    (tmp_path / "packed.txt").write_bytes(packed.stdout)
    restored = run_cli("decompress", str(tmp_path / "packed.txt"))
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
def test_bad_input_gets_one_line_and_a_nonzero_exit(run_cli, args, stdin, message):
    out = run_cli(*args, stdin=stdin)
    assert out.returncode != 0
    assert message in out.stderr
    assert out.stderr.count(b"\n") == 1 and b"Traceback" not in out.stderr


def test_a_50_mb_file_is_refused_without_reading_it_all(run_cli, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    out = run_cli("compress", str(big))
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
