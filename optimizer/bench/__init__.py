"""Benchmarks behind ``python -m optimizer bench SUITE``: each prints a table."""

from __future__ import annotations

import argparse


def run_bench(args: argparse.Namespace) -> int:
    if args.suite == "compression":
        from .compression import report

        text, ok = report(args.model, args.repeat)
        print(text)
        return 0 if ok else 1
    if args.suite == "cache":
        from .cache import report as cache_report

        text, ok = cache_report(args.calls)
        print(text)
        return 0 if ok else 1
    raise ValueError(f"unknown suite {args.suite}")
