"""Demo exchanges: Cesena's SpazioComune visit "sCambio Comune" (2 days, 20 seats; several
sessions, "E": two editions next spring, and an edition already held that the demo official
attended) and Monza's co-design (7-8 May and an alternative date, "O"; "4/5": from 4 to 5
people, with the standard optional questions on accessibility and dietary needs), with a few
registrations. Idempotent.

The two dates modes of the forms are shown one per offer: Monza's form asks to choose "O" or
"E" and gives one date, Cesena's offers one session; the second date of each, and the mode
chosen, are illustrative and each page says so.

Every fact comes from the offer forms in shared/seeds (000 Cesena, 003 Monza); where a form is
silent the field stays empty (no registration deadline, no cap per organisation, no invented
venue or timetable). The forms give no clock times, and Cesena's gives no dates: those are
fixed calendar days, the next ones to come (never "today + N"), and the page says they are
illustrative.

Organisations are looked up by ISTAT code (040007 Cesena, 108033 Monza) so they merge with the
organisation register when it is loaded.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.demo import ensure_site_tree
from events import services
from events.models import Registration, RegistrationQuestion, Session
from exchange.models import ExchangeIndexPage, ExchangeOfferPage
from members.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from members.models import Membership, Organisation, Region, User

ROME = ZoneInfo("Europe/Rome")

MUNICIPALITIES = [
    # (ISTAT code, name, region code, region name)
    ("040007", "Comune di Cesena", "08", "Emilia-Romagna"),
    ("108033", "Comune di Monza", "03", "Lombardia"),
    ("037006", "Comune di Bologna", "08", "Emilia-Romagna"),
    ("039014", "Comune di Ravenna", "08", "Emilia-Romagna"),
    ("034027", "Comune di Parma", "08", "Emilia-Romagna"),
    ("015146", "Comune di Milano", "03", "Lombardia"),
]

DEMO_OFFICIALS = [
    ("luca.gallo@example.org", "Luca Gallo", "037006"),
    ("elena.ricci@example.org", "Elena Ricci", "039014"),
    ("paolo.marini@example.org", "Paolo Marini", "034027"),
    ("chiara.fontana@example.org", "Chiara Fontana", "015146"),
]

THEMES = [
    ("spazi-di-comunita", "Spazi di comunità", "Community spaces"),
    ("patrimonio-pubblico", "Valorizzazione del patrimonio pubblico", "Public property"),
    ("co-progettazione", "Co-progettazione con il terzo settore", "Co-design with third sector"),
    ("valutazione-impatto", "Valutazione di impatto sociale", "Social impact assessment"),
]


def activity(title, *, time_="", description="", place="", speakers=""):
    return {
        "time": time_,
        "title": title,
        "description": description,
        "place": place,
        "speakers": speakers,
    }


CESENA_PROGRAMME = [
    (
        "day",
        {
            "title": "Giorno 1",
            "morning": [
                activity(
                    "Il progetto SpazioComune raccontato negli spazi della Rete",
                    description="Presentazione del progetto presso alcuni degli 11 immobili "
                    "pubblici gestiti da raggruppamenti di enti del terzo settore.",
                    place="Immobili della Rete SpazioComune, Cesena",
                )
            ],
            "afternoon": [
                activity(
                    "Project management per un progetto di rete e in rete",
                    description="Come si scrive, si realizza e si monitora il progetto; il "
                    "valore delle relazioni di rete per il patrimonio comunale.",
                ),
                activity(
                    "La cassetta degli attrezzi della Rete",
                    description="Avviso pubblico, concessione e protocollo di rete: gli "
                    "strumenti per costruire e allargare la Rete.",
                ),
            ],
        },
    ),
    (
        "day",
        {
            "title": "Giorno 2",
            "morning": [
                activity(
                    "Workshop sulla valutazione di impatto sociale (VIS)",
                    description="Come la Rete ha costruito e sta sperimentando il proprio "
                    "sistema di valutazione di impatto sociale.",
                ),
                activity("Restituzione dei lavori e chiusura"),
            ],
            "afternoon": [],
        },
    ),
]

MONZA_PROGRAMME = [
    (
        "day",
        {
            "title": "Giorno 1 - Il processo di co-progettazione",
            "morning": [
                activity(
                    "La strategia SUS 2030 per San Rocco",
                    description="Perché una struttura dedicata ai progetti europei e come "
                    "affianca gli uffici e gli enti coinvolti.",
                    speakers="Struttura PNRR - Progettazione europea",
                )
            ],
            "afternoon": [
                activity(
                    "I tavoli di co-progettazione con 13 enti del terzo settore",
                    description="Dalla procedura ai sensi dell'art. 55 del Codice del terzo "
                    "settore al soggetto capofila unico; le strategie di comunicazione.",
                )
            ],
        },
    ),
    (
        "day",
        {
            "title": "Giorno 2 - Nel quartiere",
            "morning": [
                activity(
                    "Visita ai luoghi del progetto",
                    place="Quartiere San Rocco, Monza",
                    description="Gli interventi di animazione territoriale e inclusione.",
                )
            ],
            "afternoon": [
                activity(
                    "Il piano di monitoraggio e gli indicatori di impatto",
                    description="Come gli indicatori sono stati scelti insieme agli enti e "
                    "inseriti nella convenzione.",
                )
            ],
        },
    ),
]


def ensure_organisation(istat_code: str, name: str, region_code: str, region_name: str):
    organisation = Organisation.objects.filter(istat_code=istat_code).first()
    if organisation is not None:
        return organisation
    slug = slugify(name)
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is not None:
        return organisation
    region = Region.objects.filter(istat_code=region_code).first()
    if region is None:
        region = Region.objects.create(
            istat_code=region_code, name=region_name, slug=slugify(region_name)
        )
    return Organisation.objects.create(
        kind=Organisation.Kind.MUNICIPALITY,
        name=name,
        slug=slug,
        istat_code=istat_code,
        region=region,
    )


def ensure_member(user: User, organisation: Organisation, role: str) -> None:
    if not Membership.objects.filter(user=user, status__in=Membership.ACTIVE_STATUSES).exists():
        Membership.objects.create(
            user=user, organisation=organisation, role=role, status=Membership.Status.CONFIRMED
        )


def ensure_user(email: str, full_name: str) -> User:
    from allauth.account.models import EmailAddress

    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def ensure_themes():
    from practices.models import Theme

    themes = {}
    for slug, name_it, name_en in THEMES:
        theme = (
            Theme.objects.filter(slug=slug).first() or Theme.objects.filter(name_it=name_it).first()
        )
        if theme is None:
            theme = Theme.objects.create(slug=slug, name_it=name_it, name_en=name_en)
        themes[slug] = theme
    return themes


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ROME)


def next_calendar_day(today: date, month: int, day: int) -> date:
    """The next time this day of the year comes, at least two weeks ahead, so that the demo
    always shows a visit one can register for."""
    candidate = date(today.year, month, day)
    return candidate if candidate > today + timedelta(days=14) else date(today.year + 1, month, day)


ILLUSTRATIVE_DATES = (
    "<p><em>Date e orari di questa sessione sono indicativi: la scheda dell'offerta non li "
    "riporta.</em></p>"
)


SEVERAL_EDITIONS = (
    "<p><em>A titolo illustrativo la visita si ripete in più edizioni, ciascuna un gruppo a "
    "sé (sessioni multiple, \u201cE\u201d): la scheda dell'offerta descrive una sessione di "
    "due giornate consecutive e non indica date.</em></p>"
)

ALTERNATIVE_DATES = (
    "<p><em>La scheda dell'offerta indica il 7-8 maggio; la seconda data, alternativa alla "
    "prima (si partecipa a una sola, \u201cO\u201d), è illustrativa, come gli orari.</em></p>"
)


def last_calendar_day(today: date, month: int, day: int) -> date:
    """The last time this day of the year came, at least a week ago: a visit already held."""
    candidate = date(today.year, month, day)
    return candidate if candidate < today - timedelta(days=7) else date(today.year - 1, month, day)


def past_visit(offer: ExchangeOfferPage, today: date, official: User, host: User) -> None:
    """An edition of the visit already held (illustrative dates, the same hours as the next
    one), that the demo official attended and answered the follow-up of: her attendance
    certificate and the host's view of the answers can be seen. Through the engine, with
    the moments of the time (``now=``), so the history reads as it happened."""
    if Session.objects.filter(page=offer, ends_at__lt=timezone.now()).exists():
        return
    start = last_calendar_day(today, 10, 16)
    session = Session.objects.create(
        page=offer,
        label="Edizione precedente (date indicative)",
        starts_at=at(start, 9, 0),
        ends_at=at(start + timedelta(days=1), 13, 0),
        capacity=20,
        place="Immobili della Rete SpazioComune, Cesena",
    )
    registration = services.register_for_session(
        session, official, now=at(start - timedelta(days=20), 11, 0)
    )
    services.mark_attendance(
        registration, attended=True, actor=host, now=at(start + timedelta(days=1), 13, 0)
    )
    registration = Registration.objects.get(pk=registration.pk)
    services.answer_followup(
        registration, Registration.Answer.YES, now=at(start + timedelta(days=30), 10, 0)
    )


def ensure_offer(index, slug: str, **fields) -> ExchangeOfferPage:
    existing = ExchangeOfferPage.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    from practices.models import PracticePage

    # The practice sheet the visit presents (loaded by practices.demo, which runs first).
    fields["practice"] = PracticePage.objects.filter(slug=fields.pop("practice_slug")).first()
    themes = fields.pop("themes")
    questions = fields.pop("questions", [])
    offer = ExchangeOfferPage(slug=slug, **fields)
    # Page children, so they are part of the revision (like sessions would be).
    offer.registration_questions = [
        RegistrationQuestion(sort_order=number, **question)
        for number, question in enumerate(questions)
    ]
    index.add_child(instance=offer)
    offer.themes.set(themes)
    offer.save_revision().publish()
    return offer


@transaction.atomic
def load(stdout) -> None:
    ensure_site_tree()
    index = ExchangeIndexPage.objects.get()
    organisations = {code: ensure_organisation(code, *rest) for code, *rest in MUNICIPALITIES}
    cesena, monza = organisations["040007"], organisations["108033"]
    themes = ensure_themes()
    today = timezone.localdate()

    editor = ensure_user(DEMO_ACCOUNTS[1].email, DEMO_ACCOUNTS[1].full_name)
    ensure_member(editor, cesena, Membership.Role.EDITOR)
    official = ensure_user(DEMO_ACCOUNTS[2].email, DEMO_ACCOUNTS[2].full_name)
    ensure_member(official, monza, Membership.Role.MEMBER)
    officials = []
    for email, name, code in DEMO_OFFICIALS:
        user = ensure_user(email, name)
        ensure_member(user, organisations[code], Membership.Role.MEMBER)
        officials.append(user)

    cesena_offer = ensure_offer(
        index,
        "spaziocomune-cesena",
        practice_slug="rete-spaziocomune-cesena",
        title="sCambio Comune: due giornate nella Rete SpazioComune",
        organisation=cesena,
        host_office="Settore Servizi amministrativi, partecipazione e patrimonio - Servizio "
        "Partecipazione",
        summary="Due giornate consecutive a Cesena per conoscere la Rete SpazioComune: 11 spazi "
        "pubblici gestiti da raggruppamenti di enti del terzo settore.",
        description=(
            "<p>Il Comune di Cesena racconta come ha trasformato immobili pubblici in disuso in "
            "luoghi di comunità e di relazione, gestiti da raggruppamenti di enti del terzo "
            "settore. Nel 2024 la Rete contava 33 associazioni, spazi aperti sei giorni su "
            "sette, oltre 52.000 presenze, più di 300 iniziative e 170 corsi.</p>"
            "<p>Lo scambio approfondisce il project management del percorso, gli strumenti "
            "(avviso pubblico, concessione, protocollo di rete), la programmazione condivisa "
            "con i partner e il sistema di valutazione di impatto sociale.</p>"
            "<p>Al confronto partecipano i partner della Rete, con le loro esperienze di "
            "gestione, e i servizi Comunicazione ed Edilizia pubblica del Comune.</p>"
            + ILLUSTRATIVE_DATES
            + SEVERAL_EDITIONS
        ),
        themes=[
            themes["spazi-di-comunita"],
            themes["patrimonio-pubblico"],
            themes["valutazione-impatto"],
        ],
        programme=CESENA_PROGRAMME,
        target_profiles="<p>Dipendenti pubblici che lavorano su partecipazione e "
        "amministrazione condivisa, rapporti con il terzo settore e valorizzazione del "
        "patrimonio pubblico.</p>",
        duration_days=2,
        place="Cesena (FC)",
        partners="Enti del terzo settore della Rete SpazioComune\nServizio Comunicazione e "
        "Servizio Edilizia Pubblica del Comune di Cesena",
        follow_up="<p>Gli esiti del percorso di scambio \u201csCambio Comune\u201d saranno "
        "presentati a un convegno sulla valorizzazione di immobili pubblici in ottica "
        "sussidiaria organizzato dal Comune di Cesena, con le esperienze dei Comuni "
        "partecipanti.</p>",
        # The form offers one session of two days; the demo repeats it in editions, each its
        # own group ("E"), to show that mode (said on the page).
        dates_mode="several",
        approval_mode="automatic",
        per_organisation_cap=None,
    )
    if not Session.objects.filter(page=cesena_offer, starts_at__gt=timezone.now()).exists():
        # Day 1 morning to day 2 morning, as the programme runs; two editions (illustrative),
        # each with the 20 seats per session of the form.
        for month, day in [(4, 15), (5, 13)]:
            start = next_calendar_day(today, month, day)
            Session.objects.create(
                page=cesena_offer,
                label="Edizione di primavera (date indicative)",
                starts_at=at(start, 9, 0),
                ends_at=at(start + timedelta(days=1), 13, 0),
                capacity=20,
                place="Immobili della Rete SpazioComune, Cesena",
            )
    past_visit(cesena_offer, today, official, editor)

    may_7 = next_calendar_day(today, 5, 7)
    monza_offer = ensure_offer(
        index,
        "co-progettazione-monza",
        practice_slug="co-progettazione-san-rocco-monza",
        title="Co-progettazione con gli enti del terzo settore a San Rocco",
        organisation=monza,
        host_office="Struttura PNRR - Progettazione europea",
        summary="Due giorni a Monza sul processo di co-progettazione della strategia SUS 2030 "
        "con 13 enti del terzo settore.",
        description=(
            "<p>Monza ha creato una struttura dedicata ai progetti strategici finanziati con "
            "fondi europei, che affianca uffici ed enti con un approccio di project "
            "management. Per la strategia di sviluppo urbano sostenibile del quartiere San "
            "Rocco ha attivato una co-progettazione ai sensi dell'art. 55 del Codice del terzo "
            "settore: 13 enti hanno costruito un progetto unitario con un unico capofila e un "
            "piano di monitoraggio con indicatori di impatto sociale.</p>"
            "<p>Posti per sessione: da 4 a 5 partecipanti, come indica la scheda "
            "dell'offerta.</p>" + ALTERNATIVE_DATES
        ),
        themes=[themes["co-progettazione"], themes["valutazione-impatto"]],
        programme=MONZA_PROGRAMME,
        target_profiles="<p>Chi segue progetti complessi con fondi europei e procedure di "
        "co-progettazione con il terzo settore.</p>",
        duration_days=2,
        place="Monza (MB)",
        partners="I 13 enti del terzo settore del progetto SUS San Rocco",
        follow_up="",
        # The form asks to choose "O" (alternatives) or "E" (several sessions) and chooses
        # neither; the demo offers 7-8 May and an illustrative alternative ("O", said on the
        # page), each with the form's seats.
        dates_mode="alternatives",
        approval_mode="automatic",
        per_organisation_cap=None,
        min_participants=4,  # "4/5": four people at least, five at most (the seats)
        # The platform's standard optional questions; the form asks nothing of its own.
        questions=[
            {"kind": RegistrationQuestion.Kind.ACCESSIBILITY, "required": False},
            {"kind": RegistrationQuestion.Kind.DIETARY, "required": False},
        ],
    )
    if not Session.objects.filter(page=monza_offer).exists():
        for start, label in [
            (may_7, ""),
            (next_calendar_day(today, 5, 21), "Data alternativa (indicativa)"),
        ]:
            Session.objects.create(
                page=monza_offer,
                label=label,
                starts_at=at(start, 9, 0),
                ends_at=at(start + timedelta(days=1), 17, 0),
                capacity=5,  # "4/5": at most five; the minimum of four is on the offer
                place="Monza (MB)",  # the form names the town, not a venue
            )

    cesena_session = (
        Session.objects.filter(page=cesena_offer, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    monza_session = Session.objects.filter(page=monza_offer).order_by("starts_at").first()
    for user, session in [
        (official, cesena_session),
        (officials[0], cesena_session),
        (officials[1], cesena_session),
        (officials[2], monza_session),
        (officials[3], monza_session),
    ]:
        try:
            services.register_for_session(session, user)
        except services.RegistrationError:
            pass  # already registered (second run) or closed: nothing to do
    stdout.write("Exchange offers of Cesena and Monza with sessions and registrations ready.")
