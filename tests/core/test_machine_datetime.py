"""``|machine_datetime`` gives ``<time datetime>`` values valid in HTML (no microseconds)."""

import datetime

from core.templatetags.core_tags import machine_datetime


def test_aware_datetime_in_local_time_to_the_second():
    value = datetime.datetime(2027, 3, 20, 9, 0, 1, 497313, tzinfo=datetime.UTC)
    assert machine_datetime(value) == "2027-03-20T10:00:01+01:00"


def test_naive_datetime_and_date():
    assert machine_datetime(datetime.datetime(2027, 3, 20, 10, 0, 0, 5)) == "2027-03-20T10:00:00"
    assert machine_datetime(datetime.date(2027, 3, 20)) == "2027-03-20"


def test_anything_else_is_empty():
    assert machine_datetime(None) == ""
    assert machine_datetime("oggi") == ""
