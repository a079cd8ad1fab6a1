"""Numbers written into SVG (and CSS or JS): never localised, whatever the active language.

Django's templates localise floats (``87,9`` in Italian), which an SVG parser reads as no
number at all, so the charts hand templates strings made here."""


def svg_number(value: float | int, places: int = 1) -> str:
    """``value`` rounded to ``places`` decimals, with a dot and no trailing zeros."""
    text = f"{round(float(value), places):.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
