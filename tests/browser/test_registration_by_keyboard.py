"""The registration journey by keyboard alone (WCAG 2.1.1, issue 19): an official signs in,
opens the offer, answers the host's question and registers, pressing only Tab, Shift+Tab,
typing and Enter; every control she reaches shows where the focus is."""

import pytest

from events.models import Registration, RegistrationQuestion
from tests.events.factories import make_offer, make_session, member_of

# The focused element, described for the test, and whether it matches :focus-visible with a
# visible outline or box shadow (Bootstrap Italia's focus ring).
FOCUS_JS = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const style = getComputedStyle(e);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
        || (style.boxShadow && style.boxShadow !== 'none');
    return {
        tag: e.tagName.toLowerCase(),
        id: e.id,
        name: e.getAttribute('name') || '',
        text: (e.innerText || e.value || '').trim(),
        visible: e.matches(':focus-visible') && ring,
    };
}"""


def tab_to(page, matches, limit=120) -> dict:
    """Press Tab until the focused element satisfies ``matches``; fail if it never comes or if
    a control on the way shows no focus ring."""
    unringed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_JS)
        if focused is None:
            continue
        if not focused["visible"]:
            unringed.append(focused)
        if matches(focused):
            assert unringed == [], f"no visible focus on {unringed}"
            return focused
    raise AssertionError("never reached by Tab")


@pytest.mark.django_db(transaction=True)
def test_an_official_registers_with_the_keyboard_alone(page, live_server, assert_accessible):
    offer = make_offer(title="Visita ai patti di collaborazione")
    session = make_session(offer, capacity=5, days_ahead=30, place="Cesena (FC)")
    RegistrationQuestion.objects.create(
        page=offer, kind="short_text", label="Il tuo ruolo", required=True, sort_order=1
    )
    official = member_of(email="giulia.verdi@example.org", full_name="Giulia Verdi")

    # Sign in: to the e-mail field, the password field, Enter.
    page.goto("/accounts/login/")
    tab_to(page, lambda f: f["name"] == "login")
    page.keyboard.type("giulia.verdi@example.org")
    tab_to(page, lambda f: f["name"] == "password")
    page.keyboard.type("a-long-test-password")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    assert page.get_by_test_id("current-user").count() == 1

    # The offer: Tab reaches the session's registration control, Enter follows it.
    page.goto(offer.url)
    tab_to(page, lambda f: f["text"].startswith("Iscriviti"))
    page.keyboard.press("Enter")
    page.get_by_label("Il tuo ruolo").wait_for()
    assert_accessible(page)

    # The form: sent empty, the required answer is refused with a message (nothing is booked);
    # she tabs to the answer, types it, tabs to the button and sends the form with Enter.
    question = RegistrationQuestion.objects.get(page=offer)
    tab_to(page, lambda f: f["text"].startswith("Invia e iscriviti"))
    page.keyboard.press("Enter")
    page.get_by_text("Alcune risposte mancano o non sono valide").wait_for()
    assert page.get_by_text("Questo campo è obbligatorio").first.is_visible()
    assert not Registration.objects.filter(user=official).exists()
    tab_to(page, lambda f: f["name"] == f"q{question.pk}")
    page.keyboard.type("Funzionaria partecipazione")
    tab_to(page, lambda f: f["text"].startswith("Invia e iscriviti"))
    page.keyboard.press("Enter")
    page.get_by_text("Sei iscritta o iscritto").first.wait_for()
    registration = Registration.objects.get(user=official, session=session)
    assert registration.status == "confirmed"
    assert [answer["value"] for answer in registration.answers] == ["Funzionaria partecipazione"]
