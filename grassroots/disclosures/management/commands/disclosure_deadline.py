"""Print the date by which a disclosure is due under the default rule of its regime.

python manage.py disclosure_deadline --kind commune --decided 2026-02-13   → 2026-02-27
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.calendar import rules as calendar_rules
from grassroots.calendar import selectors as calendar_selectors
from grassroots.disclosures import rules, selectors
from grassroots.disclosures.models import Regime


class Command(BaseCommand):
    help = "Print the ISO date a disclosure is due (Law 10/2022 arts 12(3), 47(2), 65(2))."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind",
            required=True,
            choices=Regime.values,
            help="commune, agency, soe or employer (prints none: no general deadline)",
        )
        parser.add_argument("--decided", required=True, help="date of the decision, YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            decided = dt.date.fromisoformat(options["decided"])
        except ValueError as error:
            raise CommandError(f"--decided must be a date YYYY-MM-DD, not {options['decided']!r}") from error
        calendar = calendar_selectors.working_calendar()
        try:
            due = rules.default_deadline(options["kind"], decided, calendar, soe_mode=selectors.soe_deadline_mode())
        except calendar_rules.CalendarRangeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(due.isoformat() if due is not None else "none")  # an employer: no general deadline
