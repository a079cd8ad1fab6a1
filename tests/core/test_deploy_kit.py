"""The deploy kit stays true to the code: every unit runs a command that exists, every timer
starts a unit of the kit, the gunicorn settings load, the nginx file sends what settings trust."""

import configparser
import re
import runpy
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
SYSTEMD = ROOT / "deploy" / "systemd"
# db_worker comes with django-tasks-db (the registration engine's issue); until then the deploy
# script leaves commons-worker.service off.
PENDING_COMMANDS = {"db_worker"}


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(path)
    return parser


def test_the_kit_has_the_units_the_docs_name():
    names = {path.name for path in SYSTEMD.iterdir()}
    assert {"commons-web.service", "commons-worker.service", "commons-command@.service"} <= names
    assert "commons-reminders.timer" in names


@pytest.mark.parametrize("timer", sorted(SYSTEMD.glob("*.timer")), ids=lambda p: p.name)
def test_every_timer_runs_an_existing_command(timer):
    target = unit(timer)["Timer"]["Unit"]
    template, _, command = target.removesuffix(".service").partition("@")
    assert (SYSTEMD / f"{template}@.service").exists()
    assert command in get_commands(), command
    assert unit(timer)["Timer"]["OnCalendar"]


def test_services_run_existing_commands_from_the_venv():
    for path in SYSTEMD.glob("*.service"):
        service = unit(path)["Service"]
        assert service["User"] == "commons"
        assert service["EnvironmentFile"] == "/etc/commons/commons.env"
        match = re.search(r"manage\.py (\S+)", service["ExecStart"])
        if match and match.group(1) != "%i":
            assert match.group(1) in set(get_commands()) | PENDING_COMMANDS


def test_gunicorn_settings_load_and_log_json(monkeypatch):
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:9999")
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["wsgi_app"] == "config.wsgi:application"
    assert config["bind"] == "127.0.0.1:9999"
    formatter = config["logconfig_dict"]["formatters"]["json"]["()"]
    assert formatter == "core.logging.JsonFormatter"


def test_nginx_sends_what_production_trusts():
    conf = (ROOT / "deploy" / "nginx" / "commons.conf").read_text()
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf  # SECURE_PROXY_SSL_HEADER
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf  # TRUSTED_PROXY_COUNT=1
    assert "proxy_pass http://127.0.0.1:8001;" in conf  # GUNICORN_BIND default
    env = (ROOT / "deploy" / "commons.env.example").read_text()
    assert "TRUSTED_PROXY_COUNT=1" in env
