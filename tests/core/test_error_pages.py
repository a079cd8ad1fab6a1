"""Error pages keep the site's look and speak Italian."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from config import urls as config_urls
from core import views


def _boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


def _denied(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


def _bad(request):
    from django.core.exceptions import SuspiciousOperation

    raise SuspiciousOperation("bad input")


urlpatterns = [
    path("boom/", _boom),
    path("denied/", _denied),
    path("bad/", _bad),
    *config_urls.urlpatterns,
]
handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error


@pytest.mark.django_db
def test_404_page(client, site_tree):
    response = client.get("/questa-pagina-non-esiste/")
    assert response.status_code == 404
    assert "Pagina non trovata" in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_403_page(client):
    response = client.get("/denied/")
    assert response.status_code == 403
    assert "Accesso negato" in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_400_page(client):
    response = client.get("/bad/")
    assert response.status_code == 400
    assert "Richiesta non valida" in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_500_page_is_styled_and_does_not_leak_details():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Si è verificato un errore" in html
    assert "deliberate failure" not in html


@pytest.mark.django_db
def test_csrf_failure_page(site_tree):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "x@example.org", "password": "x"})
    assert response.status_code == 403
    assert "Il modulo è scaduto" in response.content.decode()
