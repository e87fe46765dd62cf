""".streamlit/config.toml: safe by default (loopback only, no error details, viewer
toolbar, XSRF and CORS on, no usage statistics) with a light and a dark theme, and
options Streamlit 1.67 accepts as written."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())


def test_safe_defaults():
    assert CONFIG["server"]["address"] == "127.0.0.1"
    assert CONFIG["server"]["enableXsrfProtection"] is True and CONFIG["server"]["enableCORS"] is True
    assert CONFIG["client"]["showErrorDetails"] == "none" and CONFIG["client"]["toolbarMode"] == "viewer"
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_two_themes_and_no_base_so_each_viewer_gets_theirs():
    theme = CONFIG["theme"]
    assert "base" not in theme
    for name in ("light", "dark"):
        assert {"primaryColor", "backgroundColor", "textColor"} <= set(theme[name])


def _luminance(hex_color: str) -> float:
    channels = [int(hex_color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_both_themes_read_well():
    for name in ("light", "dark"):
        t = CONFIG["theme"][name]
        assert _contrast(t["textColor"], t["backgroundColor"]) >= 7  # WCAG AAA body text
        assert _contrast(t["textColor"], t["secondaryBackgroundColor"]) >= 7
        assert _contrast(t["primaryColor"], t["backgroundColor"]) >= 4.5  # accent used for links and labels


def test_streamlit_accepts_every_option():
    from streamlit import config

    config.get_config_options(force_reparse=True, options_from_flags={})
    try:
        assert config.get_option("client.showErrorDetails") == "none"
        assert config.get_option("server.address") == "127.0.0.1"
        assert config.get_option("theme.dark.backgroundColor") == CONFIG["theme"]["dark"]["backgroundColor"]
    finally:
        config.get_config_options(force_reparse=True)
