"""studio/render.py: an answer rendered as markdown loads nothing (no image, no raw HTML,
no link, no math) and keeps its formatting; errors are one sentence.

A CommonMark parser (markdown-it-py, with raw HTML allowed as the strictest reading) is the
oracle: whatever the input, the output parses with no image, HTML or link token. The real
browser check (Streamlit's own renderer, a loopback server counting requests) is in
tests/test_browser_team.py.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.errors import ConfigError
from studio.render import error_sentence, safe_markdown

markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is a test dependency (requirements-dev.txt)")
PARSER = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
UNSAFE = {"image", "html_inline", "html_block", "link_open"}


def unsafe_tokens(markdown: str) -> list[str]:
    found = []
    for token in PARSER.parse(markdown):
        found += [token.type] if token.type in UNSAFE else []
        found += [c.type for c in token.children or [] if c.type in UNSAFE]
    return found


ATTACKS = [
    "![pixel](http://127.0.0.1:9/p.png)",
    '![pixel](http://127.0.0.1:9/p.png "title")',
    "![pixel](<http://127.0.0.1:9/a b.png>)",
    "![a [nested] alt](http://h/p.png)",
    "![ref][r]\n\n[r]: http://h/p.png",
    "![r]\n\n[r]: http://h/p.png",
    "[![img](http://h/i.png)](http://h/link)",
    '<img src="http://h/p.png">',
    "<div>\n<img src=x>\n</div>",
    "<http://h/autolink>",
    "\\![escaped](http://h/p.png) and \\\\![double](http://h/q.png)",
    "`code` ![after](http://h/p.png) `",
    "``a ` b`` ![after](http://h/p.png)",
    "  ```\nx\n```\n![between](http://h/p.png)\n```",
    "- a\n   ```\n![in list](http://h/p.png)",
    "> ```\n> quoted\n![after quote](http://h/p.png)",
    "~~~\n<b>in tilde fence</b>\n~~~\n<b>after</b>",
    "~~~ info\n![x](http://h/p.png)\n~~~\n![y](http://h/q.png)",
    "[link](javascript:alert(1)) [ok](https://example.com)",
    "<!-- comment --><script>alert(1)</script>",
    "$x^2$ and $$\\href{http://h}{y}$$",
    "```\n`inside`\n````\n![x](http://h/p.png)",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_attacks_parse_with_nothing_that_loads(text):
    out = safe_markdown(text)
    assert unsafe_tokens(text) or "$" in text  # each attack is one for a plain renderer
    assert unsafe_tokens(out) == [], out
    assert "$" not in out.replace("\\$", "")  # no math delimiter left unescaped


def test_images_and_links_become_their_text():
    out = safe_markdown("See ![the pixel](http://h/p.png) and [our docs](https://example.com/docs).")
    assert out == "See \\[image: the pixel, not loaded\\] and our docs (https://example.com/docs)."


def test_formatting_and_code_are_kept():
    text = "## Result\n\n**Glycerin** 5% _humectant_\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two"
    assert safe_markdown(text) == text
    fenced = '```json\n{"a": "![x](y)"}\n```'
    assert safe_markdown(fenced) == '```\n{"a": "![x](y)"}\n```'  # code stays code, untouched
    assert safe_markdown("use `a[0] < 3` here") == "use ` a[0] < 3 ` here"
    assert safe_markdown("price $12 and $3") == "price \\$12 and \\$3"


PIECES = [*list("![]()<>`$~\\ \n*_-#|:/.\"'=ax"), "http://h/p.png", "<img src=", "```", "~~~", "\n   ", "\n> "]
MARKDOWNISH = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


# 200 examples (was 400): the fixed ATTACKS above check the same property on every bypass
# found so far; this search looks for new ones.
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWNISH)
def test_no_input_yields_anything_that_loads(text):
    assert unsafe_tokens(safe_markdown(text)) == []


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_accepted(text):
    assert isinstance(safe_markdown(text), str)


def test_error_sentence_is_the_apps_own_line_redacted():
    line = error_sentence(ConfigError("cannot reach redis://:hunter2@db:6379/0; check REDIS_URL"))
    assert line == "Cannot reach redis://:***@db:6379/0; check REDIS_URL."
    generic = error_sentence(ValueError("boom"))
    assert generic.startswith("Something went wrong on this page (reference ") and "boom" not in generic
