"""The events index: upcoming sessions and meetings as a list and as a month calendar,
filterable by community, mode and region, and the public calendar feed of the same entries.
Server-rendered; works without JavaScript.

Entries come from the calendar sources registered in ``events.registry`` (community meetings,
the sessions of exchange offers); a source may add a filter of its own (the community). Each
source gives its entries as SQL rows (``calendar_row``: the same columns whatever the model),
so the index asks the database for the union of them, already sorted and cut to one page, and
builds an ``Entry`` only for the rows it shows: three queries (the page, the count, the month),
whatever the number of upcoming events.
"""

import calendar as calendar_lib
from datetime import date, datetime, time, timedelta

from django.db.models import (
    CharField,
    F,
    IntegerField,
    QuerySet,
    Value,
)
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page

from core.ical import CalendarItem, absolute_url, build_ics
from core.pagination import paginate
from events.forms import MODE_CHOICES, EventFilterForm
from events.registry import Entry, calendar_row_sources

ITEMS_PER_PAGE = 20
FEED_LIMIT = 500  # the public feed: the next 500 entries are more than any calendar shows
# An entry stays on the list until three hours after it started (it may still be going on).
STILL_LISTED = timedelta(hours=3)
COLUMNS = ("start", "end", "page_id", "url_path", "title", "mode", "where", "community", "uid")
MODE_LABELS = dict(MODE_CHOICES)


def calendar_row(queryset: QuerySet, **columns) -> QuerySet:
    """``queryset`` annotated with the calendar's columns (``COLUMNS``: expressions or field
    names), always in the same order, so that the rows of every source can be united.
    ``uid`` names the entry ("session-12"); a session's entry links to its anchor."""
    missing = set(COLUMNS) - set(columns)
    if missing:
        raise ValueError(f"calendar_row needs {sorted(missing)}")
    annotations = {}
    for name in COLUMNS:
        value = columns[name]
        if isinstance(value, str):
            value = F(value)
        annotations[f"cal_{name}"] = value
    return queryset.order_by().annotate(**annotations)


def text(value: str) -> Value:
    return Value(value, output_field=CharField())


def _united(filters: dict, start: datetime, end: datetime | None = None) -> QuerySet | None:
    """The rows of every source from ``start`` (to ``end``), one SQL union, soonest first."""
    parts = []
    for number, (rows, _kind) in enumerate(calendar_row_sources()):
        queryset = rows(filters)
        if queryset is None:
            continue
        queryset = queryset.filter(cal_start__gte=start)
        if end is not None:
            queryset = queryset.filter(cal_start__lt=end)
        parts.append(
            queryset.annotate(cal_source=Value(number, output_field=IntegerField())).values_list(
                *(f"cal_{name}" for name in COLUMNS), "cal_source"
            )
        )
    if not parts:
        return None
    first, *rest = parts
    united = first.union(*rest, all=True) if rest else first
    return united.order_by("cal_start", "cal_uid")


def entries_of(rows, request=None) -> list[Entry]:
    """``Entry`` objects for rows of ``_united`` (no query: the URLs come from the site roots
    Wagtail keeps in its cache)."""
    kinds = [str(kind) for _rows, kind in calendar_row_sources()]
    entries = []
    for start, end, page_id, url_path, title, mode, where, community, uid, source in rows:
        url = Page(pk=page_id, url_path=url_path).get_url(request) or ""
        if uid.startswith("session-"):
            url += f"#{uid}"
        entries.append(
            Entry(
                title=title,
                url=url,
                start=start,
                end=end,
                kind=kinds[source],
                mode=mode,
                mode_label=str(MODE_LABELS.get(mode, "")),
                where=where,
                community=community,
            )
        )
    return entries


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
    upcoming = _united(filters, now - STILL_LISTED)
    page_obj = paginate(upcoming if upcoming is not None else [], request, ITEMS_PER_PAGE)
    weeks = []
    if status == 200:
        in_month = _united(filters, month_start, month_end)
        weeks = month_grid(month, entries_of(in_month or [], request))
    base_filters = {
        key: request.GET.get(key, "")
        for key in form.fields
        if key != "month" and request.GET.get(key)
    }
    context = {
        **base_context,
        "filter_form": form,
        "page_obj": page_obj,
        "entries": entries_of(page_obj.object_list, request),
        "month": month,
        "month_label": date_format(month, "F Y"),
        "weeks": weeks,
        "weekdays": [
            date_format(date(2024, 1, day), "l") for day in range(1, 8)
        ],  # 1 Jan 2024 was a Monday
        "previous_month_url": "?"
        + urlencode({**base_filters, "month": _shift(month, -1).strftime("%Y-%m")}),
        "next_month_url": "?"
        + urlencode({**base_filters, "month": _shift(month, 1).strftime("%Y-%m")}),
        "query_string": urlencode(base_filters),
        "feed_url": _feed_url(),
        "today": timezone.localtime(now).date(),
    }
    return render(request, "events/event_index_page.html", context, status=status)


def _feed_url() -> str:
    from django.urls import reverse

    return reverse("events:public_feed")


@require_GET
def public_feed(request) -> HttpResponse:
    """Every upcoming session and meeting of a public page, as one iCalendar feed anyone may
    subscribe to (the same entries as the events index, without filters). Pages behind a view
    restriction are left out, for everyone: the feed is one public file, cached like a page."""
    rows = _united({}, timezone.now() - STILL_LISTED)
    rows = list(rows[:FEED_LIMIT]) if rows is not None else []
    entries = entries_of(rows, request)
    items = [
        CalendarItem(
            uid=row[COLUMNS.index("uid")],
            title=entry.title,
            start=entry.start,
            end=entry.end,
            url=absolute_url(entry.url),
            location=entry.where,
        )
        for row, entry in zip(rows, entries, strict=True)
    ]
    response = HttpResponse(
        build_ics(items, _("Events calendar")), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="calendario-eventi.ics"'
    return response
