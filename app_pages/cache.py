"""Cache: health and integrity, hit rate, keys; admins invalidate and clear (each says how
many entries went and how many are left, and the confirmation disarms after use)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from optimizer import OptimizerError
from optimizer.auth import Action
from optimizer.cache import GUARD_EXPLANATION, STRATEGIES
from optimizer.export import csv_text
from optimizer.redact import redact_text
from studio import auth, charts, sidebar
from studio.render import shown

st.title("Cache")
who = auth.principal()
try:
    cache = sidebar.cache()
    health = cache.health()
    stats = cache.stats()
except OptimizerError as exc:
    st.error(shown(f"{exc}"))
    st.stop()

flash = st.session_state.pop("cache_flash", None)
if flash:
    (st.success if flash[0] == "ok" else st.error)(flash[1])

if health.status == "ok":
    st.success(f"Backend: {health.active} · healthy")
else:
    st.warning(
        redact_text(f"Backend: {health.backend} is {health.status}, answering from {health.active}. {health.detail}")
    )
for notice in health.notices:
    st.info(redact_text(notice), icon=":material/info:")
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
    f"{total.entries} entries · {total.bytes_stored / 1024:.1f} KB",
    delta=f"-{(1 - total.bytes_stored / total.bytes_raw):.0%} zlib" if total.bytes_raw else None,
    delta_color="off",
    help="What is stored now (follows clear and invalidate); zlib on stored answers: bytes, not tokens.",
)

st.subheader("Integrity")
i1, i2, i3 = st.columns([1, 1, 2])
i1.metric(
    "Rejected entries",
    total.rejected,
    help="Entries whose HMAC did not match the team secret (forged or written with another secret): "
    "treated as a miss, deleted, never served.",
)
i2.metric(
    "Malformed entries",
    total.malformed,
    help="Records of the wrong shape (damaged or planted): skipped and deleted, never a crash.",
)
i3.caption(f":material/verified_user: {health.integrity[:1].upper() + health.integrity[1:]}.")

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
try:
    keys = cache.keys(pattern or "*")
except OptimizerError as exc:
    st.error(shown(f"{exc}"))
    keys = []
frame = pd.DataFrame(
    [
        {
            "Key": k.key,
            "Generator": k.generator,
            "Bytes": k.size_bytes,
            "TTL left (h)": None if k.ttl_left_s is None else round(k.ttl_left_s / 3600, 1),
            "Hits": k.hits,
        }
        for k in keys
    ]
)
if frame.empty:
    st.caption("No keys match." if total.entries else "The cache is empty.")
else:
    st.dataframe(frame, hide_index=True, width="stretch")


def _left() -> int:
    try:
        return sidebar.cache().stats()["all"].entries
    except OptimizerError:
        return -1


def _invalidate(chosen: str) -> None:
    # Checked again here: a crafted rerun must not reach the delete, whatever was drawn.
    try:
        auth.require(Action.INVALIDATE_CACHE)
        removed = sidebar.cache().invalidate(chosen)
        st.session_state["cache_flash"] = ("ok", f"Invalidated {removed} entries matching '{chosen}'; {_left()} left.")
    except OptimizerError as exc:
        st.session_state["cache_flash"] = ("error", redact_text(f"{exc}"))


def _clear() -> None:
    try:
        auth.require(Action.CLEAR_CACHE)
        if not st.session_state.get("confirm_clear"):
            raise auth.NotAllowed("tick the confirmation first")
        removed = sidebar.cache().clear()
        st.session_state["cache_flash"] = ("ok", f"Cleared {removed} entries (statistics kept); {_left()} left.")
    except OptimizerError as exc:
        st.session_state["cache_flash"] = ("error", redact_text(f"{exc}"))
    st.session_state["confirm_clear"] = False  # the confirmation disarms after use


if auth.can(Action.INVALIDATE_CACHE, who) or auth.can(Action.CLEAR_CACHE, who):
    col1, col2 = st.columns(2)
    with col1:
        if auth.can(Action.INVALIDATE_CACHE, who):
            st.button(
                f"Invalidate keys matching '{pattern}'",
                key="cache_invalidate",
                disabled=not keys or pattern.strip() in ("", "*"),
                help="Use Clear to remove everything.",
                on_click=_invalidate,
                args=(pattern,),
            )
    with col2:
        if auth.can(Action.CLEAR_CACHE, who):
            confirm = st.checkbox("I understand: remove every cached answer", key="confirm_clear")
            st.button("Clear the cache", key="cache_clear", disabled=not confirm, type="secondary", on_click=_clear)
else:
    st.caption(":material/lock: Invalidating and clearing the team's cache is for admins.")

st.download_button(
    "Download cache stats CSV",
    csv_text([s.as_dict() for s in stats.values()]),
    "cache-stats.csv",
    "text/csv",
    on_click="ignore",
)
