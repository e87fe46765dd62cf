from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from optimizer import OptimizerError, compare_levels
from optimizer.compression import RULE_LEVELS, CompressionLevel, read_text
from optimizer.compression.report import comparison_rows, input_digest, round_trip_ok, word_diff
from optimizer.export import csv_text
from studio import sidebar
from studio.charts import levels_bar
from studio.render import safe_markdown, shown

st.title("Compression Lab")
model = sidebar.token_model()
st.caption(
    "Paste text or JSON, upload a file, or pick an answer from this session: every level side by "
    f"side, counted with the tokenizer of **{model}**. No level changes a number, negation or ingredient name."
)
answers = {
    f"{g}: {st.session_state[f'last_{g}'].response.text[:60]}…": st.session_state[f"last_{g}"].response.text
    for g in ("formulation", "market", "branding", "costing", "scientific")
    if st.session_state.get(f"last_{g}") is not None and st.session_state[f"last_{g}"].response.text
}
modes = ["Paste text or JSON", "Upload a file", *(["An answer from this session"] if answers else [])]
mode = st.radio("Input", modes, horizontal=True, key="lab_mode")
source: bytes | str | None = None
if mode == "Upload a file":
    uploaded = st.file_uploader("A .txt, .md or .json file", type=["txt", "json", "md"], key="lab_upload")
    if uploaded is not None:
        source, label = uploaded.getvalue(), f"the uploaded file {uploaded.name}"
elif mode == "An answer from this session":
    picked = st.selectbox("Answer", list(answers), key="lab_pick")
    source, label = answers[picked], f"the session answer “{picked}”"
else:
    text = st.text_area(
        "Text or JSON",
        height=220,
        key="lab_text",
        placeholder='{"ingredients": [{"inci": "Aqua", "pct": 70}, ...]} or a paragraph of prose',
    )
    if text.strip():
        source, label = text, "the pasted text"
include_max = st.toggle(
    f"Include {CompressionLevel.MAX.label}: the embedded model scores every word (a few seconds per KB)",
    key="lab_max",
)
levels = (CompressionLevel.LOSSLESS, *RULE_LEVELS, *([CompressionLevel.MAX] if include_max else []))

# Results always describe the input on screen: a changed input (or level set) clears them.
digest = input_digest(source, [level.value for level in levels])
if st.session_state.get("lab_results") and st.session_state.get("lab_digest") != digest:
    for key in ("lab_results", "lab_source", "lab_label"):
        st.session_state.pop(key, None)
    st.info("The input changed, so the earlier results were cleared: press Compare levels.")

if st.button("Compare levels", type="primary", disabled=source is None, key="lab_compare"):
    try:
        original = read_text(source, label)
        with st.spinner("Compressing…" + (" (the model-guided level takes a few seconds)" if include_max else "")):
            results = compare_levels(original, model, levels=levels)
        st.session_state.update(lab_results=results, lab_source=original, lab_label=label, lab_digest=digest)
    except OptimizerError as exc:
        st.session_state.pop("lab_results", None)
        st.error(shown(f"{exc}"))

results = st.session_state.get("lab_results")
if results:
    original = st.session_state["lab_source"]
    rows = comparison_rows(results)
    st.caption(
        f"These results describe **{safe_markdown(st.session_state['lab_label'])}** "
        f"({len(original.encode('utf-8')):,} bytes, {rows[0]['original_tokens']:,} tokens)."
    )
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
    st.plotly_chart(levels_bar([{**row, "level": row["label"]} for row in rows]), width="stretch")
    st.download_button(
        "Download comparison CSV", csv_text(rows), "compression-comparison.csv", "text/csv", on_click="ignore"
    )
    for result, tab in zip(results, st.tabs([CompressionLevel(r.stats.level).label for r in results]), strict=True):
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
                    f"~~{safe_markdown(p.text.strip())}~~"  # the text's own words: shown as written
                    for p in word_diff(original, result.output)
                    if p.kind == "removed" and p.text.strip()
                )
                st.markdown(f"**Removed:** {removed}" if removed else "Nothing removed.")
