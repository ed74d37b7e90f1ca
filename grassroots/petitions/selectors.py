"""Reads of citizens' cases: settings the rules take as parameters, the clocks of a case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery

from grassroots.calendar import selectors as calendar_selectors
from grassroots.calendar.rules import WorkingCalendar
from grassroots.petitions import rules
from grassroots.petitions.models import Case, CaseKind, CaseStatus, CaseTarget, Complexity
from grassroots.units.models import AdministrativeUnit


def resolution_target_working_days() -> int:
    """Setting ``GRASSROOTS_PETITIONS_RESOLUTION_TARGET_WORKING_DAYS`` (default 15, see ``rules``)."""
    return int(
        getattr(
            settings,
            "GRASSROOTS_PETITIONS_RESOLUTION_TARGET_WORKING_DAYS",
            rules.DEFAULT_RESOLUTION_TARGET_WORKING_DAYS,
        )
    )


def reopen_days() -> int:
    """``GRASSROOTS_PETITIONS_REOPEN_DAYS``, default ``rules.DEFAULT_REOPEN_DAYS``."""
    return int(getattr(settings, "GRASSROOTS_PETITIONS_REOPEN_DAYS", rules.DEFAULT_REOPEN_DAYS))


def routing_enabled() -> bool:
    """``GRASSROOTS_PETITIONS_AUTO_ROUTING`` (default on): route new cases by the communes' ``RoutingRule`` rows."""
    return bool(getattr(settings, "GRASSROOTS_PETITIONS_AUTO_ROUTING", True))


def remote_commune_codes() -> frozenset[str]:
    """``GRASSROOTS_PETITIONS_REMOTE_COMMUNE_CODES``: codes of communes in remote areas (Law on Complaints art. 28)."""
    return frozenset(str(code) for code in getattr(settings, "GRASSROOTS_PETITIONS_REMOTE_COMMUNE_CODES", ()))


def public_calendar() -> WorkingCalendar:
    return calendar_selectors.working_calendar()


def step_due_dates(
    *,
    kind: str,
    received_on: dt.date,
    accepted_on: dt.date | None = None,
    complexity: str = "normal",
    remote_area: bool = False,
    several_places: bool = False,
    extension_days: tuple[int, ...] = (),
) -> dict[str, dt.date | None]:
    """The clocks of a case described by plain values (the ``case_deadlines`` command)."""
    facts = rules.CaseFacts(
        kind=kind,
        received_on=received_on,
        accepted_on=accepted_on,
        complexity=complexity,
        remote_area=remote_area,
        several_places=several_places,
        extension_days=extension_days,
        resolution_target_working_days=resolution_target_working_days(),
    )
    return rules.case_clocks(facts, public_calendar())


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------


def with_targets(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Each case with its commune's own resolution target (``CaseTarget``) as ``target_days``: one column, no query
    per case."""
    target = CaseTarget.objects.filter(unit_id=OuterRef("unit_id")).values("resolution_working_days")[:1]
    return queryset.annotate(target_days=Subquery(target))


def target_days_of(case: Case) -> int:
    """The feedback and petition resolution target of the case's commune: its ``CaseTarget``, else the setting."""
    if hasattr(case, "target_days"):
        value = case.target_days
    else:
        value = (
            CaseTarget.objects.filter(unit_id=case.unit_id).values_list("resolution_working_days", flat=True).first()
        )
    return int(value) if value else resolution_target_working_days()


def target_days_of_unit(unit: AdministrativeUnit | int) -> int:
    """The commune's own feedback and petition resolution target, else the setting."""
    value = CaseTarget.objects.filter(unit=unit).values_list("resolution_working_days", flat=True).first()
    return int(value) if value else resolution_target_working_days()


def case_facts(case: Case) -> rules.CaseFacts:
    pauses = tuple(rules.Pause(pause.paused_on, pause.resumed_on) for pause in case.pauses.all())
    return rules.CaseFacts(
        kind=case.kind,
        received_on=case.received_on,
        accepted_on=case.accepted_on,
        complexity=case.complexity,
        remote_area=case.remote_area,
        several_places=case.several_places,
        extension_days=tuple(extension.days for extension in case.extensions.all()),
        pauses=pauses,
        reopened_on=case.reopened_on,
        resolution_target_working_days=target_days_of(case),
    )


def case_clocks(case: Case, calendar: WorkingCalendar | None = None) -> dict[str, dt.date | None]:
    """Every due date of the case, computed from the stored calendar each time (never stored)."""
    return rules.case_clocks(case_facts(case), calendar or public_calendar())


@dataclass(frozen=True)
class CaseDue:
    """The deadline that matters now for a case: the step's name and its date (``None``: nothing runs, or paused)."""

    step: str
    due_on: dt.date | None
    paused: bool = False


def current_due(case: Case, calendar: WorkingCalendar | None = None) -> CaseDue:
    """What the case waits for: the acknowledgement while received, then its first-step clock, then resolution."""
    if case.status not in rules.OPEN_STATUSES:
        return CaseDue(step="", due_on=None)
    clocks = case_clocks(case, calendar)
    if case.status == CaseStatus.RECEIVED:
        if case.kind == CaseKind.DENUNCIATION:
            return CaseDue(step="initial_handling_by", due_on=clocks["initial_handling_by"])
        return CaseDue(step="acknowledge_by", due_on=clocks["acknowledge_by"])
    due = clocks["resolve_by"]
    return CaseDue(step="resolve_by", due_on=due, paused=due is None)


@dataclass(frozen=True)
class ComplaintFiling:
    """A complaint's filing period as read on its page: the last lawful day and whether it was missed."""

    last_day: dt.date | None
    filed_late: bool
    obstacle_days: int


def complaint_filing(case: Case, calendar: WorkingCalendar | None = None) -> ComplaintFiling | None:
    """``None`` for any other kind; ``last_day`` is ``None`` while the act date is not recorded."""
    if case.kind != CaseKind.COMPLAINT:
        return None
    last_day = (
        rules.complaint_filing_last_day(case.act_known_on, calendar or public_calendar(), case.filing_obstacle_days)
        if case.act_known_on
        else None
    )
    return ComplaintFiling(last_day=last_day, filed_late=case.filed_late, obstacle_days=case.filing_obstacle_days)


def cases_of_unit(unit: AdministrativeUnit | int, *, status: str = "") -> QuerySet[Case]:
    queryset = with_targets(Case.objects.filter(unit=unit)).select_related("handler", "community")
    if status == "open":
        queryset = queryset.filter(status__in=rules.OPEN_STATUSES)
    elif status:
        queryset = queryset.filter(status=status)
    return queryset.prefetch_related("pauses", "extensions")


def cases_of_filer(user: Any) -> QuerySet[Case]:
    return Case.objects.filter(identity__user=user).select_related("unit").prefetch_related("pauses", "extensions")


def cases_handled_by(user: Any) -> QuerySet[Case]:
    return (
        with_targets(Case.objects.filter(handler=user, status__in=rules.OPEN_STATUSES))
        .select_related("unit")
        .prefetch_related("pauses", "extensions")
    )


def public_cases(unit: AdministrativeUnit | int) -> QuerySet[Case]:
    """Feedback and petitions the citizen chose to make public (never a refused or withdrawn one)."""
    return Case.objects.filter(
        unit=unit,
        is_public=True,
        kind__in=[CaseKind.FEEDBACK, CaseKind.PETITION],
    ).exclude(status__in=[CaseStatus.REFUSED, CaseStatus.WITHDRAWN])


def public_timeline(case: Case) -> list[tuple[dt.datetime, str]]:
    """The case's history from the audit trail: when and what, no actor, no identity."""
    from grassroots.core.models import AuditEvent

    events = AuditEvent.objects.filter(
        object_type=Case._meta.label_lower, object_id=str(case.pk), code__startswith="petitions.case."
    ).order_by("sequence")
    timeline: list[tuple[dt.datetime, str]] = []
    for event in events:
        status = (event.after or {}).get("status") if isinstance(event.after, dict) else None
        if status and event.code != "petitions.case.rated":
            timeline.append((event.occurred_at, str(status)))
    return timeline


def handler_tasks(user: Any, today: dt.date) -> list[tuple[Case, CaseDue]]:
    """The officer's open cases with the date each waits for (dashboard, case list)."""
    calendar = public_calendar()
    return [(case, current_due(case, calendar)) for case in cases_handled_by(user)]


def cases_to_acknowledge(user: Any) -> QuerySet[Case]:
    """Received cases, not yet acknowledged, of the communes where ``user`` handles cases (the receiving desk)."""
    from grassroots.accounts import rules as account_rules
    from grassroots.accounts import selectors as account_selectors

    unit_ids = [
        unit_id
        for unit_id, roles in account_selectors.roles_by_unit(user).items()
        if any(account_rules.Action.HANDLE_CASES in account_rules.PERMISSION_MATRIX.get(role, ()) for role in roles)
    ]
    return (
        with_targets(Case.objects.filter(unit_id__in=unit_ids, status=CaseStatus.RECEIVED))
        .select_related("unit")
        .prefetch_related("pauses", "extensions")
    )


CHAIR_OVERDUE_LIMIT = 50
"""How many overdue cases the chair's task page lists (the oldest due first); the total is counted and the rest are
a link to the commune's overdue list (``case_list?loc=overdue``), which pages through them."""


@dataclass(frozen=True)
class OverdueList:
    """The first ``limit`` overdue cases, oldest due first, and how many are overdue in all."""

    rows: list[tuple[Case, CaseDue]]
    total: int


def overdue_cases_for_chair(user: Any, today: dt.date, *, limit: int = CHAIR_OVERDUE_LIMIT) -> OverdueList:
    """Escalation: the open cases of the communes ``user`` chairs whose clock has run out (not yet acknowledged
    ones are on the desk's list already), the ``limit`` oldest due and the exact total."""
    from grassroots.accounts import selectors as account_selectors
    from grassroots.accounts.models import Role

    unit_ids = [
        unit_id for unit_id, roles in account_selectors.roles_by_unit(user).items() if Role.COMMUNE_CHAIR in roles
    ]
    if not unit_ids:
        return OverdueList(rows=[], total=0)
    return overdue_list(
        Case.objects.filter(unit_id__in=unit_ids).exclude(status=CaseStatus.RECEIVED), today, limit=limit
    )


def _may_be_overdue(queryset: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    """Leave out, in the database, the open cases that cannot be overdue yet; the rest are computed exactly.

    Lower bounds on every due date, in calendar days from the day it counts from (pauses and extensions only move a
    date later, and n working days never take fewer than n calendar days): the first step of a received case takes
    at least ``DENUNCIATION_INITIAL_HANDLING_WORKING_DAYS`` (7, the shortest of the first steps); a complaint's or
    denunciation's resolution at least 30 days; a feedback's or petition's at least the smallest resolution target in
    force (a commune's own or the setting), counted from its reopening if reopened.
    """
    from django.db.models import Min, Q
    from django.db.models.functions import Coalesce

    shortest_target = min(
        [resolution_target_working_days()]
        + [value for value in [CaseTarget.objects.aggregate(low=Min("resolution_working_days"))["low"]] if value]
    )
    first_step = today - dt.timedelta(days=rules.DENUNCIATION_INITIAL_HANDLING_WORKING_DAYS)
    lawful = today - dt.timedelta(days=min(rules.COMPLAINT_RESOLUTION_DAYS, rules.DENUNCIATION_RESOLUTION_DAYS))
    target = today - dt.timedelta(days=shortest_target)
    not_yet = (
        Q(status=CaseStatus.RECEIVED, received_on__gt=first_step)
        | (
            ~Q(status=CaseStatus.RECEIVED)
            & Q(kind__in=[CaseKind.COMPLAINT, CaseKind.DENUNCIATION], received_on__gt=lawful)
        )
        | (~Q(status=CaseStatus.RECEIVED) & Q(kind__in=[CaseKind.FEEDBACK, CaseKind.PETITION], counted_from__gt=target))
    )
    return queryset.annotate(counted_from=Coalesce("reopened_on", "received_on")).exclude(not_yet)


# ---------------------------------------------------------------------------------------------
# Overdue, decided by the database: one threshold day per kind of clock
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClockKind:
    """One kind of clock: the open cases ``condition`` selects all count from their ``start`` column with the same
    rule, ``due_of(start)``. A case of this kind is overdue exactly when ``start <= last_start``
    (``rules.last_overdue_start``)."""

    condition: Q
    start: str
    due_of: Callable[[dt.date], dt.date | None]
    last_start: dt.date | None


def _clock_kinds(today: dt.date, calendar: WorkingCalendar, irregular_ids: list[int]) -> list[ClockKind]:
    """Every kind of clock an open case without pauses or extensions runs on (``current_due``'s steps), with its
    threshold day. Cases with a pause or an extension (``irregular_ids``) have their clocks computed one by one.

    Plain columns only (no subquery per row): a commune's own target is matched by its unit id
    (``CaseTarget`` holds one row per commune that set one)."""
    from django.db.models import Q

    earliest = calendar.first_day

    def facts_clock(step: str, starts: tuple[str, ...], **fixed: Any) -> Callable[[dt.date], dt.date | None]:
        """The ``step`` clock of cases like ``fixed`` whose ``starts`` fields are the start day."""
        template = rules.CaseFacts(received_on=earliest, **fixed)

        def due_of(day: dt.date) -> dt.date | None:
            started: dict[str, Any] = dict.fromkeys(starts, day)
            return rules.case_clocks(replace(template, **started), calendar)[step]

        return due_of

    received = Q(status=CaseStatus.RECEIVED)
    regular = ~received & ~Q(pk__in=irregular_ids)
    specs: list[tuple[Any, str, Any]] = [
        (
            received & Q(kind__in=[CaseKind.FEEDBACK, CaseKind.PETITION, CaseKind.COMPLAINT]),
            "received_on",
            facts_clock("acknowledge_by", ("received_on",), kind=CaseKind.FEEDBACK),
        )
    ]
    for several in (False, True):
        specs.append(
            (
                received & Q(kind=CaseKind.DENUNCIATION, several_places=several),
                "received_on",
                facts_clock(
                    "initial_handling_by", ("received_on",), kind=CaseKind.DENUNCIATION, several_places=several
                ),
            )
        )
    for complex_case in (False, True):
        complexity = Q(complexity=Complexity.NORMAL) if not complex_case else ~Q(complexity=Complexity.NORMAL)
        shown = Complexity.COMPLEX if complex_case else Complexity.NORMAL
        for remote in (False, True):
            base = regular & Q(kind=CaseKind.COMPLAINT, remote_area=remote) & complexity
            fixed = {"kind": CaseKind.COMPLAINT, "complexity": shown, "remote_area": remote}
            specs.append(
                (
                    base & Q(accepted_on__isnull=True),
                    "received_on",
                    facts_clock("resolve_by", ("received_on",), **fixed),
                )
            )
            specs.append(
                (
                    base & Q(accepted_on__isnull=False),
                    "accepted_on",
                    facts_clock("resolve_by", ("received_on", "accepted_on"), **fixed),
                )
            )
    for several in (False, True):
        specs.append(
            (
                regular & Q(kind=CaseKind.DENUNCIATION, accepted_on__isnull=True, several_places=several),
                "received_on",
                facts_clock("resolve_by", ("received_on",), kind=CaseKind.DENUNCIATION, several_places=several),
            )
        )
    specs.append(
        (
            regular & Q(kind=CaseKind.DENUNCIATION, accepted_on__isnull=False),
            "accepted_on",
            facts_clock("resolve_by", ("received_on", "accepted_on"), kind=CaseKind.DENUNCIATION),
        )
    )
    default_target = resolution_target_working_days()
    units_by_target: dict[int, list[int]] = {}
    for unit_id, days in CaseTarget.objects.values_list("unit_id", "resolution_working_days"):
        units_by_target.setdefault(int(days), []).append(unit_id)
    own_target = [
        unit_id for days, unit_ids in units_by_target.items() if days != default_target for unit_id in unit_ids
    ]
    for target in sorted({*units_by_target, default_target}):
        has_target = ~Q(unit_id__in=own_target) if target == default_target else Q(unit_id__in=units_by_target[target])
        specs.append(
            (
                regular & Q(kind__in=[CaseKind.FEEDBACK, CaseKind.PETITION]) & has_target,
                "counted_from",
                facts_clock(
                    "resolve_by", ("received_on",), kind=CaseKind.FEEDBACK, resolution_target_working_days=target
                ),
            )
        )
    return [
        ClockKind(condition, start, due_of, rules.last_overdue_start(due_of, today=today, earliest=earliest))
        for condition, start, due_of in specs
    ]


def _clocked(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Open cases with ``counted_from``, the day a feedback's or petition's target counts from."""
    from django.db.models.functions import Coalesce

    return queryset.filter(is_open=True).annotate(counted_from=Coalesce("reopened_on", "received_on"))


def _irregular_ids(queryset: QuerySet[Case]) -> list[int]:
    """The open cases of ``queryset`` with a pause or an extension recorded (rare: their clocks are computed one by
    one). Read from the pause and extension tables, so the open cases are not joined row by row."""
    from grassroots.petitions.models import CaseExtension, CasePause

    scope = queryset.filter(is_open=True).values("pk")
    paused = CasePause.objects.filter(case_id__in=scope).values_list("case_id", flat=True)
    extended = CaseExtension.objects.filter(case_id__in=scope).values_list("case_id", flat=True)
    return sorted({*paused, *extended})


def _overdue_condition(kind: ClockKind) -> Any:
    from django.db.models import Q

    if kind.last_start is None:
        return Q(pk__in=[])
    return kind.condition & Q(**{f"{kind.start}__lte": kind.last_start})


def overdue_candidates(queryset: QuerySet[Case], today: dt.date, calendar: WorkingCalendar | None = None) -> Any:
    """The open cases of ``queryset`` that are overdue on ``today`` as the database decides it: exactly for every
    case without a pause or an extension (its clock kind's threshold day), and, for the irregular rest, those the
    lower bounds of ``_may_be_overdue`` cannot rule out (their clocks are then computed one by one)."""
    from django.db.models import Q

    calendar = calendar or public_calendar()
    irregular_ids = _irregular_ids(queryset)
    condition = Q(pk__in=[])
    for kind in _clock_kinds(today, calendar, irregular_ids):
        condition |= _overdue_condition(kind)
    irregular = _may_be_overdue(_clocked(queryset), today).filter(pk__in=irregular_ids)
    irregular = irregular.exclude(status=CaseStatus.RECEIVED)
    return _clocked(queryset).filter(condition | Q(pk__in=irregular.values("pk")))


def overdue_list(queryset: QuerySet[Case], today: dt.date, *, limit: int = CHAIR_OVERDUE_LIMIT) -> OverdueList:
    """The open cases of ``queryset`` whose current due date is before ``today``: the ``limit`` oldest due and the
    exact total, without computing every open case's clock or loading a case that is not shown.

    Due dates are never stored (a holiday added later moves them); instead each kind of clock gets, from the
    calendar, the last start day that is overdue today, and the database selects by that start column. One query
    reads each overdue case as three numbers (id, kind of clock, start day); a due date is computed once per kind and
    start day (a few hundred at most, whatever the backlog); the irregular cases (a pause or an extension) are
    computed one by one. Only the ``limit`` rows shown are loaded, and their clocks computed again with
    ``current_due``."""
    from django.db import models

    calendar = public_calendar()
    irregular_ids = _irregular_ids(queryset)
    kinds = [kind for kind in _clock_kinds(today, calendar, irregular_ids) if kind.last_start is not None]
    base = _clocked(queryset)
    # One pass over the open cases: each overdue one as (id, its kind of clock, its start day). The kinds' conditions
    # do not overlap, so the first that matches is the only one.
    which = models.Case(
        *[models.When(_overdue_condition(kind), then=models.Value(index)) for index, kind in enumerate(kinds)],
        default=models.Value(-1),
        output_field=models.IntegerField(),
    )
    start = models.Case(
        *[models.When(_overdue_condition(kind), then=models.F(kind.start)) for kind in kinds],
        default=models.Value(None),
        output_field=models.DateField(),
    )
    overdue_condition = Q(pk__in=[])
    for kind in kinds:
        overdue_condition |= _overdue_condition(kind)
    regular = base.filter(overdue_condition).annotate(clock_kind=which, clock_start=start)
    due_by_start: dict[tuple[int, dt.date], dt.date | None] = {}
    chosen: list[tuple[dt.date, int]] = []
    total = 0
    for pk, index, started in regular.values_list("pk", "clock_kind", "clock_start").order_by():
        total += 1
        if (index, started) not in due_by_start:
            due_by_start[index, started] = kinds[index].due_of(started)
        start_due = due_by_start[index, started]
        if start_due is not None:
            chosen.append((start_due, pk))
    irregular = (
        with_targets(_may_be_overdue(base, today).filter(pk__in=irregular_ids))
        .exclude(status=CaseStatus.RECEIVED)
        .prefetch_related("pauses", "extensions")
    )
    irregular_rows = []
    for case in irregular:
        due = current_due(case, calendar)
        if due.due_on is not None and due.due_on < today:
            irregular_rows.append((case, due))
    total += len(irregular_rows)
    chosen.extend((due.due_on, case.pk) for case, due in irregular_rows if due.due_on is not None)
    chosen.sort()
    wanted = [pk for _due, pk in chosen[:limit]]
    cases = (
        with_targets(Case.objects.filter(pk__in=wanted))
        .select_related("unit", "handler", "community")
        .prefetch_related("pauses", "extensions")
    )
    rows = [(case, current_due(case, calendar)) for case in cases]
    rows.sort(key=lambda row: (row[1].due_on or today, row[0].pk))
    return OverdueList(rows=rows, total=total)


def overdue_cases(queryset: QuerySet[Case], today: dt.date) -> list[tuple[Case, CaseDue]]:
    """Every open case of ``queryset`` whose current due date is before ``today``, oldest due first (unbounded: for
    jobs and tests; pages use ``overdue_list`` or ``overdue_page``)."""
    calendar = public_calendar()
    found = []
    candidates = (
        with_targets(overdue_candidates(queryset, today, calendar))
        .select_related("unit", "handler", "community")
        .prefetch_related("pauses", "extensions")
    )
    for case in candidates:
        due = current_due(case, calendar)
        if due.due_on is not None and due.due_on < today:
            found.append((case, due))
    found.sort(key=lambda row: (row[1].due_on or today, row[0].pk))
    return found


@dataclass(frozen=True)
class RatingRow:
    """How the citizens rated one officer's or one kind's answers ([L] art. 35): count and average, never who."""

    label: str
    count: int
    average: float | None


def _rating_rows(unit: AdministrativeUnit | int, field: str, minimum: int = 1) -> list[tuple[Any, int, float | None]]:
    """Count and average per value of ``field``; below ``minimum`` ratings the average is withheld (``None``)."""
    from django.db.models import Avg, Count

    rows = (
        Case.objects.filter(unit=unit, satisfaction__isnull=False)
        .values(field)
        .annotate(count=Count("pk"), average=Avg("satisfaction"))
        .order_by(field)
    )
    return [
        (
            row[field],
            int(row["count"]),
            round(float(row["average"]), 2) if row["count"] >= minimum else None,
        )
        for row in rows
    ]


def satisfaction_by_handler(unit: AdministrativeUnit | int) -> list[RatingRow]:
    """For the chair: ratings per officer who handled the case, grouped by the officer (two officers of the same
    name stay two rows) and labelled with the name."""
    from grassroots.accounts.models import User

    rows = _rating_rows(unit, "handler")
    names = {
        user.pk: user.full_name or user.username
        for user in User.objects.filter(pk__in=[pk for pk, _count, _average in rows if pk is not None])
    }
    found = [RatingRow(label=str(names.get(pk) or "—"), count=count, average=average) for pk, count, average in rows]
    return sorted(found, key=lambda row: row.label)


def satisfaction_by_kind(unit: AdministrativeUnit | int, *, minimum: int = 1) -> list[RatingRow]:
    """Ratings per kind of case (the public summary names no officer and no rater); below ``minimum`` ratings the
    average is withheld (``None``), as for the public per-service summary."""
    return [
        RatingRow(label=str(CaseKind(kind).label), count=count, average=average)
        for kind, count, average in _rating_rows(unit, "kind", minimum)
    ]


# ---------------------------------------------------------------------------------------------
# The officer's case list, a page at a time (keyset: no OFFSET, no COUNT over the commune's history)
# ---------------------------------------------------------------------------------------------

CASE_PAGE_SIZE = 50
OVERDUE_SCAN_LIMIT = 1000
"""At most this many open candidates have their clocks computed for one page of the overdue list; the page then
links on from the last one looked at, so a backlog of any size is walked a bounded step at a time."""


@dataclass(frozen=True)
class CasePage:
    rows: list[tuple[Case, CaseDue]]
    next_cursor: str  # "" on the last page


def cursor_text(case: Case) -> str:
    return f"{case.received_on.isoformat()}.{case.pk}"


def parse_cursor(text: str) -> tuple[dt.date, int] | None:
    """``YYYY-MM-DD.pk`` from the page's "more" link; anything else is the first page."""
    day_text, _dot, pk_text = text.partition(".")
    try:
        return dt.date.fromisoformat(day_text), int(pk_text)
    except ValueError:
        return None


def case_page(
    unit: AdministrativeUnit | int,
    *,
    status: str = "",
    after: str = "",
    size: int = CASE_PAGE_SIZE,
    calendar: WorkingCalendar | None = None,
) -> CasePage:
    """Newest received first, ``size`` cases after the cursor. Served by the ``(unit, received_on, id)`` indexes
    (a partial one for open cases); the row after the page is fetched only to know whether a next page exists."""
    from django.db.models import Q

    queryset = Case.objects.filter(unit=unit)
    if status == "open":
        queryset = queryset.filter(is_open=True)
    elif status:
        queryset = queryset.filter(status=status)
    position = parse_cursor(after)
    if position is not None:
        day, pk = position
        queryset = queryset.filter(Q(received_on__lt=day) | Q(received_on=day, pk__lt=pk))
    cases = list(
        with_targets(queryset.order_by("-received_on", "-pk"))
        .select_related("handler", "community")
        .prefetch_related("pauses", "extensions")[: size + 1]
    )
    calendar = calendar or public_calendar()
    shown = cases[:size]
    rows = [(case, current_due(case, calendar)) for case in shown]
    return CasePage(rows=rows, next_cursor=cursor_text(shown[-1]) if len(cases) > size else "")


def overdue_page(
    queryset: QuerySet[Case],
    today: dt.date,
    *,
    after: str = "",
    size: int = CASE_PAGE_SIZE,
    scan_limit: int = OVERDUE_SCAN_LIMIT,
) -> CasePage:
    """Overdue open cases, oldest received first, computed exactly (due dates are never stored) but a bounded
    number at a time: the database keeps only the overdue candidates (``overdue_candidates``: exact for cases without
    a pause or an extension); they are read in received order in chunks, and their clocks computed again, until
    ``size`` overdue cases are found or ``scan_limit`` were looked at. Within the page the rows are sorted by due
    date."""
    from django.db.models import Q

    calendar = public_calendar()
    candidates = overdue_candidates(queryset, today, calendar).order_by("received_on", "pk")
    position = parse_cursor(after)
    found: list[tuple[Case, CaseDue]] = []
    scanned = 0
    last: Case | None = None
    exhausted = False
    chunk = max(size * 2, 100)
    while len(found) < size and scanned < scan_limit:
        window = candidates
        if position is not None:
            day, pk = position
            window = window.filter(Q(received_on__gt=day) | Q(received_on=day, pk__gt=pk))
        batch = list(
            with_targets(window)
            .select_related("unit", "handler", "community")
            .prefetch_related("pauses", "extensions")[:chunk]
        )
        if not batch:
            exhausted = True
            break
        for case in batch:
            scanned += 1
            last = case
            due = current_due(case, calendar)
            if due.due_on is not None and due.due_on < today:
                found.append((case, due))
                if len(found) == size:
                    break
        last = batch[-1] if last is None else last
        position = (last.received_on, last.pk)
        if len(batch) < chunk and len(found) < size:
            exhausted = True
            break
    found.sort(key=lambda row: (row[1].due_on or today, row[0].pk))
    next_cursor = "" if exhausted or last is None else cursor_text(last)
    return CasePage(rows=found, next_cursor=next_cursor)
