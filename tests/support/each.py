"""One test over many data cases, reporting every case that fails.

A few files check hundreds of small cases (seeded documents, reviewed near-misses, the
JSON test suite's files). As one pytest test each, pytest's own cost per test (collection,
fixtures, reports, sent between the xdist workers and the main process: about 2 ms) was
more than the cases' own work; :func:`every` runs them in one test and still names each
case that failed, with its message, instead of stopping at the first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import pytest

Case = TypeVar("Case")


def every(cases: Iterable[Case], check: Callable[[Case], object], *, name: Callable[[Case], str] = repr) -> None:
    """Run ``check(case)`` for each case; fail once, listing each case whose check failed.

    A failed ``assert`` or ``pytest.raises``/``pytest.fail`` is collected; any other
    exception stops the test at once, with the case named in a note.

    :param cases: the cases (there must be at least one).
    :param check: asserts what must hold for one case.
    :param name: how a case is named in the report (default ``repr``).
    :raises AssertionError: listing every failed case as ``name: message``.

    >>> every(range(3), lambda n: None)
    """
    cases = list(cases)
    assert cases, "no cases to check"
    failures = []
    for case in cases:
        try:
            check(case)
        except (AssertionError, pytest.fail.Exception) as exc:
            failures.append(f"{name(case)}: {exc}")
        except Exception as exc:
            exc.add_note(f"while checking {name(case)}")
            raise
    assert not failures, f"{len(failures)} of {len(cases)} cases failed:\n" + "\n".join(failures)
