"""A member joins the North-West community, the coordinator publishes the minutes of a meeting
and the participation chart shows them; a reply in a topic she watches reaches her by e-mail.
The community page, the topic page and the meeting page pass axe-core."""

import pytest
from django.core import mail

PASSWORD = "a-long-test-password"


def log_in(page, email):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    page.wait_for_url("**/")


@pytest.mark.django_db(transaction=True)
def test_community_journey(page, live_server, assert_accessible):
    from core.demo import ensure_site_tree
    from events.models import MeetingPage
    from tests.factories import OrganisationFactory, UserFactory
    from tests.members.community_factories import (
        make_community,
        make_coordinator_user,
        make_meeting,
        make_topic,
        with_organisation,
    )

    ensure_site_tree()
    community = make_community("Comunità Nord-Ovest")
    coordinator = make_coordinator_user(
        community, full_name="Elena Marchetti", email="elena@labsus.example.org"
    )
    meeting = make_meeting(
        community, days=-1, title="Tavolo di Savona", mode="in_person", place="Savona"
    )
    topic = make_topic(community, coordinator, "Indicatori comuni", "Proviamo la scheda?")
    maria = UserFactory(full_name="Maria Rossi", email="maria.rossi@comune.example.it")
    with_organisation(maria, OrganisationFactory(name="Comune di Savona", slug="savona"))

    # She joins the community and watches the discussion.
    log_in(page, maria.email)
    page.goto(community.url)
    assert_accessible(page)
    page.get_by_role("button", name="Entra nella comunità").click()
    assert page.get_by_text("ora fai parte della comunità").is_visible()
    page.get_by_role("link", name="Indicatori comuni").click()
    page.get_by_text("In osservazione: e-mail per ogni nuovo messaggio").click()
    page.get_by_role("button", name="Salva").click()
    assert page.get_by_text("impostazioni di notifica sono state salvate").is_visible()
    assert_accessible(page)

    # The coordinator publishes the minutes and replies in the topic.
    log_in(page, coordinator.email)
    page.goto(meeting.url)
    assert_accessible(page)
    page.get_by_role("link", name="Scrivi il verbale").click()
    assert_accessible(page)
    page.get_by_label("Tavolo tematico 1: tema").fill("Impatti diretti")
    page.get_by_label("Tavolo tematico 1: cosa è emerso").fill("Servono dati comuni")
    page.get_by_text("Comune di Savona", exact=True).click()
    page.get_by_label("Numero di partecipanti").fill("23")
    page.get_by_role("button", name="Pubblica il verbale").click()
    assert page.get_by_text("Il verbale è stato pubblicato").is_visible()
    assert page.get_by_role("heading", name="Impatti diretti").is_visible()
    assert_accessible(page)
    assert MeetingPage.objects.get(pk=meeting.pk).participant_count == 23

    page.goto(community.url)
    chart = page.get_by_role("img", name="Persone ed enti a ogni incontro")
    assert chart.is_visible()
    page.get_by_text("Mostra i dati in una tabella").click()
    row = page.get_by_role("row", name="Tavolo di Savona")
    assert "23" in row.inner_text() and "1" in row.inner_text()
    assert_accessible(page)

    mail.outbox.clear()
    page.goto(community.url + f"discussioni/{topic.pk}/")
    page.get_by_label("La tua risposta").fill("Ecco la scheda aggiornata dopo **Savona**.")
    page.get_by_role("button", name="Pubblica la risposta").click()
    assert page.get_by_text("La tua risposta è stata pubblicata").is_visible()
    assert_accessible(page)
    assert [m.to for m in mail.outbox] == [[maria.email]]
    assert "Ecco la scheda aggiornata" in mail.outbox[0].body
