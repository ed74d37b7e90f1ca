"""Reads of the accounts app: active memberships, the units a user can see, roles per unit."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from grassroots.accounts import rules
from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.core import clock
from grassroots.units.models import AdministrativeUnit, Resident, household_counts_on, resident_is_member_on

MAX_TREE_DEPTH = 8
"""Safety bound on tree walks (the real tree has 4 levels: province, district, commune, community)."""


HOUSEHOLD_ROLES: frozenset[str] = frozenset({Role.RESIDENT, Role.HOUSEHOLD_REPRESENTATIVE})
"""Roles held as a member of a household of the community (Law 10/2022 art. 5: citizens take part through their
community and household). They follow the household register: while the account is linked to a person on the
register, such a role counts only in the community where that person is a member of a household that counts on the
day (``Resident.left_on``, ``Household.active_until``). One who moved away keeps the row, not the rights."""


def _day(on: dt.date | None) -> dt.date:
    return on if on is not None else clock.today()


def _registered_in(day: dt.date, *, user: Any, community: Any) -> QuerySet[Resident]:
    """The person linked to ``user`` while a member, on ``day``, of a household of ``community`` that counts then.

    A merge recorded ahead of its day (``units.services.community_merge``) moves the members at once into the new
    household, which counts only from the merge day: until then they still belong to the old household
    (``previous``) of the old community, which still counts."""
    here = Q(household_counts_on(day, through="household__"), household__community_id=community)
    before_the_merge = Q(
        household_counts_on(day, through="household__previous__"), household__previous__community_id=community
    )
    return Resident.objects.filter(resident_is_member_on(day), here | before_the_merge, user_id=user)


def memberships_in_force(on: dt.date | None = None) -> QuerySet[RoleMembership]:
    """Every membership in force on ``on``, less the household roles the register no longer backs.

    A resident or household representative role of an account linked to a person on the register counts only in
    the community where that person is, on ``on``, a member of a household that counts (``HOUSEHOLD_ROLES``):
    who has left the household, or whose household moved away, dissolved or was merged into another village,
    no longer sees the village's resident pages, gets its tasks or gives its opinions. An account linked to
    nobody keeps the roles granted to it. One query, whatever the number of memberships.
    """
    day = _day(on)
    linked = Resident.objects.filter(user_id=OuterRef("user_id"))
    registered = _registered_in(day, user=OuterRef("user_id"), community=OuterRef("unit_id"))
    return RoleMembership.objects.active_on(day).exclude(
        Q(role__in=HOUSEHOLD_ROLES) & Exists(linked) & ~Exists(registered)
    )


def is_authenticated(user: Any) -> bool:
    """A signed-in user with a database row (``AnonymousUser`` and ``None`` are not)."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "pk", None))


def active_memberships(user: Any, on: dt.date | None = None) -> QuerySet[RoleMembership]:
    """The user's memberships in force on ``on`` (default today, Vietnam time), household roles only where the
    register still places them (``memberships_in_force``)."""
    if not is_authenticated(user):
        return RoleMembership.objects.none()
    return (
        memberships_in_force(on)
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
    """The units a user belongs to on ``on``: their active memberships and the community of the household they are
    a member of that day. A person who has left the household (``left_on``), or whose household no longer counts
    (moved away, dissolved, merged), no longer belongs to its community."""
    day = _day(on)
    ids = set(active_memberships(user, day).values_list("unit_id", flat=True))
    ids.update(
        Resident.objects.filter(resident_is_member_on(day), household_counts_on(day, through="household__"))
        .filter(user_id=user.pk, household__isnull=False)
        .values_list("household__community_id", flat=True)
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
        member_ids = memberships_in_force(day).filter(unit_id__in=unit_ids).values_list("user_id", flat=True)
        # Through the household only while the person is a member of a household that counts on the day.
        resident_ids = (
            Resident.objects.filter(resident_is_member_on(day), household_counts_on(day, through="household__"))
            .filter(household__community_id__in=unit_ids, user__isnull=False)
            .values_list("user_id", flat=True)
        )
        queryset = queryset.filter(pk__in=member_ids) | queryset.filter(pk__in=resident_ids)
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
    """Every membership in force on ``on`` held in ``unit`` itself (household roles as ``memberships_in_force``)."""
    return memberships_in_force(on).filter(unit_id=getattr(unit, "pk", unit))
