"""Writes of the units app, one module per workflow; every change is audited in its own transaction.

- ``communities``: create, rename, end and merge thôn, tổ dân phố;
- ``households``: register households, add residents (``household_member_add``), designate the
  representative, record a member leaving (``resident_leave``: dated, never deleted), move out;
- ``imports``: the all-or-nothing household import from a file;
- ``organisations``: agencies and enterprises, their headcount and weekly rest days.

Callers keep writing ``from grassroots.units import services; services.household_create(...)``.
"""

from grassroots.units.services.communities import community_create, community_end, community_merge, community_rename
from grassroots.units.services.households import (
    household_create,
    household_member_add,
    household_move_out,
    household_set_representative,
    resident_create,
    resident_leave,
)
from grassroots.units.services.imports import HouseholdImportError, ImportResult, household_import
from grassroots.units.services.organisations import headcount_set, organisation_create, organisation_set_rest_days

__all__ = [
    "HouseholdImportError",
    "ImportResult",
    "community_create",
    "community_end",
    "community_merge",
    "community_rename",
    "headcount_set",
    "household_create",
    "household_import",
    "household_member_add",
    "household_move_out",
    "household_set_representative",
    "organisation_create",
    "organisation_set_rest_days",
    "resident_create",
    "resident_leave",
]
