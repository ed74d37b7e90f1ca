"""Rule tests: the chair's minimum on each side of 1 July 2026, schedules, compliance across Tết, dialogue clocks."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.calendar.rules import WorkingCalendar, build_calendar
from grassroots.calendar.selectors import package_holidays
from grassroots.reception import rules
from grassroots.reception.models import DialogueStatus

D = dt.date


def _calendar() -> WorkingCalendar:
    return build_calendar(
        first_day=D(2026, 1, 1),
        last_day=D(2028, 12, 31),
        holidays=package_holidays([2026, 2027, 2028], unconfirmed=("Ngày Văn hóa Việt Nam",)),
    )


CAL = _calendar()
WEEKLY = rules.ReceptionMinimum("week", 1)
MONTHLY = rules.ReceptionMinimum("month", 2)


def test_weekly_minimum_applies_through_30_june_2026() -> None:
    assert rules.reception_minimum(D(2026, 6, 30), monthly_minimum_days=2) == WEEKLY


def test_monthly_minimum_applies_from_1_july_2026() -> None:
    assert rules.reception_minimum(D(2026, 7, 1), monthly_minimum_days=2) == MONTHLY


def test_monthly_minimum_is_the_setting_passed_in() -> None:
    assert rules.reception_minimum(D(2027, 1, 1), monthly_minimum_days=3) == rules.ReceptionMinimum("month", 3)


@pytest.mark.parametrize(
    ("weeks", "minimum", "allowed"),
    [
        ((), WEEKLY, True),
        ((), MONTHLY, True),
        ((1, 3), WEEKLY, False),
        ((1, 3), MONTHLY, True),
        ((2,), MONTHLY, False),
        ((1, 5), MONTHLY, False),  # a fifth week is not in every month
        ((1, 2, 3, 4), WEEKLY, False),  # four chosen weeks still miss a fifth week's days
    ],
)
def test_schedule_must_reach_the_minimum(
    weeks: tuple[int, ...], minimum: rules.ReceptionMinimum, allowed: bool
) -> None:
    result = rules.check_schedule(weekday=1, weeks=weeks, minimum=minimum)
    assert bool(result) is allowed
    if not allowed:
        assert result.code == "reception.schedule.below_minimum"


def test_schedule_refuses_a_weekday_out_of_range_and_week_six() -> None:
    assert rules.check_schedule(weekday=7, weeks=(), minimum=MONTHLY).code == "reception.schedule.bad_weekday"
    assert rules.check_schedule(weekday=1, weeks=(1, 6), minimum=MONTHLY).code == "reception.schedule.bad_weeks"


def test_week_of_month_edges() -> None:
    assert [rules.week_of_month(D(2026, 12, day)) for day in (1, 7, 8, 14, 15, 29, 31)] == [1, 1, 2, 2, 3, 5, 5]


def test_planned_days_every_tuesday_skip_tet_2027() -> None:
    every_tuesday = rules.ScheduleRule(weekday=1, weeks=(), valid_from=D(2027, 1, 1), valid_until=None)
    days = rules.planned_days([every_tuesday], D(2027, 2, 1), D(2027, 2, 28), CAL)
    # Tuesday 9 February 2027 is in the Tết rest: no session, nothing missed.
    assert days == [D(2027, 2, 2), D(2027, 2, 16), D(2027, 2, 23)]


def test_planned_days_first_and_third_thursday() -> None:
    schedule = rules.ScheduleRule(weekday=3, weeks=(1, 3), valid_from=D(2026, 7, 1), valid_until=None)
    assert rules.planned_days([schedule], D(2026, 12, 1), D(2026, 12, 31), CAL) == [D(2026, 12, 3), D(2026, 12, 17)]


def test_planned_days_follow_the_effective_dates() -> None:
    old = rules.ScheduleRule(weekday=0, weeks=(), valid_from=D(2026, 1, 1), valid_until=D(2026, 12, 15))
    new = rules.ScheduleRule(weekday=3, weeks=(), valid_from=D(2026, 12, 15), valid_until=None)
    days = rules.planned_days([old, new], D(2026, 12, 1), D(2026, 12, 31), CAL)
    assert days == [D(2026, 12, 7), D(2026, 12, 14), D(2026, 12, 17), D(2026, 12, 24), D(2026, 12, 31)]


def test_missed_days_exclude_today_and_held_days() -> None:
    planned = [D(2026, 12, 1), D(2026, 12, 8), D(2026, 12, 15)]
    assert rules.missed_days(planned, [D(2026, 12, 1)], today=D(2026, 12, 15)) == [D(2026, 12, 8)]


def test_weekly_compliance_does_not_require_the_tet_week_2026() -> None:
    # February 2026: weeks starting Monday 2, 9, 16 (all Tết rest) and 23.
    result = rules.month_compliance(
        year=2026,
        month=2,
        chair_days=[D(2026, 2, 3), D(2026, 2, 10), D(2026, 2, 24)],
        calendar=CAL,
        monthly_minimum_days=2,
    )
    assert (result.period, result.required, result.held, result.is_met) == ("week", 3, 3, True)


def test_weekly_compliance_names_the_week_without_a_session() -> None:
    result = rules.month_compliance(
        year=2026, month=2, chair_days=[D(2026, 2, 3), D(2026, 2, 24)], calendar=CAL, monthly_minimum_days=2
    )
    assert result.weeks_short == (D(2026, 2, 9),)
    assert not result.is_met


def test_a_week_counts_in_the_month_of_its_monday() -> None:
    # Monday 29 June 2026: its week ends on 5 July; a session on Thursday 2 July fills it.
    result = rules.month_compliance(
        year=2026,
        month=6,
        chair_days=[D(2026, 6, 2), D(2026, 6, 9), D(2026, 6, 16), D(2026, 6, 23), D(2026, 7, 2)],
        calendar=CAL,
        monthly_minimum_days=2,
    )
    assert (result.required, result.held, result.is_met) == (5, 5, True)


@pytest.mark.parametrize(("held", "met"), [(1, False), (2, True)])
def test_monthly_compliance_exactly_the_minimum_is_met(held: int, met: bool) -> None:
    days = [D(2026, 7, 7), D(2026, 7, 21)][:held]
    result = rules.month_compliance(year=2026, month=7, chair_days=days, calendar=CAL, monthly_minimum_days=2)
    assert (result.period, result.required, result.held, result.is_met) == ("month", 2, held, met)


def test_monthly_compliance_counts_a_day_once_and_only_in_its_month() -> None:
    days = [D(2026, 7, 7), D(2026, 7, 7), D(2026, 8, 4)]
    result = rules.month_compliance(year=2026, month=7, chair_days=days, calendar=CAL, monthly_minimum_days=2)
    assert result.held == 1


def test_visitor_identity_required_from_1_july_2026() -> None:
    assert not rules.visitor_identity_required(D(2026, 6, 30), rules.VISITOR_IDENTITY_REQUIRED_FROM)
    assert rules.visitor_identity_required(D(2026, 7, 1), rules.VISITOR_IDENTITY_REQUIRED_FROM)
    assert not rules.visitor_identity_required(D(2027, 1, 1), None)


# --- dialogue -----------------------------------------------------------------------------------


def test_notice_exactly_seven_days_before_is_on_time() -> None:
    assert rules.check_notice(announced_on=D(2026, 12, 3), planned_on=D(2026, 12, 10), notice_days=7)


def test_notice_six_days_before_is_too_late() -> None:
    result = rules.check_notice(announced_on=D(2026, 12, 4), planned_on=D(2026, 12, 10), notice_days=7)
    assert result.code == "reception.dialogue.notice_too_late"


def test_results_due_ten_days_after_moves_past_tet_2027() -> None:
    # Held Thursday 28 January 2027: day 10 is Sunday 7 February, inside the Tết rest → Thursday 11 February.
    assert rules.results_due(D(2027, 1, 28), 10, CAL) == D(2027, 2, 11)


def test_results_due_on_a_working_day_stays() -> None:
    assert rules.results_due(D(2026, 12, 1), 10, CAL) == D(2026, 12, 11)


def test_yearly_obligation_is_per_calendar_year() -> None:
    assert not rules.yearly_obligation_met([D(2025, 12, 31)], 2026)
    assert rules.yearly_obligation_met([D(2026, 1, 1)], 2026)
    assert not rules.yearly_obligation_met([], 2026)


@pytest.mark.parametrize("current", DialogueStatus.values)
@pytest.mark.parametrize("target", DialogueStatus.values)
def test_dialogue_transition_table(current: str, target: str) -> None:
    allowed = {
        ("planned", "announced"),
        ("planned", "cancelled"),
        ("announced", "held"),
        ("announced", "cancelled"),
        ("held", "published"),
    }
    assert bool(rules.check_transition(current, target)) is ((current, target) in allowed)


# --- voters' requests for a dialogue (LGO 2025 art. 43: at least 10 % of voters) ----------------


@pytest.mark.parametrize(
    ("voters", "threshold"),
    [(1000, 100), (1001, 101), (999, 100), (10, 1), (1, 1), (0, 0), (12345, 1235)],
)
def test_voter_request_threshold_is_the_ceiling_of_ten_percent(voters: int, threshold: int) -> None:
    assert rules.voter_request_threshold(voters, 10) == threshold


def test_exactly_ten_percent_of_voters_reaches_the_share() -> None:
    assert rules.voter_request_reached(signatures=100, voter_count=1000, percent=10)


def test_one_request_short_of_ten_percent_does_not_reach_it() -> None:
    assert not rules.voter_request_reached(signatures=99, voter_count=1000, percent=10)


def test_just_under_ten_percent_rounds_up_not_down() -> None:
    # 10 % of 1,001 voters is 100.1: 100 requests are below the share, 101 reach it.
    assert not rules.voter_request_reached(signatures=100, voter_count=1001, percent=10)
    assert rules.voter_request_reached(signatures=101, voter_count=1001, percent=10)


def test_no_voters_recorded_never_reaches_the_share() -> None:
    assert not rules.voter_request_reached(signatures=5, voter_count=0, percent=10)


def test_the_share_is_the_setting_passed_in() -> None:
    assert rules.voter_request_reached(signatures=150, voter_count=1000, percent=15)
    assert not rules.voter_request_reached(signatures=149, voter_count=1000, percent=15)


# --- booking a slot -------------------------------------------------------------------------------

_NOW = dt.datetime(2026, 12, 9, 9, 0)
_SLOTS = rules.day_slots(dt.time(7, 30), dt.time(11, 0), 30)


def test_slots_fill_the_window_and_none_runs_past_its_end() -> None:
    assert _SLOTS[0] == dt.time(7, 30) and _SLOTS[-1] == dt.time(10, 30) and len(_SLOTS) == 7
    assert rules.day_slots(dt.time(7, 30), dt.time(8, 50), 30) == [dt.time(7, 30), dt.time(8, 0)]
    assert rules.day_slots(dt.time(7, 30), dt.time(11, 0), 0) == []


def _booking(**extra: object) -> str:
    values: dict[str, object] = {
        "day": dt.date(2026, 12, 15),
        "slot_start": dt.time(8, 0),
        "scheduled_days": [dt.date(2026, 12, 15)],
        "slots": _SLOTS,
        "taken": 0,
        "capacity": 2,
        "citizen_has_booking": False,
        "now_local": _NOW,
    }
    values.update(extra)
    result = rules.check_booking(**values)  # type: ignore[arg-type]
    return "ok" if result.allowed else result.code


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({}, "ok"),
        ({"taken": 1}, "ok"),
        ({"taken": 2}, "reception.booking.full"),
        ({"day": dt.date(2026, 12, 16)}, "reception.booking.not_a_reception_day"),
        ({"slot_start": dt.time(8, 10)}, "reception.booking.not_a_slot"),
        ({"citizen_has_booking": True}, "reception.booking.already_booked"),
        (
            {"day": dt.date(2026, 12, 9), "scheduled_days": [dt.date(2026, 12, 9)], "slot_start": dt.time(9, 0)},
            "reception.booking.started",
        ),
        ({"day": dt.date(2026, 12, 9), "scheduled_days": [dt.date(2026, 12, 9)], "slot_start": dt.time(9, 30)}, "ok"),
    ],
)
def test_booking_table(extra: dict[str, object], code: str) -> None:
    assert _booking(**extra) == code


def test_a_cancelled_or_started_booking_cannot_be_cancelled() -> None:
    day = dt.date(2026, 12, 9)
    assert rules.check_booking_cancel(day=day, slot_start=dt.time(9, 30), status="booked", now_local=_NOW).allowed
    started = rules.check_booking_cancel(day=day, slot_start=dt.time(9, 0), status="booked", now_local=_NOW)
    assert started.code == "reception.booking.started"
    gone = rules.check_booking_cancel(day=day, slot_start=dt.time(9, 30), status="cancelled", now_local=_NOW)
    assert gone.code == "reception.booking.not_live"
