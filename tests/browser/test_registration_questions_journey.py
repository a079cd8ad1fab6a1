"""Issue 18's journey: an official answers the host's questions and registers for a full
session, is waitlisted, gets a seat offer, accepts it, is checked in and downloads her
certificate; the host exports the XLSX with her answers. axe-core checks every page."""

from datetime import timedelta

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
def test_questions_waitlist_offer_checkin_certificate_and_xlsx(
    page, live_server, assert_accessible
):
    from io import BytesIO

    from openpyxl import load_workbook

    from events import services
    from events.models import Registration, RegistrationQuestion
    from exchange import demo
    from exchange.models import ExchangeOfferPage
    from members.models import Organisation
    from tests.events.factories import make_session, member_of

    demo.load(open("/dev/null", "w"))  # noqa: SIM115
    offer = ExchangeOfferPage.objects.get(slug="co-progettazione-monza")
    offer.waitlist_mode = "offer"
    offer.save_revision().publish()
    session = make_session(offer, capacity=1, days_ahead=30, place="Monza (MB)")
    holder = member_of()
    held = services.register_for_session(session, holder)
    RegistrationQuestion.objects.create(
        page=offer, kind="short_text", label="Il tuo ruolo", required=True, sort_order=5
    )
    official = demo.ensure_user("giulia.verdi@example.org", "Giulia Verdi")
    demo.ensure_member(official, Organisation.objects.get(istat_code="037006"), "member")

    # She answers the questions and joins the waiting list of the full session.
    sign_in(page, "giulia.verdi@example.org")
    page.goto(offer.url + f"#session-{session.pk}")
    assert_accessible(page)
    page.locator(f"#session-state-{session.pk}").get_by_role("link", name="Entra in lista").click()
    assert_accessible(page)
    page.get_by_label("Il tuo ruolo").fill("Funzionaria partecipazione")
    page.get_by_label("Esigenze alimentari").first.fill("Vegetariana")
    page.get_by_role("button", name="Invia e iscriviti").click()
    registration = Registration.objects.get(user=official, session=session)
    assert registration.status == "waitlisted"

    # The holder cancels: the seat is offered to her by e-mail; she accepts it.
    mail.outbox.clear()
    services.cancel_registration(held, actor=holder)
    registration.refresh_from_db()
    assert registration.status == "offered"
    page.goto(registration.seat_offer_url)
    assert_accessible(page)
    page.get_by_role("button", name="Accetta il posto").click()
    registration.refresh_from_db()
    assert registration.status == "confirmed"

    # The host checks her in on the day, then she downloads her certificate.
    services.mark_attendance(
        registration, attended=True, actor=None, now=session.starts_at + timedelta(minutes=10)
    )
    page.goto("/eventi/le-mie-iscrizioni/")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Attestato di partecipazione (PDF)").first.click()
    assert open(download.value.path(), "rb").read(4) == b"%PDF"

    # The host exports the XLSX with her answers.
    host = demo.ensure_user("host.monza@example.org", "Host Monza")
    demo.ensure_member(host, offer.organisation, "editor")
    sign_in(page, "host.monza@example.org")
    page.goto(f"/eventi/gestione/sessioni/{session.pk}/")
    assert_accessible(page)
    assert page.get_by_text("Funzionaria partecipazione").first.is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Scarica l'elenco (Excel)").click()
    sheet = load_workbook(BytesIO(open(download.value.path(), "rb").read())).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Funzionaria partecipazione" in values and "Vegetariana" in values
