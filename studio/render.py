"""Safe rendering on pages: untrusted text as markdown that can load nothing, and errors as
one sentence.

The rule lives in the core (:func:`optimizer.markdown.safe_markdown`, shared with the
exports); :func:`shown` adds credential masking for sentences from outside the app.

>>> shown("Buy ![pixel](http://127.0.0.1:9/p.png)")
'Buy \\\\[image: pixel, not loaded\\\\]'
"""

from __future__ import annotations

import logging
import secrets as random
import traceback

from optimizer.errors import OptimizerError
from optimizer.markdown import safe_markdown
from optimizer.redact import redact_text

LOG = logging.getLogger("optimizer.studio")


def shown(text: str) -> str:
    """A sentence from outside the app (an error, a notice, a name, an endpoint) as markdown
    that shows it as written: credentials masked (``redact_text``), nothing that loads or
    links (``safe_markdown``). Every dynamic message a page draws goes through it."""
    return safe_markdown(redact_text(str(text)))


def answer(text: str, *, container=None) -> None:
    """Show a model's answer safely (see :func:`safe_markdown`) in ``container`` (a
    placeholder such as ``st.empty()``, a column; default the page)."""
    import streamlit as st

    target = container if container is not None else st
    target.markdown(safe_markdown(text) if text else "_(no text)_")


def error_sentence(exc: BaseException) -> str:
    """The one line a person sees for ``exc``: the app's own sentence for an
    :class:`OptimizerError` (credentials redacted), else a generic sentence with a
    reference that matches the server log (the traceback is logged there, redacted)."""
    if isinstance(exc, OptimizerError):
        message = redact_text(str(exc)).strip().rstrip(".")
        return (message[:1].upper() + message[1:] + ".") if message else "Something went wrong."
    reference = random.token_hex(3)
    LOG.error(
        "unexpected error (reference %s): %s",
        reference,
        redact_text("".join(traceback.format_exception(exc))),
    )
    return (
        f"Something went wrong on this page (reference {reference}); it was logged on the server. "
        "Try again, and tell your operator the reference if it happens again."
    )


def show_error(exc: BaseException) -> None:
    """Show ``exc`` as one line (see :func:`error_sentence`)."""
    import streamlit as st

    st.error(shown(error_sentence(exc)), icon=":material/error:")
