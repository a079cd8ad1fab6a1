"""Relevance on the demo content: queries written from the source documents (shared/seeds),
each with the page that must come first, or be among the first three. The demo is loaded once
for the module; every query runs through the search service, on SQLite and on PostgreSQL."""

import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from search.services import search
from tests.conftest import FROZEN_NOW

FIRST, TOP3 = 1, 3

# (query, path of the page expected, within the first N hits, what the seed says)
CASES = [
    # 000: Cesena's exchange offer "SpazioComune"
    ("rete SpazioComune terzo settore", "/buone-pratiche/rete-spaziocomune-cesena/", FIRST),
    ("immobili pubblici in disuso", "/buone-pratiche/rete-spaziocomune-cesena/", TOP3),
    ("sCambio Comune", "/scambi/spaziocomune-cesena/", FIRST),  # the name of the visit
    ("presenze associazioni corsi", "/scambi/spaziocomune-cesena/", FIRST),
    ("avviso pubblico gestione immobile", "/strumenti/avviso-pubblico-spaziocomune/", FIRST),
    ("schema di concessione", "/strumenti/schema-di-concessione-spaziocomune/", FIRST),
    ("protocollo di rete", "/strumenti/protocollo-di-rete-spaziocomune/", FIRST),
    # 001: the "benicommunity" stages of the North-West community
    ("Nord-Ovest", "/comunita/nord-ovest/", FIRST),
    ("comunità amministratori Piemonte Liguria", "/comunita/nord-ovest/", FIRST),
    ("Chieri primo tavolo", "/eventi/nord-ovest-chieri-2020/", FIRST),
    ("Chivasso", "/eventi/nord-ovest-chieri-2020/", TOP3),  # a participating body
    ("organizzazione interna degli uffici", "/eventi/nord-ovest-chieri-2020/", FIRST),  # a table
    ("sicurezza responsabilità patti", "/eventi/nord-ovest-collegno-2021/", FIRST),
    ("Sant'Antonino di Susa", "/enti/comune-di-santantonino-di-susa/", FIRST),  # its host
    ("come comunica l'ente", "/eventi/nord-ovest-santantonino-2021/", FIRST),
    ("Barge risorse esterne", "/eventi/nord-ovest-barge-2022/", FIRST),
    ("adempimenti amministrativi Genova", "/eventi/nord-ovest-genova-2021/", FIRST),
    ("Rapporto Labsus community hub", "/eventi/nord-ovest-torino-luglio-2022/", FIRST),
    ("monitorare valutare patti", "/eventi/nord-ovest-torino-dicembre-2022/", FIRST),
    ("Savona metodologia", "/eventi/nord-ovest-savona-2023/", FIRST),
    ("patti educativi scuola", "/eventi/nord-ovest-scuola-2023/", FIRST),
    ("PNRR riqualificazione", "/eventi/nord-ovest-rigenerazione-2024/", FIRST),
    # (a discussion's address has its database id: it is named by its title)
    ("assicurazione volontari", "title:Assicurazione dei volontari nei patti: come fate?", FIRST),
    ("polizza cumulativa", "title:Assicurazione dei volontari nei patti: come fate?", FIRST),
    # 002: Cesena's community hub with coworking
    ("coworking", "/buone-pratiche/hub-di-comunita-coworking-cesena/", FIRST),
    ("biblioteca decentrata", "/buone-pratiche/hub-di-comunita-coworking-cesena/", FIRST),
    ("Sportello Facile", "/buone-pratiche/hub-di-comunita-coworking-cesena/", FIRST),
    # 003: Monza's co-design with 13 third-sector bodies
    ("co-progettazione San Rocco", "/buone-pratiche/co-progettazione-san-rocco-monza/", TOP3),
    ("strategia SUS 2030", "/scambi/co-progettazione-monza/", FIRST),
    ("art. 55 codice terzo settore", "/buone-pratiche/co-progettazione-san-rocco-monza/", TOP3),
    ("indicatori impatto San Rocco", "/strumenti/set-di-indicatori-di-impatto-san-rocco/", FIRST),
    # 004: "QUA - il quartiere bene comune"
    ("architetto di quartiere", "/buone-pratiche/qua-quartiere-bene-comune-reggio-emilia/", FIRST),
    ("accordi di cittadinanza", "/buone-pratiche/qua-quartiere-bene-comune-reggio-emilia/", TOP3),
    ("schema accordo cittadinanza", "/strumenti/schema-accordo-di-cittadinanza/", FIRST),
    (
        "regolamento partecipazione quartieri",
        "/strumenti/regolamento-qua-quartiere-bene-comune/",
        FIRST,
    ),
    # Organisations, with what they publish
    ("Comune di Cesena", "/enti/comune-di-cesena/", FIRST),
    ("Labsus", "/enti/labsus/", FIRST),
    ("orti condivisi", "/enti/cooperativa-orti-condivisi-torino/", FIRST),
    ("Comune di Monza", "/enti/comune-di-monza/", FIRST),
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), time_machine.travel(FROZEN_NOW, tick=True):
        with transaction.atomic():
            call_command("load_demo", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)


def found(results) -> list[str]:
    """Each hit as its address's path, or as "title:..." for the cases named by title."""
    from urllib.parse import urlparse

    return [(urlparse(hit.url).path, f"title:{hit.title}") for hit in results.hits]


def test_there_are_at_least_25_cases():
    assert len(CASES) >= 25
    assert len({query for query, _path, _n in CASES}) == len(CASES)


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected", "within"), CASES, ids=[c[0] for c in CASES])
def test_the_right_page_comes_first(demo, query, expected, within):
    hits = found(search(query))
    assert any(expected in hit for hit in hits[:within]), hits[:5]
