from datetime import timedelta

import factory
from django.utils import timezone

from events.models import Session
from exchange.models import ExchangeIndexPage, ExchangeOfferPage
from members.models import Membership
from tests.factories import OrganisationFactory, UserFactory


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER
    status = Membership.Status.CONFIRMED


def member_of(organisation=None, role=Membership.Role.MEMBER, **user_fields):
    """A person with a confirmed membership of ``organisation`` (a new one if None)."""
    organisation = organisation or OrganisationFactory()
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def make_offer(organisation=None, *, title="Scambio di prova", **fields) -> ExchangeOfferPage:
    from core.demo import ensure_site_tree

    ensure_site_tree()
    index = ExchangeIndexPage.objects.get()
    organisation = organisation or OrganisationFactory()
    offer = ExchangeOfferPage(title=title, organisation=organisation, **fields)
    index.add_child(instance=offer)
    offer.save_revision().publish()
    return offer


def at_offsets_from_now(fields: dict) -> dict:
    """``fields`` with every ``timedelta`` value turned into "now plus that", so parametrized
    tests state offsets and the moment is taken on the test's (frozen) clock."""
    now = timezone.now()
    return {k: now + v if isinstance(v, timedelta) else v for k, v in fields.items()}


def make_session(page, *, capacity=20, days_ahead=10, **fields) -> Session:
    start = timezone.now() + timedelta(days=days_ahead)
    defaults = {
        "starts_at": start,
        "ends_at": start + timedelta(hours=8),
        "capacity": capacity,
        "place": "Casa Bufalini, Cesena",
    }
    defaults.update(fields)
    return Session.objects.create(page=page, **defaults)
