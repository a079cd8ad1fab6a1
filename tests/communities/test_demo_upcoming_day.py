"""The demo's illustrative next stage is always ahead of the day the demo is loaded."""

from datetime import date

import pytest

from communities.demo import upcoming_day


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 12, 2), date(2027, 3, 18)),
        (date(2027, 3, 10), date(2027, 3, 18)),
        (date(2027, 3, 18), date(2028, 3, 18)),
        (date(2027, 12, 31), date(2028, 3, 18)),
    ],
)
def test_the_next_stage_is_always_to_come(today, expected):
    assert upcoming_day(today) == expected
