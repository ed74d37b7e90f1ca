"""Pure rules of households: who counts on a day, how a household's status may change, who may represent it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from grassroots.core.errors import RuleResult
from grassroots.units.models import HouseholdStatus

REPRESENTATIVE_MIN_AGE = 18
"""A household representative must have full civil capacity (Law 10/2022 art. 18(2), art. 19(3));
a person of 18 full years is an adult (Civil Code 2015 art. 20). Loss of capacity by court decision
is not recorded here."""

HOUSEHOLD_TRANSITIONS: Mapping[tuple[str, str], str] = {
    (HouseholdStatus.ACTIVE, HouseholdStatus.MOVED): "units.household.moved",
    (HouseholdStatus.ACTIVE, HouseholdStatus.DISSOLVED): "units.household.dissolved",
    (HouseholdStatus.ACTIVE, HouseholdStatus.MERGED): "units.household.merged",
}
"""The household state machine: (status, new status) → the audit code of that change; nothing else.

A household lives in one community: it moves away, is dissolved, or its community is merged into
another (``services.community_merge`` ends it and opens its successor in the target community).
Every one of these ends it for good; a returning family is a new household.
"""

MOVE_OUT_STATUSES: frozenset[str] = frozenset({HouseholdStatus.MOVED, HouseholdStatus.DISSOLVED})
"""The ends staff record by hand (``services.household_move_out``); ``merged`` comes only from a merge."""


def household_is_active_on(active_from: dt.date, active_until: dt.date | None, day: dt.date) -> bool:
    """The interval rule behind every vote denominator: ``[active_from, active_until)``.

    A household counts on ``day`` when it became resident on or before ``day`` and had not left by
    ``day``: ``active_until`` is the first day it no longer counts (the day it moved or dissolved).
    """
    return active_from <= day and (active_until is None or day < active_until)


def check_household_transition(current: str, target: str) -> RuleResult:
    """Whether a household may go from status ``current`` to ``target`` (``HOUSEHOLD_TRANSITIONS``)."""
    if (current, target) in HOUSEHOLD_TRANSITIONS:
        return RuleResult.ok()
    return RuleResult.refuse("units.household.bad_transition", current=current, target=target)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Full years of age on ``day`` (a person born 29/02 turns a year older on 01/03 in common years)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def check_representative(
    *, member_household_id: int | None, household_id: int, birth_date: dt.date | None, on: dt.date
) -> RuleResult:
    """A representative is a member of the household with full civil capacity (Law art. 18(2), 19(3))."""
    if member_household_id != household_id:
        return RuleResult.refuse("units.representative.not_member")
    if birth_date is None:
        return RuleResult.refuse("units.representative.birth_date_unknown")
    if age_on(birth_date, on) < REPRESENTATIVE_MIN_AGE:
        return RuleResult.refuse("units.representative.minor", minimum_age=REPRESENTATIVE_MIN_AGE)
    return RuleResult.ok()
