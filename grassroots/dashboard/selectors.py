"""Reads of the staff dashboard: the user's roles and the provincial roll-up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from grassroots.accounts.models import Role, RoleMembership
from grassroots.portal.selectors import current_units, households_active_on
from grassroots.units.models import AdministrativeUnit, UnitLevel

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
    """Each current commune of the province with its communities and active households on ``day``.

    Three queries whatever the number of communes; the database does the counting.
    """
    communes = list(current_units(UnitLevel.COMMUNE).filter(parent=province))
    community_counts = dict(
        current_units(UnitLevel.COMMUNITY)
        .filter(parent__in=communes)
        .values_list("parent")
        .annotate(total=Count("id"))
        .values_list("parent", "total")
    )
    household_counts = dict(
        households_active_on(day)
        .filter(community__parent__in=communes, community__valid_until__isnull=True)
        .values_list("community__parent")
        .annotate(total=Count("id"))
        .values_list("community__parent", "total")
    )
    rows = [
        CommuneRollup(commune, community_counts.get(commune.pk, 0), household_counts.get(commune.pk, 0))
        for commune in communes
    ]
    rows.sort(key=lambda row: (-row.households, row.commune.name))
    return ProvinceRollup(province=province, rows=rows)
