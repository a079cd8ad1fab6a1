import pytest

from tests.events.factories import make_offer, make_session, member_of


@pytest.fixture
def offer(db):
    return make_offer()


@pytest.fixture
def session(offer):
    return make_session(offer, capacity=2)


@pytest.fixture
def person(db):
    return member_of()
