"""python manage.py import_households --commune <code or slug> FILE: households and residents, all or nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from grassroots.core.errors import DomainError
from grassroots.units.importing import read_table
from grassroots.units.selectors import commune_by_key
from grassroots.units.services import HouseholdImportError, household_import


class Command(BaseCommand):
    help = "Import households and residents of one commune from a CSV or XLSX file (one row per person)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--commune", required=True, help="The commune's official code or slug.")
        parser.add_argument("file", help="A .csv (UTF-8, comma or semicolon) or .xlsx file.")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw the progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        commune = commune_by_key(options["commune"])
        if commune is None:
            raise CommandError(_("Không tìm thấy xã có mã hoặc đường dẫn “%(key)s”.") % {"key": options["commune"]})
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Không có tệp %(path)s.") % {"path": path})
        try:
            with path.open("rb") as stream:
                table = read_table(stream, path.name)
        except DomainError as error:
            raise CommandError(error.message) from error
        bar = tqdm(
            total=len(table.rows),
            desc=str(commune),
            unit=" " + _("dòng"),
            file=sys.stderr,
            disable=options["no_progress"],
        )
        try:
            result = household_import(commune=commune, rows=table.rows, actor=None, progress=bar.update)
        except HouseholdImportError as error:
            bar.close()
            for problem in error.errors:
                self.stderr.write(problem.as_text())
            raise CommandError(error.message) from error
        except DomainError as error:
            bar.close()
            raise CommandError(error.message) from error
        bar.close()
        self.stdout.write(
            _("Đã nhập %(households)s hộ gia đình, %(residents)s người vào %(commune)s.")
            % {"households": result.households, "residents": result.residents, "commune": commune}
        )
