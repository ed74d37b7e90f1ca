"""Reads of the calendar app, and the stable API other apps call for deadlines.

Other apps use only these functions (plus ``working_calendar`` when they need several answers from one
calendar, and ``working_calendar_of`` for an organisation's own week)::

    add_working_days(start, n, *, calendar=None) -> date
    working_days_between(a, b, *, calendar=None) -> int
    calendar_deadline(event_date, n_days, *, calendar=None) -> date
    is_working_day(day, *, calendar=None) -> bool
    working_days_left(today, due_on, *, calendar=None) -> int | None
    deadline_status(due_on, *, today=None, calendar=None, organisation=None, running=True) -> DeadlineStatus

``calendar=None`` means the default public-sector calendar (Monday–Friday, holidays, public swaps).
Pages show a deadline with the template tag ``{% deadline %}`` (``templatetags/deadlines.py``).
Calendars are cached per process; a write through ``services`` clears the cache at commit, and other
processes notice a changed override table within ``CACHE_RECHECK_SECONDS``.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterable
from typing import Any, Literal, cast

import holidays as holidays_package
from django.conf import settings
from django.db import models

from grassroots.calendar import rules
from grassroots.calendar.models import CalendarOverride, OverrideScope, WorkWeek
from grassroots.core import clock

Scope = Literal["public", "all"]

DEFAULT_FIRST_YEAR = 2015
DEFAULT_LAST_YEAR = 2040
"""Years every default calendar covers; a date outside raises ``rules.CalendarRangeError``."""

CACHE_RECHECK_SECONDS = 30.0
"""How stale a cached calendar may be in a process that did not make the change itself."""

_cache: dict[tuple[Any, ...], rules.WorkingCalendar] = {}
_cache_lock = threading.Lock()
_fingerprint: tuple[Any, ...] | None = None
_fingerprint_checked_at = 0.0


def unconfirmed_holiday_names() -> tuple[str, ...]:
    """Package holidays not (yet) applied; settings-like data, default ``rules.UNCONFIRMED_PACKAGE_HOLIDAY_NAMES``."""
    configured = getattr(settings, "GRASSROOTS_CALENDAR_UNCONFIRMED_HOLIDAYS", None)
    if configured is None:
        return rules.UNCONFIRMED_PACKAGE_HOLIDAY_NAMES
    return tuple(str(name) for name in configured)


def _is_unconfirmed(name: str, unconfirmed: tuple[str, ...]) -> bool:
    return any(name.startswith(prefix) for prefix in unconfirmed)


def package_holidays(
    years: Iterable[int], *, observed: bool = True, unconfirmed: tuple[str, ...] = ()
) -> dict[dt.date, str]:
    """Holidays of the ``holidays`` package for Vietnam (names in Vietnamese), minus ``unconfirmed``."""
    table = holidays_package.country_holidays("VN", years=list(years), observed=observed, language="vi")
    return {day: str(name) for day, name in table.items() if not _is_unconfirmed(str(name), unconfirmed)}


def package_weekend_workdays(years: Iterable[int]) -> set[dt.date]:
    """Make-up Saturdays the package knows (public-sector swaps)."""
    wanted = set(years)
    table = holidays_package.country_holidays("VN", years=sorted(wanted), language="vi")
    return {day for day in table.weekend_workdays if day.year in wanted}


def override_rows(scope: Scope) -> list[rules.DayOverride]:
    """Rows of the override table that apply to a calendar of ``scope``, as plain values."""
    scopes = [OverrideScope.ALL] if scope == "all" else [OverrideScope.ALL, OverrideScope.PUBLIC]
    queryset = CalendarOverride.objects.filter(scope__in=scopes).order_by("day", "pk")
    return [rules.DayOverride(day=row.day, kind=cast(rules.OverrideKind, row.kind), name=row.name) for row in queryset]


def base_holidays(
    *, years: Iterable[int], weekly_rest_days: Iterable[int], scope: Scope
) -> tuple[dict[dt.date, str], set[dt.date]]:
    """Holidays and make-up days from the package alone, before the override table.

    * The public-sector week (Saturday+Sunday) takes the package's observed days as they are: they
      encode the government's practice (e.g. Tết 2025, a Saturday holiday moved to Monday 27/01).
    * Any other week gets compensatory days by Labor Code art. 111(3) from the statutory holidays.
    * Public-sector swaps (a weekday off against a make-up Saturday) apply only to ``scope="public"``.
    """
    year_list = sorted(set(years))
    rest = frozenset(weekly_rest_days)
    unconfirmed = unconfirmed_holiday_names()
    if rest == frozenset(rules.PUBLIC_SECTOR_REST_DAYS):
        found = package_holidays(year_list, observed=True, unconfirmed=unconfirmed)
    else:
        statutory = package_holidays(year_list, observed=False, unconfirmed=unconfirmed)
        statutory = {day: name for day, name in statutory.items() if not name.startswith(rules.SUBSTITUTED_DAY_PREFIX)}
        found = {**statutory, **rules.compensatory_days(statutory, rest)}
        if scope == "public":
            swaps = package_holidays(year_list, observed=False)
            found.update({day: name for day, name in swaps.items() if name.startswith(rules.SUBSTITUTED_DAY_PREFIX)})
    make_up_days: set[dt.date] = set()
    if scope == "public":
        make_up_days = package_weekend_workdays(year_list)
    else:
        found = {day: name for day, name in found.items() if not name.startswith(rules.SUBSTITUTED_DAY_PREFIX)}
    return found, make_up_days


def _table_fingerprint() -> tuple[Any, ...]:
    summary = CalendarOverride.objects.aggregate(
        count=models.Count("pk"), latest=models.Max("updated_at"), highest=models.Max("pk")
    )
    return (summary["count"], summary["latest"], summary["highest"])


def clear_cache() -> None:
    """Forget every cached calendar (called by services after a committed change)."""
    global _fingerprint, _fingerprint_checked_at
    with _cache_lock:
        _cache.clear()
        _fingerprint = None
        _fingerprint_checked_at = 0.0


def _refresh_if_table_changed() -> None:
    global _fingerprint, _fingerprint_checked_at
    moment = time.monotonic()
    if _fingerprint is not None and moment - _fingerprint_checked_at < CACHE_RECHECK_SECONDS:
        return
    current = _table_fingerprint()
    with _cache_lock:
        if current != _fingerprint:
            _cache.clear()
        _fingerprint = current
        _fingerprint_checked_at = moment


def working_calendar(
    *,
    scope: Scope = "public",
    weekly_rest_days: Iterable[int] = rules.PUBLIC_SECTOR_REST_DAYS,
    years: Iterable[int] | None = None,
) -> rules.WorkingCalendar:
    """The working calendar for ``scope`` and a weekly pattern, from the package plus the override table.

    ``scope="public"``: officials (Monday–Friday by default, public swaps and all override rows).
    ``scope="all"``: enterprises; only rows with scope "all", no public-sector swaps.
    ``weekly_rest_days``: Python weekdays (0 = Monday … 6 = Sunday), e.g. ``(6,)`` for Sunday only.
    ``years``: default ``DEFAULT_FIRST_YEAR``–``DEFAULT_LAST_YEAR``.
    """
    if scope not in ("public", "all"):
        raise ValueError(f"unknown calendar scope {scope!r}")
    rest = tuple(sorted(set(weekly_rest_days)))
    year_list = (
        tuple(sorted(set(years))) if years is not None else tuple(range(DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR + 1))
    )
    if not year_list:
        raise ValueError("a calendar needs at least one year")
    _refresh_if_table_changed()
    key = (scope, rest, year_list, unconfirmed_holiday_names())
    cached = _cache.get(key)
    if cached is not None:
        return cached
    found, make_up_days = base_holidays(years=year_list, weekly_rest_days=rest, scope=scope)
    calendar = rules.build_calendar(
        first_day=dt.date(year_list[0], 1, 1),
        last_day=dt.date(year_list[-1], 12, 31),
        holidays=found,
        weekly_rest_days=rest,
        extra_working_days=make_up_days,
        overrides=override_rows(scope),
        label=f"{scope}:{''.join(str(day) for day in rest)}",
    )
    with _cache_lock:
        _cache[key] = calendar
    return calendar


def working_calendar_for_work_week(work_week: WorkWeek, *, years: Iterable[int] | None = None) -> rules.WorkingCalendar:
    """The calendar of a configured ``WorkWeek`` (a tenant's weekly rest days)."""
    scope: Scope = "public" if work_week.follows_public_sector_swaps else "all"
    return working_calendar(scope=scope, weekly_rest_days=work_week.rest_weekday_tuple, years=years)


def working_calendar_for_organisation(
    organisation: Any, *, years: Iterable[int] | None = None
) -> rules.WorkingCalendar:
    """The working calendar of an organisation (``grassroots.units.models.Organisation``).

    Agencies and public service units keep the public-sector calendar (Monday–Friday, public swaps);
    enterprises use ``scope="all"`` (holidays and rows for everyone, no public swaps) with their own
    ``weekly_rest_days``.
    """
    if organisation.follows_public_sector_calendar:
        return working_calendar(scope="public", years=years)
    return working_calendar(scope="all", weekly_rest_days=organisation.rest_weekdays, years=years)


def working_calendar_of(organisation: Any | None, *, years: Iterable[int] | None = None) -> rules.WorkingCalendar:
    """The calendar an organisation's deadlines are counted in; the public-sector one without an organisation
    (a commune's deadlines, a citizen's request)."""
    if organisation is None:
        return working_calendar(years=years)
    return working_calendar_for_organisation(organisation, years=years)


def override_list(*, year: int | None = None) -> models.QuerySet[CalendarOverride]:
    """Override rows for the staff page, by day; optionally one year."""
    queryset = CalendarOverride.objects.order_by("day", "scope")
    if year is not None:
        queryset = queryset.filter(day__year=year)
    return queryset


# --- The stable API for other apps -------------------------------------------------------------


def add_working_days(start: dt.date, n: int, *, calendar: rules.WorkingCalendar | None = None) -> dt.date:
    """The n-th working day after ``start`` (``rules.add_working_days``), default public calendar."""
    return rules.add_working_days(start, n, calendar or working_calendar())


def working_days_between(a: dt.date, b: dt.date, *, calendar: rules.WorkingCalendar | None = None) -> int:
    """Working days in (a, b] (``rules.working_days_between``), default public calendar."""
    return rules.working_days_between(a, b, calendar or working_calendar())


def calendar_deadline(event_date: dt.date, n_days: int, *, calendar: rules.WorkingCalendar | None = None) -> dt.date:
    """Last day of a period of ``n_days`` calendar days (Civil Code arts 147–148), default public calendar."""
    return rules.calendar_deadline(event_date, n_days, calendar or working_calendar())


def is_working_day(day: dt.date, *, calendar: rules.WorkingCalendar | None = None) -> bool:
    """Whether ``day`` is a working day, default public calendar."""
    return rules.is_working_day(day, calendar or working_calendar())


def working_days_left(today: dt.date, due_on: dt.date, *, calendar: rules.WorkingCalendar | None = None) -> int | None:
    """Working days in (today, due_on] (``rules.working_days_left``), default public calendar."""
    return rules.working_days_left(today, due_on, calendar or working_calendar())


def deadline_status(
    due_on: dt.date,
    *,
    today: dt.date | None = None,
    calendar: rules.WorkingCalendar | None = None,
    organisation: Any | None = None,
    running: bool = True,
) -> rules.DeadlineStatus:
    """A deadline as people read it (``rules.deadline_status``) on ``today`` (default: today in Vietnam).

    Counted in ``calendar`` when given, else in ``organisation``'s working week (``working_calendar_of``),
    else in the public-sector calendar.
    """
    chosen = calendar or working_calendar_of(organisation)
    return rules.deadline_status(due_on, today=today or clock.today(), calendar=chosen, running=running)
