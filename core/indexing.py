"""One way to tell the search index that something changed: ``schedule_update(obj)``.

Every writer (publishing, the registration engine, discussions) calls it; the update runs once
the transaction commits (nothing happens on rollback). ``core`` imports no app: the search app
registers the function that does the work in its ``AppConfig.ready()``.
"""

from collections.abc import Callable

from django.db.transaction import on_commit

_updaters: list[Callable[[object], None]] = []


def register_index_updater(updater: Callable[[object], None]) -> None:
    if updater not in _updaters:
        _updaters.append(updater)


def schedule_update(obj) -> None:
    """Re-index ``obj`` after the current transaction commits (at once outside one)."""

    def update() -> None:
        for updater in _updaters:
            updater(obj)

    on_commit(update)
