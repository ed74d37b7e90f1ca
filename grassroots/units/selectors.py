"""Reads of the units app: the unit tree, household counts on a date, roll-ups, headcounts.

Which households count on a day is asked of ``Household.objects`` (``active_on``, ``of_unit_on``)
or, through a community's reverse relation, of ``models.household_counts_on``: never restated here.
Which units are in force on a day is asked of ``AdministrativeUnit.objects.valid_on``.
The counts are answered by the database from the index ``household_count_by_date_idx``
(community, active_from, active_until).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from grassroots.units.models import (
    AdministrativeUnit,
    CommunityChange,
    Household,
    Organisation,
    Resident,
    StaffHeadcount,
    UnitLevel,
    household_counts_on,
)


def active_household_count(community: AdministrativeUnit | int, on: dt.date) -> int:
    """The number of households of ``community`` active on ``on``: one indexed COUNT query.

    This is the count of every household register (law.md §0.1; Law 10/2022 art. 21); a vote's
    denominator is its frozen roll (``voting``), written from ``Household.objects.of_unit_on``.
    """
    return Household.objects.of_unit_on(community, on).count()


def active_household_counts(commune: AdministrativeUnit | int, on: dt.date) -> dict[int, int]:
    """Active households per community of ``commune`` on ``on``: ``{community_id: count}``.

    One grouped query; every community valid on ``on`` is present, with 0 when it has no household.
    """
    rows = (
        AdministrativeUnit.objects.valid_on(on)
        .filter(parent=commune, level=UnitLevel.COMMUNITY)
        .annotate(active=Count("households", filter=household_counts_on(on, through="households__")))
        .values_list("id", "active")
    )
    return dict(rows)


@dataclass(frozen=True)
class CommuneCounts:
    """A commune with its communities valid on a day and its households active that day."""

    commune: AdministrativeUnit
    communities: int
    households: int


def commune_counts(parent: AdministrativeUnit, on: dt.date) -> list[CommuneCounts]:
    """Every commune right below ``parent`` (a province) valid on ``on``, with its counts on that same day.

    Three queries whatever the number of communes; the database does the counting. Communities are
    those valid on ``on`` and households those active on ``on``, so a community ending later, or a
    merge recorded ahead of its effective date, still counts until that date.
    """
    communes = list(AdministrativeUnit.objects.valid_on(on).filter(parent=parent, level=UnitLevel.COMMUNE))
    community_counts = dict(
        AdministrativeUnit.objects.valid_on(on)
        .filter(parent__in=communes, level=UnitLevel.COMMUNITY)
        .order_by()
        .values_list("parent")
        .annotate(total=Count("pk"))
        .values_list("parent", "total")
    )
    household_counts = dict(
        Household.objects.active_on(on)
        .filter(community__parent__in=communes)
        .order_by()
        .values_list("community__parent")
        .annotate(total=Count("pk"))
        .values_list("community__parent", "total")
    )
    return [
        CommuneCounts(commune, community_counts.get(commune.pk, 0), household_counts.get(commune.pk, 0))
        for commune in communes
    ]


def communities_of(commune: AdministrativeUnit | int, on: dt.date | None = None) -> QuerySet[AdministrativeUnit]:
    """The communities (thôn, tổ dân phố) of a commune; only those valid on ``on`` when given."""
    queryset = AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.COMMUNITY).select_related("kind")
    if on is not None:
        queryset = queryset.valid_on(on)
    return queryset.order_by("name")


def unit_ancestors(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The units above ``unit``, from the top (province) down to its parent; one query per level."""
    chain: list[AdministrativeUnit] = []
    current = unit
    while current.parent_id is not None:
        parent = AdministrativeUnit.objects.select_related("kind").get(pk=current.parent_id)
        chain.append(parent)
        current = parent
    chain.reverse()
    return chain


def commune_of(unit: AdministrativeUnit) -> AdministrativeUnit | None:
    """The commune a unit belongs to: itself for a commune, its parent for a community, else None."""
    if unit.level == UnitLevel.COMMUNE:
        return unit
    if unit.level == UnitLevel.COMMUNITY and unit.parent_id is not None:
        parent = AdministrativeUnit.objects.get(pk=unit.parent_id)
        return parent if parent.level == UnitLevel.COMMUNE else None
    return None


def units_under(unit: AdministrativeUnit | int) -> set[int]:
    """Ids of every unit below ``unit`` (not ``unit`` itself): one query per level, for permission scoping."""
    root_id = unit if isinstance(unit, int) else unit.pk
    found: set[int] = set()
    frontier = {root_id}
    while frontier:
        children = set(AdministrativeUnit.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        children -= found
        found |= children
        frontier = children
    return found


def commune_by_key(key: str) -> AdministrativeUnit | None:
    """A current commune by its slug or official code (the key staff type in commands and URLs)."""
    queryset = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, valid_until__isnull=True)
    return queryset.filter(slug=key).first() or queryset.filter(code=key).first()


def communes_search(text: str, limit: int = 50, within: Collection[int] | None = None) -> QuerySet[AdministrativeUnit]:
    """Current communes whose name contains ``text`` (a staff finder), with their province.

    ``within`` restricts them to these unit ids (the viewer's units); ``None`` means no restriction.
    """
    queryset = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, valid_until__isnull=True)
    if within is not None:
        queryset = queryset.filter(pk__in=within)
    if text:
        queryset = queryset.filter(Q(name__icontains=text) | Q(code=text) | Q(slug__icontains=text))
    return queryset.select_related("parent", "kind").order_by("name")[:limit]


def communities_without_their_commune(unit_ids: Collection[int], limit: int = 50) -> QuerySet[AdministrativeUnit]:
    """Current communities among ``unit_ids`` whose commune is not among them (a village head's own village)."""
    return (
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNITY, valid_until__isnull=True, pk__in=unit_ids)
        .exclude(parent_id__in=unit_ids)
        .select_related("parent", "kind")
        .order_by("name")[:limit]
    )


def households_of(community: AdministrativeUnit, search: str = "") -> QuerySet[Household]:
    """Households of a community, searchable by household code or a member's name."""
    queryset = Household.objects.filter(community=community).select_related("representative")
    if search:
        member_households = Resident.objects.filter(full_name__icontains=search).values("household_id")
        queryset = queryset.filter(Q(code__icontains=search) | Q(pk__in=member_households))
    return queryset.order_by("code")


def household_members(household: Household) -> QuerySet[Resident]:
    """Today's members of the household (those who left are kept, dated, but not listed)."""
    return Resident.objects.current().filter(household=household).order_by("birth_date", "full_name")


def household_members_on(household: Household | int, day: dt.date) -> QuerySet[Resident]:
    """The members of a household on ``day`` (``models.resident_is_member_on``): the register on a past date."""
    return Resident.objects.members_on(day).filter(household=household).order_by("birth_date", "full_name")


def member_counts_on(households: Collection[Household | int], day: dt.date) -> dict[int, int]:
    """How many members each household had on ``day``, in one grouped query (households with none are absent)."""
    ids = [household if isinstance(household, int) else household.pk for household in households]
    return dict(
        Resident.objects.members_on(day)
        .filter(household_id__in=ids)
        .values("household")
        .annotate(count=Count("pk"))
        .values_list("household", "count")
    )


def headcount_on(organisation: Organisation | int, on: dt.date) -> int | None:
    """The staff headcount in force on ``on`` (the latest one effective on or before it), or None."""
    return (
        StaffHeadcount.objects.filter(organisation=organisation, effective_from__lte=on)
        .order_by("-effective_from")
        .values_list("headcount", flat=True)
        .first()
    )


def organisations_of(commune: AdministrativeUnit) -> QuerySet[Organisation]:
    """Organisations located in a commune or one of its communities, by kind then name."""
    return Organisation.objects.filter(Q(unit=commune) | Q(unit__parent=commune)).order_by("kind", "name")


def community_changes_of(commune: AdministrativeUnit | int) -> QuerySet[CommunityChange]:
    """The merge/split/rename history of a commune's communities, latest first."""
    return CommunityChange.objects.filter(commune=commune).prefetch_related("sources", "targets")


# --- Content versions of public pages (core.pagecache) ------------------------------------------------


def page_version_for_commune(slug: str, **_kwargs: object) -> str | None:
    """The content version of a public page of the commune ``slug``; ``None`` when there is no such commune.

    One statement: the commune's id and the heads of its audit chain and of the ``system`` chain. A commune's
    pages show its own records and its villages' (one chain, ``core.rules.chain_key``) and the calendar.
    """
    from django.db import connection

    from grassroots.core.models import AuditChain
    from grassroots.core.rules import SYSTEM_CHAIN, chain_key

    prefix = chain_key(unit_id=0, level=UnitLevel.COMMUNE, parent_id=None).removesuffix("0")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT u.id, h.key, h.last_sequence FROM {AdministrativeUnit._meta.db_table} u "  # noqa: S608
            f"LEFT JOIN {AuditChain._meta.db_table} h ON h.key = %s OR h.key = %s || CAST(u.id AS TEXT) "
            "WHERE u.slug = %s AND u.level = %s",
            [SYSTEM_CHAIN, prefix, slug, UnitLevel.COMMUNE],
        )
        rows = cursor.fetchall()
    if not rows:
        return None
    # Every commune that bears the slug (the pages pick one of them): a superset of chains is still exact.
    wanted = {SYSTEM_CHAIN: 0, **{f"{prefix}{unit_id}": 0 for unit_id, _key, _sequence in rows}}
    wanted.update({str(key): int(sequence) for _id, key, sequence in rows if key is not None})
    return ";".join(f"{key}={wanted[key]}" for key in sorted(wanted))


def page_version_for_unit(community_id: int, **_kwargs: object) -> str:
    """The content version of a public page about the unit ``community_id`` (its commune's chain)."""
    from grassroots.core.selectors import content_version
    from grassroots.core.services import audit_chain_for_unit

    return content_version(audit_chain_for_unit(int(community_id)))
