"""Helpers for figure providers: count per commune in one grouped query, and decide "on time" in the database.

A record belongs to a commune when its unit is the commune or one of the commune's communities (villages,
residential groups). ``commune_of`` turns that into one column to ``GROUP BY``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db.models import Case, DateField, ExpressionWrapper, F, IntegerField, Q, QuerySet, When
from django.db.models.functions import Cast

from grassroots.plans.figures import Figure


def in_communes(field: str, unit_ids: Sequence[int]) -> Q:
    """Records of a commune or of one of its communities; ``field`` is the path to the unit (``"unit"``)."""
    return Q(**{f"{field}_id__in": list(unit_ids)}) | Q(**{f"{field}__parent_id__in": list(unit_ids)})


def commune_of(field: str, unit_ids: Sequence[int]) -> Case:
    """The commune a record counts for: its unit when that is one of ``unit_ids``, else the unit's parent."""
    return Case(
        When(**{f"{field}_id__in": list(unit_ids)}, then=F(f"{field}_id")),
        default=F(f"{field}__parent_id"),
        output_field=IntegerField(),
    )


def grouped_counts(
    queryset: QuerySet[Any], field: str, unit_ids: Sequence[int], **aggregates: Any
) -> dict[str, dict[int, int]]:
    """One ``GROUP BY`` commune query: ``{aggregate name: {commune id: value}}`` over ``unit_ids``."""
    rows = (
        queryset.filter(in_communes(field, unit_ids))
        .annotate(plans_commune=commune_of(field, unit_ids))
        .order_by()
        .values("plans_commune")
        .annotate(**aggregates)
    )
    result: dict[str, dict[int, int]] = {name: {} for name in aggregates}
    for row in rows:
        for name in aggregates:
            result[name][row["plans_commune"]] = int(row[name] or 0)
    return result


def plus_days(field: str, days: int) -> ExpressionWrapper[Any]:
    """``field`` + ``days`` calendar days, as a date, in SQL (SQLite and PostgreSQL)."""
    return ExpressionWrapper(
        Cast(F(field) + dt.timedelta(days=days), output_field=DateField()), output_field=DateField()
    )


def on_time_by_unit(
    queryset: QuerySet[Any],
    field: str,
    unit_ids: Sequence[int],
    *,
    start: str,
    done: str,
    surely_within_days: int,
    deadline: Callable[..., dt.date],
    extra: Sequence[str] = (),
) -> dict[int, int]:
    """Per commune, the records of ``queryset`` whose ``done`` date is on or before ``deadline(start)``.

    ``surely_within_days`` is a lower bound of every deadline in calendar days (n working days never take fewer
    than n calendar days; a period whose last day is a day off only ends later): what was done by then is on time,
    counted in the database. The rest (done later) is grouped by (commune, start, done) and each distinct pair is
    decided exactly by ``deadline(start, *extra)``, the capability's own rule. Records never done are not on time.
    """
    base = queryset.filter(in_communes(field, unit_ids), **{f"{done}__isnull": False})
    sure = grouped_counts(
        base.filter(**{f"{done}__lte": plus_days(start, surely_within_days)}),
        field,
        unit_ids,
        n=_count(),
    )["n"]
    counts: dict[int, int] = defaultdict(int, sure)
    doubtful = (
        base.filter(**{f"{done}__gt": plus_days(start, surely_within_days)})
        .annotate(plans_commune=commune_of(field, unit_ids))
        .order_by()
        .values_list("plans_commune", start, done, *extra)
        .annotate(n=_count())
    )
    for commune, started_on, done_on, *rest in doubtful:
        *facts, n = rest
        if done_on <= deadline(started_on, *facts):
            counts[commune] += n
    return dict(counts)


def _count() -> Any:
    from django.db.models import Count

    return Count("pk")


def figure(
    key: str, label: Any, by_unit: Mapping[int, int], *, part_of: str = "", link: str = "", detail: bool = False
) -> Figure:
    """A ``Figure`` whose total is the sum of its communes; ``detail``: a breakdown, not a scorecard column."""
    return Figure(key, label, sum(by_unit.values()), part_of=part_of, link=link, by_unit=dict(by_unit), detail=detail)
