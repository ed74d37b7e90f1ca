"""python manage.py backup [--output DIR]: one archive of the database and the uploaded files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write the database (a consistent snapshot) and the uploaded files into one .tar.gz archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default=str(Path(settings.VAR_DIR) / "backups"), help="folder for the archive")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path, manifest = backup_create(output_dir=Path(options["output"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"OK: {path} ({manifest['engine']}, {len(manifest['tables'])} tables, {manifest['rows']} rows, "
            f"{manifest['audit']['events']} audit events, {manifest['files']} files)"
        )
