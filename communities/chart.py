"""The participation chart of a community: people and organisations per meeting, as an
accessible server-rendered SVG (with the same numbers in a table next to it)."""

from dataclasses import dataclass

from core.svg import svg_number, vertical_bar

WIDTH = 720
HEIGHT = 260
LEFT = 40
BOTTOM = 50
TOP = 15


@dataclass
class Bar:
    # Coordinates are strings from ``svg_number``: a template would localise a float.
    x: str
    y: str
    width: str
    height: str
    value: int


@dataclass
class Column:
    label: str
    title: str
    people: int | None
    organisations: int | None
    people_bar: Bar | None
    organisations_bar: Bar | None
    label_x: str


def build_chart(rows: list[tuple[str, str, int | None, int | None]]) -> dict | None:
    """``rows``: (short label, full title, people, organisations) in date order."""
    if not rows:
        return None
    peak = max([value or 0 for row in rows for value in row[2:]] + [1])
    step = 10 if peak <= 60 else 20
    top_value = ((peak + step - 1) // step) * step
    plot_height = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT - 10) / len(rows)
    bar_width = max(min(slot / 2 - 4, 28), 3)

    def bar(value, index, offset):
        if value is None:
            return None
        box = vertical_bar(
            left=LEFT + index * slot + slot / 2 - bar_width + offset * bar_width,
            width=bar_width,
            value=value,
            scale_top=top_value,
            plot_top=TOP,
            plot_height=plot_height,
        )
        return Bar(box.x, box.y, box.width, box.height, value)

    columns = [
        Column(
            label=label,
            title=title,
            people=people,
            organisations=organisations,
            people_bar=bar(people, index, 0),
            organisations_bar=bar(organisations, index, 1),
            label_x=svg_number(LEFT + index * slot + slot / 2),
        )
        for index, (label, title, people, organisations) in enumerate(rows)
    ]
    ticks = [
        {"value": value, "y": svg_number(TOP + plot_height - plot_height * value / top_value)}
        for value in range(0, top_value + 1, step)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "tick_label_x": svg_number(LEFT - 6),
        "right": WIDTH - 10,
        "baseline": svg_number(TOP + plot_height),
        "label_y": svg_number(TOP + plot_height + 16),
        "columns": columns,
        "ticks": ticks,
    }
