"""Command-line arguments checked after argparse and before any work: text must be UTF-8
and numbers must be finite and within a stated range.

argparse checks types and choices; what it lets through (``--prompt $'\\xff'``,
``--timeout -1``, ``--max-tokens 1000000000``, ``--temperature nan``) is refused here with
a :class:`~optimizer.errors.UsageError` (the CLI exits 2).
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .errors import UsageError
from .limits import MAX_TOKENS_LIMIT

# Arguments that name files: any bytes the file system allows are fine there.
PATH_DESTS = frozenset({"file", "csv", "out"})


@dataclass(frozen=True)
class Bound:
    """The accepted range of a numeric option, both ends inclusive, and its unit."""

    low: float
    high: float
    unit: str = ""

    def check(self, flag: str, value: float) -> None:
        """Raise UsageError unless ``value`` is finite and within ``[low, high]``."""
        if isinstance(value, float) and not math.isfinite(value):
            raise UsageError(f"{flag} must be a finite number, got {value}")
        if not self.low <= value <= self.high:
            unit = f" {self.unit}" if self.unit else ""
            raise UsageError(f"{flag} must be between {_num(self.low)} and {_num(self.high)}{unit}, got {_num(value)}")


def whole(text: str) -> int:
    """An argparse ``type`` for whole numbers whose error an analyst can read.

    Returns:
        The integer ``text`` spells.

    Raises:
        argparse.ArgumentTypeError: ``'ten' is not a whole number``.

    Example: ``parser.add_argument("--limit", type=whole)``.
    """
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def number(text: str) -> float:
    """An argparse ``type`` for numbers (finite or not: ranges are checked later).

    Returns:
        The float ``text`` spells.

    Raises:
        argparse.ArgumentTypeError: ``'soon' is not a number``.

    Example: ``parser.add_argument("--timeout", type=number)``.
    """
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None


def _num(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) and abs(value) < 10**30 else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


# Every numeric option of every command. An option missing here (a new one) still has
# to be finite and not negative (see check_arguments).
NUMERIC_LIMITS: Mapping[str, Bound] = MappingProxyType(
    {
        "limit": Bound(1, 1_000_000, "keys"),  # cache keys
        "max_tokens": Bound(1, MAX_TOKENS_LIMIT, "tokens"),  # the core's rule (optimizer.limits)
        "temperature": Bound(0, 2),  # the OpenAI API's range
        "timeout": Bound(0.1, 3600, "seconds"),
        "repeat": Bound(1, 10_000, "repetitions"),  # bench compression
        "calls": Bound(1, 1_000_000, "calls"),  # bench cache
        "requests": Bound(1, 100_000, "requests"),  # bench replay
        "seed": Bound(0, 2**32 - 1),
        "cap": Bound(1, MAX_TOKENS_LIMIT, "tokens"),  # bench replay: answer tokens per request
        "run": Bound(1, 2**63 - 1),  # stats --run ID: a ledger row id
        "port": Bound(0, 65_535),  # serve: 0 picks a free port
        "budget_usd": Bound(0.000001, 1_000_000_000, "USD"),  # keys create
        "clients": Bound(1, 1_000, "clients"),  # bench gateway
        "latency_ms": Bound(0, 60_000, "ms"),  # bench gateway: the fake upstream's latency
        "pairs": Bound(1, 1_000, "requests"),  # bench studio: requests timed on the page and in the CLI
        "workers": Bound(1, 64, "processes"),  # serve, bench gateway: the gateway's worker processes
    }
)


def _option_names(parser: argparse.ArgumentParser, args: argparse.Namespace) -> dict[str, str]:
    """dest -> the flag a user typed (``--max-tokens``) or the positional's name, along the
    subcommands ``args`` chose (``cache keys --pattern`` and ``cache invalidate PATTERN``
    share a dest)."""
    names: dict[str, str] = {}
    current: argparse.ArgumentParser | None = parser
    while current is not None:
        chosen = None
        for action in current._actions:  # argparse has no public walk over actions
            if isinstance(action, argparse._SubParsersAction):
                chosen = action.choices.get(getattr(args, action.dest, None) or "")
            else:
                names[action.dest] = max(action.option_strings, key=len) if action.option_strings else action.dest
        current = chosen
    return names


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def _not_utf8(text: str) -> int | None:
    """Index of the first character that came from a byte that is not UTF-8 (or None)."""
    for i, ch in enumerate(text):
        if "\ud800" <= ch <= "\udfff":
            return i
    return None


def _check_text(flag: str, text: str) -> None:
    pos = _not_utf8(text)
    if pos is None:
        return
    ch = text[pos]
    byte = f"byte 0x{ord(ch) - 0xDC00:02x}" if "\udc80" <= ch <= "\udcff" else "a lone surrogate"
    raise UsageError(f"{flag} is not valid UTF-8 ({byte} at position {pos}); pass it as UTF-8 text")


def check_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse text arguments that are not UTF-8 and numbers out of range, naming the flag.

    File names may hold any bytes (they are paths); ``--context name=@FILE`` checks the
    name only. Numbers use ``NUMERIC_LIMITS``; a numeric option not listed there must be
    finite and not negative.

    Raises:
        UsageError: e.g. ``--timeout must be between 0.1 and 3,600 seconds, got -1``.
    """
    names = _option_names(parser, args)
    for dest, value in vars(args).items():
        flag = names.get(dest, f"--{dest.replace('_', '-')}")
        if isinstance(value, bool) or value is None or callable(value):
            continue
        if isinstance(value, (int, float)):
            bound = NUMERIC_LIMITS.get(dest)
            if bound is not None:
                bound.check(flag, value)
            elif (isinstance(value, float) and not math.isfinite(value)) or value < 0:
                raise UsageError(f"{flag} must be a finite number of 0 or more, got {_num(value)}")
            continue
        if dest in PATH_DESTS:
            continue
        for text in _strings(value):
            if dest == "context" and "=@" in text:
                text = text.partition("=@")[0]  # NAME=@FILE: the file name may be any bytes
            _check_text(flag, text)
