"""No CSV cell a spreadsheet would evaluate: text that starts a formula gets a ``'``, numbers
stay numbers."""

from __future__ import annotations

import csv
import io

import pytest

from ccorg.render.csv_cells import csv_document, spreadsheet_text


@pytest.mark.parametrize(
    "text",
    ["=1+2", '=HYPERLINK("http://evil","x")', "+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "-"],
)
def test_text_that_starts_a_formula_gets_an_apostrophe(text: str) -> None:
    assert spreadsheet_text(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["-3", "+0.5", "-1,234.5", "-2e3", "-7%", -3, -0.5, None, "座席=1"]
)
def test_numbers_and_ordinary_text_stay_as_they_are(value: object) -> None:
    assert spreadsheet_text(value) == value


def test_csv_document_reads_back_as_written_but_the_formulas() -> None:
    text = csv_document(["post", "=head"], [["=1+1", -3], ["a,b", None]])
    assert list(csv.reader(io.StringIO(text))) == [
        ["post", "'=head"],
        ["'=1+1", "-3"],
        ["a,b", ""],
    ]
