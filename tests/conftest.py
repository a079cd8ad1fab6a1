import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

# Every test that is not a browser test runs on this clock, so no result depends on the day
# the suite runs. It is a Wednesday in the middle of a month, at 10:00 in Rome: a session
# "in ten days" falls in the same month, which is the case the events index once got wrong.
# The clock ticks from there (durations and timeouts still work); a test that needs another
# moment travels on with ``time_machine.travel`` or the ``clock`` fixture.
# To hunt for date traps, run the suite at another moment: TEST_NOW=2027-12-31T23:30+01:00.
FROZEN_NOW = (
    datetime.fromisoformat(os.environ["TEST_NOW"])
    if os.environ.get("TEST_NOW")
    else datetime(2027, 3, 10, 10, 0, tzinfo=ZoneInfo("Europe/Rome"))
)


@pytest.fixture(autouse=True)
def clock(request):
    """The frozen clock (a ``time_machine`` traveller); browser tests keep the real one,
    because Chromium drops cookies that expire in its own past."""
    if request.node.get_closest_marker("browser"):
        yield None
        return
    with time_machine.travel(FROZEN_NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached navigation live in the cache: each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db):
    """The demo page tree (home page as site root, section index pages, privacy page)."""
    from core.demo import ensure_site_tree

    return ensure_site_tree()


@pytest.fixture
def user_factory(db):
    from tests.factories import UserFactory

    return UserFactory


@pytest.fixture
def member(user_factory):
    return user_factory(full_name="Maria Rossi", email="maria.rossi@comune.example.it")
