"""The permission matrix: every URL pattern of the project has a row saying what each kind of
person gets there - anonymous, an official (confirmed member of an organisation), another
organisation's editor, another community's coordinator and platform staff.

``test_every_url_pattern_has_a_row`` walks Django's resolver and fails when a pattern (a new
view, a new Wagtail or Django admin URL) matches no row. The other tests request each row's
URL as every role and compare the status with the row. A family row (the Wagtail admin, the
Django admin, allauth) states the rule for all its URLs and checks it on representative ones;
the per-page rules inside them are tested in tests/members/test_admin_permissions.py.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.core.permission_rows import MATRIX
from tests.core.permission_world import LOGIN, ROLES, Case, Row, World


def _walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def all_routes() -> list[str]:
    return sorted(set(_walk(get_resolver())))


def _rows_for(route: str) -> list[Row]:
    return [row for row in MATRIX if re.search(row.route, route)]


def test_every_url_pattern_has_a_row():
    missing = [route for route in all_routes() if not _rows_for(route)]
    assert missing == [], (
        "Add a row to MATRIX (tests/core/permission_rows.py) for these URL patterns."
    )


def test_every_row_matches_a_url_pattern():
    routes = all_routes()
    assert [row.route for row in MATRIX if not any(re.search(row.route, r) for r in routes)] == []


def _status(client, case: Case, world: World, role: str):
    client.logout()
    person = world.people[role]
    if person is not None:
        client.force_login(person)
    url = case.url(world)
    response = getattr(client, case.method)(url, case.data)
    if response.status_code in (301, 302, 303) and "/accounts/login/" in response.get(
        "Location", ""
    ):
        if not response["Location"].startswith(url):
            return LOGIN
    return response.status_code


@pytest.fixture
def world(site_tree):
    return World()


@pytest.mark.django_db
@pytest.mark.parametrize("row", MATRIX, ids=lambda row: row.route)
def test_each_role_gets_what_its_row_says(client, world, row):
    failures = []
    for case in row.cases:
        for role in ROLES:
            got = _status(client, case, world, role)
            if got != case.expect[role]:
                failures.append((case.method, case.url(world), role, case.expect[role], got))
    assert failures == [], "\n".join(map(str, failures))
