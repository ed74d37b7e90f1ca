"""Reads of the public portal: provinces and communes that have data, a commune's communities.

Which households count on a day is the units app's answer (``Household.objects.active_on``,
``units.selectors.active_household_counts``); the portal never restates it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from grassroots.units.models import AdministrativeUnit, UnitLevel
from grassroots.units.selectors import active_household_counts, communities_of


def current_units(level: str) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(level=level, valid_until__isnull=True)


def communes_with_data(search: str = "") -> QuerySet[AdministrativeUnit]:
    """Current communes that have at least one current community registered, optionally by name."""
    communes = (
        current_units(UnitLevel.COMMUNE)
        .filter(children__level=UnitLevel.COMMUNITY, children__valid_until__isnull=True)
        .exclude(slug="")
        .annotate(community_count=Count("children", distinct=True))
        .select_related("parent")
        .order_by("parent__name", "name")
    )
    search = search.strip()
    if search:
        communes = communes.filter(Q(name__icontains=search) | Q(parent__name__icontains=search))
    return communes


@dataclass(frozen=True)
class ProvinceCommunes:
    province: AdministrativeUnit | None
    communes: list[AdministrativeUnit]


def provinces_with_communes(search: str = "") -> list[ProvinceCommunes]:
    """Communes with data grouped by their province (in province name order)."""
    groups: dict[int | None, ProvinceCommunes] = {}
    for commune in communes_with_data(search):
        key = commune.parent_id
        if key not in groups:
            groups[key] = ProvinceCommunes(province=commune.parent, communes=[])
        groups[key].communes.append(commune)
    return list(groups.values())


def commune_by_slug(slug: str) -> AdministrativeUnit | None:
    return current_units(UnitLevel.COMMUNE).filter(slug=slug).select_related("parent").first()


@dataclass(frozen=True)
class CommunityCount:
    community: AdministrativeUnit
    households: int


def communities_with_household_counts(commune: AdministrativeUnit, day: dt.date) -> list[CommunityCount]:
    """The commune's communities valid on ``day`` with their active households then (one grouped query)."""
    counts = active_household_counts(commune, day)
    communities = sorted(communities_of(commune, day), key=lambda unit: (unit.code, unit.name))
    return [CommunityCount(community, counts.get(community.pk, 0)) for community in communities]
