"""Demo content of the site itself: the page tree, the home page and the demo accounts.

``manage.py load_demo`` runs the ``demo.load()`` of every app in INSTALLED_APPS order; each is
idempotent, so the command is safe to run twice. Later apps add their content the same way.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from core.models import HomePage, StandardPage
from core.sections import site_sections

HOME_INTRO = (
    "<p>Comuni, unioni e enti del terzo settore che praticano l'amministrazione condivisa dei "
    "beni comuni si raccontano cosa funziona, si visitano e restano in contatto. Qui trovi le "
    "schede delle buone pratiche, le proposte di scambio con posti e date, i tavoli di lavoro "
    "delle comunità di amministratori e la cassetta degli attrezzi con bandi, patti e "
    "regolamenti da riusare.</p>"
)

PRIVACY_BODY = (
    "<h2>Chi tratta i dati</h2><p>La piattaforma è gestita dallo staff della rete regionale. "
    "Trattiamo i dati che ci fornisci per farti partecipare agli scambi e alle comunità.</p>"
    "<h2>Quali dati teniamo e perché</h2><ul><li>Nome, e-mail, ente e ruolo: per riconoscerti e "
    "per permettere agli enti ospitanti di organizzare le visite.</li><li>Iscrizioni e "
    "presenze: per gestire i posti e per le statistiche degli enti ospitanti; se cancelli il "
    "tuo account restano conteggiate ma senza il tuo nome.</li><li>Messaggi nelle discussioni: "
    "per la vita delle comunità.</li><li>Profilo (incarico, temi di interesse, lingua, "
    "preferenze sulle e-mail): il tuo nome compare nella pagina pubblica del tuo ente solo se "
    "lo scegli tu.</li></ul><h2>I tuoi diritti</h2><p>Puoi scaricare i tuoi dati "
    "e cancellare il tuo account dalla pagina del tuo profilo.</p>"
)

ACCESSIBILITY_BODY = (
    "<p>Il sito è costruito con il kit Bootstrap Italia di Designers Italia e punta alla "
    "conformità WCAG 2.1 livello AA. I test automatici controllano ogni pagina principale con "
    "axe-core. Se trovi un ostacolo, scrivi allo staff: risponderemo entro 30 giorni.</p>"
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
    _ensure_child(
        home,
        StandardPage,
        "privacy",
        title="Informativa sulla privacy",
        summary="Quali dati teniamo, perché e per quanto tempo.",
        body=PRIVACY_BODY,
    )
    _ensure_child(
        home,
        StandardPage,
        "accessibilita",
        title="Dichiarazione di accessibilità",
        summary="Come rendiamo il sito usabile da tutte e tutti.",
        body=ACCESSIBILITY_BODY,
    )
    return home


def load(stdout) -> None:
    ensure_site_tree()
    stdout.write("Site tree and pages ready.")
