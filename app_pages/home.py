from __future__ import annotations

import streamlit as st

from studio import sidebar
from studio.services import ledger

st.title("Optimizer Studio")
st.write(
    "Run LLM generations for formulation, market research, branding, costing and science, watch "
    "them stream, and see in real tokens and dollars what the optimizer saves: adaptive prompts, "
    "compression and a cache. Every figure says how it was counted."
)
summary = ledger().summary()
try:
    cache_all = sidebar.cache().stats()["all"]
    hit_rate = f"{cache_all.hit_rate:.0%}"
except Exception:
    hit_rate = "n/a"
a, b, c, d = st.columns(4)
a.metric("Runs", summary["runs"])
b.metric("Tokens saved", f"{summary['saved_tokens']:,}", help="Cache hits + prompt optimization + context compression.")
c.metric(
    "Dollars saved", f"${summary['saved_usd']:.4f}", help="At each run's model price (the embedded model is free)."
)
d.metric("Cache hit rate", hit_rate)
st.subheader("Where to start")
st.page_link(
    "app_pages/formulation.py",
    label="Formulation: fill the form, Generate, then Generate again",
    icon=":material/science:",
)
st.page_link(
    "app_pages/compression_lab.py",
    label="Compression Lab: paste text or JSON, compare every level",
    icon=":material/compress:",
)
st.page_link("app_pages/cache.py", label="Cache: hit rate, keys, invalidation", icon=":material/bolt:")
st.page_link("app_pages/stats.py", label="Stats & Export: every run, charts, CSV", icon=":material/bar_chart:")
st.caption(
    "Savings sources: cache hits save the whole call; prompt optimization and context compression "
    "save input tokens; storage compression saves bytes, never counted as tokens."
)
