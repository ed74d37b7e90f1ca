"""python manage.py audit_seal: seal every audit chain's head into the national root (idempotent, periodic)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from grassroots.core.services import AuditChainBehindSeal, audit_seal


class Command(BaseCommand):
    help = "Seal the heads of every audit chain (run it every few minutes; nothing happens when no chain moved)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            seal = audit_seal()
        except AuditChainBehindSeal as refusal:
            self.stderr.write(f"REFUSED: {refusal}. Run audit_verify.")
            sys.exit(1)
        if seal is None:
            self.stdout.write("Nothing to seal: no chain moved since the last seal.")
            return
        # The line to copy outside the database: with it, a rewrite of the seals themselves is caught too.
        self.stdout.write(
            f"Seal #{seal.number} at {seal.sealed_at.isoformat()}: {len(seal.changes)} chains moved, "
            f"root {seal.root}, hash {seal.hash} (keep it: audit_verify --kept-seal {seal.number}:{seal.hash})"
        )
