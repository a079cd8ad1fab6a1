"""Read-side queries of the calendar, with the seat counts pages show (constant queries)."""

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from events.models import Registration, Session


def with_counts(queryset: QuerySet[Session]) -> QuerySet[Session]:
    """Annotate ``seats_taken`` (confirmed + pending) and ``waitlist_length``."""
    return queryset.annotate(
        seats_taken=Count("registrations", filter=Q(registrations__status__in=Registration.SEATED)),
        waitlist_length=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)
        ),
    )


def free_seats(session: Session) -> int | None:
    """Free seats of an annotated session; None when the session has no limit."""
    if session.capacity is None:
        return None
    return max(session.capacity - session.seats_taken, 0)


def upcoming_sessions() -> QuerySet[Session]:
    """Sessions of live pages that have not ended yet, soonest first."""
    return with_counts(
        Session.objects.filter(ends_at__gte=timezone.now(), page__live=True)
        .exclude(status=Session.Status.CANCELLED)
        .select_related("page")
        .order_by("starts_at", "pk")
    )


def sessions_with_free_seats(limit: int = 6, page_model=None) -> list[Session]:
    """Open sessions still taking registrations with at least one free seat (two queries,
    one when ``page_model`` is given: only sessions of pages of that type, e.g. exchanges)."""
    now = timezone.now()
    queryset = upcoming_sessions()
    if page_model is not None:
        from django.contrib.contenttypes.models import ContentType

        queryset = queryset.filter(page__content_type=ContentType.objects.get_for_model(page_model))
    queryset = (
        queryset.filter(status=Session.Status.OPEN, starts_at__gt=now)
        .filter(Q(registration_deadline__isnull=True) | Q(registration_deadline__gte=now))
        .filter(Q(registration_opens_at__isnull=True) | Q(registration_opens_at__lte=now))
    )
    queryset = queryset.filter(Q(capacity__isnull=True) | Q(capacity__gt=F("seats_taken")))
    return list(queryset[:limit])
