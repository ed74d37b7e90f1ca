"""Benchmark: 1,000,000 working-day additions on the default public calendar.

Import after ``django.setup()``; ``run()`` reads the override table once (through the selector
cache) and then never touches the database.
"""

from __future__ import annotations

import datetime as dt
import random
import time

OPERATIONS = 1_000_000
SEED = 20261122


def run() -> dict[str, object]:
    from grassroots.calendar import rules, selectors

    calendar = selectors.working_calendar()
    generator = random.Random(SEED)
    first = dt.date(2025, 1, 1).toordinal()
    last = dt.date(2027, 12, 31).toordinal()
    starts = [dt.date.fromordinal(generator.randint(first, last)) for _ in range(OPERATIONS)]
    counts = [generator.randint(1, 30) for _ in range(OPERATIONS)]
    add = rules.add_working_days
    began = time.perf_counter()
    checksum = 0
    for start, n in zip(starts, counts, strict=True):
        checksum += add(start, n, calendar).toordinal()
    seconds = time.perf_counter() - began
    return {
        "name": "workdays_add",
        "operations": OPERATIONS,
        "seconds": round(seconds, 4),
        "ops_per_second": round(OPERATIONS / seconds) if seconds else None,
        "checksum": checksum,
    }


if __name__ == "__main__":
    import os
    import sys
    from pathlib import Path

    import django

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    print(run())
