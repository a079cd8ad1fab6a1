"""Numbers written into SVG (and CSS or JS): never localised, whatever the active language.

Django's templates localise floats (``87,9`` in Italian), which an SVG parser reads as no
number at all, so the charts hand templates strings made here. ``vertical_bar`` and
``horizontal_bar`` are the rectangles every chart of ``core.charts`` is drawn with."""

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


def _share(value: float, scale_top: float, length: float) -> float:
    """How much of ``length`` ``value`` takes on a scale from 0 to ``scale_top``; negative
    values and an empty scale take none."""
    return length * max(float(value), 0.0) / float(scale_top) if scale_top else 0.0


def vertical_bar(
    *,
    left: float,
    width: float,
    value: float,
    scale_top: float,
    plot_top: float,
    plot_height: float,
) -> SvgBar:
    """A bar standing on the baseline (``plot_top + plot_height``), as tall as
    ``value / scale_top`` of the plot; negative values and an empty scale draw a bar of
    height 0."""
    height = _share(value, scale_top, plot_height)
    return SvgBar(
        x=svg_number(left),
        y=svg_number(plot_top + plot_height - height),
        width=svg_number(width),
        height=svg_number(height),
    )


def horizontal_bar(
    *,
    top: float,
    height: float,
    value: float,
    scale_top: float,
    plot_left: float,
    plot_width: float,
) -> SvgBar:
    """A bar starting at ``plot_left``, as long as ``value / scale_top`` of the plot."""
    return SvgBar(
        x=svg_number(plot_left),
        y=svg_number(top),
        width=svg_number(_share(value, scale_top, plot_width)),
        height=svg_number(height),
    )
