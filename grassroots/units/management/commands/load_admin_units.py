"""python manage.py load_admin_units [--legacy]: the 34 provinces and 3,321 communes of the 2025 map."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from grassroots.units.gazetteer import admin_units_load


class Command(BaseCommand):
    help = "Load or update all provinces and communes of the post-2025 map from vietnamadminunits (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--legacy",
            action="store_true",
            help="Also load the 63 pre-reform provinces and their districts as historical units.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = admin_units_load(legacy=options["legacy"])
        for label, created in counts.created.items():
            self.stdout.write(f"{label}: {created} created, {counts.updated[label]} updated")
        self.stdout.write(
            f"Current units: {counts.totals['provinces']} provinces, {counts.totals['communes']} communes."
        )
