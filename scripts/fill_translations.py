"""Fill Italian msgstr values in the .po catalogues from a JSON dictionary {msgid: msgstr}.

Usage: .venv/bin/python scripts/fill_translations.py translations.json
Only empty entries are filled; existing translations are kept. Plural entries take a list.
Run `make extract-messages` first and `make messages` (compilemessages) after.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main(path: str) -> None:
    translations = json.loads(Path(path).read_text(encoding="utf-8"))
    missing = []
    for po_path in sorted(ROOT.glob("**/locale/it/LC_MESSAGES/django.po")):
        if ".venv" in po_path.parts or "node_modules" in po_path.parts:
            continue
        catalogue = polib.pofile(str(po_path))
        for entry in catalogue:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags or entry.previous_msgid:
                # makemessages guessed from a similar msgid: never trust the guess.
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgid_plural = None
                entry.msgstr = ""
                entry.msgstr_plural = {0: "", 1: ""} if entry.msgid_plural else {}
            value = translations.get(entry.msgid)
            if entry.msgid_plural:
                if not entry.msgstr_plural.get(0) and isinstance(value, list):
                    entry.msgstr_plural = {0: value[0], 1: value[1]}
                if not entry.msgstr_plural.get(0):
                    missing.append(f"{po_path.relative_to(ROOT)}: {entry.msgid}")
            else:
                if not entry.msgstr and isinstance(value, str):
                    entry.msgstr = value
                if not entry.msgstr:
                    missing.append(f"{po_path.relative_to(ROOT)}: {entry.msgid}")
        catalogue.save()
    if missing:
        print("Untranslated:", *missing, sep="\n  ")


if __name__ == "__main__":
    main(sys.argv[1])
