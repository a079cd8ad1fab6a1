"""Numbers written into SVG (and CSS or JS): never localised, whatever the active language.

Django's templates localise floats (``87,9`` in Italian), which an SVG parser reads as no
number at all, so the charts hand templates strings made here. ``vertical_bar`` is the
rectangle both bar charts (indicators, community participation) are drawn with."""

from dataclasses import dataclass


def svg_number(value: float | int, places: int = 1) -> str:
    """``value`` rounded to ``places`` decimals, with a dot and no trailing zeros."""
    text = f"{round(float(value), places):.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class SvgBar:
    """A bar's rectangle, every coordinate already written by ``svg_number``."""

    x: str
    y: str
    width: str
    height: str


def vertical_bar(
    *,
    left: float,
    width: float,
    value: float,
    scale_top: float,
    plot_top: float,
    plot_height: float,
) -> SvgBar:
    """The shared primitive of the site's bar charts: a bar standing on the baseline
    (``plot_top + plot_height``), as tall as ``value / scale_top`` of the plot; negative values
    and an empty scale draw a bar of height 0."""
    height = plot_height * max(float(value), 0.0) / float(scale_top) if scale_top else 0.0
    return SvgBar(
        x=svg_number(left),
        y=svg_number(plot_top + plot_height - height),
        width=svg_number(width),
        height=svg_number(height),
    )
