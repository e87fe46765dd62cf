from __future__ import annotations

from studio.generator_page import render

render("branding")
