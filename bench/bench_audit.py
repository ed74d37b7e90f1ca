"""Benchmark: audit_record throughput, N threads writing to N different communes vs all to one commune.

Each thread has its own database connection and writes events in a loop for ``SECONDS`` seconds, one
transaction per event, as a service does: ``transaction.atomic`` → (other work) → ``audit_record`` → commit.
Two shapes of transaction are measured:

- ``bare``: the transaction is the audit event only (lock held for the insert, the head update and the commit);
- ``with_work_after``: ``WORK_AFTER_MS`` of other work stays in the transaction after the event (a
  ``pg_sleep`` on PostgreSQL, standing for the writes a service does after its audit call); the head lock is
  held until commit, so it is held through that work too.

For each shape the same run measures ``distinct`` (thread i writes to commune i) and ``same`` (every thread
to one commune), and reports ``distinct_to_same`` = events/s distinct ÷ events/s same. With one chain per
commune the distinct writers do not wait for each other; with the former single global head they all did.
It also reports the queries of one ``audit_record`` (a unit id already seen, and a unit instance), and times
``audit_seal`` and ``audit_verify`` over everything written.

Everything runs in a throwaway database (``setup_databases``, named after the configured one plus
``_bench``), dropped at the end: audit events are append-only.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gr_audit python bench/run.py --only audit
"""

from __future__ import annotations

import tempfile
import threading
import time
from typing import Any

THREADS = 8
SECONDS = 4.0
WORK_AFTER_MS = 2


def _communes(count: int) -> list[Any]:
    from grassroots.units.models import AdministrativeUnit, UnitKind, UnitLevel

    def kind(code: str, level: str) -> UnitKind:
        return UnitKind.objects.get_or_create(code=code, defaults={"name": code, "level": level})[0]

    province = AdministrativeUnit.objects.create(
        level=UnitLevel.PROVINCE, code="BA-P", name="Tỉnh Đo Nhật Ký", kind=kind("tinh", "province")
    )
    communes = []
    for index in range(count):
        commune = AdministrativeUnit.objects.create(
            level=UnitLevel.COMMUNE,
            code=f"BA-X{index}",
            name=f"Xã Đo {index}",
            slug=f"xa-do-nhat-ky-{index}",
            parent=province,
            kind=kind("xa", "commune"),
        )
        community = AdministrativeUnit.objects.create(
            level=UnitLevel.COMMUNITY, code="01", name="Thôn 1", parent=commune, kind=kind("thon", "community")
        )
        communes.append(community)
    return communes


def _load(units: list[Any], work_after_ms: int) -> dict[str, Any]:
    """THREADS writers for SECONDS; thread i writes events about ``units[i]``."""
    from django.db import connection, transaction

    from grassroots.core.services import audit_record

    counts = [0] * len(units)
    start = threading.Barrier(len(units) + 1)
    deadline: list[float] = []

    def writer(index: int) -> None:
        try:
            unit_id = units[index].pk  # a bare id, as most services pass it: the first call looks it up
            start.wait(timeout=60)
            while time.monotonic() < deadline[0]:
                with transaction.atomic():
                    audit_record(code="bench.audit.written", unit=unit_id, after={"thread": index})
                    if work_after_ms:
                        if connection.vendor == "postgresql":
                            with connection.cursor() as cursor:
                                cursor.execute("SELECT pg_sleep(%s)", [work_after_ms / 1000])
                        else:
                            time.sleep(work_after_ms / 1000)
                counts[index] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(index,)) for index in range(len(units))]
    for thread in threads:
        thread.start()
    deadline.append(time.monotonic() + SECONDS)
    began = time.monotonic()
    start.wait(timeout=60)
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    total = sum(counts)
    return {
        "events": total,
        "seconds": round(elapsed, 3),
        "events_per_second": round(total / elapsed, 1),
        "per_thread": counts,
    }


def _queries_per_record(unit: Any) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from grassroots.core.services import audit_chain_cache_clear, audit_record

    audit_record(code="bench.audit.opened", unit=unit)  # the chain's head exists: its first insert is not counted
    audit_chain_cache_clear()
    figures = {}
    for label, argument in (("unit_id_first_time", unit.pk), ("unit_id_seen", unit.pk), ("unit_instance", unit)):
        with CaptureQueriesContext(connection) as queries:
            audit_record(code="bench.audit.counted", unit=argument)
        figures[label] = len(queries.captured_queries)
    return figures


def run() -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    from grassroots.core.selectors import audit_chain_verify
    from grassroots.core.services import audit_seal

    database = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        # A file, not :memory:, so the writer threads share it.
        database.setdefault("TEST", {})["NAME"] = tempfile.mktemp(suffix=".sqlite3")  # noqa: S306
    else:
        database.setdefault("TEST", {})["NAME"] = f"{database['NAME']}_bench"
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        units = _communes(THREADS)
        queries = _queries_per_record(units[0])
        shapes: dict[str, Any] = {}
        for shape, work_after_ms in (("bare", 0), ("with_work_after", WORK_AFTER_MS)):
            distinct = _load(units, work_after_ms)
            same = _load([units[0]] * THREADS, work_after_ms)
            shapes[shape] = {
                "work_after_ms": work_after_ms,
                "distinct": distinct,
                "same": same,
                "distinct_to_same": round(distinct["events_per_second"] / same["events_per_second"], 2),
            }
        began = time.monotonic()
        seal = audit_seal()
        seal_seconds = time.monotonic() - began
        began = time.monotonic()
        report = audit_chain_verify()
        verify_seconds = time.monotonic() - began
    finally:
        connection.close()
        teardown_databases(old_config, verbosity=0)
    return {
        "name": "audit",
        "database": connection.vendor,
        "threads": THREADS,
        "seconds_per_load": SECONDS,
        "queries_per_record": queries,
        **shapes,
        "seal": {"chains": len(seal.changes) if seal else 0, "seconds": round(seal_seconds, 4)},
        "verify": {
            "events": report.checked,
            "chains": report.chains,
            "intact": report.intact,
            "seconds": round(verify_seconds, 3),
            "events_per_second": round(report.checked / verify_seconds) if verify_seconds else None,
        },
    }
