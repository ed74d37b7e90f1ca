"""Who may open the units staff pages: the accounts app's Action matrix, nothing written here.

Viewing a unit's households is ``Action.VIEW_HOUSEHOLDS``, which the matrix grants to the staff
roles (``rules.STAFF_ROLES``) only: a resident's ``VIEW_UNIT`` must not open the neighbours' personal
data (dates of birth, phone numbers); residents use the portal. Changing them is
``Action.MANAGE_HOUSEHOLDS``. Views ask with ``authorize.require_action``; these helpers serve the
finder and the tests.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.accounts import rules as account_rules
from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.units.models import AdministrativeUnit

HOUSEHOLD_VIEWER_ROLES: frozenset[str] = frozenset(
    role for role, actions in account_rules.PERMISSION_MATRIX.items() if Action.VIEW_HOUSEHOLDS in actions
)
"""Roles whose ``VIEW_HOUSEHOLDS`` opens the household pages of their unit and every unit below it."""


def can_view_households(user: Any, unit: AdministrativeUnit | int, on: dt.date | None = None) -> bool:
    """Whether the matrix lets the user see the households of ``unit`` (superusers: always)."""
    return account_selectors.user_can(user, Action.VIEW_HOUSEHOLDS, unit, on)


def household_unit_ids(user: Any, on: dt.date | None = None) -> set[int] | None:
    """Ids of the units whose household pages the user may open; ``None`` means every unit (superuser)."""
    if not account_selectors.is_authenticated(user):
        return set()
    if user.is_superuser:
        return None
    held = (
        account_selectors.active_memberships(user, on)
        .filter(role__in=HOUSEHOLD_VIEWER_ROLES)
        .values_list("unit_id", flat=True)
    )
    return account_selectors.descendant_ids(held)
