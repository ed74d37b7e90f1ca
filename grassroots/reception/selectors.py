"""Reads of citizen reception and dialogue: settings the rules take, schedules, compliance, due items."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from grassroots.accounts import rules as account_rules
from grassroots.accounts import selectors as account_selectors
from grassroots.calendar import selectors as calendar_selectors
from grassroots.calendar.rules import WorkingCalendar
from grassroots.reception import rules
from grassroots.reception.models import (
    BookingStatus,
    DialogueConference,
    DialogueStatus,
    ReceptionBooking,
    ReceptionDayCancellation,
    ReceptionSchedule,
    ReceptionSession,
    ReceptionVisit,
    VoterRequestDrive,
)
from grassroots.units.models import AdministrativeUnit


def monthly_minimum_days() -> int:
    """``GRASSROOTS_RECEPTION_MIN_DAYS_PER_MONTH`` (default ``rules.DEFAULT_MIN_DAYS_PER_MONTH_FROM_JULY_2026``)."""
    return int(
        getattr(settings, "GRASSROOTS_RECEPTION_MIN_DAYS_PER_MONTH", rules.DEFAULT_MIN_DAYS_PER_MONTH_FROM_JULY_2026)
    )


def visitor_id_required_from() -> dt.date | None:
    """``GRASSROOTS_RECEPTION_VISITOR_ID_REQUIRED_FROM`` (ISO date; empty: never required)."""
    value = getattr(settings, "GRASSROOTS_RECEPTION_VISITOR_ID_REQUIRED_FROM", rules.VISITOR_IDENTITY_REQUIRED_FROM)
    if not value:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def notice_days() -> int:
    return int(getattr(settings, "GRASSROOTS_DIALOGUE_NOTICE_DAYS", rules.DEFAULT_NOTICE_DAYS))


def results_days() -> int:
    return int(getattr(settings, "GRASSROOTS_DIALOGUE_RESULTS_DAYS", rules.DEFAULT_RESULTS_DAYS))


def public_calendar() -> WorkingCalendar:
    return calendar_selectors.working_calendar()


def unit_ids_with(user: Any, action: account_rules.Action) -> list[int]:
    """The communes where ``user`` holds ``action`` through a role held there (for the task page)."""
    return [
        unit_id
        for unit_id, roles in account_selectors.roles_by_unit(user).items()
        if any(action in account_rules.PERMISSION_MATRIX.get(role, ()) for role in roles)
    ]


def chaired_unit_ids(user: Any) -> list[int]:
    """The communes ``user`` chairs today: the reception duty and the yearly conference are the chair's own."""
    from grassroots.accounts.models import Role

    return [unit_id for unit_id, roles in account_selectors.roles_by_unit(user).items() if Role.COMMUNE_CHAIR in roles]


# --- reception ----------------------------------------------------------------------------------


def schedules_of(unit: AdministrativeUnit | int) -> QuerySet[ReceptionSchedule]:
    return ReceptionSchedule.objects.filter(unit=unit)


def current_schedule(unit: AdministrativeUnit | int, on: dt.date) -> ReceptionSchedule | None:
    return (
        schedules_of(unit)
        .filter(valid_from__lte=on)
        .exclude(valid_until__isnull=False, valid_until__lte=on)
        .order_by("-valid_from")
        .first()
    )


def schedule_rules(unit: AdministrativeUnit | int) -> list[rules.ScheduleRule]:
    return [
        rules.ScheduleRule(
            weekday=schedule.weekday,
            weeks=schedule.week_numbers,
            valid_from=schedule.valid_from,
            valid_until=schedule.valid_until,
        )
        for schedule in schedules_of(unit)
    ]


def sessions_of(unit: AdministrativeUnit | int) -> QuerySet[ReceptionSession]:
    return ReceptionSession.objects.filter(unit=unit).select_related("receiver")


def chair_days(unit: AdministrativeUnit | int, first: dt.date, last: dt.date) -> list[dt.date]:
    """Days between ``first`` and ``last`` on which the chair personally received citizens (any kind of session)."""
    return list(
        ReceptionSession.objects.filter(
            unit=unit, receiver_is_chair=True, held_on__gte=first, held_on__lte=last
        ).values_list("held_on", flat=True)
    )


def planned_days(unit: AdministrativeUnit | int, first: dt.date, last: dt.date) -> list[dt.date]:
    return rules.planned_days(schedule_rules(unit), first, last, public_calendar())


def missed_days(unit: AdministrativeUnit | int, today: dt.date, look_back_days: int = 62) -> list[dt.date]:
    """Scheduled days of the last ``look_back_days`` on which the chair held no session."""
    first = today - dt.timedelta(days=look_back_days)
    planned = planned_days(unit, first, today)
    return rules.missed_days(planned, chair_days(unit, first, today), today)


def upcoming_days(unit: AdministrativeUnit | int, today: dt.date, weeks: int = 8) -> list[dt.date]:
    return planned_days(unit, today, today + dt.timedelta(weeks=weeks))


def month_compliance(unit: AdministrativeUnit | int, year: int, month: int) -> rules.MonthCompliance:
    first = dt.date(year, month, 1)
    # A week belongs to its Monday's month and may end in the next month: look 6 days past the month's end.
    last = dt.date(year + (month == 12), month % 12 + 1, 1) + dt.timedelta(days=6)
    return rules.month_compliance(
        year=year,
        month=month,
        chair_days=chair_days(unit, first, last),
        calendar=public_calendar(),
        monthly_minimum_days=monthly_minimum_days(),
    )


def recent_compliance(unit: AdministrativeUnit | int, today: dt.date, months: int = 6) -> list[rules.MonthCompliance]:
    """The compliance of the last ``months`` months, this month first."""
    found = []
    year, month = today.year, today.month
    for _step in range(months):
        found.append(month_compliance(unit, year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return found


def visits_of(session: ReceptionSession) -> QuerySet[ReceptionVisit]:
    return session.visits.select_related("case")


# --- dialogue -----------------------------------------------------------------------------------


def conferences_of(unit: AdministrativeUnit | int) -> QuerySet[DialogueConference]:
    return DialogueConference.objects.filter(unit=unit)


def held_days(unit: AdministrativeUnit | int) -> list[dt.date]:
    return [
        day
        for day in conferences_of(unit)
        .filter(status__in=[DialogueStatus.HELD, DialogueStatus.PUBLISHED])
        .values_list("held_on", flat=True)
        if day is not None
    ]


def yearly_obligation_met(unit: AdministrativeUnit | int, year: int) -> bool:
    return rules.yearly_obligation_met(held_days(unit), year)


def results_due(conference: DialogueConference) -> dt.date | None:
    if conference.held_on is None:
        return None
    return rules.results_due(conference.held_on, results_days(), public_calendar())


def announce_by(conference: DialogueConference) -> dt.date:
    return rules.announce_by(conference.planned_on, notice_days())


# --- booking -------------------------------------------------------------------------------------


def slot_minutes() -> int:
    return int(getattr(settings, "GRASSROOTS_RECEPTION_SLOT_MINUTES", rules.DEFAULT_SLOT_MINUTES))


def slot_capacity() -> int:
    return int(getattr(settings, "GRASSROOTS_RECEPTION_SLOT_CAPACITY", rules.DEFAULT_SLOT_CAPACITY))


def booking_weeks() -> int:
    """How far ahead citizens may book: ``GRASSROOTS_RECEPTION_BOOKING_WEEKS`` (default 4)."""
    return int(getattr(settings, "GRASSROOTS_RECEPTION_BOOKING_WEEKS", 4))


def cancelled_days(unit: AdministrativeUnit | int, first: dt.date, last: dt.date) -> QuerySet[ReceptionDayCancellation]:
    """Scheduled reception days between ``first`` and ``last`` that the commune cancelled, with the reason."""
    return ReceptionDayCancellation.objects.filter(unit=unit, day__gte=first, day__lte=last).order_by("day")


def bookable_days(unit: AdministrativeUnit | int, today: dt.date) -> list[dt.date]:
    """The scheduled days of the next ``booking_weeks`` weeks, less those cancelled."""
    days = upcoming_days(unit, today, weeks=booking_weeks())
    if not days:
        return []
    cancelled = set(cancelled_days(unit, days[0], days[-1]).values_list("day", flat=True))
    return [day for day in days if day not in cancelled]


def day_window(unit: AdministrativeUnit | int, day: dt.date) -> ReceptionSchedule | None:
    """The schedule in force on ``day``: its hours and place are the day's booking window."""
    return current_schedule(unit, day)


def day_slots(unit: AdministrativeUnit | int, day: dt.date) -> list[dt.time]:
    schedule = day_window(unit, day)
    if schedule is None:
        return []
    return rules.day_slots(schedule.start_time, schedule.end_time, slot_minutes())


def live_bookings(unit: AdministrativeUnit | int, first: dt.date, last: dt.date) -> QuerySet[ReceptionBooking]:
    return (
        ReceptionBooking.objects.filter(unit=unit, status=BookingStatus.BOOKED, day__gte=first, day__lte=last)
        .select_related("citizen")
        .order_by("day", "slot_start", "seat")
    )


def slot_table(unit: AdministrativeUnit | int, today: dt.date) -> list[tuple[dt.date, list[tuple[dt.time, int]]]]:
    """Each bookable day with its slots and the places left in each (one query for every booking)."""
    days = bookable_days(unit, today)
    if not days:
        return []
    taken: dict[tuple[dt.date, dt.time], int] = {}
    for day, start in live_bookings(unit, days[0], days[-1]).values_list("day", "slot_start"):
        taken[(day, start)] = taken.get((day, start), 0) + 1
    capacity = slot_capacity()
    return [
        (day, [(start, max(0, capacity - taken.get((day, start), 0))) for start in day_slots(unit, day)])
        for day in days
    ]


def upcoming_bookings(unit: AdministrativeUnit | int, today: dt.date) -> QuerySet[ReceptionBooking]:
    """Live bookings from ``today`` on, however far (a schedule change reaches every one of them)."""
    return (
        ReceptionBooking.objects.filter(unit=unit, status=BookingStatus.BOOKED, day__gte=today)
        .select_related("citizen")
        .order_by("day", "slot_start", "seat")
    )


def bookings_of_citizen(user: Any, today: dt.date) -> QuerySet[ReceptionBooking]:
    return ReceptionBooking.objects.filter(citizen=user, day__gte=today).select_related("unit").order_by("day")


# --- voters' requests for a dialogue -------------------------------------------------------------


def voter_request_percent() -> int:
    return int(getattr(settings, "GRASSROOTS_DIALOGUE_VOTER_REQUEST_PERCENT", rules.VOTER_REQUEST_SHARE_PERCENT))


def voter_request_hold_days() -> int:
    return int(getattr(settings, "GRASSROOTS_DIALOGUE_VOTER_REQUEST_DAYS", rules.DEFAULT_VOTER_REQUEST_HOLD_DAYS))


def drives_of(unit: AdministrativeUnit | int) -> QuerySet[VoterRequestDrive]:
    from django.db.models import Count

    return VoterRequestDrive.objects.filter(unit=unit).annotate(signed=Count("signatures")).select_related("conference")


def drive_threshold(drive: VoterRequestDrive) -> int:
    return rules.voter_request_threshold(drive.voter_count, voter_request_percent())


def drives_awaiting_conference(unit: AdministrativeUnit | int) -> QuerySet[VoterRequestDrive]:
    """Drives that reached the share and have no conference answering them yet: the obligation is open."""
    return VoterRequestDrive.objects.filter(unit=unit, threshold_reached_on__isnull=False, conference__isnull=True)
