"""Helpers for figure providers: count per commune in one grouped query, and decide "on time" in the database.

A record belongs to a commune when its unit is the commune or one of the commune's communities (villages,
residential groups). ``commune_of`` turns that into one column to ``GROUP BY``.

On time, in the database (issue 16: the scorecard was ~60× a ``COUNT(*)`` when Python decided each (commune,
start, done) group). A legal deadline is a function of a record's start date and a few facts (its kind, its
organisation's calendar …), decided by the capability's own rule. ``deadline_table`` asks the database for the
distinct (start, facts) of the records (a few hundred rows a year, whatever the number of records), asks the rule
for each one's deadline, and writes the answer back into SQL as the number of calendar days each start date is
allowed (``CASE WHEN start IN (…) THEN 14 WHEN start IN (…) THEN 16 …``, one branch per allowance and facts).
A record is on time when the days from its start to its done date are at most its allowance: counted with the
other figures in the same grouped query, no record and no group ever comes back to Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, F, Func, IntegerField, Q, QuerySet, Value, When
from django.db.models.lookups import LessThanOrEqual

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


class DaysBetween(Func):
    """Whole calendar days from the date ``start`` to the date ``end`` (negative when ``end`` comes first), in SQL.

    PostgreSQL subtracts dates natively; SQLite stores them as ISO text, so ``julianday`` (native, no Python
    function per row as Django's date arithmetic on SQLite would call)."""

    output_field = IntegerField()
    arity = 2
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def __init__(self, start: Any, end: Any) -> None:
        super().__init__(end, start)

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, Any]:
        end, start = self.get_source_expressions()
        end_sql, end_params = compiler.compile(end)
        start_sql, start_params = compiler.compile(start)
        return (
            f"CAST(ROUND(julianday({end_sql}) - julianday({start_sql})) AS INTEGER)",
            (*end_params, *start_params),
        )


NO_DEADLINE_DAYS = 1_000_000
"""The allowance of a record whose rule gives no deadline (a paused clock): never late."""

MAX_DEADLINE_KEYS = 10_000
"""Distinct (start, facts) a deadline table may hold: each start date is one SQL parameter, and SQLite allows
32,766 per statement. A year has 366 start dates; only facts that vary per record (a date of acceptance …) come
near this. Above it the figure is decided per (commune, start, done, facts) group in Python (``_on_time_in_python``),
exact and slower."""


@dataclass(frozen=True)
class DeadlineTable:
    """The on-time condition of records, as SQL: ``condition`` is true for a record done by its deadline."""

    condition: Q
    keys: int
    """How many distinct (start, facts) the rule was asked about."""


def _equals(field: str, value: Any) -> Q:
    return Q(**{f"{field}__isnull": True}) if value is None else Q(**{field: value})


def distinct_starts(
    queryset: QuerySet[Any], *, start: str, facts: Sequence[str] = (), done: Q | None = None
) -> list[tuple[Any, ...]] | None:
    """The distinct (start, *facts, number of records) of the records of ``queryset`` matching ``done`` (one grouped
    query, a few hundred rows a year); ``None`` above ``MAX_DEADLINE_KEYS``."""
    keys = (
        queryset.filter(done if done is not None else Q())
        .order_by()
        .values_list(start, *facts)
        .annotate(plans_records=Count("pk"))
    )
    # A list, not a server-side cursor: PostgreSQL does not scan in parallel for a cursor.
    rows = list(keys[: MAX_DEADLINE_KEYS + 1])
    return None if len(rows) > MAX_DEADLINE_KEYS else rows


def deadline_table(
    queryset: QuerySet[Any] | None,
    *,
    start: str,
    done: str,
    deadline: Callable[..., dt.date | None],
    facts: Sequence[str] = (),
    rows: Sequence[tuple[Any, ...]] | None = None,
) -> DeadlineTable | None:
    """The condition "``done`` is on or before ``deadline(start, *facts)``" for the records of ``queryset``.

    One query reads the distinct (start, facts) of the records done (or ``rows``, already read by
    ``distinct_starts``); ``deadline`` (the capability's own rule) is called once for each; the answers become one
    ``CASE`` of allowances in days, the most common first. ``None`` when there are more than ``MAX_DEADLINE_KEYS``
    distinct (start, facts). ``facts`` may name annotations of ``queryset``. A record never done is not on time; a
    ``None`` deadline is never late."""
    if rows is None:
        assert queryset is not None
        rows = distinct_starts(queryset, start=start, facts=facts, done=Q(**{f"{done}__isnull": False}))
        if rows is None:
            return None
    # (facts, allowance) → start dates, and how many records each branch covers (to put the common ones first).
    branches: dict[tuple[Any, ...], set[dt.date]] = defaultdict(set)
    weight: dict[tuple[Any, ...], int] = defaultdict(int)
    for started_on, *rest in rows:
        *fact_values, records = rest
        due = deadline(started_on, *fact_values)
        allowance = NO_DEADLINE_DAYS if due is None else (due - started_on).days
        branch = (*fact_values, allowance)
        branches[branch].add(started_on)
        weight[branch] += records
    whens = []
    for branch in sorted(branches, key=lambda item: -weight[item]):
        *fact_values, allowance = branch
        condition = Q(**{f"{start}__in": sorted(branches[branch])})
        for name, value in zip(facts, fact_values, strict=True):
            condition &= _equals(name, value)
        whens.append(When(condition, then=Value(allowance)))
    if not whens:
        return DeadlineTable(condition=Q(pk__in=[]), keys=0)
    allowance_of = Case(*whens, default=Value(None), output_field=IntegerField())
    return DeadlineTable(condition=Q(LessThanOrEqual(DaysBetween(F(start), F(done)), allowance_of)), keys=len(rows))


def on_time_by_unit(
    queryset: QuerySet[Any],
    field: str,
    unit_ids: Sequence[int],
    *,
    start: str,
    done: str,
    deadline: Callable[..., dt.date | None],
    extra: Sequence[str] = (),
) -> dict[int, int]:
    """Per commune, the records of ``queryset`` whose ``done`` date is on or before ``deadline(start, *extra)``,
    the capability's own rule (see ``deadline_table``): two queries whatever the number of records."""
    records = queryset.filter(in_communes(field, unit_ids))
    table = deadline_table(records, start=start, done=done, deadline=deadline, facts=extra)
    if table is None:
        return _on_time_in_python(records, field, unit_ids, start=start, done=done, deadline=deadline, extra=extra)
    return grouped_counts(records, field, unit_ids, n=Count("pk", filter=table.condition))["n"]


def _on_time_in_python(
    records: QuerySet[Any],
    field: str,
    unit_ids: Sequence[int],
    *,
    start: str,
    done: str,
    deadline: Callable[..., dt.date | None],
    extra: Sequence[str] = (),
) -> dict[int, int]:
    """The same count with the rule applied to each (commune, start, done, facts) group in Python: the fallback
    for records whose facts vary too much for one SQL ``CASE``."""
    counts: dict[int, int] = defaultdict(int)
    groups = (
        records.filter(**{f"{done}__isnull": False})
        .annotate(plans_commune=commune_of(field, unit_ids))
        .order_by()
        .values_list("plans_commune", start, done, *extra)
        .annotate(n=Count("pk"))
    )
    for commune, started_on, done_on, *rest in groups.iterator(chunk_size=2000):
        *facts, n = rest
        due = deadline(started_on, *facts)
        if due is None or done_on <= due:
            counts[commune] += n
    return dict(counts)


def figure(
    key: str, label: Any, by_unit: Mapping[int, int], *, part_of: str = "", link: str = "", detail: bool = False
) -> Figure:
    """A ``Figure`` whose total is the sum of its communes; ``detail``: a breakdown, not a scorecard column."""
    return Figure(key, label, sum(by_unit.values()), part_of=part_of, link=link, by_unit=dict(by_unit), detail=detail)


def on_time_records(
    records: QuerySet[Any],
    *,
    start: str,
    done: str,
    deadline: Callable[..., dt.date | None],
    extra: Sequence[str] = (),
) -> QuerySet[Any]:
    """The records of ``records`` done by ``deadline(start, *extra)``: the same decision as ``on_time_by_unit``,
    as a queryset (the list behind an on-time figure)."""
    table = deadline_table(records, start=start, done=done, deadline=deadline, facts=extra)
    if table is not None:
        return records.filter(table.condition)
    on_time = [
        pk
        for pk, started_on, done_on, *facts in records.filter(**{f"{done}__isnull": False}).values_list(
            "pk", start, done, *extra
        )
        if (due := deadline(started_on, *facts)) is None or done_on <= due
    ]
    return records.filter(pk__in=on_time)
