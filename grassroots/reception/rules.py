"""Pure rules of citizen reception and dialogue conferences: the chair's minimum, compliance, the dialogue clocks.

Plain values in, a value or a ``RuleResult`` out: no queries, no settings. Settings (the monthly minimum from
1 July 2026, the dialogue notice and results periods) are read by ``selectors`` and passed in.
Sources: law.md §1(e) (dialogue), §4.1 (reception), §6 rows 54–55.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from grassroots.calendar.rules import WorkingCalendar, calendar_deadline, is_working_day
from grassroots.core.errors import RuleResult
from grassroots.reception.models import DialogueStatus

# ---------------------------------------------------------------------------------------------
# Citizen reception (law.md §4.1)
# ---------------------------------------------------------------------------------------------

WEEKLY_RULE_LAST_DAY = dt.date(2026, 6, 30)
"""Until 30 June 2026 the commune chair receives citizens at least one day each week. Law on Citizen Reception
42/2013 art. 15(2)(d), art. 18(3) (law.md §4.1). CONFIRMED."""

MIN_DAYS_PER_WEEK_UNTIL_JUNE_2026 = 1
"""At least 1 day per week (art. 18(3) of Law 42/2013, until 30/06/2026). CONFIRMED."""

DEFAULT_MIN_DAYS_PER_MONTH_FROM_JULY_2026 = 2
"""From 1 July 2026, at least 2 days per month at the reception place (Law 136/2025 art. 1, amended art. 15;
law.md §4.1). UNCERTAIN (one press source): the setting ``GRASSROOTS_RECEPTION_MIN_DAYS_PER_MONTH`` holds it."""

VISITOR_IDENTITY_REQUIRED_FROM = dt.date(2026, 7, 1)
"""From 1 July 2026 visitors must identify themselves (Law 136/2025; law.md §4.1). UNCERTAIN: the setting
``GRASSROOTS_RECEPTION_VISITOR_ID_REQUIRED_FROM`` (an ISO date, empty to switch off) holds it."""


@dataclass(frozen=True)
class ReceptionMinimum:
    """The legal minimum in force on a day: ``days`` per ``period`` ("week" or "month")."""

    period: str
    days: int


def reception_minimum(on: dt.date, *, monthly_minimum_days: int) -> ReceptionMinimum:
    """The chair's minimum on ``on``: 1 a week until 30/06/2026, then ``monthly_minimum_days`` a month."""
    if on <= WEEKLY_RULE_LAST_DAY:
        return ReceptionMinimum("week", MIN_DAYS_PER_WEEK_UNTIL_JUNE_2026)
    return ReceptionMinimum("month", monthly_minimum_days)


def week_of_month(day: dt.date) -> int:
    """1 for the first such weekday of the month (days 1–7), 2 for days 8–14, … 5 for days 29–31."""
    return (day.day - 1) // 7 + 1


def check_schedule(*, weekday: int, weeks: Sequence[int], minimum: ReceptionMinimum) -> RuleResult:
    """Whether a fixed schedule (one weekday, every week or some weeks of the month) reaches the minimum.

    Every week (``weeks`` empty) gives 4 or 5 days a month; chosen weeks give one day each. A weekly minimum needs
    every week; a monthly minimum needs at least that many weeks among 1–4 (a fifth week is not in every month).
    """
    if not 0 <= weekday <= 6:
        return RuleResult.refuse("reception.schedule.bad_weekday")
    if any(not 1 <= week <= 5 for week in weeks):
        return RuleResult.refuse("reception.schedule.bad_weeks")
    if not weeks:
        return RuleResult.ok()
    if minimum.period == "week":
        return RuleResult.refuse("reception.schedule.below_minimum", days=minimum.days, period="week")
    if len({week for week in weeks if week <= 4}) < minimum.days:
        return RuleResult.refuse("reception.schedule.below_minimum", days=minimum.days, period="month")
    return RuleResult.ok()


@dataclass(frozen=True)
class ScheduleRule:
    """A fixed schedule as plain values."""

    weekday: int
    weeks: tuple[int, ...]
    valid_from: dt.date
    valid_until: dt.date | None


def planned_days(
    schedules: Iterable[ScheduleRule], first: dt.date, last: dt.date, calendar: WorkingCalendar
) -> list[dt.date]:
    """The days the fixed schedule(s) set between ``first`` and ``last`` (inclusive), working days only: a
    scheduled day that falls on a holiday or Tết is no session and counts as nothing missed."""
    days: set[dt.date] = set()
    for schedule in schedules:
        day = max(first, schedule.valid_from)
        end = last if schedule.valid_until is None else min(last, schedule.valid_until - dt.timedelta(days=1))
        while day <= end:
            if (
                day.weekday() == schedule.weekday
                and (not schedule.weeks or week_of_month(day) in schedule.weeks)
                and is_working_day(day, calendar)
            ):
                days.add(day)
            day += dt.timedelta(days=1)
    return sorted(days)


def missed_days(planned: Iterable[dt.date], chair_days: Iterable[dt.date], today: dt.date) -> list[dt.date]:
    """Scheduled days before ``today`` on which the chair held no session (today is not missed yet)."""
    held = set(chair_days)
    return [day for day in planned if day < today and day not in held]


@dataclass(frozen=True)
class MonthCompliance:
    """Whether the chair met the minimum in one month."""

    year: int
    month: int
    period: str
    required: int
    held: int
    weeks_short: tuple[dt.date, ...] = ()
    """Under the weekly rule: the Mondays of the weeks without a session."""

    @property
    def is_met(self) -> bool:
        return self.held >= self.required and not self.weeks_short


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def month_compliance(
    *,
    year: int,
    month: int,
    chair_days: Iterable[dt.date],
    calendar: WorkingCalendar,
    monthly_minimum_days: int,
) -> MonthCompliance:
    """The month's compliance with the minimum in force on its first day.

    Weekly rule (to 30/06/2026): each week whose Monday falls in the month and which has a working day must hold a
    session day (a week belongs to the month of its Monday, so no week is counted twice). Monthly rule: at least
    ``monthly_minimum_days`` distinct days in the month.
    """
    first, last = _month_bounds(year, month)
    held_days = set(chair_days)
    minimum = reception_minimum(first, monthly_minimum_days=monthly_minimum_days)
    if minimum.period == "month":
        held = sum(1 for day in held_days if first <= day <= last)
        return MonthCompliance(year, month, "month", minimum.days, held)
    monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
    required = 0
    held = 0
    short: list[dt.date] = []
    while monday <= last:
        week = [monday + dt.timedelta(days=offset) for offset in range(7)]
        if any(is_working_day(day, calendar) for day in week):
            required += 1
            if any(day in held_days for day in week):
                held += 1
            else:
                short.append(monday)
        monday += dt.timedelta(days=7)
    return MonthCompliance(year, month, "week", required, held, tuple(short))


def visitor_identity_required(held_on: dt.date, required_from: dt.date | None) -> bool:
    """Whether a visitor received on ``held_on`` must give their personal ID number."""
    return required_from is not None and held_on >= required_from


# ---------------------------------------------------------------------------------------------
# Dialogue conferences (law.md §1(e), §6 rows 54–55)
# ---------------------------------------------------------------------------------------------

CONFERENCES_PER_YEAR = 1
"""At least one commune–people dialogue conference each calendar year. Law 10/2022/QH15 art. 32(1) (law.md §1(e),
§6 row 54). CONFIRMED."""

DEFAULT_NOTICE_DAYS = 7
"""Time, place, content and method announced at least 7 days before. Law on Organisation of Local Government 2025
art. 43 (law.md §6 row 55). UNCERTAIN: setting ``GRASSROOTS_DIALOGUE_NOTICE_DAYS``."""

DEFAULT_RESULTS_DAYS = 10
"""Results announced, posted at the commune and sent to village heads within 10 days after. LGO 2025 art. 43
(§6 row 55). UNCERTAIN: setting ``GRASSROOTS_DIALOGUE_RESULTS_DAYS``."""

VOTER_REQUEST_SHARE_PERCENT = 10
"""A conference is also due when at least 10 % of the commune's voters ask for it. LGO 2025 art. 43 (law.md §1(e),
§6 row 55). UNCERTAIN: setting ``GRASSROOTS_DIALOGUE_VOTER_REQUEST_PERCENT``."""

RESULTS_DISCLOSURE_CATEGORY = "K14"
"""Dialogue results are disclosed as commune item K14, "other content that the law requires to be disclosed"
(Law 10/2022 art. 11(14)); the duty itself is LGO 2025 art. 43 (law.md §1(e))."""

DEFAULT_VOTER_REQUEST_HOLD_DAYS = 30
"""Days, from the day the voters' requests reach the share, by which the requested conference should be planned.
Not a number of the law (art. 43 sets none): a platform default so the duty shows on the task page with a date;
setting ``GRASSROOTS_DIALOGUE_VOTER_REQUEST_DAYS``."""


def voter_request_threshold(voter_count: int, percent: int) -> int:
    """The number of requesting voters that makes the conference due: ``ceil(percent % × voters)``, in integers
    (no float rounding: 10 % of 1,000 is exactly 100). A commune with no voters recorded has no threshold (0)."""
    if voter_count <= 0:
        return 0
    return -(-voter_count * percent // 100)


def voter_request_reached(*, signatures: int, voter_count: int, percent: int) -> bool:
    """ "At least" the share: exactly 10 % reaches it; one request short does not."""
    threshold = voter_request_threshold(voter_count, percent)
    return threshold > 0 and signatures >= threshold


def voter_request_hold_by(reached_on: dt.date, hold_days: int) -> dt.date:
    return reached_on + dt.timedelta(days=hold_days)


# ---------------------------------------------------------------------------------------------
# Booking a slot at the chair's reception (issue 14)
# ---------------------------------------------------------------------------------------------

DEFAULT_SLOT_MINUTES = 30
"""Length of one booking slot. Not in the law: setting ``GRASSROOTS_RECEPTION_SLOT_MINUTES``."""

DEFAULT_SLOT_CAPACITY = 2
"""Citizens booked into one slot. Not in the law: setting ``GRASSROOTS_RECEPTION_SLOT_CAPACITY``."""

BOOKING_CLOSES_HOURS_BEFORE = 0
"""A slot can be booked or cancelled until it starts (walk-ins stay welcome: booking is never required, Law on
Citizen Reception art. 7 lets anyone come in person)."""


def day_slots(start: dt.time, end: dt.time, minutes: int) -> list[dt.time]:
    """The start times of the slots of a reception window: every ``minutes`` from ``start``, each ending by ``end``."""
    if minutes <= 0:
        return []
    day = dt.date(2000, 1, 1)
    current = dt.datetime.combine(day, start)
    finish = dt.datetime.combine(day, end)
    step = dt.timedelta(minutes=minutes)
    slots = []
    while current + step <= finish:
        slots.append(current.time())
        current += step
    return slots


def check_booking(
    *,
    day: dt.date,
    slot_start: dt.time,
    scheduled_days: Iterable[dt.date],
    slots: Sequence[dt.time],
    taken: int,
    capacity: int,
    citizen_has_booking: bool,
    now_local: dt.datetime,
) -> RuleResult:
    """May a citizen book ``slot_start`` on ``day``: a scheduled reception day, a slot of its window, not started,
    a place left, and no other live booking of this citizen that day."""
    if day not in set(scheduled_days):
        return RuleResult.refuse("reception.booking.not_a_reception_day")
    if slot_start not in slots:
        return RuleResult.refuse("reception.booking.not_a_slot")
    if dt.datetime.combine(day, slot_start) <= now_local.replace(tzinfo=None):
        return RuleResult.refuse("reception.booking.started")
    if citizen_has_booking:
        return RuleResult.refuse("reception.booking.already_booked")
    if taken >= capacity:
        return RuleResult.refuse("reception.booking.full")
    return RuleResult.ok()


def check_booking_cancel(*, day: dt.date, slot_start: dt.time, status: str, now_local: dt.datetime) -> RuleResult:
    if status != "booked":
        return RuleResult.refuse("reception.booking.not_live")
    if dt.datetime.combine(day, slot_start) <= now_local.replace(tzinfo=None):
        return RuleResult.refuse("reception.booking.started")
    return RuleResult.ok()


def announce_by(planned_on: dt.date, notice_days: int) -> dt.date:
    """The last day to announce a conference held on ``planned_on`` (calendar days, counted back)."""
    return planned_on - dt.timedelta(days=notice_days)


def check_notice(*, announced_on: dt.date, planned_on: dt.date, notice_days: int) -> RuleResult:
    """The announcement must come at least ``notice_days`` days before the conference (exactly that many is on
    time)."""
    if announced_on > announce_by(planned_on, notice_days):
        return RuleResult.refuse("reception.dialogue.notice_too_late", days=notice_days)
    return RuleResult.ok()


def results_due(held_on: dt.date, results_days: int, calendar: WorkingCalendar) -> dt.date:
    """The last day to announce the results (Civil Code counting: the conference day is not counted; a period ending
    on a rest day ends on the next working day)."""
    return calendar_deadline(held_on, results_days, calendar)


def yearly_obligation_met(held_days: Iterable[dt.date], year: int) -> bool:
    """At least ``CONFERENCES_PER_YEAR`` conference held in the calendar year ``year``."""
    return sum(1 for day in held_days if day.year == year) >= CONFERENCES_PER_YEAR


D = DialogueStatus

DIALOGUE_TRANSITIONS: Mapping[str, frozenset[str]] = {
    D.PLANNED: frozenset({D.ANNOUNCED, D.CANCELLED}),
    D.ANNOUNCED: frozenset({D.HELD, D.CANCELLED}),
    D.HELD: frozenset({D.PUBLISHED}),
    D.PUBLISHED: frozenset(),
    D.CANCELLED: frozenset(),
}
"""The dialogue conference's literal transition table."""


def check_transition(current: str, target: str) -> RuleResult:
    if target in DIALOGUE_TRANSITIONS.get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse("reception.dialogue.bad_transition", current=current, target=target)
