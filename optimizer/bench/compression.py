"""``python -m optimizer bench compression``: tokens against JSON and TOON, prose levels, speed.

All figures come from this run on this machine: tokens from the named tokenizer, times
as medians of repeated runs, next to baselines (minified JSON, TOON) timed in the same
run, because these machines are noisy and only ratios travel.
"""

from __future__ import annotations

import json
import os
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
from ..compression.scoring import clear_cache as clear_scores
from ..compression.scoring import model_unavailable_reason
from ..config import PACKAGE_DATA
from ..tokens import choose_encoding, get_encoding
from .prose_corpus import HALVES, SOURCES, corpus, texts
from .prose_rows import (
    PROSE_LEVELS,
    ProseRow,
    QqpRow,
    _is_verbose,
    _pct,
    _prose_section,
    _table,
    prose_rows,
    qqp_rows,
)
from .prose_tables import model_throughput

FIXTURES = PACKAGE_DATA / "fixtures"


@dataclass(frozen=True)
class JsonRow:
    """Tokens of one JSON fixture as pretty JSON, minified JSON, TOON and our lossless encoding, and whether ours
    decodes back exactly.
    """

    name: str
    pretty: int
    minified: int
    toon: int
    lossless: int
    round_trip: bool

    @property
    def never_worse(self) -> bool:
        """Whether the lossless encoding is no larger than both minified JSON and TOON."""
        return self.lossless <= min(self.minified, self.toon)


@dataclass(frozen=True)
class SpeedRow:
    """Median wall-clock time of one operation, and its median CPU time (this process, all
    threads): on a shared machine the second is the one other processes inflate least."""

    what: str
    input_bytes: int
    median_ms: float
    cpu_ms: float = 0.0

    @property
    def cpu_ms_per_4kb(self) -> float:
        """Median CPU milliseconds per 4 KiB of input (0 for an empty input)."""
        return self.cpu_ms * 4096 / self.input_bytes if self.input_bytes else 0.0

    @property
    def mb_per_s(self) -> float:
        """Throughput in MiB of input per wall-clock second (0 when no time was measured)."""
        return self.input_bytes / 1024 / 1024 / (self.median_ms / 1000) if self.median_ms else 0.0

    @property
    def ms_per_4kb(self) -> float:
        """Median wall-clock milliseconds per 4 KiB of input (0 for an empty input)."""
        return self.median_ms * 4096 / self.input_bytes if self.input_bytes else 0.0


def json_fixtures() -> list[Path]:
    """The benchmark's JSON fixtures (``fixtures/json/*.json``), sorted by name."""
    return sorted((FIXTURES / "json").glob("*.json"))


def prose_fixtures() -> list[Path]:
    """The five original verbose answers (part of the tuning half)."""
    return sorted((FIXTURES / "prose").glob("*.txt"))


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a) == json.dumps(b)


def json_rows(model: str) -> list[JsonRow]:
    """One :class:`JsonRow` per JSON fixture, counted with ``model``'s tokenizer.

    :raises ValueError: a fixture that is not valid JSON (a packaging mistake).
    """
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


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of ``fn`` over ``repeat`` cold runs."""
    fn()  # load the tokenizer and the models outside the timing
    wall, cpu = [], []
    for _ in range(max(1, repeat)):
        clear_caches()  # each run sees the text for the first time, as a new response would
        clear_scores()
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def _cut(text: str, size: int) -> str:
    """The first ``size`` bytes of ``text``, ending at a sentence."""
    cut = text.encode("utf-8")[:size].decode("utf-8", "ignore")
    end = max(cut.rfind(". "), cut.rfind(".\n"))
    return cut[: end + 1] if end > 0 else cut


def prose_sample(half: str, size: int, source: str = "verbose") -> str:
    """About ``size`` bytes of the half's texts of ``source``, one after another (repeated if short).

    Speed is timed on the verbose answers by default: the kind of text issue 14's time bars
    are about (the mixed corpus has tables and short notes, which the rules skip faster).
    """
    joined = "\n\n".join(item.text for item in texts(source, half))
    while len(joined.encode("utf-8")) < size:
        joined += "\n\n" + joined
    return _cut(joined, size)


def four_kb_samples() -> tuple[str, Any]:
    """A 4 KB prose response and a JSON payload that minifies to about 4 KB."""
    prose = prose_sample("tune", 4096)
    events = json.loads((FIXTURES / "json" / "events.json").read_text(encoding="utf-8"))
    data = []
    for event in events:
        if len(minified_json([*data, event]).encode()) > 4096:
            break
        data.append(event)
    return prose, data


def speed_rows(model: str, repeat: int, levels: tuple[str, ...], sizes: tuple[int, ...]) -> list[SpeedRow]:
    """Median times: baselines, lossless on 4 KB of JSON, each prose level on each size."""
    _, data = four_kb_samples()
    data_bytes = len(minified_json(data).encode())
    rows = [
        SpeedRow("json.dumps minify (baseline)", data_bytes, *_timed(lambda: minified_json(data), repeat)),
        SpeedRow("toon_format.encode (baseline)", data_bytes, *_timed(lambda: toon_format.encode(data), repeat)),
        SpeedRow("lossless (JSON 4 KB)", data_bytes, *_timed(lambda: compress(data, "lossless", model), repeat)),
    ]
    for half in HALVES:
        for size in sizes:
            prose = prose_sample(half, size)
            for level in levels:
                if level == "max" and size > 4096:
                    continue  # minutes a run on two shared cores: see the note under the table
                # The model-guided level takes seconds a run: one run (the corpus rows time every text).
                times = repeat if level != "max" else 1
                rows.append(
                    SpeedRow(
                        f"{level} ({half}, {size // 1024} KB)",
                        len(prose.encode()),
                        *_timed(
                            lambda level=level, prose=prose: compress(prose, level, model, measure_similarity=False),
                            times,
                        ),
                    )
                )
    return rows


def report(model: str, repeat: int, *, quick: bool = False) -> tuple[str, bool]:
    """The printed tables, and whether every hard invariant held.

    Hard invariants (the exit status): JSON round trips and is never worse than minified
    JSON or TOON; the guard finds every number, negation, ingredient, name and question
    word of every text at every level; no QQP question loses one. The issue's bars
    (reduction, similarity, the author's list, time) are printed as a checklist on the
    report half. ``quick`` runs a small sample (CI).
    """
    choice = choose_encoding(model)
    limit, qqp_limit = (2, 200) if quick else (None, None)
    repeat = min(repeat, 3) if quick else repeat
    out = [
        f"# Compression benchmark — model {model}, tokenizer {choice.encoding_name}"
        f"{'' if choice.exact else ' (estimate)'}{' — QUICK sample (CI)' if quick else ''}",
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
    unavailable = model_unavailable_reason()
    levels = PROSE_LEVELS if unavailable is None else PROSE_LEVELS[:-1]
    if unavailable:
        out.append(f"(max, the model-guided level, is not measured: {unavailable})\n")
    elif quick:
        # The model-guided level takes seconds per KB: in the quick run it is tried on one
        # short text only, to show it runs and keeps the guard.
        levels = PROSE_LEVELS[:-1]
        sample = _cut(corpus("tune")[0].text, 1024)
        smoke = compress(sample, "max", model)
        out.append(
            f"(quick run: max measured on {len(sample.encode())} bytes only: saved "
            f"{smoke.stats.reduction_percentage:.1f}%, similarity {smoke.stats.fidelity.similarity:.3f}, "
            f"guard {'kept all' if smoke.stats.fidelity.preserved else 'LOST terms'}, {smoke.stats.elapsed_ms:.0f} ms)\n"
        )
    all_rows: dict[tuple[str, str], list[ProseRow]] = {}
    for source in SOURCES:
        for half in HALVES:
            rows = prose_rows(model, half, levels, limit, source)
            all_rows[source, half] = rows
            if rows:  # the blind set has no tuning half
                out.extend(_prose_section(source, half, rows, levels, choice.encoding_name))
    qrows = qqp_rows(model, levels, qqp_limit)
    out.append(f"## QQP questions ({qrows[0].questions}): questions that lost a question word, number or negation")
    out.append(
        _table(
            ["level", "questions", "original", "compressed", "saved", "question words", "numbers", "negations"],
            [
                [
                    r.level,
                    str(r.questions),
                    str(r.original),
                    str(r.compressed),
                    f"{r.reduction:.1f}%",
                    *(str(r.lost[k]) if r.lost[k] else "none lost" for k in ("question", "number", "negation")),
                ]
                for r in qrows
            ],
        )
    )
    out.append("")
    sizes = (4096,) if quick else (4096, 65536)
    srows = speed_rows(model, repeat, levels, sizes)
    base = srows[0].median_ms
    out.append(
        f"## Speed (median of {repeat} runs; max: one run; ratio against json.dumps; "
        f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    out.append(
        _table(
            ["what", "bytes", "median ms", "ms per 4 KB", "CPU ms per 4 KB", "MB/s", "x json.dumps"],
            [
                [
                    r.what,
                    str(r.input_bytes),
                    f"{r.median_ms:.2f}",
                    f"{r.ms_per_4kb:.1f}",
                    f"{r.cpu_ms_per_4kb:.1f}",
                    f"{r.mb_per_s:.3f}",
                    f"{r.median_ms / base:.0f}x" if base else "n/a",
                ]
                for r in srows
            ],
        )
    )
    if "max" in levels:
        out.append(
            "max at 64 KB is not timed (one run takes minutes here): the model's cost is linear in tokens, "
            "so expect about 16x its 4 KB time; the corpus tables' ms/4KB column times max on every text."
        )
    out.append("")
    if not quick and "max" in levels:
        out.extend(_throughput_section())
    out.append(
        _bars(
            all_rows["verbose", "report"],
            all_rows["corpus", "report"],
            all_rows["blind", "report"],
            qrows,
            srows,
            levels,
        )
    )
    prose_ok = all(r.guard_kept for rows in all_rows.values() for r in rows)
    qqp_ok = all(not any(r.lost.values()) for r in qrows)
    ok = all(r.round_trip and r.never_worse for r in jrows) and prose_ok and qqp_ok
    return "\n".join(out), ok


def _throughput_section() -> list[str]:
    """The embedded model's prompt throughput here, and what it implies for 4 KB."""
    sample = prose_sample("report", 8192)
    rows = model_throughput(sample, bare=True)
    out = [
        "## Embedded model (SmolLM2-135M, llama.cpp): prompt evaluation, logits at every position",
        _table(
            ["file", "threads", "batch", "tokens", "seconds", "tokens/s", "load avg"],
            [
                [
                    r.file,
                    str(r.threads),
                    str(r.batch),
                    str(r.tokens),
                    f"{r.seconds:.2f}",
                    f"{r.tokens_per_second:.0f}",
                    f"{r.load:.1f}",
                ]
                for r in rows
            ],
        ),
    ]
    ours = [r for r in rows if r.file.startswith("studio's") and not r.file.endswith("no output layer")]
    floor = next((r for r in rows if r.file.endswith("no output layer")), None)
    best = max(ours, key=lambda r: r.tokens_per_second)
    from ..providers.local import load_model

    tokens_4kb = len(load_model().tokenize(prose_sample("report", 4096).encode("utf-8"), add_bos=False))
    out.append(
        f"4 KB of report-half prose is {tokens_4kb} model tokens: at the best rate measured here "
        f"({best.tokens_per_second:.0f} tokens/s, {best.threads} thread(s), batch {best.batch}) scoring it takes "
        f"{1000 * tokens_4kb / best.tokens_per_second:.0f} ms before any rule runs; 500 ms would need "
        f"{tokens_4kb / 0.5:.0f} tokens/s."
        + (
            f" With no output layer at all the model reads {floor.tokens_per_second:.0f} tokens/s: "
            f"{1000 * tokens_4kb / floor.tokens_per_second:.0f} ms for the same text, the floor under any scoring."
            if floor
            else ""
        )
    )
    out.append("")
    return out


def _bars(
    verbose: list[ProseRow],
    corpus: list[ProseRow],
    blind: list[ProseRow],
    qrows: list[QqpRow],
    srows: list[SpeedRow],
    levels: tuple[str, ...],
) -> str:
    """Issue 14's "Done when" lines, measured on the REPORT halves of this run: the verbose
    answers (the kind the bars are about), the blind verbose answers, and the mixed
    corpus's verbose subset."""
    lines = ["## Issue 14 bars, on the REPORT halves of this run"]
    targets = {"medium": 20.0, "aggressive": 35.0, "max": 50.0}
    for title, rows in (
        ("verbose answers, report half", verbose),
        ("blind verbose answers (blind1 + blind2)", blind),
        ("mixed corpus, report half, verbose subset", [r for r in corpus if _is_verbose(r.name)]),
    ):
        lines.append(f"{title}:")
        for level, target in targets.items():
            sel = [r for r in rows if r.level == level]
            if not sel:
                lines.append(f"- {level}: not measured")
                continue
            saved = 100.0 * (1 - sum(r.compressed for r in sel) / sum(r.original for r in sel))
            sim = min(r.similarity for r in sel)
            author = sum(r.author_total - r.author_kept for r in sel)
            guard = all(r.guard_kept for r in sel)
            held = saved >= target and sim >= 0.85 and author == 0 and guard
            lines.append(
                f"- {level}: saved {saved:.1f}% (bar ≥ {target:.0f}%), similarity min {sim:.3f} (bar ≥ 0.85), "
                f"guard {'kept all' if guard else 'LOST terms'}, author's list "
                f"{'kept all' if author == 0 else f'{author} missing'} -> {'HOLDS' if held else 'DOES NOT HOLD'}"
            )
    lost = sum(sum(r.lost.values()) for r in qrows)
    lines.append(f"- QQP: {'no level drops' if not lost else f'{lost} drops of'} a question word, number or negation")
    for r in srows:
        if "(report, 4 KB)" in r.what:
            level = r.what.split(" ", 1)[0]
            bar = 500.0 if level == "max" else 20.0
            verdict = "HOLDS" if r.ms_per_4kb <= bar else "DOES NOT HOLD"
            lines.append(
                f"- {level}: {r.ms_per_4kb:.1f} ms per 4 KB wall-clock, {r.cpu_ms_per_4kb:.1f} ms CPU "
                f"(bar ≤ {bar:.0f} ms) -> {verdict}"
            )
    return "\n".join(lines)
