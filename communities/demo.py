"""Demo content of communities: the North-West community of administrators and its meetings
from December 2020 to June 2024 (source: seeds/001, the "benicommunity" stages), with hosts,
modes, participating municipalities, participant counts and topics, plus a few discussions.

``load(stdout)`` is idempotent. It needs the site tree (core demo) and is meant to be called
from ``events.demo.load`` (after the members demo, so organisations merge with the register:
they are looked up by ISTAT code, then by name, and created only when missing).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from communities.discussions import render_markdown
from communities.models import (
    CommunityIndexPage,
    CommunityMembership,
    CommunityPage,
    MeetingPage,
    Post,
    Topic,
)
from communities.services import join_community, make_coordinator
from core.demo import ensure_site_tree
from events.models import EventIndexPage
from members.demo_accounts import DEMO_PASSWORD, DemoAccount, ensure_account
from members.models import Membership, Organisation, Region

COORDINATOR = DemoAccount(
    "coordinatrice@example.org", "Elena Marchetti", "coordinator of the North-West community"
)
MEMBERS = [
    DemoAccount(
        "funzionaria.collegno@example.org", "Paola Ghione", "official of Comune di Collegno"
    ),
    DemoAccount("assessore.chieri@example.org", "Davide Ferrero", "councillor of Comune di Chieri"),
]

REGIONS = {
    "01": ("Piemonte", "piemonte"),
    "07": ("Liguria", "liguria"),
    "05": ("Veneto", "veneto"),
}

# name -> (ISTAT code from members/data/Elenco-comuni-italiani.csv, region code, kind)
M = Organisation.Kind.MUNICIPALITY
ORGANISATIONS = {
    "Comune di Torino": ("001272", "01", M),
    "Comune di Chieri": ("001078", "01", M),
    "Comune di Collegno": ("001090", "01", M),
    "Comune di Chivasso": ("001082", "01", M),
    "Comune di Grugliasco": ("001120", "01", M),
    "Comune di Pinerolo": ("001191", "01", M),
    "Comune di Settimo Torinese": ("001265", "01", M),
    "Comune di Druento": ("001099", "01", M),
    "Comune di Leinì": ("001130", "01", M),
    "Comune di Sant'Antonino di Susa": ("001256", "01", M),
    "Comune di Piossasco": ("001194", "01", M),
    "Comune di Torre Pellice": ("001275", "01", M),
    "Comune di Susa": ("001270", "01", M),
    "Comune di Condove": ("001093", "01", M),
    "Comune di Almese": ("001006", "01", M),
    "Comune di Barge": ("004012", "01", M),
    "Comune di Genova": ("010025", "07", M),
    "Comune di Savona": ("009056", "07", M),
    "Comune di Verona": ("023091", "05", M),
    "Città metropolitana di Genova": ("", "07", Organisation.Kind.METROPOLITAN_CITY),
    "ANCI Piemonte": ("", "01", Organisation.Kind.OTHER_PUBLIC),
    "Labsus - Laboratorio per la sussidiarietà": ("", None, Organisation.Kind.THIRD_SECTOR),
}
LABSUS = "Labsus - Laboratorio per la sussidiarietà"

FIRST_CIRCLE = [
    "Comune di Chieri",
    "Comune di Chivasso",
    "Comune di Collegno",
    "Comune di Druento",
    "Comune di Leinì",
    "Comune di Sant'Antonino di Susa",
    "Comune di Torino",
]
COLLEGNO_2021 = FIRST_CIRCLE + [
    "Comune di Grugliasco",
    "Comune di Piossasco",
    "Comune di Torre Pellice",
    "Comune di Susa",
    "Comune di Condove",
    "Comune di Pinerolo",
    "Comune di Almese",
    "Comune di Settimo Torinese",
    "ANCI Piemonte",
]


@dataclass
class DemoMeeting:
    slug: str
    title: str
    day: date
    host: str
    mode: str
    summary: str
    tables: list[tuple[str, str]] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    people: int | None = None
    organisation_count: int | None = None
    place: str = ""


ONLINE, IN_PERSON = MeetingPage.Mode.ONLINE, MeetingPage.Mode.IN_PERSON

MEETINGS = [
    DemoMeeting(
        "nord-ovest-chieri-2020",
        "Primo tavolo intercomunale, ospita Chieri",
        date(2020, 12, 11),
        "Comune di Chieri",
        ONLINE,
        "Il Comune di Chieri ha voluto e ospitato il primo tavolo intercomunale della comunità "
        "di amministratori del Nord-Ovest. Sette Comuni si sono collegati e divisi in tavoli; "
        "la restituzione è stata condivisa con tutti e ha dato le basi al lavoro successivo.",
        # The source names the tables' themes, not what each concluded.
        [
            ("Comunicazione e organizzazione interna degli uffici", ""),
            ("Comunicazione esterna verso i cittadini", ""),
            ("Beni comuni immateriali", ""),
        ],
        [],
        FIRST_CIRCLE,
    ),
    DemoMeeting(
        "nord-ovest-collegno-2021",
        "Secondo tavolo, ospita Collegno",
        date(2021, 3, 12),
        "Comune di Collegno",
        ONLINE,
        "Una cinquantina di persone tra politici e tecnici, sedici enti con il coinvolgimento "
        "di ANCI Piemonte. Ai temi del primo tavolo si è aggiunto quello della sicurezza e "
        "della responsabilità nella gestione dei patti: comunicazione interna, comunicazione "
        "esterna, beni immateriali.",
        [],
        ["Priorità alla formazione e allo scambio di buone pratiche tra i Comuni"],
        COLLEGNO_2021,
        people=50,
    ),
    DemoMeeting(
        "nord-ovest-genova-2021",
        "Formazione: gli adempimenti amministrativi dell'amministrazione condivisa",
        date(2021, 9, 21),
        "Comune di Genova",
        ONLINE,
        "Con la Scuola di Amministrazione del Comune di Genova e l'ufficio Formazione della "
        "Città metropolitana, una formazione online sugli adempimenti che rendono possibile "
        "la collaborazione tra cittadini e amministrazione. Circa 20 enti e 60 persone: "
        "sindaci, assessori, consiglieri, dirigenti e funzionari.",
        [],
        [],
        # The source gives the organisers and a count of bodies, not their names.
        [],
        people=60,
        organisation_count=20,
    ),
    DemoMeeting(
        "nord-ovest-santantonino-2021",
        "Come si comunica l'amministrazione condivisa?",
        date(2021, 12, 15),
        "Comune di Sant'Antonino di Susa",
        ONLINE,
        "Ospita Sant'Antonino di Susa. Come comunica l'ente con i cittadini attivi? Torino, "
        "Collegno e Verona hanno raccontato la loro esperienza di comunicazione. 41 "
        "partecipanti.",
        [],
        [],
        # Torino, Collegno and Verona spoke; who the 41 people came from is not said.
        [],
        people=41,
    ),
    DemoMeeting(
        "nord-ovest-barge-2022",
        "Comunicare meglio per usare al meglio le risorse comuni",
        date(2022, 2, 17),
        "Comune di Barge",
        ONLINE,
        "Con il Comune di Barge, la comunicazione dentro gli enti in relazione all'accesso "
        "alle risorse esterne. Al quinto tavolo 50 persone da 24 enti pubblici del Nord-Ovest, "
        "divise in tre gruppi di discussione dopo gli interventi introduttivi.",
        [],
        [],
        [],
        people=50,
        organisation_count=24,
    ),
    DemoMeeting(
        "nord-ovest-torino-luglio-2022",
        "Finalmente in presenza: la comunità si incontra a Torino",
        date(2022, 7, 4),
        "Comune di Torino",
        IN_PERSON,
        "Dopo un anno e mezzo online, la comunità si è incontrata in presenza a Torino, al "
        "Beeozanam community hub. Partendo dai dati del Rapporto Labsus 2021 si sono "
        "individuati i temi strategici nazionali su cui attivare sinergie tra Comuni del "
        "Nord-Ovest.",
        [("Welfare e scuola", ""), ("Immobili e ambiente", "")],
        [],
        [],
        place="Beeozanam community hub, Torino",
    ),
    DemoMeeting(
        "nord-ovest-torino-dicembre-2022",
        "Monitorare e valutare i patti di collaborazione",
        date(2022, 12, 1),
        "Comune di Torino",
        ONLINE,
        "Il monitoraggio e la valutazione dei patti, già introdotti all'Officina dei Beni "
        "Comuni \u201cL'impatto dei Patti di collaborazione\u201d del 17 novembre 2022, che "
        "ha messo a confronto diverse metodologie, come parte della definizione (o "
        "ridefinizione) del modello di amministrazione condivisa.",
        [],
        [],
        [],
    ),
    DemoMeeting(
        "nord-ovest-scuola-2023",
        "Scuola: da bene pubblico a bene comune",
        date(2023, 5, 17),
        LABSUS,
        ONLINE,
        "Dopo il Rapporto 2022 dedicato all'educazione come bene comune (102 patti, tra patti "
        "di collaborazione e patti educativi di comunità, con la scuola al centro), un "
        "confronto su buone pratiche e criticità delle collaborazioni con le scuole.",
        [],
        [],
        [],
    ),
    DemoMeeting(
        "nord-ovest-savona-2023",
        "A Savona: una metodologia comune per monitorare e valutare",
        date(2023, 7, 7),
        "Comune di Savona",
        IN_PERSON,
        "Di nuovo in presenza, riprendendo l'Officina dei Beni Comuni del 17 novembre 2022 e la "
        "tappa online di Torino del 1° dicembre 2022: le basi per co-progettare una "
        "metodologia di monitoraggio e valutazione delle azioni di amministrazione condivisa. "
        "Con il contributo di ogni ente partecipante si è lavorato sugli indicatori degli "
        "impatti diretti, indiretti e degli effetti di ricaduta.",
        [],
        [],
        [],
        place="Savona",
    ),
    DemoMeeting(
        "nord-ovest-rigenerazione-2024",
        "Rigenerazione urbana e amministrazione condivisa",
        date(2024, 6, 20),
        LABSUS,
        ONLINE,
        "Mentre i progetti del PNRR sono in corso, quale valore aggiunto possono dare i patti "
        "nella riqualificazione urbana, e come può il Comune stimolare la cura degli spazi "
        "riqualificati? Circa 35 persone tra assessori, consiglieri, dirigenti, funzionari ed "
        "esponenti del Terzo Settore.",
        [],
        [],
        [],
        people=35,
    ),
]

TOPICS = [
    (
        "Assicurazione dei volontari nei patti: come fate?",
        COORDINATOR,
        "Al tavolo di Collegno è emerso il tema della **responsabilità**. Chi ha una polizza "
        "dell'ente che copre i cittadini attivi? Con quali massimali?",
        [
            (
                MEMBERS[0],
                "Noi a Collegno abbiamo una polizza cumulativa annuale, attivata "
                "per ogni patto con l'elenco dei partecipanti.",
            ),
            (
                MEMBERS[1],
                "A Chieri stiamo valutando la stessa soluzione: potete condividere il capitolato?",
            ),
        ],
    ),
    (
        "Indicatori dopo Savona: proviamo la scheda comune",
        COORDINATOR,
        "Ho caricato la bozza della scheda indicatori discussa a Savona. Proposte:\n\n"
        "- numero di patti attivi e rinnovati\n- ore di volontariato dichiarate\n"
        "- spazi restituiti all'uso pubblico",
        [(MEMBERS[0], "Aggiungerei il numero di nuovi cittadini coinvolti ogni anno.")],
    ),
]


# The illustrative next stage falls on 18 March, the next one to come, so the demo always has
# a meeting to register for whatever the day it is loaded (a fixed year would fall in the past).
UPCOMING_MONTH_DAY = (3, 18)


def upcoming_day(today: date) -> date:
    candidate = date(today.year, *UPCOMING_MONTH_DAY)
    return candidate if candidate > today else date(today.year + 1, *UPCOMING_MONTH_DAY)


UPCOMING_NOTE = (
    "<p><em>Incontro illustrativo della demo: la fonte non annuncia altre tappe.</em></p>"
)


def _rome(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def ensure_region(code: str) -> Region:
    name, slug = REGIONS[code]
    region = Region.objects.filter(istat_code=code).first()
    if region is None:
        region = Region.objects.create(istat_code=code, name=name, slug=slug)
    return region


def ensure_organisation(name: str) -> Organisation:
    """Find the body in the register (ISTAT code, then name); create it only if missing."""
    istat_code, region_code, kind = ORGANISATIONS[name]
    organisation = None
    if istat_code:
        organisation = Organisation.objects.filter(istat_code=istat_code).first()
    if organisation is None:
        organisation = Organisation.objects.filter(name__iexact=name).first()
    if organisation is None:
        slug = slugify(name)[:200]
        if Organisation.objects.filter(slug=slug).exists():
            slug = f"{slug}-{istat_code or 'nw'}"
        organisation = Organisation.objects.create(
            name=name,
            slug=slug,
            kind=kind,
            istat_code=istat_code,
            region=ensure_region(region_code) if region_code else None,
        )
    return organisation


def ensure_community() -> CommunityPage:
    index = CommunityIndexPage.objects.first()
    if index is None:
        ensure_site_tree()
        index = CommunityIndexPage.objects.get()
    community = CommunityPage.objects.filter(slug="nord-ovest").first()
    if community is None:
        summary = (
            "Comuni di Piemonte e Liguria che praticano l'amministrazione condivisa e "
            "si incontrano a turno dal 2020."
        )
        community = CommunityPage(
            title="Comunità degli amministratori del Nord-Ovest",
            slug="nord-ovest",
            summary=summary,
            search_description=summary,
            description="<p>Nata nel dicembre 2020 su impulso del Comune di Chieri, la "
            "comunità riunisce sindaci, assessori, dirigenti e funzionari dei Comuni del "
            "Nord-Ovest. Ci si incontra ai tavoli di lavoro, ospitati a turno da un Comune, "
            "online o in presenza, e si continua a discutere tra un incontro e l'altro.</p>"
            "<p><em>Le fonti danno la data di ogni incontro, non l'orario: gli orari mostrati "
            "sono indicativi.</em></p>",
            membership_mode=CommunityPage.MembershipMode.OPEN,
            discussion_visibility=CommunityPage.Visibility.PUBLIC,
        )
        index.add_child(instance=community)
        community.regions.set([ensure_region("01"), ensure_region("07")])
        community.save_revision().publish()
    return community


def ensure_people(community: CommunityPage):
    coordinator = ensure_account(COORDINATOR)
    make_coordinator(community, coordinator)
    labsus = ensure_organisation(LABSUS)
    _ensure_affiliation(coordinator, labsus)
    people = []
    for account, org_name in zip(MEMBERS, ["Comune di Collegno", "Comune di Chieri"], strict=True):
        user = ensure_account(account)
        _ensure_affiliation(user, ensure_organisation(org_name))
        join_community(user, community)
        people.append(user)
    return coordinator, people


def _ensure_affiliation(user, organisation) -> None:
    if not Membership.objects.filter(user=user).exclude(status="rejected").exists():
        Membership.objects.create(
            user=user, organisation=organisation, status=Membership.Status.CONFIRMED
        )


def ensure_meetings(community: CommunityPage) -> list[MeetingPage]:
    index = EventIndexPage.objects.first()
    pages = []
    # The source announces no further stage: this one, on a fixed day, only shows how
    # registration for a meeting works, and its programme says it is illustrative.
    upcoming = DemoMeeting(
        "nord-ovest-prossimo-tavolo",
        "Prossimo tavolo: i patti nei piccoli Comuni",
        upcoming_day(timezone.localdate()),
        "Comune di Collegno",
        ONLINE,
        "",
    )
    for item in [*MEETINGS, upcoming]:
        page = MeetingPage.objects.filter(slug=item.slug).first()
        if page is None:
            page = MeetingPage(
                title=item.title,
                slug=item.slug,
                community=community,
                organisation=ensure_organisation(item.host),
                start=_rome(item.day, 10),
                end=_rome(item.day, 13),
                mode=item.mode,
                place=item.place,
                online_url="https://meet.example.org/nord-ovest" if item.mode == ONLINE else "",
                # The source gives no programme of the stages.
                agenda=UPCOMING_NOTE if item is upcoming else "",
                summary=f"<p>{item.summary}</p>" if item.summary else "",
                breakout_tables=[
                    ("table", {"topic": topic, "outcome": outcome})
                    for topic, outcome in item.tables
                ],
                decisions=[("decision", text) for text in item.decisions],
                participant_count=item.people,
                organisation_count=item.organisation_count,
                minutes_published_at=_rome(item.day, 18) if item.summary else None,
            )
            index.add_child(instance=page)
            page.participating_organisations.set(
                [ensure_organisation(name) for name in item.organisations]
            )
            page.save_revision().publish()
        pages.append(page)
    return pages


def ensure_topics(community: CommunityPage) -> None:
    for title, author_account, body, replies in TOPICS:
        if Topic.objects.filter(community=community, title=title).exists():
            continue
        author = ensure_account(author_account)
        topic = Topic.objects.create(
            community=community, title=title, author=author, last_post_at=timezone.now()
        )
        # Demo rows are written directly: no notification e-mails while loading the demo.
        for who, text in [(author_account, body), *replies]:
            Post.objects.create(
                topic=topic, author=ensure_account(who), body=text, body_html=render_markdown(text)
            )
        topic.post_count = topic.posts.count()
        topic.save(update_fields=["post_count"])


def ensure_registrations(meeting: MeetingPage, people) -> None:
    """The two demo members have registered for the next meeting through the engine."""
    from events import services
    from events.models import Registration

    for session in meeting.sessions.all():
        for user in people:
            if not Registration.objects.filter(session=session, user=user).exists():
                services.register_for_session(session, user)


@transaction.atomic
def load(stdout) -> None:
    community = ensure_community()
    coordinator, people = ensure_people(community)
    meetings = ensure_meetings(community)
    ensure_registrations(meetings[-1], people)
    ensure_topics(community)
    official = ensure_account(
        DemoAccount("official@example.org", "Sara Conti", "official of Comune di Monza")
    )
    if not CommunityMembership.objects.filter(community=community, user=official).exists():
        join_community(official, community)
    stdout.write(
        f"Community '{community.title}' with {len(meetings)} meetings; coordinator "
        f"{coordinator.email} (password {DEMO_PASSWORD})."
    )
