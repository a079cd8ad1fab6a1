"""Demo content of the site itself: the page tree, the home page and the demo accounts.

``manage.py load_demo`` runs the ``demo.load()`` of every app in INSTALLED_APPS order; each is
idempotent, so the command is safe to run twice. Later apps add their content the same way.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale, Page, Site

from core.demo_legal import ensure_legal_pages, ensure_site_identity
from core.models import HomePage
from core.navigation import MainMenu, MainMenuItem
from events.models import EventIndexPage
from exchange.models import ExchangeIndexPage
from members.models import CommunityIndexPage
from practices.models import PracticeIndexPage, ToolboxIndexPage

DEMO_PASSWORD = "demo-scambi-2026"  # noqa: S105 - published demo credential, dev only


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str


DEMO_ACCOUNTS = [
    DemoAccount("staff@example.org", "Giulia Ferri", "platform staff (Wagtail admin, moderation)"),
    DemoAccount("editor@example.org", "Marco Bellini", "editor of Comune di Cesena"),
    DemoAccount("official@example.org", "Sara Conti", "official of Comune di Monza"),
    DemoAccount(
        "admin.cesena@example.org", "Elena Rinaldi", "organisation admin of Comune di Cesena"
    ),
]

HOME_INTRO = (
    "<p>Comuni, unioni e enti del terzo settore che praticano l'amministrazione condivisa dei "
    "beni comuni si raccontano cosa funziona, si visitano e restano in contatto. Qui trovi le "
    "schede delle buone pratiche, le proposte di scambio con posti e date, i tavoli di lavoro "
    "delle comunità di amministratori e la cassetta degli attrezzi con bandi, patti e "
    "regolamenti da riusare.</p>"
)

SECTIONS = [
    (
        PracticeIndexPage,
        "Buone pratiche",
        "buone-pratiche",
        "<p>Le schede delle esperienze dei Comuni: cosa hanno fatto, con quali strumenti e "
        "con quali risultati.</p>",
    ),
    (
        ExchangeIndexPage,
        "Scambi",
        "scambi",
        "<p>Visite di studio di uno o due giorni proposte dai Comuni ospitanti: programma, "
        "date e posti disponibili.</p>",
    ),
    (
        EventIndexPage,
        "Eventi",
        "eventi",
        "<p>Il calendario delle giornate di scambio e degli incontri delle comunità.</p>",
    ),
    (
        CommunityIndexPage,
        "Comunità",
        "comunita",
        "<p>Le reti di amministratori che si incontrano ai tavoli di lavoro e discutono tra "
        "un incontro e l'altro.</p>",
    ),
    (
        ToolboxIndexPage,
        "Strumenti",
        "strumenti",
        "<p>Avvisi pubblici, concessioni, protocolli di rete, regolamenti e modelli di patto "
        "di collaborazione da adattare al proprio ente.</p>",
    ),
]


# English labels of the main menu (core.navigation); the Italian ones are the page titles.
MENU_LABELS_EN = {
    "buone-pratiche": "Good practices",
    "scambi": "Exchanges",
    "eventi": "Events",
    "comunita": "Communities",
    "strumenti": "Toolbox",
}


def ensure_main_menu(home: Page) -> None:
    """The main menu of every site, with English labels, unless an editor has set one."""
    sections = {page.slug: page for page in home.get_children().filter(slug__in=MENU_LABELS_EN)}
    for site in Site.objects.all():
        menu = MainMenu.for_site(site)
        if menu.items.exists():
            continue
        for order, (slug, label_en) in enumerate(MENU_LABELS_EN.items()):
            if slug in sections:
                MainMenuItem.objects.create(
                    menu=menu, page=sections[slug], label_en=label_en, sort_order=order
                )


def _ensure_child(parent: Page, model, slug: str, **fields) -> Page:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _create_tree_root() -> Page:
    """Wagtail's migrations create the tree root; a flushed test database has none."""
    from wagtail.coreutils import get_supported_content_language_variant

    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _ = Locale.objects.get_or_create(language_code=language)
    return Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


@transaction.atomic
def ensure_site_tree() -> HomePage:
    """The home page as the root of the default site, and the section index pages under it."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node() or _create_tree_root()
        home = HomePage(
            title="Scambi tra Comuni",
            slug="scambi-tra-comuni",
            intro_title="Impariamo gli uni dagli altri a curare i beni comuni",
            intro=HOME_INTRO,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        # Wagtail's welcome page, if present, gives way to ours.
        for site in Site.objects.all():
            old_root = site.root_page
            site.root_page = home
            site.save()
            if old_root.depth == 2 and old_root.pk != home.pk and old_root.specific_class is Page:
                old_root.delete()
        if not Site.objects.exists():
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Scambi tra Comuni",
            )
    for model, title, slug, intro in SECTIONS:
        _ensure_child(home, model, slug, title=title, intro=intro, show_in_menus=True)
    ensure_main_menu(home)
    ensure_site_identity(ensure_legal_pages(home))
    return home


def ensure_groups() -> tuple[Group, Group]:
    """Wagtail groups Moderators (platform staff) and Editors (organisation editors), their
    permissions and the moderation workflow: see ``members.setup``."""
    from members.setup import ensure_editorial_setup

    return ensure_editorial_setup()


def ensure_account(account: DemoAccount, **flags):
    from allauth.account.models import EmailAddress

    from members.models import User

    user, created = User.objects.get_or_create(
        email=account.email, defaults={"full_name": account.full_name, **flags}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    return user


def load(stdout) -> None:
    ensure_site_tree()
    moderators, editors = ensure_groups()
    staff = ensure_account(DEMO_ACCOUNTS[0], is_staff=True, is_superuser=True)
    staff.groups.add(moderators)
    editor = ensure_account(DEMO_ACCOUNTS[1])
    editor.groups.add(editors)
    ensure_account(DEMO_ACCOUNTS[2])
    stdout.write("Site tree, pages and demo accounts ready.")
