"""Read-only queries of the communities app."""

from datetime import timedelta

from django.utils import timezone

from communities.models import MeetingPage


def upcoming_meetings(limit: int = 6) -> list[MeetingPage]:
    """Live, public community meetings that have not ended, soonest first (one query)."""
    since = timezone.now() - timedelta(hours=2)
    return list(
        MeetingPage.objects.live()
        .public()
        .filter(start__gte=since)
        .select_related("community", "organisation")
        .order_by("start", "pk")[:limit]
    )
