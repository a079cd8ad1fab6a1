"""The page-rating block: stored, counted for staff, without JavaScript and without a CSRF
cookie on anonymous pages, one vote per page and browser, limited per address."""

import re

import pytest
from django.urls import reverse

from core.page_rating import PageRating
from core.rating_views import RATINGS_PER_WINDOW, rating_token
from tests.practices.factories import make_practice


def _form(html: str) -> dict:
    block = html[html.index('data-testid="page-rating"') :]
    token = re.search(r'name="token" value="([^"]+)"', block).group(1)
    return {"token": token}


@pytest.fixture
def practice(site_tree):
    return make_practice(title="Rete SpazioComune")


@pytest.mark.django_db
def test_content_page_shows_the_form_without_a_csrf_token(client, practice):
    response = client.get(practice.url, HTTP_ACCEPT_LANGUAGE="it")

    html = response.content.decode()
    assert "Quanto sono chiare le informazioni su questa pagina?" in html
    assert f'action="{reverse("page_rating")}"' in html
    assert html.count('name="score"') == 5
    # The block needs no CSRF token, so it never makes an anonymous page set the cookie (the
    # language switch's form is another matter: base.html, the speed work).
    block = html[
        html.index('id="valutazione"') : html.index("</section>", html.index('id="valutazione"'))
    ]
    assert "csrfmiddlewaretoken" not in block


@pytest.mark.django_db
def test_home_page_has_no_rating_block(client, site_tree):
    assert 'data-testid="page-rating"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_rating_without_csrf_is_stored_and_redirects_to_thanks(practice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    data = _form(client.get(practice.url).content.decode())

    response = client.post(reverse("page_rating"), {**data, "score": "4"})

    assert response.status_code == 303
    assert response["Location"] == f"{practice.url}?valutazione=grazie#valutazione"
    rating = PageRating.objects.get()
    assert (rating.page_id, rating.score) == (practice.pk, 4)
    thanks = client.get(response["Location"]).content.decode()
    assert 'data-testid="page-rating-thanks"' in thanks


@pytest.mark.django_db
def test_second_rating_from_the_same_browser_is_not_counted(client, practice):
    data = {"token": rating_token(practice), "score": "5"}
    client.post(reverse("page_rating"), data)

    response = client.post(reverse("page_rating"), {**data, "score": "1"})

    assert response.status_code == 303
    assert list(PageRating.objects.values_list("score", flat=True)) == [5]


@pytest.mark.django_db
def test_second_rating_from_the_same_address_without_cookies_is_not_counted(practice):
    from django.test import Client

    data = {"token": rating_token(practice), "score": "2"}
    Client().post(reverse("page_rating"), data)
    Client().post(reverse("page_rating"), data)

    assert PageRating.objects.count() == 1


@pytest.mark.django_db
def test_too_many_ratings_from_one_address_get_a_429(client, site_tree):
    from django.test import Client

    pages = [make_practice(title=f"Scheda {n}") for n in range(RATINGS_PER_WINDOW + 1)]
    answers = [
        Client().post(reverse("page_rating"), {"token": rating_token(page), "score": "3"})
        for page in pages
    ]

    assert [answer.status_code for answer in answers[:-1]] == [303] * RATINGS_PER_WINDOW
    assert answers[-1].status_code == 429
    assert PageRating.objects.count() == RATINGS_PER_WINDOW


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"token": "forged", "score": "3"},
        {"score": "3"},
        {"token": "TOKEN", "score": "9"},
        {"token": "TOKEN", "score": ""},
    ],
)
def test_bad_submissions_are_400_and_store_nothing(client, practice, data):
    data = {
        key: rating_token(practice) if value == "TOKEN" else value for key, value in data.items()
    }

    response = client.post(reverse("page_rating"), data)

    assert response.status_code == 400
    assert not PageRating.objects.exists()


@pytest.mark.django_db
def test_unpublished_page_cannot_be_rated(client, practice):
    token = rating_token(practice)
    practice.unpublish()

    response = client.post(reverse("page_rating"), {"token": token, "score": "3"})

    assert response.status_code == 404
    assert not PageRating.objects.exists()


@pytest.mark.django_db
def test_get_is_not_allowed(client):
    assert client.get(reverse("page_rating")).status_code == 405


@pytest.mark.django_db
def test_staff_report_counts_ratings_per_page(client, practice, user_factory):
    other = make_practice(title="Orti urbani")
    for page, score in [(practice, 5), (practice, 3), (other, 1)]:
        PageRating.objects.create(page=page, score=score)
    staff = user_factory(is_staff=True, is_superuser=True)
    client.force_login(staff)

    response = client.get(reverse("page_rating_report"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Orti urbani") < html.index("Rete SpazioComune")  # least clear first
    assert "4.0" in html


@pytest.mark.django_db
def test_report_is_refused_to_editors(client, site_tree, user_factory):
    from django.contrib.auth.models import Permission

    editor = user_factory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    assert client.get(reverse("page_rating_report")).status_code in (302, 403)
