"""Pure working-day and deadline arithmetic (lịch làm việc, thời hạn).

Nothing here touches the database: every function takes a ``WorkingCalendar`` value, built once by
``grassroots.calendar.selectors.working_calendar`` from the ``holidays`` package and the staff-editable
override table, or by ``build_calendar`` directly in tests.

Conventions (the same everywhere in the platform):

* ``add_working_days(start, n)`` with ``n >= 1`` is the n-th working day strictly *after* ``start``;
  ``start`` itself never counts, whether or not it is a working day ("within 5 working days of the
  decision" counts from the next day). ``n == 0`` returns ``start`` if it is a working day, otherwise
  the next working day. ``n < 0`` is the |n|-th working day strictly *before* ``start``.
* ``working_days_between(a, b)`` counts the working days in the half-open interval (a, b]: the first
  day is excluded, the last included, so ``working_days_between(a, add_working_days(a, n)) == n``.
  If ``b < a`` the result is negative (minus the count in (b, a]).
* ``calendar_deadline(event, n)`` follows Civil Code 2015 arts 147–148 (law.md §0.1).
* ``deadline_status(due_on, today=…, calendar=…)`` is a deadline as people read it: the date, the working
  days left (negative once it has passed) and its urgency. Pages show it with ``{% deadline %}``
  (``grassroots/calendar/templatetags/deadlines.py``).
"""

from __future__ import annotations

import calendar as _month_lengths
import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)

PUBLIC_SECTOR_REST_DAYS: tuple[int, ...] = (SATURDAY, SUNDAY)
"""Weekly rest days of officials: 40 hours over Monday–Friday (Decision 188/1999/QĐ-TTg art. 1; law.md §4.3)."""

SUNDAY_ONLY_REST_DAYS: tuple[int, ...] = (SUNDAY,)
"""A common enterprise week: the employer fixes the weekly rest day (Labor Code 2019 art. 111(1))."""

DEADLINE_DAY_EXCLUDED = True
"""Civil Code 2015 art. 147(1): the day of the event that starts a period is not counted."""

UNCONFIRMED_PACKAGE_HOLIDAY_NAMES: tuple[str, ...] = ("Ngày Văn hóa Việt Nam",)
"""Holidays the ``holidays`` package lists but law.md §4.3 marks UNCERTAIN.

24/11 (Vietnam Culture Day) was chosen by Politburo Resolution 80-NQ/TW (01/2026); the amendment of
Labor Code art. 112(1) that would make it a paid holiday was not found in force. Default: not a
holiday. Override with the setting ``GRASSROOTS_CALENDAR_UNCONFIRMED_HOLIDAYS`` (a list of names),
or add a ``holiday`` row to the override table once the law is in force.
"""

SUBSTITUTED_DAY_PREFIX = "Ngày nghỉ (thay cho"
"""How the ``holidays`` package (language ``vi``) names a public-sector swapped rest day."""


class CalendarRangeError(ValueError):
    """A date outside the years a ``WorkingCalendar`` was built for: holidays there are unknown."""


OverrideKind = Literal["extra_rest_day", "extra_working_day", "holiday", "not_holiday"]


@dataclass(frozen=True)
class DayOverride:
    """One row of the override table as a plain value."""

    day: dt.date
    kind: OverrideKind
    name: str = ""


@dataclass(frozen=True, eq=False)
class WorkingCalendar:
    """Which days are working days between ``first_day`` and ``last_day`` (inclusive).

    ``rest_days`` maps every non-weekly rest day (public holiday, compensatory day, swapped day off)
    to its name; ``extra_working_days`` are weekly rest days that are working days (make-up
    Saturdays). Build it with ``build_calendar``; it precomputes a sorted array of working-day
    ordinals so that additions are a binary search.
    """

    first_day: dt.date
    last_day: dt.date
    weekly_rest_days: frozenset[int]
    rest_days: Mapping[dt.date, str]
    extra_working_days: frozenset[dt.date]
    label: str = ""
    _flags: bytearray = field(init=False, repr=False)
    _working_ordinals: list[int] = field(init=False, repr=False)
    _first_ordinal: int = field(init=False, repr=False)
    _last_ordinal: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError("last_day is before first_day")
        if len(self.weekly_rest_days) >= 7:
            raise ValueError("a week needs at least one working day")
        first = self.first_day.toordinal()
        last = self.last_day.toordinal()
        flags = bytearray(last - first + 1)
        rest_ordinals = {day.toordinal() for day in self.rest_days}
        extra_ordinals = {day.toordinal() for day in self.extra_working_days}
        working: list[int] = []
        for ordinal in range(first, last + 1):
            # date.weekday() == (ordinal + 6) % 7, computed without building a date.
            weekday = (ordinal + 6) % 7
            is_working = ordinal in extra_ordinals or (
                weekday not in self.weekly_rest_days and ordinal not in rest_ordinals
            )
            if is_working:
                flags[ordinal - first] = 1
                working.append(ordinal)
        object.__setattr__(self, "_flags", flags)
        object.__setattr__(self, "_first_ordinal", first)
        object.__setattr__(self, "_last_ordinal", last)
        object.__setattr__(self, "_working_ordinals", working)

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def check_covers(self, day: dt.date) -> None:
        if not self.covers(day):
            raise CalendarRangeError(
                f"{day.isoformat()} is outside the calendar ({self.first_day.isoformat()}–{self.last_day.isoformat()})"
            )

    def rest_day_name(self, day: dt.date) -> str:
        """The holiday or swap name of ``day``, '' for ordinary days and weekends."""
        if day in self.extra_working_days:
            return ""
        return self.rest_days.get(day, "")


def build_calendar(
    *,
    first_day: dt.date,
    last_day: dt.date,
    holidays: Mapping[dt.date, str],
    weekly_rest_days: Iterable[int] = PUBLIC_SECTOR_REST_DAYS,
    extra_working_days: Iterable[dt.date] = (),
    overrides: Iterable[DayOverride] = (),
    label: str = "",
) -> WorkingCalendar:
    """Combine base holidays, base make-up days and the override rows into a calendar.

    Order matters and is fixed: start from ``holidays`` and ``extra_working_days`` (from the package),
    then ``not_holiday`` rows remove a rest day, ``holiday`` and ``extra_rest_day`` rows add one, and
    ``extra_working_day`` rows make a day a working day whatever else applies (a make-up Saturday).
    """
    rest: dict[dt.date, str] = dict(holidays)
    working = set(extra_working_days)
    rows = list(overrides)
    for row in rows:
        if row.kind == "not_holiday":
            rest.pop(row.day, None)
            working.discard(row.day)
    for row in rows:
        if row.kind in ("holiday", "extra_rest_day"):
            rest[row.day] = row.name or rest.get(row.day, "")
            working.discard(row.day)
    for row in rows:
        if row.kind == "extra_working_day":
            rest.pop(row.day, None)
            working.add(row.day)
    return WorkingCalendar(
        first_day=first_day,
        last_day=last_day,
        weekly_rest_days=frozenset(weekly_rest_days),
        rest_days={day: name for day, name in rest.items() if first_day <= day <= last_day},
        extra_working_days=frozenset(day for day in working if first_day <= day <= last_day),
        label=label,
    )


def compensatory_days(
    holidays: Mapping[dt.date, str], weekly_rest_days: Iterable[int], *, suffix: str = " (nghỉ bù)"
) -> dict[dt.date, str]:
    """Labor Code 2019 art. 111(3): a holiday on the weekly rest day gives the next working day off.

    Used for weeks other than Saturday+Sunday (the package already applies the government's practice
    for the public-sector week). Several holidays on rest days queue up one after another.
    """
    rest = frozenset(weekly_rest_days)
    taken: dict[dt.date, str] = {}
    for day in sorted(holidays):
        if day.weekday() not in rest:
            continue
        candidate = day + dt.timedelta(days=1)
        while candidate.weekday() in rest or candidate in holidays or candidate in taken:
            candidate += dt.timedelta(days=1)
        taken[candidate] = f"{holidays[day]}{suffix}"
    return taken


def is_working_day(day: dt.date, calendar: WorkingCalendar) -> bool:
    """True when ``day`` is a working day in ``calendar``."""
    calendar.check_covers(day)
    return bool(calendar._flags[day.toordinal() - calendar._first_ordinal])


def next_working_day(day: dt.date, calendar: WorkingCalendar) -> dt.date:
    """``day`` itself when it is a working day, otherwise the first working day after it."""
    return add_working_days(day, 0, calendar)


def add_working_days(start: dt.date, n: int, calendar: WorkingCalendar) -> dt.date:
    """The n-th working day after ``start`` (see the module docstring for n == 0 and n < 0)."""
    ordinals = calendar._working_ordinals
    origin = start.toordinal()
    if not calendar._first_ordinal <= origin <= calendar._last_ordinal:
        calendar.check_covers(start)
    if n > 0:
        index = bisect_right(ordinals, origin) + n - 1
    elif n == 0:
        index = bisect_left(ordinals, origin)
    else:
        index = bisect_left(ordinals, origin) + n
    if index < 0 or index >= len(ordinals):
        raise CalendarRangeError(f"{n} working days from {start.isoformat()} leave the calendar's years")
    return dt.date.fromordinal(ordinals[index])


def working_days_between(a: dt.date, b: dt.date, calendar: WorkingCalendar) -> int:
    """Working days in (a, b]: ``a`` excluded, ``b`` included; negative when ``b`` is before ``a``."""
    calendar.check_covers(a)
    calendar.check_covers(b)
    ordinals = calendar._working_ordinals
    return bisect_right(ordinals, b.toordinal()) - bisect_right(ordinals, a.toordinal())


def calendar_deadline(event_date: dt.date, n_days: int, calendar: WorkingCalendar) -> dt.date:
    """Last day of a period of ``n_days`` calendar days ("ngày") that starts with ``event_date``.

    Civil Code 2015 art. 147(1): the event day is not counted, counting starts the next day.
    Art. 148(1): the period ends at the end of its last day. Art. 148(2): if that day is a weekly
    rest day or a public holiday (here: any day the calendar does not treat as working, including
    compensatory and swapped days off), the period ends at the end of the next working day.
    A make-up Saturday is a working day of the calendar, so a period may end on it.
    """
    if n_days < 0:
        raise ValueError("a period cannot have a negative number of days")
    last_day = event_date + dt.timedelta(days=n_days)
    return next_working_day(last_day, calendar)


DeadlineMode = Literal["calendar", "working"]


def deadline(start: dt.date, n: int, mode: DeadlineMode, calendar: WorkingCalendar) -> dt.date:
    """The one shared deadline function of law.md §0.1: ``calendar`` days or ``working`` days."""
    if mode == "calendar":
        return calendar_deadline(start, n, calendar)
    if mode == "working":
        return add_working_days(start, n, calendar)
    raise ValueError(f"unknown deadline mode {mode!r}")


def rest_days_in_range(first: dt.date, last: dt.date, calendar: WorkingCalendar) -> list[tuple[dt.date, str]]:
    """Every non-working day between ``first`` and ``last`` that is not an ordinary weekend, with its name."""
    return [
        (day, name)
        for day, name in sorted(calendar.rest_days.items())
        if first <= day <= last and day not in calendar.extra_working_days
    ]


# ---------------------------------------------------------------------------------------------
# Deadlines as people read them: "còn 3 ngày làm việc", "hết hạn hôm nay", "quá 2 ngày làm việc"
# ---------------------------------------------------------------------------------------------

DUE_SOON_WORKING_DAYS = 3
"""A deadline is "due soon" when at most this many working days are left (a UI choice, not a legal number)."""


class Urgency(StrEnum):
    """How close a deadline is; the badge shows it as icon + word + colour (UI.md: never colour alone)."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    LATER = "later"


@dataclass(frozen=True)
class DeadlineStatus:
    """A deadline as shown to people.

    ``working_days_left``: working days in (today, due_on]; 0 on the last day; negative once it has passed
    (minus the working days since); ``None`` when the work is done or the calendar cannot tell.
    ``urgency``: ``None`` when the work is done (the date is shown without a clock).
    """

    due_on: dt.date
    working_days_left: int | None = None
    urgency: Urgency | None = None

    @property
    def is_overdue(self) -> bool:
        return self.urgency == Urgency.OVERDUE

    @property
    def is_running(self) -> bool:
        return self.urgency is not None


def working_days_left(today: dt.date, due_on: dt.date, calendar: WorkingCalendar) -> int | None:
    """Working days in (today, due_on]: negative once ``due_on`` has passed; ``None`` outside the calendar."""
    try:
        return working_days_between(today, due_on, calendar)
    except CalendarRangeError:
        return None


def classify(due_on: dt.date | None, today: dt.date, days_left: int | None) -> Urgency:
    """Overdue once the due date has passed (even at a weekend with no working day gone), due soon within
    ``DUE_SOON_WORKING_DAYS`` working days (calendar days when the calendar cannot tell), else later."""
    if due_on is None:
        return Urgency.LATER
    if due_on < today:
        return Urgency.OVERDUE
    left = days_left if days_left is not None else (due_on - today).days
    return Urgency.DUE_SOON if left <= DUE_SOON_WORKING_DAYS else Urgency.LATER


def deadline_status(
    due_on: dt.date, *, today: dt.date, calendar: WorkingCalendar, running: bool = True
) -> DeadlineStatus:
    """The deadline ``due_on`` seen on ``today``, counted in ``calendar``'s working days.

    ``running=False`` (the work is done: published, answered) keeps the date and drops the clock.
    """
    if not running:
        return DeadlineStatus(due_on=due_on)
    left = working_days_left(today, due_on, calendar)
    return DeadlineStatus(due_on=due_on, working_days_left=left, urgency=classify(due_on, today, left))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day (31/8 + 6 → 28/2).

    The one month arithmetic of the platform: initiative consents (3 months), interim heads (6 months),
    village-head terms (30 or 60 months).
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _month_lengths.monthrange(year, month)[1]))
