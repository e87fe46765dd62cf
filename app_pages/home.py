"""Home: what the studio does, who is using it (a single local user, or a signed-in person
and what their role may do), the figures so far, and where to start."""

from __future__ import annotations

import streamlit as st

from optimizer.auth import Action
from studio import auth, sidebar
from studio.render import shown
from studio.services import ledger

st.title("Optimizer Studio")
st.write(
    "Run LLM generations for formulation, market research, branding, costing and science, watch "
    "them stream, and see in real tokens and dollars what the optimizer saves: adaptive prompts, "
    "compression and a cache. Every figure says how it was counted."
)
who = auth.principal()
if who.source == "local":
    st.info(
        "Single-user local studio: no sign-in is configured, so everything here is yours (runs, "
        'cache, settings). To share it with a team, configure sign-in: see "Deploy for a team" '
        "in the README.",
        icon=":material/person:",
    )
elif auth.can(Action.SEE_ALL_RUNS, who):
    st.info(
        f"Signed in as **{who.name}** ({who.user}), **admin**: you generate, see everyone's runs "
        "(Stats filters by person), invalidate and clear the cache, and change the team settings "
        "in the sidebar.",
        icon=":material/shield_person:",
    )
else:
    st.info(
        f"Signed in as **{who.name}** ({who.user}), **analyst**: you generate, see and export your "
        "own runs and the team's totals, and read the cache's figures. An admin clears the cache "
        "and changes the team settings.",
        icon=":material/person:",
    )

book = ledger().for_reading()
for notice in book.notices:
    st.warning(shown(notice))
team = book.summary()
mine = book.summary(**auth.run_filter(who)) if not auth.can(Action.SEE_ALL_RUNS, who) else team
try:
    hit_rate = f"{sidebar.cache().stats()['all'].hit_rate:.0%}"
except Exception:
    hit_rate = "n/a"
a, b, c, d = st.columns(4)
if mine is team:
    a.metric("Runs", team["runs"])
else:
    a.metric("Your runs", mine["runs"], help=f"The team has {team['runs']} runs in all.")
b.metric(
    "Tokens saved" + (" (team)" if mine is not team else ""),
    f"{team['saved_tokens']:,}",
    help="Cache hits + prompt optimization + context compression.",
)
c.metric(
    "Dollars saved" + (" (team)" if mine is not team else ""),
    f"${team['saved_usd']:.4f}",
    help="At each run's price; the embedded model's runs at the price of the model it is priced as.",
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
st.page_link("app_pages/cache.py", label="Cache: hit rate, keys, integrity", icon=":material/bolt:")
st.page_link("app_pages/stats.py", label="Stats & Export: runs, charts, CSV", icon=":material/bar_chart:")
st.caption(
    "Savings sources: cache hits save the whole call; prompt optimization and context compression "
    "save input tokens; storage compression saves bytes, never counted as tokens."
)
