"""The editorial set-up lets Moderators (platform staff who are not superusers) read the
page-ratings report; editors of an organisation cannot."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from members.permissions import EDITORS_GROUP, MODERATORS_GROUP
from members.setup import ensure_editorial_setup
from tests.factories import UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize(("group", "status"), [(MODERATORS_GROUP, 200), (EDITORS_GROUP, 302)])
def test_page_ratings_report_is_for_moderators(client, group, status):
    ensure_editorial_setup()
    person = UserFactory()
    person.groups.add(Group.objects.get(name=group))
    client.force_login(person)
    response = client.get(reverse("page_rating_report"))
    assert response.status_code == status
