"""The adversarial suite's runs, shared by the modules that check it: each module computes
a half once (``suite_once``: the tests and the benchmark's report in that module read the
same results) and asks only for the halves it checks. The tuning half is checked in
tests/test_cache_suite.py (its even files) and tests/test_cache_suite_tune_odd.py (its odd
files), the reporting half in tests/test_cache_suite_report.py (its even files) and
tests/test_cache_suite_report_odd.py (its odd files): four files, so the workers run them
side by side (one file went to one worker: about 80 s at g88, and the halves grow with
every blind file; the tuning half alone took 41 s at g97)."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from optimizer.bench import semantic


@pytest.fixture(scope="module")
def suite_once():
    """``semantic.run_suite`` and ``semantic.run_qqp`` computed once per module for the same
    cases (the folder they work in is scratch; a half's label is the caller's): the tests
    below and the benchmark's report read the same results."""
    run_suite, run_qqp = semantic.run_suite, semantic.run_qqp
    suites: dict[tuple[str, ...], list] = {}
    qqps: dict[tuple, tuple] = {}

    def suite_once(cases, folder, half):
        cases = list(cases)
        key = tuple(case.id for case in cases)
        if key not in suites:
            with _forms_once():
                suites[key] = run_suite(cases, folder, half)
        return [dataclasses.replace(result, half=half) for result in suites[key]]

    def qqp_once(pairs, folder):
        key = tuple(pairs)
        if key not in qqps:
            with _forms_once():
                qqps[key] = run_qqp(pairs, folder)
        return qqps[key]

    patch = pytest.MonkeyPatch()
    patch.setattr(semantic, "run_suite", suite_once)
    patch.setattr(semantic, "run_qqp", qqp_once)
    yield
    patch.undo()


@contextlib.contextmanager
def _forms_once() -> Iterator[None]:
    """While the suite or QQP runs, each text's canonical form is computed once, not once
    per strategy, per stored and looked-up side and per rewrite (``canonical_text`` is a
    pure function of its arguments and returns tuples: the same verdicts, ~40% of the
    suite's CPU less; so is a text's clauses, ``canon._raw_clauses``). Only around those runs: the benchmark's timed rows are not."""
    from optimizer.cache import canon, guard

    patch = pytest.MonkeyPatch()
    patch.setattr(guard, "canonical_text", functools.lru_cache(maxsize=None)(guard.canonical_text))
    # a text's clauses too (canon keeps 8,192; a half holds about 40,000 texts and their
    # rewrites: 40% of the half's time less, the same results)
    patch.setattr(canon, "_raw_clauses", functools.lru_cache(maxsize=None)(canon._raw_clauses.__wrapped__))
    try:
        yield
    finally:
        patch.undo()


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Each half's results, only when a test asks for that half (computed once: see above)."""
    folder = tmp_path_factory.mktemp("suite")

    def run(half: str) -> list:
        return semantic.run_suite(semantic.load_suite(half_files(half)), folder, half)

    return run


def half_files(half: str) -> tuple[Path, ...]:
    """The files of ``half``: "tune", "report", or one of either half's two parts, "tune:0"
    and "tune:1", "report:0" and "report:1" (every other file, so that each part holds long
    and short files alike), which four test files check on the workers."""
    name, _, part = half.partition(":")
    files = {"tune": semantic.TUNE, "report": semantic.REPORT}[name]
    return files[int(part) :: 2] if part else files


def total(results, half: str, strategy: str, kind: str) -> tuple[int, int]:
    """(served, cases) of one kind on one half under one strategy."""
    rows = [r for r in results(half) if r.strategy == strategy and r.kind == kind]
    return sum(r.served for r in rows), sum(r.cases for r in rows)
