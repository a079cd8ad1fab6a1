"""The site's charts, in one module: server-rendered SVG bar charts without JavaScript, each
with a text alternative (``<title>``/``<desc>``) and the same numbers in an HTML table
beside the picture (the templates draw both from the objects made here).

- ``indicator_chart``: a practice's impact indicator over time. One value is a key figure
  (a number, not a one-bar chart), two or more periods are a bar chart; "better if
  higher/lower" is always said.
- ``comparison_chart``: the practices that report one shared indicator, side by side
  (horizontal bars).
- ``participation_chart``: people and organisations at each meeting of a community
  (two bars per meeting, on a scale with ticks).

Every coordinate is a string from ``core.svg`` (never a float a template would localise);
the vertical charts share one layout, ``Frame`` and ``columns``. Core imports no app: the
indicators and rows are read by their attributes."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.svg import SvgBar, horizontal_bar, svg_number, vertical_bar

# -- Shared layout of the vertical bar charts --------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """The picture's size and the margins around its plot."""

    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float

    @property
    def plot_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def baseline(self) -> str:
        return svg_number(self.top + self.plot_height)

    def y_of(self, value: float, scale_top: float) -> str:
        """The height of ``value`` on the scale, for ticks and labels."""
        return vertical_bar(
            left=0,
            width=0,
            value=value,
            scale_top=scale_top,
            plot_top=self.top,
            plot_height=self.plot_height,
        ).y


@dataclass(frozen=True)
class Slot:
    """One column of a vertical chart: its centre (for labels) and one bar per series
    (``None`` where the value is unknown)."""

    centre: str
    bars: tuple[SvgBar | None, ...]


def columns(
    frame: Frame,
    groups: Sequence[Sequence[float | None]],
    *,
    scale_top: float,
    bar_width: Callable[[float], float],
) -> list[Slot]:
    """Lay out ``groups`` (one tuple of values per column) in equal slots across the plot,
    the bars of a column side by side around its centre; ``bar_width`` is given the slot's
    width and returns a bar's."""
    slot = frame.plot_width / len(groups)
    width = bar_width(slot)
    laid_out = []
    for index, values in enumerate(groups):
        centre = frame.left + index * slot + slot / 2
        first = centre - width * len(values) / 2
        bars = tuple(
            None
            if value is None
            else vertical_bar(
                left=first + offset * width,
                width=width,
                value=value,
                scale_top=scale_top,
                plot_top=frame.top,
                plot_height=frame.plot_height,
            )
            for offset, value in enumerate(values)
        )
        laid_out.append(Slot(centre=svg_number(centre), bars=bars))
    return laid_out


# -- Numbers for people (localised: text, never coordinates) -----------------------------------


def display(value: Decimal, unit: str = "") -> str:
    places = 0 if value == value.to_integral_value() else 2
    text = number_format(value, decimal_pos=places, force_grouping=True)
    return f"{text} {unit}".strip()


def per_thousand(value, population: int | None) -> Decimal | None:
    """The value per 1,000 inhabitants, or None when the population is unknown."""
    if not population:
        return None
    return (Decimal(value) * 1000 / Decimal(population)).quantize(Decimal("0.01"))


def direction_label(direction: str) -> str:
    return _("higher is better") if direction == "higher" else _("lower is better")


# -- Indicator over time -----------------------------------------------------------------------

INDICATOR = Frame(width=480, height=240, left=16, right=16, top=28, bottom=36)


@dataclass
class Bar:
    label: str
    value: Decimal
    display: str
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
    width: int = INDICATOR.width
    height: int = INDICATOR.height
    baseline_y: str = INDICATOR.baseline
    bars: list[Bar] = field(default_factory=list)
    values: list = field(default_factory=list)
    # "figure" (one value), "chart" (two or more) or "empty".
    kind: str = "empty"
    figure: str = ""
    direction_label: str = ""


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
    amounts = [Decimal(item.value) for item in values]
    slots = columns(
        INDICATOR,
        [(amount,) for amount in amounts],
        scale_top=max(max(amounts), Decimal(0)),
        bar_width=lambda slot: min(slot * 0.6, 80),
    )
    for item, amount, slot in zip(values, amounts, slots, strict=True):
        box = slot.bars[0]
        chart.bars.append(
            Bar(
                label=item.period_label,
                value=amount,
                display=display(amount, indicator.unit),
                x=box.x,
                y=box.y,
                width=box.width,
                height=box.height,
                label_x=slot.centre,
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


# -- Practices side by side --------------------------------------------------------------------

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
        y = 4 + position * COMPARISON_ROW
        box = horizontal_bar(
            top=y + 4,
            height=COMPARISON_ROW - 10,
            value=value,
            scale_top=top,
            plot_left=COMPARISON_LABEL,
            plot_width=plot,
        )
        chart.bars.append(
            ComparisonBar(
                label=row.label,
                display=display(value, "" if per_1000 else unit),
                x=box.x,
                y=box.y,
                width=box.width,
                height=box.height,
                text_y=svg_number(y + COMPARISON_ROW / 2 + 4),
                value_x=svg_number(COMPARISON_LABEL + float(box.width) + 6),
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


# -- Participation of a community --------------------------------------------------------------

PARTICIPATION = Frame(width=720, height=260, left=40, right=10, top=15, bottom=50)


@dataclass
class Column:
    label: str
    title: str
    people: int | None
    organisations: int | None
    people_bar: SvgBar | None
    organisations_bar: SvgBar | None
    label_x: str


@dataclass
class ParticipationChart:
    columns: list[Column]
    ticks: list[dict]
    width: int = PARTICIPATION.width
    height: int = PARTICIPATION.height
    left: str = svg_number(PARTICIPATION.left)
    right: str = svg_number(PARTICIPATION.width - PARTICIPATION.right)
    tick_label_x: str = svg_number(PARTICIPATION.left - 6)
    baseline: str = PARTICIPATION.baseline
    label_y: str = svg_number(PARTICIPATION.height - PARTICIPATION.bottom + 16)


def participation_chart(
    rows: list[tuple[str, str, int | None, int | None]],
) -> ParticipationChart | None:
    """``rows``: (short label, full title, people, organisations) in date order."""
    if not rows:
        return None
    peak = max([value or 0 for row in rows for value in row[2:]] + [1])
    step = 10 if peak <= 60 else 20
    top_value = ((peak + step - 1) // step) * step
    slots = columns(
        PARTICIPATION,
        [(people, organisations) for _label, _title, people, organisations in rows],
        scale_top=top_value,
        bar_width=lambda slot: max(min(slot / 2 - 4, 28), 3),
    )
    return ParticipationChart(
        columns=[
            Column(
                label=label,
                title=title,
                people=people,
                organisations=organisations,
                people_bar=slot.bars[0],
                organisations_bar=slot.bars[1],
                label_x=slot.centre,
            )
            for (label, title, people, organisations), slot in zip(rows, slots, strict=True)
        ],
        ticks=[
            {"value": value, "y": PARTICIPATION.y_of(value, top_value)}
            for value in range(0, top_value + 1, step)
        ],
    )
