"""Optimizer Studio: entry point. The sign-in gate, the sidebar every page shares, and
navigation.

With an ``[auth]`` section in secrets.toml nobody sees anything but the sign-in page until
they sign in (studio/auth.py); without one the studio is a single-user local app. Every
page runs inside one guard: an error the app expects shows its own sentence, anything
else one sentence with a reference, the traceback going to the server log only.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from studio import auth, render, sidebar

ROOT = Path(__file__).resolve().parent
# A local icon: a ":material/...:" page icon makes every browser fetch it from a font CDN.
st.set_page_config(page_title="Optimizer Studio", page_icon=str(ROOT / "studio/static/icon.png"), layout="wide")


def _pages() -> dict[str, list]:
    analyse = [
        st.Page("app_pages/history.py", title="History", icon=":material/history:"),
        st.Page("app_pages/compression_lab.py", title="Compression Lab", icon=":material/compress:"),
        st.Page("app_pages/cache.py", title="Cache", icon=":material/bolt:"),
        st.Page("app_pages/stats.py", title="Stats & Export", icon=":material/bar_chart:"),
    ]
    return {
        "": [st.Page("app_pages/home.py", title="Home", icon=":material/home:", default=True)],
        "Generate": [
            st.Page("app_pages/formulation.py", title="Formulation", icon=":material/science:"),
            st.Page("app_pages/market.py", title="Market Research", icon=":material/trending_up:"),
            st.Page("app_pages/branding.py", title="Branding", icon=":material/sell:"),
            st.Page("app_pages/costing.py", title="Costing", icon=":material/payments:"),
            st.Page("app_pages/scientific.py", title="Scientific", icon=":material/biotech:"),
        ],
        "Analyse": analyse,
    }


try:
    who = auth.gate()  # the sign-in page and st.stop() when nobody is signed in
except Exception as exc:  # st.stop/st.rerun/switch_page are BaseExceptions: they pass through
    render.show_error(exc)
    st.stop()
try:
    sidebar.render(who)
except Exception as exc:
    with st.sidebar:
        render.show_error(exc)
page = st.navigation(_pages())
try:
    page.run()
except Exception as exc:
    render.show_error(exc)
