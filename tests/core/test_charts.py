"""The one chart module: indicators and participation share one layout of columns."""

from decimal import Decimal
from types import SimpleNamespace

from core.charts import PARTICIPATION, Frame, columns, indicator_chart, participation_chart


def test_columns_share_the_plot_and_stand_side_by_side_around_each_centre():
    frame = Frame(width=120, height=110, left=10, right=10, top=5, bottom=5)
    slots = columns(frame, [(10, 5), (None, 20)], scale_top=20, bar_width=lambda slot: 10)
    assert [slot.centre for slot in slots] == ["35", "85"]
    first, second = slots[0].bars
    assert (first.x, second.x, first.width) == ("25", "35", "10")
    assert (first.y, first.height, second.y) == ("55", "50", "80")
    assert slots[1].bars[0] is None and slots[1].bars[1].height == "100"


def test_participation_bars_sit_on_its_ticked_scale():
    chart = participation_chart([("03/26", "Tavolo", 34, 20), ("04/26", "Tappa", None, 7)])
    assert [tick["value"] for tick in chart.ticks] == [0, 10, 20, 30, 40]
    assert chart.ticks[0]["y"] == chart.baseline == PARTICIPATION.baseline
    assert chart.columns[1].people_bar is None
    top_tick = chart.ticks[-1]["y"]
    people = chart.columns[0].people_bar
    assert float(people.y) > float(top_tick)
    assert float(people.y) + float(people.height) == float(chart.baseline)
    assert participation_chart([]) is None


def test_an_indicator_chart_uses_the_same_columns_one_bar_each():
    values = [
        SimpleNamespace(value=Decimal(v), period_label=label, period_date=None, sort_order=i, pk=i)
        for i, (label, v) in enumerate((("2023", "100"), ("2024", "150")))
    ]
    indicator = SimpleNamespace(
        pk=7, direction="higher", unit="", values=SimpleNamespace(all=lambda: values)
    )
    chart = indicator_chart(indicator)
    from_columns = columns(
        Frame(width=480, height=240, left=16, right=16, top=28, bottom=36),
        [(Decimal("100"),), (Decimal("150"),)],
        scale_top=Decimal("150"),
        bar_width=lambda slot: min(slot * 0.6, 80),
    )
    assert [(bar.x, bar.height, bar.label_x) for bar in chart.bars] == [
        (slot.bars[0].x, slot.bars[0].height, slot.centre) for slot in from_columns
    ]
