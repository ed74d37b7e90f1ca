"""Benchmark: active households per community on a date (the denominator of every household vote).

``run()`` uses the configured database. It measures the commune with the most communities when
one has at least 12 communities and 2,500 households (the demo commune); otherwise it builds a
synthetic commune of 12 communities x 220 households inside a transaction and rolls it back.

    DJANGO_SETTINGS_MODULE=config.settings python -c "import django; django.setup(); \
        from bench.bench_household_count import run; print(run())"
"""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grassroots.units.models import AdministrativeUnit

MIN_COMMUNITIES = 12
MIN_HOUSEHOLDS = 2500
SYNTHETIC_COMMUNITIES = 12
SYNTHETIC_HOUSEHOLDS = 220
DATES = 60
"""Dates spread over five years, the span of a term of village elections and plans."""


class _Rollback(Exception):
    pass


def _find_commune() -> AdministrativeUnit | None:
    from django.db.models import Count

    from grassroots.units.models import AdministrativeUnit, Household, UnitLevel

    candidates = (
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, valid_until__isnull=True)
        .annotate(communities=Count("children", distinct=True))
        .filter(communities__gte=MIN_COMMUNITIES)
        .order_by("-communities")[:5]
    )
    for commune in candidates:
        if Household.objects.filter(community__parent=commune).count() >= MIN_HOUSEHOLDS:
            return commune
    return None


def _build_synthetic() -> AdministrativeUnit:
    from grassroots.units.models import AdministrativeUnit, Household, HouseholdStatus, UnitKind, UnitLevel

    kinds = {kind.code: kind for kind in UnitKind.objects.filter(code__in=["tinh", "xa", "thon"])}
    province = AdministrativeUnit.objects.create(
        level=UnitLevel.PROVINCE, kind=kinds["tinh"], name="Tỉnh Đo Hiệu Năng", code="BENCH-P"
    )
    commune = AdministrativeUnit.objects.create(
        parent=province, level=UnitLevel.COMMUNE, kind=kinds["xa"], name="Xã Đo Hiệu Năng", code="BENCH-X"
    )
    communities = AdministrativeUnit.objects.bulk_create(
        [
            AdministrativeUnit(
                parent=commune, level=UnitLevel.COMMUNITY, kind=kinds["thon"], name=f"Thôn {number}", code=f"{number}"
            )
            for number in range(1, SYNTHETIC_COMMUNITIES + 1)
        ]
    )
    households = []
    start = dt.date(2018, 1, 1)
    for community in communities:
        for number in range(SYNTHETIC_HOUSEHOLDS):
            arrival = start + dt.timedelta(days=(number * 37) % 2500)
            moved = number % 9 == 0
            households.append(
                Household(
                    community=community,
                    code=f"{community.code}-{number:04d}",
                    active_from=arrival,
                    active_until=arrival + dt.timedelta(days=400) if moved else None,
                    status=HouseholdStatus.MOVED if moved else HouseholdStatus.ACTIVE,
                )
            )
    Household.objects.bulk_create(households, batch_size=1000)
    return commune


def _measure(commune: AdministrativeUnit, synthetic: bool) -> dict[str, Any]:
    from grassroots.units.models import AdministrativeUnit, Household, UnitLevel
    from grassroots.units.selectors import active_household_counts

    community_ids = list(
        AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.COMMUNITY).values_list("id", flat=True)
    )
    households = Household.objects.filter(community__parent=commune).count()
    dates = [dt.date(2021, 1, 1) + dt.timedelta(days=31 * step) for step in range(DATES)]
    queries = 0
    started = time.perf_counter()
    for day in dates:
        active_household_counts(commune, day)
        queries += 1
    grouped_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for day in dates:
        for community_id in community_ids:
            Household.objects.of_unit_on(community_id, day).count()
            queries += 1
    single_seconds = time.perf_counter() - started
    seconds = grouped_seconds + single_seconds
    return {
        "name": "household_count_by_date",
        "synthetic": synthetic,
        "communities": len(community_ids),
        "households": households,
        "dates": len(dates),
        "queries": queries,
        "seconds": round(seconds, 4),
        "per_query_ms": round(1000 * seconds / queries, 3),
        "grouped_per_query_ms": round(1000 * grouped_seconds / len(dates), 3),
        "single_per_query_ms": round(1000 * single_seconds / (len(dates) * len(community_ids)), 3),
    }


def run() -> dict[str, Any]:
    from django.db import transaction

    commune = _find_commune()
    if commune is not None:
        return _measure(commune, synthetic=False)
    result: dict[str, Any] = {}
    try:
        with transaction.atomic():
            result = _measure(_build_synthetic(), synthetic=True)
            raise _Rollback
    except _Rollback:
        pass
    return result


if __name__ == "__main__":
    import os
    import sys
    from pathlib import Path

    import django

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    print(run())
