"""Reads of the staff dashboard: the user's roles and the provincial roll-up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from grassroots.accounts.models import Role, RoleMembership
from grassroots.units.models import AdministrativeUnit, UnitLevel
from grassroots.units.selectors import commune_counts

COMMUNE_ROLES = frozenset(
    {
        Role.COMMUNE_CHAIR,
        Role.COMMUNE_VICE_CHAIR,
        Role.COMMUNE_OFFICER,
        Role.FRONT_CHAIR,
        Role.INSPECTION_BOARD_MEMBER,
    }
)


def memberships_active(user: Any, day: dt.date) -> QuerySet[RoleMembership]:
    """The user's role memberships in force on ``day`` (end date exclusive), with unit and organisation."""
    return (
        RoleMembership.objects.filter(user=user, valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=day))
        .select_related("unit", "unit__parent", "organisation")
        .order_by("role", "unit__name")
    )


def staff_commune(memberships: list[RoleMembership]) -> AdministrativeUnit | None:
    """The commune a user works for: the commune itself, or the parent of their community."""
    for membership in memberships:
        if membership.unit.level == UnitLevel.COMMUNE:
            return membership.unit
    for membership in memberships:
        if membership.unit.level == UnitLevel.COMMUNITY and membership.unit.parent is not None:
            return membership.unit.parent
    return None


def provinces_overseen(memberships: list[RoleMembership]) -> list[AdministrativeUnit]:
    return [
        membership.unit
        for membership in memberships
        if membership.role == Role.PROVINCIAL_OFFICER and membership.unit.level == UnitLevel.PROVINCE
    ]


@dataclass(frozen=True)
class CommuneRollup:
    commune: AdministrativeUnit
    communities: int
    households: int


@dataclass(frozen=True)
class ProvinceRollup:
    province: AdministrativeUnit
    rows: list[CommuneRollup]

    @property
    def total_communities(self) -> int:
        return sum(row.communities for row in self.rows)

    @property
    def total_households(self) -> int:
        return sum(row.households for row in self.rows)


def province_rollup(province: AdministrativeUnit, day: dt.date) -> ProvinceRollup:
    """Each commune of the province valid on ``day`` with its communities and active households on ``day``.

    Three queries whatever the number of communes (``units.selectors.commune_counts``).
    """
    rows = [CommuneRollup(row.commune, row.communities, row.households) for row in commune_counts(province, day)]
    rows.sort(key=lambda row: (-row.households, row.commune.name))
    return ProvinceRollup(province=province, rows=rows)
