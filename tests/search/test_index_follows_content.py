"""The index follows Wagtail publishing: publish, unpublish, delete, move; and a full rebuild."""

import io

import pytest
from django.core.management import call_command

from core.models import StandardPage
from search import index
from search.engines import get_engine
from search.models import SearchDocument
from search.services import search


def add_page(parent, title, body="<p>Orti condivisi nei quartieri.</p>", slug=None):
    page = StandardPage(title=title, slug=slug or title.lower().replace(" ", "-"), body=body)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_publishing_indexes_a_page(site_tree):
    page = add_page(site_tree, "Orti urbani")
    results = search("orti")
    assert [hit.title for hit in results.hits] == ["Orti urbani"]
    assert results.hits[0].url == page.url
    assert results.hits[0].type == "page"


@pytest.mark.django_db
def test_unpublishing_and_deleting_remove_the_page(site_tree):
    page = add_page(site_tree, "Orti urbani")
    page.unpublish()
    assert search("orti").total == 0
    page.save_revision().publish()
    assert search("orti").total == 1
    page.delete()
    assert search("orti").total == 0
    assert not SearchDocument.objects.filter(title="Orti urbani").exists()


@pytest.mark.django_db
def test_a_new_revision_updates_the_document(site_tree):
    page = add_page(site_tree, "Orti urbani")
    page.title = "Giardini condivisi"
    page.save_revision().publish()
    assert search("orti").hits[0].title == "Giardini condivisi"
    assert search("giardini").total == 1


@pytest.mark.django_db
def test_moving_updates_urls_of_the_page_and_below(site_tree):
    first = add_page(site_tree, "Primo")
    second = add_page(site_tree, "Secondo")
    child = add_page(first, "Orti urbani")
    child.refresh_from_db()
    first.refresh_from_db()
    first.move(second, pos="last-child")
    assert search("orti").hits[0].url == "/secondo/primo/orti-urbani/"


@pytest.mark.django_db
def test_update_and_remove_object_for_other_apps(site_tree):
    page = add_page(site_tree, "Orti urbani")
    get_engine().clear()
    assert search("orti").total == 0
    index.update_object(page)
    assert search("orti").total == 1
    index.remove_object(page)
    assert search("orti").total == 0
    index.update_object(object())  # not searchable: ignored


@pytest.mark.django_db
def test_rebuild_command_indexes_everything(site_tree):
    add_page(site_tree, "Orti urbani")
    SearchDocument.objects.all().delete()
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=err)
    assert "Indexed 4 documents" in out.getvalue()  # privacy, accessibility, legal notes, new page
    assert "Indexing" in err.getvalue()
    assert search("orti").total == 1
    assert search("privacy").total == 1


@pytest.mark.django_db
def test_drafts_are_not_indexed(site_tree):
    page = StandardPage(title="Bozza segreta", slug="bozza", live=False)
    site_tree.add_child(instance=page)
    page.save_revision()
    index.update_object(page)
    assert search("bozza").total == 0
