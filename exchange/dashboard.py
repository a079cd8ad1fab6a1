"""The host dashboard's "after the visit" section (``events.registry``): for the past sessions
of her offers, the follow-up answers of the people who attended and the transfers recorded on
the practice each offer presents (stage, what was adapted, results).

events knows neither offers nor practices, so exchange, above both, builds the section."""

from django.db.models import Prefetch

from events.models import Registration, Session
from exchange.models import ExchangeOfferPage
from practices.models import Adoption, TransferValue


def after_the_visit(*, user, sessions: list[Session]) -> dict | None:
    """Context of ``exchange/dashboard_after_visit.html``: one entry per offer with past
    sessions, newest visit first. Four queries whatever the number of offers or people."""
    offers = {
        offer.pk: offer
        for offer in ExchangeOfferPage.objects.filter(
            pk__in={session.page_id for session in sessions}
        ).select_related("practice")
    }
    if not offers:
        return None
    offer_sessions = [session for session in sessions if session.page_id in offers]
    attended: dict[int, list[Registration]] = {}
    for registration in (
        Registration.objects.filter(
            session__in=[session.pk for session in offer_sessions],
            status=Registration.Status.ATTENDED,
        )
        .select_related("user", "organisation")
        .order_by("organisation__name", "pk")
    ):
        attended.setdefault(registration.session_id, []).append(registration)
    practice_ids = {offer.practice_id for offer in offers.values() if offer.practice_id}
    transfers: dict[int, list[Adoption]] = {}
    for transfer in (
        Adoption.objects.filter(practice_id__in=practice_ids)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("values", queryset=TransferValue.objects.select_related("shared"))
        )
        .order_by("organisation__name", "pk")
    ):
        transfers.setdefault(transfer.practice_id, []).append(transfer)

    entries, seen = [], {}
    for session in offer_sessions:  # newest first, as the dashboard lists them
        offer = offers[session.page_id]
        if offer.pk not in seen:
            seen[offer.pk] = {
                "offer": offer,
                "practice": offer.practice,
                "sessions": [],
                "transfers": transfers.get(offer.practice_id, []),
            }
            entries.append(seen[offer.pk])
        seen[offer.pk]["sessions"].append(
            {"session": session, "attended": attended.get(session.pk, [])}
        )
    return {"offers": entries}
