"""The key public pages, one of each type, built once for the tests that check every page in
both languages: the HTML checker (tests/core/test_valid_html.py) and axe at every width
(tests/browser/test_key_pages_at_every_width.py). A new public page type goes here."""

from django.urls import reverse
from wagtail.models import Collection

from core.demo import ensure_site_tree
from events.services import register_for_session
from members.models import Membership
from tests.communities.factories import make_community, make_meeting, make_member, make_topic
from tests.events.factories import make_offer, make_session, member_of
from tests.factories import OrganisationFactory
from tests.practices.factories import (
    InstrumentFactory,
    ThemeFactory,
    add_indicator,
    make_practice,
    make_tool,
)


def make_key_pages() -> list[str]:
    """Build one page of each public type and return the paths an anonymous visitor opens."""
    ensure_site_tree()
    # A transactional test flushes the data migrations' rows: documents need a root collection.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    theme = ThemeFactory(name_it="Scuole", name_en="Schools", slug="scuole")
    instrument = InstrumentFactory(
        name_it="Patto di collaborazione", name_en="Collaboration pact", slug="patto"
    )
    host = OrganisationFactory(name="Comune di Cesena", slug="comune-di-cesena")
    practice = make_practice(title="Rete SpazioComune", themes=[theme], instruments=[instrument])
    add_indicator(practice)
    tool = make_tool(title="Modello di patto di collaborazione", instrument=instrument)
    offer = make_offer(host, title="Visita a Cesena")
    make_session(offer, days_ahead=12)
    community = make_community(title="Comunità Nord-Ovest")
    meeting = make_meeting(community, title="Tavolo di lavoro sui patti")
    topic = make_topic(community, make_member(community), title="Come comunicare i patti")
    return [
        "/",
        "/buone-pratiche/",
        "/buone-pratiche/?theme=scuole&instrument=patto",
        practice.url,
        "/strumenti/",
        tool.url,
        "/scambi/",
        offer.url,
        "/eventi/",
        community.get_parent().url,
        community.url,
        f"{community.url}{community.reverse_subpage('topics')}",
        f"{community.url}{community.reverse_subpage('topic', args=[topic.pk])}",
        meeting.url,
        f"/enti/{host.slug}/",
        "/search/?q=patti",
        "/search/?q=patti&theme=scuole&type=practice",
        "/accounts/login/",
        "/accounts/signup/",
        "/privacy/",
        "/accessibilita/",
        "/mappa-del-sito/",
    ]


def make_signed_in_pages() -> tuple[object, list[str]]:
    """An editor of a host organisation, registered for another organisation's visit, and the
    pages she uses: profile, her registrations, the hosts' dashboard and one of its sessions."""
    ensure_site_tree()
    host = OrganisationFactory(name="Comune di Forlì", slug="comune-di-forli")
    editor = member_of(host, role=Membership.Role.EDITOR, full_name="Marco Bellini")
    own_session = make_session(make_offer(host, title="Visita ai patti di Forlì"), days_ahead=14)
    register_for_session(own_session, member_of(full_name="Sara Conti"))
    register_for_session(make_session(make_offer(title="Visita a Monza"), days_ahead=9), editor)
    return editor, [
        reverse("members:profile"),
        reverse("events:my_registrations"),
        reverse("events:host_sessions"),
        reverse("events:host_session", args=[own_session.pk]),
    ]
