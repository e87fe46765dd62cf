"""History: search past runs, reopen one (request, answer, figures), run it again, compare
two side by side, download one as Markdown or JSON. Analysts see their own runs, admins
everyone's (optimizer.history.visible_filters)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from optimizer.answer import figures_line
from optimizer.auth import Action, allowed
from optimizer.history import (
    comparison,
    download_name,
    generator_title,
    listing_row,
    local_time,
    may_open,
    request_fields,
    rerun_inputs,
    run_json,
    run_markdown,
)
from optimizer.parsing import parse_answer
from optimizer.prompts import GENERATORS, PREVIOUS_KEY, TEMPLATES
from studio import session
from studio.generation_view import show_answer
from studio.generator_page import prefill
from studio.render import safe_markdown, shown
from studio.services import ledger

LIMIT = 200  # rows listed at once (newest first); the search narrows the rest
END_STATES = ["complete", "stopped", "cut", "failed"]

st.title("History")
who = session.principal()
sees_all = allowed(who, Action.SEE_ALL_RUNS)
st.caption(
    ("Everyone's runs" if sees_all else f"Your runs ({who.user})")
    + ": search, reopen one, run it again, or select two to compare them side by side."
)
zone = st.context.timezone
book = ledger().for_reading()

search_col, gen_col, state_col = st.columns([2, 1, 1])
search = search_col.text_input(
    "Search requests and answers", key="history_search", type="search", persist_state="session"
)
chosen = gen_col.multiselect(
    "Generator", list(GENERATORS), format_func=generator_title, key="history_generators", persist_state="session"
)
states = state_col.multiselect("End state", END_STATES, key="history_states", persist_state="session")
filters: dict = {"search": search or None, "generator": chosen or None, "end_state": states or None}
if sees_all:
    people = st.multiselect("User", book.users(), key="history_users", persist_state="session")
    filters["user"] = people or None
else:
    filters.update({"user": who.user})  # an analyst's own runs only, whatever the widgets say

filters = {k: v for k, v in filters.items() if v}
runs = book.runs(limit=LIMIT, **filters)
if not runs:
    anything = book.count(**({"user": who.user} if not sees_all else {}))
    st.info("No runs match these filters." if anything else "No runs yet: generate something first.")
    st.stop()
total = book.count(**filters)
if total > len(runs):
    st.caption(f"Showing the newest {len(runs)} of {total:,} matching runs: search to narrow them.")

frame = pd.DataFrame([listing_row(r, zone=zone) for r in runs])
if not sees_all:
    frame = frame.drop(columns=["User"])
picked = st.dataframe(
    frame,
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="multi-row",
    key="history_table",
    column_config={
        "Cost (USD)": st.column_config.NumberColumn(format="$%.6f"),
        "Confidence": st.column_config.NumberColumn(format="%.2f"),
        "When": st.column_config.TextColumn(help=f"In your time zone ({zone})" if zone else "UTC"),
    },
)
rows = [runs[i] for i in picked.selection.rows if i < len(runs)]
rows = [r for r in rows if may_open(who, r)]


def _request(row: dict) -> None:
    fields = request_fields(row)
    previous = fields.pop(PREVIOUS_KEY, "")
    template = TEMPLATES.get(str(row.get("generator")))
    labels = {f.name: f.label for f in template.fields} if template else {}
    if fields:
        st.dataframe(
            pd.DataFrame([{"Field": labels.get(k, k), "Value": v} for k, v in fields.items()]),
            hide_index=True,
            width="stretch",
            key=f"history_fields_{row['id']}",
        )
    if row.get("query"):
        st.caption("Request in your words")
        st.code(row["query"], language=None, wrap_lines=True)
    if previous:
        with st.expander("Chained input"):
            st.code(previous, language=None, wrap_lines=True)
    if not row.get("text_kept", True):
        st.caption("The request and the answer were not kept for this run (its settings).")


def _answer(row: dict) -> None:
    text = str(row.get("answer") or "")
    if not text:
        st.caption("No answer text.")
        return
    generator = str(row.get("generator") or "")
    show_answer(
        text,
        parse_answer(generator, text),
        generator=generator,
        key=f"history_answer_{row['id']}",
        complete=row.get("end_state") == "complete",
    )
    if row.get("answer_cut"):
        st.caption("The stored answer was cut at the ledger's size cap.")


def _open(row: dict, *, run: bool) -> None:
    inputs = rerun_inputs(row)
    prefill(inputs.generator, dict(inputs.fields), query=inputs.query, previous=inputs.previous)
    if run:
        st.session_state[f"{inputs.generator}_autorun"] = True
    st.switch_page(f"app_pages/{inputs.generator}.py")


if len(rows) == 1:
    row = rows[0]
    generator = str(row.get("generator") or "")
    with st.container(border=True, key="history_run"):
        st.subheader(f"Run {row['id']} · {generator_title(generator)}")
        who_ran = safe_markdown(str(row.get("user") or ""))  # names and errors are drawn, never loaded from
        st.caption(
            f"{local_time(row.get('ts'), zone)} · {who_ran} · from {safe_markdown(str(row.get('source') or '?'))}"
        )
        st.caption(figures_line(row, run_id=row["id"]))
        if row.get("savings_note"):
            st.caption(f":material/info: Savings note: {shown(row['savings_note'])}.")
        if row.get("error"):
            st.caption(f":material/warning: {shown(row['error'])}")
        left, right = st.columns([1, 2])
        with left:
            _request(row)
        with right:
            _answer(row)
        known = generator in TEMPLATES and row.get("text_kept", True)
        a, b, c, d = st.columns(4)
        if a.button(f"Open in {generator_title(generator)}", key="history_open", disabled=not known):
            _open(row, run=False)
        if b.button("Re-run", key="history_rerun", disabled=not known, help="Same fields and request, run again"):
            _open(row, run=True)
        c.download_button(
            "Download Markdown",
            run_markdown(row, zone=zone),
            download_name(row, "md"),
            "text/markdown",
            key="history_md",
            on_click="ignore",
        )
        d.download_button(
            "Download JSON",
            run_json(row),
            download_name(row, "json"),
            "application/json",
            key="history_json",
            on_click="ignore",
        )
elif len(rows) == 2:
    first, second = sorted(rows, key=lambda r: r["id"])
    with st.container(key="history_compare"):
        st.subheader(f"Run {first['id']} and run {second['id']} side by side")
        table = pd.DataFrame(comparison(first, second))
        st.dataframe(table, hide_index=True, width="stretch", key="history_comparison")
        for column, row in zip(st.columns(2), (first, second), strict=True):
            with column, st.container(border=True):
                st.markdown(f"**Run {row['id']}** · {generator_title(str(row.get('generator')))}")
                st.caption(local_time(row.get("ts"), zone))
                _request(row)
                _answer(row)
elif len(rows) > 2:
    st.info(f"{len(rows)} runs selected: select one to reopen it, or two to compare them.")
else:
    st.caption("Select a run in the table to reopen it; select two to compare them.")
