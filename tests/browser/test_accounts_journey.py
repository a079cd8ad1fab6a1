"""A new official signs up, follows the verification link from the outbox, logs in and sees
her name; every page on the way passes axe-core."""

import re

import pytest
from django.core import mail


@pytest.mark.django_db(transaction=True)
def test_signup_verify_login_journey(page, live_server, assert_accessible):
    from core.demo import ensure_site_tree
    from tests.factories import OrganisationFactory

    ensure_site_tree()
    OrganisationFactory(name="Comune di Cesena", slug="comune-di-cesena")

    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "it"
    assert_accessible(page)

    page.get_by_role("link", name="Registrati").first.click()
    page.get_by_label("Cerca il tuo ente").fill("Cesena")
    page.locator("label", has_text="Comune di Cesena").first.click()
    page.get_by_label("Il tuo ruolo").select_option("officer")
    assert_accessible(page)
    page.get_by_label("Nome e cognome").fill("Lucia Marini")
    page.get_by_label("Email").fill("lucia.marini@comune.example.it")
    page.locator("#id_password1").fill("una-password-lunga-42")
    page.get_by_label("Password (nuovamente)").fill("una-password-lunga-42")
    page.get_by_role("button", name="Crea il mio account").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert_accessible(page)

    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[0].body).group(
        1
    )
    page.goto(path)
    assert_accessible(page)
    page.get_by_role("button", name="Conferma").click()

    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email").fill("lucia.marini@comune.example.it")
    page.locator("#id_password").fill("una-password-lunga-42")
    page.get_by_role("button", name="Accedi").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_test_id("current-user").inner_text() == "Lucia Marini"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "url",
    [
        "/buone-pratiche/",
        "/search/?q=beni+comuni",
        "/pagina-che-non-esiste/",
        "/enti/?q=comune",
        "/accounts/signup/?q=comune",
    ],
)
def test_key_pages_are_accessible(page, live_server, assert_accessible, url):
    from core.demo import ensure_site_tree

    ensure_site_tree()
    page.goto(url)
    assert_accessible(page)
