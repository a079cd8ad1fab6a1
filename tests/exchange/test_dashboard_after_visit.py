"""After the visit: the host dashboard shows, for past sessions of an offer, the follow-up
answers of the people who attended and the transfers recorded on the offer's practice.

events knows neither offers nor practices: exchange plugs the section in through
``events.registry.register_dashboard_section``."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from core.demo import ensure_site_tree
from events import registry, services
from events.models import Registration
from members.models import Membership
from practices.models import Adoption, TransferValue
from tests.events.factories import make_offer, make_session, member_of
from tests.factories import OrganisationFactory
from tests.practices.factories import SharedIndicatorFactory, make_practice

pytestmark = pytest.mark.django_db


def shown(choice) -> str:
    """A choice's label as the Italian page shows it (escaped)."""
    with translation.override("it"):
        return str(escape(choice.label))


NOW = datetime(2027, 5, 20, 10, 0, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def visit(clock):
    ensure_site_tree()
    host_org = OrganisationFactory(name="Comune di Cesena")
    practice = make_practice(organisation=host_org, title="Patti di collaborazione")
    offer = make_offer(host_org, title="Visita a Cesena", practice=practice)
    past = make_session(offer, days_ahead=-10)
    upcoming = make_session(offer, days_ahead=10)
    attendee = member_of(OrganisationFactory(name="Comune di Forli"), full_name="Anna Verdi")
    absent = member_of(OrganisationFactory(name="Comune di Rimini"), full_name="Bruno Neri")
    with time_machine.travel(past.starts_at - timedelta(days=5), tick=False):
        attended = services.register_for_session(past, attendee)
        missed = services.register_for_session(past, absent)
    services.mark_attendance(attended, attended=True, actor=None, now=past.starts_at)
    services.mark_attendance(missed, attended=False, actor=None, now=past.starts_at)
    attended.refresh_from_db()
    services.answer_followup(attended, "yes")
    later = member_of(full_name="Carla Bianchi")
    services.register_for_session(upcoming, later)
    transfer = Adoption.objects.get(practice=practice)
    transfer.stage = Adoption.Stage.RESULTS
    transfer.adapted = "Regolamento riscritto per le frazioni"
    transfer.save()
    TransferValue.objects.create(
        transfer=transfer,
        shared=SharedIndicatorFactory(name="Patti firmati", unit="patti"),
        period_label="2027",
        value=Decimal("12"),
    )
    host = member_of(host_org, role=Membership.Role.EDITOR)
    return {"host": host, "offer": offer, "practice": practice, "past": past}


def test_exchange_registers_a_dashboard_section():
    assert "exchange_after_visit" in [section.key for section in registry.dashboard_sections()]


def test_dashboard_shows_followup_answers_of_attendees_and_transfers(client, visit):
    client.force_login(visit["host"])
    response = client.get(reverse("events:host_sessions"))
    assert response.status_code == 200
    html = response.content.decode()
    section = html[html.index('id="after-visit-title"') :]
    assert "Anna Verdi" in section
    assert "Comune di Forli" in section
    assert shown(Registration.Answer.YES) in section
    # People who did not attend, and sessions still to come, are not part of it.
    assert "Bruno Neri" not in section
    assert "Carla Bianchi" not in section
    # The transfer on the offer's practice: stage, what was adapted, its results.
    assert "Regolamento riscritto per le frazioni" in section
    assert "Patti firmati" in section
    assert "12" in section


def test_another_hosts_dashboard_does_not_show_them(client, visit):
    client.force_login(member_of(OrganisationFactory(), role=Membership.Role.EDITOR))
    html = client.get(reverse("events:host_sessions")).content.decode()
    assert "Anna Verdi" not in html
    assert "Regolamento riscritto" not in html


def test_no_section_without_past_sessions(client, clock):
    host_org = OrganisationFactory()
    offer = make_offer(host_org)
    make_session(offer, days_ahead=5)
    client.force_login(member_of(host_org, role=Membership.Role.EDITOR))
    html = client.get(reverse("events:host_sessions")).content.decode()
    assert 'id="after-visit-title"' not in html


def test_dashboard_query_count_is_flat(client, visit, django_assert_max_num_queries):
    """Pinned, and more past sessions, attendees and transfers add no query."""
    client.force_login(visit["host"])
    url = reverse("events:host_sessions")
    client.get(url)  # caches warm (menu, site), as for every request after the first
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    host_org = visit["offer"].organisation
    for index in range(3):
        other = make_offer(host_org, title=f"Visita {index}", practice=visit["practice"])
        session = make_session(other, days_ahead=-20 - index)
        person = member_of()
        with time_machine.travel(session.starts_at - timedelta(days=3), tick=False):
            registration = services.register_for_session(session, person)
        services.mark_attendance(registration, attended=True, actor=None, now=session.starts_at)
        registration.refresh_from_db()
        services.answer_followup(registration, "planned")
    with django_assert_max_num_queries(16):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count(shown(Registration.Answer.PLANNED)) == 3
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
