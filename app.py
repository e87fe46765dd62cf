"""Optimizer Studio: entry point. Navigation and the sidebar every page shares."""

from __future__ import annotations

import streamlit as st

from studio import sidebar

st.set_page_config(page_title="Optimizer Studio", page_icon=":material/science:", layout="wide")
sidebar.render()

pages = {
    "": [st.Page("app_pages/home.py", title="Home", icon=":material/home:", default=True)],
    "Generate": [
        st.Page("app_pages/formulation.py", title="Formulation", icon=":material/science:"),
        st.Page("app_pages/market.py", title="Market Research", icon=":material/trending_up:"),
        st.Page("app_pages/branding.py", title="Branding", icon=":material/sell:"),
        st.Page("app_pages/costing.py", title="Costing", icon=":material/payments:"),
        st.Page("app_pages/scientific.py", title="Scientific", icon=":material/biotech:"),
    ],
    "Analyse": [
        st.Page("app_pages/history.py", title="History", icon=":material/history:"),
        st.Page("app_pages/compression_lab.py", title="Compression Lab", icon=":material/compress:"),
        st.Page("app_pages/cache.py", title="Cache", icon=":material/bolt:"),
        st.Page("app_pages/stats.py", title="Stats & Export", icon=":material/bar_chart:"),
    ],
}
st.navigation(pages).run()
