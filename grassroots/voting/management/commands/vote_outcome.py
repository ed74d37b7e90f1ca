"""``manage.py vote_outcome``: the outcome of a community vote by Law 10/2022 art. 21(1).

    python manage.py vote_outcome --matter D1 --scope community --eligible 300 --yes 200 --json
    {"passed": true, "required_yes": 200}

For commune-wide D1/D2, ``--eligible`` and ``--yes`` count communities, not households.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.voting import rules
from grassroots.voting.models import MatterCode, Scope


class Command(BaseCommand):
    help = "Compute whether a vote passes (Law 10/2022 art. 21(1)) and the yes count it needs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--matter", required=True, choices=list(MatterCode.values))
        parser.add_argument("--scope", default=Scope.COMMUNITY, choices=list(Scope.values))
        parser.add_argument("--eligible", required=True, type=int)
        parser.add_argument("--yes", required=True, type=int)
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        eligible, yes = options["eligible"], options["yes"]
        if eligible < 0 or yes < 0 or yes > eligible:
            raise CommandError("need 0 <= yes <= eligible")
        try:
            result = rules.outcome(matter=options["matter"], scope=options["scope"], eligible=eligible, yes=yes)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps({"passed": result.passed, "required_yes": result.required_yes}))
            return
        verdict = "passed" if result.passed else "not passed"
        self.stdout.write(
            f"{verdict}: {yes}/{eligible} yes, at least {result.required_yes} required ({result.threshold})"
        )
