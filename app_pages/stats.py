from __future__ import annotations

import pandas as pd
import streamlit as st

from optimizer.compression.report import comparison_rows
from optimizer.export import csv_text, runs_csv_text
from studio import charts, sidebar
from studio.services import ledger

st.title("Stats & Export")
runs = pd.DataFrame(list(ledger().iter_runs(text=False)))  # every run, streamed
if runs.empty:
    st.info("No runs yet: generate something first.")
    st.stop()

f1, f2, f3, f4 = st.columns(4)
generators = f1.multiselect("Generator", sorted(runs["generator"].unique()), key="f_generator")
models = f2.multiselect("Model", sorted(runs["model"].unique()), key="f_model")
cached = f3.multiselect("Cached", sorted(runs["cached"].unique()), key="f_cached")
days = pd.to_datetime(runs["ts"]).dt.date
since = f4.date_input("Since", value=days.min(), key="f_since")
view = runs[days >= since]
for column, chosen in (("generator", generators), ("model", models), ("cached", cached)):
    if chosen:
        view = view[view[column].isin(chosen)]

a, b, c, d = st.columns(4)
a.metric("Runs", len(view))
b.metric("Cost", f"${view['cost_usd'].sum():.4f}")
saved = view[["saved_cache_usd", "saved_prompt_usd", "saved_context_usd", "saved_output_usd"]].sum().sum()
c.metric(
    "Saved",
    f"${saved:.4f}",
    help="Cache + prompt optimization + context compression (+ output steering "
    "where measured by bench replay), at each run's model price.",
)
d.metric("Cache hits", int((view["cached"] != "none").sum()))
left, right = st.columns(2)
left.plotly_chart(charts.cost_over_time(view), width="stretch", key="cost")
right.plotly_chart(charts.savings_by_source(view), width="stretch", key="savings")
st.dataframe(view, hide_index=True, width="stretch")

st.download_button("Download runs CSV", runs_csv_text(view.to_dict("records")), "runs.csv", "text/csv", key="dl_runs")
try:
    cache_rows = [s.as_dict() for s in sidebar.cache().stats().values()]
except Exception:
    cache_rows = []
st.download_button(
    "Download cache stats CSV",
    csv_text(cache_rows),
    "cache-stats.csv",
    "text/csv",
    key="dl_cache",
    disabled=not cache_rows,
)
lab = st.session_state.get("lab_results")
st.download_button(
    "Download compression comparison CSV",
    csv_text(comparison_rows(lab)) if lab else "",
    "compression-comparison.csv",
    "text/csv",
    key="dl_lab",
    disabled=not lab,
    help="From the Compression Lab in this session.",
)
