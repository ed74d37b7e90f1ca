"""Rule tests on the real calendar, no database. Expected dates were worked out by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.calendar import rules
from grassroots.calendar.rules import WorkingCalendar

D = dt.date


# --- Tết ------------------------------------------------------------------------------------------


def test_tet_2026_five_working_days_from_friday_before(public_calendar: WorkingCalendar) -> None:
    # Officials rest Sat 14/02 – Sun 22/02/2026 (Tết Bính Ngọ). After Fri 13/02 the working days are
    # Mon 23 (1), Tue 24 (2), Wed 25 (3), Thu 26 (4), Fri 27/02 (5).
    assert rules.add_working_days(D(2026, 2, 13), 5, public_calendar) == D(2026, 2, 27)
    assert rules.add_working_days(D(2026, 2, 13), 1, public_calendar) == D(2026, 2, 23)


@pytest.mark.parametrize("day", [D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20)])
def test_tet_2026_official_days_are_not_working(public_calendar: WorkingCalendar, day: Any) -> None:
    assert not rules.is_working_day(day, public_calendar)


def test_tet_2025_public_sector_rests_25_01_to_02_02(public_calendar: WorkingCalendar) -> None:
    # Notice 6150/TB-LĐTBXH: rest Sat 25/01 – Sun 02/02/2025; Mon 27/01 is off too (no make-up day).
    # After Fri 24/01 the first working day is Mon 03/02; the fifth is Fri 07/02.
    for offset in range(9):
        assert not rules.is_working_day(D(2025, 1, 25) + dt.timedelta(days=offset), public_calendar)
    assert rules.is_working_day(D(2025, 1, 24), public_calendar)
    assert rules.is_working_day(D(2025, 2, 3), public_calendar)
    assert rules.add_working_days(D(2025, 1, 24), 1, public_calendar) == D(2025, 2, 3)
    assert rules.add_working_days(D(2025, 1, 24), 5, public_calendar) == D(2025, 2, 7)
    assert rules.working_days_between(D(2025, 1, 24), D(2025, 2, 7), public_calendar) == 5


# --- New Year 2026 (swap 02/01 ↔ Sat 10/01) ---------------------------------------------------------


def test_new_year_2026_swap(public_calendar: WorkingCalendar) -> None:
    # Thu 01/01 holiday, Fri 02/01 swapped off, Sat 10/01 make-up working day (Công văn 12729/VPCP-KGVX).
    assert not rules.is_working_day(D(2026, 1, 1), public_calendar)
    assert not rules.is_working_day(D(2026, 1, 2), public_calendar)
    assert rules.is_working_day(D(2026, 1, 10), public_calendar)
    assert not rules.is_working_day(D(2026, 1, 11), public_calendar)
    # From Wed 31/12/2025: Mon 05 (1) … Fri 09 (5), Sat 10 (6, make-up), Mon 12/01 (7).
    assert rules.add_working_days(D(2025, 12, 31), 1, public_calendar) == D(2026, 1, 5)
    assert rules.add_working_days(D(2025, 12, 31), 5, public_calendar) == D(2026, 1, 9)
    assert rules.add_working_days(D(2025, 12, 31), 6, public_calendar) == D(2026, 1, 10)
    assert rules.add_working_days(D(2025, 12, 31), 7, public_calendar) == D(2026, 1, 12)
    assert rules.working_days_between(D(2026, 1, 9), D(2026, 1, 12), public_calendar) == 2


# --- Hùng Kings 2026 on a Sunday, then 30/04 + 01/05 on Thursday and Friday -------------------------


def test_hung_kings_2026_sunday_gives_monday_off(public_calendar: WorkingCalendar) -> None:
    assert not rules.is_working_day(D(2026, 4, 26), public_calendar)
    assert not rules.is_working_day(D(2026, 4, 27), public_calendar)
    # From Fri 24/04: Sat, Sun (holiday), Mon 27 (compensatory) are off, so Tue 28 is the first.
    assert rules.add_working_days(D(2026, 4, 24), 1, public_calendar) == D(2026, 4, 28)
    assert rules.add_working_days(D(2026, 4, 24), 2, public_calendar) == D(2026, 4, 29)


def test_reunification_and_labour_day_2026(public_calendar: WorkingCalendar) -> None:
    # Thu 30/04 and Fri 01/05 are holidays, then the weekend: after Wed 29/04 comes Mon 04/05.
    assert not rules.is_working_day(D(2026, 4, 30), public_calendar)
    assert not rules.is_working_day(D(2026, 5, 1), public_calendar)
    assert rules.add_working_days(D(2026, 4, 29), 1, public_calendar) == D(2026, 5, 4)
    assert rules.add_working_days(D(2026, 4, 24), 3, public_calendar) == D(2026, 5, 4)


def test_labour_day_2025_swap(public_calendar: WorkingCalendar) -> None:
    # Fri 02/05/2025 off, Sat 26/04/2025 worked instead (Notice 6150/TB-LĐTBXH).
    assert rules.is_working_day(D(2025, 4, 26), public_calendar)
    assert not rules.is_working_day(D(2025, 5, 2), public_calendar)
    # From Fri 25/04: Sat 26 (1, make-up), Mon 28 (2), Tue 29 (3), then 30/04–04/05 off, Mon 05/05 (4).
    assert rules.add_working_days(D(2025, 4, 25), 1, public_calendar) == D(2025, 4, 26)
    assert rules.add_working_days(D(2025, 4, 25), 4, public_calendar) == D(2025, 5, 5)


def test_national_day_2025(public_calendar: WorkingCalendar) -> None:
    # Mon 01/09 and Tue 02/09/2025 are holidays: after Fri 29/08 comes Wed 03/09.
    assert rules.add_working_days(D(2025, 8, 29), 1, public_calendar) == D(2025, 9, 3)


def test_vietnam_culture_day_not_applied_by_default(public_calendar: WorkingCalendar) -> None:
    # law.md §4.3: 24/11 is UNCERTAIN, so Tue 24/11/2026 stays a working day by default.
    assert rules.is_working_day(D(2026, 11, 24), public_calendar)


# --- Boundaries and conventions ----------------------------------------------------------------------


def test_month_boundary(public_calendar: WorkingCalendar) -> None:
    # Fri 28/11/2025 + 3: Mon 01/12 (1), Tue 02/12 (2), Wed 03/12 (3).
    assert rules.add_working_days(D(2025, 11, 28), 3, public_calendar) == D(2025, 12, 3)


def test_year_boundary_2026_2027(public_calendar: WorkingCalendar) -> None:
    # Thu 31/12/2026 + 1: Fri 01/01/2027 is New Year, then the weekend, so Mon 04/01/2027.
    assert rules.add_working_days(D(2026, 12, 31), 1, public_calendar) == D(2027, 1, 4)
    assert rules.working_days_between(D(2026, 12, 31), D(2027, 1, 4), public_calendar) == 1


def test_start_on_a_weekend(public_calendar: WorkingCalendar) -> None:
    # Sat 07/03/2026: the weekend itself never counts; Mon 09/03 is the first working day after it.
    assert rules.add_working_days(D(2026, 3, 7), 1, public_calendar) == D(2026, 3, 9)
    assert rules.add_working_days(D(2026, 3, 8), 5, public_calendar) == D(2026, 3, 13)


def test_zero_days_rolls_to_a_working_day(public_calendar: WorkingCalendar) -> None:
    assert rules.add_working_days(D(2026, 3, 11), 0, public_calendar) == D(2026, 3, 11)
    assert rules.add_working_days(D(2026, 3, 7), 0, public_calendar) == D(2026, 3, 9)
    assert rules.next_working_day(D(2026, 2, 14), public_calendar) == D(2026, 2, 23)


def test_negative_days_count_back(public_calendar: WorkingCalendar) -> None:
    # Before Mon 05/01/2026: Sun 04, Sat 03, Fri 02 (swap), Thu 01 (holiday) are off; Wed 31/12/2025.
    assert rules.add_working_days(D(2026, 1, 5), -1, public_calendar) == D(2025, 12, 31)
    # Five working days before Mon 16/03/2026 is Mon 09/03.
    assert rules.add_working_days(D(2026, 3, 16), -5, public_calendar) == D(2026, 3, 9)


def test_between_is_half_open_and_signed(public_calendar: WorkingCalendar) -> None:
    assert rules.working_days_between(D(2026, 3, 9), D(2026, 3, 9), public_calendar) == 0
    assert rules.working_days_between(D(2026, 3, 9), D(2026, 3, 13), public_calendar) == 4
    assert rules.working_days_between(D(2026, 3, 13), D(2026, 3, 9), public_calendar) == -4


@pytest.mark.parametrize("start", [D(2025, 1, 20), D(2025, 12, 27), D(2026, 2, 14), D(2026, 4, 24), D(2026, 8, 20)])
@pytest.mark.parametrize("n", [1, 2, 5, 10, 30])
def test_add_and_between_are_inverse(public_calendar: WorkingCalendar, start: Any, n: Any) -> None:
    end = rules.add_working_days(start, n, public_calendar)
    assert rules.is_working_day(end, public_calendar)
    assert rules.working_days_between(start, end, public_calendar) == n


def test_outside_the_calendar_is_an_error(public_calendar: WorkingCalendar) -> None:
    with pytest.raises(rules.CalendarRangeError):
        rules.add_working_days(D(2030, 1, 1), 1, public_calendar)
    with pytest.raises(rules.CalendarRangeError):
        rules.add_working_days(D(2027, 12, 30), 5, public_calendar)
    with pytest.raises(rules.CalendarRangeError):
        rules.is_working_day(D(2023, 12, 31), public_calendar)


# --- Calendar-day periods (Civil Code arts 147–148) --------------------------------------------------


def test_calendar_deadline_plain(public_calendar: WorkingCalendar) -> None:
    # Event Mon 02/03/2026, 3 days: counting starts Tue 03/03, the period ends Thu 05/03.
    assert rules.calendar_deadline(D(2026, 3, 2), 3, public_calendar) == D(2026, 3, 5)


def test_calendar_deadline_ending_on_a_weekend_rolls_to_monday(public_calendar: WorkingCalendar) -> None:
    # Event Mon 02/03/2026, 5 days: the last day is Sat 07/03, so the period ends Mon 09/03.
    assert rules.calendar_deadline(D(2026, 3, 2), 5, public_calendar) == D(2026, 3, 9)


def test_calendar_deadline_ending_in_tet_rolls_past_tet(public_calendar: WorkingCalendar) -> None:
    # Event Tue 10/02/2026, 4 days: last day Sat 14/02, inside the Tết break (14–22/02): Mon 23/02.
    assert rules.calendar_deadline(D(2026, 2, 10), 4, public_calendar) == D(2026, 2, 23)
    # Event Mon 09/02/2026, 8 days: last day Tue 17/02 (mùng 1), also Mon 23/02.
    assert rules.calendar_deadline(D(2026, 2, 9), 8, public_calendar) == D(2026, 2, 23)


def test_calendar_deadline_may_end_on_a_make_up_saturday(public_calendar: WorkingCalendar) -> None:
    # Event Sat 03/01/2026, 7 days: last day Sat 10/01/2026, a working day for officials.
    assert rules.calendar_deadline(D(2026, 1, 3), 7, public_calendar) == D(2026, 1, 10)


def test_deadline_modes(public_calendar: WorkingCalendar) -> None:
    assert rules.deadline(D(2026, 2, 13), 5, "working", public_calendar) == D(2026, 2, 27)
    assert rules.deadline(D(2026, 2, 10), 4, "calendar", public_calendar) == D(2026, 2, 23)
    with pytest.raises(ValueError):
        rules.deadline(D(2026, 2, 10), 4, "weeks", public_calendar)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        rules.calendar_deadline(D(2026, 2, 10), -1, public_calendar)


# --- Enterprise week: Sunday only ------------------------------------------------------------------


def test_sunday_only_week_works_saturdays_and_ignores_public_swaps(sunday_only_calendar: WorkingCalendar) -> None:
    cal = sunday_only_calendar
    # No public swap: Fri 02/01/2026 is a working day, so is Sat 03/01.
    assert rules.add_working_days(D(2025, 12, 31), 1, cal) == D(2026, 1, 2)
    assert rules.add_working_days(D(2025, 12, 31), 2, cal) == D(2026, 1, 3)
    # Fri 02/05/2025 (public swap) is worked; Sat 26/04/2025 is an ordinary Saturday, worked too.
    assert rules.is_working_day(D(2025, 5, 2), cal)
    assert rules.is_working_day(D(2025, 4, 26), cal)
    # Tết 2026: statutory 16–20/02, Sun 15 and 22 rest; Sat 14 and Sat 21/02 are working days.
    assert rules.add_working_days(D(2026, 2, 13), 1, cal) == D(2026, 2, 14)
    assert rules.add_working_days(D(2026, 2, 13), 2, cal) == D(2026, 2, 21)


def test_sunday_only_week_compensatory_day(sunday_only_calendar: WorkingCalendar) -> None:
    # Giỗ Tổ on Sun 26/04/2026 -> next working day Mon 27/04 off (Labor Code art. 111(3)).
    cal = sunday_only_calendar
    assert not rules.is_working_day(D(2026, 4, 27), cal)
    assert rules.add_working_days(D(2026, 4, 25), 1, cal) == D(2026, 4, 28)
    # Tết 2025: mùng 4 falls on Sat 01/02, a working day in this week, so no compensatory day and
    # Mon 27/01/2025 (an officials-only day off) is worked.
    assert rules.is_working_day(D(2025, 1, 27), cal)
    assert not rules.is_working_day(D(2025, 2, 1), cal)


def test_compensatory_days_queue_up() -> None:
    # Two holidays on consecutive rest days (Sat+Sun week) give Monday and Tuesday off.
    found = rules.compensatory_days({D(2027, 5, 1): "A", D(2027, 5, 2): "B"}, (5, 6))
    assert found == {D(2027, 5, 3): "A (nghỉ bù)", D(2027, 5, 4): "B (nghỉ bù)"}


# --- Building calendars ---------------------------------------------------------------------------


def test_override_order() -> None:
    rows = [
        rules.DayOverride(D(2026, 3, 2), "not_holiday"),
        rules.DayOverride(D(2026, 3, 3), "holiday", "Ngày lễ mới"),
        rules.DayOverride(D(2026, 3, 7), "extra_working_day"),
        rules.DayOverride(D(2026, 3, 9), "extra_rest_day", "Nghỉ"),
    ]
    cal = rules.build_calendar(
        first_day=D(2026, 3, 1), last_day=D(2026, 3, 31), holidays={D(2026, 3, 2): "Cũ"}, overrides=rows
    )
    assert rules.is_working_day(D(2026, 3, 2), cal)
    assert not rules.is_working_day(D(2026, 3, 3), cal)
    assert rules.is_working_day(D(2026, 3, 7), cal)
    assert not rules.is_working_day(D(2026, 3, 9), cal)
    assert cal.rest_day_name(D(2026, 3, 3)) == "Ngày lễ mới"
    assert rules.rest_days_in_range(D(2026, 3, 1), D(2026, 3, 31), cal) == [
        (D(2026, 3, 3), "Ngày lễ mới"),
        (D(2026, 3, 9), "Nghỉ"),
    ]


def test_invalid_calendars_are_refused() -> None:
    with pytest.raises(ValueError):
        rules.build_calendar(first_day=D(2026, 1, 2), last_day=D(2026, 1, 1), holidays={})
    with pytest.raises(ValueError):
        rules.build_calendar(first_day=D(2026, 1, 1), last_day=D(2026, 1, 31), holidays={}, weekly_rest_days=range(7))
