"""The exchange journey: an official takes the last seat of Cesena's session, the next person
is waitlisted, the first cancels, the waitlisted person is promoted and e-mailed, and the host
downloads the CSV. Offer page, my registrations and the dashboard pass axe-core."""

import pytest
from django.core import mail

from members.demo_accounts import DEMO_PASSWORD


def sign_in(page, email):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    page.wait_for_url("**/")


@pytest.mark.django_db(transaction=True)
def test_last_seat_waitlist_promotion_and_csv(page, live_server, assert_accessible):
    from django.urls import reverse
    from django.utils import timezone

    from events import services
    from events.models import Registration, Session
    from exchange import demo
    from exchange.models import ExchangeOfferPage
    from members.models import Organisation
    from tests.events.factories import member_of

    demo.load(open("/dev/null", "w"))
    offer = ExchangeOfferPage.objects.get(slug="spaziocomune-cesena")
    # The first of the coming editions (the demo's Cesena offer has several sessions, "E").
    session = (
        Session.objects.filter(page=offer, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    card = f"#session-{session.pk}"
    first = demo.ensure_user("anna.first@example.org", "Anna Prima")
    demo.ensure_member(first, Organisation.objects.get(istat_code="034027"), "member")
    second = demo.ensure_user("bruno.second@example.org", "Bruno Secondo")
    demo.ensure_member(second, Organisation.objects.get(istat_code="039014"), "member")
    # Fill the session up to its last free seat.
    taken = session.registrations.filter(status__in=Registration.SEATED).count()
    for _ in range(session.capacity - 1 - taken):
        services.register_for_session(session, member_of())
    mail.outbox.clear()

    # The first official takes the last seat.
    sign_in(page, "anna.first@example.org")
    page.goto(offer.url)
    assert_accessible(page)
    page.locator(card).get_by_role("button", name="Iscriviti").click()
    # htmx swaps the session's state in place (the same form posts without JavaScript), and
    # the card's free-seat figure with it (out of band).
    page.locator(card).get_by_text("Sei iscritta o iscritto").first.wait_for()
    page.locator(card).get_by_text("0 posti liberi").wait_for()
    page.reload()
    assert page.locator(card).get_by_text("0 posti liberi").is_visible()

    # The next person finds the session full and joins the waiting list.
    sign_in(page, "bruno.second@example.org")
    page.goto(offer.url)
    page.locator(card).get_by_role("button", name="Entra in lista d'attesa").click()
    page.locator(card).get_by_text("Sei il numero 1 in lista d'attesa").first.wait_for()

    # The first cancels from "my registrations"; the waitlisted person is promoted and told.
    sign_in(page, "anna.first@example.org")
    page.goto("/eventi/le-mie-iscrizioni/")
    assert_accessible(page)
    mail.outbox.clear()
    page.get_by_role("link", name="Annulla").first.click()
    assert_accessible(page)  # "do you want to cancel?" first
    page.get_by_role("button", name="Sì, annulla la mia iscrizione").click()
    page.wait_for_url("**/le-mie-iscrizioni/")
    assert Registration.objects.get(user=second, session=session).status == "confirmed"
    by_person = {m.to[0]: m.subject for m in mail.outbox}
    assert "posto per te" in by_person["bruno.second@example.org"]
    assert "annullata" in by_person["anna.first@example.org"].lower()

    sign_in(page, "bruno.second@example.org")
    page.goto("/eventi/le-mie-iscrizioni/")
    assert page.get_by_text("Confermat").first.is_visible()

    # The host sees the list and downloads the CSV.
    sign_in(page, "editor@example.org")
    page.goto("/eventi/gestione/")
    assert_accessible(page)
    page.locator(f'a[href="{reverse("events:host_session", args=[session.pk])}"]').click()
    assert_accessible(page)
    assert page.get_by_text("Bruno Secondo").first.is_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Scarica l'elenco (CSV)").click()
    content = open(download_info.value.path(), encoding="utf-8-sig").read()
    assert "Bruno Secondo" in content
    assert "Anna Prima" in content
