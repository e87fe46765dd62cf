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


def _cache_service(args: argparse.Namespace):
    from .cache import CacheService

    return CacheService.from_config(args.backend, args.redis_url, getattr(args, "strategy", "balanced"))


def _cmd_cache(args: argparse.Namespace) -> int:
    with _cache_service(args) as service:
        health = service.health()
        if health.status == "degraded":
            print(f"warning: {health.detail}", file=sys.stderr)
        if args.action == "stats":
            stats = service.stats()
            usage = service.usage()
            print(json.dumps({
                "backend": health.as_dict(),
                "strategy": service.policy.strategy.value,
                "strategy_means": service.policy.settings.description,
                "generators": {g: s.as_dict() for g, s in sorted(stats.items())},
                "most_requested_keys": usage["keys"], "most_used_templates": usage["templates"],
                "note": "saved_* count what cache hits avoided (the original call's tokens, cost and "
                        "latency); bytes_* are storage compression (bytes, not tokens)",
            }, indent=2))
        elif args.action == "keys":
            rows = service.keys(args.pattern or "*", limit=args.limit)
            print(f"{'key':<64} {'generator':<12} {'bytes':>7} {'ttl left':>10} {'hits':>6}")
            for row in rows:
                ttl = "-" if row.ttl_left_s is None else _duration(row.ttl_left_s)
                print(f"{row.key:<64} {row.generator:<12} {row.size_bytes:>7} {ttl:>10} {row.hits:>6}")
            print(f"{len(rows)} key(s)" + (f" (first {args.limit})" if len(rows) >= args.limit else ""))
        elif args.action == "invalidate":
            print(f"invalidated {service.invalidate(args.pattern)} entr(y/ies) matching '{args.pattern}'")
        elif args.action == "clear":
            if not args.yes:
                raise OptimizerError("clear removes every cached answer; run again with --yes to confirm")
            print(f"cleared {service.clear(include_stats=args.stats)} entr(y/ies)"
                  + (" and the statistics" if args.stats else ""))
    return 0


def _duration(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f}{unit}"
    return f"{seconds:.0f}s"


def _cmd_health(args: argparse.Namespace) -> int:
    from .tokens import count_tokens

    with _cache_service(args) as service:
        cache = service.health()
    try:
        count_tokens("ok")
        tokens = {"status": "ok"}
    except OptimizerError as exc:
        tokens = {"status": "down", "detail": str(exc)}
    healthy = cache.healthy and tokens["status"] == "ok"
    print(json.dumps({"status": "ok" if healthy else "unhealthy", "cache": cache.as_dict(),
                      "tokenizers": tokens}, indent=2))
    return 0 if healthy else EXIT_FAILED


def _add_backend_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--backend", choices=("disk", "redis"), default=None,
                   help="default: redis when REDIS_URL is set, else disk")
    p.add_argument("--redis-url", default=None, help="e.g. redis://127.0.0.1:6379/0 (default $REDIS_URL)")


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

    p = commands.add_parser("cache", help="cache statistics, keys, invalidation",
                            description="Inspect and manage the cache (diskcache or Redis).")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True,
                               parser_class=_OneLineErrors)
    a = actions.add_parser("stats", help="hit rates, savings and usage as JSON")
    _add_backend_options(a)
    a = actions.add_parser("keys", help="list keys: generator, size, TTL left, hits")
    a.add_argument("--pattern", default="*", help="glob over keys, e.g. 'formulation:*'")
    a.add_argument("--limit", type=int, default=200)
    _add_backend_options(a)
    a = actions.add_parser("invalidate", help="delete entries whose key matches a glob")
    a.add_argument("pattern", help="e.g. 'formulation:*' or 'costing:gpt-4o:*'")
    _add_backend_options(a)
    a = actions.add_parser("clear", help="delete every entry (needs --yes)")
    a.add_argument("--yes", action="store_true", help="confirm")
    a.add_argument("--stats", action="store_true", help="also reset the statistics")
    _add_backend_options(a)
    p.set_defaults(handler=_cmd_cache)

    p = commands.add_parser("health", help="JSON health of the cache and tokenizers; non-zero when unhealthy")
    _add_backend_options(p)
    p.set_defaults(handler=_cmd_health)

    p = commands.add_parser("bench", help="benchmarks that print a table (compression, cache)")
    p.add_argument("suite", choices=("compression", "cache"))
    p.add_argument("--model", default=DEFAULT_MODEL)
    p.add_argument("--repeat", type=int, default=20, help="compression: timing repetitions per level")
    p.add_argument("--calls", type=int, default=5000, help="cache: calls per latency row")
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
