"""The weekly digest covers exchange offers (on her themes or in her region) and community
meetings (in her region: hosted there, or in a community that covers it), published in the
last week; the clock is frozen, so "last week" and "upcoming" do not depend on today."""

import datetime as dt
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation

from members.digests import compose, send_digest_now
from members.models import Membership, Region
from tests.communities.factories import make_community, make_meeting
from tests.events.factories import MembershipFactory, make_offer
from tests.factories import OrganisationFactory
from tests.practices.factories import ThemeFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 3, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def follower(member):
    """A member of a municipality of Emilia-Romagna who follows "beni comuni"."""
    theme = ThemeFactory(slug="beni-comuni", name_it="Cura dei beni comuni")
    member.interests.set([theme])
    member.notify_new_content = True
    member.save()
    MembershipFactory(
        user=member, organisation=OrganisationFactory(), status=Membership.Status.CONFIRMED
    )
    return member, theme


def _sections(member) -> dict[str, list[str]]:
    return {
        section["title"]: [item.title for item in section["items"]]
        for section in compose(member, timezone.now() - timedelta(days=7))
    }


@time_machine.travel(NOW, tick=False)
def test_new_offers_on_her_themes_or_in_her_region(site_tree, follower):
    member, theme = follower
    lombardia = Region.objects.create(istat_code="03", name="Lombardia", slug="lombardia")
    on_theme = make_offer(OrganisationFactory(region=lombardia), title="Visita sui beni comuni")
    on_theme.themes.set([theme])
    on_theme.save_revision().publish()
    make_offer(OrganisationFactory(), title="Visita in regione")  # Emilia-Romagna
    make_offer(OrganisationFactory(region=lombardia), title="Altrove, altro tema")
    with time_machine.travel(NOW - timedelta(days=8), tick=False):
        make_offer(OrganisationFactory(), title="Di due settimane fa")

    offers = _sections(member)["Nuovi scambi"]
    assert sorted(offers) == ["Visita in regione", "Visita sui beni comuni"]


@time_machine.travel(NOW, tick=False)
def test_new_upcoming_meetings_hosted_in_her_region_or_of_a_community_covering_it(
    site_tree, follower
):
    member, _theme = follower
    lombardia = Region.objects.create(istat_code="03", name="Lombardia", slug="lombardia")
    elsewhere = OrganisationFactory(region=lombardia)
    network = make_community(title="Rete Nord-Ovest")
    make_meeting(network, days=5, title="Tavolo ospitato in regione", host=OrganisationFactory())
    make_meeting(network, days=6, title="Tavolo in Lombardia", host=elsewhere)
    covering = make_community(title="Rete emiliana")
    covering.regions.set([Region.objects.get(slug="emilia-romagna")])
    covering.save_revision().publish()
    make_meeting(covering, days=7, title="Tavolo della rete emiliana", host=elsewhere)
    make_meeting(network, days=-1, title="Tavolo di ieri", host=OrganisationFactory())

    meetings = _sections(member)["Nuovi incontri"]
    assert sorted(meetings) == ["Tavolo della rete emiliana", "Tavolo ospitato in regione"]


@time_machine.travel(NOW, tick=False)
def test_the_digest_lists_offers_then_meetings_in_the_language_asked(site_tree, follower):
    member, _theme = follower
    make_offer(OrganisationFactory(), title="Visita in regione")
    make_meeting(make_community(), days=5, title="Tavolo in regione", host=OrganisationFactory())
    assert list(_sections(member)) == ["Nuovi scambi", "Nuovi incontri"]
    with translation.override("en"):
        assert list(_sections(member)) == ["New exchanges", "New meetings"]


@time_machine.travel(NOW, tick=False)
def test_the_e_mail_gives_each_meeting_its_date_and_community(site_tree, follower):
    member, _theme = follower
    network = make_community(title="Rete Nord-Ovest")
    make_meeting(network, days=5, title="Tavolo in regione", host=OrganisationFactory())
    assert send_digest_now(member, NOW - timedelta(days=7)) is True
    body = mail.outbox[0].body
    assert "Nuovi incontri" in body and "Tavolo in regione" in body
    assert "15 Marzo 2027 · Rete Nord-Ovest" in body
