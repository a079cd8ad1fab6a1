"""Behind the proxy, rate limits count the client, not the proxy (ALLAUTH_TRUSTED_PROXY_COUNT).

nginx (deploy/nginx/scambi.conf) connects from 127.0.0.1 and appends the client's address to
X-Forwarded-For; with one trusted proxy allauth counts that last entry.
"""

import pytest
from django.test import override_settings

ATTACKER, HONEST = "203.0.113.9", "198.51.100.7"


def failed_logins(client, ip, count):
    for i in range(count):
        client.post(
            "/accounts/login/",
            {"login": f"nobody{i}@example.org", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.9.9.9, {ip}",  # a spoofed first entry is ignored
        )


def login_page_answer(client, ip):
    return client.post(
        "/accounts/login/",
        {"login": "someone@example.org", "password": "wrong"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=ip,
        HTTP_ACCEPT_LANGUAGE="it",
    ).content.decode()


@pytest.mark.django_db
@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_one_attacker_does_not_lock_out_the_next_person(client, site_tree):
    failed_logins(client, ATTACKER, 20)
    assert "Troppi tentativi" in login_page_answer(client, ATTACKER)
    assert "Troppi tentativi" not in login_page_answer(client, HONEST)


@pytest.mark.django_db
@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=0)
def test_without_the_setting_everyone_behind_the_proxy_is_one_client(client, site_tree):
    failed_logins(client, ATTACKER, 20)
    assert "Troppi tentativi" in login_page_answer(client, HONEST)
