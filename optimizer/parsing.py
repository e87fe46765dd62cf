"""Turn a steered answer into records for a table; when that fails, say why.

The templates ask for ``a | b | c`` lines. Weak models (the embedded demo model among
them) often answer ``1. Glycerin: 5%`` instead, so formulation also reads that shape.
"""

from __future__ import annotations

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
LABELS = {"formulation": "Notes", "costing": "Total", "market": "Trend", "scientific": "Verdict"}

_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
_LOOSE_INGREDIENT = re.compile(
    r"^\s*(?:\d+[.)]\s*|[-*•]\s*)?(?P<name>[A-Za-z][^:|%\d]{1,60}?)\s*[:–-]\s*"
    r"(?P<pct>\d+(?:[.,]\d+)?)\s*%(?:\s*[,;–-]?\s*(?P<function>.*))?$"
)
_HEADER_WORDS = {"inci", "name", "inci name", "cost item", "item", "segment", "reference", "ingredient"}


@dataclass(frozen=True)
class ParseResult:
    generator: str
    columns: tuple[str, ...]
    records: tuple[Mapping[str, Any], ...] = ()
    extras: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # Notes/Trend/Verdict lines
    error: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.records)


def _number(text: str) -> float | None:
    m = _NUMBER.search(text)
    if not m:
        return None
    try:
        return float(m.group().replace(",", ""))
    except ValueError:
        return None


def parse_answer(generator: str, text: str) -> ParseResult:
    columns = COLUMNS.get(generator)
    if columns is None:
        return ParseResult(generator, (), error=f"no parser for generator '{generator}'")
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
            if cells[0].lower() in _HEADER_WORDS or len(cells) < 2:
                continue
            if cells[0].lower() == "total":
                extras.setdefault("Total", []).append(" | ".join(cells[1:]))
                continue
            record: dict[str, Any] = {}
            for name, cell in zip(columns, cells):
                record[name] = _number(cell) if name in NUMERIC and _number(cell) is not None else cell
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
    if not records:
        expected = " | ".join(columns)
        return ParseResult(
            generator, columns, (), frozen, f"no `{expected}` lines found in the answer; showing the raw text"
        )
    return ParseResult(generator, columns, tuple(records), frozen)
