"""Community meetings on the events index (a calendar source of ``events.registry``)."""

from datetime import datetime

from django import forms
from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from communities.models import CommunityPage, MeetingPage
from core.visibility import unrestricted
from events.calendar_views import calendar_row, text
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


def meeting_rows(filters: dict):
    """The same meetings as rows of the events index (``events.calendar_views``), in SQL."""
    meetings = MeetingPage.objects.live().filter(unrestricted())
    if filters.get("community"):
        meetings = meetings.filter(community=filters["community"])
    if filters.get("mode"):
        meetings = meetings.filter(mode=filters["mode"])
    if filters.get("region"):
        meetings = meetings.filter(
            Q(organisation__region=filters["region"])
            | Q(community__in=CommunityPage.objects.filter(regions=filters["region"]))
        )
    return calendar_row(
        meetings,
        start="start",
        end="end",
        page_id="pk",
        url_path="url_path",
        title="title",
        mode="mode",
        where=Case(
            When(mode=MeetingPage.Mode.ONLINE, then=text(str(_("Online")))),
            default=F("place"),
            output_field=CharField(),
        ),
        community=F("community__title"),
        uid=Concat(Value("meeting-"), Cast("pk", CharField()), output_field=CharField()),
    )
