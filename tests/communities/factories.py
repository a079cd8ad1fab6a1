"""Builders for communities, discussions and meetings (plain functions: pages need a parent)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from communities.discussions import create_topic
from communities.models import CommunityIndexPage, CommunityPage, MeetingPage
from communities.services import join_community, make_coordinator
from events.models import EventIndexPage
from members.models import Membership
from tests.factories import OrganisationFactory, UserFactory


def make_community(
    title="Comunità Nord-Ovest", slug=None, mode="open", visibility="public"
) -> CommunityPage:
    index = CommunityIndexPage.objects.get()
    page = CommunityPage(
        title=title,
        slug=slug or slugify(title),
        summary="Rete di amministratori",
        membership_mode=mode,
        discussion_visibility=visibility,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_member(community, **kwargs):
    user = UserFactory(**kwargs)
    join_community(user, community)
    return user


def make_coordinator_user(community, **kwargs):
    user = UserFactory(**kwargs)
    make_coordinator(community, user)
    return user


def with_organisation(user, organisation=None):
    organisation = organisation or OrganisationFactory()
    Membership.objects.create(
        user=user, organisation=organisation, status=Membership.Status.CONFIRMED
    )
    return organisation


def make_topic(community, author, title="Come comunicare i patti", body="Primo messaggio"):
    return create_topic(community, title, body, actor=author)


def make_meeting(community, days=10, title=None, host=None, **fields) -> MeetingPage:
    index = EventIndexPage.objects.get()
    start = timezone.now() + timedelta(days=days)
    title = title or f"Tavolo {start:%Y-%m-%d}"
    page = MeetingPage(
        title=title,
        slug=f"tavolo-{community.pk}-{start:%Y%m%d%H%M%S%f}",
        community=community,
        organisation=host or OrganisationFactory(),
        start=start,
        **fields,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page
