"""Reads of the accounts app: active memberships, the units a user can see, roles per unit."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from grassroots.accounts import rules
from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.core import clock
from grassroots.units.models import AdministrativeUnit, Resident

MAX_TREE_DEPTH = 8
"""Safety bound on tree walks (the real tree has 4 levels: province, district, commune, community)."""


def _day(on: dt.date | None) -> dt.date:
    return on if on is not None else clock.today()


def is_authenticated(user: Any) -> bool:
    """A signed-in user with a database row (``AnonymousUser`` and ``None`` are not)."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "pk", None))


def active_memberships(user: Any, on: dt.date | None = None) -> QuerySet[RoleMembership]:
    """The user's memberships in force on ``on`` (default today, Vietnam time)."""
    if not is_authenticated(user):
        return RoleMembership.objects.none()
    return (
        RoleMembership.objects.active_on(_day(on))
        .filter(user_id=user.pk)
        .select_related("unit", "organisation")
        .order_by("role", "unit_id")
    )


def roles_by_unit(user: Any, on: dt.date | None = None) -> dict[int, set[str]]:
    """Role codes the user holds on ``on``, per unit id: the input of every ``rules.can_*`` predicate."""
    held: dict[int, set[str]] = defaultdict(set)
    for unit_id, role in active_memberships(user, on).values_list("unit_id", "role"):
        held[unit_id].add(role)
    return dict(held)


def has_role(user: Any, role: str, unit: AdministrativeUnit | int | None = None, on: dt.date | None = None) -> bool:
    """Whether the user holds ``role`` on ``on``, in ``unit`` exactly (any unit when ``unit`` is None)."""
    queryset = active_memberships(user, on).filter(role=role)
    if unit is not None:
        queryset = queryset.filter(unit_id=getattr(unit, "pk", unit))
    return queryset.exists()


def descendant_ids(unit_ids: Iterable[int]) -> set[int]:
    """``unit_ids`` plus every unit below them: one query per tree level."""
    found = set(unit_ids)
    frontier = set(found)
    for _level in range(MAX_TREE_DEPTH):
        if not frontier:
            break
        children = set(AdministrativeUnit.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        frontier = children - found
        found |= frontier
    return found


def unit_path(unit: AdministrativeUnit | int) -> list[int]:
    """The ids from the root down to ``unit`` itself (``[province, commune, community]``)."""
    current: int | None = unit.pk if isinstance(unit, AdministrativeUnit) else unit
    path: list[int] = []
    for _level in range(MAX_TREE_DEPTH):
        if current is None:
            break
        path.append(current)
        current = AdministrativeUnit.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    path.reverse()
    return path


def user_unit_ids(user: Any, on: dt.date | None = None) -> set[int]:
    """The units a user can see: their active memberships' units and everything below them.

    A provincial officer's membership is at the province, so they see the whole province.
    Superusers see every unit.
    """
    if not is_authenticated(user):
        return set()
    if user.is_superuser:
        return set(AdministrativeUnit.objects.values_list("id", flat=True))
    return descendant_ids(active_memberships(user, on).values_list("unit_id", flat=True))


def user_roles(user: Any, on: dt.date | None = None) -> set[str]:
    """Every role code the user holds on ``on``, whatever the unit."""
    return set(active_memberships(user, on).values_list("role", flat=True))


def user_can(
    user: Any, action: rules.Action | str, unit: AdministrativeUnit | int | None, on: dt.date | None = None
) -> bool:
    """Whether the user may do ``action`` on ``unit`` (or anywhere, when ``unit`` is None)."""
    if not is_authenticated(user):
        return False
    if unit is None:
        return rules.allows_anywhere(action, roles=user_roles(user, on), is_superuser=user.is_superuser)
    return rules.allows(
        action, roles_by_unit=roles_by_unit(user, on), target_path=unit_path(unit), is_superuser=user.is_superuser
    )


def organisation_roles(user: Any, organisation: Any, on: dt.date | None = None) -> set[str]:
    """The roles ``user`` holds inside ``organisation`` (an ``units.Organisation`` or its id) on ``on``."""
    if not is_authenticated(user):
        return set()
    return set(
        RoleMembership.objects.active_on(_day(on))
        .filter(user_id=user.pk, organisation_id=getattr(organisation, "pk", organisation))
        .values_list("role", flat=True)
    )


def user_can_in_organisation(
    user: Any, action: rules.Action | str, organisation: Any, on: dt.date | None = None
) -> bool:
    """Whether the user may do ``action`` inside ``organisation`` (the roles held in it decide)."""
    if not is_authenticated(user):
        return False
    return rules.allows_in_organisation(
        action, roles=organisation_roles(user, organisation, on), is_superuser=user.is_superuser
    )


def target_unit_ids(user: User, on: dt.date | None = None) -> set[int]:
    """The units a user belongs to: their active memberships and their household's community."""
    ids = set(active_memberships(user, on).values_list("unit_id", flat=True))
    ids.update(
        Resident.objects.filter(user_id=user.pk, household__isnull=False).values_list(
            "household__community_id", flat=True
        )
    )
    return ids


def users_visible_to(viewer: Any, on: dt.date | None = None, search: str = "") -> QuerySet[User]:
    """Accounts that belong to one of the viewer's units (through a role or their household)."""
    if not is_authenticated(viewer):
        return User.objects.none()
    day = _day(on)
    queryset = User.objects.all()
    if not viewer.is_superuser:
        unit_ids = user_unit_ids(viewer, day)
        member_ids = (
            RoleMembership.objects.active_on(day).filter(unit_id__in=unit_ids).values_list("user_id", flat=True)
        )
        resident_filter = {"resident__household__community_id__in": unit_ids}
        queryset = queryset.filter(pk__in=member_ids) | queryset.filter(**resident_filter)
    text = search.strip()
    if text:
        phone = rules.normalise_phone(text)
        matches = User.objects.filter(full_name__icontains=text) | User.objects.filter(username__icontains=text)
        if phone:
            matches = matches | User.objects.filter(phone=phone)
        queryset = queryset.filter(pk__in=matches.values("pk"))
    return queryset.distinct().order_by("full_name", "username")


def is_staff_user(user: Any, on: dt.date | None = None) -> bool:
    """Whether the user may open the staff pages: a superuser or the holder of a staff role today."""
    if not is_authenticated(user):
        return False
    return bool(user.is_superuser or user_roles(user, on) & rules.STAFF_ROLES)


def role_label(role: str) -> str:
    return str(Role(role).label)


def holders_of(action: rules.Action | str, unit: AdministrativeUnit | int, on: dt.date | None = None) -> QuerySet[User]:
    """The people whose role held in ``unit`` itself on ``on`` grants ``action`` (the village head, by the matrix)."""
    roles = [role for role, actions in rules.PERMISSION_MATRIX.items() if action in actions]
    ids = active_memberships_in(unit, on).filter(role__in=roles).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("full_name", "pk")


def active_memberships_in(unit: AdministrativeUnit | int, on: dt.date | None = None) -> QuerySet[RoleMembership]:
    """Every membership in force on ``on`` held in ``unit`` itself."""
    return RoleMembership.objects.active_on(_day(on)).filter(unit_id=getattr(unit, "pk", unit))
