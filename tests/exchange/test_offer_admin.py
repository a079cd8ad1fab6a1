"""Editors create an exchange offer with its sessions inline in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import Session
from exchange.models import ExchangeIndexPage, ExchangeOfferPage
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_offer_with_sessions_is_created_from_the_admin(client, site_tree):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    organisation = OrganisationFactory()
    index = ExchangeIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=["exchange", "exchangeofferpage", index.pk])
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Visita a Cesena",
            "slug": "visita-a-cesena",
            "organisation": organisation.pk,
            "host_office": "Ufficio partecipazione",
            "summary": "Due giorni sui patti di collaborazione",
            "description": rich_text("<p>Descrizione</p>"),
            "target_profiles": rich_text(""),
            "follow_up": rich_text(""),
            "duration_days": 2,
            "place": "Cesena",
            "partners": "",
            "dates_mode": "alternatives",
            "approval_mode": "automatic",
            "per_organisation_cap": "",
            "waitlist_mode": "at_once",
            "offer_hours": 48,
            "programme": streamfield([]),
            "registration_questions": inline_formset([]),
            "sessions": inline_formset(
                [
                    {
                        "label": "Primo gruppo",
                        "starts_at": "2030-05-07 09:00",
                        "ends_at": "2030-05-08 17:00",
                        "capacity": 20,
                        "registration_opens_at": "",
                        "registration_deadline": "",
                        "place": "Casa Bufalini",
                        "online_url": "",
                        "status": "open",
                    }
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    offer = ExchangeOfferPage.objects.get(slug="visita-a-cesena")
    assert offer.live
    session = Session.objects.get(page=offer)
    assert session.capacity == 20
    assert session.starts_at.hour == 7  # 09:00 in Rome is 07:00 UTC in May (summer time)
    response = client.get(offer.url)
    assert response.status_code == 200
    assert "20 posti liberi" in response.content.decode()


def test_session_with_registrations_cannot_be_deleted_from_the_admin(client):
    from events import services
    from tests.events.factories import make_offer, make_session, member_of

    offer = make_offer()
    session = make_session(offer)
    services.register_for_session(session, member_of())
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:edit", args=[offer.pk])
    form = client.get(url).context["form"]
    data = nested_form_data(
        {
            "title": offer.title,
            "slug": offer.slug,
            "organisation": offer.organisation_id,
            "host_office": "",
            "summary": "",
            "description": rich_text(""),
            "target_profiles": rich_text(""),
            "follow_up": rich_text(""),
            "duration_days": 1,
            "place": "",
            "partners": "",
            "dates_mode": "alternatives",
            "approval_mode": "automatic",
            "per_organisation_cap": "",
            "waitlist_mode": "at_once",
            "offer_hours": 48,
            "programme": streamfield([]),
            "registration_questions": inline_formset([]),
            "sessions": inline_formset(
                [
                    {
                        "id": session.pk,
                        "label": "",
                        "starts_at": "2030-05-07 09:00",
                        "ends_at": "2030-05-08 17:00",
                        "capacity": 20,
                        "registration_opens_at": "",
                        "registration_deadline": "",
                        "place": "",
                        "online_url": "",
                        "status": "open",
                        "DELETE": "1",
                    }
                ],
                initial=1,
            ),
            "action-publish": "publish",
        }
    )
    assert form is not None
    response = client.post(url, data)
    assert response.status_code == 200  # the form is shown again with the error
    assert Session.objects.filter(pk=session.pk).exists()


def test_offer_with_registrations_cannot_be_deleted(client):
    from events import services
    from tests.events.factories import make_offer, make_session, member_of

    offer = make_offer()
    services.register_for_session(make_session(offer), member_of())
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("wagtailadmin_pages:delete", args=[offer.pk])
    assert client.get(url).status_code == 302
    assert client.post(url).status_code == 302
    assert ExchangeOfferPage.objects.filter(pk=offer.pk).exists()
