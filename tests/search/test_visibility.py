"""Search shows only what its pages show: view restrictions (of the page or an ancestor) and
members-only discussions keep a document out of /search/ and /api/search/, and changing them
re-indexes what they cover."""

import pytest
from wagtail.models import PageViewRestriction

from core.models import StandardPage
from members.permissions import can_view_page
from tests.communities.factories import make_community, make_coordinator_user, make_topic
from tests.factories import UserFactory


def add_page(parent, title, body):
    page = StandardPage(title=title, slug=title.lower().replace(" ", "-"), body=body)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def found(client, title, query=None):
    """Is a hit titled ``title`` in the API's answer, and in the page's (its result links)?"""
    query = query or title
    api = client.get("/api/search/", {"q": query}).json()
    page = client.get("/search/", {"q": query}).content.decode()
    in_api = any(hit["title"] == title for hit in api["results"])
    return in_api, f">{title}<" in page


@pytest.mark.django_db
def test_members_only_discussion_leaves_search(
    client, site_tree, django_capture_on_commit_callbacks
):
    community = make_community()
    coordinator = make_coordinator_user(community, full_name="Chiara Coordinatrice")
    with django_capture_on_commit_callbacks(execute=True):
        make_topic(community, coordinator, "Assicurazione volontari", "Polizza volontari")
    assert found(client, "Assicurazione volontari") == (True, True)

    community.discussion_visibility = "members"
    community.save_revision().publish()
    assert found(client, "Assicurazione volontari") == (False, False)
    assert found(client, "Assicurazione volontari", "polizza") == (False, False)

    community.discussion_visibility = "public"
    community.save_revision().publish()
    assert found(client, "Assicurazione volontari") == (True, True)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["login", "password"])
def test_a_view_restriction_removes_the_page_and_its_subtree(client, site_tree, kind):
    parent = add_page(site_tree, "Sezione riservata", "<p>Orti condivisi</p>")
    child = add_page(parent, "Orti nascosti", "<p>Orti condivisi nei quartieri</p>")
    assert found(client, "Orti nascosti") == (True, True)

    restriction = PageViewRestriction.objects.create(
        page=parent, restriction_type=kind, password="segreta" if kind == "password" else ""
    )
    assert found(client, "Orti nascosti") == (False, False)
    assert found(client, "Sezione riservata") == (False, False)
    assert not can_view_page(UserFactory(), child) or kind == "login"

    restriction.delete()
    assert found(client, "Orti nascosti") == (True, True)


@pytest.mark.django_db
def test_a_restricted_community_takes_its_topics_out(
    client, site_tree, django_capture_on_commit_callbacks
):
    community = make_community()
    coordinator = make_coordinator_user(community, full_name="Chiara Coordinatrice")
    with django_capture_on_commit_callbacks(execute=True):
        make_topic(community, coordinator, "Assicurazione volontari", "Polizza")
    assert found(client, "Assicurazione volontari") == (True, True)
    PageViewRestriction.objects.create(page=community, restriction_type="login")
    assert found(client, "Assicurazione volontari") == (False, False)


@pytest.mark.django_db
def test_the_visibility_rule(site_tree):
    from django.contrib.auth.models import AnonymousUser

    from communities.services import can_view_discussions

    page = add_page(site_tree, "Pagina", "<p>Testo</p>")
    anonymous, person = AnonymousUser(), UserFactory()
    assert can_view_page(anonymous, page)
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert not can_view_page(anonymous, page)
    assert can_view_page(person, page)
    page.unpublish()
    page.refresh_from_db()
    assert not can_view_page(person, page)

    community = make_community(visibility="members")
    coordinator = make_coordinator_user(community, full_name="Chiara Coordinatrice")
    assert not can_view_discussions(anonymous, community)
    assert not can_view_discussions(person, community)
    assert can_view_discussions(coordinator, community)
