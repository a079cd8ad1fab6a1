"""The footer, the privacy notice and the accessibility statement come from editable settings
and pages (Designers Italia's municipal footer, AGID's model statement, GDPR art. 13)."""

import pytest
from wagtail.models import Site

from core.legal_pages import AccessibilityStatementPage, PrivacyNoticePage
from core.site_settings import SiteIdentity


def _identity() -> SiteIdentity:
    return SiteIdentity.for_site(Site.objects.get(is_default_site=True))


@pytest.mark.django_db
def test_footer_shows_owning_body_contacts_and_legal_links_from_settings(client, site_tree):
    identity = _identity()
    identity.owner_name = "Unione di prova"
    identity.owner_address = "Piazza Prova 1\n47000 Nessun luogo"
    identity.owner_pec = "prova@pec.example.org"
    identity.linkedin_url = "https://www.linkedin.com/company/example"
    identity.save()

    html = client.get("/", HTTP_ACCEPT_LANGUAGE="it").content.decode()

    footer = html[html.index('<footer class="it-footer"') :]
    assert "Unione di prova" in footer
    assert "Piazza Prova 1<br>47000 Nessun luogo" in footer
    assert 'href="mailto:prova@pec.example.org"' in footer
    assert "https://www.linkedin.com/company/example" in footer
    for label, url in [
        ("Informativa privacy", "/privacy/"),
        ("Note legali", "/note-legali/"),
        ("Dichiarazione di accessibilità", "/accessibilita/"),
        ("Mappa del sito", "/mappa-del-sito/"),
    ]:
        assert f'<a href="{url}">{label}</a>' in footer


@pytest.mark.django_db
def test_footer_hides_empty_rows(client, site_tree):
    identity = _identity()
    identity.owner_pec = ""
    identity.owner_phone = ""
    identity.facebook_url = identity.linkedin_url = ""
    identity.legal_notes_page = None
    identity.save()

    html = client.get("/", HTTP_ACCEPT_LANGUAGE="it").content.decode()

    assert 'data-testid="footer-pec"' not in html
    assert "tel:" not in html
    assert "Seguici" not in html
    assert "/note-legali/" not in html


@pytest.mark.django_db
def test_accessibility_statement_has_agid_model_fields(client, site_tree):
    page = AccessibilityStatementPage.objects.get()
    page.agid_statement_url = "https://form.agid.gov.it/view/example"
    page.feedback_contact = "accessibilita@example.org"
    page.save_revision().publish()

    html = client.get(page.url, HTTP_ACCEPT_LANGUAGE="it").content.decode()

    for heading in [
        "Stato di conformità",
        "Contenuti non accessibili",
        "Redazione della dichiarazione",
        "Meccanismo di feedback e contatti",
        "Procedura di attuazione",
    ]:
        assert heading in html, heading
    assert "<strong>parzialmente conforme</strong>" in html
    assert 'href="mailto:accessibilita@example.org"' in html
    assert 'href="https://form.agid.gov.it/view/example"' in html
    assert '<time datetime="2027-03-10">' in html


@pytest.mark.django_db
def test_privacy_notice_lists_controller_dpo_purposes_bases_retention_and_rights(client, site_tree):
    page = PrivacyNoticePage.objects.get()

    html = client.get(page.url, HTTP_ACCEPT_LANGUAGE="it").content.decode()

    assert "Rete Scambi tra Comuni (titolare di esempio)" in html
    assert "dpo@example.org" in html
    assert html.count('data-testid="processing"') == len(page.processings)
    assert "Esecuzione di un servizio richiesto dalla persona (art. 6.1.b GDPR)" in html
    assert "Conservazione" in html
    assert "I tuoi diritti" in html
    assert "Come esercitarli" in html
    # What the demo says about deletion matches what the code does.
    assert "quelle già svolte restano senza il tuo nome" in html  # events/privacy.py


@pytest.mark.django_db
def test_demo_keeps_edited_settings(site_tree):
    from core.demo import ensure_site_tree

    identity = _identity()
    identity.owner_name = "Comune che ha adottato la piattaforma"
    identity.save()

    ensure_site_tree()

    assert _identity().owner_name == "Comune che ha adottato la piattaforma"


@pytest.mark.django_db
def test_site_map_lists_sections_and_their_pages(client, site_tree):
    from tests.practices.factories import make_practice

    practice = make_practice(title="Rete SpazioComune")

    response = client.get("/mappa-del-sito/", HTTP_ACCEPT_LANGUAGE="it")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/buone-pratiche/">Buone pratiche</a>' in html
    assert f'<a href="{practice.url}">Rete SpazioComune</a>' in html


@pytest.mark.django_db
def test_an_unconfigured_site_renders_its_footer_without_writing_settings(client, site_tree):
    SiteIdentity.objects.all().delete()

    html = client.get("/", HTTP_ACCEPT_LANGUAGE="it").content.decode()

    assert not SiteIdentity.objects.exists()
    assert 'data-testid="footer-contacts"' in html
    assert "/mappa-del-sito/" in html
