"""A page for tests/test_browser_team.py: model answers with remote images and raw HTML,
rendered through studio.render (must load nothing), and one control image rendered with
plain st.markdown (must load, or the counting server proves nothing)."""

from __future__ import annotations

import os

import streamlit as st

from studio import render

pixel = os.environ["RENDER_PIXEL_URL"]
st.title("Render check")
answers = [
    f"Inline ![tracking pixel]({pixel}/inline.png) after.",
    f'Titled ![titled]({pixel}/titled.png "t") and <img src="{pixel}/html.png">',
    f"Reference ![ref][r]\n\n[r]: {pixel}/reference.png",
    f"<div><img src='{pixel}/block.png'></div>",
    f"[![linked]({pixel}/linked.png)]({pixel}/target)",
    f"<picture><source srcset='{pixel}/srcset.png'></picture> <video poster='{pixel}/poster.png'></video>",
    f"`code` and ![after code]({pixel}/after-code.png) and $x$ costs $12",
]
for i, text in enumerate(answers):
    with st.container(border=True, key=f"answer_{i}"):
        render.answer(text)
with st.container(key="control"):
    st.markdown(f"![control]({pixel}/control.png)")  # plain markdown: the browser fetches this one
st.caption("rendered")
