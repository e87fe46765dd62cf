"""Per-generator templates and the adaptive prompt service.

The templates are light; the prompt service (compression, similarity, the tokenizer) is
imported on first use of one of its names below, so that the CLI's parser, which needs
only ``GENERATORS``, does not load numpy and the compression engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_getattr
from .templates import GENERATORS, TEMPLATES, Field, Template, template_for

if TYPE_CHECKING:  # for type checkers and readers; at run time, __getattr__ below
    from .optimizer import (
        MAX_FIELD_CHARS,
        MAX_PREVIOUS_CHARS,
        MAX_QUERY_CHARS,
        PREVIOUS_KEY,
        Confidence,
        OptimizedPrompt,
        TemplateRecord,
        check_request,
        confidence,
        optimize_prompt,
    )

__getattr__ = lazy_getattr(
    __name__,
    dict.fromkeys(
        (
            "MAX_FIELD_CHARS",
            "MAX_PREVIOUS_CHARS",
            "MAX_QUERY_CHARS",
            "PREVIOUS_KEY",
            "Confidence",
            "OptimizedPrompt",
            "TemplateRecord",
            "check_request",
            "confidence",
            "optimize_prompt",
        ),
        ".optimizer",
    ),
)

__all__ = [
    "GENERATORS",
    "MAX_FIELD_CHARS",
    "MAX_PREVIOUS_CHARS",
    "MAX_QUERY_CHARS",
    "PREVIOUS_KEY",
    "TEMPLATES",
    "Confidence",
    "Field",
    "OptimizedPrompt",
    "Template",
    "TemplateRecord",
    "check_request",
    "confidence",
    "optimize_prompt",
    "template_for",
]
