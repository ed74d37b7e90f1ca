"""``manage.py conference_outcome --headcount N --present P --yes Y [--json]``: the conference outcome rule.

Quorum: at least two thirds of the staff (or delegates summoned) present; a resolution passes with more than
half of those present ([L] arts 51(2)(c), 69(2)(c)). The same pure rule the services and pages use.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.workplaces import rules


class Command(BaseCommand):
    help = "Quorum and passing of a staff or employee conference (Law 10/2022 arts 51, 69)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--headcount", type=int, required=True, help="staff, or delegates summoned")
        parser.add_argument("--present", type=int, required=True, help="people present")
        parser.add_argument("--yes", type=int, required=True, help="votes for")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        headcount, present, yes = options["headcount"], options["present"], options["yes"]
        if min(headcount, present, yes) < 0 or present > headcount or yes > present:
            raise CommandError("need 0 <= yes <= present <= headcount")
        outcome = rules.conference_outcome(headcount=headcount, present=present, votes_for=yes)
        if options["json"]:
            self.stdout.write(json.dumps({"quorum": outcome.quorum, "passed": outcome.passed}))
            return
        self.stdout.write(
            f"quorum: {outcome.quorum} (need {outcome.quorum_needed}/{headcount}); "
            f"passed: {outcome.passed} (need {outcome.votes_needed}/{present})"
        )
