"""A generation on a page: the live stream (cheap to render), then the result (the table,
the answer as written, how it ended, its figures and confidence).

Streaming updates two placeholders (a status line and the answer) at most
``UPDATES_PER_S`` times a second, whatever the model's speed: each update sends one
element, and the text in between is only collected. The reader never pauses longer
than that, so the embedded model keeps its turn (it gives it up after 3 s of silence).
"""

from __future__ import annotations

import time
from itertools import count
from typing import Any

import pandas as pd
import streamlit as st

from optimizer.answer import (
    DECIMALS,
    EndNotice,
    Tone,
    column_label,
    end_notice,
    figures_line,
    money,
    readable_stream,
    table_rows,
)
from optimizer.generate import Generation
from optimizer.parsing import NUMERIC, ParseResult
from optimizer.providers import DEMO_NOTE
from optimizer.states import CacheOutcome

from .render import safe_markdown, shown
from .session import show_answer_text

UPDATES_PER_S = 4  # a few a second reads as live; more only costs the server and the browser
_scrolls = count(1)
# Scroll the answer into view when a generation starts (a fresh nonce each time, so the
# browser runs it again for the next generation). Instantly and only as far as needed: a
# smooth scroll moved the Stop button under a fast click, which then missed it.
_SCROLL = """<script>/*{nonce}*/
(() => {{ const box = document.querySelector('.st-key-answer_box');
  if (box) box.scrollIntoView({{behavior: 'instant', block: 'nearest'}}); }})();
</script>"""


def _status_text(response: Any) -> str:
    p = response.progress
    if p.queued_ahead:
        ahead = "1 generation" if p.queued_ahead == 1 else f"{p.queued_ahead} generations"
        return f":material/hourglass_top: {ahead} ahead of yours · waiting {p.queue_s:.0f} s for the embedded model"
    first = "…" if p.ttft_s is None else f"{p.ttft_s * 1000:,.0f} ms"
    return f"Streaming · {p.tokens} tokens · {p.elapsed_s:.1f} s · first token {first} · {money(p.cost_usd)} so far"


def stream(generation: Generation, *, generator: str, status: Any, body: Any) -> None:
    """Read ``generation`` to the end, showing it live in ``status`` and ``body``
    (two ``st.empty()`` placeholders).

    A Stop click (or any rerun) interrupts the script inside an update: the response is
    then stopped and closed here, so the partial answer is kept, recorded and shown as
    incomplete on the next run.
    """
    response = generation.response
    st.html(_SCROLL.format(nonce=next(_scrolls)), unsafe_allow_javascript=True)
    status.caption("Starting…" if not generation.cached.served else ":material/bolt: Replaying a cached answer")
    interval = 1.0 / UPDATES_PER_S
    iterator = iter(response)
    last = 0.0
    shown = ""
    try:
        for _ in iterator:
            now = time.perf_counter()
            if now - last < interval and (shown or not response.text):
                continue  # the first text is shown at once, then a few updates a second
            last = now
            status.caption(_status_text(response))
            text = response.text
            if text != shown:
                body.code(readable_stream(generator, text), language=None, wrap_lines=True)
                shown = text
    finally:
        if not response.done:
            response.stop()  # interrupted (Stop, navigation): keep and record the partial answer
            iterator.close()
    status.empty()


# -- the result ---------------------------------------------------------------------------


def _column_config(parsed: ParseResult) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for name in parsed.columns:
        if name in NUMERIC:
            places = DECIMALS.get(name, 2)
            config[column_label(name)] = st.column_config.NumberColumn(format=f"%.{places}f")
    return config


def show_table(parsed: ParseResult | None, *, key: str) -> bool:
    """The parsed rows as a table with readable headers and rounded figures, and the
    extras (Notes, Total...) under it. Returns True when there was a table."""
    if parsed is None or not parsed.ok:
        return False
    st.dataframe(
        pd.DataFrame(table_rows(parsed)),
        hide_index=True,
        width="stretch",
        column_config=_column_config(parsed),
        key=key,
    )
    for label, lines in parsed.extras.items():
        for line in lines:
            st.caption(f"**{safe_markdown(label)}:** {safe_markdown(line)}")  # the model's words: nothing loads
    if parsed.note:  # rows cut short or left out: the table says so, never silently
        st.caption(f":material/info: {safe_markdown(parsed.note)}")
    return True


def show_answer(text: str, parsed: ParseResult | None, *, generator: str, key: str, complete: bool = True) -> None:
    """The answer: its table when it parsed (the text as written in an expander); else a
    JSON answer made readable (an answer cut short) or the text itself, and, for a
    complete answer, why no table was read."""
    json_like = text.lstrip().startswith("{")
    if show_table(parsed, key=key):
        with st.expander("The answer as written" + (" (JSON)" if parsed.format == "json" else "")):
            st.code(text, language="json" if parsed.format == "json" else None, wrap_lines=True)
        return
    if json_like:
        st.code(readable_stream(generator, text), language=None, wrap_lines=True)
        with st.expander("The answer as written (JSON)"):
            st.code(text, language="json", wrap_lines=True)
    else:
        show_answer_text(text)
    if parsed is not None and text and complete:
        st.caption(f":material/info: {safe_markdown(parsed.error)}")


def _notice(notice: EndNotice) -> None:
    {Tone.INFO: st.info, Tone.WARNING: st.warning, Tone.ERROR: st.error}[notice.tone](notice.text)


def _cache_line(generation: Generation) -> None:
    response, run, hit = generation.response, generation.run, generation.cache_hit
    if response.cached in (CacheOutcome.EXACT, CacheOutcome.SEMANTIC) and hit is not None and run is not None:
        kind = response.cached.value + (
            f", similarity {hit.similarity:.2f}" if response.cached is CacheOutcome.SEMANTIC else ""
        )
        st.success(
            f":material/bolt: Cache hit ({kind}): saved {run.saved_cache_tokens:,} tokens ({run.reference_tokenizer}), "
            f"{money(run.saved_cache_usd)} and {hit.answer.latency_ms / 1000:.1f} s; answered in {hit.lookup_ms:.1f} ms.",
            icon=None,
        )
    elif response.cached is CacheOutcome.STALE:
        st.warning("Stale cached answer (the provider is down): it may be out of date.")


def show_result(generation: Generation, *, generator: str) -> EndNotice | None:
    """Everything known once the stream ended: how it ended, the answer (table first),
    the figures line (the ledger's and the CSV's figures) and the confidence. Returns the
    end notice (None for a plain complete answer)."""
    response, run = generation.response, generation.run
    notice = end_notice(response, tokens=run.answer_tokens if run is not None else None)
    if notice is not None:
        _notice(notice)
    _cache_line(generation)
    for text in generation.notices:
        if text != DEMO_NOTE:
            st.warning(shown(text))
    if response.text:
        show_answer(
            response.text, generation.parsed, generator=generator, key=f"{generator}_table", complete=response.complete
        )
    else:
        st.caption("No answer text.")
    with st.container(key="run_figures"):
        if run is not None:
            st.caption(figures_line(run, run_id=generation.run_id))
            if run.savings_note:
                st.caption(f":material/info: Savings note: {safe_markdown(run.savings_note)}.")
        if generation.confidence is not None:
            st.caption(f"Confidence {generation.confidence.summary}; every factor under **Confidence** below.")
    return notice
