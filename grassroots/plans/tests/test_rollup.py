"""Roll-up on generated activity for a province of 100 communes: sums, shares, who reported and who is late, and
each number traced to the records behind it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_unit
from grassroots.petitions.models import Case
from grassroots.plans import selectors, services
from grassroots.plans.figures import collect_figures
from grassroots.plans.tests.conftest import NOW
from grassroots.units.models import AdministrativeUnit, UnitKind, UnitLevel

pytestmark = pytest.mark.django_db

COMMUNES = 100
IN_WINDOW = dt.date(2026, 3, 2)
BEFORE_WINDOW = dt.date(2025, 12, 14)  # the day before the six-month window starts
LAST_DAY = dt.date(2026, 6, 14)  # the cut-off itself is inside the window


def _cases(unit: AdministrativeUnit, received: int, acknowledged: int, day: dt.date) -> list[Case]:
    return [
        Case(
            unit=unit,
            kind="feedback",
            channel="online",
            title=f"Vụ việc {n}",
            content="Nội dung",
            received_on=day,
            acknowledged_on=day if n < acknowledged else None,
        )
        for n in range(received)
    ]


@pytest.fixture
def province_of_100(province: AdministrativeUnit) -> list[AdministrativeUnit]:
    # Ten communes sit under a former district: records before 1 July 2025 rolled up through it (law.md §4.5).
    kind, _ = UnitKind.objects.get_or_create(code="huyen", defaults={"name": "Huyện", "level": UnitLevel.DISTRICT})
    district = AdministrativeUnit.objects.create(
        level=UnitLevel.DISTRICT, kind=kind, name="Huyện Cũ", parent=province, code="H0001", slug="huyen-cu"
    )
    communes = [
        make_unit(UnitLevel.COMMUNE, f"Xã Số {i:03d}", district if i < 10 else province, slug=f"xa-so-{i:03d}")
        for i in range(COMMUNES)
    ]
    rows: list[Case] = []
    for i, commune in enumerate(communes):
        rows += _cases(commune, received=i % 5 + 1, acknowledged=i % 3, day=IN_WINDOW if i % 2 else LAST_DAY)
        rows += _cases(commune, received=2, acknowledged=2, day=BEFORE_WINDOW)  # outside: never counted
    elsewhere = make_unit(UnitLevel.PROVINCE, "Tỉnh Khác")
    rows += _cases(make_unit(UnitLevel.COMMUNE, "Xã Ngoài", elsewhere), received=7, acknowledged=7, day=IN_WINDOW)
    Case.objects.bulk_create(rows)
    return communes


def expected_received() -> int:
    return sum(i % 5 + 1 for i in range(COMMUNES))


def expected_acknowledged() -> int:
    return sum(min(i % 3, i % 5 + 1) for i in range(COMMUNES))


def test_province_report_sums_every_commune_and_nothing_else(
    province: AdministrativeUnit, province_of_100: list[AdministrativeUnit], provincial_officer: User
) -> None:
    report = services.report_prepare(unit=province, period="semiannual", year=2026, actor=provincial_officer, now=NOW)
    values = {item["key"]: item["value"] for item in report.figures["items"]}
    assert values["petitions.received"] == expected_received() == 300
    assert values["petitions.acknowledged"] == expected_acknowledged()


def test_scorecard_shares_per_commune_and_traced_to_records(
    province: AdministrativeUnit, province_of_100: list[AdministrativeUnit]
) -> None:
    headings, rows = selectors.scorecard(province, "semiannual", 2026, today=dt.date(2026, 7, 1))
    assert len(rows) == COMMUNES
    assert "petitions.acknowledged" in {heading["key"] for heading in headings}
    by_name = {row.unit.name: row for row in rows}
    for i in (0, 1, 7, 13, 99):
        row = by_name[f"Xã Số {i:03d}"]
        received, acknowledged = i % 5 + 1, min(i % 3, i % 5 + 1)
        assert row.figures["petitions.received"] == received
        # Traced: the number is the count of the commune's records in the window, and nothing else.
        records = Case.objects.filter(
            unit=row.unit, received_on__gte=dt.date(2025, 12, 15), received_on__lte=dt.date(2026, 6, 14)
        )
        assert records.count() == received
        assert records.filter(acknowledged_on__isnull=False).count() == acknowledged
        assert row.percents["petitions.acknowledged"] == round(100 * acknowledged / received, 1)
        # Nothing was disclosed as due: no share, not 0 % and not 100 %.
        assert row.percents["disclosures.on_time"] is None


def test_completeness_and_lateness(
    province: AdministrativeUnit, province_of_100: list[AdministrativeUnit], provincial_officer: User
) -> None:
    on_time, late = province_of_100[0], province_of_100[1]
    officer = provincial_officer
    first = services.report_prepare(unit=on_time, period="semiannual", year=2026, actor=officer, now=NOW)
    services.report_submit(report=first, actor=officer, now=NOW)  # 10/06: before the default due date 16/06
    second = services.report_prepare(unit=late, period="semiannual", year=2026, actor=officer, now=NOW)
    services.report_submit(report=second, actor=officer, now=NOW + dt.timedelta(days=8))  # 18/06: late
    _, rows = selectors.scorecard(province, "semiannual", 2026, today=dt.date(2026, 7, 1))
    status = {row.unit.pk: (row.report_status, row.report_late) for row in rows}
    assert status[on_time.pk] == ("submitted", False)
    assert status[late.pk] == ("submitted", True)
    missing = [row for row in rows if row.report_status is None]
    assert len(missing) == COMMUNES - 2 and all(row.report_late for row in missing)


def test_a_report_sent_after_midnight_in_vietnam_on_the_day_after_its_due_date_is_late(
    province: AdministrativeUnit, province_of_100: list[AdministrativeUnit], provincial_officer: User
) -> None:
    """Due 16/06; sent 17/06 at 01:00 in Vietnam, which is still 16/06 (18:00) in UTC."""
    vietnam = ZoneInfo("Asia/Ho_Chi_Minh")
    just_before, just_after = province_of_100[0], province_of_100[1]
    for unit, sent in (
        (just_before, dt.datetime(2026, 6, 16, 23, 59, tzinfo=vietnam)),
        (just_after, dt.datetime(2026, 6, 17, 1, 0, tzinfo=vietnam)),
    ):
        report = services.report_prepare(unit=unit, period="semiannual", year=2026, actor=provincial_officer, now=NOW)
        assert report.due_on == dt.date(2026, 6, 16)
        services.report_submit(report=report, actor=provincial_officer, now=sent)
    _, rows = selectors.scorecard(province, "semiannual", 2026, today=dt.date(2026, 7, 1))
    late = {row.unit.pk: row.report_late for row in rows}
    assert (late[just_before.pk], late[just_after.pk]) == (False, True)


def test_figures_of_one_commune_do_not_leak_into_its_neighbour(
    province_of_100: list[AdministrativeUnit],
) -> None:
    first = collect_figures([province_of_100[0].pk], dt.date(2025, 12, 15), dt.date(2026, 6, 14))
    values = {item["key"]: item["value"] for item in first}
    assert values["petitions.received"] == 1
