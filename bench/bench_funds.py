"""Benchmark: a commune-wide fund of 10,000 households and 50,000 ledger entries (issue 18).

Sizes can be lowered for a quick run: ``FUNDS_BENCH_HOUSEHOLDS=2000 FUNDS_BENCH_ENTRIES=20000``. Every figure is
also printed as a ratio to a baseline measured in the same run on the same data: ``SELECT COUNT(*)`` of the
fund's entries (``baseline_count_p50_ms``), so figures from a loaded machine still compare.

Creates a throwaway commune (10 villages × 1,000 households) inside one transaction, creates the fund through
``fund_create`` (obligations computed from the register), bulk-inserts 50,000 entries (receipts, donations,
expenses and reversals), then measures: the public ledger page (first page of households) and its printable
statement through Django's test client (full middleware stack, like the runner's ``/healthz`` baseline), the
sums the statement is built from (``fund_totals``), the K5 statement publication (``statement_publish``,
rolled back each time), and ``funds_verify``'s recomputation entry by entry. Everything is rolled back.
Run: ``python bench/run.py --only funds``.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from typing import Any

HOUSEHOLDS = int(os.environ.get("FUNDS_BENCH_HOUSEHOLDS", "10000"))
VILLAGES = 10
ENTRIES = int(os.environ.get("FUNDS_BENCH_ENTRIES", "50000"))
REQUESTS = 10


class _Rollback(Exception):
    pass


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000, 1)


def _timed(function: Any, times: int) -> list[float]:
    durations = []
    for _ in range(times):
        start = time.perf_counter()
        function()
        durations.append(time.perf_counter() - start)
    return durations


def _query_counts(client: Any, staff: Any, public_url: str, account_url: str, detail_url: str) -> dict[str, int]:
    """How many SQL queries each page makes: a number that must not grow with the households or the entries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for key, who, url in (
        ("queries_ledger_page", client, public_url),
        ("queries_household_page", staff, account_url),
        ("queries_staff_fund_page", staff, detail_url),
    ):
        with CaptureQueriesContext(connection) as captured:
            who.get(url)
        counts[key] = len(captured.captured_queries)
    return counts


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
    from django.db import connection, transaction
    from django.test import Client

    from grassroots.accounts.models import Role, RoleMembership, User
    from grassroots.disclosures import catalogue
    from grassroots.disclosures.models import DisclosureCategory
    from grassroots.funds import selectors, services
    from grassroots.funds.models import Entry, Expense, Obligation
    from grassroots.units.models import AdministrativeUnit, Household, UnitKind, UnitLevel

    result: dict[str, Any] = {
        "name": "funds",
        "households": HOUSEHOLDS,
        "entries": ENTRIES,
        "db_vendor": connection.vendor,
    }
    now = dt.datetime(2027, 1, 4, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    try:
        with transaction.atomic():
            began = time.perf_counter()
            catalogue.seed(DisclosureCategory)
            kinds = {
                level: UnitKind.objects.get_or_create(code=code, defaults={"name": name, "level": level})[0]
                for level, code, name in [
                    (UnitLevel.PROVINCE, "tinh", "Tỉnh"),
                    (UnitLevel.COMMUNE, "xa", "Xã"),
                    (UnitLevel.COMMUNITY, "thon", "Thôn"),
                ]
            }
            province = AdministrativeUnit.objects.create(
                level=UnitLevel.PROVINCE,
                kind=kinds[UnitLevel.PROVINCE],
                name="Tỉnh Quỹ Đo",
                code="Q99",
                slug="tinh-quy-do",
            )
            commune = AdministrativeUnit.objects.create(
                level=UnitLevel.COMMUNE,
                kind=kinds[UnitLevel.COMMUNE],
                name="Xã Quỹ Đo",
                parent=province,
                code="Q9901",
                slug="xa-quy-do",
            )
            households: list[Household] = []
            for village in range(VILLAGES):
                community = AdministrativeUnit.objects.create(
                    level=UnitLevel.COMMUNITY,
                    kind=kinds[UnitLevel.COMMUNITY],
                    name=f"Thôn Đo {village + 1}",
                    parent=commune,
                    code=f"Q9901{village:02d}",
                    slug=f"thon-quy-do-{village}",
                )
                households.extend(
                    Household(community=community, code=f"{village:02d}-{number:04d}", active_from=dt.date(2020, 1, 1))
                    for number in range(HOUSEHOLDS // VILLAGES)
                )
            Household.objects.bulk_create(households, batch_size=2000)
            officer = User.objects.create(username="bench-funds-officer", full_name="Cán Bộ Đo")
            RoleMembership.objects.create(
                user=officer, role=Role.COMMUNE_CHAIR, unit=commune, valid_from=dt.date(2020, 1, 1)
            )
            start = time.perf_counter()
            fund = services.fund_create(
                unit=commune,
                decision_number="1/QĐ-UBND",
                decided_on=dt.date(2026, 10, 1),
                kind="contribution",
                title="Quỹ đo hiệu năng",
                purpose="Đo hiệu năng",
                basis="per_household",
                rate_money=200_000,
                spending_limit=10**12,
                collection_starts=dt.date(2026, 10, 1),
                collection_ends=dt.date(2027, 3, 31),
                treasurer_name="Thủ Quỹ",
                village_head_name="Trưởng Thôn",
                actor=officer,
                now=now - dt.timedelta(days=90),
            )
            result["fund_create_seconds"] = round(time.perf_counter() - start, 2)
            obligations = list(Obligation.objects.filter(fund=fund).values_list("household_id", flat=True))
            recorded = now - dt.timedelta(days=30)
            expenses = Expense.objects.bulk_create(
                Expense(
                    fund=fund,
                    work_item="Chi vật liệu",
                    amount=50_000,
                    spent_on=recorded.date(),
                    evidence="funds/evidence/do-hieu-nang.png",
                    evidence_name="do-hieu-nang.png",
                    evidence_kind="png",
                    status="approved",
                    proposed_by=officer,
                    proposed_at=recorded,
                )
                for _ in range(ENTRIES // 20)
            )
            entries: list[Entry] = []
            for number in range(1, ENTRIES + 1):
                slot = number % 20
                common = {"fund": fund, "number": number, "received_on": recorded.date(), "recorded_at": recorded}
                if slot == 0:
                    entries.append(
                        Entry(
                            kind="expense",
                            amount=50_000,
                            expense=expenses[number // 20 - 1],
                            description="Chi vật liệu",
                            **common,
                            recorded_by=officer,
                        )
                    )
                elif slot == 1:
                    entries.append(
                        Entry(kind="donation", amount=100_000, donor_name="Nhà hảo tâm", **common, recorded_by=officer)
                    )
                else:
                    entries.append(
                        Entry(
                            kind="receipt",
                            amount=100_000,
                            household_id=obligations[number % len(obligations)],
                            **common,
                            recorded_by=officer,
                        )
                    )
            Entry.objects.bulk_create(entries, batch_size=5000)
            result["populate_seconds"] = round(time.perf_counter() - began, 2)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE funds_entry")
                    cursor.execute("ANALYZE funds_obligation")
            counted = _timed(lambda: Entry.objects.filter(fund=fund).count(), REQUESTS)
            result["baseline_count_p50_ms"] = _p(counted, 0.5)
            client = Client()
            client.get("/healthz")
            url = f"/dong-gop/{fund.pk}/"
            if client.get(url).status_code != 200:
                raise RuntimeError("ledger page did not answer 200")
            page = _timed(lambda: client.get(url), REQUESTS)
            result["ledger_page_p50_ms"] = _p(page, 0.5)
            result["ledger_page_max_ms"] = _p(page, 1.0)
            result["ledger_page_bytes"] = len(client.get(url).content)
            printed = _timed(lambda: client.get(f"/dong-gop/{fund.pk}/ban-in/"), 3)
            result["printable_statement_p50_ms"] = _p(printed, 0.5)
            totals = _timed(lambda: selectors.fund_totals(fund), REQUESTS)
            result["fund_totals_p50_ms"] = _p(totals, 0.5)
            recomputed = _timed(lambda: selectors.fund_totals_recomputed(fund), 3)
            result["verify_recompute_p50_ms"] = _p(recomputed, 0.5)
            if selectors.fund_totals(fund) != selectors.fund_totals_recomputed(fund):
                raise RuntimeError("sums differ")

            def publish() -> None:
                sid = transaction.savepoint()
                services.statement_publish(fund=fund, period_end=dt.date(2026, 12, 31), actor=officer, now=now)
                transaction.savepoint_rollback(sid)

            statement = _timed(publish, 3)
            result["statement_publish_p50_ms"] = _p(statement, 0.5)
            result["ratio_statement_to_totals"] = round(statistics.median(statement) / statistics.median(totals), 1)

            # One household's balance: the selectors the household page and its statement use, then the page.
            # Receipts go to ``obligations[number % len]`` unless the slot is an expense or donation: len/2+2 gets some.
            household_id = obligations[(len(obligations) // 2 + 2) % len(obligations)]
            result["household_receipts"] = Entry.objects.filter(fund=fund, household_id=household_id).count()
            balance = _timed(
                lambda: (
                    selectors.household_lines(fund, household_id=household_id),
                    selectors.household_running_balance(fund, household_id),
                ),
                REQUESTS,
            )
            result["household_balance_p50_ms"] = _p(balance, 0.5)
            staff = Client()
            staff.force_login(officer)
            account_url = f"/dong-gop/can-bo/{fund.pk}/ho/{household_id}/"
            if staff.get(account_url).status_code != 200:
                raise RuntimeError("household page did not answer 200")
            account = _timed(lambda: staff.get(account_url), REQUESTS)
            result["household_page_p50_ms"] = _p(account, 0.5)
            detail_url = f"/dong-gop/can-bo/{fund.pk}/"
            if staff.get(detail_url).status_code != 200:
                raise RuntimeError("staff fund page did not answer 200")
            detail = _timed(lambda: staff.get(detail_url), 3)
            result["staff_fund_page_p50_ms"] = _p(detail, 0.5)
            result["staff_fund_page_bytes"] = len(staff.get(detail_url).content)
            queries = _query_counts(client, staff, url, account_url, detail_url)
            result.update(queries)
            baseline = statistics.median(counted)
            for key, values in {
                "ledger_page": page,
                "printable_statement": printed,
                "fund_totals": totals,
                "household_balance": balance,
                "household_page": account,
                "staff_fund_page": detail,
                "statement_publish": statement,
            }.items():
                result[f"ratio_{key}_to_count"] = round(statistics.median(values) / baseline, 1)
            raise _Rollback
    except _Rollback:
        pass
    return result
