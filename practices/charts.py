"""Server-rendered SVG charts of impact indicators: no JavaScript, with a text alternative
(<title>/<desc>) and the same numbers in an HTML table beside the picture.

The picture fits the data: one value is a key figure (a number, not a one-bar chart), two or
more periods are a bar chart; "better if higher/lower" is always said. ``comparison_chart``
draws the practices that report one shared indicator side by side (horizontal bars)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.svg import svg_number, vertical_bar

WIDTH = 480
HEIGHT = 240
MARGIN_LEFT = 16
MARGIN_RIGHT = 16
MARGIN_TOP = 28
MARGIN_BOTTOM = 36


@dataclass
class Bar:
    label: str
    value: Decimal
    display: str
    # Coordinates are strings from ``svg_number``: a template would localise a float.
    x: str
    y: str
    width: str
    height: str
    label_x: str
    value_y: str


@dataclass
class IndicatorChart:
    indicator: object
    html_id: str
    description: str
    width: int = WIDTH
    height: int = HEIGHT
    baseline_y: str = svg_number(HEIGHT - MARGIN_BOTTOM)
    bars: list[Bar] = field(default_factory=list)
    values: list = field(default_factory=list)
    # "figure" (one value), "chart" (two or more) or "empty".
    kind: str = "empty"
    figure: str = ""
    direction_label: str = ""


def direction_label(direction: str) -> str:
    return _("higher is better") if direction == "higher" else _("lower is better")


def per_thousand(value, population: int | None) -> Decimal | None:
    """The value per 1,000 inhabitants, or None when the population is unknown."""
    if not population:
        return None
    return (Decimal(value) * 1000 / Decimal(population)).quantize(Decimal("0.01"))


def display(value: Decimal, unit: str = "") -> str:
    places = 0 if value == value.to_integral_value() else 2
    text = number_format(value, decimal_pos=places, force_grouping=True)
    return f"{text} {unit}".strip()


def _sorted_values(indicator) -> list:
    values = list(indicator.values.all())
    # Values with a date are ordered by it; the others keep the editor's order after them.
    return sorted(
        values,
        key=lambda v: (v.period_date is None, v.period_date or 0, v.sort_order or 0, v.pk or 0),
    )


def indicator_chart(indicator) -> IndicatorChart:
    values = _sorted_values(indicator)
    chart = IndicatorChart(
        indicator=indicator,
        html_id=f"indicator-{indicator.pk or id(indicator)}",
        description="",
        values=values,
        direction_label=direction_label(indicator.direction),
    )
    if not values:
        chart.description = _("No value has been recorded yet.")
        return chart
    if len(values) == 1:
        # One value is a key figure: a single bar would only draw the number as a rectangle.
        only = values[0]
        chart.kind = "figure"
        chart.figure = display(Decimal(only.value), indicator.unit)
        chart.description = _("%(label)s: %(value)s (%(direction)s).") % {
            "label": only.period_label,
            "value": chart.figure,
            "direction": chart.direction_label,
        }
        return chart
    chart.kind = "chart"
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    top = max(max(Decimal(v.value) for v in values), Decimal(0))
    slot = plot_width / len(values)
    bar_width = min(slot * 0.6, 80)
    for position, item in enumerate(values):
        value = Decimal(item.value)
        x = MARGIN_LEFT + slot * position + (slot - bar_width) / 2
        box = vertical_bar(
            left=x,
            width=bar_width,
            value=value,
            scale_top=top,
            plot_top=MARGIN_TOP,
            plot_height=plot_height,
        )
        chart.bars.append(
            Bar(
                label=item.period_label,
                value=value,
                display=display(value, indicator.unit),
                x=box.x,
                y=box.y,
                width=box.width,
                height=box.height,
                label_x=svg_number(x + bar_width / 2),
                value_y=svg_number(float(box.y) - 6),
            )
        )
    first, last = chart.bars[0], chart.bars[-1]
    chart.description = _(
        "Bar chart of %(count)d periods, from %(first_label)s (%(first)s) to %(last_label)s "
        "(%(last)s); %(direction)s."
    ) % {
        "count": len(chart.bars),
        "first_label": first.label,
        "first": first.display,
        "last_label": last.label,
        "last": last.display,
        "direction": chart.direction_label,
    }
    return chart


COMPARISON_WIDTH = 560
COMPARISON_LABEL = 200
COMPARISON_ROW = 28


@dataclass
class ComparisonBar:
    label: str
    display: str
    x: str
    y: str
    width: str
    height: str
    text_y: str
    value_x: str


@dataclass
class ComparisonChart:
    html_id: str
    title: str
    description: str
    width: int = COMPARISON_WIDTH
    height: int = 0
    label_width: int = COMPARISON_LABEL
    bars: list[ComparisonBar] = field(default_factory=list)


def comparison_chart(rows: list, *, title: str, unit: str, direction: str, per_1000: bool):
    """Horizontal bars, one per practice (``rows`` with ``label``, ``value`` and
    ``per_1000``), of the raw value or of the value per 1,000 inhabitants."""
    key = "per_1000" if per_1000 else "value"
    drawn = sorted(
        (row for row in rows if getattr(row, key) is not None),
        key=lambda row: Decimal(getattr(row, key)),
        reverse=True,
    )
    chart = ComparisonChart(html_id="comparison", title=title, description="")
    chart.height = COMPARISON_ROW * max(len(drawn), 1) + 8
    if not drawn:
        chart.description = _("No practice in this selection reports a value.")
        return chart
    top = max(max(Decimal(getattr(row, key)) for row in drawn), Decimal(0))
    plot = COMPARISON_WIDTH - COMPARISON_LABEL - 90
    for position, row in enumerate(drawn):
        value = Decimal(getattr(row, key))
        length = plot * float(max(value, Decimal(0))) / float(top) if top else 0.0
        y = 4 + position * COMPARISON_ROW
        chart.bars.append(
            ComparisonBar(
                label=row.label,
                display=display(value, "" if per_1000 else unit),
                x=svg_number(COMPARISON_LABEL),
                y=svg_number(y + 4),
                width=svg_number(length),
                height=svg_number(COMPARISON_ROW - 10),
                text_y=svg_number(y + COMPARISON_ROW / 2 + 4),
                value_x=svg_number(COMPARISON_LABEL + length + 6),
            )
        )
    chart.description = _(
        "Bar chart of %(count)d practices; %(direction)s; the highest is %(label)s (%(value)s)."
    ) % {
        "count": len(drawn),
        "direction": direction_label(direction),
        "label": drawn[0].label,
        "value": display(Decimal(getattr(drawn[0], key)), "" if per_1000 else unit),
    }
    return chart
