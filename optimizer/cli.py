"""``python -m optimizer``: the core's operations without a browser.

Exit codes: 0 done; 1 an expected failure (one line on stderr: what happened, what was
kept, what to do); 2 a usage error (a bad option or argument, one line); 70 a bug (one
line that says where the crash report was written; never a traceback); 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import stat
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

from .argcheck import check_arguments, number, whole
from .cli_offline import add_offline_commands
from .cli_server import add_server_commands
from .compression.levels import CompressionLevel
from .config import describe_os_error
from .crash import CRASH_EXIT, crash_line, environment_problem, one_line, stderr_line, write_crash_report
from .errors import InputError, OptimizerError, UsageError, shown
from .limits import input_too_large, max_input_bytes
from .tokens import DEFAULT_MODEL

EXIT_USAGE = 2
EXIT_FAILED = 1
EXIT_INTERRUPTED = 130


def _read_source(name: str) -> str:
    """Read FILE or '-' (stdin) as bytes, refusing what is too large before reading it all."""
    limit = max_input_bytes()
    if name == "-":
        raw = sys.stdin.buffer.read(limit + 1)
        source = "standard input"
    else:
        path = Path(name)
        source = shown(name)
        try:
            with path.open("rb") as fh:
                raw = fh.read(limit + 1)
                size = os.fstat(fh.fileno()).st_size
        except (FileNotFoundError, NotADirectoryError):
            raise OptimizerError(f"{source}: no such file") from None
        except IsADirectoryError:
            raise OptimizerError(f"{source} is a directory; give a file or - for standard input") from None
        except OSError as exc:
            raise OptimizerError(f"{source}: cannot read ({describe_os_error(exc)})") from None
    if len(raw) > limit:
        # A device or a pipe has no size on disk: say "over the limit" rather than "0.0 MB".
        shown_size = f"{size / 1024 / 1024:.1f} MB" if name != "-" and size > limit else "over the limit"
        raise input_too_large(source, shown_size)
    from .compression import read_text  # the engine: only for the commands that read input

    return read_text(raw, source)


def _json_line(value: object, **options: object) -> str:
    """``json.dumps`` that stays printable: lone surrogates (from ``"\\ud800"`` escapes)
    cannot be written as UTF-8, so such a document is written with ASCII escapes."""
    text = json.dumps(value, ensure_ascii=False, **options)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return json.dumps(value, ensure_ascii=True, **options)


def _cmd_compress(args: argparse.Namespace) -> int:
    text = _read_source(args.file)
    from .compression import compress

    result = compress(text, args.level, args.model)
    if args.format == "json":
        print(json.dumps({"output": result.output, **result.stats.as_dict()}, ensure_ascii=False))
    else:
        sys.stdout.write(result.output if result.output.endswith("\n") else result.output + "\n")
        if result.stats.note:
            print(f"note: {result.stats.note}", file=sys.stderr)
    return 0


def _cmd_decompress(args: argparse.Namespace) -> int:
    from .compression import decompress

    value = decompress(_read_source(args.file))
    indent = None if args.minify else 2
    separators = (",", ":") if args.minify else None
    print(_json_line(value, indent=indent, separators=separators))
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
            from .operations import cache_stats

            print(json.dumps(cache_stats(service), indent=2))
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
            print(
                f"cleared {service.clear(include_stats=args.stats)} entr(y/ies)"
                + (" and the statistics" if args.stats else "")
            )
    return 0


def _duration(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f}{unit}"
    return f"{seconds:.0f}s"


def _cmd_health(args: argparse.Namespace) -> int:
    from .operations import health

    with _cache_service(args) as service:
        report = health(service)
    print(json.dumps(report, indent=2))
    return 0 if report["status"] == "ok" else EXIT_FAILED


def _context(pairs: list[str]) -> dict[str, str]:
    context = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--context needs name=value, got '{pair}'")
        if value.startswith("@"):  # name=@file reads the value from a file (a chained output)
            value = _read_source(value[1:])
        context[name.strip()] = value
    return context


def _generation_service(args: argparse.Namespace):
    from dataclasses import replace

    from .cache import CacheService
    from .generate import GenerationService
    from .ledger import Ledger
    from .providers import make_provider, resolve_settings
    from .streaming import Limits

    # The command line is the operator's own: its --base-url is allowed, but the
    # environment's key stays bound to the environment's endpoint (see providers.settings).
    ui = {"OPTIMIZER_PROVIDER": args.provider, "OPENAI_MODEL": args.model, "OPENAI_BASE_URL": args.base_url}
    settings = resolve_settings({k: v for k, v in ui.items() if v}, allow_user_endpoints=True)
    limits = Limits.from_env()
    if args.timeout is not None:
        limits = replace(limits, deadline_s=args.timeout)
    cache = None if getattr(args, "no_cache", False) else CacheService.from_config(strategy=args.strategy)
    provider = make_provider(settings, timeout=limits.deadline_s)
    return GenerationService(provider, cache, Ledger(), limits=limits, source="cli")


def _cmd_generate(args: argparse.Namespace) -> int:
    from .generate import GenerationRequest

    service = _generation_service(args)
    request = GenerationRequest(
        args.type,
        args.prompt or "",
        _context(args.context),
        args.level,
        args.max_tokens,
        args.temperature,
        use_cache=not args.no_cache,
    )
    try:
        generation = service.generate(request)
        stream = args.format == "text"
        for delta in generation:
            if stream:
                sys.stdout.write(delta)
                sys.stdout.flush()
    except KeyboardInterrupt:
        generation.response.stop()
    finally:
        if service.cache is not None:
            service.cache.close()
    r = generation.response
    if stream:
        sys.stdout.write("\n")
        for notice in generation.notices:
            print(f"note: {notice}", file=sys.stderr)
        mark = {
            "exact": "cache hit (exact)",
            "semantic": "cache hit (semantic)",
            "stale": "STALE cached answer",
            "none": "generated",
        }[generation.cached]
        run = generation.run  # the ledger's figures: the same as `stats` and the CSV
        queued = f", waited {r.queue_ms / 1000:.1f} s in the queue" if r.queue_ms >= 100 else ""
        ending = ", at the token cap" if r.at_token_cap else ""
        if not r.complete:  # failed, stopped or cut: said first, not "generated"
            mark, ending = r.end_state.value.upper(), f": {r.error}"
        print(
            f"[{mark}] prompt {run.optimized_prompt_tokens} + answer {run.answer_tokens} tokens "
            f"({run.reference_tokenizer}; provider usage {run.prompt_tokens}+{run.completion_tokens}), "
            f"${run.cost_usd:.6f}{f' priced as {run.priced_as}' if run.cost_basis == 'reference estimate' else ''}, "
            f"first token {(r.ttft_ms or 0):.0f} ms, total {(r.latency_ms or 0):.0f} ms" + queued + ending,
            file=sys.stderr,
        )
    else:
        print(
            json.dumps(
                {
                    "text": r.text,
                    "cached": generation.cached,
                    "complete": r.complete,
                    "end_state": r.end_state.value,
                    "finish_reason": r.finish_reason,
                    "error": r.error,
                    "prompt_tokens": r.usage.prompt_tokens,
                    "completion_tokens": r.usage.completion_tokens,
                    "usage_source": r.usage.source,
                    "cost_usd": generation.run.cost_usd,
                    "priced_as": generation.run.priced_as,
                    "cost_basis": generation.run.cost_basis,
                    "reference_tokenizer": generation.run.reference_tokenizer,
                    "answer_tokens": generation.run.answer_tokens,
                    "ttft_ms": r.ttft_ms,
                    "latency_ms": r.latency_ms,
                    "queue_ms": r.queue_ms,
                    "provider": r.provider,
                    "model": r.model,
                    "run_id": generation.run_id,
                    "confidence": generation.prompt.confidence.score,
                    "naive_prompt_tokens": generation.prompt.naive_tokens,
                    "optimized_prompt_tokens": generation.prompt.optimized_tokens,
                    "parsed": [dict(x) for x in generation.parsed.records] if generation.parsed else [],
                    "parse_error": generation.parsed.error if generation.parsed else "",
                    "notices": generation.notices,
                },
                ensure_ascii=False,
            )
        )
    return 0 if r.complete else EXIT_FAILED


def _cmd_prompt(args: argparse.Namespace) -> int:
    from .prompts import optimize_prompt

    prompt = optimize_prompt(args.type, args.prompt or "", _context(args.context), args.level, args.model)
    print(json.dumps(prompt.as_dict(), indent=2, ensure_ascii=False))
    return 0


def _ledger_filters(args: argparse.Namespace) -> dict[str, Any]:
    chosen = {
        "generator": args.type,
        "model": args.model,
        "cached": args.cached,
        "user": args.user,
        "source": args.source,
        "since": args.since,
        "until": args.until,
        "search": args.search,
    }
    return {k: v for k, v in chosen.items() if v}


def _write_atomically(target: Path, write) -> int:
    """Run ``write(fh)`` into a temporary file beside ``target``, then rename it."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            n = write(fh)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        problem = environment_problem(exc)
        why = (
            f"{problem.reason}; nothing was written; {problem.remedy}"
            if problem
            else f"{exc.strerror}; nothing was written"
        )
        raise OptimizerError(f"cannot write {shown(target)} ({why})") from None
    return n


def _cmd_stats(args: argparse.Namespace) -> int:
    from .ledger import Ledger

    ledger = Ledger().for_reading()  # never the empty in-memory stand-in: its figures would be false
    filters = _ledger_filters(args)
    for notice in ledger.notices:
        print(f"note: {notice}", file=sys.stderr)
    if args.run is not None:
        run = ledger.get(args.run)
        if run is None:
            raise OptimizerError(f"no run {args.run} in the ledger at {ledger.target}")
        print(json.dumps(run, indent=2, ensure_ascii=False))
        return 0
    if args.csv:
        if args.csv == "-":
            ledger.to_csv(sys.stdout, **filters)
        else:
            n = _write_atomically(Path(args.csv), lambda fh: ledger.to_csv(fh, **filters))
            print(f"wrote {n} run(s) to {args.csv}", file=sys.stderr)
        return 0
    from .operations import ledger_stats

    print(json.dumps(ledger_stats(ledger, filters), indent=2))
    return 0


def _add_backend_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--backend", choices=("disk", "redis"), default=None, help="default: redis when REDIS_URL is set, else disk"
    )
    p.add_argument("--redis-url", default=None, help="e.g. redis://127.0.0.1:6379/0 (default $REDIS_URL)")


def _cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run_bench

    return run_bench(args)


class _OneLineErrors(argparse.ArgumentParser):
    """argparse prints the whole usage on a bad argument; one line says it better."""

    def error(self, message: str) -> NoReturn:
        # argparse quotes a bad value with repr(): show undecodable bytes as \xff, not \udcff.
        message = re.sub(r"\\udc([89a-f][0-9a-f])", r"\\x\1", message)
        self.exit(EXIT_USAGE, f"error: {one_line(message)} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m optimizer`` argument parser, every sub-command with its options.

    A bad value is one line on stderr and exit code 2 (never a traceback).
    """
    parser = _OneLineErrors(
        prog="python -m optimizer",
        description="Optimizer Studio core: count, compress and benchmark, offline.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser(
        "compress",
        help="compress text or JSON at a level",
        description="Compress text or JSON. lossless needs JSON and round-trips exactly.",
    )
    p.add_argument("file", nargs="?", default="-", help="a file, or - for standard input (default)")
    p.add_argument(
        "--level", default=CompressionLevel.MEDIUM.value, choices=[level.value for level in CompressionLevel]
    )
    p.add_argument("--model", default=DEFAULT_MODEL, help="whose tokenizer counts (default %(default)s)")
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help="text: the output only; json: output and stats"
    )
    p.set_defaults(handler=_cmd_compress)

    p = commands.add_parser("decompress", help="turn a lossless output back into JSON")
    p.add_argument("file", nargs="?", default="-", help="a file, or - for standard input (default)")
    p.add_argument("--minify", action="store_true", help="print minified JSON")
    p.set_defaults(handler=_cmd_decompress)

    add_offline_commands(commands, _read_source)
    add_server_commands(commands, _OneLineErrors)

    p = commands.add_parser(
        "cache",
        help="cache statistics, keys, invalidation",
        description="Inspect and manage the cache (diskcache or Redis).",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_OneLineErrors)
    a = actions.add_parser("stats", help="hit rates, savings and usage as JSON")
    _add_backend_options(a)
    a = actions.add_parser("keys", help="list keys: generator, size, TTL left, hits")
    a.add_argument("--pattern", default="*", help="glob over keys, e.g. 'formulation:*'")
    a.add_argument("--limit", type=whole, default=200)
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

    from .prompts import GENERATORS

    p = commands.add_parser("generate", help="stream a generation (embedded model or OpenAI-compatible)")
    p.add_argument("--type", required=True, choices=GENERATORS)
    p.add_argument("--prompt", default="", help="the request in your words")
    p.add_argument(
        "--context",
        action="append",
        metavar="NAME=VALUE",
        help="a template field (repeatable); NAME=@FILE reads it from a file, "
        "e.g. previous=@formulation.txt to chain a generation",
    )
    p.add_argument(
        "--provider",
        choices=("local", "openai"),
        default=None,
        help="default: openai when OPENAI_API_KEY or OPENAI_BASE_URL is set, else local",
    )
    p.add_argument("--model", default=None, help="OpenAI(-compatible) model name")
    p.add_argument("--base-url", default=None, help="an OpenAI-compatible endpoint (default $OPENAI_BASE_URL)")
    p.add_argument("--level", default="medium", choices=[level.value for level in CompressionLevel])
    p.add_argument(
        "--max-tokens",
        type=whole,
        default=None,
        help="answer length cap, 1..16384 (default: 160 on the embedded model, 800 elsewhere)",
    )
    p.add_argument("--temperature", type=number, default=0.2)
    p.add_argument("--strategy", default="balanced", choices=("aggressive", "balanced", "conservative"))
    p.add_argument(
        "--timeout",
        type=number,
        default=None,
        help="total seconds for the generation, retries and stream included (default $OPTIMIZER_DEADLINE_S or 120)",
    )
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: stream to the terminal; json: one final object",
    )
    p.set_defaults(handler=_cmd_generate)

    p = commands.add_parser("prompt", help="optimize a prompt (no generation)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_OneLineErrors)
    a = actions.add_parser("optimize", help="the optimized prompt, tokens before/after, confidence and factors")
    a.add_argument("--type", required=True, choices=GENERATORS)
    a.add_argument("--prompt", default="")
    a.add_argument("--context", action="append", metavar="NAME=VALUE")
    a.add_argument("--level", default="medium", choices=[level.value for level in CompressionLevel])
    a.add_argument("--model", default=DEFAULT_MODEL)
    p.set_defaults(handler=_cmd_prompt)

    p = commands.add_parser("stats", help="summarise the run ledger, show one run, or export every run as CSV")
    p.add_argument("--csv", metavar="FILE", help="write every matching run as CSV (- for standard output)")
    p.add_argument("--run", type=whole, default=None, metavar="ID", help="print one run (request, answer, figures)")
    p.add_argument("--type", default=None, help="only this generator")
    p.add_argument("--model", default=None, help="only this model")
    p.add_argument("--cached", default=None, choices=("none", "exact", "semantic", "stale"), help="only this outcome")
    p.add_argument("--user", default=None, help="only this user's runs")
    p.add_argument("--source", default=None, help="only runs from studio, cli, gateway or bench")
    p.add_argument("--since", default=None, metavar="DATE", help="from this UTC date/time (YYYY-MM-DD[THH:MM])")
    p.add_argument("--until", default=None, metavar="DATE", help="before this UTC date/time")
    p.add_argument("--search", default=None, metavar="TEXT", help="runs whose request or answer contains TEXT")
    p.set_defaults(handler=_cmd_stats)

    p = commands.add_parser(
        "bench",
        help="benchmarks that print a table (compression, cache, replay, prompt, ledger, studio, gateway, parse)",
    )
    p.add_argument(
        "suite", choices=("compression", "cache", "replay", "prompt", "ledger", "studio", "gateway", "parse")
    )
    p.add_argument(
        "--repeat", type=whole, default=20, help="compression: timing repetitions per level; prompt: runs per case"
    )
    p.add_argument("--quick", action="store_true", help="compression, cache, studio: a CI-sized run")
    p.add_argument("--pairs", type=whole, default=8, help="studio: requests timed on the page and in the CLI")
    p.add_argument(
        "--half", choices=("report", "tune"), default="report", help="studio, parse: which half of its requests"
    )
    p.add_argument("--baseline", action="store_true", help="parse: also run the previous (t2) templates")
    p.add_argument("--sizes", default=None, help="cache: entries in one scope to measure, e.g. 1000,10000,100000")
    p.add_argument("--calls", type=whole, default=5000, help="cache, ledger: calls per latency row")
    p.add_argument(
        "--requests",
        type=whole,
        default=None,
        help="replay: workload size (200); gateway: misses per client (20); parse: per generator (30)",
    )
    p.add_argument("--clients", type=whole, default=50, help="gateway: concurrent clients")
    p.add_argument(
        "--client",
        choices=("raw", "openai"),
        default="raw",
        help="gateway: the load generator (raw: a minimal HTTP client; openai: the official AsyncOpenAI)",
    )
    p.add_argument("--latency-ms", type=number, default=200.0, help="gateway: the fake upstream's fixed latency")
    p.add_argument(
        "--workers", type=whole, default=None, help="gateway: serve --workers N (default: one per core, at most 4)"
    )
    p.add_argument("--provider", choices=("local", "openai"), default=None, help="replay: who answers")
    p.add_argument(
        "--model",
        dest="model",
        default=DEFAULT_MODEL,
        help="compression: whose tokenizer; replay: the OpenAI(-compatible) model when --provider openai",
    )
    p.add_argument("--seed", type=whole, default=7, help="replay: workload seed")
    p.add_argument("--cap", type=whole, default=128, help="replay: answer tokens per request (both passes)")
    p.add_argument("--reference", default=DEFAULT_MODEL, help="replay: model whose tokenizer and prices count")
    p.add_argument("--out", default=None, help="replay: folder for the CSVs and the HTML chart")
    p.set_defaults(handler=_cmd_bench)
    return parser


def _run(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed its one-line usage error (or --help)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        check_arguments(parser, args)
    except UsageError as exc:
        command = " ".join(filter(None, (args.command, getattr(args, "action", None))))
        stderr_line(f"{exc} (see {parser.prog} {command} --help)")
        return EXIT_USAGE
    if sys.stdout is None:  # started with stdout closed (`>&-`): the output would vanish
        raise OptimizerError("standard output is closed, so the result has nowhere to go; nothing was done")
    code = args.handler(args)
    sys.stdout.flush()  # a full disk or a closed pipe shows here, not at interpreter exit
    return code


def _finish_stdout() -> bool:
    """Flush what is buffered for stdout; if that fails too (a full disk, a closed pipe),
    drop it so the interpreter's exit flush does not print a second error.

    Returns False when stdout could not be written.
    """
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
        return True
    except (OSError, ValueError):
        _silence_stdout()
        return False


def _stdout_on_full_disk() -> bool:
    """True when stdout is a regular file on a full file system (an unbuffered stdout loses
    the failed write, so a second flush cannot tell)."""
    try:
        fd = sys.stdout.fileno()
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        return os.fstatvfs(fd).f_bavail == 0
    except (OSError, ValueError, AttributeError):
        return False


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the exit flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no stdout at all: nothing to silence
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code. Never lets a traceback reach the user.

    Expected failures (``OptimizerError``, which includes ``ProviderError``) print
    ``error: <sentence>`` and return 1; bad arguments return 2; the disk refusing a read or write returns 1
    with the file and the reason; anything else is a bug: its traceback goes to a crash
    report (see :mod:`optimizer.crash`) and one line says where, with exit 70.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        return _run(build_parser(), argv)
    except OptimizerError as exc:  # ProviderError is one too
        _finish_stdout()
        stderr_line(str(exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        _finish_stdout()
        stderr_line("interrupted; what was finished before is kept")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (e.g. `| head`): not a failure of ours
        _silence_stdout()
        return 0
    except MemoryError:
        _finish_stdout()
        stderr_line("out of memory; nothing more was written: give it a smaller input or free some memory")
        return EXIT_FAILED
    except Exception as exc:
        problem = environment_problem(exc)
        if problem is None:
            return _crash(exc, argv)
        # The machine refused, not the program.
        if not _finish_stdout() or _stdout_on_full_disk():  # the output itself could not be written
            problem = replace(
                problem, where="the standard output", remedy="free some space where it goes and run it again"
            )
            details = ""
        else:
            # A module met the disk's refusal without saying so itself: keep a report for the record.
            report = write_crash_report(exc, argv)
            details = f" (details: {shown(report.path)})" if report.path else ""
        stderr_line(problem.sentence() + details)
        return EXIT_FAILED


def _crash(exc: BaseException, argv: Sequence[str]) -> int:
    _finish_stdout()
    stderr_line(crash_line(exc, write_crash_report(exc, argv)))
    return CRASH_EXIT
