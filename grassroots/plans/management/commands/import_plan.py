"""``manage.py import_plan FILE [--json] [--unit SLUG --user PHONE]``: read a .docx or .txt plan."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.core.errors import DomainError
from grassroots.plans import services
from grassroots.plans.parsing import parse_file
from grassroots.units.models import AdministrativeUnit


class Command(BaseCommand):
    help = "Read a plan (.docx or .txt); print it as JSON, or save it as a draft plan for review."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="print the parsed plan as one JSON object")
        parser.add_argument("--unit", help="slug of the issuing unit (to save a draft)")
        parser.add_argument("--user", help="username of the officer who imports (to save a draft)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        parsed = parse_file(path.name, path.read_bytes())
        if options["json"]:
            self.stdout.write(json.dumps(parsed.as_json(), ensure_ascii=False))
            return
        if not options["unit"] or not options["user"]:
            raise CommandError("--unit and --user are needed to save a draft (or use --json)")
        unit = AdministrativeUnit.objects.filter(slug=options["unit"]).first()
        user = get_user_model().objects.filter(username=options["user"]).first()
        if unit is None or user is None:
            raise CommandError("unknown unit or user")
        try:
            plan = services.plan_import(unit=unit, parsed=parsed, actor=user, source_name=path.name)
        except DomainError as refusal:
            raise CommandError("\n".join(refusal.params.get("problems") or [refusal.message])) from refusal
        self.stdout.write(f"draft plan {plan.pk}: {plan.title}")
