from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.calendar import rules, selectors, services
from grassroots.calendar.models import CalendarOverride, WorkWeek

D = dt.date
pytestmark = pytest.mark.django_db


def test_default_calendar_reads_the_seeded_table() -> None:
    cal = selectors.working_calendar()
    assert cal.first_day == D(selectors.DEFAULT_FIRST_YEAR, 1, 1)
    assert not selectors.is_working_day(D(2026, 1, 2))
    assert selectors.is_working_day(D(2026, 1, 10))
    assert selectors.add_working_days(D(2026, 2, 13), 5) == D(2026, 2, 27)
    assert selectors.working_days_between(D(2026, 2, 13), D(2026, 2, 27)) == 5
    assert selectors.calendar_deadline(D(2026, 2, 10), 4) == D(2026, 2, 23)


def test_calendar_is_cached_and_rebuilt_after_a_change(
    django_user_model: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first = selectors.working_calendar()
    assert selectors.working_calendar() is first
    staff = django_user_model.objects.create_user(username="can-bo", password="x", is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.override_create(
            day=D(2026, 11, 24),
            kind="holiday",
            name="Ngày Văn hóa Việt Nam",
            source="Luật sửa đổi Bộ luật Lao động (giả định trong kiểm thử)",
            actor=staff,
        )
    rebuilt = selectors.working_calendar()
    assert rebuilt is not first
    assert not rules.is_working_day(D(2026, 11, 24), rebuilt)


def test_public_rows_do_not_reach_enterprise_calendars() -> None:
    cal = selectors.working_calendar(scope="all")
    assert rules.is_working_day(D(2026, 1, 2), cal)
    assert not rules.is_working_day(D(2026, 1, 10), cal)
    CalendarOverride.objects.create(
        day=D(2026, 3, 9), kind="extra_rest_day", scope="all", name="Nghỉ", source="Thông báo nội bộ"
    )
    selectors.clear_cache()
    assert not rules.is_working_day(D(2026, 3, 9), selectors.working_calendar(scope="all"))
    assert not rules.is_working_day(D(2026, 3, 9), selectors.working_calendar())


def test_work_week_sunday_only() -> None:
    week = WorkWeek.objects.create(name="Doanh nghiệp nghỉ Chủ nhật", rest_weekdays="6")
    cal = selectors.working_calendar_for_work_week(week)
    assert cal.weekly_rest_days == frozenset({6})
    assert rules.add_working_days(D(2026, 2, 13), 2, cal) == D(2026, 2, 21)


def test_unknown_scope_and_empty_years_are_refused() -> None:
    with pytest.raises(ValueError):
        selectors.working_calendar(scope="private")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        selectors.working_calendar(years=[])


def test_override_list_by_year() -> None:
    assert {row.day.year for row in selectors.override_list(year=2025)} == {2025}
    assert selectors.override_list().count() == CalendarOverride.objects.count()
