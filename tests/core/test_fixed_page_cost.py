"""Issue 17, the fixed cost of every HTML page: the Wagtail Site of a host and a page's
breadcrumb trail are kept with the menu (per host and language, until a page or a Site changes)
instead of being looked up on every request; what a visitor sees still follows each change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from core.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def nested(site_tree):
    parent = StandardPage(title="Chi siamo", slug="chi-siamo")
    site_tree.add_child(instance=parent)
    parent.save_revision().publish()
    child = StandardPage(title="La rete", slug="la-rete")
    parent.add_child(instance=child)
    child.save_revision().publish()
    return parent, child


def crumbs(html: str) -> str:
    return html.split('class="breadcrumb"', 1)[1].split("</ol>", 1)[0]


def site_queries(queries) -> int:
    return sum('FROM "wagtailcore_site"' in q["sql"] for q in queries.captured_queries)


def ancestor_queries(queries) -> int:
    """Wagtail's get_ancestors: the pages whose path is a prefix of the page's, whole rows."""
    return sum(
        '"wagtailcore_page"."title"' in q["sql"]
        and '"wagtailcore_page"."path" IN' in q["sql"]
        and q["sql"].endswith('ORDER BY "wagtailcore_page"."path" ASC')
        for q in queries.captured_queries
    )


def test_the_site_and_the_breadcrumbs_are_read_once_then_kept(client, nested):
    _parent, child = nested
    with CaptureQueriesContext(connection) as queries:
        first = client.get(child.url)
    assert first.status_code == 200
    assert site_queries(queries) == 1 and ancestor_queries(queries) == 1
    with CaptureQueriesContext(connection) as queries:
        again = client.get(child.url)
    assert again.status_code == 200
    assert site_queries(queries) == 0
    assert ancestor_queries(queries) == 0
    assert crumbs(again.content.decode()) == crumbs(first.content.decode())
    assert 'href="/chi-siamo/">Chi siamo</a>' in crumbs(again.content.decode())


def test_a_renamed_ancestor_shows_in_the_breadcrumbs_at_once(client, nested):
    parent, child = nested
    client.get(child.url)
    parent.title = "Chi siamo davvero"
    parent.save_revision().publish()
    assert ">Chi siamo davvero</a>" in crumbs(client.get(child.url).content.decode())


def test_a_changed_site_is_used_at_once(client, nested):
    _parent, child = nested
    assert client.get(child.url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.root_page = child
    site.save()
    # The site's root is now the child page: its own address is the home of the site.
    response = client.get("/")
    assert response.status_code == 200
    assert "<title>La rete" in response.content.decode()
