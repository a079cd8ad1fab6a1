"""Demo content of the legal pages and the site settings.

The owning body and its contacts are the demo network's own *example* values (example.org
addresses, no postal address): the README's demo section says so. A network that adopts the
platform replaces them under Settings > Owning body and contacts. The privacy notice says what
the code keeps today (members/privacy.py and the models' delete rules): keep them in step.
"""

from django.utils import timezone
from wagtail.models import Page, Site

from core.legal_pages import AccessibilityStatementPage, PrivacyNoticePage
from core.models import StandardPage
from core.site_settings import SiteIdentity

EXAMPLE_IDENTITY = {
    "owner_name": "Rete Scambi tra Comuni (ente di esempio)",
    "owner_email": "redazione@example.org",
    "owner_pec": "rete-scambi@pec.example.org",
    "controller_name": "Rete Scambi tra Comuni (titolare di esempio)",
    "controller_contact": "privacy@example.org",
    "dpo_name": "Responsabile della protezione dei dati (esempio)",
    "dpo_contact": "dpo@example.org",
}

PRIVACY_INTRO = (
    "<p>Questa informativa spiega quali dati personali tratta la piattaforma Scambi tra Comuni, "
    "perché, su quale base e per quanto tempo (art. 13 del Regolamento UE 2016/679).</p>"
)

PROCESSINGS = [
    {
        "purpose": "Account e appartenenza a un ente",
        "data": "Nome e cognome, e-mail, ente, ruolo (politico o tecnico), incarico, temi di "
        "interesse, lingua, preferenze sulle e-mail.",
        "legal_basis": "contract",
        "retention": "Finché hai un account. Se lo cancelli dal tuo profilo, cancelliamo "
        "l'account, le appartenenze agli enti e gli indirizzi e-mail; le decisioni che hai "
        "preso come amministratore di un ente restano senza il tuo nome.",
    },
    {
        "purpose": "Iscrizioni alle giornate di scambio e agli incontri",
        "data": "Sessione scelta, stato dell'iscrizione e sua storia, presenza, risposta "
        "sull'adozione della pratica dopo la visita.",
        "legal_basis": "contract",
        "retention": "Finché hai un account: l'ente ospitante le vede per organizzare la "
        "visita. Se cancelli l'account, le iscrizioni a sessioni ancora da svolgere vengono "
        "annullate (il posto passa a chi è in lista d'attesa); quelle già svolte restano senza "
        "il tuo nome, con il tuo ente e la loro storia, perché l'ente ospitante conti chi ha "
        "partecipato.",
    },
    {
        "purpose": "Discussioni delle comunità",
        "data": "I messaggi che scrivi e i temi che segui.",
        "legal_basis": "contract",
        "retention": "I messaggi restano nella discussione finché la comunità esiste; se "
        "cancelli l'account restano firmati «un ex membro», e il tuo nome e il tuo indirizzo "
        "e-mail vengono tolti dove li avevi scritti tu.",
    },
    {
        "purpose": "Sicurezza dell'accesso",
        "data": "Indirizzo IP e numero di tentativi di accesso o di iscrizione.",
        "legal_basis": "legitimate_interest",
        "retention": "Pochi minuti, nella memoria temporanea usata per limitare i tentativi.",
    },
    {
        "purpose": "Valutazione delle pagine",
        "data": "Il voto dato a una pagina, senza nome né indirizzo IP.",
        "legal_basis": "legitimate_interest",
        "retention": "Conservato in forma anonima per migliorare i contenuti.",
    },
]

PRIVACY_RECIPIENTS = (
    "<p>Gli enti che ospitano una visita vedono nome, ente e ruolo di chi si iscrive alle loro "
    "sessioni. Il tuo nome compare nella pagina pubblica del tuo ente solo se lo scegli nel "
    "profilo. Non vendiamo né cediamo i dati a terzi.</p>"
)

PRIVACY_RIGHTS = (
    "<p>Hai diritto di accedere ai tuoi dati, farli correggere o cancellare, limitarne il "
    "trattamento, opporti e riceverli in un formato leggibile (artt. 15-22 del Regolamento). "
    "Puoi proporre reclamo al Garante per la protezione dei dati personali.</p>"
)

PRIVACY_EXERCISE = (
    "<p>Dalla pagina del tuo profilo puoi scaricare tutti i tuoi dati e cancellare il tuo "
    "account. Per ogni altra richiesta scrivi al titolare o al responsabile della protezione "
    "dei dati agli indirizzi indicati sopra: rispondiamo entro 30 giorni.</p>"
)

ACCESSIBILITY = {
    "conformity_status": AccessibilityStatementPage.Conformity.PARTIALLY,
    "non_accessible_content": (
        "<p>I documenti PDF caricati dagli enti (bandi, regolamenti, verbali) possono non "
        "essere accessibili: la redazione chiede a ogni ente una versione in formato aperto "
        "e la fornisce su richiesta.</p>"
    ),
    "assessment_method": AccessibilityStatementPage.Method.SELF,
    "assessment_notes": (
        "<p>Il sito usa il kit Bootstrap Italia di Designers Italia. I test automatici "
        "controllano con axe-core le pagine principali, in italiano e in inglese, su schermi "
        "da telefono e da computer, e il percorso di iscrizione da tastiera.</p>"
    ),
    "feedback": (
        "<p>Se trovi un contenuto non accessibile o un ostacolo, scrivici: rispondiamo entro "
        "30 giorni.</p>"
    ),
    "enforcement": (
        "<p>Se la risposta non è soddisfacente o non arriva entro 30 giorni, puoi rivolgerti "
        "al difensore civico per il digitale presso AGID.</p>"
    ),
}

LEGAL_NOTES_BODY = (
    "<p>I contenuti pubblicati dagli enti restano dei rispettivi autori. Salvo diversa "
    "indicazione, i testi della piattaforma sono rilasciati con licenza Creative Commons "
    "Attribuzione 4.0 (CC BY 4.0).</p>"
)


def _ensure_page(home: Page, model, slug: str, **fields) -> Page:
    existing = home.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_legal_pages(home: Page) -> dict[str, Page]:
    """The privacy notice, the accessibility statement and the legal notes under the home."""
    today = timezone.localdate()
    privacy = _ensure_page(
        home,
        PrivacyNoticePage,
        "privacy",
        title="Informativa sulla privacy",
        intro=PRIVACY_INTRO,
        processings=[("processing", processing) for processing in PROCESSINGS],
        recipients=PRIVACY_RECIPIENTS,
        rights=PRIVACY_RIGHTS,
        how_to_exercise=PRIVACY_EXERCISE,
        updated_on=today,
    )
    accessibility = _ensure_page(
        home,
        AccessibilityStatementPage,
        "accessibilita",
        title="Dichiarazione di accessibilità",
        prepared_on=today,
        reviewed_on=today,
        **ACCESSIBILITY,
    )
    legal_notes = _ensure_page(
        home,
        StandardPage,
        "note-legali",
        title="Note legali",
        summary="Diritti sui contenuti e licenze.",
        body=LEGAL_NOTES_BODY,
    )
    return {"privacy": privacy, "accessibility": accessibility, "legal_notes": legal_notes}


def ensure_site_identity(pages: dict[str, Page]) -> None:
    """Fill the settings of every site with the example values, once (editors' changes stay)."""
    for site in Site.objects.all():
        identity = SiteIdentity.for_site(site)
        if identity.owner_name:
            continue
        for name, value in EXAMPLE_IDENTITY.items():
            setattr(identity, name, value)
        identity.privacy_page = pages["privacy"]
        identity.accessibility_page = pages["accessibility"]
        identity.legal_notes_page = pages["legal_notes"]
        identity.save()
