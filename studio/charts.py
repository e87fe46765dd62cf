"""Plotly figures for the pages. Input: what the core returns; output: a figure.

Times are shown in the reader's time zone when the page passes it (``zone``, e.g.
``st.context.timezone``), else in UTC; the axis says which.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from optimizer.answer import AnswerConfidence
from optimizer.cache import SeriesPoint
from optimizer.prompts import Confidence
from optimizer.prompts.optimizer import WEIGHTS

_HEIGHT = 320


def _zone(zone: str | None) -> tuple[tzinfo, str]:
    """The zone to show times in and its axis label ("local time (Europe/Paris)" or "UTC")."""
    if zone:
        try:
            return ZoneInfo(zone), f"local time ({zone})"
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return UTC, "time (UTC)"


def _empty(title: str, message: str) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        title=title,
        height=_HEIGHT,
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[{"text": message, "showarrow": False, "font": {"size": 14}}],
    )
    return fig


def levels_bar(rows: Sequence[dict[str, Any]]) -> go.Figure:
    frame = pd.DataFrame(rows)
    fig = px.bar(
        frame,
        x="level",
        y="compressed_tokens",
        text="saved_pct",
        labels={"compressed_tokens": "tokens", "level": ""},
        title=f"Tokens per level ({rows[0]['encoding']}), original {rows[0]['original_tokens']}",
    )
    fig.update_traces(texttemplate="%{text}% saved", textposition="outside", cliponaxis=False)
    fig.update_layout(height=_HEIGHT, margin={"t": 50, "b": 10})
    return fig


def cache_series(
    points: Sequence[SeriesPoint], title: str = "Cache hits and misses per minute", *, zone: str | None = None
) -> go.Figure:
    """Hits and misses per minute, stacked; ``zone``: the reader's time zone."""
    tz, axis = _zone(zone)
    rows = [
        {"time": datetime.fromtimestamp(p.minute * 60, tz=tz), "event": p.event, "count": p.count}
        for p in points
        if p.event in ("hit_exact", "hit_semantic", "miss")
    ]
    if not rows:
        return _empty(title, "No cache traffic yet")
    frame = pd.DataFrame(rows).groupby(["time", "event"], as_index=False)["count"].sum()
    fig = px.bar(
        frame,
        x="time",
        y="count",
        color="event",
        title=title,
        color_discrete_map={"hit_exact": "#2e9e5b", "hit_semantic": "#7bc96f", "miss": "#d9534f"},
    )
    fig.update_layout(height=_HEIGHT, margin={"t": 50, "b": 10}, xaxis_title=axis, yaxis_title="requests")
    return fig


def hit_rate_series(points: Sequence[SeriesPoint], *, zone: str | None = None) -> go.Figure:
    """Hit rate per minute; ``zone``: the reader's time zone."""
    title = "Hit rate per minute"
    tz, axis = _zone(zone)
    hits: Counter[int] = Counter()
    lookups: Counter[int] = Counter()
    for p in points:
        if p.event in ("hit_exact", "hit_semantic", "miss"):
            lookups[p.minute] += p.count
            hits[p.minute] += p.count if p.event != "miss" else 0
    if not lookups:
        return _empty(title, "No cache traffic yet")
    minutes = sorted(lookups)
    fig = px.line(
        x=[datetime.fromtimestamp(m * 60, tz=tz) for m in minutes],
        y=[100 * hits[m] / lookups[m] for m in minutes],
        markers=True,
        title=title,
        labels={"x": axis, "y": "hit rate %"},
    )
    fig.update_layout(height=_HEIGHT, margin={"t": 50, "b": 10}, yaxis_range=[0, 105])
    return fig


def confidence_bars(confidence: Confidence | AnswerConfidence) -> go.Figure:
    """One bar per factor (0..1) labelled with how it counts; for an answer's confidence
    the "answer" factor multiplies the prompt's weighted score."""
    names = list(confidence.factors)
    labels = [
        f"{confidence.factors[n]:.2f} × {WEIGHTS[n]}" if n in WEIGHTS else f"× {confidence.factors[n]:.2f} (multiplies)"
        for n in names
    ]
    fig = go.Figure(
        go.Bar(
            x=[confidence.factors[n] for n in names],
            y=[n.replace("_", " ") for n in names],
            orientation="h",
            text=labels,
            textposition="auto",
        )
    )
    title = (
        f"Confidence {confidence.summary.split(' (')[0]}"
        if isinstance(confidence, AnswerConfidence)
        else f"Confidence {confidence.score:.2f} = weighted factors"
    )
    fig.update_layout(title=title, height=280, xaxis_range=[0, 1], margin={"t": 50, "b": 10})
    return fig


def savings_by_source(runs: pd.DataFrame) -> go.Figure:
    title = "Tokens saved by source"
    columns = {
        "saved_cache_tokens": "cache",
        "saved_prompt_tokens": "prompt optimization",
        "saved_output_tokens": "output steering",
        "saved_context_tokens": "context compression",
    }
    if runs.empty:
        return _empty(title, "No runs yet")
    frame = runs.assign(day=pd.to_datetime(runs["ts"]).dt.date)
    melted = frame.groupby("day")[list(columns)].sum().reset_index().melt("day", var_name="source", value_name="tokens")
    melted["source"] = melted["source"].map(columns)
    fig = px.bar(melted, x="day", y="tokens", color="source", title=title)
    fig.update_layout(height=_HEIGHT, margin={"t": 50, "b": 10}, xaxis_title="")
    return fig


def cost_over_time(runs: pd.DataFrame) -> go.Figure:
    title = "Cost per run (USD) and cumulative"
    if runs.empty:
        return _empty(title, "No runs yet")
    frame = runs.sort_values("id").assign(time=pd.to_datetime(runs["ts"]))
    frame["cumulative"] = frame["cost_usd"].cumsum()
    fig = go.Figure(
        [
            go.Bar(x=frame["time"], y=frame["cost_usd"], name="per run"),
            go.Scatter(x=frame["time"], y=frame["cumulative"], name="cumulative", mode="lines+markers"),
        ]
    )
    fig.update_layout(title=title, height=_HEIGHT, margin={"t": 50, "b": 10})
    return fig


def hits_by_generator(stats: dict[str, Any]) -> go.Figure:
    rows = [
        {"generator": g, "kind": kind, "count": getattr(s, attr)}
        for g, s in stats.items()
        if g != "all"
        for kind, attr in (("exact hits", "hits_exact"), ("semantic hits", "hits_semantic"), ("misses", "misses"))
    ]
    if not rows:
        return _empty("Hits by generator", "No cache traffic yet")
    fig = px.bar(pd.DataFrame(rows), x="generator", y="count", color="kind", barmode="group", title="Hits by generator")
    fig.update_layout(height=_HEIGHT, margin={"t": 50, "b": 10})
    return fig
