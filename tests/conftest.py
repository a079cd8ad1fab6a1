import pytest
from django.core.cache import cache


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
