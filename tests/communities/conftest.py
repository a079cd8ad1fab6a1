"""Fixtures of the community tests (imported by their modules)."""

import pytest

from tests.communities.factories import (
    make_community,
    make_coordinator_user,
    make_member,
    make_topic,
)
from tests.factories import UserFactory


@pytest.fixture
def community(site_tree):
    return make_community()


@pytest.fixture
def coordinator(community):
    return make_coordinator_user(community, full_name="Chiara Coordinatrice")


@pytest.fixture
def member(community):
    return make_member(community, full_name="Maria Rossi", email="maria.rossi@comune.example.it")


@pytest.fixture
def outsider(db):
    return UserFactory(full_name="Ugo Esterno")


@pytest.fixture
def topic(community, coordinator):
    return make_topic(community, coordinator)
