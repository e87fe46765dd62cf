"""Errors the core raises on purpose.

Each message says what went wrong and what to do next, so the CLI and the pages can
show it as is (one line, no traceback).
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

E = TypeVar("E", bound=Enum)


class OptimizerError(Exception):
    """Base class: an expected failure with a message meant for the user."""


class InputError(OptimizerError, ValueError):
    """The input cannot be used as given (empty, binary, too large, not JSON...)."""


class ConfigError(OptimizerError):
    """A setting, price table or vendored file is wrong or missing."""


def parse_choice(choices: type[E], value: object, what: str) -> E:
    """``choices(value)`` for a str Enum, or an InputError that lists the valid values."""
    try:
        return choices(value)
    except ValueError:
        raise InputError(f"unknown {what} '{value}'; choose one of {', '.join(c.value for c in choices)}") from None
