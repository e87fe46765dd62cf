"""Turn a steered answer into records for a table; when that fails, say why.

Two formats are read:

* **JSON** (the templates' ``json_format``): ``{"rows": [[...], ...], "notes": ...}``,
  rows as short arrays in the generator's column order. An answer cut short (at the
  token cap) still gives every row it completed; nothing is invented for the rest.
* **Text lines** (``a | b | c``), for endpoints without structured output. Weak models
  often answer ``1. Glycerin: 5%`` instead, so formulation also reads that shape.

Only real rows count (``ok``): every cell filled, a word (two letters or more) in every
text cell, a number within its range in every numeric cell, no cell that is a column
name (the header written as data), no row whose text cells repeat each other, and each
first cell once (a row repeated is shown once). Rows that fail are never shown;
``problems`` says why each was left out.

>>> parse_answer("costing", '{"rows": [["Packaging", 0.95]], "total": 0.95}').records[0]["amount"]
0.95
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

COLUMNS: Mapping[str, tuple[str, ...]] = {
    "formulation": ("ingredient", "percent", "function"),
    "costing": ("item", "amount"),
    "market": ("segment", "share_percent", "growth_percent"),
    "branding": ("name", "tagline", "why"),
    "scientific": ("reference", "design", "finding"),
}
NUMERIC = {"percent", "amount", "share_percent", "growth_percent"}
# JSON keys beside "rows" and the label each is shown under (as in the text format).
_JSON_EXTRAS = {"notes": "Notes", "total": "Total", "trends": "Trend", "trend": "Trend", "verdict": "Verdict"}

_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
_LOOSE_INGREDIENT = re.compile(
    r"^\s*(?:\d+[.)]\s*|[-*•]\s*)?(?P<name>[A-Za-z][^:|%\d]{1,60}?)\s*[:–-]\s*"
    r"(?P<pct>\d+(?:[.,]\d+)?)\s*%(?:\s*[,;–-]?\s*(?P<function>.*))?$"
)
# Cells that are a column's name or header: the header written as a row of data.
_HEADER_WORDS = {
    "inci",
    "inci name",
    "name",
    "ingredient",
    "ingredients",
    "percent",
    "% w/w",
    "w/w",
    "function",
    "cost item",
    "item",
    "amount",
    "amount per unit",
    "segment",
    "share",
    "share %",
    "growth",
    "growth %",
    "growth % per year",
    "brand name",
    "tagline",
    "why",
    "reference",
    "reference (author, year)",
    "design",
    "design and n",
    "design, n",
    "finding",
    "row",
    "rows",
} | {c.replace("_", " ") for cols in COLUMNS.values() for c in cols}
# The range a number must fall in to be a real value of its column.
RANGES: Mapping[str, tuple[float, float]] = {
    "percent": (0.0, 100.0),
    "share_percent": (0.0, 100.0),
    "growth_percent": (-100.0, 1000.0),
    "amount": (0.0, 1e9),
}
# "Rows 1", "Item #2", "name:": a header word with a row number or a colon is a header too.
_HEADER_LABEL = re.compile(r"[\s#:.()_-]*\d*[\s#:.()_-]*$")
_WORD = re.compile(r"[^\W\d_]{2,}")
# One complete JSON array of scalars: a row, even inside an answer that was cut short.
_SCALAR = r'(?:"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)'
_ROW = re.compile(r"\[\s*" + _SCALAR + r"(?:\s*,\s*" + _SCALAR + r")*\s*\]")
_EXTRA = re.compile(r'"(notes|total|trends|trend|verdict)"\s*:\s*(' + _SCALAR + r"|\[[^\[\]]*\])")


@dataclass(frozen=True)
class ParseResult:
    """Records parsed from an answer.

    :ivar generator: whose columns.
    :ivar columns: the column names, in order.
    :ivar records: one mapping per row (numbers as floats in numeric columns).
    :ivar extras: Notes / Total / Trend / Verdict lines.
    :ivar error: why nothing was parsed ("" when something was).
    :ivar format: "json", "text" or "" (nothing parsed).
    :ivar cut: a JSON answer that stops before its document closes (at the token cap, a
        stop or a deadline): ``records`` are its complete rows only.
    :ivar problems: why each row written but not real was left out (see the module
        docstring), in order; such rows are never shown.
    """

    generator: str
    columns: tuple[str, ...]
    records: tuple[Mapping[str, Any], ...] = ()
    extras: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    error: str = ""
    format: str = ""
    cut: bool = False
    problems: tuple[str, ...] = ()

    @property
    def dropped(self) -> int:
        """Rows written but left out (``problems`` says why, one entry a row)."""
        return len(self.problems)

    @property
    def ok(self) -> bool:
        """True when at least one record was parsed."""
        return bool(self.records)

    @property
    def note(self) -> str:
        """One sentence on what the table leaves out ("" when nothing).

        >>> parse_answer("costing", '{"rows": [["Packaging", 0.95], ["Labour", 0.4], ["Lab').note
        '2 complete rows; the answer was cut short before it closed, the rest was not written.'
        """
        parts = []
        if self.cut and self.records:
            parts.append(
                f"{len(self.records)} complete row{'s' if len(self.records) != 1 else ''}; "
                "the answer was cut short before it closed, the rest was not written"
            )
        if self.dropped:
            parts.append(
                f"{self.dropped} row{'s' if self.dropped != 1 else ''} left out (a header, a repeat, an empty or "
                "out-of-range cell)"
            )
        return "; ".join(parts) + "." if parts else ""


def _number(text: str) -> float | None:
    m = _NUMBER.search(text)
    if not m:
        return None
    try:
        return float(m.group().replace(",", ""))
    except ValueError:
        return None


def _cell(name: str, value: Any) -> Any:
    if name in NUMERIC:
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, (int, float)):
            return float(value)
        number = _number(str(value))
        return number if number is not None else str(value)
    return "" if value is None else str(value).strip()


def _norm(value: Any) -> str:
    return " ".join(str(value).lower().split())


def row_problem(columns: tuple[str, ...], cells: list[Any], *, optional: frozenset[str] = frozenset()) -> str:
    """Why ``cells`` is not a real row of ``columns`` ("" when it is one).

    :param optional: text columns that may be empty (formulation's function in the loose
        ``1. Glycerin: 5%`` shape).

    >>> row_problem(("name", "tagline", "why"), ["name", "Douceur", "soft"])
    'a column name as name'
    >>> row_problem(("segment", "share_percent", "growth_percent"), ["Teens", 150, 4])
    'share_percent out of range'
    """
    if len(cells) < len(columns):
        return "missing cells"
    texts = []
    for name, raw in zip(columns, cells, strict=False):
        value = _cell(name, raw)
        if name in NUMERIC:
            low, high = RANGES.get(name, (float("-inf"), float("inf")))
            if not isinstance(value, float):
                return f"no number as {name}"
            if not low <= value <= high:
                return f"{name} out of range"
            continue
        if not value and name in optional:
            continue
        if not _WORD.search(value):
            return f"no word as {name}"
        if _HEADER_LABEL.sub("", _norm(value)) in _HEADER_WORDS:
            return f"a column name as {name}"
        texts.append(_norm(value))
    if len(set(texts)) < len(texts):  # "Fashion", "Fashion", "Fashion"
        return "the same text in two cells"
    return ""


class _Rows:
    """Records kept in order, each first cell once; says why each other row was left out."""

    def __init__(self, columns: tuple[str, ...]) -> None:
        self.columns = columns
        self.records: list[dict[str, Any]] = []
        self.problems: list[str] = []
        self._seen: set[str] = set()

    def add(self, cells: list[Any] | None, *, optional: frozenset[str] = frozenset()) -> None:
        problem = row_problem(self.columns, cells, optional=optional) if cells is not None else "not a row"
        if not problem and _norm(cells[0]) in self._seen:  # type: ignore[index]
            problem = "a repeat of an earlier row"
        if problem:
            self.problems.append(problem)
            return
        self._seen.add(_norm(cells[0]))  # type: ignore[index]
        self.records.append({name: _cell(name, value) for name, value in zip(self.columns, cells, strict=False)})


def _extras_text(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v) for v in value if str(v).strip())
    return (str(value),) if value is not None and str(value).strip() else ()


def parse_json(generator: str, text: str) -> ParseResult | None:
    """Records from the JSON format, or ``None`` when the answer is not JSON-shaped.

    A complete document is read with :func:`json.loads`; one cut short gives its complete
    rows (each a whole JSON array) and nothing else.
    """
    columns = COLUMNS.get(generator, ())
    start = text.find("{")
    if start < 0 or '"rows"' not in text:
        return None
    body = text[start:]
    rows = _Rows(columns)
    extras: dict[str, tuple[str, ...]] = {}
    try:
        doc, _ = json.JSONDecoder().raw_decode(body)
    except ValueError:
        doc = None
    cut = not (isinstance(doc, dict) and isinstance(doc.get("rows"), list))
    if not cut:
        for row in doc["rows"]:
            rows.add(list(row.values()) if isinstance(row, dict) else row if isinstance(row, list) else None)
        for key, label in _JSON_EXTRAS.items():
            if key in doc and _extras_text(doc[key]):
                extras[label] = _extras_text(doc[key])
    else:  # cut short: keep every complete row, and complete extras
        rows_at = body.find('"rows"')
        for match in _ROW.finditer(body, rows_at):
            try:
                rows.add(json.loads(match.group()))
            except ValueError:
                rows.add(None)
        for match in _EXTRA.finditer(body):
            try:
                extras[_JSON_EXTRAS[match.group(1)]] = _extras_text(json.loads(match.group(2)))
            except ValueError:
                pass
    found = tuple(rows.records)
    return ParseResult(
        generator, columns, found, extras, format="json" if found else "", cut=cut, problems=tuple(rows.problems)
    )


def parse_text(generator: str, text: str) -> ParseResult:
    """Records from ``a | b | c`` lines (and loose ``1. Glycerin: 5%`` lines for formulation)."""
    columns = COLUMNS.get(generator, ())
    rows = _Rows(columns)
    extras: dict[str, list[str]] = {}
    for raw in text.splitlines():
        line = raw.strip().strip("`").strip()
        if not line or set(line) <= set("|-: "):
            continue  # blank or a markdown table rule
        label, _, rest = line.partition(":")
        if label.strip().title() in {"Notes", "Trend", "Verdict", "Total"} and "|" not in label:
            extras.setdefault(label.strip().title(), []).append(rest.strip())
            continue
        if "|" in line:
            cells = [c.strip() for c in line.strip("|").split("|")]
            if cells[0].lower() == "total":
                extras.setdefault("Total", []).append(" | ".join(cells[1:]))
                continue
            rows.add(cells)
            continue
        if generator == "formulation":
            m = _LOOSE_INGREDIENT.match(line)
            if m:
                cells = [m.group("name").strip(), m.group("pct").replace(",", "."), (m.group("function") or "").strip()]
                rows.add(cells, optional=frozenset({"function"}))
    frozen = {k: tuple(v) for k, v in extras.items()}
    found = tuple(rows.records)
    return ParseResult(generator, columns, found, frozen, format="text" if found else "", problems=tuple(rows.problems))


def parse_answer(generator: str, text: str) -> ParseResult:
    """Records for ``generator``'s table from an answer in either format.

    :param generator: one of :data:`COLUMNS`.
    :param text: the answer as streamed.
    :returns: a :class:`ParseResult`; ``ok`` is False (with ``error`` saying why) when no
        row could be read. Never raises.
    """
    columns = COLUMNS.get(generator)
    if columns is None:
        return ParseResult(generator, (), error=f"no parser for generator '{generator}'")
    structured = parse_json(generator, text)
    if structured is not None and structured.ok:
        return structured
    lines = parse_text(generator, text)
    if lines.ok:
        return lines
    return ParseResult(
        generator,
        columns,
        (),
        lines.extras or (structured.extras if structured else {}),
        f"no rows of `{' | '.join(columns)}` found in the answer; showing the raw text",
        cut=structured.cut if structured else False,
        problems=(structured.problems if structured else ()) + lines.problems,
    )
