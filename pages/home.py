from __future__ import annotations

import streamlit as st

st.title("Optimizer Studio")
st.write(
    "Run LLM generations for formulation, market research, branding, costing and science, "
    "and see in real tokens and dollars what the optimizer saves. Every figure says how it "
    "was counted: which tokenizer, which price table, which date."
)
st.markdown(
    "- **Compression Lab** — paste text or JSON and compare every level side by side: "
    "tokens, % saved, fidelity (numbers, negations, ingredient names), and what each level removed.\n"
    "- Storage and transfer compression saves bytes, not tokens, and is never reported as tokens."
)
st.page_link("pages/compression_lab.py", label="Open the Compression Lab", icon="🗜️")
