"""The studio's walk (issue 13), steps 5 and 6 on the generators the walk of
tests/test_browser_studio.py does not use, in a real Chromium against a studio of this
module's own on the embedded model (no key):

5. a table parsed from the embedded model on market, branding, costing and scientific;
6. the prompt-token figure of the preview = the result's figures line "prompt N" = the
   runs CSV's prompt tokens of that run.

The steps and the studio are tests/support/walk.py's.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from support.studio import idle, new_page, open_page, shot
from support.walk import FORMS, generate, preview_prompt_tokens, prompt_column, runs_csv, table_rows, walk_studio

from optimizer.prompts import template_for

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    """One studio for these generations, short embedded answers, its own data folder."""
    with walk_studio(tmp_path_factory, "generators") as running:
        yield running


def test_a_table_and_agreeing_prompt_figures_on_the_other_generators(studio, chromium, tmp_path):
    """5. A readable table from the embedded model on market, branding, costing and
    scientific; 6. preview = result = CSV (formulation is covered by the walk). Each form
    is filled through its URL (the fields are bound to query parameters)."""
    from playwright.sync_api import expect

    page = new_page(chromium)
    runs: dict[str, tuple[int, int, int]] = {}  # generator -> run, preview figure, table rows
    last = 0
    for generator in ("market", "branding", "costing", "scientific"):
        title, values = FORMS[generator]
        fields = {f.label + ("" if f.required else " (optional)"): f.name for f in template_for(generator).fields}
        query = urlencode({f"{generator}_{fields[label]}": value for label, value in values.items()})
        page.goto(f"{studio.url}/{generator}?{query}")
        page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
        idle(page)
        # The bound fields are drawn a moment after the run that fills them ends (0.2 s
        # here, seconds on a loaded machine): wait for them, not for a fixed time.
        for label, value in values.items():  # a shared link fills the form
            expect(page.get_by_label(label, exact=True)).to_have_value(value, timeout=60_000)
        idle(page)
        preview = preview_prompt_tokens(page)
        result = generate(page, after=last)
        last = int(result["run"])
        assert result["outcome"] == "generated"
        assert int(result["prompt"].replace(",", "")) == preview, generator
        runs[generator] = (last, preview, table_rows(page, page.locator(".st-key-answer_box")))
        shot(page, f"walk-light-{generator}")
    open_page(page, "Stats & Export")
    rows = runs_csv(page, tmp_path)
    page.context.close()
    for generator, (run, preview, _) in runs.items():
        assert rows[run]["generator"] == generator
        assert int(rows[run][prompt_column(rows)]) == preview, generator
    tables = {generator: table for generator, (_, _, table) in runs.items()}
    parsed = {generator: rows[run]["parsed as a table"] for generator, (run, _, _) in runs.items()}
    for generator in ("market", "branding", "costing", "scientific"):
        assert tables[generator] > 0 and parsed[generator] == "yes", (
            f"no table on {generator}: {rows[runs[generator][0]]['answer']!r}"
        )
