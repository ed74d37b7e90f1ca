"""``manage.py case_reminders [--days N] [--date YYYY-MM-DD]``: write today's reminders of case due dates.

A thin loop over ``petitions.desk.case_reminders_run`` (idempotent: run it as often as you like; a reminder is
written once per case, step, due date and recipient). Prints how many were written. Delivery is the notifications'
job (issue 19): they read the rows whose ``delivered_at`` is empty.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.petitions import desk


class Command(BaseCommand):
    help = "Write the reminders of cases due within N working days and the escalations of overdue cases."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="working days before the due date")
        parser.add_argument("--date", default=None, help="the day to run for (YYYY-MM-DD), default today")

    def handle(self, *args: Any, **options: Any) -> None:
        day = None
        if options["date"]:
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError("--date must be YYYY-MM-DD") from error
        if options["days"] is not None and options["days"] < 0:
            raise CommandError("--days must be 0 or more")
        written = desk.case_reminders_run(today=day, window=options["days"])
        due_soon = sum(1 for reminder in written if reminder.step == "due_soon")
        self.stdout.write(f"reminders written: {len(written)} (due soon {due_soon}, overdue {len(written) - due_soon})")
