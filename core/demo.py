"""Demo content of the site itself: the page tree, the home page and the demo accounts.

``manage.py load_demo`` runs the ``demo.load()`` of every app in INSTALLED_APPS order; each is
idempotent, so the command is safe to run twice. Later apps add their content the same way.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from core.demo_legal import ensure_legal_pages, ensure_site_identity
from core.models import HomePage
from core.navigation import MainMenu, MainMenuItem
from core.sections import site_sections

HOME_INTRO = (
    "<p>Comuni, unioni e enti del terzo settore che praticano l'amministrazione condivisa dei "
    "beni comuni si raccontano cosa funziona, si visitano e restano in contatto. Qui trovi le "
    "schede delle buone pratiche, le proposte di scambio con posti e date, i tavoli di lavoro "
    "delle comunità di amministratori e la cassetta degli attrezzi con bandi, patti e "
    "regolamenti da riusare.</p>"
)

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
    # Each app registers its section index page (core.sections), in menu order.
    for section in site_sections():
        _ensure_child(
            home,
            section.model,
            section.slug,
            title=section.title,
            intro=section.intro,
            show_in_menus=True,
        )
    ensure_main_menu(home)
    ensure_site_identity(ensure_legal_pages(home))
    return home


def load(stdout) -> None:
    ensure_site_tree()
    stdout.write("Site tree and pages ready.")
