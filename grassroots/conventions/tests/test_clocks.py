"""The 3 / 5 working-day clocks of suspension and abolition ([ND61] arts 12(2), 14(3)): a received report's due
day counted in the working-day calendar (across Tết, on a swapped working Saturday), shown on the convention page
and as a dashboard due item, overdue once the day is over, closed by the decision; every guarantee attacked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.calendar import rules as calendar_rules
from grassroots.calendar import selectors as calendar_selectors
from grassroots.calendar.models import CalendarOverride
from grassroots.conventions import rules, selectors, services, tasks
from grassroots.conventions.models import (
    Convention,
    ConventionMeasure,
    ConventionReport,
    ConventionStatus,
    MeasureKind,
    ReportGround,
)
from grassroots.conventions.tests.conftest import VN, recognise
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.dashboard.registry import collect_tasks

# --- Pure rule: the clock in a calendar built without the database ------------------------------------------

TET_2027 = {dt.date(2027, 2, day): "Tết" for day in range(4, 11)}
"""Tết 2027 as the public sector rests it: Thu 4/2 → Wed 10/2/2027."""
NEW_YEAR = {dt.date(2027, 1, 1): "Tết Dương lịch", dt.date(2027, 1, 4): "Nghỉ bù (hoán đổi)"}
MAKE_UP_SATURDAY = dt.date(2027, 1, 9)
"""Saturday 9/1/2027 worked in exchange for Monday 4/1/2027 (a swap announced by the Government)."""


def _calendar(*, swapped: bool) -> calendar_rules.WorkingCalendar:
    return calendar_rules.build_calendar(
        first_day=dt.date(2026, 1, 1),
        last_day=dt.date(2027, 12, 31),
        holidays={**TET_2027, **(NEW_YEAR if swapped else {dt.date(2027, 1, 1): "Tết Dương lịch"})},
        extra_working_days={MAKE_UP_SATURDAY} if swapped else set(),
    )


def test_report_clock_crosses_tet() -> None:
    calendar = _calendar(swapped=False)
    received = dt.date(2027, 2, 3)  # Wednesday before Tết
    # Thu 4 → Wed 10 rest; Thu 11 (1), Fri 12 (2), Mon 15 (3), Tue 16 (4), Wed 17 (5).
    assert rules.report_due(ReportGround.REPORT, received, calendar) == dt.date(2027, 2, 15)
    assert rules.report_due(ReportGround.ABOLITION, received, calendar) == dt.date(2027, 2, 17)
    assert rules.measure_due(MeasureKind.SUSPENSION_FULL, received, calendar) == dt.date(2027, 2, 15)
    assert rules.measure_due(MeasureKind.ABOLITION_PARTIAL, received, calendar) == dt.date(2027, 2, 17)


def test_report_clock_counts_a_swapped_working_saturday_and_skips_the_swapped_monday() -> None:
    received = dt.date(2026, 12, 31)  # Thursday
    plain = _calendar(swapped=False)
    swapped = _calendar(swapped=True)
    # Without the swap: Fri 1/1 rest; Mon 4 (1), Tue 5 (2), Wed 6 (3), Thu 7 (4), Fri 8 (5).
    assert rules.report_due(ReportGround.REPORT, received, plain) == dt.date(2027, 1, 6)
    assert rules.report_due(ReportGround.ABOLITION, received, plain) == dt.date(2027, 1, 8)
    # With it: Mon 4 rests, Tue 5 (1), Wed 6 (2), Thu 7 (3), Fri 8 (4), Sat 9 worked (5).
    assert rules.report_due(ReportGround.REPORT, received, swapped) == dt.date(2027, 1, 7)
    assert rules.report_due(ReportGround.ABOLITION, received, swapped) == MAKE_UP_SATURDAY


def test_report_received_on_a_rest_day_counts_from_the_next_working_day() -> None:
    calendar = _calendar(swapped=False)
    assert rules.report_due(ReportGround.REPORT, dt.date(2027, 2, 6), calendar) == dt.date(2027, 2, 15)


@pytest.mark.parametrize(
    ("ground", "kind", "allowed"),
    [
        (ReportGround.REPORT, MeasureKind.UNFOUNDED, True),
        (ReportGround.REPORT, MeasureKind.SUSPENSION_FULL, True),
        (ReportGround.REPORT, MeasureKind.SUSPENSION_PARTIAL, True),
        (ReportGround.REPORT, MeasureKind.ABOLITION_FULL, False),
        (ReportGround.REPORT, MeasureKind.ABOLITION_PARTIAL, False),
        (ReportGround.ABOLITION, MeasureKind.UNFOUNDED, True),
        (ReportGround.ABOLITION, MeasureKind.ABOLITION_FULL, True),
        (ReportGround.ABOLITION, MeasureKind.ABOLITION_PARTIAL, True),
        (ReportGround.ABOLITION, MeasureKind.SUSPENSION_FULL, False),
        ("made_up", MeasureKind.UNFOUNDED, False),
    ],
)
def test_the_decision_fits_the_ground(ground: str, kind: str, allowed: bool) -> None:
    assert rules.check_report_measure(ground=ground, kind=kind).allowed is allowed


# --- Services, selectors, the dashboard: the stored calendar -------------------------------------------------


def _receive(
    convention: Convention, chair: User, received_on: dt.date, ground: str = ReportGround.REPORT
) -> ConventionReport:
    return services.report_receive(
        convention=convention,
        ground=ground,
        basis="Đơn phản ánh của hộ ông A: Điều 3 quy định phạt tiền.",
        received_on=received_on,
        actor=chair,
        now=dt.datetime.combine(received_on, dt.time(9, 0), tzinfo=VN),
    )


def _task_dues(user: User, today: dt.date) -> list[tuple[str, dt.date | None]]:
    return [(item.url, item.due_date) for item in tasks.report_tasks(user, today)]


@pytest.mark.django_db
def test_report_clock_across_tet_in_the_stored_calendar_page_and_dashboard(
    convention: Convention, village_head: User, commune_chair: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    recognise(convention, village_head, commune_chair)
    report = _receive(convention, commune_chair, dt.date(2027, 2, 3))
    event = AuditEvent.objects.get(code="conventions.report.received", object_id=str(report.pk))
    assert (event.after or {})["due_on"] == "2027-02-15"
    assert selectors.report_due(report) == dt.date(2027, 2, 15)
    page = reverse("conventions:staff_detail", args=[convention.pk])
    assert _task_dues(commune_chair, dt.date(2027, 2, 3)) == [(page, dt.date(2027, 2, 15))]
    # The dashboard: not overdue on the last day, overdue the day after it.
    on_the_day = collect_tasks(commune_chair, dt.date(2027, 2, 15))
    assert page not in [item.url for item in on_the_day.overdue]
    late = collect_tasks(commune_chair, dt.date(2027, 2, 16))
    assert [item.due_date for item in late.overdue if item.url == page] == [dt.date(2027, 2, 15)]
    [clock_row] = selectors.pending_reports(convention, dt.date(2027, 2, 16))
    assert clock_row.late and clock_row.due_on == dt.date(2027, 2, 15)
    # The officer's page shows the report, its due day and the way to decide on it.
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2027, 2, 16, 9, 0, tzinfo=VN))
    client = Client()
    client.force_login(commune_chair)
    body = client.get(page).content.decode()
    assert "15/02/2027" in body
    assert f"?phan-anh={report.pk}" in body
    # The village head sees the page but is not the one to decide.
    head = Client()
    head.force_login(village_head)
    assert f"?phan-anh={report.pk}" not in head.get(page).content.decode()


@pytest.mark.django_db
def test_a_swapped_working_saturday_recorded_later_moves_the_due_day(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    recognise(convention, village_head, commune_chair)
    report = _receive(convention, commune_chair, dt.date(2026, 12, 17), ReportGround.ABOLITION)  # Thursday
    # Fri 18 (1), Mon 21 (2), Tue 22 (3), Wed 23 (4), Thu 24 (5).
    assert selectors.report_due(report) == dt.date(2026, 12, 24)
    CalendarOverride.objects.create(
        day=dt.date(2026, 12, 19), kind="extra_working_day", name="Làm bù", source="Thông báo số 1/TB"
    )
    calendar_selectors.clear_cache()
    # Fri 18 (1), Sat 19 worked (2), Mon 21 (3), Tue 22 (4), Wed 23 (5).
    assert selectors.report_due(report) == dt.date(2026, 12, 23)
    assert _task_dues(commune_chair, dt.date(2026, 12, 17))[0][1] == dt.date(2026, 12, 23)


@pytest.mark.django_db
def test_the_decision_closes_the_report_and_records_whether_it_was_late(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    recognise(convention, village_head, commune_chair)
    report = _receive(convention, commune_chair, dt.date(2026, 11, 20))  # Friday: due Wed 25/11
    measure = services.measure_decide(
        convention=convention,
        kind=MeasureKind.SUSPENSION_FULL,
        basis="",
        basis_received_on=dt.date(2026, 11, 1),
        reasons="Chưa lấy ý kiến đủ 30 ngày.",
        fix_by=dt.date(2027, 1, 31),
        report=report,
        actor=commune_chair,
        now=dt.datetime(2026, 11, 26, 9, 0, tzinfo=VN),
    )
    report.refresh_from_db()
    assert report.measure_id == measure.pk
    assert measure.basis == report.basis and measure.basis_received_on == dt.date(2026, 11, 20)
    event = AuditEvent.objects.get(code="conventions.measure.suspension_full", object_id=str(measure.pk))
    after = event.after or {}
    assert after["due_on"] == "2026-11-25" and after["late"] is True
    assert _task_dues(commune_chair, dt.date(2026, 11, 26)) == []
    [row] = selectors.measure_clocks(convention)
    assert row.due_on == dt.date(2026, 11, 25) and row.late
    convention.refresh_from_db()
    assert convention.status == ConventionStatus.SUSPENDED


@pytest.mark.django_db
def test_a_decision_on_the_last_day_is_not_late(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    recognise(convention, village_head, commune_chair)
    services.measure_decide(
        convention=convention,
        kind=MeasureKind.UNFOUNDED,
        basis="Phản ánh của hộ bà B.",
        basis_received_on=dt.date(2026, 11, 20),
        reasons="Không có cơ sở.",
        actor=commune_chair,
        now=dt.datetime(2026, 11, 25, 16, 0, tzinfo=VN),
    )
    [row] = selectors.measure_clocks(convention)
    assert row.due_on == dt.date(2026, 11, 25) and not row.late


@pytest.mark.django_db
def test_task_provider_is_idempotent_and_limited_to_the_chairs_commune(
    convention: Convention, village_head: User, commune_chair: User, other_commune_officer: User
) -> None:
    recognise(convention, village_head, commune_chair)
    _receive(convention, commune_chair, dt.date(2026, 11, 20))
    first = list(tasks.report_tasks(commune_chair, dt.date(2026, 11, 23)))
    second = list(tasks.report_tasks(commune_chair, dt.date(2026, 11, 23)))
    assert first == second and len(first) == 1
    assert ConventionReport.objects.count() == 1
    assert list(tasks.report_tasks(village_head, dt.date(2026, 11, 23))) == []
    assert list(tasks.report_tasks(other_commune_officer, dt.date(2026, 11, 23))) == []


# --- Attacks ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_attack_report_bad_input_and_wrong_people_write_nothing(
    convention: Convention, village_head: User, commune_chair: User, other_commune_officer: User
) -> None:
    recognise(convention, village_head, commune_chair)
    now = dt.datetime(2026, 11, 20, 9, 0, tzinfo=VN)
    cases: list[tuple[dict[str, Any], User, str]] = [
        ({"ground": "made_up"}, commune_chair, "conventions.bad_ground"),
        ({"basis": "   "}, commune_chair, "conventions.basis_required"),
        ({"received_on": dt.date(2026, 11, 21)}, commune_chair, "conventions.date_in_future"),
        ({}, village_head, "conventions.not_authorised"),
        ({}, other_commune_officer, "conventions.not_authorised"),
    ]
    for change, actor, code in cases:
        data: dict[str, Any] = {
            "ground": ReportGround.REPORT,
            "basis": "Phản ánh.",
            "received_on": dt.date(2026, 11, 20),
            **change,
        }
        with pytest.raises(DomainError) as error:
            services.report_receive(convention=convention, actor=actor, now=now, **data)
        assert error.value.code == code
    assert ConventionReport.objects.count() == 0


@pytest.mark.django_db
def test_attack_report_on_a_convention_not_in_force_is_refused(convention: Convention, commune_chair: User) -> None:
    with pytest.raises(DomainError) as error:
        _receive(convention, commune_chair, dt.date(2026, 11, 20))
    assert error.value.code == "conventions.not_in_force"


@pytest.mark.django_db
def test_attack_a_report_is_decided_once_with_a_fitting_decision_of_its_own_convention(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    recognise(convention, village_head, commune_chair)
    report = _receive(convention, commune_chair, dt.date(2026, 11, 20))
    now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=VN)
    decide: dict[str, Any] = {
        "basis": "",
        "basis_received_on": report.received_on,
        "reasons": "Lý do.",
        "actor": commune_chair,
    }
    with pytest.raises(DomainError) as wrong_kind:
        services.measure_decide(
            convention=convention, kind=MeasureKind.ABOLITION_FULL, report=report, now=now, **decide
        )
    assert wrong_kind.value.code == "conventions.measure_not_for_ground"
    other = Convention.objects.create(
        community=convention.community, name_kind="quy_uoc", title="Quy ước khác", created_by=village_head
    )
    Convention.objects.filter(pk=other.pk).update(status=ConventionStatus.IN_FORCE)
    with pytest.raises(DomainError) as foreign:
        services.measure_decide(convention=other, kind=MeasureKind.UNFOUNDED, report=report, now=now, **decide)
    assert foreign.value.code == "conventions.not_authorised"
    assert ConventionMeasure.objects.count() == 0
    services.measure_decide(convention=convention, kind=MeasureKind.UNFOUNDED, report=report, now=now, **decide)
    with pytest.raises(DomainError) as twice:
        services.measure_decide(convention=convention, kind=MeasureKind.UNFOUNDED, report=report, now=now, **decide)
    assert twice.value.code == "conventions.report_closed"
    assert ConventionMeasure.objects.count() == 1
    convention.refresh_from_db()
    assert convention.status == ConventionStatus.IN_FORCE


@pytest.mark.django_db
def test_report_pages(
    convention: Convention, village_head: User, commune_chair: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    recognise(convention, village_head, commune_chair)
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 11, 23, 9, 0, tzinfo=VN))
    chair = Client()
    chair.force_login(commune_chair)
    head = Client()
    head.force_login(village_head)
    url = reverse("conventions:report_new", args=[convention.pk])
    assert head.get(url).status_code == 403
    assert chair.get(url).status_code == 200
    assert chair.post(url, {"ground": "report", "basis": "", "received_on": "2026-11-20"}).status_code == 200
    assert chair.post(url, {"ground": "report", "basis": "x", "received_on": "2026-11-24"}).status_code == 200
    assert ConventionReport.objects.count() == 0
    assert (
        chair.post(url, {"ground": "report", "basis": "Đơn phản ánh.", "received_on": "2026-11-20"}).status_code == 302
    )
    report = ConventionReport.objects.get()
    measure = reverse("conventions:measure_new", args=[convention.pk])
    assert chair.get(measure, {"phan-anh": "abc"}).status_code == 404
    assert chair.get(measure, {"phan-anh": str(report.pk + 1000)}).status_code == 404
    page = chair.get(measure, {"phan-anh": str(report.pk)})
    assert page.status_code == 200 and "25/11/2026" in page.content.decode()
    decided = chair.post(f"{measure}?phan-anh={report.pk}", {"kind": "unfounded", "reasons": "Không có cơ sở."})
    assert decided.status_code == 302
    report.refresh_from_db()
    assert report.measure is not None and report.measure.basis == "Đơn phản ánh."
    assert chair.get(measure, {"phan-anh": str(report.pk)}).status_code == 404
