"""Benchmark: the officer's case list and the overdue queries over 200,000 cases.

Creates a throwaway province with one large commune holding 200,000 cases (bulk insert, statuses and dates spread
over three years, 8 % still open) and a small commune with 2,000 cases built the same way, then measures, in the
same run, on both communes:

* ``case_list``: the officer's list page (``/phan-anh-kien-nghi/can-bo/<xã>/``, open cases, the first keyset page of
  50 with their due dates and the "some are overdue" flag) through Django's test client, the whole middleware stack;
* ``case_list_overdue``: the same page filtered to overdue cases (first page, clocks computed a bounded number at a
  time);
* ``overdue_for_chair``: ``selectors.overdue_cases_for_chair`` (the chair's escalation list on the task page: the
  ``CHAIR_OVERDUE_LIMIT`` oldest due and the exact total, ``overdue_count``);
* ``reminders``: ``desk.case_reminders_run`` over the large commune's open cases (the daily job; the second run
  writes nothing and is timed too: ``reminders_again``).

Figures: p50/p95/mean in ms per query (``REQUESTS`` requests each), SQL statements per request, and for each query
``ratio_to_2k``: the 200,000-case figure ÷ the 2,000-case figure (the baseline measured in the same run; 1.0 means
the query does not grow with the commune's history). Everything is rolled back at the end.

    python bench/bench_petitions.py                 # SQLite (var/db.sqlite3, migrated)
    DATABASE_URL=postgres://… python bench/bench_petitions.py
    python bench/run.py --only petitions            # with the runner's /healthz ratio
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from typing import Any

CASES = 200_000
BASELINE_CASES = 2_000
OPEN_SHARE = 0.08
REQUESTS = 15
SEED = 20261207
TODAY = dt.date(2026, 12, 7)


class _Rollback(Exception):
    pass


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _unit(kind: Any, level: str, name: str, code: str, parent: Any = None) -> Any:
    from grassroots.units.models import AdministrativeUnit

    return AdministrativeUnit.objects.create(
        level=level, kind=kind, name=name, parent=parent, code=code, slug=name.lower().replace(" ", "-")
    )


def _populate(commune: Any, count: int, generator: random.Random) -> None:
    from grassroots.petitions.models import Case, CaseKind, CaseStatus

    kinds = [CaseKind.FEEDBACK, CaseKind.FEEDBACK, CaseKind.PETITION, CaseKind.COMPLAINT, CaseKind.DENUNCIATION]
    closed = [CaseStatus.CLOSED, CaseStatus.ANSWERED, CaseStatus.REFUSED, CaseStatus.FORWARDED, CaseStatus.WITHDRAWN]
    opened = [CaseStatus.RECEIVED, CaseStatus.ACKNOWLEDGED, CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS]
    first_day = (TODAY - dt.timedelta(days=3 * 365)).toordinal()
    batch: list[Any] = []
    for number in range(count):
        kind = kinds[number % len(kinds)]
        is_open = generator.random() < OPEN_SHARE
        if is_open:
            # Open cases are mostly recent; a tail is old (the backlog that is overdue).
            received = TODAY - dt.timedelta(days=int(generator.expovariate(1 / 20)))
            status = generator.choice(opened)
        else:
            received = dt.date.fromordinal(first_day + generator.randint(0, 3 * 365 - 30))
            status = generator.choice(closed)
        accepted = received + dt.timedelta(days=5) if status not in (CaseStatus.RECEIVED,) else None
        batch.append(
            Case(
                unit=commune,
                kind=kind,
                channel="in_person",
                status=status,
                title=f"Vụ việc số {number}",
                content="Nội dung.",
                received_on=received,
                accepted_on=accepted,
                acknowledgement="accepted" if accepted else "",
                is_confidential=kind == CaseKind.DENUNCIATION,
            )
        )
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
    Case.objects.bulk_create(batch)


def _time(call: Any, requests: int = REQUESTS) -> list[float]:
    call()  # warm-up
    durations = []
    for _ in range(requests):
        start = time.perf_counter()
        call()
        durations.append(time.perf_counter() - start)
    return durations


def _figure(durations: list[float], statements: int | None = None) -> dict[str, Any]:
    figure: dict[str, Any] = {
        "p50_ms": round(_percentile(durations, 0.50) * 1000, 2),
        "p95_ms": round(_percentile(durations, 0.95) * 1000, 2),
        "mean_ms": round(statistics.fmean(durations) * 1000, 2),
    }
    if statements is not None:
        figure["sql_queries"] = statements
    return figure


def _statements(connection: Any, call: Any) -> int:
    executed: list[str] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        call()
    return len(executed)


def run() -> dict[str, Any]:
    from django.conf import settings
    from django.test import override_settings

    plain_static = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=plain_static):
        return _run()


def _run() -> dict[str, Any]:
    from unittest import mock

    from django.db import connection, transaction
    from django.test import Client

    from grassroots.accounts.testing import give_role, make_user
    from grassroots.petitions import desk, selectors
    from grassroots.units.models import UnitKind, UnitLevel

    result: dict[str, Any] = {
        "name": "petitions",
        "cases": CASES,
        "baseline_cases": BASELINE_CASES,
        "open_share": OPEN_SHARE,
        "db_vendor": connection.vendor,
    }
    moment = dt.datetime.combine(TODAY, dt.time(9, 0), tzinfo=dt.timezone(dt.timedelta(hours=7)))
    try:
        with transaction.atomic(), mock.patch("grassroots.core.clock.now", return_value=moment):
            began = time.perf_counter()
            commune_kind = UnitKind.objects.get_or_create(
                code="xa", defaults={"name": "Xã", "level": UnitLevel.COMMUNE}
            )[0]
            province_kind = UnitKind.objects.get_or_create(
                code="tinh", defaults={"name": "Tỉnh", "level": UnitLevel.PROVINCE}
            )[0]
            province = _unit(province_kind, UnitLevel.PROVINCE, "Tinh Do Don", "P98")
            large = _unit(commune_kind, UnitLevel.COMMUNE, "Xa Do Don Lon", "P9801", province)
            small = _unit(commune_kind, UnitLevel.COMMUNE, "Xa Do Don Nho", "P9802", province)
            generator = random.Random(SEED)
            _populate(large, CASES, generator)
            _populate(small, BASELINE_CASES, generator)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE petitions_case")
            result["populate_seconds"] = round(time.perf_counter() - began, 2)
            people = {}
            for commune in (large, small):
                officer = make_user(f"bench-officer-{commune.code}", full_name="Cán bộ đo")
                chair = make_user(f"bench-chair-{commune.code}", full_name="Chủ tịch đo")
                give_role(officer, "commune_officer", commune)
                give_role(chair, "commune_chair", commune)
                people[commune.code] = (officer, chair)
            for label, commune in (("large", large), ("small", small)):
                officer, chair = people[commune.code]
                client = Client()
                client.force_login(officer)
                url = f"/phan-anh-kien-nghi/can-bo/{commune.slug}/"
                response = client.get(url)
                if response.status_code != 200:
                    raise RuntimeError(f"case list: status {response.status_code}")
                figures = {
                    "case_list": (
                        _time(lambda client=client, url=url: client.get(url)),
                        _statements(connection, lambda client=client, url=url: client.get(url)),
                    ),
                    "case_list_overdue": (
                        _time(lambda client=client, url=url: client.get(url, {"loc": "overdue"})),
                        _statements(connection, lambda client=client, url=url: client.get(url, {"loc": "overdue"})),
                    ),
                    "overdue_for_chair": (
                        _time(lambda chair=chair: selectors.overdue_cases_for_chair(chair, TODAY), 5),
                        None,
                    ),
                }
                result[label] = {name: _figure(*values) for name, values in figures.items()}
                overdue = selectors.overdue_cases_for_chair(chair, TODAY)
                result[label]["overdue_count"] = overdue.total
                result[label]["overdue_listed"] = len(overdue.rows)
            start = time.perf_counter()
            written = desk.case_reminders_run(today=TODAY, window=3, now=moment)
            result["reminders"] = {"seconds": round(time.perf_counter() - start, 2), "written": len(written)}
            start = time.perf_counter()
            again = desk.case_reminders_run(today=TODAY, window=3, now=moment)
            result["reminders_again"] = {"seconds": round(time.perf_counter() - start, 2), "written": len(again)}
            for name in ("case_list", "case_list_overdue", "overdue_for_chair"):
                result[name + "_ratio_to_2k"] = round(
                    result["large"][name]["p50_ms"] / result["small"][name]["p50_ms"], 2
                )
            result["seconds"] = round(
                sum(result["large"][name]["mean_ms"] for name in ("case_list", "case_list_overdue")) / 1000, 4
            )
            result["operations"] = 2
            raise _Rollback
    except _Rollback:
        pass
    return result


if __name__ == "__main__":
    import json
    import os
    import sys
    from pathlib import Path

    import django

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from bench.run import bench_healthz

    print(json.dumps({"healthz": bench_healthz(2000), "petitions": run()}, ensure_ascii=False, indent=2))
