"""The site renders with production's static storage (hashed names from a manifest).

Under ``config.settings.production`` every ``{% static %}`` goes through the manifest written by
``collectstatic``; a name the manifest lacks (a folder, a typo, a file that moved) raises
``ValueError`` and turns every page into a 500. Development and the rest of the suite use the
plain storage, which resolves anything, so only these tests would see such a mistake.
"""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import override_settings

from config.settings import base as base_settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_STORAGES = base_settings.STORAGES  # production.py inherits these
HASH = r"\.[0-9a-f]{12}\."
STATIC_TAG = re.compile(r"""{%\s*static\s+["']([^"']+)["']""")
PROJECT_TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]


@pytest.fixture(scope="module")
def manifest_static(tmp_path_factory):
    """collectstatic with the production storage into a temporary folder, once per module."""
    static_root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=static_root, STORAGES=PRODUCTION_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield static_root


@pytest.fixture
def manifest_settings(manifest_static):
    with override_settings(STATIC_ROOT=manifest_static, STORAGES=PRODUCTION_STORAGES):
        yield


def test_the_production_storage_is_the_manifest_one():
    backend = PRODUCTION_STORAGES["staticfiles"]["BACKEND"]
    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_every_static_name_in_the_project_templates_is_in_the_manifest(manifest_settings):
    from django.contrib.staticfiles.storage import staticfiles_storage

    names = {}
    for folder in PROJECT_TEMPLATE_DIRS:
        if folder.parts[-2] in {".venv", "node_modules"}:
            continue
        for template in folder.rglob("*.html"):
            for name in STATIC_TAG.findall(template.read_text(encoding="utf-8")):
                names.setdefault(name, template.relative_to(ROOT))
    assert "css/fonts.css" in names  # the scan reads the real templates
    missing = {}
    for name, template in names.items():
        try:
            staticfiles_storage.url(name)
        except ValueError as error:
            missing[name] = f"{template}: {error}"
    assert not missing, missing


def test_fonts_stylesheet_points_at_hashed_font_files(manifest_settings, manifest_static):
    from django.contrib.staticfiles.storage import staticfiles_storage

    hashed_css = staticfiles_storage.stored_name("css/fonts.css")
    css = (manifest_static / hashed_css).read_text(encoding="utf-8")
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert len(urls) >= 32
    for url in urls:
        # Rewritten by the manifest storage to the hashed copy next to the original.
        target = (manifest_static / "css" / url).resolve()
        assert target.is_file(), url
        assert re.search(r"\.[0-9a-f]{12}\.woff2?$", url), url


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url,status",
    [("/", 200), ("/accounts/login/", 200), ("/accounts/signup/", 200), ("/no-such-page/", 404)],
)
def test_pages_render_with_the_manifest_storage(client, site_tree, manifest_settings, url, status):
    response = client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert re.search(rf'/static/css/fonts{HASH}css"', html)
    assert re.search(rf'/static/bootstrap-italia/js/bootstrap-italia\.bundle\.min{HASH}js"', html)


@pytest.mark.parametrize(
    "template", ["400.html", "403.html", "403_csrf.html", "429.html", "500.html"]
)
def test_error_pages_render_with_the_manifest_storage(manifest_settings, template):
    html = render_to_string(template)
    assert re.search(rf'/static/bootstrap-italia/css/bootstrap-italia\.min{HASH}css"', html)
    assert re.search(rf'/static/css/fonts{HASH}css"', html)
