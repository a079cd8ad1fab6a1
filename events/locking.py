"""The engine's one locking helper and the transaction wrapper of its use cases: sessions
locked in primary-key order with a lock timeout, deadlocks retried, a refusal of the database
turned into ``EngineBusy`` (a 409), never a 500."""

from __future__ import annotations

import contextvars
import functools
import random
import time

from django.conf import settings
from django.db import OperationalError, connection

from core.indexing import FREE_SEATS, schedule_update
from events.errors import EngineBusy
from events.models import Session

RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})
RETRIES = 3


def _sqlstate(error: BaseException) -> str | None:
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)


def engine_transaction(function):
    """Run a use case, retrying it a few times after a deadlock or serialisation failure; any
    other database refusal (a lock timeout, SQLite's "database is locked") becomes
    ``EngineBusy``, which the views answer with a 409, never a 500. Inside an outer
    transaction the use case cannot be replayed alone, so it is not retried."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        attempt = 0
        while True:
            nested = connection.in_atomic_block
            token = _touched_pages.set({})
            try:
                result = function(*args, **kwargs)
            except OperationalError as error:
                attempt += 1
                if nested or attempt > RETRIES or _sqlstate(error) not in RETRYABLE_SQLSTATES:
                    raise EngineBusy() from error
                time.sleep(random.uniform(0.005, 0.03) * attempt)  # noqa: S311 - jitter only
                continue
            finally:
                pages = _touched_pages.get()
                _touched_pages.reset(token)
            # Once the use case is done (committed, unless nested in an outer transaction):
            # the search index learns the new free-seat figure, off the request.
            for page in pages.values():
                schedule_update(page, fields={FREE_SEATS})
            return result

    return run


#: Pages whose sessions the running use case locked (``_lock_sessions`` fills it).
_touched_pages: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "engine_touched_pages", default=None
)


def _set_lock_timeout() -> None:
    """On PostgreSQL, wait for a locked session at most ENGINE_LOCK_TIMEOUT_MS (the transaction
    only); SQLite waits for its write lock through the connection's busy timeout."""
    if connection.vendor == "postgresql":
        milliseconds = int(getattr(settings, "ENGINE_LOCK_TIMEOUT_MS", 5000))
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = {milliseconds}")


def _lock_sessions(
    session_id: int, *, siblings: bool = False, page_id: int | None = None
) -> Session:
    """The one way the engine locks: the session ``session_id`` and, with ``siblings``, every
    other session of its page (the alternative dates), all in one ``select_for_update`` in
    primary-key order, so two use cases always take their locks in the same order and cannot
    wait on each other. Returns the session ``session_id``, locked and fresh."""
    _set_lock_timeout()
    # of=("self",): lock the session rows only, not the joined page row editors may be saving.
    query = Session.objects.select_for_update(of=("self",)).select_related("page")
    if siblings:
        if page_id is None:
            page_id = Session.objects.values_list("page_id", flat=True).get(pk=session_id)
        query = query.filter(page_id=page_id)
    else:
        query = query.filter(pk=session_id)
    locked = list(query.order_by("pk"))
    session = next((s for s in locked if s.pk == session_id), None)
    if session is None:
        raise Session.DoesNotExist()
    # Every change to a session's registrations goes through here: the use case's wrapper
    # (``engine_transaction``) schedules the new free-seat figure once it is done.
    touched = _touched_pages.get()
    if touched is None:
        schedule_update(session.page, fields={FREE_SEATS})
    else:
        touched[session.page_id] = session.page
    return session


def _seats_unchanged(page_id: int) -> None:
    """The running use case changed no seat of the page (a newcomer joined the waiting list):
    the index's free-seat figure is still right, so no update is scheduled for it. Only
    within ``engine_transaction`` (elsewhere the update is already on its way)."""
    touched = _touched_pages.get()
    if touched is not None:
        touched.pop(page_id, None)


def _lock_session(session_id: int) -> Session:
    return _lock_sessions(session_id)
