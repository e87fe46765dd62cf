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


class DataDirError(ConfigError):
    """The data folder cannot be created or written (read-only, full, missing parent...).

    ``path`` is the folder (or the file in it) that failed. Compression, decompression,
    prompt optimization and token counts never need the data folder, so only the parts
    that store something (cache, ledger, crash logs) meet this error.
    """

    def __init__(self, message: str, *, path: object = None) -> None:
        super().__init__(message)
        self.path = path


class PriceError(ConfigError):
    """A price table (the vendored one or an override file) cannot be used as written.

    The message names the file and, when one row is at fault, the row.
    """


def shown(value: object) -> str:
    """``value`` (a path or a command-line argument) as printable text for a message.

    Bytes that are not UTF-8 (kept by Python as lone surrogates) are shown as ``\\xff``
    escapes instead of crashing the terminal write.

    >>> shown("caf\\udce9.json")
    'caf\\\\xe9.json'
    """
    import os

    text = os.fspath(value) if isinstance(value, (os.PathLike, bytes)) else str(value)
    if isinstance(text, bytes):
        return text.decode("utf-8", "backslashreplace")
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:  # undecodable bytes from the command line or the file system
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that never was a byte
        return text.encode("utf-8", "backslashreplace").decode("ascii")


class UsageError(InputError):
    """A command-line argument cannot be used as given: not UTF-8, out of range, not finite.

    The CLI prints it like argparse's own usage errors and exits 2.
    """
