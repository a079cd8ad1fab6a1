"""Search benchmark data: synthetic documents in realistic Italian, several facets each.

Used by ``manage.py bench_search`` (``make bench``); ``pages()`` also lets the page benchmark
(``manage.py bench``) measure the search page's query count as the data grows.
"""

import datetime
import random

from django.utils import timezone

from search.documents import DocumentData

THEMES = [
    ("beni-comuni", "Beni comuni"),
    ("scuole", "Scuole"),
    ("verde-urbano", "Verde urbano"),
    ("rigenerazione", "Rigenerazione urbana"),
    ("welfare", "Welfare di comunità"),
    ("cultura", "Cultura"),
    ("sport", "Sport"),
    ("giovani", "Giovani"),
    ("anziani", "Anziani"),
    ("ambiente", "Ambiente"),
    ("digitale", "Innovazione digitale"),
    ("terzo-settore", "Terzo settore"),
]
INSTRUMENTS = [
    ("patto-di-collaborazione", "Patto di collaborazione"),
    ("avviso-pubblico", "Avviso pubblico"),
    ("concessione", "Concessione"),
    ("protocollo-di-rete", "Protocollo di rete"),
    ("regolamento", "Regolamento"),
    ("convenzione", "Convenzione"),
    ("accordo-di-cittadinanza", "Accordo di cittadinanza"),
]
REGIONS = [
    ("piemonte", "Piemonte"),
    ("lombardia", "Lombardia"),
    ("veneto", "Veneto"),
    ("emilia-romagna", "Emilia-Romagna"),
    ("toscana", "Toscana"),
    ("lazio", "Lazio"),
    ("campania", "Campania"),
    ("puglia", "Puglia"),
    ("sicilia", "Sicilia"),
    ("sardegna", "Sardegna"),
]
KINDS = [
    ("municipality", "Comune"),
    ("union", "Unione di comuni"),
    ("third_sector", "Ente del terzo settore"),
    ("region", "Regione"),
]
#: transfer stages (issue 20); a practice in three has none, the others one or two, chosen by
#: the document's number so the rest of the synthetic data stays as it was.
STAGES = [
    ("interested", "Interessato"),
    ("visited", "Visita fatta"),
    ("planning", "In progettazione"),
    ("adopted", "Adottata"),
    ("results", "Risultati rendicontati"),
]
MODES = [("in_person", "In presenza"), ("online", "Online"), ("hybrid", "Ibrido")]
TYPES = ["practice", "tool", "offer", "session", "meeting", "minutes", "topic"]
CITIES = (
    "Torino Milano Bergamo Brescia Verona Padova Bologna Cesena Ravenna Reggio Parma Firenze "
    "Prato Siena Roma Latina Napoli Salerno Bari Lecce Palermo Catania Cagliari Sassari Trento "
    "Udine Genova Ancona Perugia Pescara"
).split()
SUBJECTS = [
    "patto di collaborazione per la cura del giardino della scuola",
    "regolamento per l'amministrazione condivisa dei beni comuni urbani",
    "avviso pubblico per la gestione di uno spazio di comunità",
    "protocollo di rete con gli enti del terzo settore",
    "concessione di un immobile per attività culturali",
    "laboratorio di quartiere con i cittadini attivi",
    "orti urbani condivisi e verde pubblico",
    "casa di quartiere e welfare di comunità",
    "biblioteca sociale gestita dai volontari",
    "rigenerazione di una piazza con gli abitanti",
    "valutazione di impatto sociale dei patti",
    "formazione dei funzionari sulla co-progettazione",
]
SENTENCES = [
    "Il Comune di {city} ha avviato un percorso di {subject}.",
    "Cittadini, associazioni e scuole hanno firmato patti per la cura di spazi pubblici.",
    "L'ufficio beni comuni ha accompagnato i gruppi informali nella co-progettazione.",
    "Gli enti del terzo settore hanno partecipato ai tavoli di lavoro con i tecnici comunali.",
    "La giunta ha approvato il regolamento dopo un confronto con il consiglio comunale.",
    "Sono stati raccolti indicatori sulla partecipazione e sui risultati ottenuti.",
    "Le giornate di scambio prevedono visite ai luoghi, incontri e un laboratorio finale.",
    "La rete regionale ha condiviso modelli di avviso, convenzione e patto da riusare.",
    "I volontari curano aiuole, cortili e parchi insieme agli insegnanti e ai genitori.",
    "Il progetto ha coinvolto giovani, anziani e famiglie del quartiere.",
]
ORGANISATIONS = [(f"comune-di-{c.lower()}", f"Comune di {c}") for c in CITIES]


def documents(count: int, seed: int = 7):
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    now = timezone.now()
    for number in range(count):
        city = rng.choice(CITIES)
        subject = rng.choice(SUBJECTS)
        doc_type = rng.choice(TYPES)
        body = " ".join(
            sentence.format(city=city, subject=subject) for sentence in rng.sample(SENTENCES, 5)
        )
        date = now - datetime.timedelta(days=rng.randint(-200, 1500))
        is_event = doc_type in ("session", "meeting")
        organisation = rng.choice(ORGANISATIONS)
        region = rng.choice(REGIONS)
        yield DocumentData(
            key=f"bench.doc:{number}",
            doc_type=doc_type,
            title=f"{subject.capitalize()} a {city}",
            url=f"/bench/{number}/",
            body=body,
            date=date,
            event_end=date + datetime.timedelta(days=1) if is_event else None,
            free_seats=rng.randint(0, 20) if is_event else None,
            facets={
                "theme": rng.sample(THEMES, rng.randint(1, 3)),
                "instrument": rng.sample(INSTRUMENTS, rng.randint(1, 2)),
                "region": [region],
                "organisation": [organisation],
                "organisation_kind": [rng.choice(KINDS)],
                "mode": [rng.choice(MODES)] if is_event else [],
                "transfer": transfer_stages(number) if doc_type == "practice" else [],
            },
        )


def transfer_stages(number: int) -> list[tuple[str, str]]:
    if number % 3 == 0:
        return []
    return sorted({STAGES[number % 5], STAGES[(number // 3) % 5]})


def changed_seats(document_id: int, rng: random.Random) -> DocumentData:
    """An indexed document as its builder would write it again after a registration: the
    same text and facets, different free seats."""
    from search.engines.database_writes import _as_data
    from search.models import SearchDocument

    data = _as_data(SearchDocument.objects.get(id=document_id))
    data.free_seats = rng.randint(0, 20)
    return data


def generate(scale: int, stdout) -> None:
    """For the page benchmark: index ``scale`` synthetic documents (replacing earlier ones).

    ``manage.py bench`` starts with ``flush``, which empties the documents' table but not
    SQLite's FTS5 table beside it: the text of an earlier ``bench_search`` (50,000 documents)
    would stay there, and every ranked search would read it (a search page at 47 ms instead
    of 13). The rows of documents that no longer exist go first."""
    from django.db import connection

    from search import index

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_fts WHERE rowid NOT IN (SELECT id FROM search_searchdocument)"
            )
    index.rebuild(documents(scale))


def pages() -> list[tuple[str, str]]:
    return [
        ("search page", "/search/?q=patti+scuola&region=piemonte&theme=scuole"),
        ("search page (facets only)", "/search/?type=practice&transfer=adopted&transfer=results"),
        ("search API", "/api/search/?q=patti+scuola&theme=scuole"),
        ("pages API", "/api/v2/pages/?type=practices.PracticePage&limit=20"),
    ]
