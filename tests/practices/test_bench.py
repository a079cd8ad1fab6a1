"""The bench generator inserts live practice and tool pages that serve and stay in a valid tree."""

from io import StringIO

import pytest

from core.demo import ensure_site_tree
from members import bench as members_bench
from practices import bench
from practices.models import PracticePage, ToolPage

pytestmark = pytest.mark.django_db


def test_bench_generates_servable_pages_twice(client):
    ensure_site_tree()
    members_bench.generate(5, StringIO())
    bench.generate(20, StringIO())
    bench.generate(40, StringIO())
    assert PracticePage.objects.live().count() == 40
    assert ToolPage.objects.live().count() == 4
    from wagtail.models import Page

    assert Page.find_problems() == ([], [], [], [], [])
    for _name, url in bench.pages():
        assert client.get(url).status_code == 200, url
    assert "Pratica di prova 39" in client.get("/buone-pratiche/").content.decode()
