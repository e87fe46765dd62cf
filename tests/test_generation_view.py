"""studio/generation_view.py: a table cut short says how many rows it kept and why."""

from __future__ import annotations

from support.once import app_test_class


def _table_app(answer: str) -> None:
    from optimizer.parsing import parse_answer
    from studio.generation_view import show_table

    show_table(parse_answer("costing", answer), key="t")


def test_a_cut_answer_shows_its_complete_rows_and_says_so():
    at = app_test_class().from_function(_table_app, args=('{"rows": [["Packaging", 0.95], ["Labour", 0.4], ["Lab',))
    at.run(timeout=30)
    assert not at.exception
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 2
    captions = " ".join(c.value for c in at.caption)
    assert "2 complete rows" in captions and "cut short" in captions


def test_a_whole_answer_has_no_note():
    at = app_test_class().from_function(
        _table_app, args=('{"rows": [["Packaging", 0.95], ["Labour", 0.4]], "total": 1.35}',)
    )
    at.run(timeout=30)
    assert not at.exception
    assert len(at.dataframe[0].value) == 2
    assert not any("cut short" in c.value for c in at.caption)
