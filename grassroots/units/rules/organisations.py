"""Pure rules of organisations: the weekly rest days an employer's working calendar counts with."""

from __future__ import annotations

from collections.abc import Iterable

from grassroots.core.errors import RuleResult
from grassroots.core.params import ascii_int

DAYS_IN_WEEK = 7
"""Weekdays are numbered as Python does: 0 = Monday … 6 = Sunday."""


def rest_day_numbers(parts: Iterable[str | int]) -> list[str]:
    """The distinct, sorted, non-empty entries of a rest-day list (``"6, 5"`` → ``["5", "6"]``)."""
    return sorted({str(part).strip() for part in parts if str(part).strip()})


def check_rest_days(parts: Iterable[str | int]) -> RuleResult:
    """Weekly rest days are weekday numbers and leave at least one working day (Labour Code 2019 art. 111).

    ``ok`` carries the stored form (``stored="5,6"``); refusals are ``units.organisation.bad_rest_days``
    and ``units.organisation.no_working_day``.
    """
    days = rest_day_numbers(parts)
    if not all((number := ascii_int(day, max_digits=1)) is not None and number < DAYS_IN_WEEK for day in days):
        return RuleResult.refuse("units.organisation.bad_rest_days")
    if len(days) == DAYS_IN_WEEK:
        return RuleResult.refuse("units.organisation.no_working_day")
    return RuleResult.ok(stored=",".join(days))
