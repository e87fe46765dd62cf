"""Benchmarks behind ``python -m optimizer bench SUITE``: each prints a table."""

from __future__ import annotations

import argparse


def run_bench(args: argparse.Namespace) -> int:
    """Run the benchmark suite named by ``args.suite`` and print its table.

    Suites: compression, cache, prompt, ledger, studio, replay, gateway, parse. Each
    measures its baseline in the same run (parse: with ``--baseline``).

    :returns: the process exit code: 0 when the suite's own bar holds, 1 otherwise.
    """
    if args.suite == "compression":
        from .compression import report

        text, ok = report(args.model, args.repeat, quick=getattr(args, "quick", False))
        print(text)
        return 0 if ok else 1
    if args.suite == "cache":
        from .cache import report as cache_report

        sizes = tuple(int(x) for x in args.sizes.split(",")) if getattr(args, "sizes", None) else None
        text, ok = cache_report(args.calls, quick=getattr(args, "quick", False), sizes=sizes)
        print(text)
        return 0 if ok else 1
    if args.suite == "prompt":
        from .prompt import report as prompt_report

        text, ok = prompt_report(args.repeat)
        print(text)
        return 0 if ok else 1
    if args.suite == "ledger":
        from .ledger import report as ledger_report

        text, ok = ledger_report(args.calls)
        print(text)
        return 0 if ok else 1
    if args.suite == "studio":
        from .studio import report as studio_report

        text, ok = studio_report(args.pairs, which=args.half, quick=getattr(args, "quick", False))
        print(text)
        return 0 if ok else 1
    if args.suite == "replay":
        from pathlib import Path

        from .replay import default_out, render, replay, write_outputs

        report = replay(args.requests or 200, args.provider, args.model, args.seed, args.cap, args.reference)
        print(render(report))
        files = write_outputs(report, Path(args.out) if args.out else default_out())
        print("\nwrote " + ", ".join(str(f) for f in files))
        wrong = sum(o.wrong_hit for o in report.optimized)
        return 0 if wrong == 0 else 1
    if args.suite == "gateway":
        from .gateway import report as gateway_report

        text, ok = gateway_report(
            clients=args.clients,
            per_client=args.requests or 20,
            latency_ms=args.latency_ms,
            quick=args.quick,
            workers=args.workers,
            client=args.client,
        )
        print(text)
        return 0 if ok else 1
    if args.suite == "parse":
        from .parse import report as parse_report

        text, ok = parse_report(
            which=args.half, per_generator=args.requests or 30, baseline=getattr(args, "baseline", False)
        )
        print(text)
        return 0 if ok else 1
    raise ValueError(f"unknown suite {args.suite}")
