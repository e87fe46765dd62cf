"""Per-generator templates and the adaptive prompt service."""

from __future__ import annotations

from .optimizer import (
    MAX_FIELD_CHARS,
    MAX_PREVIOUS_CHARS,
    MAX_QUERY_CHARS,
    Confidence,
    OptimizedPrompt,
    TemplateRecord,
    check_request,
    confidence,
    optimize_prompt,
)
from .optimizer import PREVIOUS as PREVIOUS_KEY
from .templates import GENERATORS, TEMPLATES, Field, Template, template_for

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
