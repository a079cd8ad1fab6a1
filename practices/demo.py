"""Demo content of the knowledge base, written from the facts of the source documents
(``shared/seeds``): the taxonomy, four good-practice sheets with their indicators and the
toolbox entries they name, each with a small real file to download, one shared indicator that
three sheets report (so the comparison page has something to compare) and one transfer, which
is illustrative and says so (the sources report none). Idempotent."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Collection

from members.models import Organisation, Region
from members.population import DEFAULT_FILE as POPULATION_FILE
from members.population import DEFAULT_YEAR as POPULATION_YEAR
from members.population import read_population
from practices.demo_files import make_csv, make_odt, make_pdf
from practices.models import (
    Adoption,
    Indicator,
    IndicatorValue,
    Instrument,
    PracticeIndexPage,
    PracticePage,
    SharedIndicator,
    Theme,
    ToolboxIndexPage,
    ToolFile,
    ToolPage,
    TransferValue,
)

THEMES = [
    ("beni-comuni", "Cura dei beni comuni", "Care of the commons"),
    ("immobili-pubblici", "Immobili pubblici", "Public buildings"),
    ("quartieri", "Quartieri", "Neighbourhoods"),
    (
        "co-progettazione-terzo-settore",
        "Co-progettazione con il terzo settore",
        "Co-design with the third sector",
    ),
    ("hub-di-comunita", "Hub di comunità", "Community hubs"),
    ("welfare-e-scuola", "Welfare e scuola", "Welfare and school"),
    ("rigenerazione-urbana", "Rigenerazione urbana", "Urban regeneration"),
    ("monitoraggio-e-valutazione", "Monitoraggio e valutazione", "Monitoring and evaluation"),
]

INSTRUMENTS = [
    ("avviso-pubblico", "Avviso pubblico", "Public notice"),
    ("concessione", "Concessione", "Concession"),
    ("protocollo-di-rete", "Protocollo di rete", "Network protocol"),
    ("regolamento", "Regolamento", "Regulation"),
    ("patto-di-collaborazione", "Patto di collaborazione", "Collaboration pact"),
    (
        "accordo-art-55",
        "Accordo ex art. 55 D.Lgs. 117/2017",
        "Agreement under art. 55 D.Lgs. 117/2017",
    ),
    ("accordo-di-cittadinanza", "Accordo di cittadinanza", "Citizenship agreement"),
    ("co-programmazione", "Co-programmazione", "Co-programming"),
    ("valutazione-di-impatto", "Valutazione di impatto", "Impact assessment"),
]

REGIONS = {
    "08": ("Emilia-Romagna", "emilia-romagna"),
    "03": ("Lombardia", "lombardia"),
    "01": ("Piemonte", "piemonte"),
}

# The shared catalogue: what three sheets report in the same way (seeds 000, 003, 004).
ASSOCIATIONS = "associazioni-coinvolte"
SHARED_INDICATORS = {
    ASSOCIATIONS: {
        "name": "Associazioni ed enti del terzo settore coinvolti",
        "unit": "enti",
        "direction": "higher",
        "method": (
            "Associazioni ed enti del terzo settore che hanno sottoscritto l'atto con cui "
            "partecipano alla pratica (concessione, convenzione, accordo), contati una volta "
            "ciascuno nel periodo."
        ),
        "themes": ["beni-comuni", "co-progettazione-terzo-settore"],
    }
}

ORGANISATIONS = {
    "chieri": ("001078", "Comune di Chieri", "comune-di-chieri", "01"),
    "cesena": ("040007", "Comune di Cesena", "comune-di-cesena", "08"),
    "monza": ("108033", "Comune di Monza", "comune-di-monza", "03"),
    "reggio": ("035033", "Comune di Reggio nell'Emilia", "comune-di-reggio-nellemilia", "08"),
}


def ensure_taxonomy() -> tuple[dict, dict]:
    themes = {}
    for slug, name_it, name_en in THEMES:
        themes[slug], _ = Theme.objects.get_or_create(
            slug=slug, defaults={"name_it": name_it, "name_en": name_en}
        )
    instruments = {}
    for slug, name_it, name_en in INSTRUMENTS:
        instruments[slug], _ = Instrument.objects.get_or_create(
            slug=slug, defaults={"name_it": name_it, "name_en": name_en}
        )
    return themes, instruments


def ensure_shared_indicators(themes) -> dict[str, SharedIndicator]:
    shared = {}
    for slug, fields in SHARED_INDICATORS.items():
        values = {key: value for key, value in fields.items() if key != "themes"}
        shared[slug], created = SharedIndicator.objects.get_or_create(slug=slug, defaults=values)
        if created:
            shared[slug].themes.set([themes[key] for key in fields["themes"]])
    return shared


def ensure_population(*organisations: Organisation) -> None:
    """ISTAT's resident population (members/data/), when the register was not loaded with it."""
    missing = [org for org in organisations if org.population is None and org.istat_code]
    if not missing:
        return
    population = read_population(POPULATION_FILE)
    for organisation in missing:
        if organisation.istat_code in population:
            organisation.population = population[organisation.istat_code]
            organisation.population_year = POPULATION_YEAR
            organisation.save(update_fields=["population", "population_year"])


def ensure_organisation(key: str) -> Organisation:
    """Match the ISTAT register when it is loaded; otherwise a minimal row with the ISTAT code,
    so that the full register merges into it later."""
    istat_code, name, slug, region_code = ORGANISATIONS[key]
    organisation = Organisation.objects.filter(istat_code=istat_code).first()
    if organisation is None:
        organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        region = Region.objects.filter(istat_code=region_code).first()
        if region is None:
            region_name, region_slug = REGIONS[region_code]
            region = Region.objects.create(
                istat_code=region_code, name=region_name, slug=region_slug
            )
        organisation = Organisation.objects.create(
            kind=Organisation.Kind.MUNICIPALITY,
            name=name,
            slug=slug,
            istat_code=istat_code,
            region=region,
        )
    return organisation


def ensure_document(title: str, filename: str, content: bytes):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        # A flushed database (browser tests) has lost the root collection of the migrations.
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")
        document = Document(title=title, collection=root)
        document.file.save(filename, ContentFile(content), save=False)
        document._set_document_file_metadata()
        document.save()
    return document


def _text(*paragraphs: str) -> dict:
    return {"type": "text", "value": "".join(f"<p>{p}</p>" for p in paragraphs)}


def _figures(heading: str, *figures: tuple[str, str]) -> dict:
    return {
        "type": "key_figures",
        "value": {
            "heading": heading,
            "figures": [{"number": n, "label": label} for n, label in figures],
        },
    }


def _phases(heading: str, *phases: tuple) -> dict:
    return {
        "type": "programme",
        "value": {
            "heading": heading,
            "phases": [
                {"title": t, "start_year": s, "end_year": e, "description": d}
                for t, s, e, d in phases
            ],
        },
    }


def _add_indicators(page: PracticePage, indicators: list[tuple]) -> None:
    """Each indicator is (name, unit, method, values[, shared indicator]); one already there
    is kept, and linked to the shared catalogue if it was not yet (older demo databases)."""
    for position, (name, unit, method, values, *rest) in enumerate(indicators):
        catalogue = rest[0] if rest else None
        existing = Indicator.objects.filter(practice=page, name=name).first()
        if existing is None and catalogue is not None:
            existing = Indicator.objects.filter(practice=page, shared=catalogue).first()
        if existing is not None:
            if catalogue is not None and existing.shared_id is None:
                existing.shared = catalogue
                existing.save()
            continue
        indicator = Indicator.objects.create(
            practice=page,
            shared=catalogue,
            name=name,
            unit=unit,
            method=method,
            sort_order=position,
        )
        for order, (label, value) in enumerate(values):
            IndicatorValue.objects.create(
                indicator=indicator,
                period_label=label,
                period_date=datetime.date(int(label[:4]), 12, 31) if label[:4].isdigit() else None,
                value=Decimal(value),
                sort_order=order,
            )


def ensure_practice(index, slug: str, *, themes=(), instruments=(), tools=(), **fields):
    page = PracticePage.objects.child_of(index).filter(slug=slug).first()
    if page is not None:
        return page
    page = PracticePage(slug=slug, **fields)
    index.add_child(instance=page)
    page.themes.set(themes)
    page.instruments.set(instruments)
    page.tools.set(tools)
    page.save_revision().publish()
    return page


def ensure_tool(index, slug: str, *, files=(), **fields) -> ToolPage:
    page = ToolPage.objects.child_of(index).filter(slug=slug).first()
    if page is not None:
        return page
    page = ToolPage(slug=slug, **fields)
    index.add_child(instance=page)
    for position, (label, document) in enumerate(files):
        ToolFile.objects.create(tool=page, document=document, label=label, sort_order=position)
    page.save_revision().publish()
    return page


def load_tools(instruments, cesena, monza, reggio) -> dict[str, ToolPage]:
    index = ToolboxIndexPage.objects.get()
    tools = {}
    tools["avviso"] = ensure_tool(
        index,
        "avviso-pubblico-spaziocomune",
        title="Avviso pubblico per la gestione di un immobile della Rete SpazioComune",
        organisation=cesena,
        instrument=instruments["avviso-pubblico"],
        description=(
            "<p>Lo schema di avviso con cui il Comune invita raggruppamenti di enti del terzo "
            "settore a proporre la gestione di uno spazio pubblico come luogo di comunità: "
            "requisiti, criteri di valutazione e impegni di apertura.</p>"
        ),
        version="2024",
        version_date=datetime.date(2024, 3, 1),
        files=[
            (
                "Schema di avviso (PDF)",
                ensure_document(
                    "Avviso pubblico SpazioComune",
                    "avviso-pubblico-spaziocomune.pdf",
                    make_pdf(
                        "Avviso pubblico - Rete SpazioComune",
                        [
                            "Art. 1 - Oggetto: gestione condivisa di un immobile comunale.",
                            "Art. 2 - Soggetti ammessi: raggruppamenti di enti del terzo settore.",
                            "Art. 3 - Criteri: apertura, attivita per la comunita, rete.",
                            "Art. 4 - Durata e rinnovo della concessione.",
                        ],
                    ),
                ),
            )
        ],
    )
    tools["concessione"] = ensure_tool(
        index,
        "schema-di-concessione-spaziocomune",
        title="Schema di concessione di un immobile della Rete SpazioComune",
        organisation=cesena,
        instrument=instruments["concessione"],
        description=(
            "<p>L'atto che affida lo spazio al raggruppamento scelto: obblighi di apertura, "
            "manutenzione, rendicontazione annuale e partecipazione alla Rete.</p>"
        ),
        version="1.0",
        files=[
            (
                "Schema di concessione (ODT)",
                ensure_document(
                    "Schema di concessione SpazioComune",
                    "schema-concessione-spaziocomune.odt",
                    make_odt(
                        "Schema di concessione",
                        [
                            "Il Comune concede in uso l'immobile al raggruppamento.",
                            "Il concessionario apre lo spazio almeno sei giorni su sette.",
                            "Ogni anno presenta il rendiconto delle attivita e delle presenze.",
                        ],
                    ),
                ),
            )
        ],
    )
    tools["protocollo"] = ensure_tool(
        index,
        "protocollo-di-rete-spaziocomune",
        title="Protocollo di rete SpazioComune",
        organisation=cesena,
        instrument=instruments["protocollo-di-rete"],
        description=(
            "<p>Il protocollo che lega i gestori degli spazi in una rete: programmazione "
            "comune, formazione, festival, scambio di dati per il monitoraggio.</p>"
        ),
        version="2024",
        version_date=datetime.date(2024, 1, 15),
        files=[
            (
                "Protocollo di rete (PDF)",
                ensure_document(
                    "Protocollo di rete SpazioComune",
                    "protocollo-di-rete-spaziocomune.pdf",
                    make_pdf(
                        "Protocollo di rete - SpazioComune",
                        [
                            "1. Finalita: fare rete tra gli spazi di comunita.",
                            "2. Impegni dei partner: programmazione condivisa e formazione.",
                            "3. Monitoraggio: dati comuni e valutazione di impatto sociale.",
                            "4. Coordinamento: Servizio Partecipazione del Comune.",
                        ],
                    ),
                ),
            )
        ],
    )
    tools["regolamento"] = ensure_tool(
        index,
        "regolamento-qua-quartiere-bene-comune",
        title="Regolamento per la partecipazione nei quartieri (QUA)",
        organisation=reggio,
        instrument=instruments["regolamento"],
        description=(
            "<p>Il regolamento che definisce il processo collaborativo dei laboratori di "
            "cittadinanza, dall'ascolto alla rendicontazione, approvato dal Consiglio "
            "comunale.</p>"
        ),
        files=[
            (
                "Regolamento (PDF)",
                ensure_document(
                    "Regolamento QUA",
                    "regolamento-qua.pdf",
                    make_pdf(
                        "Regolamento - QUA Quartiere bene comune",
                        [
                            "Fasi: ascolto, co-progettazione, accordo, attuazione, valutazione.",
                            "L'architetto di quartiere accompagna ogni laboratorio.",
                            "Gli accordi di cittadinanza sono approvati dalla Giunta.",
                        ],
                    ),
                ),
            )
        ],
    )
    tools["accordo"] = ensure_tool(
        index,
        "schema-accordo-di-cittadinanza",
        title="Schema di accordo di cittadinanza",
        organisation=reggio,
        instrument=instruments["accordo-di-cittadinanza"],
        description=(
            "<p>Lo schema con cui Comune, associazioni, volontari e attività economiche di un "
            "quartiere si impegnano su progetti di cura della città e della comunità.</p>"
        ),
        files=[
            (
                "Schema di accordo (ODT)",
                ensure_document(
                    "Schema di accordo di cittadinanza",
                    "schema-accordo-di-cittadinanza.odt",
                    make_odt(
                        "Accordo di cittadinanza",
                        [
                            "Le parti: il Comune e i sottoscrittori del quartiere.",
                            "I progetti: cura della comunita e cura della citta.",
                            "Gli indicatori e la rendicontazione dei risultati.",
                        ],
                    ),
                ),
            )
        ],
    )
    tools["patto"] = ensure_tool(
        index,
        "modello-di-patto-di-collaborazione",
        title="Modello di patto di collaborazione per uno spazio di comunità",
        organisation=cesena,
        instrument=instruments["patto-di-collaborazione"],
        description=(
            "<p>Un modello di patto tra Comune e cittadini attivi per la cura di uno spazio, "
            "adattato dallo schema di accordo di cittadinanza di Reggio Emilia.</p>"
        ),
        adapted_from=tools["accordo"],
        version="0.9",
        files=[
            (
                "Modello di patto (ODT)",
                ensure_document(
                    "Modello di patto di collaborazione",
                    "modello-patto-di-collaborazione.odt",
                    make_odt(
                        "Patto di collaborazione",
                        [
                            "Oggetto del patto e bene comune curato.",
                            "Impegni del Comune e dei cittadini attivi.",
                            "Durata, verifica e pubblicita dei risultati.",
                        ],
                    ),
                ),
            )
        ],
    )
    tools["indicatori"] = ensure_tool(
        index,
        "set-di-indicatori-di-impatto-san-rocco",
        title="Set di indicatori di impatto sociale (San Rocco)",
        organisation=monza,
        instrument=instruments["valutazione-di-impatto"],
        description=(
            "<p>Il piano di monitoraggio è stato definito con gli enti del terzo settore ai "
            "tavoli di co-progettazione ed è parte della convenzione. La fonte non ne elenca "
            "gli indicatori: il file è un modello vuoto con le colonne del piano (azione, "
            "indicatore, chi lo rileva e come).</p>"
        ),
        licence=ToolPage.Licence.CC_BY_SA,
        files=[
            (
                "Indicatori (CSV)",
                ensure_document(
                    "Set di indicatori di impatto San Rocco",
                    "indicatori-impatto-san-rocco.csv",
                    make_csv(
                        [
                            # The offer describes the plan, not its indicators: an empty
                            # template with the plan's columns, nothing invented in it.
                            ["azione", "indicatore", "unita", "verso", "chi rileva", "come"],
                        ]
                    ),
                ),
            )
        ],
    )
    return tools


def ensure_example_transfer(practice, adopter, tool, indicator) -> Adoption:
    """The sources report no transfer: this one is an illustration of the feature, and its
    note says so on the page."""
    transfer, created = Adoption.objects.get_or_create(
        practice=practice,
        organisation=adopter,
        defaults={
            "stage": Adoption.Stage.RESULTS,
            "year": 2026,
            "source": Adoption.Source.EDITOR,
            "note": "Esempio illustrativo della demo: le fonti non riportano trasferimenti.",
            "adapted": "Un solo immobile al posto di una rete, affidato con l'avviso pubblico "
            "di Cesena adattato a un Comune più piccolo.",
        },
    )
    if created:
        transfer.tools_reused.set([tool])
        TransferValue.objects.create(
            transfer=transfer,
            shared=indicator,
            period_label="2026",
            period_date=datetime.date(2026, 12, 31),
            value=Decimal("6"),
        )
    return transfer


@transaction.atomic
def load(stdout) -> None:
    themes, instruments = ensure_taxonomy()
    shared = ensure_shared_indicators(themes)
    cesena = ensure_organisation("cesena")
    monza = ensure_organisation("monza")
    reggio = ensure_organisation("reggio")
    chieri = ensure_organisation("chieri")
    ensure_population(cesena, monza, reggio, chieri)
    tools = load_tools(instruments, cesena, monza, reggio)
    index = PracticeIndexPage.objects.get()

    spazio = ensure_practice(
        index,
        "rete-spaziocomune-cesena",
        title="SpazioComune: immobili pubblici valorizzati in rete con il terzo settore",
        organisation=cesena,
        host_office="Settore Servizi amministrativi, Partecipazione e Patrimonio - "
        "Servizio Partecipazione",
        summary=(
            "Cesena ha trasformato immobili pubblici in disuso in spazi di comunità gestiti da "
            "raggruppamenti di enti del terzo settore, riuniti nella Rete SpazioComune. Il "
            "percorso segue metodi di project management e misura il proprio impatto sociale."
        ),
        start_year=2020,
        # The form names no law, and its 33 associations run the spaces (a key figure below):
        # they are not counted as partners of the practice.
        contacts="Servizio Partecipazione, Comune di Cesena",
        body=[
            _text(
                "Il progetto crea luoghi di relazione che promuovono cittadinanza attiva e "
                "animazione del territorio, partendo dal patrimonio immobiliare pubblico da "
                "riqualificare.",
                "Gli strumenti della rete sono l'avviso pubblico, la concessione e il "
                "protocollo di rete; la programmazione è condivisa con i partner (formazione, "
                "Festival SpazioComune).",
            ),
            _figures(
                "La Rete nel 2024",
                ("11", "spazi pubblici"),
                ("33", "associazioni coinvolte"),
                ("52.400", "presenze"),
                ("300+", "iniziative ed eventi"),
                ("170", "corsi"),
            ),
            _phases(
                "Le tappe",
                ("Progettazione con metodi di project management", None, None, ""),
                ("Avviso pubblico e concessione degli spazi", None, None, ""),
                ("Protocollo di rete tra i gestori", None, None, ""),
                ("Sistema di valutazione di impatto sociale (VIS)", None, None, ""),
            ),
        ],
        links=[
            {
                "type": "link",
                "value": {
                    "title": "Il progetto sul sito del Comune",
                    "url": "https://www.comune.cesena.fc.it/progetto/spazio-comune/",
                },
            }
        ],
        themes=[
            themes["immobili-pubblici"],
            themes["beni-comuni"],
            themes["monitoraggio-e-valutazione"],
        ],
        instruments=[
            instruments["avviso-pubblico"],
            instruments["concessione"],
            instruments["protocollo-di-rete"],
            instruments["valutazione-di-impatto"],
        ],
        tools=[tools["avviso"], tools["concessione"], tools["protocollo"]],
    )
    _add_indicators(
        spazio,
        [
            (
                "Spazi pubblici della Rete",
                "spazi",
                "Immobili in concessione alla Rete.",
                [("2024", "11")],
            ),
            (
                "Associazioni coinvolte",
                "enti",
                "Associazioni dei raggruppamenti che hanno in concessione gli spazi.",
                [("2024", "33")],
                shared[ASSOCIATIONS],
            ),
            (
                "Presenze negli spazi",
                "presenze",
                "Rilevate dai gestori e raccolte dal Comune.",
                [("2024", "52400")],
            ),
            (
                "Iniziative ed eventi",
                "eventi",
                "Iniziative aperte alla cittadinanza.",
                [("2024", "300")],
            ),
            ("Corsi proposti", "corsi", "Corsi offerti alla cittadinanza.", [("2024", "170")]),
        ],
    )

    ensure_practice(
        index,
        "hub-di-comunita-coworking-cesena",
        title="Un hub di comunità con servizi e coworking",
        organisation=cesena,
        host_office="Servizio Partecipazione",
        summary=(
            "Uno spazio multiservizi del Comune, immerso nel verde: biblioteca decentrata, "
            "sportelli per i cittadini e per gli anziani, postazioni di coworking prenotabili "
            "con un'app, per fare comunità e portare i servizi vicino alle persone."
        ),
        start_year=2020,
        contacts="Servizio Partecipazione, Comune di Cesena",
        body=[
            _text(
                "La Giunta insediata nel 2019 ha avviato nel 2020 la progettazione del primo "
                "hub sperimentale, con risorse programmate e un forte sostegno degli "
                "amministratori; lo spazio è stato inaugurato l'8 gennaio 2022 ed è in "
                "sperimentazione. È aperto dal martedì alla domenica; il posto si prenota con "
                "un'applicazione, e applicazione e spazi sono gestiti da una cooperativa "
                "esterna.",
                "Il coworking è nato in continuità con VeLA, il programma Emilia-Romagna smart "
                "working, insieme al Settore Biblioteca Malatestiana e Cultura, al Settore "
                "Servizi al cittadino e innovazione tecnologica e al Settore Sistemi "
                "informatici e statistica.",
            ),
            _text(
                "Nell'hub lavorano insieme più settori del Comune: Cultura e Biblioteca (è la "
                'prima biblioteca decentrata della rete bibliotecaria cittadina "Contesto"), '
                'Servizi al cittadino (il primo "Sportello Facile" decentrato, con '
                "informazioni su tutti i servizi dell'ente), Servizi sociali (uno \"Sportello "
                'di Comunità" per gli anziani) ed Energie per la città (gestione '
                "dell'energia e bonus per cittadini e imprese); Lavori pubblici e Informatica "
                "hanno realizzato gli spazi, riprogettati con pannelli fonoassorbenti e arredi "
                "mobili.",
                "Per promuoverlo sono stati coinvolti i mobility manager delle imprese di "
                "Cesena e della Valle del Savio che attivano progetti di welfare aziendale, con "
                "un tavolo per raccogliere le esigenze dei lavoratori e valutare convenzioni; "
                "il coworking è aperto anche ai dipendenti pubblici, come sede di smart "
                "working, e ai giovani liberi professionisti.",
            ),
            {
                "type": "quote",
                "value": {
                    "text": "L'obiettivo e il vantaggio è fare comunità: relazionarsi con gli "
                    "altri, avere degli scambi, costruire una vera comunità di coworking.",
                    "author": "Silvia Canali",
                    "role": "Responsabile del Servizio Partecipazione, Comune di Cesena",
                },
            },
            _phases(
                "Le tappe",
                ("Progettazione dell'hub sperimentale", 2020, 2021, ""),
                ("Inaugurazione e sperimentazione", 2022, None, ""),
                (
                    "Smart&Eco, percorso partecipato dopo l'Agenda Digitale",
                    None,
                    None,
                    "Tre tavoli di lavoro: formazione digitale sui servizi della PA per ridurre "
                    "gli spostamenti; il modello di coworking integrato dell'Unione Valle del "
                    "Savio; sensibilizzazione ambientale di cittadini e imprese con tecnologie "
                    "IoT.",
                ),
                (
                    "Estensione all'Unione Valle del Savio (sei Comuni, Cesena capofila) e ai "
                    "territori periferici",
                    None,
                    None,
                    "",
                ),
            ),
        ],
        themes=[themes["hub-di-comunita"], themes["immobili-pubblici"]],
        # The interview names no legal instrument: none is claimed.
        instruments=[],
    )

    san_rocco = ensure_practice(
        index,
        "co-progettazione-san-rocco-monza",
        title="Co-progettazione con 13 enti del terzo settore per il quartiere San Rocco",
        organisation=monza,
        host_office="Struttura PNRR - Progettazione europea",
        summary=(
            "Per le azioni immateriali della strategia di sviluppo urbano sostenibile di San "
            "Rocco, Monza ha aperto una co-progettazione ai sensi dell'art. 55 del Codice del "
            "terzo settore: 13 enti hanno costruito un progetto unitario con un solo capofila "
            "e un piano di misurazione dell'impatto."
        ),
        start_year=2022,
        legal_basis="art. 55 D.Lgs. 117/2017",
        other_partners_count=13,
        contacts="Struttura PNRR - Progettazione europea, Comune di Monza",
        body=[
            _text(
                "Una struttura dedicata ai progetti strategici finanziati con fondi europei "
                "affianca gli uffici e gli enti con un approccio di project management e di "
                "corresponsabilità.",
                "Ai tavoli di co-progettazione si sono scelti insieme servizi ed eventi per "
                "animare il quartiere e gli indicatori per verificarne l'efficacia; la "
                "convenzione che ne è nata include il piano di misurazione dell'impatto.",
            ),
            _figures("In sintesi", ("13", "enti del terzo settore"), ("1", "capofila unico")),
        ],
        themes=[
            themes["co-progettazione-terzo-settore"],
            themes["rigenerazione-urbana"],
            themes["monitoraggio-e-valutazione"],
        ],
        instruments=[instruments["accordo-art-55"], instruments["valutazione-di-impatto"]],
        tools=[tools["indicatori"]],
    )
    _add_indicators(
        san_rocco,
        [
            # The offer says a monitoring plan exists, not which indicators it has or their
            # values: only the 13 bodies are a measured fact.
            (
                "Enti del terzo settore nella co-progettazione",
                "enti",
                "Enti che hanno chiesto di partecipare alla co-progettazione e ne hanno "
                "costruito il progetto unitario.",
                [("Co-progettazione", "13")],
                shared[ASSOCIATIONS],
            ),
        ],
    )

    qua = ensure_practice(
        index,
        "qua-quartiere-bene-comune-reggio-emilia",
        title="QUA - Il quartiere bene comune: accordi di cittadinanza nei quartieri",
        organisation=reggio,
        host_office="",  # the slides do not name the office
        summary=(
            "Dopo la chiusura delle circoscrizioni, Reggio Emilia ha fatto dei suoi 19 quartieri "
            "il "
            "luogo della progettazione condivisa: laboratori di cittadinanza guidati da un "
            "architetto di quartiere portano ad accordi firmati da Comune, associazioni, "
            "volontari e attività economiche."
        ),
        start_year=2014,
        legal_basis="Regolamento del processo collaborativo, approvato dal Consiglio comunale",
        contacts="Comune di Reggio Emilia",
        body=[
            _text(
                "Il Comune passa da gestore di procedimenti ad attivatore di relazioni e "
                "risorse; i cittadini diventano protagonisti di tutto il ciclo di vita delle "
                "politiche pubbliche, dalla definizione dei bisogni alla rendicontazione.",
                "In ogni quartiere un architetto di quartiere, una nuova figura professionale, "
                'lavora con la comunità secondo il principio "pensiamo e facciamo insieme"; '
                "gli attori sono individuati quartiere per quartiere, con un piano di "
                "comunicazione integrato e un'accountability del progetto definita in anticipo.",
            ),
            _figures(
                "2014-2019",
                ("27", "accordi di cittadinanza"),
                ("1.540", "partecipanti unici"),
                ("784", "sottoscrittori"),
                ("163", "progetti"),
            ),
            _text(
                "I 27 accordi comprendono il Laboratorio urbano \u201cParco Nilde Iotti\u201d e 9 "
                "rinnovi; i 784 sottoscrittori sono 431 associazioni, 330 volontari e 23 "
                "attività economiche. I 163 progetti, di cura della comunità e di cura della "
                "città, hanno impegnato 843.000 euro nel 2015-2018, oltre a 1.290.000 euro di "
                "manutenzioni nel 2016-2018.",
                "Dal 2019 una nuova stagione, \u201cDa spazi a luoghi\u201d: piazze di comunità e "
                "progetti e servizi nei quartieri, tra cui l'empowerment digitale (banda "
                "ultralarga, facilitazione SPID, Wi-Fi di comunità).",
            ),
            _phases(
                "Il processo collaborativo",
                ("Ascolto e laboratorio di cittadinanza", None, None, ""),
                ("Approvazione in Giunta e firma dell'accordo", None, None, ""),
                ("Attuazione e monitoraggio", None, None, ""),
                ("Valutazione e rendicontazione dei risultati", None, None, ""),
            ),
        ],
        themes=[themes["quartieri"], themes["beni-comuni"]],
        instruments=[instruments["accordo-di-cittadinanza"], instruments["regolamento"]],
        tools=[tools["regolamento"], tools["accordo"]],
    )
    _add_indicators(
        qua,
        [
            (
                "Nuovi accordi di cittadinanza sottoscritti",
                "accordi",
                "Accordi firmati per la prima volta nell'anno (esclusi i rinnovi).",
                [("2015", "4"), ("2016", "5"), ("2017", "5"), ("2018", "3")],
            ),
            (
                "Accordi di cittadinanza rinnovati",
                "accordi",
                "Accordi già firmati e rinnovati nell'anno.",
                [("2017", "5"), ("2018", "4"), ("2019", "15")],
            ),
            (
                "Associazioni sottoscrittrici degli accordi",
                "enti",
                "Associazioni tra i 784 sottoscrittori dei 27 accordi di cittadinanza.",
                [("2014-2019", "431")],
                shared[ASSOCIATIONS],
            ),
        ],
    )
    ensure_example_transfer(spazio, chieri, tools["avviso"], shared[ASSOCIATIONS])
    stdout.write("Practices, indicators and toolbox ready.")
