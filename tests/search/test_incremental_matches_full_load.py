"""Property: whatever sequence of writes and deletions, the bitmaps a process keeps up to date
row by row equal the bitmaps loaded from scratch, word bitmaps and date order included."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.documents import DocumentData
from search.engines import bitmaps as bitmaps_module
from search.engines.bitmaps import NO_DATE, get_bitmaps
from search.engines.database import DatabaseEngine
from search.engines.database_writes import stems_of

KEYS = [f"tests.prop:{n}" for n in range(6)]
WORDS = ["orti", "patti", "scuola", "biblioteca", "piazza", "volontari"]
REGIONS = ["piemonte", "lombardia", "veneto"]
BASE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)

documents = st.builds(
    lambda key, words, regions, days, end_days, seats: DocumentData(
        key=key,
        doc_type="session" if end_days is not None else "practice",
        title=words[0].capitalize(),
        summary=words[-1],
        body=" ".join(words),
        url=f"/{key}/",
        date=BASE + datetime.timedelta(days=days) if days is not None else None,
        event_end=BASE + datetime.timedelta(days=end_days) if end_days is not None else None,
        free_seats=seats,
        facets={"region": [(r, r.title()) for r in regions]},
    ),
    key=st.sampled_from(KEYS),
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
    regions=st.lists(st.sampled_from(REGIONS), max_size=2, unique=True),
    days=st.none() | st.integers(0, 5),
    end_days=st.none() | st.integers(-400, 400),
    seats=st.none() | st.integers(0, 3),
)
operations = st.lists(
    st.one_of(
        st.lists(documents, min_size=1, max_size=3).map(lambda docs: ("upsert", docs)),
        st.lists(st.sampled_from(KEYS), min_size=1, max_size=2).map(lambda ks: ("delete", ks)),
    ),
    min_size=1,
    max_size=8,
)
STEMS = sorted(set().union(*(stems_of(w) for w in WORDS)))


def snapshot(bitmaps, engine):
    return {
        "all": bitmaps.all,
        "values": {key: mask for key, mask in bitmaps.values.items() if mask},
        "labels": {key: bitmaps.labels[key] for key, mask in bitmaps.values.items() if mask},
        "order": bitmaps.newest(bitmaps.all, 100),
        "ends": {n: list(c) for n, c in bitmaps.ends.items() if any(v != NO_DATE for v in c)},
        "when": bitmaps.upcoming_past(BASE),
        "words": bitmaps.text(STEMS, lambda pairs: engine.fetch_terms(bitmaps.generation, pairs)),
    }


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=operations)
def test_incremental_bitmaps_equal_a_full_load(operations):
    engine = DatabaseEngine()
    engine.clear()
    bitmaps_module.forget()
    first = get_bitmaps()
    snapshot(first, engine)  # read every word, to be kept up to date below
    loads = []
    original = bitmaps_module.load
    bitmaps_module.load = lambda *args: loads.append(args) or original(*args)
    try:
        for operation, payload in operations:
            if operation == "upsert":
                engine.upsert(payload)
            else:
                engine.delete(payload)
            kept = get_bitmaps()
            fresh = original(*bitmaps_module.index_state())
            assert not loads  # caught up, not reloaded
            assert snapshot(kept, engine) == snapshot(fresh, engine)
    finally:
        bitmaps_module.load = original
