"""config.settings.production as gunicorn loads it: read in a subprocess with a real
environment, since settings modules run once per process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x7!Qm2#pL9vR4zT8wK1nB6cY3hJ5dF0gS9aE2uI7oP4lM8kN1bV6cX3zQ5wE7rT9",
    "SITE_URL": "https://scambi.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}
PROBE = """
import json, logging, django
django.setup()
from django.conf import settings
names = {names!r}
print(json.dumps({{name: getattr(settings, name) for name in names}}, default=str))
"""


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    """Run ``code`` in a new interpreter with the production environment (None unsets)."""
    full_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ALLAUTH", "TRUSTED", "SENTRY", "LOG_"))
    }
    full_env.update(ENV)
    full_env.update(env)
    full_env = {k: v for k, v in full_env.items() if v is not None}
    return subprocess.run(  # noqa: S603 - our interpreter, our code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def production(*names, **env):
    return run_python(PROBE.format(names=list(names)), **env)


def settings_of(*names, **env):
    result = production(*names, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_hosts_and_proxy_come_from_site_url():
    values = settings_of("ALLOWED_HOSTS", "ALLAUTH_TRUSTED_PROXY_COUNT", "WAGTAILADMIN_BASE_URL")
    assert values == {
        "ALLOWED_HOSTS": ["scambi.example.org"],
        "ALLAUTH_TRUSTED_PROXY_COUNT": 1,
        "WAGTAILADMIN_BASE_URL": "https://scambi.example.org",
    }
    assert settings_of(
        "ALLAUTH_TRUSTED_CLIENT_IP_HEADER", TRUSTED_CLIENT_IP_HEADER="X-Real-IP"
    ) == {"ALLAUTH_TRUSTED_CLIENT_IP_HEADER": "X-Real-IP"}


@pytest.mark.parametrize("site_url", [None, "http://scambi.example.org"])
def test_production_needs_a_public_https_address(site_url):
    result = production("DEBUG", SITE_URL=site_url)
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def test_every_cookie_is_secure():
    values = settings_of(
        "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE", "DEBUG"
    )
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "DEBUG": False,
    }


def test_logs_are_json_lines_on_stdout():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('core').warning('disk %s full', 'var', extra={'percent': 97})"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stdout.strip().splitlines()[-1])
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "core"
    assert entry["message"] == "disk var full"
    assert entry["percent"] == 97
    assert entry["time"].endswith("+00:00")


def test_sentry_starts_only_with_a_dsn():
    code = (
        "import django; django.setup(); import sentry_sdk; "
        "print(sentry_sdk.get_client().is_active())"
    )
    for dsn, active in [(None, "False"), ("https://public@127.0.0.1:9/1", "True")]:
        result = run_python(code, SENTRY_DSN=dsn)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == active
