"""Self-information of every token of a text, from the embedded SmolLM2 (llama.cpp).

One forward pass over the prompt, no generation: the logits llama.cpp computes for each
position give -log2 p(next token | text so far). Low values are what the model could
have guessed: the spans the model-guided level may drop first.

The model is the one the generators use, taken through
``optimizer.providers.local.exclusive_model()`` (one load per process, one user at a
time). Scoring asks llama.cpp for the logits of every position of its own batches, so
the shared model needs no ``logits_all`` (which would make every generation keep a
vocabulary-sized row per prompt token); afterwards the model's token cache is reset, so
the next generation evaluates its prompt from scratch.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass

import numpy as np

from ..errors import ConfigError, OptimizerError

# Tokens per forward pass (at most the model's batch size, less its BOS token). Each
# window starts fresh (from the model's BOS token), at a line break where one is near,
# so context rarely spans less than a sentence. Larger windows mean fewer passes: the
# cost is the same per token (measured: prompt evaluation is compute-bound here).
WINDOW_TOKENS = 511
_LN2 = float(np.log(2.0))
_CACHE_SIZE = 32


@dataclass(frozen=True)
class TokenScore:
    """One model token: its characters ``text[start:end]`` and its self-information in bits."""

    start: int
    end: int
    bits: float


_cache: OrderedDict[str, tuple[TokenScore, ...]] = OrderedDict()
_cache_lock = threading.Lock()


def clear_cache() -> None:
    """Forget cached scores (benchmarks time fresh text)."""
    with _cache_lock:
        _cache.clear()


def model_unavailable_reason() -> str | None:
    """Why the embedded model cannot score text here, or None when it can (no loading)."""
    import importlib.util

    from ..providers.model_file import model_path

    if importlib.util.find_spec("llama_cpp") is None:
        return "llama-cpp-python is not installed"
    try:
        model_path()
    except ConfigError as exc:
        return str(exc)
    return None


def _char_offsets(text: str, pieces: list[bytes]) -> list[tuple[int, int]]:
    """Character span of each token, from the bytes each token stands for."""
    byte_to_char = np.zeros(len(text.encode("utf-8")) + 1, dtype=np.int64)
    position = 0
    for index, char in enumerate(text):
        width = len(char.encode("utf-8"))
        byte_to_char[position : position + width] = index
        position += width
    byte_to_char[position] = len(text)
    spans, position = [], 0
    limit = len(byte_to_char) - 1
    for piece in pieces:
        start = min(position, limit)
        position += len(piece)
        end = min(position, limit)
        spans.append((int(byte_to_char[start]), int(byte_to_char[end]) if end < limit else len(text)))
    return spans


def _wanted_mask(spans: list[tuple[int, int]], wanted: tuple[tuple[int, int], ...]) -> np.ndarray:
    """Whether each token (its character span) overlaps one of the ``wanted`` spans."""
    mask = np.zeros(len(spans), dtype=bool)
    if not spans or not wanted:
        return mask
    starts = np.array([a for a, _ in spans])
    ends = np.array([b for _, b in spans])
    for a, b in wanted:
        mask |= (starts < b) & (ends > a)
    return mask


def _windows(tokens: list[int], newline_ids: set[int], size: int = WINDOW_TOKENS) -> list[tuple[int, int]]:
    """Cut ``tokens`` into windows of at most ``size``, at a line break where possible."""
    windows, start = [], 0
    while start < len(tokens):
        end = min(len(tokens), start + size)
        if end < len(tokens):
            for cut in range(end, start + size // 2, -1):
                if tokens[cut - 1] in newline_ids:
                    end = cut
                    break
        windows.append((start, end))
        start = end
    return windows


def _score_window(llm, window: list[int], bos: int, wanted: np.ndarray | None = None) -> np.ndarray:
    """Bits of each token of ``window``, each predicted from BOS and the tokens before it.

    With ``wanted`` (a boolean per token), llama.cpp computes the output layer only at the
    positions that predict a wanted token (the vocabulary-sized layer is about a sixth of
    the pass), and the others' bits are 0.
    """
    bits = np.zeros(len(window))
    if wanted is not None and not wanted.any():
        return bits  # nothing to score here: no pass at all
    batch = [bos, *window]
    llm._ctx.kv_cache_clear()
    llm._batch.set_batch(batch=batch, n_past=0, logits_all=True)
    rows = np.arange(len(window)) if wanted is None else np.flatnonzero(wanted)
    if wanted is not None:
        flags = llm._batch.batch.logits  # position j predicts window[j]; the last predicts nothing asked
        for j in range(len(batch)):
            flags[j] = j < len(window) and bool(wanted[j])
    llm._ctx.decode(llm._batch)
    vocab = llm.n_vocab()
    logits = np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(len(rows), vocab))
    chosen = logits[np.arange(len(rows)), np.asarray(window)[rows]].astype(np.float64)
    # log-sum-exp in float32, in place, a block of rows at a time (a vocabulary-sized row per
    # token; two whole-window temporaries took about a fifth longer, measured once)
    log_total = np.empty(len(rows))
    scratch = np.empty((min(64, len(rows)), vocab), dtype=np.float32)
    for a in range(0, len(rows), 64):
        block = logits[a : a + 64]
        peak = block.max(axis=1)
        work = scratch[: len(block)]
        np.subtract(block, peak[:, None], out=work)
        np.exp(work, out=work)
        log_total[a : a + len(block)] = np.log(work.sum(axis=1, dtype=np.float64)) + peak
    bits[rows] = (log_total - chosen) / _LN2
    return bits


def scoring_threads(configured: int) -> int:
    """Threads for one scoring pass: fewer when the machine is busy.

    llama.cpp's threads wait for each other at every layer; when other processes hold
    the cores, a descheduled thread stalls the rest (measured here: 14 tokens/s with two
    threads against 53 with one, at a load average of 5 on two cores).
    """
    try:
        load = os.getloadavg()[0]
    except OSError:
        return configured
    # The load average counts this process too: a generation running alone keeps it near 1,
    # which must not read as "busy" (it did: the replay bench ran on one thread, 2.5x slower).
    busy = max(0.0, load - _own_load())
    cores = os.cpu_count() or 1
    return max(1, min(configured, round(cores - busy + 0.5)))


_own_samples: deque[tuple[float, float]] = deque()
_own_lock = threading.Lock()


def _own_load() -> float:
    """This process's average busy threads over about the last minute (what it adds to the
    1-minute load average), from its CPU time."""
    now, times = time.monotonic(), os.times()
    cpu = times.user + times.system
    with _own_lock:
        _own_samples.append((now, cpu))
        while len(_own_samples) > 2 and now - _own_samples[1][0] >= 60:
            _own_samples.popleft()
        then, cpu_then = _own_samples[0]
    return (cpu - cpu_then) / (now - then) if now - then >= 1 else 0.0


def score_tokens(text: str, *, wanted: tuple[tuple[int, int], ...] | None = None) -> tuple[TokenScore, ...]:
    """Self-information (bits) of each SmolLM2 token of ``text``, in order.

    ``wanted``: character spans (start, end) whose tokens need their bits; a token that
    overlaps none gets 0 bits and costs the model's output layer nothing (every token is
    still read as context). None: every token.

    Raises :class:`~optimizer.errors.ConfigError` when the embedded model is not
    installed, and :class:`~optimizer.errors.OptimizerError` when llama.cpp fails.

    >>> [round(s.bits) for s in score_tokens("Hello world")]  # doctest: +SKIP
    [11, 9]
    """
    key = hashlib.blake2b(text.encode("utf-8", "surrogatepass") + repr(wanted).encode(), digest_size=16).hexdigest()
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    reason = model_unavailable_reason()
    if reason is not None:
        raise ConfigError(f"the model-guided level needs the embedded model, which is unavailable ({reason})")
    from ..providers.local import exclusive_model

    with exclusive_model() as llm:
        configured = (llm.context_params.n_threads, llm.context_params.n_threads_batch)
        threads = scoring_threads(configured[1])
        try:
            llm._ctx.set_n_threads(threads, threads)
            tokens = llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)
            pieces = [llm.detokenize([t]) for t in tokens]
            newline_ids = {t for t, p in zip(tokens, pieces, strict=True) if b"\n" in p}
            bos = llm.token_bos()
            size = max(16, min(WINDOW_TOKENS, llm.context_params.n_batch - 1))
            mask = None if wanted is None else _wanted_mask(_char_offsets(text, pieces), wanted)
            bits = np.concatenate(
                [
                    _score_window(llm, tokens[a:b], bos, None if mask is None else mask[a:b])
                    for a, b in _windows(tokens, newline_ids, size)
                ]
                or [np.zeros(0)]
            )
        except Exception as exc:  # llama.cpp reports failures as bare exceptions
            raise OptimizerError(
                f"the embedded model could not score the text ({type(exc).__name__}: {exc}); "
                "use the aggressive level instead"
            ) from None
        finally:
            llm._ctx.set_n_threads(*configured)
            llm.reset()  # the next generation must not reuse this KV cache
            llm._ctx.kv_cache_clear()
    scores = tuple(
        TokenScore(start, end, float(b)) for (start, end), b in zip(_char_offsets(text, pieces), bits, strict=True)
    )
    with _cache_lock:
        _cache[key] = scores
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return scores
