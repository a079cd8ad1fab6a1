"""The message catalogues are complete: an Italian entry left empty shows English on an Italian
page, and a fuzzy entry (makemessages' guess from a similar msgid) is not even compiled."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/*/LC_MESSAGES/django.po")
    if not {".venv", "node_modules"} & set(path.parts)
)


def _ids(entries) -> list[str]:
    return [entry.msgid[:80] for entry in entries]


def test_catalogues_are_found():
    languages = {path.parts[-3] for path in CATALOGUES}
    assert languages == {"it", "en"}
    assert len(CATALOGUES) >= 2


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_fuzzy_entry(path):
    catalogue = polib.pofile(str(path))
    assert not catalogue.metadata_is_fuzzy, "the header is fuzzy"
    assert _ids(catalogue.fuzzy_entries()) == []


@pytest.mark.parametrize(
    "path",
    [path for path in CATALOGUES if path.parts[-3] == "it"],
    ids=lambda path: str(path.relative_to(ROOT)),
)
def test_no_empty_italian_entry(path):
    catalogue = polib.pofile(str(path))
    empty = [
        entry
        for entry in catalogue
        if not entry.obsolete
        and (not all(entry.msgstr_plural.values()) if entry.msgid_plural else not entry.msgstr)
    ]
    assert _ids(empty) == []


def test_the_check_sees_an_empty_and_a_fuzzy_entry(tmp_path):
    # The tests above must be able to fail: the same reading of a bad catalogue finds both.
    bad = tmp_path / "django.po"
    bad.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Sections"\nmsgstr ""\n\n#, fuzzy\nmsgid "Search"\nmsgstr "Cerca"\n',
        encoding="utf-8",
    )
    catalogue = polib.pofile(str(bad))
    assert _ids(catalogue.fuzzy_entries()) == ["Search"]
    assert [entry.msgid for entry in catalogue if not entry.msgstr] == ["Sections"]
