"""Reports before the two-tier reform (law.md §4.5): commune → district → province for periods that ended before
1 July 2025, commune → province after, for the same commune still recorded under its former district."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_unit
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.petitions.models import Case
from grassroots.plans import selectors, services
from grassroots.plans.models import PlanReport
from grassroots.plans.tests.conftest import NOW
from grassroots.units.models import AdministrativeUnit, UnitKind, UnitLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(province: AdministrativeUnit) -> AdministrativeUnit:
    kind, _ = UnitKind.objects.get_or_create(code="huyen", defaults={"name": "Huyện", "level": UnitLevel.DISTRICT})
    return AdministrativeUnit.objects.create(
        level=UnitLevel.DISTRICT, kind=kind, name="Huyện Cũ", parent=province, code="H0099", slug="huyen-cu-99"
    )


def _cases(unit: AdministrativeUnit, count: int, received_on: dt.date) -> None:
    Case.objects.bulk_create(
        Case(unit=unit, kind="feedback", channel="online", title="Vụ việc", content=".", received_on=received_on)
        for _n in range(count)
    )


def _received(report: PlanReport) -> int:
    return int(next(item["value"] for item in report.figures["items"] if item["key"] == "petitions.received"))


def test_a_districts_report_before_the_reform_sums_its_own_communes(
    province: AdministrativeUnit, district: AdministrativeUnit, provincial_officer: User
) -> None:
    first = make_unit(UnitLevel.COMMUNE, "Xã Một", district)
    second = make_unit(UnitLevel.COMMUNE, "Xã Hai", district)
    village = make_unit(UnitLevel.COMMUNITY, "Thôn Một", first)
    outside = make_unit(UnitLevel.COMMUNE, "Xã Ngoài Huyện", province)  # directly under the province
    day = dt.date(2025, 3, 3)  # inside the 2025 six-month window (15/12/2024 – 14/06/2025)
    _cases(first, 2, day)
    _cases(village, 1, day)  # a village's case counts for its commune, and so for the district
    _cases(second, 4, day)
    _cases(outside, 8, day)
    report = services.report_prepare(unit=district, period="semiannual", year=2025, actor=provincial_officer, now=NOW)
    assert report.ends_on == dt.date(2025, 6, 14)
    assert _received(report) == 7
    province_report = services.report_prepare(
        unit=province, period="semiannual", year=2025, actor=provincial_officer, now=NOW
    )
    assert _received(province_report) == 15  # the district's 7 and the commune outside it


def test_no_district_report_for_a_period_after_the_reform(
    district: AdministrativeUnit, provincial_officer: User
) -> None:
    make_unit(UnitLevel.COMMUNE, "Xã Một", district)
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError) as refusal:
        # The 2025 annual window ends on 14/12/2025: after 1 July 2025.
        services.report_prepare(unit=district, period="annual", year=2025, actor=provincial_officer, now=NOW)
    assert refusal.value.code == "plans.report.no_district"
    assert not PlanReport.objects.exists() and AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("ends_on", "through_district"),
    [(dt.date(2025, 6, 30), True), (dt.date(2025, 7, 1), False), (dt.date(2025, 6, 14), True)],
)
def test_the_reviewing_level_changes_on_1_july_2025(
    province: AdministrativeUnit, district: AdministrativeUnit, ends_on: dt.date, through_district: bool
) -> None:
    commune = make_unit(UnitLevel.COMMUNE, "Xã Một", district)
    expected = district.pk if through_district else province.pk
    assert selectors.reviewing_unit_id(commune, ends_on) == expected
    direct = make_unit(UnitLevel.COMMUNE, "Xã Trực Thuộc", province)
    assert selectors.reviewing_unit_id(direct, ends_on) == province.pk
    assert selectors.reviewing_unit_id(district, ends_on) == province.pk


def test_reports_wait_at_the_district_before_the_reform_and_at_the_province_after(
    province: AdministrativeUnit, district: AdministrativeUnit, provincial_officer: User
) -> None:
    commune = make_unit(UnitLevel.COMMUNE, "Xã Một", district)
    before = services.report_prepare(unit=commune, period="semiannual", year=2025, actor=provincial_officer, now=NOW)
    after = services.report_prepare(unit=commune, period="annual", year=2025, actor=provincial_officer, now=NOW)
    for report in (before, after):
        services.report_submit(report=report, actor=provincial_officer, now=NOW)
    assert list(selectors.reports_waiting_review([district.pk])) == [before]
    assert list(selectors.reports_waiting_review([province.pk])) == [after]
    # The province reviews the commune's report on a period after the reform, though the commune is still recorded
    # under its former district.
    accepted = services.report_review(report=after, accept=True, actor=provincial_officer, now=NOW)
    assert accepted.status == "accepted"
