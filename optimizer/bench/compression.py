"""``python -m optimizer bench compression``: tokens against JSON and TOON, prose levels, speed.

All figures come from this run on this machine: tokens from the named tokenizer, times
as medians of repeated runs, next to baselines (minified JSON, TOON) timed in the same
run, because these machines are noisy and only ratios travel.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import toon_format

from ..compression import CompressionLevel, compress
from ..compression.guard import clear_caches
from ..compression.lossless import minified_json
from ..compression.notation import decode
from ..config import PACKAGE_DATA
from ..tokens import choose_encoding, get_encoding

FIXTURES = PACKAGE_DATA / "fixtures"


@dataclass(frozen=True)
class JsonRow:
    name: str
    pretty: int
    minified: int
    toon: int
    lossless: int
    round_trip: bool

    @property
    def never_worse(self) -> bool:
        return self.lossless <= min(self.minified, self.toon)


@dataclass(frozen=True)
class ProseRow:
    name: str
    level: str
    original: int
    compressed: int
    similarity: float
    numbers_kept: bool
    negations_kept: bool
    ingredients_kept: bool

    @property
    def reduction(self) -> float:
        return 100.0 * (self.original - self.compressed) / self.original


@dataclass(frozen=True)
class SpeedRow:
    what: str
    input_bytes: int
    median_ms: float

    @property
    def mb_per_s(self) -> float:
        return self.input_bytes / 1024 / 1024 / (self.median_ms / 1000) if self.median_ms else 0.0


def json_fixtures() -> list[Path]:
    return sorted((FIXTURES / "json").glob("*.json"))


def prose_fixtures() -> list[Path]:
    return sorted((FIXTURES / "prose").glob("*.txt"))


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a) == json.dumps(b)


def json_rows(model: str) -> list[JsonRow]:
    encoding = get_encoding(choose_encoding(model).encoding_name)

    def count(text: str) -> int:
        return len(encoding.encode_ordinary(text))

    rows = []
    for path in json_fixtures():
        data = json.loads(path.read_text(encoding="utf-8"))
        result = compress(data, CompressionLevel.LOSSLESS, model)
        rows.append(
            JsonRow(
                name=path.stem,
                pretty=count(json.dumps(data, indent=2, ensure_ascii=False)),
                minified=count(minified_json(data)),
                toon=count(toon_format.encode(data)),
                lossless=result.stats.compressed_tokens,
                round_trip=_same(decode(result.output), data),
            )
        )
    return rows


def prose_rows(model: str) -> list[ProseRow]:
    rows = []
    for path in prose_fixtures():
        text = path.read_text(encoding="utf-8")
        for level in ("light", "medium", "aggressive"):
            s = compress(text, level, model).stats
            f = s.fidelity
            rows.append(
                ProseRow(
                    path.stem,
                    level,
                    s.original_tokens,
                    s.compressed_tokens,
                    f.similarity,
                    f.numbers_preserved,
                    f.negations_preserved,
                    f.ingredients_kept == f.ingredients_total,
                )
            )
    return rows


def _median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # load the tokenizer and similarity model outside the timing
    times = []
    for _ in range(repeat):
        clear_caches()  # each run sees the text for the first time, as a new response would
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def four_kb_samples() -> tuple[str, Any]:
    """A 4 KB prose response and a JSON payload that minifies to about 4 KB."""
    prose = "\n".join(p.read_text(encoding="utf-8") for p in prose_fixtures())
    cut = prose[:4096]
    prose = cut[: cut.rfind(".") + 1]
    events = json.loads((FIXTURES / "json" / "events.json").read_text(encoding="utf-8"))
    data = []
    for event in events:
        if len(minified_json([*data, event]).encode()) > 4096:
            break
        data.append(event)
    return prose, data


def speed_rows(model: str, repeat: int) -> list[SpeedRow]:
    prose, data = four_kb_samples()
    data_bytes = len(minified_json(data).encode())
    rows = [
        SpeedRow("json.dumps minify (baseline)", data_bytes, _median_ms(lambda: minified_json(data), repeat)),
        SpeedRow("toon_format.encode (baseline)", data_bytes, _median_ms(lambda: toon_format.encode(data), repeat)),
        SpeedRow("lossless (JSON 4 KB)", data_bytes, _median_ms(lambda: compress(data, "lossless", model), repeat)),
    ]
    for level in ("light", "medium", "aggressive"):
        rows.append(
            SpeedRow(
                f"{level} (prose 4 KB)",
                len(prose.encode()),
                _median_ms(lambda level=level: compress(prose, level, model, measure_similarity=False), repeat),
            )
        )
        rows.append(
            SpeedRow(
                f"{level} + fidelity stats",
                len(prose.encode()),
                _median_ms(lambda level=level: compress(prose, level, model), repeat),
            )
        )
    return rows


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def _pct(part: float, whole: float) -> str:
    return f"{100.0 * (whole - part) / whole:+.1f}%" if whole else "n/a"


def report(model: str, repeat: int) -> tuple[str, bool]:
    """The printed tables, and whether every hard bar held (round trip, never worse)."""
    choice = choose_encoding(model)
    out = [
        f"# Compression benchmark — model {model}, tokenizer {choice.encoding_name}"
        f"{'' if choice.exact else ' (estimate)'}",
        "",
    ]
    jrows = json_rows(model)
    total = JsonRow(
        "TOTAL",
        *(sum(getattr(r, f) for r in jrows) for f in ("pretty", "minified", "toon", "lossless")),
        all(r.round_trip for r in jrows),
    )
    out.append("## JSON data: tokens (fewer is better); saved % is against that column")
    out.append(
        _table(
            ["file", "pretty", "minified", "TOON", "lossless", "vs minified", "vs TOON", "round trip", "<= both"],
            [
                [
                    r.name,
                    str(r.pretty),
                    str(r.minified),
                    str(r.toon),
                    str(r.lossless),
                    _pct(r.lossless, r.minified),
                    _pct(r.lossless, r.toon),
                    "exact" if r.round_trip else "FAILED",
                    "yes" if r.never_worse else "NO",
                ]
                for r in [*jrows, total]
            ],
        )
    )
    out.append("")
    prows = prose_rows(model)
    out.append("## Prose: tokens saved and fidelity per level (similarity: WordLlama, offline)")
    table = [
        [
            r.name,
            r.level,
            str(r.original),
            str(r.compressed),
            f"{r.reduction:.1f}%",
            f"{r.similarity:.3f}",
            "all" if r.numbers_kept else "LOST",
            "all" if r.negations_kept else "LOST",
            "all" if r.ingredients_kept else "LOST",
        ]
        for r in prows
    ]
    for level in ("light", "medium", "aggressive"):
        sel = [r for r in prows if r.level == level]
        original, compressed = sum(r.original for r in sel), sum(r.compressed for r in sel)
        table.append(
            [
                "TOTAL",
                level,
                str(original),
                str(compressed),
                f"{100.0 * (original - compressed) / original:.1f}%",
                f"{min(r.similarity for r in sel):.3f} min",
                "all" if all(r.numbers_kept for r in sel) else "LOST",
                "all" if all(r.negations_kept for r in sel) else "LOST",
                "all" if all(r.ingredients_kept for r in sel) else "LOST",
            ]
        )
    out.append(
        _table(
            ["file", "level", "original", "compressed", "saved", "similarity", "numbers", "negations", "ingredients"],
            table,
        )
    )
    out.append("")
    srows = speed_rows(model, repeat)
    base = srows[0].median_ms
    out.append(f"## Speed on 4 KB inputs (median of {repeat} runs; ratio against json.dumps in this run)")
    out.append(
        _table(
            ["what", "bytes", "median ms", "MB/s", "x json.dumps"],
            [
                [
                    r.what,
                    str(r.input_bytes),
                    f"{r.median_ms:.2f}",
                    f"{r.mb_per_s:.2f}",
                    f"{r.median_ms / base:.0f}x" if base else "n/a",
                ]
                for r in srows
            ],
        )
    )
    ok = all(r.round_trip and r.never_worse for r in jrows) and all(
        r.numbers_kept and r.negations_kept and r.ingredients_kept for r in prows
    )
    return "\n".join(out), ok
