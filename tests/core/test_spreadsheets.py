"""One rule for CSV cells: text a spreadsheet would run as a formula is shown as text."""

import pytest

from core.spreadsheets import safe_cell


@pytest.mark.parametrize("text", ["=1+1", "+39 0547", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_that_would_be_a_formula_is_quoted(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["", "Cesena", "1+1", "a=b"])
def test_other_text_is_unchanged(text):
    assert safe_cell(text) == text
