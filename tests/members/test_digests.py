"""The weekly digest: new practices on the member's themes, through the task queue, with a
one-click unsubscribe."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members.digests import enqueue_weekly_digests, send_digest_now, unsubscribe_token
from tests.practices.factories import ThemeFactory, make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower(member):
    theme = ThemeFactory(slug="beni-comuni", name_it="Cura dei beni comuni")
    member.interests.set([theme])
    member.notify_new_content = True
    member.save()
    return member, theme


def test_a_follower_gets_the_new_practices_on_her_themes(site_tree, follower):
    member, theme = follower
    make_practice(title="Orti condivisi", themes=[theme])
    make_practice(title="Altro tema", themes=[ThemeFactory(slug="altro")])
    assert enqueue_weekly_digests() == 1  # the immediate backend of the tests sends it now
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Orti condivisi" in message.body and "Altro tema" not in message.body
    assert "List-Unsubscribe" in message.extra_headers
    assert "disiscrivi" in message.body


def test_nothing_new_sends_nothing(site_tree, follower):
    member, _theme = follower
    assert send_digest_now(member, timezone.now() - timedelta(days=7)) is False
    assert mail.outbox == []


def test_one_click_unsubscribe(client, follower):
    member, _theme = follower
    url = reverse("members:digest_unsubscribe", args=[unsubscribe_token(member)])
    assert client.get(url).status_code == 200
    member.refresh_from_db()
    assert member.notify_new_content  # a GET (a link preview) changes nothing
    assert client.post(url).status_code == 200
    member.refresh_from_db()
    assert not member.notify_new_content
    bad = reverse("members:digest_unsubscribe", args=["falso"])
    assert client.post(bad).status_code == 400
