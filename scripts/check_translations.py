"""Keep the English catalogue complete: extract every wrapped string, refuse empty or fuzzy
translations (listing each), then compile the catalogues. Run by scripts/test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def main() -> int:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    ignore = ["--ignore=.venv/*", "--ignore=var/*", "--ignore=bench/*", "--ignore=scripts/*"]
    subprocess.run(
        [*manage, "makemessages", "-l", "en", "--no-location", "--no-obsolete", *ignore],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    catalogue = polib.pofile(str(PO))
    missing = [
        entry
        for entry in catalogue
        if entry.msgid
        and not entry.obsolete
        and (
            "fuzzy" in entry.flags or not (entry.msgstr or (all(entry.msgstr_plural.values()) and entry.msgstr_plural))
        )
    ]
    if missing:
        print(f"{len(missing)} strings lack an English translation in {PO.relative_to(ROOT)}:", file=sys.stderr)
        for entry in missing:
            print(f"  - {entry.msgid!r}", file=sys.stderr)
        return 1
    subprocess.run(
        [*manage, "compilemessages", "--ignore=.venv/*"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    print(f"English catalogue complete: {len([e for e in catalogue if e.msgid])} strings.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
