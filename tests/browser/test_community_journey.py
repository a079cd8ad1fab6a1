"""The whole life of a community meeting in the browser: a member joins the North-West
community and registers for its next meeting; the meeting takes place; the coordinator records
attendance and publishes the minutes, pre-filled from it; the participation chart shows the
meeting; a reply in a topic she watches reaches her by e-mail. Every page passes axe-core."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

PASSWORD = "a-long-test-password"


def log_in(page, email):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Accedi").click()


def submit(page, button_name):
    with page.expect_navigation():
        page.get_by_role("button", name=button_name).click()


@pytest.mark.django_db(transaction=True)
def test_community_journey(page, live_server, assert_accessible):
    from communities.models import MeetingPage
    from core.demo import ensure_site_tree
    from events.models import Registration
    from tests.communities.factories import (
        make_community,
        make_coordinator_user,
        make_meeting,
        make_topic,
        with_organisation,
    )
    from tests.factories import OrganisationFactory, UserFactory

    ensure_site_tree()
    community = make_community("Comunità Nord-Ovest")
    coordinator = make_coordinator_user(
        community, full_name="Elena Marchetti", email="elena@labsus.example.org"
    )
    make_meeting(community, days=-60, title="Tappa di Chieri", participant_count=18)
    meeting = make_meeting(
        community, days=7, title="Tavolo di Savona", mode="in_person", place="Savona"
    )
    topic = make_topic(community, coordinator, "Indicatori comuni", "Proviamo la scheda?")
    maria = UserFactory(full_name="Maria Rossi", email="maria.rossi@comune.example.it")
    with_organisation(maria, OrganisationFactory(name="Comune di Savona", slug="savona"))

    # She joins the community...
    log_in(page, maria.email)
    page.goto(community.url)
    assert_accessible(page)
    submit(page, "Entra nella comunità")
    assert page.get_by_text("ora fai parte della comunità").is_visible()

    # ...registers for its next meeting...
    page.get_by_role("link", name="Tavolo di Savona").first.click()
    page.wait_for_url(f"**{meeting.url}")
    # htmx swaps the session's state in place (the same form posts without JavaScript).
    page.get_by_role("button", name="Iscriviti").click()
    page.get_by_text("Sei iscritta o iscritto", exact=True).first.wait_for()
    assert_accessible(page)
    assert Registration.objects.get(user=maria).status == Registration.Status.CONFIRMED

    # ...and watches a discussion.
    page.goto(community.url + f"discussioni/{topic.pk}/")
    page.get_by_text("In osservazione: e-mail per ogni nuovo messaggio").click()
    submit(page, "Salva")
    assert page.get_by_text("impostazioni di notifica sono state salvate").is_visible()
    assert_accessible(page)

    # A week passes: the meeting took place (its date moves to yesterday, as published).
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    meeting.start = timezone.now() - timedelta(days=1)
    meeting.save_revision().publish()

    # The coordinator records who came; the minutes form is pre-filled from it.
    log_in(page, coordinator.email)
    page.goto(meeting.url)
    assert_accessible(page)
    page.get_by_role("link", name="Registra le presenze").click()
    assert_accessible(page)
    page.get_by_text("Maria Rossi · Comune di Savona").click()
    submit(page, "Registra le presenze")
    assert page.get_by_text("Presenze registrate: 1 presenti").is_visible()
    assert page.get_by_label("Comune di Savona").is_checked()
    assert page.get_by_label("Numero di partecipanti").input_value() == "1"
    assert_accessible(page)
    page.get_by_label("Tavolo tematico 1: tema").fill("Impatti diretti")
    page.get_by_label("Tavolo tematico 1: cosa è emerso").fill("Servono dati comuni")
    submit(page, "Pubblica il verbale")
    assert page.get_by_text("Il verbale è stato pubblicato").is_visible()
    assert page.get_by_role("heading", name="Impatti diretti").is_visible()
    assert_accessible(page)
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    assert meeting.participant_count == 1
    assert [o.name for o in meeting.participating_organisations.all()] == ["Comune di Savona"]
    assert Registration.objects.get(user=maria).status == Registration.Status.ATTENDED

    # The participation chart shows both meetings.
    page.goto(community.url)
    chart = page.get_by_role("img", name="Persone ed enti a ogni incontro")
    assert chart.is_visible()
    page.get_by_text("Mostra i dati in una tabella").click()
    cells = page.get_by_role("row", name="Tavolo di Savona").get_by_role("cell")
    assert cells.all_inner_texts()[-2:] == ["1", "1"]
    assert "18" in page.get_by_role("row", name="Tappa di Chieri").inner_text()
    assert_accessible(page)

    # A reply in the watched topic reaches her by e-mail.
    mail.outbox.clear()
    page.goto(community.url + f"discussioni/{topic.pk}/")
    page.get_by_label("La tua risposta").fill("Ecco la scheda aggiornata dopo **Savona**.")
    submit(page, "Pubblica la risposta")
    assert page.get_by_text("La tua risposta è stata pubblicata").is_visible()
    assert_accessible(page)
    assert [m.to for m in mail.outbox] == [[maria.email]]
    assert "Ecco la scheda aggiornata" in mail.outbox[0].body
