"""Italian pages speak Italian: states, file sizes and the home page's title are translated
(and the English pages say the same in English)."""

import re

import pytest
from django.urls import reverse

from events import services
from tests.events.factories import make_offer, make_session, member_of
from tests.factories import OrganisationFactory, UserFactory
from tests.practices.factories import make_tool

ENGLISH_WORDS = ["bytes", "confirmed", "pending", "waitlisted", "cancelled", "topic", "outcome"]


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def english_words_in(html: str) -> list[str]:
    text = visible_text(html).lower()
    return [word for word in ENGLISH_WORDS if re.search(rf"\b{word}\b", text)]


@pytest.fixture
def host_page(db):
    host = OrganisationFactory(name="Comune di Cesena")
    session = make_session(make_offer(host), capacity=1)
    services.register_for_session(session, member_of(full_name="Anna Verdi"))
    services.register_for_session(session, member_of(full_name="Bruno Neri"))
    return reverse("events:host_session", args=[session.pk])


def test_host_dashboard_history_is_in_italian(client, host_page):
    client.force_login(UserFactory(is_staff=True))
    html = client.get(host_page, HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert "Anna Verdi" in html
    assert english_words_in(html) == []
    assert "Confermata" in html or "Confermato" in html or "confermat" in html.lower()


def test_host_dashboard_history_is_in_english(client, host_page):
    client.force_login(UserFactory(is_staff=True))
    client.cookies["django_language"] = "en"
    html = client.get(host_page, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Confirmed, by Anna Verdi" in html and "On the waiting list, by Bruno Neri" in html


@pytest.mark.parametrize(
    ("language", "expected"), [("it", "byte"), ("en", "bytes")], ids=["it", "en"]
)
def test_small_file_sizes_in_the_active_language(client, site_tree, language, expected):
    tool = make_tool()
    document = tool.files.first().document
    document.file_size = 512
    document.save()
    html = client.get(tool.url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert re.search(rf"\d+\xa0{expected}\)", html), html[html.find("Modello") :][:300]
    if language == "it":
        assert "bytes" not in visible_text(html)


def test_home_page_title_is_italian(client, site_tree):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="it").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, flags=re.S).group(1)
    assert "Home" not in title
    assert title.startswith("Inizio")
