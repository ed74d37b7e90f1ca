"""Benchmark: the province compliance scorecard over 100 communes and a year of activity, and plan import time.

Creates a throwaway province with 100 communes and ``EVENTS`` recorded cases (petitions: the largest record
kind; 1,000,000 on PostgreSQL, 20,000 on SQLite to stay within ~2 minutes on a shared machine) over one year, in one
transaction that is rolled back at the end. Measures:

* ``scorecard_ms``: ``plans.selectors.scorecard`` for the province (every registered figure provider called
  once for all communes, grouped by commune), median of ``REPEATS``, and its ``scorecard_queries``;
* ``per_commune_ms`` / ``per_commune_queries``: the scorecard as it was first built (every provider called once
  per commune), measured in the same run as the "before"; ``speedup`` = per_commune_ms / scorecard_ms;
* ``python_decided_ms``: the same scorecard with every on-time figure decided in Python per (commune, start,
  done) group (``grouping.MAX_DEADLINE_KEYS = 0``: the fallback, and how the figures were computed before
  ``grouping.deadline_table`` moved the decision into the database), the "before" of that change;
  ``python_decided_ratio_to_count`` and ``deadline_speedup`` = python_decided_ms / scorecard_ms;
* ``province_report_ms``: the province roll-up of every provider at once;
* ``baseline_count_ms``: one ``COUNT(*)`` of the same cases in the same run, and ``ratio_to_count``;
* ``trend_ms``: the province's trend over ``selectors.TREND_PERIODS`` years (only this year holds cases);
* ``insert_seconds``: writing the cases (not part of any page);
* ``import_ms``: parsing each seed plan (``grassroots/plans/tests/seeds``, from ``../shared/seeds``), median of 20.

Run it with the others: ``python bench/run.py --only plans`` (or ``python bench/bench_plans.py``). The figure of
1,000,000 cases is this script on PostgreSQL (``DATABASE_URL=postgres://…``), ``BENCH_PLANS_EVENTS`` to change it.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from pathlib import Path
from typing import Any

COMMUNES = 100
EVENTS_POSTGRES = 1_000_000
EVENTS_SQLITE = 20_000
REPEATS = int(os.environ.get("BENCH_PLANS_REPEATS", "3"))
"""Median of this many runs; ``BENCH_PLANS_REPEATS=1`` on a crowded machine."""
SEED = 20261207
BEFORE = os.environ.get("BENCH_PLANS_BEFORE", "1") != "0"
"""``BENCH_PLANS_BEFORE=0`` skips the "before" measurements (``python_decided_ms``, ``per_commune_ms``): at
1,000,000 cases they take several times the scorecard itself."""


class _Rollback(Exception):
    pass


def _median_ms(work: Any, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return round(statistics.median(times), 2)


def _progress(figures: dict[str, Any], key: str) -> None:
    print(f"  {key} = {figures[key]}", flush=True)


def _import_times() -> dict[str, float]:
    from grassroots.plans.parsing import parse_file

    seeds = Path(__file__).resolve().parents[1] / "grassroots" / "plans" / "tests" / "seeds"
    result = {}
    for path in sorted(seeds.glob("*.txt")):
        data = path.read_bytes()
        result[path.name] = _median_ms(lambda data=data, name=path.name: parse_file(name, data), 20)
    return result


def run() -> dict[str, Any]:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from grassroots.petitions.models import Case
    from grassroots.plans import selectors
    from grassroots.plans.figures import collect_figures
    from grassroots.plans.rules import report_window
    from grassroots.units.models import AdministrativeUnit, UnitKind, UnitLevel

    events = int(
        os.environ.get("BENCH_PLANS_EVENTS", EVENTS_POSTGRES if connection.vendor == "postgresql" else EVENTS_SQLITE)
    )
    generator = random.Random(SEED)
    figures: dict[str, Any] = {"name": "plans", "communes": COMMUNES, "events": events, "database": connection.vendor}
    try:
        with transaction.atomic():
            province_kind, _ = UnitKind.objects.get_or_create(
                code="tinh", defaults={"name": "Tỉnh", "level": UnitLevel.PROVINCE}
            )
            commune_kind, _ = UnitKind.objects.get_or_create(
                code="xa", defaults={"name": "Xã", "level": UnitLevel.COMMUNE}
            )
            province = AdministrativeUnit.objects.create(
                level=UnitLevel.PROVINCE, kind=province_kind, name="Tỉnh Đo Tải", code="B99", slug="bench-tinh"
            )
            communes = AdministrativeUnit.objects.bulk_create(
                AdministrativeUnit(
                    level=UnitLevel.COMMUNE,
                    kind=commune_kind,
                    name=f"Xã Đo Tải {i:03d}",
                    parent=province,
                    code=f"B99{i:03d}",
                    slug=f"bench-xa-{i:03d}",
                )
                for i in range(COMMUNES)
            )
            first = dt.date(2025, 12, 15).toordinal()
            began = time.perf_counter()
            batch: list[Case] = []
            for n in range(events):
                day = dt.date.fromordinal(first + generator.randrange(365))
                acknowledged = generator.random() < 0.8
                # Realistic delays: some acknowledgements and answers come after the legal deadline, so the
                # on-time figures take their exact path (grouped by date pair), not only the in-database one.
                acknowledged_after = generator.randrange(0, 20)
                answered_after = acknowledged_after + generator.randrange(0, 30)
                batch.append(
                    Case(
                        unit_id=communes[n % COMMUNES].pk,
                        kind="feedback",
                        channel="online",
                        title="Sự kiện đo tải",
                        content=".",
                        received_on=day,
                        acknowledged_on=day + dt.timedelta(days=acknowledged_after) if acknowledged else None,
                        answered_on=(
                            day + dt.timedelta(days=answered_after)
                            if acknowledged and generator.random() < 0.7
                            else None
                        ),
                    )
                )
                if len(batch) == 20_000:
                    Case.objects.bulk_create(batch)
                    batch = []
            if batch:
                Case.objects.bulk_create(batch)
            figures["insert_seconds"] = round(time.perf_counter() - began, 1)
            _progress(figures, "insert_seconds")
            ids = [commune.pk for commune in communes]
            window = report_window("annual", 2026)
            today = dt.date(2026, 12, 20)
            figures["baseline_count_ms"] = _median_ms(lambda: Case.objects.filter(unit_id__in=ids).count(), REPEATS)
            figures["province_report_ms"] = _median_ms(
                lambda: collect_figures(ids, window.starts_on, window.ends_on), REPEATS
            )
            _progress(figures, "baseline_count_ms")
            _progress(figures, "province_report_ms")
            figures["scorecard_ms"] = _median_ms(lambda: selectors.scorecard(province, "annual", 2026, today), REPEATS)
            _progress(figures, "scorecard_ms")
            with CaptureQueriesContext(connection) as grouped_queries:
                selectors.scorecard(province, "annual", 2026, today)
            figures["scorecard_queries"] = len(grouped_queries)
            figures["ratio_to_count"] = round(figures["scorecard_ms"] / max(figures["baseline_count_ms"], 0.01), 1)
            figures["trend_ms"] = _median_ms(lambda: selectors.scorecard_trend(province, "annual", 2026), REPEATS)
            _progress(figures, "trend_ms")
            if not BEFORE:
                raise _Rollback
            from grassroots.plans import grouping

            in_database = grouping.MAX_DEADLINE_KEYS
            grouping.MAX_DEADLINE_KEYS = 0
            try:
                figures["python_decided_ms"] = _median_ms(
                    lambda: selectors.scorecard(province, "annual", 2026, today), REPEATS
                )
            finally:
                grouping.MAX_DEADLINE_KEYS = in_database
            _progress(figures, "python_decided_ms")

            def per_commune() -> None:
                for commune_id in ids:
                    collect_figures([commune_id], window.starts_on, window.ends_on)

            figures["per_commune_ms"] = _median_ms(per_commune, REPEATS)
            _progress(figures, "per_commune_ms")
            with CaptureQueriesContext(connection) as old_queries:
                per_commune()
            figures["per_commune_queries"] = len(old_queries)
            figures["speedup"] = round(figures["per_commune_ms"] / max(figures["scorecard_ms"], 0.01), 1)
            figures["python_decided_ratio_to_count"] = round(
                figures["python_decided_ms"] / max(figures["baseline_count_ms"], 0.01), 1
            )
            figures["deadline_speedup"] = round(figures["python_decided_ms"] / max(figures["scorecard_ms"], 0.01), 1)
            raise _Rollback
    except _Rollback:
        pass
    figures["import_ms"] = _import_times()
    return figures


if __name__ == "__main__":
    import sys

    import django

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    print(run())
