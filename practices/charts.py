"""Server-rendered SVG charts of impact indicators: no JavaScript, with a text alternative
(<title>/<desc>) and the same numbers in an HTML table beside the picture."""

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


def _display(value: Decimal, unit: str) -> str:
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
    )
    if not values:
        chart.description = _("No value has been recorded yet.")
        return chart
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
                display=_display(value, indicator.unit),
                x=box.x,
                y=box.y,
                width=box.width,
                height=box.height,
                label_x=svg_number(x + bar_width / 2),
                value_y=svg_number(float(box.y) - 6),
            )
        )
    first, last = chart.bars[0], chart.bars[-1]
    direction = _("higher is better") if indicator.direction == "higher" else _("lower is better")
    if len(chart.bars) == 1:
        chart.description = _("%(label)s: %(value)s (%(direction)s).") % {
            "label": first.label,
            "value": first.display,
            "direction": direction,
        }
    else:
        chart.description = _(
            "Bar chart of %(count)d periods, from %(first_label)s (%(first)s) to %(last_label)s "
            "(%(last)s); %(direction)s."
        ) % {
            "count": len(chart.bars),
            "first_label": first.label,
            "first": first.display,
            "last_label": last.label,
            "last": last.display,
            "direction": direction,
        }
    return chart
