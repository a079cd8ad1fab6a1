"""The Nu Html Checker (npm ``vnu-jar``, run with the Java runtime) accepts the key pages in
Italian and English: home, the section indexes, a page of each type, search and an index with
filters, sign-up, login and the signed-in dashboard pages. 0 errors.

Skipped, saying why, when ``java`` or ``node_modules/vnu-jar`` is missing (``npm ci`` installs
it; ``.ci/run`` installs the Java runtime like Chromium)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.key_pages import make_key_pages, make_signed_in_pages

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")

pytestmark = [
    pytest.mark.skipif(
        JAVA is None, reason="no Java runtime (apt-get install default-jre-headless)"
    ),
    pytest.mark.skipif(not VNU_JAR.exists(), reason="vnu-jar is not installed (npm ci)"),
]

#: Errors in templates of apps this file's owner does not edit, each with the file that has
#: it: (part of the message, part of the extract). Delete an entry when its file is fixed;
#: an entry that matches nothing fails the test, so the list cannot go stale.
KNOWN: list[tuple[str, str, str]] = []


def vnu_errors(pages: dict[str, str], tmp_path: Path) -> list[dict]:
    """Run the checker once over every page (one JVM start); errors with the page's path."""
    files = {}
    for number, (path, html) in enumerate(pages.items()):
        file = tmp_path / f"page-{number}.html"
        file.write_text(html, encoding="utf-8")
        files[file.resolve().as_uri()] = path
    result = subprocess.run(  # noqa: S603 - our own java and jar, files we wrote
        [
            JAVA,
            "-Xss8m",
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--exit-zero-always",
            "--errors-only",
            *[str(tmp_path / f"page-{n}.html") for n in range(len(pages))],
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = []
    for message in messages:
        if message.get("type") != "error":
            continue
        url = message.get("url", "")
        path = next((p for uri, p in files.items() if url.endswith(uri.rsplit("/", 1)[1])), url)
        errors.append(
            {"page": path, "message": message["message"], "extract": message.get("extract", "")}
        )
    return errors


def _known(error: dict) -> str | None:
    for message, extract, where in KNOWN:
        if message in error["message"] and extract in error["extract"]:
            return where
    return None


@pytest.mark.django_db
def test_key_pages_are_valid_html(client, tmp_path):
    import time_machine
    from django.test import Client

    from tests.conftest import FROZEN_NOW

    # A stopped clock: the factories date sessions from "now", and times with microseconds
    # (which editors never enter) would come out as ``datetime="…:00.123456"`` (too many
    # digits for HTML); on a whole second they are as real content is.
    with time_machine.travel(FROZEN_NOW, tick=False):
        anonymous = make_key_pages()
        editor, signed_in = make_signed_in_pages()
    member = Client()
    member.force_login(editor)
    pages = {}
    for language in ("it", "en"):
        for visitor, paths in ((client, anonymous), (member, signed_in)):
            for path in paths:
                response = visitor.get(path, HTTP_ACCEPT_LANGUAGE=language)
                assert response.status_code == 200, (language, path, response.status_code)
                pages[f"{language} {path}"] = response.content.decode()

    errors = vnu_errors(pages, tmp_path)

    unknown = [error for error in errors if _known(error) is None]
    assert unknown == [], "\n".join(
        sorted({f"{e['page']}: {e['message']} [{e['extract']}]" for e in unknown})
    )
    seen = {_known(error) for error in errors}
    assert [where for _m, _e, where in KNOWN if where not in seen] == []
