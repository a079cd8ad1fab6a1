"""The events index: upcoming sessions and meetings as a list and as a month calendar,
filterable by community, mode and region. Server-rendered; works without JavaScript.

Entries come from ``entry_sources``: community meetings and the sessions of exchange offers.
"""

import calendar as calendar_lib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.pagination import paginate
from members.community_models import CommunityPage
from members.models import Region

ITEMS_PER_PAGE = 20


@dataclass
class Entry:
    """One thing on the calendar (a meeting or a session), whatever model it comes from."""

    title: str
    url: str
    start: datetime
    end: datetime | None
    kind: str
    mode: str
    mode_label: str
    where: str
    community: str


class EventFilterForm(forms.Form):
    community = forms.ModelChoiceField(
        label=_("Community"),
        queryset=CommunityPage.objects.none(),
        required=False,
        empty_label=_("All communities"),
    )
    mode = forms.ChoiceField(
        label=_("Mode"),
        required=False,
        choices=[
            ("", _("Any mode")),
            ("online", _("Online")),
            ("in_person", _("In person")),
            ("hybrid", _("Hybrid")),
        ],
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("All regions"),
    )
    month = forms.CharField(
        label=_("Month"), required=False, max_length=7, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = CommunityPage.objects.live().order_by("title")

    def clean_month(self) -> date | None:
        value = self.cleaned_data.get("month") or ""
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if not match or not 1 <= int(match[2]) <= 12 or not 1900 <= int(match[1]) <= 2999:
            raise forms.ValidationError(_("The month must be written as YYYY-MM, e.g. 2027-03."))
        return date(int(match[1]), int(match[2]), 1)


def meeting_entries(filters: dict, start: datetime, end: datetime | None) -> list[Entry]:
    from events.meeting_models import MeetingPage

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


def session_entries(filters: dict, start: datetime, end: datetime | None) -> list[Entry]:
    """Sessions of exchange offers (a meeting's own session is listed as the meeting)."""
    from events.selectors import upcoming_sessions
    from exchange.models import ExchangeOfferPage

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
        mode = "online" if session.online_url and not session.place else "in_person"
        if session.online_url and session.place:
            mode = "hybrid"
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
                mode_label=str(dict(EventFilterForm.base_fields["mode"].choices)[mode]),
                where=session.place or str(_("Online")),
                community="",
            )
        )
    return entries


#: Functions (filters, start, end) -> [Entry], merged and sorted by start.
entry_sources = [meeting_entries, session_entries]


def collect(filters: dict, start: datetime, end: datetime | None = None) -> list[Entry]:
    entries = [entry for source in entry_sources for entry in source(filters, start, end)]
    return sorted(entries, key=lambda entry: entry.start)


def month_grid(month: date, entries: list[Entry]) -> list[list[dict]]:
    by_day: dict[date, list[Entry]] = {}
    for entry in entries:
        by_day.setdefault(timezone.localtime(entry.start).date(), []).append(entry)
    weeks = calendar_lib.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    return [
        [
            {"date": day, "in_month": day.month == month.month, "entries": by_day.get(day, [])}
            for day in week
        ]
        for week in weeks
    ]


def _shift(month: date, delta: int) -> date:
    index = month.year * 12 + month.month - 1 + delta
    return date(index // 12, index % 12 + 1, 1)


def serve_index(request, page, base_context: dict):
    form = EventFilterForm(request.GET or None)
    status = 200
    filters: dict = {}
    if request.GET and not form.is_valid():
        status = 400
    elif request.GET:
        filters = form.cleaned_data
    now = timezone.now()
    month = filters.get("month") or timezone.localtime(now).date().replace(day=1)
    month_start = timezone.make_aware(datetime.combine(month, time.min))
    month_end = timezone.make_aware(datetime.combine(_shift(month, 1), time.min))
    upcoming = collect(filters, now - timedelta(hours=3))
    page_obj = paginate(upcoming, request, ITEMS_PER_PAGE)
    base_filters = {
        key: request.GET.get(key, "")
        for key in ("community", "mode", "region")
        if request.GET.get(key)
    }
    context = {
        **base_context,
        "filter_form": form,
        "page_obj": page_obj,
        "entries": page_obj.object_list,
        "month": month,
        "month_label": date_format(month, "F Y"),
        "weeks": month_grid(month, collect(filters, month_start, month_end))
        if status == 200
        else [],
        "weekdays": [
            date_format(date(2024, 1, day), "l") for day in range(1, 8)
        ],  # 1 Jan 2024 was a Monday
        "previous_month_url": "?"
        + urlencode({**base_filters, "month": _shift(month, -1).strftime("%Y-%m")}),
        "next_month_url": "?"
        + urlencode({**base_filters, "month": _shift(month, 1).strftime("%Y-%m")}),
        "query_string": urlencode(base_filters),
        "today": timezone.localtime(now).date(),
    }
    return render(request, "events/event_index_page.html", context, status=status)
