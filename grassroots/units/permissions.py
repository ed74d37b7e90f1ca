"""Who may open the units staff pages: built on the accounts app's role matrix.

Viewing a unit's households is ``Action.VIEW_UNIT``, but only through a *staff* role
(``rules.STAFF_ROLES``): every role grants ``VIEW_UNIT`` in its unit, and a resident's role must
not open the neighbours' personal data (dates of birth, phone numbers) in the staff pages; residents
use the portal. Importing households is ``Action.MANAGE_HOUSEHOLDS``
(``grassroots.accounts.selectors.user_can``); views call that directly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.accounts import rules as account_rules
from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.units.models import AdministrativeUnit

HOUSEHOLD_VIEWER_ROLES: frozenset[str] = frozenset(
    role for role in account_rules.STAFF_ROLES if Action.VIEW_UNIT in account_rules.PERMISSION_MATRIX.get(role, ())
)
"""Staff roles whose ``VIEW_UNIT`` opens the household pages of their unit and every unit below it."""


def _is_authenticated(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "pk", None))


def can_view_households(user: Any, unit: AdministrativeUnit | int, on: dt.date | None = None) -> bool:
    """Whether a staff role held at ``unit`` or above lets the user see its households (superusers: always)."""
    if not _is_authenticated(user):
        return False
    if user.is_superuser:
        return True
    staff_roles = {
        unit_id: set(roles) & HOUSEHOLD_VIEWER_ROLES
        for unit_id, roles in account_selectors.roles_by_unit(user, on).items()
    }
    if not any(staff_roles.values()):
        return False
    return account_rules.allows(
        Action.VIEW_UNIT, roles_by_unit=staff_roles, target_path=account_selectors.unit_path(unit)
    )


def household_unit_ids(user: Any, on: dt.date | None = None) -> set[int] | None:
    """Ids of the units whose household pages the user may open; ``None`` means every unit (superuser)."""
    if not _is_authenticated(user):
        return set()
    if user.is_superuser:
        return None
    held = (
        account_selectors.active_memberships(user, on)
        .filter(role__in=HOUSEHOLD_VIEWER_ROLES)
        .values_list("unit_id", flat=True)
    )
    return account_selectors.descendant_ids(held)
