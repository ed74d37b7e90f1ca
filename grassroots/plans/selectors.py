"""Reads of plans and reports: what a user sees, which lower units derived a plan, the compliance scorecard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q, QuerySet

from grassroots.core import clock
from grassroots.plans import rules
from grassroots.plans.figures import collect_figures, collect_figures_by_unit
from grassroots.plans.models import Plan, PlanItem, PlanReport, PlanStatus, ReportDeadline, ReportStatus
from grassroots.units.models import AdministrativeUnit, UnitLevel


def _cutoff(value: Any) -> tuple[int, int]:
    month, day = value
    return int(month), int(day)


def report_schedule(unit: AdministrativeUnit | None = None) -> rules.ReportSchedule:
    """The report dates for ``unit`` (law.md §5, defaults from Decree 09/2019 in ``rules``): the settings
    ``GRASSROOTS_PLANS_SEMIANNUAL_CUTOFF`` (default ``(6, 14)``), ``GRASSROOTS_PLANS_ANNUAL_CUTOFF`` (``(12, 14)``)
    and ``GRASSROOTS_PLANS_SUBMISSION_WORKING_DAYS`` (``2``), each overridden for one province by
    ``GRASSROOTS_PLANS_PROVINCE_SCHEDULES = {"<province code>": {"semiannual_cutoff": (6, 10), ...}}`` (the
    province's own directive). A schedule that cannot be used is a configuration error, named."""
    values: dict[str, Any] = {
        "semiannual_cutoff": getattr(settings, "GRASSROOTS_PLANS_SEMIANNUAL_CUTOFF", rules.SEMIANNUAL_CUTOFF),
        "annual_cutoff": getattr(settings, "GRASSROOTS_PLANS_ANNUAL_CUTOFF", rules.ANNUAL_CUTOFF),
        "submission_working_days": getattr(
            settings, "GRASSROOTS_PLANS_SUBMISSION_WORKING_DAYS", rules.SUBMISSION_WORKING_DAYS
        ),
    }
    province = _province_of(unit) if unit is not None else None
    overrides = getattr(settings, "GRASSROOTS_PLANS_PROVINCE_SCHEDULES", {}) or {}
    if province is not None and province.code and province.code in overrides:
        unknown = set(overrides[province.code]) - set(values)
        if unknown:
            raise ImproperlyConfigured(f"GRASSROOTS_PLANS_PROVINCE_SCHEDULES[{province.code!r}]: {sorted(unknown)}")
        values.update(overrides[province.code])
    schedule = rules.ReportSchedule(
        semiannual_cutoff=_cutoff(values["semiannual_cutoff"]),
        annual_cutoff=_cutoff(values["annual_cutoff"]),
        submission_working_days=int(values["submission_working_days"]),
    )
    problems = rules.schedule_problems(schedule)
    if problems:
        where = f" (province {province.code})" if province is not None and province.code in overrides else ""
        raise ImproperlyConfigured(f"GRASSROOTS_PLANS report schedule{where}: {', '.join(problems)}")
    return schedule


def _province_of(unit: AdministrativeUnit) -> AdministrativeUnit | None:
    current: AdministrativeUnit | None = unit
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        if current.level == UnitLevel.PROVINCE:
            return current
        seen.add(current.pk)
        current = current.parent
    return None


def report_window(unit: AdministrativeUnit, period: str, year: int) -> rules.ReportWindow:
    """The cut-off window of ``unit``'s periodic report, by its province's schedule (``report_schedule``)."""
    schedule = report_schedule(unit)
    return rules.report_window(
        period, year, semiannual_cutoff=schedule.semiannual_cutoff, annual_cutoff=schedule.annual_cutoff
    )


def plan_report_deadline(unit: AdministrativeUnit, period: str, year: int) -> dt.date | None:
    """The due date the unit's own plan sets for this period's report in ``year`` (the earliest, if several), or
    ``None`` when no plan of the unit that is not cancelled sets one (law.md §5: each province's plan sets them)."""
    return (
        ReportDeadline.objects.filter(plan__unit=unit, period=period, due_on__year=year)
        .exclude(plan__status=PlanStatus.CANCELLED)
        .order_by("due_on")
        .values_list("due_on", flat=True)
        .first()
    )


def report_draft_opens_on(unit: AdministrativeUnit, period: str, year: int) -> dt.date:
    """When the yearly job opens ``unit``'s draft report of ``period`` in ``year`` (``rules.report_draft_opens_on``):
    by the due date of the unit's plan (``plan_report_deadline``) less
    ``GRASSROOTS_PLANS_REPORT_DRAFT_LEAD_WORKING_DAYS`` working days where the plan sets one, else at the cut-off of
    the province's schedule (``report_window``)."""
    from grassroots.calendar.rules import add_working_days
    from grassroots.calendar.selectors import working_calendar

    window = report_window(unit, period, year)
    due_on = plan_report_deadline(unit, period, year)
    lead_start = None
    if due_on is not None:
        lead = int(
            getattr(settings, "GRASSROOTS_PLANS_REPORT_DRAFT_LEAD_WORKING_DAYS", rules.REPORT_DRAFT_LEAD_WORKING_DAYS)
        )
        calendar = working_calendar(years=sorted({due_on.year - 1, due_on.year}))
        lead_start = add_working_days(due_on, -lead, calendar) if lead > 0 else due_on
    return rules.report_draft_opens_on(window=window, plan_due_on=due_on, lead_start=lead_start)


def plans_in(unit_ids: Iterable[int]) -> QuerySet[Plan]:
    return Plan.objects.filter(unit_id__in=list(unit_ids)).select_related("unit", "parent").order_by("-year", "-pk")


def public_plans() -> QuerySet[Plan]:
    """Issued plans only (never a draft or a cancelled one): what anyone may read, newest first."""
    return Plan.objects.filter(status=PlanStatus.ISSUED).select_related("unit", "document").order_by("-year", "-pk")


def communes_under(unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    """The communes of a province, directly or (records before 1 July 2025) through a district (law.md §4.5)."""
    return (
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE)
        .filter(Q(parent=unit) | Q(parent__parent=unit))
        .order_by("name")
    )


@dataclass(frozen=True)
class DerivationRow:
    unit: AdministrativeUnit
    plan: Plan | None


def derivation_status(upper: Plan) -> list[DerivationRow]:
    """For each unit directly below the issuing unit (communes of a province): its derived plan, or ``None``."""
    below = (
        communes_under(upper.unit)
        if upper.unit.level == UnitLevel.PROVINCE
        else AdministrativeUnit.objects.filter(parent=upper.unit).exclude(level=UnitLevel.COMMUNITY).order_by("name")
    )
    derived = {plan.unit_id: plan for plan in Plan.objects.filter(parent=upper).exclude(status=PlanStatus.CANCELLED)}
    return [DerivationRow(unit=unit, plan=derived.get(unit.pk)) for unit in below]


def open_task_count(plan: Plan) -> int:
    """How many tasks of ``plan`` are still open (not started or in progress): what a cancellation stops tracking."""
    return plan.items.filter(depth__gt=0, status__in=rules.OPEN_TASK_STATUSES).count()


def derived_plans(upper: Plan) -> QuerySet[Plan]:
    """The plans lower units derived from ``upper`` and have not cancelled. Cancelling ``upper`` leaves them as they
    are (``services.plan_cancel``): each unit decides on its own plan."""
    return (
        Plan.objects.filter(parent=upper)
        .exclude(status=PlanStatus.CANCELLED)
        .select_related("unit")
        .order_by("unit__name", "pk")
    )


def overdue_tasks(unit_ids: Sequence[int], today: dt.date) -> QuerySet[PlanItem]:
    return (
        PlanItem.objects.filter(
            plan__unit_id__in=list(unit_ids),
            plan__status=PlanStatus.ISSUED,
            depth__gt=0,
            due_on__lt=today,
            status__in=rules.OPEN_TASK_STATUSES,
        )
        .select_related("plan", "plan__unit")
        .order_by("due_on")
    )


@dataclass
class ScorecardRow:
    unit: AdministrativeUnit
    figures: dict[str, int]
    percents: dict[str, float | None]
    report_status: str | None
    report_late: bool

    @property
    def report_label(self) -> str:
        """The report's status in words (Vietnamese), for pages and exports."""
        return str(ReportStatus(self.report_status).label) if self.report_status else ""


def scorecard(
    province: AdministrativeUnit, period: str, year: int, today: dt.date
) -> tuple[list[dict[str, Any]], list[ScorecardRow]]:
    """Per commune: each figure, each share as a percentage (``part_of``), and whether it reported on time."""
    window = report_window(province, period, year)
    communes = list(communes_under(province))
    reports = {
        report.unit_id: report for report in PlanReport.objects.filter(unit__in=communes, period=period, year=year)
    }
    # Every provider once for the whole province, grouped by commune: a handful of queries, not ~8 per commune.
    table = collect_figures_by_unit([commune.pk for commune in communes], window.starts_on, window.ends_on)
    headings = [item for item in table.items if item["part_of"] and not item.get("detail")]
    rows: list[ScorecardRow] = []
    for commune in communes:
        values = table.by_unit.get(commune.pk, {})
        percents = {
            item["key"]: rules.percent(values.get(item["key"], 0), values.get(item["part_of"], 0))
            for item in table.items
            if item["part_of"]
        }
        report = reports.get(commune.pk)
        # The day in Vietnam: a report sent at 01:00 on the day after its due date is late, although UTC says otherwise.
        submitted_on = clock.localdate(report.submitted_at) if report and report.submitted_at else None
        due_on = report.due_on if report else window.ends_on
        late = rules.is_report_late(due_on=due_on, submitted_on=submitted_on, today=today)
        rows.append(
            ScorecardRow(
                unit=commune,
                figures=values,
                percents=percents,
                report_status=report.status if report else None,
                report_late=late,
            )
        )
    return headings, rows


def reviewing_unit_id(unit: AdministrativeUnit, ends_on: dt.date) -> int | None:
    """The unit that reviews ``unit``'s report on a period ending ``ends_on`` (law.md §4.5): the unit above it; for a
    period that ended on or after 1 July 2025 a commune still recorded under a district reports past it, to the
    province (the districts are gone)."""
    parent = unit.parent
    if parent is None:
        return None
    if parent.level == UnitLevel.DISTRICT and not rules.reports_through_district(ends_on):
        return parent.parent_id
    return parent.pk


def reports_waiting_review(unit_ids: Sequence[int]) -> QuerySet[PlanReport]:
    """Submitted reports that one of ``unit_ids`` reviews (``reviewing_unit_id``, in the database)."""
    ids = list(unit_ids)
    after_reform = Q(unit__parent__level=UnitLevel.DISTRICT, ends_on__gte=rules.TWO_TIER_FROM)
    reviewed_here = (Q(unit__parent_id__in=ids) & ~after_reform) | (after_reform & Q(unit__parent__parent_id__in=ids))
    return PlanReport.objects.filter(reviewed_here, status=ReportStatus.SUBMITTED).select_related("unit")


@dataclass
class TrendRow:
    year: int
    percents: dict[str, float | None]


TREND_PERIODS = 4
"""How many periods of the same kind the scorecard's trend shows (this one and the three before it)."""


def scorecard_trend(
    province: AdministrativeUnit, period: str, year: int, unit: AdministrativeUnit | None = None
) -> list[TrendRow]:
    """The shares of the same period over the last ``TREND_PERIODS`` years, oldest first: province-wide, or of one
    of its communes (``unit``; a unit outside the province has no trend here). Every provider once per period
    over the communes (grouped), so ~4 × the providers' queries."""
    commune_ids = list(communes_under(province).values_list("pk", flat=True))
    if unit is not None:
        commune_ids = [unit.pk] if unit.pk in commune_ids else []
        if not commune_ids:
            return []
    rows: list[TrendRow] = []
    for past in range(year - TREND_PERIODS + 1, year + 1):
        window = report_window(province, period, past)
        items = collect_figures(commune_ids, window.starts_on, window.ends_on)
        values = {item["key"]: item["value"] for item in items}
        rows.append(
            TrendRow(
                year=past,
                percents={
                    item["key"]: rules.percent(item["value"], values.get(item["part_of"], 0))
                    for item in items
                    if item["part_of"] and not item.get("detail")
                },
            )
        )
    return rows
