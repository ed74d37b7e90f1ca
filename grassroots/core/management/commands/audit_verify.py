"""python manage.py audit_verify: exit 0 when the audit chain is intact, 1 otherwise."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from grassroots.core.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        if report.intact:
            self.stdout.write(f"OK: {report.checked} events, chain intact.")
            return
        self.stderr.write(
            f"BROKEN at event #{report.bad_sequence}: {report.problem} ({report.checked} events verified before it)."
        )
        sys.exit(1)
