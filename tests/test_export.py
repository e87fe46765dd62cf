from __future__ import annotations

import csv
import io

from optimizer.export import csv_text, safe_cell


def test_formula_cells_are_neutralised_and_numbers_are_not():
    for dangerous in ('=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"):
        assert safe_cell(dangerous).startswith("'")
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5 and safe_cell("plain") == "plain"


def test_csv_has_every_column_and_reads_back():
    text = csv_text([{"a": 1, "b": "=cmd"}, {"a": 2, "c": ["x", "y"]}])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0] == {"a": "1", "b": "'=cmd", "c": ""}
    assert rows[1]["c"] == "x; y"


def test_no_rows_is_an_empty_file():
    assert csv_text([]) == ""
