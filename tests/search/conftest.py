import pytest

from tests.search.factories import document, index


@pytest.fixture
def corpus(db):
    """A small corpus with several facets: two regions, themes, types and event dates."""
    from django.utils import timezone

    now = timezone.now()
    day = timezone.timedelta(days=1)
    return index(
        document(
            "Patto di collaborazione per le scuole di Torino",
            "Il Comune ha firmato un patto con genitori e insegnanti per la cura dei cortili "
            "delle scuole.",
            facets={
                "region": ["piemonte"],
                "theme": ["scuole", "beni-comuni"],
                "instrument": ["patto-di-collaborazione"],
            },
        ),
        document(
            "Regolamento dei beni comuni della città di Cesena",
            "Un regolamento per l'amministrazione condivisa con gli enti del terzo settore.",
            facets={
                "region": ["emilia-romagna"],
                "theme": ["beni-comuni"],
                "instrument": ["regolamento"],
            },
        ),
        document(
            "Visita di studio sui patti collaborativi",
            "Due giornate di scambio tra Comuni: programma, visite e laboratori.",
            doc_type="session",
            event_end=now + 10 * day,
            free_seats=4,
            facets={"region": ["emilia-romagna"], "theme": ["scuole"], "mode": ["in_person"]},
        ),
        document(
            "Tavolo di lavoro delle ETS",
            "Incontro online della rete regionale.",
            doc_type="meeting",
            event_end=now - 10 * day,
            free_seats=0,
            facets={"region": ["piemonte"], "theme": ["terzo-settore"], "mode": ["online"]},
        ),
    )


@pytest.fixture(autouse=True)
def fresh_bitmaps():
    """Each test starts with no bitmaps in this process (as a new worker would)."""
    from search.engines import bitmaps

    bitmaps.forget()
    yield
    bitmaps.forget()
