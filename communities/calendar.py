"""Community meetings on the events index (a calendar source of ``events.registry``)."""

from datetime import datetime

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communities.models import CommunityPage, MeetingPage
from events.registry import Entry


def community_filter_field() -> forms.Field:
    return forms.ModelChoiceField(
        label=_("Community"),
        queryset=CommunityPage.objects.live().order_by("title"),
        required=False,
        empty_label=_("All communities"),
    )


def meeting_entries(filters: dict, start: datetime, end: datetime | None) -> list[Entry]:
    meetings = MeetingPage.objects.live().public().filter(start__gte=start)
    if end is not None:
        meetings = meetings.filter(start__lt=end)
    if filters.get("community"):
        meetings = meetings.filter(community=filters["community"])
    if filters.get("mode"):
        meetings = meetings.filter(mode=filters["mode"])
    if filters.get("region"):
        meetings = meetings.filter(
            Q(organisation__region=filters["region"]) | Q(community__regions=filters["region"])
        ).distinct()
    return [
        Entry(
            title=m.title,
            url=m.url,
            start=m.start,
            end=m.end,
            kind=str(_("Community meeting")),
            mode=m.mode,
            mode_label=m.get_mode_display(),
            where=m.location_text(),
            community=m.community.title,
        )
        for m in meetings.select_related("community", "organisation").order_by("start")
    ]
