from __future__ import annotations

import pandas as pd
import streamlit as st

from optimizer import OptimizerError
from optimizer.cache import GUARD_EXPLANATION, STRATEGIES
from optimizer.export import csv_text
from studio import charts, sidebar

st.title("Cache")
try:
    cache = sidebar.cache()
    health = cache.health()
    stats = cache.stats()
except OptimizerError as exc:
    st.error(f"{exc}")
    st.stop()

if health.status == "ok":
    st.success(f"Backend: {health.active} · healthy")
else:
    st.warning(f"Backend: {health.backend} is {health.status}, answering from {health.active}. {health.detail}")
strategy = cache.policy.strategy
st.caption(f"Strategy **{strategy.value}**: {STRATEGIES[strategy].description}")
with st.expander("What the semantic cache treats as the same request"):
    st.caption(GUARD_EXPLANATION)

total = stats["all"]
a, b, c, d, e = st.columns(5)
a.metric("Hit rate", f"{total.hit_rate:.0%}", help=f"{total.hits} hits of {total.requests} lookups")
b.metric("Hits (exact / semantic)", f"{total.hits_exact} / {total.hits_semantic}")
c.metric("Tokens saved", f"{total.saved_tokens:,}", help="What the original calls cost, avoided by hits.")
d.metric("Dollars saved", f"${total.saved_usd:.4f}")
e.metric(
    "Storage",
    f"{total.bytes_stored / 1024:.1f} KB",
    delta=f"-{(1 - total.bytes_stored / total.bytes_raw):.0%}" if total.bytes_raw else None,
    delta_color="off",
    help="zlib on stored answers: bytes, not tokens.",
)

left, right = st.columns(2)
series = cache.series()
left.plotly_chart(charts.hit_rate_series(series), width="stretch", key="hit_rate")
right.plotly_chart(charts.hits_by_generator(stats), width="stretch", key="by_generator")

st.subheader("Keys")
pattern = st.text_input(
    "Pattern",
    value="*",
    key="cache_pattern",
    help="A glob over keys generator:model:template:digest, e.g. formulation:* or costing:gpt-4o:*",
)
keys = cache.keys(pattern or "*")
frame = pd.DataFrame(
    [
        {
            "key": k.key,
            "generator": k.generator,
            "bytes": k.size_bytes,
            "ttl_left_h": None if k.ttl_left_s is None else round(k.ttl_left_s / 3600, 1),
            "hits": k.hits,
        }
        for k in keys
    ]
)
if frame.empty:
    st.caption("No keys match.")
else:
    st.dataframe(frame, hide_index=True, width="stretch")
col1, col2 = st.columns(2)
with col1:
    if st.button(
        f"Invalidate keys matching '{pattern}'",
        disabled=not keys or pattern.strip() in ("", "*"),
        help="Use Clear to remove everything.",
    ):
        st.success(f"Invalidated {cache.invalidate(pattern)} entries.")
        st.rerun()
with col2:
    confirm = st.checkbox("I understand: remove every cached answer", key="confirm_clear")
    if st.button("Clear the cache", disabled=not confirm, type="secondary"):
        st.success(f"Cleared {cache.clear()} entries (statistics kept).")
        st.rerun()

st.download_button(
    "Download cache stats CSV", csv_text([s.as_dict() for s in stats.values()]), "cache-stats.csv", "text/csv"
)
