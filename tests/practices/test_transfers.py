"""The transfer journey: stage, adaptation, reused tools and the adopter's own values."""

from decimal import Decimal

import pytest
from django.urls import reverse

from members.models import Membership
from practices.models import Adoption
from practices.services import (
    OwnPractice,
    ReportedValue,
    TransferNotAllowed,
    record_adoption,
    record_transfer,
)
from tests.factories import OrganisationFactory
from tests.members.factories import MembershipFactory
from tests.practices.factories import (
    SharedIndicatorFactory,
    add_indicator,
    make_practice,
    make_tool,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(site_tree, member):
    owner = OrganisationFactory(name="Comune di Cesena", slug="cesena")
    adopter = OrganisationFactory(name="Comune di Forlì", slug="forli", population=117_000)
    MembershipFactory(user=member, organisation=adopter, role=Membership.Role.EDITOR)
    practice = make_practice(organisation=owner, title="SpazioComune")
    tool = make_tool(title="Avviso pubblico", organisation=owner)
    practice.tools.set([tool])
    practice.save_revision().publish()
    shared = SharedIndicatorFactory(slug="volontari", name="Volontari attivi")
    add_indicator(practice, shared=shared, values=(("2024", 400),))
    return practice, owner, adopter, tool, shared


def test_an_editor_records_her_organisations_transfer(setting, member):
    practice, _owner, adopter, tool, shared = setting
    transfer = record_transfer(
        practice,
        adopter,
        actor=member,
        stage=Adoption.Stage.RESULTS,
        year=2026,
        adapted="Un solo immobile, gestito da due associazioni.",
        tools=[tool],
        values=[ReportedValue(shared=shared, period_label="2026", value=Decimal("120"))],
    )
    assert transfer.stage == "results"
    assert transfer.source == Adoption.Source.MEMBER
    assert list(transfer.tools_reused.all()) == [tool]
    assert transfer.values.get().value == Decimal("120")
    # A second report updates the same transfer, and the value of a period is replaced.
    again = record_transfer(
        practice,
        adopter,
        actor=member,
        stage=Adoption.Stage.RESULTS,
        year=2026,
        values=[ReportedValue(shared=shared, period_label="2026", value=Decimal("130"))],
    )
    assert again.pk == transfer.pk and again.values.get().value == Decimal("130")


def test_only_editors_of_another_organisation_may_record(setting, user_factory):
    practice, owner, adopter, _tool, _shared = setting
    stranger = user_factory()
    with pytest.raises(TransferNotAllowed):
        record_transfer(practice, adopter, actor=stranger, stage="interested", year=2026)
    owner_editor = user_factory()
    MembershipFactory(user=owner_editor, organisation=owner, role=Membership.Role.EDITOR)
    with pytest.raises(OwnPractice):
        record_transfer(practice, owner, actor=owner_editor, stage="interested", year=2026)


def test_record_adoption_moves_an_earlier_stage_on(setting, member):
    practice, _owner, adopter, _tool, _shared = setting
    record_transfer(practice, adopter, actor=member, stage="visited", year=2025)
    adoption = record_adoption(practice, adopter, year=2026, reported_by=member)
    assert adoption.stage == Adoption.Stage.ADOPTED and adoption.year == 2026
    assert Adoption.objects.count() == 1


def test_the_form_records_and_the_transfer_shows_everywhere(client, setting, member):
    practice, _owner, adopter, tool, shared = setting
    client.force_login(member)
    url = reverse("practice_transfer", kwargs={"page_id": practice.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "organisation": adopter.pk,
            "stage": "results",
            "year": "2026",
            "adapted": "Un solo immobile.",
            "tools_reused": [tool.pk],
            f"period_{shared.pk}": "2026",
            f"value_{shared.pk}": "120,5",
        },
    )
    assert response.status_code == 302
    transfer = Adoption.objects.get()
    assert transfer.values.get().value == Decimal("120.50")
    html = client.get(practice.url).content.decode()
    assert "Comune di Forlì" in html and 'data-stage="results"' in html
    assert "Un solo immobile." in html
    # The journey: the sheet links the adopter's page, which links back to the sheet.
    assert f'href="{adopter.get_absolute_url()}"' in html
    org_html = client.get(adopter.get_absolute_url()).content.decode()
    assert "SpazioComune" in org_html and 'data-stage="results"' in org_html
    assert f'href="{practice.url}"' in org_html
    comparison = client.get(reverse("indicator_comparison", kwargs={"slug": "volontari"}))
    rows = comparison.context["rows"]
    assert {row.organisation for row in rows} == {practice.organisation, adopter}
    assert next(row for row in rows if row.is_transfer).per_1000 == Decimal("1.03")


def test_bad_input_is_a_4xx_with_a_message(client, setting, member, user_factory):
    practice, _owner, adopter, _tool, shared = setting
    client.force_login(member)
    url = reverse("practice_transfer", kwargs={"page_id": practice.pk})
    response = client.post(
        url,
        {
            "organisation": adopter.pk,
            "stage": "results",
            "year": "2026",
            f"period_{shared.pk}": "2026",
            f"value_{shared.pk}": "molti",
        },
    )
    assert response.status_code == 400
    assert Adoption.objects.count() == 0
    nobody = user_factory()
    client.force_login(nobody)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_a_transfer_makes_the_sheet_findable_by_its_adopter(setting, member):
    from search.services import search

    practice, _owner, adopter, _tool, _shared = setting
    record_transfer(practice, adopter, actor=member, stage="planning", year=2026)
    titles = [hit.title for hit in search("Forlì").hits]
    assert practice.title in titles
