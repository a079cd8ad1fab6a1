"""Demo organisations and people: the register, the bodies of the source documents, their
editors, officials and admins. Idempotent (safe to run twice)."""

from django.db import transaction

from members.demo_accounts import DEMO_ACCOUNTS, DemoAccount, ensure_account, load_demo_accounts
from members.istat import load_register
from members.models import Membership, Organisation, User
from members.population import load_population
from members.services import sync_editor_group
from members.setup import ensure_editorial_setup
from members.unions import SAMPLE_FILE, import_unions

# Bodies that are not in ISTAT's register.
OTHER_BODIES = [
    (
        "anci-piemonte",
        "ANCI Piemonte",
        Organisation.Kind.OTHER_PUBLIC,
        "01",
        "L'associazione dei Comuni piemontesi: accompagna la comunità di amministratori del "
        "nord-ovest sui beni comuni.",
    ),
    (
        "labsus",
        "Labsus - Laboratorio per la sussidiarietà",
        Organisation.Kind.THIRD_SECTOR,
        "",
        "Promuove l'amministrazione condivisa e i patti di collaborazione tra cittadini e "
        "amministrazioni.",
    ),
    (
        "associazione-casa-di-quartiere-cesena",
        "Associazione Casa di Quartiere (Cesena)",
        Organisation.Kind.THIRD_SECTOR,
        "08",
        "Cura con il Comune spazi di quartiere e piccoli beni comuni.",
    ),
    (
        "cooperativa-orti-condivisi-torino",
        "Cooperativa sociale Orti Condivisi (Torino)",
        Organisation.Kind.THIRD_SECTOR,
        "01",
        "Gestisce orti urbani e giardini condivisi con i residenti.",
    ),
]

# (istat code, description) of the municipalities of the source documents, from what those
# documents say of them (shared/seeds).
SEED_MUNICIPALITIES = {
    "040007": "Con la Rete SpazioComune affida 11 immobili pubblici a raggruppamenti di enti del "
    "terzo settore; nel 2022 ha aperto un hub di comunità con coworking.",
    "108033": "Per il quartiere San Rocco ha co-progettato con 13 enti del terzo settore le "
    "azioni immateriali della strategia di sviluppo urbano sostenibile.",
    "035033": "Reggio Emilia lavora con i suoi 19 quartieri attraverso laboratori e accordi di "
    "cittadinanza (progetto QUA).",
    "001078": "Chieri ha ospitato il primo tavolo di lavoro intercomunale della comunità di "
    "amministratori del nord-ovest.",
    "001090": "Collegno ha ospitato la seconda tappa della comunità di amministratori.",
    "001272": "Torino ha partecipato al primo tavolo della comunità di amministratori del "
    "nord-ovest e ha raccontato la sua comunicazione con i cittadini attivi.",
}

# (e-mail, name, organisation slug or ISTAT code, role, job title)
PEOPLE = [
    ("chiara.gallo@example.org", "Chiara Gallo", "001078", "editor", "Funzionaria Beni comuni"),
    ("luca.fontana@example.org", "Luca Fontana", "001090", "admin", "Dirigente Partecipazione"),
    ("paola.greco@example.org", "Paola Greco", "001272", "editor", "Ufficio Beni comuni"),
    ("davide.serra@example.org", "Davide Serra", "035033", "editor", "Servizio Quartieri"),
    ("marta.villa@example.org", "Marta Villa", "anci-piemonte", "admin", "Area Comunità"),
    ("giorgio.neri@example.org", "Giorgio Neri", "labsus", "member", "Ricercatore"),
]


def _organisation(key: str) -> Organisation:
    if key.isdigit():
        return Organisation.objects.get(istat_code=key, kind=Organisation.Kind.MUNICIPALITY)
    return Organisation.objects.get(slug=key)


def _member(user: User, organisation: Organisation, role: str, status="confirmed") -> None:
    membership = Membership.objects.filter(user=user, status__in=Membership.ACTIVE_STATUSES).first()
    if membership is None:
        Membership.objects.create(user=user, organisation=organisation, role=role, status=status)
    sync_editor_group(user)


@transaction.atomic
def load(stdout) -> None:
    load_demo_accounts()
    result = load_register()
    load_population()
    from members.models import Region

    for slug, name, kind, region_code, description in OTHER_BODIES:
        Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "description": description,
                "region": Region.objects.filter(istat_code=region_code).first(),
            },
        )
    for code, description in SEED_MUNICIPALITIES.items():
        Organisation.objects.filter(istat_code=code, description="").update(description=description)
    # The Unione dei Comuni Valle del Savio of the Cesena seed (members/data/README.md).
    import_unions(SAMPLE_FILE.read_text(encoding="utf-8"))
    ensure_editorial_setup()

    accounts = {account.email: account for account in DEMO_ACCOUNTS}
    cesena = _organisation("040007")
    monza = _organisation("108033")
    editor = ensure_account(accounts["editor@example.org"])
    _member(editor, cesena, Membership.Role.EDITOR)
    official = ensure_account(accounts["official@example.org"])
    official.role_category = User.RoleCategory.OFFICER
    official.save(update_fields=["role_category"])
    _member(official, monza, Membership.Role.MEMBER)
    admin = ensure_account(accounts["admin.cesena@example.org"])
    _member(admin, cesena, Membership.Role.ADMIN)

    for email, name, key, role, job_title in PEOPLE:
        user = ensure_account(DemoAccount(email, name, role))
        if not user.job_title:
            user.job_title = job_title
            user.visible_in_directory = True
            user.save(update_fields=["job_title", "visible_in_directory"])
        _member(user, _organisation(key), role)
    # A request waiting for Cesena's admin.
    waiting = ensure_account(DemoAccount("nuova.richiesta@example.org", "Irene Costa", ""))
    _member(waiting, cesena, Membership.Role.MEMBER, status=Membership.Status.PENDING)
    stdout.write(
        f"{Organisation.objects.count()} organisations ({result.created} new), "
        f"{Membership.objects.count()} memberships."
    )
