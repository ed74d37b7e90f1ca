"""python manage.py audit_verify: exit 0 when every audit chain and the seals are intact, 1 otherwise."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from grassroots.core.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Verify every hash chain of the audit trail against its head and the seals of the national root."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        summary = f"{report.checked} events in {report.chains} chains, {report.seals} seals"
        if report.intact:
            self.stdout.write(f"OK: {summary}, chains intact.")
            return
        for problem in report.problems:
            self.stderr.write(f"BROKEN: chain {problem.chain} at #{problem.sequence}: {problem.problem}")
        self.stderr.write(f"{len(report.problems)} broken chain(s); {summary} verified.")
        sys.exit(1)
