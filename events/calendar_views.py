"""The events index: upcoming sessions and meetings as a list and as a month calendar,
filterable by community, mode and region. Server-rendered; works without JavaScript.

Entries come from the calendar sources registered in ``events.registry`` (community meetings,
the sessions of exchange offers); a source may add a filter of its own (the community).
"""

import calendar as calendar_lib
from datetime import date, datetime, time, timedelta

from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode

from core.pagination import paginate
from events.forms import EventFilterForm
from events.registry import Entry, calendar_sources

ITEMS_PER_PAGE = 20


def collect(filters: dict, start: datetime, end: datetime | None = None) -> list[Entry]:
    """Every registered source's entries (``events.registry``), merged and sorted by start."""
    entries = [entry for source in calendar_sources() for entry in source(filters, start, end)]
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
        for key in form.fields
        if key != "month" and request.GET.get(key)
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
