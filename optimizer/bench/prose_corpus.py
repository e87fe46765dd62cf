"""The prose corpus behind ``bench compression``: two halves and the author's protected terms.

``optimizer/data/fixtures/prose/corpus/{tune,report}/*.txt`` were written by another
engineer, in styles unlike ours. The levels were tuned on ``tune/`` (and the five older
fixtures in ``prose/``) only; ``report/`` is read here and nowhere else, to report.
``protected.jsonl`` is the author's own list, per file, of the numbers, negations and
ingredient names a compressed text must still contain verbatim.

``prose/verbose/{tune,report}/*.txt`` are 48 chatty LLM answers by a third engineer (the
kind issue 14's bars are about), with their own ``protected.jsonl``; the same split rule
applies: tune on ``tune/``, report on ``report/``.

``prose/blind1/*.txt`` and ``prose/blind2/*.txt`` are 24 more answers of that kind each,
by a fourth and a fifth writer who saw neither the compressor nor any other prose fixture,
measured once the eighth session's rules were written (blind2 only after its last change):
reporting sets only (their "tune" half is empty).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..config import PACKAGE_DATA

PROSE = PACKAGE_DATA / "fixtures" / "prose"
CORPUS = PROSE / "corpus"
VERBOSE = PROSE / "verbose"
BLIND = (PROSE / "blind1", PROSE / "blind2")
HALVES = ("tune", "report")
SOURCES = ("corpus", "verbose", "blind")
KINDS = ("numbers", "negations", "ingredients")


@dataclass(frozen=True)
class CorpusText:
    """One text of the corpus: its half, name, text and the author's protected strings."""

    half: str
    name: str
    text: str
    protected: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class AuthorCheck:
    """How many of the author's strings of each kind the output still contains verbatim.

    ``kept`` counts strings still present at least once; ``kept_all`` counts strings that
    occur as often as in the original (nothing in a dropped sentence either).
    """

    total: dict[str, int]
    kept: dict[str, int]
    kept_all: dict[str, int]
    missing: tuple[str, ...]

    @property
    def all_kept(self) -> bool:
        """Whether every term the author marked as protected survived compression."""
        return self.kept == self.total


def _protected_entries(folder=CORPUS) -> dict[str, dict[str, tuple[str, ...]]]:
    path = folder / "protected.jsonl"
    if not path.is_file():
        return {}
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            entries[entry["file"]] = {kind: tuple(entry.get(kind, ())) for kind in KINDS}
    return entries


def corpus(half: str) -> list[CorpusText]:
    """The texts of one half ("tune" or "report"), sorted by name.

    The five original fixtures (``prose/*.txt``) belong to the tuning half: the rules were
    first written on them.
    """
    if half not in HALVES:
        raise ValueError(f"unknown half '{half}'; choose one of {', '.join(HALVES)}")
    entries = _protected_entries()
    texts = []
    if half == "tune":
        for path in sorted(PROSE.glob("*.txt")):
            texts.append(CorpusText("tune", f"fixture/{path.stem}", path.read_text(encoding="utf-8")))
    for path in sorted((CORPUS / half).glob("*.txt")):
        key = f"{half}/{path.name}"
        texts.append(CorpusText(half, key, path.read_text(encoding="utf-8"), entries.get(key, {})))
    return texts


def verbose_answers(half: str) -> list[CorpusText]:
    """The verbose analyst answers of one half ("tune" or "report"), sorted by name,
    named ``verbose-<half>/<file>``."""
    if half not in HALVES:
        raise ValueError(f"unknown half '{half}'; choose one of {', '.join(HALVES)}")
    entries = _protected_entries(VERBOSE)
    return [
        CorpusText(
            half,
            f"verbose-{half}/{path.name}",
            path.read_text(encoding="utf-8"),
            entries.get(f"{half}/{path.name}", {}),
        )
        for path in sorted((VERBOSE / half).glob("*.txt"))
    ]


def blind_answers(half: str) -> list[CorpusText]:
    """The blind verbose answers (``prose/blind1``, ``prose/blind2``), named
    ``blind1/<file>`` and ``blind2/<file>``: all of them for "report", none for "tune"
    (nothing was tuned on them)."""
    if half not in HALVES:
        raise ValueError(f"unknown half '{half}'; choose one of {', '.join(HALVES)}")
    if half == "tune":
        return []
    texts = []
    for folder in BLIND:
        entries = _protected_entries(folder)
        texts += [
            CorpusText(half, f"{folder.name}/{path.name}", path.read_text(encoding="utf-8"), entries.get(path.name, {}))
            for path in sorted(folder.glob("*.txt"))
        ]
    return texts


def texts(source: str, half: str) -> list[CorpusText]:
    """The texts of ``source`` ("corpus": the mixed corpus; "verbose": the verbose answers;
    "blind": the blind verbose answers, a reporting set only)."""
    if source not in SOURCES:
        raise ValueError(f"unknown source '{source}'; choose one of {', '.join(SOURCES)}")
    if source == "blind":
        return blind_answers(half)
    return corpus(half) if source == "corpus" else verbose_answers(half)


def author_check(item: CorpusText, output: str) -> AuthorCheck:
    """Check ``output`` against the author's protected strings for ``item`` (verbatim, case-sensitive)."""
    total, kept, kept_all, missing = {}, {}, {}, []
    for kind in KINDS:
        strings = item.protected.get(kind, ())
        total[kind] = len(strings)
        present = [s for s in strings if s in output]
        kept[kind] = len(present)
        kept_all[kind] = sum(1 for s in strings if output.count(s) >= item.text.count(s))
        missing.extend(f"{kind}: {s}" for s in strings if s not in output)
    return AuthorCheck(total, kept, kept_all, tuple(missing))
