"""Stats & Export: the runs this person may see (their own; an admin everyone's, filtered
by person), the team's totals, charts in the browser's time zone, and CSVs that stream
every matching row from the ledger."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import streamlit as st

from optimizer.auth import Action
from optimizer.compression.report import comparison_rows
from optimizer.export import csv_text
from studio import auth, charts, sidebar
from studio.render import shown
from studio.services import ledger

SHOWN = 2000  # rows drawn in the table and charts; the CSV has every matching row

st.title("Stats & Export")
who = auth.principal()
book = ledger().for_reading()
for notice in book.notices:
    st.warning(shown(notice))
scope = auth.run_filter(who)  # analysts: their own runs; admins: everyone's
everyone = auth.can(Action.SEE_ALL_RUNS, who)


def _zone() -> tuple[ZoneInfo, str]:
    name = st.context.timezone
    try:
        return ZoneInfo(name), name
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return ZoneInfo("UTC"), "UTC"


zone, zone_name = _zone()

team = book.summary()
if not everyone:
    st.caption(f"Team totals (everyone, {team['runs']} runs): tokens and dollars, no one's runs.")
    t1, t2, t3, t4 = st.columns(4)
    t1.metric("Team runs", team["runs"])
    t2.metric("Team cost", f"${team['cost_usd']:.4f}")
    t3.metric("Team saved", f"${team['saved_usd']:.4f}")
    t4.metric("Team cache hit rate", f"{team['hit_rate']:.0%}")

if book.count(**scope) == 0:
    st.info("No runs yet: generate something first." if everyone else "You have no runs yet: generate something first.")
    st.stop()


def _remembered(key: str, options: list) -> None:
    """Filters persist for the session: Streamlit forgets a widget's value when its page
    is left, so each value is also kept under a key of its own and put back."""
    kept = st.session_state.get(f"kept_{key}")
    if kept is not None:
        st.session_state[key] = [v for v in kept if v in options] if isinstance(kept, list) else kept


def _keep(key: str) -> None:
    st.session_state[f"kept_{key}"] = st.session_state[key]


columns = st.columns(5 if everyone else 4)
filters: dict = dict(scope)
for col, (key, column, label) in zip(
    columns,
    [("f_generator", "generator", "Generator"), ("f_model", "model", "Model"), ("f_cached", "cached", "Cache outcome")]
    + ([("f_user", "user", "Person")] if everyone else []),
    strict=False,
):
    options = sorted(str(v) for v in book.distinct(column, **scope) if v)
    _remembered(key, options)
    chosen = col.multiselect(label, options, key=key, on_change=_keep, args=(key,))
    if chosen:
        filters[column] = chosen
today = datetime.now(zone).date()
_remembered("f_since", [])
since = columns[-1].date_input(
    f"Since (your time, {zone_name})", value=None, key="f_since", on_change=_keep, args=("f_since",), max_value=today
)
if since:
    filters["since"] = datetime.combine(since, time(), tzinfo=zone)

summary = book.summary(**filters)
if summary["runs"] == 0:
    st.info("No runs match these filters: widen them (or clear them) to see runs.")
    st.stop()

a, b, c, d = st.columns(4)
a.metric("Runs" if everyone else "Your runs", summary["runs"])
a.caption("everyone's, as filtered" if everyone else f"signed in as {who.user}")
b.metric("Cost", f"${summary['cost_usd']:.4f}")
c.metric(
    "Saved",
    f"${summary['saved_usd']:.4f}",
    help="Cache + prompt optimization + context compression (+ output steering "
    "where measured by bench replay), at each run's price"
    + (f" (priced as {', '.join(summary['priced_as'])})" if summary["priced_as"] else "")
    + ".",
)
d.metric("Cache hits", summary["cache_hits"])

rows = []
for row in book.iter_runs(text=False, **filters):
    rows.append(row)
    if len(rows) >= SHOWN:
        break
view = pd.DataFrame(rows)
local = pd.to_datetime(view["ts"], utc=True, format="ISO8601").dt.tz_convert(zone)
view = view.assign(ts=local)
left, right = st.columns(2)
left.plotly_chart(charts.cost_over_time(view), width="stretch", key="cost")
right.plotly_chart(charts.savings_by_source(view), width="stretch", key="savings")
st.caption(f"Times in your time zone ({zone_name}); the CSV keeps UTC (ISO 8601 with +00:00).")
shown = view.assign(ts=local.dt.strftime("%Y-%m-%d %H:%M:%S")).rename(columns={"ts": f"time ({zone_name})"})
st.dataframe(shown, hide_index=True, width="stretch")
if summary["runs"] > len(view):
    st.caption(f"The table and charts show the newest {len(view)} of {summary['runs']} runs; the CSV has every one.")

st.download_button(
    f"Download runs CSV ({summary['runs']} runs)",
    lambda: book.to_csv(**filters),  # streamed from the ledger page by page when clicked
    "runs.csv",
    "text/csv",
    key="dl_runs",
    on_click="ignore",  # a download changes nothing on the page: no rerun to race the deferred CSV
)
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
    on_click="ignore",
)
lab = st.session_state.get("lab_results")
st.download_button(
    "Download compression comparison CSV",
    csv_text(comparison_rows(lab)) if lab else "",
    "compression-comparison.csv",
    "text/csv",
    key="dl_lab",
    disabled=not lab,
    on_click="ignore",
    help="From the Compression Lab in this session.",
)
