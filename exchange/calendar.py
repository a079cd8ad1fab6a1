"""The sessions of exchange offers on the events index (a calendar source of
``events.registry``; a meeting's own session is listed as the meeting by its app)."""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.visibility import unrestricted
from events.calendar_views import calendar_row, text
from events.forms import MODE_CHOICES
from events.models import Session
from events.registry import Entry
from events.selectors import upcoming_sessions
from exchange.models import ExchangeOfferPage

MODE_LABELS = dict(MODE_CHOICES)


def session_mode(session) -> str:
    if session.online_url and session.place:
        return "hybrid"
    return "online" if session.online_url else "in_person"


def session_entries(filters: dict, start: datetime, end: datetime | None) -> list[Entry]:
    if filters.get("community"):
        return []  # exchange sessions belong to no community
    sessions = upcoming_sessions().filter(
        starts_at__gte=start,
        page__content_type=ContentType.objects.get_for_model(ExchangeOfferPage),
    )
    if end is not None:
        sessions = sessions.filter(starts_at__lt=end)
    offers = {
        offer.pk: offer
        # .public(): like meetings, an offer behind a view restriction is not on the public
        # calendar (its title and place are private too).
        for offer in ExchangeOfferPage.objects.live()
        .public()
        .filter(pk__in=sessions.values("page_id"))
        .select_related("organisation")
    }
    entries = []
    for session in sessions:
        offer = offers.get(session.page_id)
        if offer is None:
            continue
        mode = session_mode(session)
        if filters.get("mode") and filters["mode"] != mode:
            continue
        if filters.get("region") and offer.organisation.region_id != filters["region"].pk:
            continue
        entries.append(
            Entry(
                title=offer.title,
                url=f"{offer.url}#session-{session.pk}",
                start=session.starts_at,
                end=session.ends_at,
                kind=str(_("Exchange session")),
                mode=mode,
                mode_label=str(MODE_LABELS[mode]),
                where=session.place or str(_("Online")),
                community="",
            )
        )
    return entries


def session_rows(filters: dict):
    """The same sessions as rows of the events index (``events.calendar_views``), in SQL."""
    if filters.get("community"):
        return None
    sessions = (
        Session.objects.filter(
            ends_at__gte=timezone.now(),
            page__live=True,
            page__content_type=ContentType.objects.get_for_model(ExchangeOfferPage),
        )
        .exclude(status=Session.Status.CANCELLED)
        .filter(unrestricted("page__path"))
    )
    if filters.get("region"):
        sessions = sessions.filter(page__exchangeofferpage__organisation__region=filters["region"])
    rows = calendar_row(
        sessions,
        start="starts_at",
        end="ends_at",
        page_id="page_id",
        url_path="page__url_path",
        title="page__title",
        mode=Case(
            When(Q(online_url="") | Q(online_url__isnull=True), then=Value("in_person")),
            When(place="", then=Value("online")),
            default=Value("hybrid"),
            output_field=CharField(),
        ),
        where=Case(When(place="", then=text(str(_("Online")))), default=F("place")),
        community=text(""),
        uid=Concat(Value("session-"), Cast("pk", CharField()), output_field=CharField()),
    )
    if filters.get("mode"):
        rows = rows.filter(cal_mode=filters["mode"])
    return rows
