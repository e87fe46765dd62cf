"""Turn a steered answer into records for a table; when that fails, say why.

Two formats are read:

* **JSON** (the templates' ``json_format``): ``{"rows": [[...], ...], "notes": ...}``,
  rows as short arrays in the generator's column order. An answer cut short (at the
  token cap) still gives every row it completed; nothing is invented for the rest.
* **Text lines** (``a | b | c``), for endpoints without structured output. Weak models
  often answer ``1. Glycerin: 5%`` instead, so formulation also reads that shape.

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
_HEADER_WORDS = {"inci", "name", "inci name", "cost item", "item", "segment", "reference", "ingredient"}
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
    """

    generator: str
    columns: tuple[str, ...]
    records: tuple[Mapping[str, Any], ...] = ()
    extras: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    error: str = ""
    format: str = ""

    @property
    def ok(self) -> bool:
        """True when at least one record was parsed."""
        return bool(self.records)


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


def _record(columns: tuple[str, ...], cells: list[Any]) -> dict[str, Any] | None:
    if len(cells) < 2 or not str(cells[0]).strip():
        return None
    if str(cells[0]).strip().lower() in _HEADER_WORDS:
        return None
    return {name: _cell(name, value) for name, value in zip(columns, cells, strict=False)}


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
    records: list[dict[str, Any]] = []
    extras: dict[str, tuple[str, ...]] = {}
    try:
        doc, _ = json.JSONDecoder().raw_decode(body)
    except ValueError:
        doc = None
    if isinstance(doc, dict) and isinstance(doc.get("rows"), list):
        for row in doc["rows"]:
            cells = list(row.values()) if isinstance(row, dict) else row if isinstance(row, list) else None
            record = _record(columns, cells) if cells is not None else None
            if record:
                records.append(record)
        for key, label in _JSON_EXTRAS.items():
            if key in doc and _extras_text(doc[key]):
                extras[label] = _extras_text(doc[key])
    else:  # cut short: keep every complete row, and complete extras
        rows_at = body.find('"rows"')
        for match in _ROW.finditer(body, rows_at):
            try:
                record = _record(columns, json.loads(match.group()))
            except ValueError:
                record = None
            if record:
                records.append(record)
        for match in _EXTRA.finditer(body):
            try:
                extras[_JSON_EXTRAS[match.group(1)]] = _extras_text(json.loads(match.group(2)))
            except ValueError:
                pass
    return ParseResult(generator, columns, tuple(records), extras, format="json" if records else "")


def parse_text(generator: str, text: str) -> ParseResult:
    """Records from ``a | b | c`` lines (and loose ``1. Glycerin: 5%`` lines for formulation)."""
    columns = COLUMNS.get(generator, ())
    records: list[dict[str, Any]] = []
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
            record = _record(columns, cells)
            if record:
                records.append(record)
            continue
        if generator == "formulation":
            m = _LOOSE_INGREDIENT.match(line)
            if m:
                records.append(
                    {
                        "ingredient": m.group("name").strip(),
                        "percent": float(m.group("pct").replace(",", ".")),
                        "function": (m.group("function") or "").strip(),
                    }
                )
    frozen = {k: tuple(v) for k, v in extras.items()}
    return ParseResult(generator, columns, tuple(records), frozen, format="text" if records else "")


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
    )
