"""Per-generator templates and the adaptive prompt service."""

from __future__ import annotations

from .optimizer import PREVIOUS as PREVIOUS_KEY
from .optimizer import Confidence, OptimizedPrompt, TemplateRecord, confidence, optimize_prompt
from .templates import GENERATORS, TEMPLATES, Field, Template, template_for

__all__ = [
    "GENERATORS",
    "PREVIOUS_KEY",
    "TEMPLATES",
    "Confidence",
    "Field",
    "OptimizedPrompt",
    "Template",
    "TemplateRecord",
    "confidence",
    "optimize_prompt",
    "template_for",
]
