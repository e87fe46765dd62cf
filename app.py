"""Optimizer Studio: entry point. Navigation and the settings every page shares."""

from __future__ import annotations

import streamlit as st

from optimizer.pricing import price_table
from optimizer.tokens import DEFAULT_MODEL

st.set_page_config(page_title="Optimizer Studio", page_icon="🧪", layout="wide")

MODELS = [m for m in price_table().models if m != "local"]

with st.sidebar:
    st.subheader("Settings")
    # Drawn on every run by this entry script, so its state lives across pages.
    st.selectbox(
        "Model (tokenizer and prices)", MODELS, index=MODELS.index(DEFAULT_MODEL), key="model",
        help="Token counts use this model's tokenizer (offline); dollar figures use its price.",
    )
    st.caption(f"Prices as of {price_table().as_of} ({price_table().source}).")

pages = [
    st.Page("pages/home.py", title="Home", icon="🏠", default=True),
    st.Page("pages/compression_lab.py", title="Compression Lab", icon="🗜️"),
]
st.navigation(pages).run()
