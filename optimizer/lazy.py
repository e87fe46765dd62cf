"""Names a package re-exports, imported on first use (PEP 562 module ``__getattr__``).

>>> getattr_ = lazy_getattr("optimizer", {"count_tokens": ".tokens"})
>>> getattr_("count_tokens").__name__
'count_tokens'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_getattr(package: str, table: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: each name of ``table`` (name -> module,
    relative to ``package``) is imported from its module on first use. Any other name
    raises AttributeError, as a module does."""

    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module, package), name)

    return __getattr__
