"""Who is using this session and the sidebar choices the generator and History pages
need, read from the sign-in and sidebar modules when they provide them.

``studio/auth.py`` (sign-in, roles) and ``studio/render.py`` (a safe markdown renderer)
are written on the team branch; until they are merged this module falls back to the
single local user and to showing answers as plain text.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from optimizer.accounting import DEFAULT_PRICED_AS
from optimizer.auth import LOCAL_USER, Principal


def principal() -> Principal:
    """The person using this session (:data:`LOCAL_USER` when no sign-in is configured)."""
    try:
        from studio import auth  # type: ignore[attr-defined]
    except ImportError:
        return LOCAL_USER
    found = getattr(auth, "principal", None)
    return found() if callable(found) else LOCAL_USER


def priced_as() -> str:
    """The reference model the sidebar prices the embedded model's runs as."""
    from studio import sidebar

    chosen = getattr(sidebar, "priced_as", None)
    if callable(chosen):
        return str(chosen())
    return str(st.session_state.get("priced_as") or DEFAULT_PRICED_AS)


def keep_text() -> bool:
    """Whether this session's runs keep their request and answer in the ledger."""
    return bool(st.session_state.get("keep_text", True))


def show_answer_text(text: str, *, container: Any = None) -> None:
    """An answer that is not JSON, shown safely: the team branch's markdown renderer when
    present, else as plain text (never raw markdown: a model can write links and images)."""
    target = container if container is not None else st
    try:
        from studio import render  # type: ignore[attr-defined]
    except ImportError:
        render = None
    show = getattr(render, "answer", None)
    if callable(show):
        show(text, container=target)
    else:
        target.code(text or "(no text)", language=None, wrap_lines=True)
