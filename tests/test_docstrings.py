"""Every public module, function, class and method of `optimizer/` says what it does.

Read with `ast`, not by importing, so the check is fast, needs no optional dependency and
sees exactly what a reader of the source sees. Public means a name without a leading
underscore; dunders (``__init__``, ``__call__``...) are documented by their class.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "optimizer"

# "Class.method" -> why it needs no docstring of its own. Only for a method that implements a
# protocol documented elsewhere and adds nothing a reader must know. Keep it short; empty is best.
EXEMPT: dict[str, str] = {}

Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of a body, looking inside `if` and `try` blocks (still module level)."""
    for node in body:
        if isinstance(node, ast.If):
            yield from _statements(node.body)
            yield from _statements(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _statements(block)
            for handler in node.handlers:
                yield from _statements(handler.body)
        else:
            yield node


def _overload(node: ast.stmt) -> bool:
    # A typing.overload stub is a signature only; the implementation beside it carries the docstring.
    decorators = getattr(node, "decorator_list", [])
    return any(ast.unparse(d) in ("overload", "typing.overload") for d in decorators)


def _public(node: ast.stmt) -> bool:
    return isinstance(node, Definition) and not node.name.startswith("_") and not _overload(node)


def undocumented(path: Path, *, root: Path, exempt: dict[str, str]) -> tuple[list[str], set[str]]:
    """The public names of one file without a docstring (`path:line name`) and the exemptions used."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(root).as_posix()
    missing = [] if ast.get_docstring(tree) else [f"{where}:1 <module>"]
    used: set[str] = set()
    for node in _statements(tree.body):
        if not _public(node):
            continue
        if not ast.get_docstring(node):
            missing.append(f"{where}:{node.lineno} {node.name}")
        if not isinstance(node, ast.ClassDef):
            continue
        for method in _statements(node.body):
            qualified = f"{node.name}.{getattr(method, 'name', '')}"
            if not _public(method) or ast.get_docstring(method):
                continue
            if qualified in exempt:
                used.add(qualified)
            else:
                missing.append(f"{where}:{method.lineno} {qualified}")
    return missing, used


def test_every_public_name_of_the_core_has_a_docstring() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 50, "the core's sources were not found"
    missing: list[str] = []
    used: set[str] = set()
    for path in files:
        found, exempted = undocumented(path, root=ROOT, exempt=EXEMPT)
        missing += found
        used |= exempted
    assert missing == [], f"{len(missing)} public names without a docstring:\n" + "\n".join(missing)
    # An exemption nobody needs any more is removed, so the list stays honest.
    assert set(EXEMPT) <= used, f"unused exemptions: {sorted(set(EXEMPT) - used)}"


def test_the_check_sees_what_is_missing(tmp_path: Path) -> None:
    # The checker must be able to fail: an undocumented module, function and method are
    # reported; a private helper, a dunder and an exempt method are not.
    source = tmp_path / "sample.py"
    source.write_text(
        "def shown():\n    return 1\n\n"
        "def _hidden():\n    return 2\n\n"
        "if True:\n    def guarded():\n        return 5\n\n"
        'class Box:\n    """A box."""\n\n'
        "    def __init__(self):\n        pass\n\n"
        "    def open(self):\n        return 3\n\n"
        "    def do_GET(self):\n        return 4\n\n"
        "    @overload\n    def shut(self, x: int) -> int: ...\n",
        encoding="utf-8",
    )
    found, used = undocumented(source, root=tmp_path, exempt={"Box.do_GET": "http.server protocol"})
    assert found == ["sample.py:1 <module>", "sample.py:1 shown", "sample.py:8 guarded", "sample.py:17 Box.open"]
    assert used == {"Box.do_GET"}
