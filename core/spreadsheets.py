"""Cells for CSV files that people open in a spreadsheet."""

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """User-written text as a CSV cell that a spreadsheet shows and never runs."""
    return "'" + text if text[:1] in FORMULA_TRIGGERS else text
