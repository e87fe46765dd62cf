from __future__ import annotations

import json

import pandas as pd
import plotly.express as px
import streamlit as st

from optimizer import InputError, compare_levels
from optimizer.compression.report import comparison_rows, round_trip_ok, word_diff
from optimizer.export import csv_text
from studio import sidebar

st.title("Compression Lab")
model = sidebar.token_model()
st.caption(
    "Paste text or JSON, upload a file, or pick an answer from this session: every level side by "
    f"side, counted with the tokenizer of **{model}**."
)
answers = {
    f"{g}: {st.session_state[f'last_{g}'].response.text[:60]}…": st.session_state[f"last_{g}"].response.text
    for g in ("formulation", "market", "branding", "costing", "scientific")
    if st.session_state.get(f"last_{g}") is not None and st.session_state[f"last_{g}"].response.text
}
if answers:
    picked = st.selectbox("Pick an answer from this session", ["(none)", *answers], key="lab_pick")
    if picked != "(none)" and st.session_state.get("lab_text") != answers[picked]:
        st.session_state["lab_text"] = answers[picked]

uploaded = st.file_uploader("Upload a .txt or .json file", type=["txt", "json", "md"])
text = st.text_area(
    "…or paste text or JSON",
    height=220,
    key="lab_text",
    placeholder='{"ingredients": [{"inci": "Aqua", "pct": 70}, ...]} or a paragraph of prose',
)
source = None
if uploaded is not None:
    source = uploaded.getvalue()
elif text.strip():
    source = text

if st.button("Compare levels", type="primary", disabled=source is None):
    try:
        from optimizer.compression import read_text

        st.session_state["lab_source"] = read_text(source, uploaded.name if uploaded else "the pasted text")
        st.session_state["lab_results"] = compare_levels(st.session_state["lab_source"], model)
    except InputError as exc:
        st.session_state.pop("lab_results", None)
        st.error(f"{exc}")

results = st.session_state.get("lab_results")
if results:
    original = st.session_state["lab_source"]
    rows = comparison_rows(results)
    if results[0].stats.note:
        st.info(results[0].stats.note)
    frame = pd.DataFrame(rows)
    st.dataframe(
        frame[
            [
                "level",
                "original_tokens",
                "compressed_tokens",
                "saved_pct",
                "similarity",
                "numbers_kept",
                "negations_kept",
                "ingredients_kept",
                "techniques",
            ]
        ],
        hide_index=True,
        width="stretch",
    )
    chart = px.bar(
        frame,
        x="level",
        y="compressed_tokens",
        text="saved_pct",
        labels={"compressed_tokens": "tokens", "saved_pct": "% saved"},
        title=f"Tokens per level ({rows[0]['encoding']}); original {rows[0]['original_tokens']}",
    )
    chart.update_traces(texttemplate="%{text}% saved", textposition="outside")
    st.plotly_chart(chart, width="stretch")
    st.download_button("Download comparison CSV", csv_text(rows), "compression-comparison.csv", "text/csv")
    for result, tab in zip(results, st.tabs([r.stats.level for r in results])):
        with tab:
            if result.stats.lossless:
                ok = round_trip_ok(result, json.loads(original))
                (st.success if ok else st.error)(
                    "Round trip exact: decompress gives back the original JSON."
                    if ok
                    else "Round trip FAILED: please report this input."
                )
            st.code(result.output, language=None, wrap_lines=True)
            if result.stats.kind == "text":
                removed = " ".join(
                    f"~~{p.text.strip()}~~"
                    for p in word_diff(original, result.output)
                    if p.kind == "removed" and p.text.strip()
                )
                st.markdown(f"**Removed:** {removed}" if removed else "Nothing removed.")
