"""Synthetic exchange offers for ``make bench``: many offers with sessions and registrations,
so the offer page, the events index and the home section are measured with data in them."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from events.models import Registration, Session
from exchange.models import ExchangeIndexPage, ExchangeOfferPage
from members.models import Organisation, User

SESSIONS_PER_OFFER = 3


def generate(scale: int, stdout) -> None:
    from core.demo import ensure_site_tree

    ensure_site_tree()
    index = ExchangeIndexPage.objects.get()
    organisations = list(Organisation.objects.order_by("pk")[:50])
    users = list(User.objects.order_by("pk")[: max(scale, 10)])
    if not organisations or not users:
        return
    wanted = min(max(scale // 10, 1), 100)
    have = ExchangeOfferPage.objects.count()
    now = timezone.now()
    with transaction.atomic():
        for number in range(have, wanted):
            offer = ExchangeOfferPage(
                title=f"Scambio di prova {number}",
                slug=f"scambio-di-prova-{number}",
                organisation=organisations[number % len(organisations)],
                summary="Proposta sintetica per le misure di prestazione.",
                duration_days=2,
                dates_mode="several",
            )
            index.add_child(instance=offer)
            for n in range(SESSIONS_PER_OFFER):
                start = now + timedelta(days=10 + number + n * 7)
                Session.objects.create(
                    page=offer,
                    starts_at=start,
                    ends_at=start + timedelta(hours=8),
                    capacity=20,
                    place="Sala del consiglio",
                )
    # Registrations on the first offer's sessions: the offer page measured below is full.
    first = ExchangeOfferPage.objects.order_by("pk").first()
    for session in Session.objects.filter(page=first):
        have = session.registrations.count()
        Registration.objects.bulk_create(
            Registration(
                session=session,
                user=user,
                status="confirmed" if n < 20 else "waitlisted",
                waitlist_position=None if n < 20 else n - 19,
            )
            for n, user in enumerate(users[: min(scale, 200)])
            if n >= have
        )


def pages() -> list[tuple[str, str]]:
    first = ExchangeOfferPage.objects.order_by("pk").first()
    result = [("exchange index", "/scambi/"), ("events index", "/eventi/")]
    if first is not None:
        result.append(("exchange offer page (3 sessions, waitlists)", first.url))
    return result
