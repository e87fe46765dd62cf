"""The History "Download Markdown" export loads nothing (found by an adversarial review).

``run_markdown`` fences the answer "as written"; the parsed table's cells, the extras and
the "Request:" line go through ``safe_markdown``: opened in any Markdown viewer (an IDE
preview, a wiki, GitHub), an image in a model's answer or a request is not fetched.
"""

from __future__ import annotations

import re

from optimizer.history import run_markdown
from optimizer.parsing import parse_answer

ANSWER = (
    "Glycerin ![p](http://127.0.0.1:9/p.png) | 5 | humectant <img src=http://127.0.0.1:9/h.png>\nAqua | 95 | solvent\n"
)
# A markdown image or an HTML tag that a viewer would load, not escaped with a backslash.
LOADS = re.compile(r"(?<!\\)!\[[^\]]*\]\(http|(?<!\\)<img\b", re.IGNORECASE)


def _outside_fences(markdown: str) -> str:
    kept, fence = [], None
    for line in markdown.splitlines():
        match = re.match(r"^(`{3,})", line)
        if match and (fence is None or match.group(1) == fence):
            fence = None if fence else match.group(1)
            continue
        if fence is None:
            kept.append(line)
    return "\n".join(kept)


def test_the_markdown_export_loads_nothing_from_an_answer_or_a_request():
    assert parse_answer("formulation", ANSWER).ok  # the table path is the one exercised
    row = {"id": 3, "generator": "formulation", "query": "a serum ![q](http://127.0.0.1:9/q.png)", "answer": ANSWER}
    outside = _outside_fences(run_markdown(row))
    assert LOADS.findall(outside) == []
