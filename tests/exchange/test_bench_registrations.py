"""``bench_registrations`` runs end to end: its worker threads register everyone, nobody is
overbooked, and each closes its own database connection."""

from io import StringIO

import pytest
from django.core.management import call_command

from events.models import Registration


@pytest.mark.django_db(transaction=True)
def test_the_registration_bench_fills_the_seats_and_queues_the_rest():
    out = StringIO()
    call_command("bench_registrations", people=12, seats=3, max_connections=3, stdout=out)
    report = out.getvalue()
    assert "Confirmed 3, waitlisted 9, errors 0: no overbooking" in report
    assert Registration.objects.filter(status="confirmed").count() == 3
