"""Query counts of every public page type, pinned, and flat in the data (no N+1).

Each page is requested once to warm the caches (Wagtail's site roots, the menu), measured with
a little data, measured again after more data, and both counts must be equal and within the
pin. The budget is 12 (docs/benchmarks.md); a pin above it is a known debt, written here so it
can only go down. The page cache is off here (test settings): these are rendered pages.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities.models import CommunityIndexPage, CommunityPage, MeetingPage
from events.models import EventIndexPage
from exchange.models import ExchangeIndexPage
from members.models import Membership
from practices.models import PracticeIndexPage, ToolboxIndexPage
from practices.services import record_adoption
from tests.communities.factories import make_community, make_meeting
from tests.events.factories import MembershipFactory, make_offer, make_session
from tests.factories import OrganisationFactory
from tests.practices.factories import (
    SharedIndicatorFactory,
    ThemeFactory,
    add_indicator,
    make_practice,
    make_tool,
)

BUDGET = 12
# What each page runs today; those above the budget are known debts: lower them, never raise.
PINS = {
    # -1 on every page since Wagtail's Site is kept per host with the menu, -1 more on pages
    # with breadcrumbs since the trail is kept too (core/sites.py, core_tags.breadcrumb_trail).
    # -1 on every page since the footer's SiteIdentity setting is read from the cache (kept
    # with the menu); the home page's "more" links too (-3 more).
    # The map of regions, the filters' choices and a sheet's facts are cached per site until
    # the next publish (practices.caching); index -> child is one query (practices routing).
    "home": 9,
    "practice index": 9,
    # The transfers (with the tools each reused and its values) are always read afresh.
    "practice": 9,
    "toolbox index": 7,
    "tool": 9,
    "exchange index": 8,
    "offer": 10,
    # The union of the calendar sources' rows, paged in SQL (docs/adr/0008).
    "events index": 10,
    # The community index, its community and a meeting were not measured before this pin.
    "community index": 9,
    # Upcoming and past meetings in one windowed query; members, coordinators and regions in
    # one; a meeting with its community, host, counts and neighbours in one.
    "community": 10,
    "meeting": 10,
    "privacy": 5,
    # +3: the transfers of practices it took up, their reused tools and their values.
    "organisation": 11,
    "indicator comparison": 5,
}


def _add_data(organisation, count: int, start: int) -> None:
    theme = ThemeFactory(name_it=f"Tema {start}", slug=f"tema-{start}")
    for number in range(start, start + count):
        practice = make_practice(title=f"Pratica {number}", themes=[theme])
        add_indicator(practice, shared=SharedIndicatorFactory(slug="presenze", name="Presenze"))
        # The organisation took the practice up: its page and the sheet list the transfer.
        record_adoption(practice, organisation, year=2026)
        make_tool(title=f"Strumento {number}", organisation=organisation)
        offer = make_offer(organisation, title=f"Scambio {number}")
        make_session(offer, days_ahead=5 + number)
        make_session(offer, days_ahead=40 + number)
        MembershipFactory(organisation=organisation, status=Membership.Status.CONFIRMED)
        community = CommunityPage.objects.first() or make_community()
        make_meeting(community, days=3 + number, host=organisation)
        make_meeting(community, days=-3 - number, host=organisation)


def _urls(organisation) -> dict[str, str]:
    first_practice = PracticeIndexPage.objects.get().get_children().first()
    first_tool = ToolboxIndexPage.objects.get().get_children().first()
    first_offer = ExchangeIndexPage.objects.get().get_children().first()
    return {
        "home": "/",
        "practice index": PracticeIndexPage.objects.get().url,
        "practice": first_practice.url,
        "toolbox index": ToolboxIndexPage.objects.get().url,
        "tool": first_tool.url,
        "exchange index": ExchangeIndexPage.objects.get().url,
        "offer": first_offer.url,
        "events index": EventIndexPage.objects.get().url,
        "community index": CommunityIndexPage.objects.get().url,
        "community": CommunityPage.objects.get().url,
        "meeting": MeetingPage.objects.order_by("start").last().url,
        "privacy": "/privacy/",
        "organisation": f"/enti/{organisation.slug}/",
        "indicator comparison": "/indicatori/presenze/",
    }


def _count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_every_public_page_type_has_a_pinned_and_flat_query_count(client, site_tree):
    organisation = OrganisationFactory(slug="comune-di-prova")
    _add_data(organisation, 2, 0)
    urls = _urls(organisation)
    few = {name: _count(client, url) for name, url in urls.items()}
    _add_data(organisation, 8, 2)
    many = {name: _count(client, url) for name, url in urls.items()}
    assert many == few, "a query count grows with the data"
    over = {name: count for name, count in few.items() if count > PINS[name]}
    assert not over, f"over the pin: {over}"
    # A pin that can be lowered should be: the file states what is true.
    assert few == PINS
