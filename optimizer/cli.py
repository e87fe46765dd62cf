"""``python -m optimizer``: the core's operations without a browser.

Every expected failure prints one line to stderr and exits non-zero; a traceback
means a bug.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn, Sequence

from .compression import CompressionLevel, compress, decompress, read_text
from .compression.engine import MAX_INPUT_ENV, max_input_bytes
from .errors import InputError, OptimizerError
from .tokens import DEFAULT_MODEL

EXIT_USAGE = 2
EXIT_FAILED = 1


def _read_source(name: str) -> str:
    """Read FILE or '-' (stdin) as bytes, refusing what is too large before reading it all."""
    limit = max_input_bytes()
    if name == "-":
        raw = sys.stdin.buffer.read(limit + 1)
        source = "standard input"
    else:
        path = Path(name)
        if not path.exists():
            raise OptimizerError(f"{name}: no such file")
        if path.is_dir():
            raise OptimizerError(f"{name} is a directory; give a file or - for standard input")
        source = name
        try:
            with path.open("rb") as fh:
                raw = fh.read(limit + 1)
        except OSError as exc:
            raise OptimizerError(f"{name}: cannot read ({exc.strerror})") from None
    if len(raw) > limit:
        size = f"{path.stat().st_size / 1024 / 1024:.1f} MB" if name != "-" else "over the limit"
        raise InputError(
            f"{source} is {size}; the limit is {limit / 1024 / 1024:.0f} MB "
            f"(split it, or raise {MAX_INPUT_ENV})"
        )
    return read_text(raw, source)


def _cmd_compress(args: argparse.Namespace) -> int:
    text = _read_source(args.file)
    result = compress(text, args.level, args.model)
    if args.format == "json":
        print(json.dumps({"output": result.output, **result.stats.as_dict()}, ensure_ascii=False))
    else:
        sys.stdout.write(result.output if result.output.endswith("\n") else result.output + "\n")
        if result.stats.note:
            print(f"note: {result.stats.note}", file=sys.stderr)
    return 0


def _cmd_decompress(args: argparse.Namespace) -> int:
    value = decompress(_read_source(args.file))
    indent = None if args.minify else 2
    separators = (",", ":") if args.minify else None
    print(json.dumps(value, ensure_ascii=False, indent=indent, separators=separators))
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run_bench

    return run_bench(args)


class _OneLineErrors(argparse.ArgumentParser):
    """argparse prints the whole usage on a bad argument; one line says it better."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineErrors(
        prog="python -m optimizer",
        description="Optimizer Studio core: count, compress and benchmark, offline.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser("compress", help="compress text or JSON at a level",
                            description="Compress text or JSON. lossless needs JSON and round-trips exactly.")
    p.add_argument("file", nargs="?", default="-", help="a file, or - for standard input (default)")
    p.add_argument("--level", default=CompressionLevel.MEDIUM.value,
                   choices=[level.value for level in CompressionLevel])
    p.add_argument("--model", default=DEFAULT_MODEL, help="whose tokenizer counts (default %(default)s)")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text: the output only; json: output and stats")
    p.set_defaults(handler=_cmd_compress)

    p = commands.add_parser("decompress", help="turn a lossless output back into JSON")
    p.add_argument("file", nargs="?", default="-", help="a file, or - for standard input (default)")
    p.add_argument("--minify", action="store_true", help="print minified JSON")
    p.set_defaults(handler=_cmd_decompress)

    p = commands.add_parser("bench", help="benchmarks that print a table (compression)")
    p.add_argument("suite", choices=("compression",))
    p.add_argument("--model", default=DEFAULT_MODEL)
    p.add_argument("--repeat", type=int, default=20, help="timing repetitions per level")
    p.set_defaults(handler=_cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed its one-line usage error
        return int(exc.code or 0)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.handler(args)
    except OptimizerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
