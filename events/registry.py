"""What the engine lets the apps above it plug in, so that it never imports its clients.

Offers (``exchange``) and meetings (``communities``) use the engine; the engine knows neither.
Each client registers in its ``AppConfig.ready()``:

- calendar sources: functions ``(filters, start, end) -> [Entry]`` that put its events on the
  events index (``events.calendar_views``), with any filter field of its own; a source also
  gives ``rows``, ``(filters) -> queryset`` annotated by ``events.calendar_views.calendar_row``
  (or None when the filters exclude it all), so the index pages the union of them in SQL;
- session managers: functions ``(user) -> page ids`` naming the pages whose sessions a person
  manages beyond her organisations' own pages (e.g. the meetings of communities she coordinates);
- registration page models: page types whose sessions take registrations although they are not
  a ``RegistrationPolicy`` (a meeting's session follows the meeting);
- dashboard sections: blocks of the host dashboard (``/eventi/gestione/``) built by a client
  from the past sessions the host manages (e.g. exchange's "after the visit": follow-up answers
  and the transfers of the practice an offer presents).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django import forms


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


CalendarSource = Callable[[dict, datetime, "datetime | None"], list[Entry]]
SessionManagers = Callable[[object], Iterable[int]]

_calendar_sources: list[CalendarSource] = []
_calendar_filter_fields: dict[str, Callable[[], forms.Field]] = {}
# source -> (rows, kind label): the SQL form of the source (events.calendar_views).
_calendar_rows: dict[CalendarSource, tuple[Callable, str]] = {}
_session_managers: list[SessionManagers] = []
_registration_page_models: list[type] = []


def register_calendar_source(
    source: CalendarSource,
    *,
    filter_fields: dict[str, Callable[[], forms.Field]] | None = None,
    rows: Callable | None = None,
    kind: str = "",
) -> None:
    """Add a source of calendar entries; ``filter_fields`` are extra filters it understands
    (name -> a function building the form field, called per request); ``rows`` its entries as
    SQL rows, ``kind`` their label ("Community meeting")."""
    if source not in _calendar_sources:
        _calendar_sources.append(source)
    _calendar_filter_fields.update(filter_fields or {})
    if rows is not None:
        _calendar_rows[source] = (rows, kind)


def calendar_sources() -> list[CalendarSource]:
    return list(_calendar_sources)


def calendar_row_sources() -> list[tuple[Callable, str]]:
    """``(rows, kind)`` of every source, in the order they were registered."""
    return [_calendar_rows[source] for source in _calendar_sources if source in _calendar_rows]


def calendar_filter_fields() -> dict[str, Callable[[], forms.Field]]:
    return dict(_calendar_filter_fields)


def register_session_managers(managers: SessionManagers) -> None:
    if managers not in _session_managers:
        _session_managers.append(managers)


def extra_managed_page_ids(user) -> list[int]:
    """Pages a person manages through a client's own rule (not through her organisation)."""
    return [page_id for managers in _session_managers for page_id in managers(user)]


def register_registration_page_model(model: type) -> None:
    if model not in _registration_page_models:
        _registration_page_models.append(model)


def registration_page_models() -> list[type]:
    return list(_registration_page_models)


@dataclass(frozen=True)
class DashboardSection:
    """A block of the host dashboard. ``context(user=..., sessions=...)`` gets the past
    sessions (ended, newest first, pages selected) the person manages and returns the context
    of ``template``, or None to show nothing. It must run a constant number of queries."""

    key: str
    template: str
    context: Callable[..., "dict | None"]
    order: int = 100


_dashboard_sections: dict[str, DashboardSection] = {}


def register_dashboard_section(section: DashboardSection) -> None:
    _dashboard_sections[section.key] = section


def dashboard_sections() -> list[DashboardSection]:
    return sorted(_dashboard_sections.values(), key=lambda section: (section.order, section.key))
