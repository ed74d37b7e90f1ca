"""python manage.py restore ARCHIVE: load a backup into an empty database, then check it against its manifest."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into the configured (empty) database and media folder, "
        "then compare every table's row count with the manifest and verify the audit chains."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="the .tar.gz written by `manage.py backup`")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = backup_restore(archive_path=Path(options["archive"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        summary = (
            f"{report.tables} tables, {report.rows} rows, {report.files} files, "
            f"{report.audit_events} audit events in {report.audit_chains} chains"
        )
        if report.ok:
            self.stdout.write(f"OK: restored {summary}; counts match the manifest, audit chains intact.")
            return
        for problem in report.mismatches:
            self.stderr.write(f"MISMATCH: {problem}")
        self.stderr.write(f"Restored {summary} with {len(report.mismatches)} mismatch(es).")
        sys.exit(1)
