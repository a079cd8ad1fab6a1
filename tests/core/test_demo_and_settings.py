import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from core.models import HomePage
from members.models import User

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_load_demo_is_safe_to_run_twice():
    call_command("load_demo", stdout=StringIO())
    pages, users = Page.objects.count(), User.objects.count()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert Page.objects.count() == pages
    assert User.objects.count() == users
    assert "staff@example.org" in out.getvalue()
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


@pytest.mark.django_db
def test_load_demo_if_empty_leaves_existing_content_alone():
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "already loaded" in out.getvalue()


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x7!Qm2#pL9vR4zT8wK1nB6cY3hJ5dF0gS9aE2uI7oP4lM8kN1bV6cX3zQ5wE7rT9",
        "SITE_URL": "https://scambi.example.org",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests, never in production
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
