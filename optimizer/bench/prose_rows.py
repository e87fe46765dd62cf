"""The prose rows of ``bench compression``: each text at each level, the QQP questions, and
the tables that sum them up (per level, per kind, per text).

Split from ``compression`` (which runs the benchmark and prints the report) to keep each
module to one concern.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass

from ..compression import compress
from ..compression.guard import fidelity_terms, number_core
from ..config import PACKAGE_DATA
from ..tokens import choose_encoding, get_encoding
from .prose_corpus import author_check, texts
from .prose_tables import kind_of, protected_shares

FIXTURES = PACKAGE_DATA / "fixtures"

PROSE_LEVELS = ("light", "medium", "aggressive", "max")
GUARD_KINDS = ("number", "negation", "ingredient", "name", "question")


@dataclass(frozen=True)
class ProseRow:
    """One text at one level: tokens, similarity, and what the guard and the author kept."""

    half: str
    name: str
    level: str
    original: int
    compressed: int
    similarity: float
    guard: dict[str, tuple[int, int]]  # kind -> (kept, total), by our guard
    author_kept: int
    author_total: int
    author_missing: tuple[str, ...]
    ms_per_4kb: float

    @property
    def reduction(self) -> float:
        """Tokens saved, as a percentage of the original (0 for an empty text)."""
        return 100.0 * (self.original - self.compressed) / self.original if self.original else 0.0

    @property
    def guard_kept(self) -> bool:
        """Whether every fidelity term (numbers, negations, ingredients...) was kept, for every kind."""
        return all(kept == total for kept, total in self.guard.values())


@dataclass(frozen=True)
class QqpRow:
    """A level over the QQP questions: how many lost a question word, number or negation."""

    level: str
    questions: int
    original: int
    compressed: int
    lost: dict[str, int]  # kind -> questions that lost one

    @property
    def reduction(self) -> float:
        """Tokens saved over all questions, as a percentage of the original (0 when empty)."""
        return 100.0 * (self.original - self.compressed) / self.original if self.original else 0.0


def _guard_counts(before: str, after: str) -> dict[str, tuple[int, int]]:
    """Distinct fidelity terms per kind: (kept, total)."""
    b, a = fidelity_terms(before), fidelity_terms(after)
    counts = {}
    for kind in GUARD_KINDS:
        wanted = {term for (k, term) in b if k == kind}
        present = {term for (k, term) in a if k == kind}
        if kind == "name":  # a name that now opens a sentence is still there
            present |= {term for term in wanted if term in after}
        if kind == "number":  # the same figure, with or without a word that stood before it
            cores = {number_core(term) for term in present}
            present |= {term for term in wanted if number_core(term) in cores}
        counts[kind] = (len(wanted & present), len(wanted))
    return counts


def prose_rows(
    model: str, half: str, levels: tuple[str, ...], limit: int | None = None, source: str = "corpus"
) -> list[ProseRow]:
    """Every text of ``half`` of ``source`` (the first ``limit``) at every level of ``levels``."""
    rows = []
    items = texts(source, half)
    for item in items[:limit] if limit else items:
        for level in levels:
            result = compress(item.text, level, model)
            s = result.stats
            check = author_check(item, result.output)
            rows.append(
                ProseRow(
                    half,
                    item.name,
                    level,
                    s.original_tokens,
                    s.compressed_tokens,
                    s.fidelity.similarity,
                    _guard_counts(item.text, result.output),
                    sum(check.kept.values()),
                    sum(check.total.values()),
                    check.missing,
                    s.elapsed_ms * 4096 / max(1, s.original_bytes),
                )
            )
    return rows


def qqp_questions(limit: int | None = None) -> list[str]:
    """The vendored QQP sample's questions (origins and similars), in file order."""
    data = json.loads((FIXTURES / "qqp-sample.json").read_text(encoding="utf-8"))
    questions = [q for pair in data["pairs"] for q in (pair["origin"], pair["similar"])]
    return questions[:limit] if limit else questions


def qqp_rows(model: str, levels: tuple[str, ...], limit: int | None = None) -> list[QqpRow]:
    """Each level over every QQP question: no question word, number or negation may go."""
    questions = qqp_questions(limit)
    encoding = get_encoding(choose_encoding(model).encoding_name)
    rows = []
    for level in levels:
        lost = dict.fromkeys(("question", "number", "negation"), 0)
        original = compressed = 0
        for question in questions:
            output = compress(question, level, model, measure_similarity=False).output
            original += len(encoding.encode_ordinary(question))
            compressed += len(encoding.encode_ordinary(output))
            before, after = fidelity_terms(question), fidelity_terms(output)
            for kind in lost:
                if any(after[t] < n for t, n in before.items() if t[0] == kind):
                    lost[kind] += 1
        rows.append(QqpRow(level, len(questions), original, compressed, lost))
    return rows


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def _pct(part: float, whole: float) -> str:
    return f"{100.0 * (whole - part) / whole:+.1f}%" if whole else "n/a"


def _summary(rows: list[ProseRow], level: str) -> list[str] | None:
    sel = [r for r in rows if r.level == level]
    if not sel:
        return None
    original, compressed = sum(r.original for r in sel), sum(r.compressed for r in sel)
    sims = [r.similarity for r in sel]

    def guard(kind: str) -> str:
        kept = sum(r.guard[kind][0] for r in sel)
        total = sum(r.guard[kind][1] for r in sel)
        return "all" if kept == total else f"LOST {total - kept}"

    author_lost = sum(r.author_total - r.author_kept for r in sel)
    author_total = sum(r.author_total for r in sel)
    return [
        level,
        str(len(sel)),
        str(original),
        str(compressed),
        f"{100.0 * (original - compressed) / original:.1f}%",
        f"{min(r.reduction for r in sel):.1f}%",
        f"{min(sims):.3f}",
        f"{statistics.mean(sims):.3f}",
        *(guard(kind) for kind in GUARD_KINDS),
        ("all" if author_lost == 0 else f"LOST {author_lost}") + f" of {author_total}" if author_total else "n/a",
        f"{statistics.median(r.ms_per_4kb for r in sel):.1f}",
    ]


_SUMMARY_HEADERS = [
    "level",
    "texts",
    "original",
    "compressed",
    "saved",
    "min saved",
    "sim min",
    "sim mean",
    "numbers",
    "negations",
    "ingredients",
    "names",
    "questions",
    "author's list",
    "ms/4KB",
]


def _is_verbose(name: str) -> bool:
    return name.startswith("fixture/") or "_verbose_" in name


_SOURCE_TITLES = {
    "corpus": "mixed corpus (prose/corpus: verbose, terse, tables, non-native, e-mails...)",
    "verbose": "verbose analyst answers (prose/verbose: chatty LLM answers, issue 14's kind)",
    "blind": "blind verbose answers (prose/blind1 and blind2: a fourth and a fifth writer, measured once the rules were written)",
}


def _prose_section(source: str, half: str, rows: list[ProseRow], levels: tuple[str, ...], encoding: str) -> list[str]:
    """One half of one source: summary, verbose subset or per kind, protected share, per text."""
    role = "TUNING half: the rules were tuned on these" if half == "tune" else "REPORT half: held out, never tuned on"
    out = [f"## Prose, {_SOURCE_TITLES[source]}, {half} half ({role})"]
    out.append("similarity: WordLlama; guard and author's list: terms kept; ms/4KB: median over texts")
    out.append(_table(_SUMMARY_HEADERS, [r for level in levels if (r := _summary(rows, level))]))
    if source == "corpus":
        verbose = [r for r in rows if _is_verbose(r.name)]
        if verbose and len(verbose) < len(rows):
            out.append(f"\n### {half} half, verbose answers only ({len(verbose) // len(levels)} texts)")
            out.append(_table(_SUMMARY_HEADERS, [r for level in levels if (r := _summary(verbose, level))]))
    else:
        out.append(f"\n### {half} half, per kind: saved % (similarity min)")
        kinds = sorted({kind_of(r.name) for r in rows})
        out.append(
            _table(
                ["kind", "texts", *levels],
                [
                    [
                        kind,
                        str(len({r.name for r in rows if kind_of(r.name) == kind})),
                        *(_saved([r for r in rows if kind_of(r.name) == kind and r.level == lv]) for lv in levels),
                    ]
                    for kind in kinds
                ],
            )
        )
    names = list(dict.fromkeys(r.name for r in rows))
    shares = protected_shares([i for i in texts(source, half) if i.name in set(names)], encoding)
    out.append(f"\n### {half} half: tokens the guard protects (terms alone / with their keep-regions)")
    out.append(
        _table(
            ["kind", "texts", "tokens", "protected terms", "keep-regions"],
            [
                [s.kind, str(s.texts), str(s.tokens), f"{100 * s.protected_share:.1f}%", f"{100 * s.region_share:.1f}%"]
                for s in shares
            ],
        )
    )
    out.append(f"\n### {half} half, per text: saved % / similarity")
    by_key = {(r.name, r.level): r for r in rows}
    out.append(
        _table(
            ["text", *levels],
            [
                [name, *(f"{by_key[name, lv].reduction:.1f}% / {by_key[name, lv].similarity:.3f}" for lv in levels)]
                for name in names
            ],
        )
    )
    missing = [f"{r.name} [{r.level}] {m}" for r in rows for m in r.author_missing]
    if missing:
        out.append(f"\nAuthor's strings not found verbatim ({len(missing)}):")
        out.extend(f"  - {m}" for m in missing[:40])
        if len(missing) > 40:
            out.append(f"  ... and {len(missing) - 40} more")
    out.append("")
    return out


def _saved(rows: list[ProseRow]) -> str:
    if not rows:
        return "n/a"
    original, compressed = sum(r.original for r in rows), sum(r.compressed for r in rows)
    return f"{100.0 * (original - compressed) / original:.1f}% ({min(r.similarity for r in rows):.3f})"
