"""Load the demo commune: ``python manage.py seed_demo`` (same data on every run, safe to repeat)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from grassroots.demo.services import demo_seed


class Command(BaseCommand):
    help = (
        "Create the demo commune (Xã Vân Long, Tỉnh Ninh Bình) with households, organisations, role users "
        "and activity (disclosures, community votes, documents)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        report = demo_seed()
        elapsed = time.perf_counter() - started
        if report.created:
            counts = ", ".join(f"{key}={value}" for key, value in sorted(report.counts.items()))
            self.stdout.write(self.style.SUCCESS(f"Created {report.commune.name} ({counts}) in {elapsed:.1f} s."))
        else:
            self.stdout.write(
                f"{report.commune.name} already exists (code {report.commune.code}): "
                f"checked role users ({report.counts.get('users_created', 0)} created) and activity "
                f"({report.counts.get('disclosures_created', 0)} disclosures, "
                f"{report.counts.get('decision_blocks_created', 0)} decision blocks, "
                f"{report.counts.get('documents_created', 0)} documents created) in {elapsed:.1f} s."
            )
