"""Keep the English catalogues complete.

Each app keeps its own catalogue (grassroots/<app>/locale/en/LC_MESSAGES/django.po) and the
project keeps one for templates/ and config/ (locale/en/...). For each, extract every wrapped
string, refuse empty or fuzzy translations (listing each), then compile.

    python scripts/check_translations.py            # every catalogue (run by scripts/test)
    python scripts/check_translations.py units      # one app's catalogue only
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
APPS_DIR = ROOT / "grassroots"


def _django_admin(args: list[str], cwd: Path) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "-P", "-m", "django", *args], cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL
    )


def check_catalogue(where: Path, ignore: list[str]) -> list[str]:
    (where / "locale" / "en" / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    ignores = [f"--ignore={pattern}" for pattern in ignore]
    _django_admin(["makemessages", "-l", "en", "--no-location", "--no-obsolete", *ignores], where)
    po_path = where / "locale" / "en" / "LC_MESSAGES" / "django.po"
    if not po_path.exists():
        return []
    catalogue = polib.pofile(str(po_path))
    problems = []
    for entry in catalogue:
        if not entry.msgid or entry.obsolete:
            continue
        translated = all(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)
        if "fuzzy" in entry.flags or not translated:
            problems.append(f"{po_path.relative_to(ROOT)}: {entry.msgid!r}")
    if not problems:
        _django_admin(["compilemessages"], where)
    return problems


def main(argv: list[str]) -> int:
    targets: list[tuple[Path, list[str]]] = []
    if argv:
        targets = [(APPS_DIR / name, []) for name in argv]
    else:
        targets = [(ROOT, [".venv/*", "var/*", "bench/*", "scripts/*", "grassroots/*", "node_modules/*"])]
        targets += [(app, []) for app in sorted(APPS_DIR.iterdir()) if (app / "apps.py").exists()]
    problems: list[str] = []
    for where, ignore in targets:
        problems += check_catalogue(where, ignore)
    if problems:
        print(f"{len(problems)} strings lack an English translation:", file=sys.stderr)
        for line in problems:
            print(f"  - {line}", file=sys.stderr)
        return 1
    print(f"English catalogues complete ({len(targets)} checked).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
