"""Report dates per province (law.md §5): the Decree 09/2019 defaults as settings, a province's own schedule, and
a schedule that cannot be used refused by name."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_unit
from grassroots.plans import rules, selectors, services
from grassroots.plans.tests.conftest import NOW
from grassroots.units.models import AdministrativeUnit, UnitLevel


@pytest.mark.parametrize(
    ("schedule", "problems"),
    [
        (rules.ReportSchedule(), []),
        (rules.ReportSchedule(semiannual_cutoff=(2, 28)), []),
        (rules.ReportSchedule(semiannual_cutoff=(2, 29)), ["plans.schedule.semiannual_cutoff"]),
        (rules.ReportSchedule(annual_cutoff=(13, 1)), ["plans.schedule.annual_cutoff"]),
        (rules.ReportSchedule(semiannual_cutoff=(12, 14)), ["plans.schedule.order"]),  # equal: not before
        (rules.ReportSchedule(semiannual_cutoff=(12, 13)), []),
        (rules.ReportSchedule(submission_working_days=0), []),
        (rules.ReportSchedule(submission_working_days=rules.MAX_SUBMISSION_WORKING_DAYS), []),
        (
            rules.ReportSchedule(submission_working_days=rules.MAX_SUBMISSION_WORKING_DAYS + 1),
            ["plans.schedule.submission_working_days"],
        ),
        (rules.ReportSchedule(submission_working_days=-1), ["plans.schedule.submission_working_days"]),
    ],
)
def test_schedule_problems(schedule: rules.ReportSchedule, problems: list[str]) -> None:
    assert rules.schedule_problems(schedule) == problems


def test_the_defaults_are_decree_09s_cut_offs() -> None:
    assert rules.ReportSchedule() == rules.ReportSchedule((6, 14), (12, 14), 2)
    window = rules.report_window("semiannual", 2026)
    assert (window.starts_on, window.ends_on) == (dt.date(2025, 12, 15), dt.date(2026, 6, 14))


@pytest.mark.django_db
def test_settings_change_every_province(province: AdministrativeUnit, commune: AdministrativeUnit) -> None:
    assert selectors.report_schedule(commune) == rules.ReportSchedule()
    with override_settings(
        GRASSROOTS_PLANS_SEMIANNUAL_CUTOFF=(6, 10),
        GRASSROOTS_PLANS_ANNUAL_CUTOFF=(11, 30),
        GRASSROOTS_PLANS_SUBMISSION_WORKING_DAYS=3,
    ):
        assert selectors.report_schedule(commune) == rules.ReportSchedule((6, 10), (11, 30), 3)
        window = selectors.report_window(commune, "semiannual", 2026)
        assert (window.starts_on, window.ends_on) == (dt.date(2025, 12, 1), dt.date(2026, 6, 10))


@pytest.mark.django_db
def test_a_provinces_own_schedule_sets_its_reports_window_and_due_date(
    province: AdministrativeUnit, commune: AdministrativeUnit, commune_officer: User
) -> None:
    other = make_unit(UnitLevel.COMMUNE, "Xã Tỉnh Khác", make_unit(UnitLevel.PROVINCE, "Tỉnh Khác"))
    schedules = {province.code: {"semiannual_cutoff": (6, 5), "submission_working_days": 5}}
    with override_settings(GRASSROOTS_PLANS_PROVINCE_SCHEDULES=schedules):
        assert selectors.report_schedule(commune) == rules.ReportSchedule((6, 5), (12, 14), 5)
        assert selectors.report_schedule(other) == rules.ReportSchedule()  # other provinces keep the defaults
        report = services.report_prepare(unit=commune, period="semiannual", year=2026, actor=commune_officer, now=NOW)
    # Friday 5/6/2026 + 5 working days = Friday 12/6/2026.
    assert (report.starts_on, report.ends_on, report.due_on) == (
        dt.date(2025, 12, 15),
        dt.date(2026, 6, 5),
        dt.date(2026, 6, 12),
    )


@pytest.mark.django_db
def test_a_schedule_that_cannot_be_used_is_named(province: AdministrativeUnit, commune: AdministrativeUnit) -> None:
    impossible = {province.code: {"annual_cutoff": (2, 30)}}
    with (
        override_settings(GRASSROOTS_PLANS_PROVINCE_SCHEDULES=impossible),
        pytest.raises(ImproperlyConfigured, match=r"plans\.schedule\.annual_cutoff"),
    ):
        selectors.report_schedule(commune)
    with (
        override_settings(GRASSROOTS_PLANS_PROVINCE_SCHEDULES={province.code: {"cutoff": (6, 1)}}),
        pytest.raises(ImproperlyConfigured, match="cutoff"),
    ):
        selectors.report_schedule(commune)


def test_a_report_draft_opens_at_the_cut_off_or_before_the_plans_due_date() -> None:
    window = rules.report_window("semiannual", 2026)
    # No date in the plan: the cut-off.
    assert rules.report_draft_opens_on(window=window, plan_due_on=None) == dt.date(2026, 6, 14)
    # The plan's date, less the lead, when it comes first; the cut-off when it comes first.
    assert rules.report_draft_opens_on(
        window=window, plan_due_on=dt.date(2026, 6, 10), lead_start=dt.date(2026, 6, 3)
    ) == dt.date(2026, 6, 3)
    assert rules.report_draft_opens_on(
        window=window, plan_due_on=dt.date(2026, 6, 30), lead_start=dt.date(2026, 6, 23)
    ) == dt.date(2026, 6, 14)
    # Never before the period starts (a date written for the wrong year).
    assert rules.report_draft_opens_on(
        window=window, plan_due_on=dt.date(2025, 12, 12), lead_start=dt.date(2025, 12, 5)
    ) == dt.date(2025, 12, 15)
