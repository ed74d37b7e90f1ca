"""Pure rules of plans and reports: the transition tables, report periods and their cut-offs, overdue tasks.

Sources: law.md §5 (reporting cycles; the Decree 09/2019/NĐ-CP cut-off convention) and §4.5 (two tiers since
1 July 2025: reports go commune → province; records before that date went through the district).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from grassroots.core.errors import RuleResult
from grassroots.plans.models import PlanStatus, ReportPeriod, ReportStatus, TaskStatus

SEMIANNUAL_CUTOFF = (6, 14)
"""The 6-month report covers 15/12 of the previous year to 14/06. Decree 09/2019/NĐ-CP art. 12 convention
(law.md §5, CONFIRMED); default of ``GRASSROOTS_PLANS_SEMIANNUAL_CUTOFF``."""

ANNUAL_CUTOFF = (12, 14)
"""The annual report covers 15/12 of the previous year to 14/12. Decree 09/2019/NĐ-CP art. 12 (law.md §5);
default of ``GRASSROOTS_PLANS_ANNUAL_CUTOFF``."""

SUBMISSION_WORKING_DAYS = 2
"""A report is due within 2 working days after its cut-off when the plan sets no date (Khánh Hòa Decision
01/2023/QĐ-UBND art. 4, law.md §5: UNCERTAIN, provincial). Default of
``GRASSROOTS_PLANS_SUBMISSION_WORKING_DAYS``."""

TWO_TIER_FROM = dt.date(2025, 7, 1)
"""From 1 July 2025 there is no district level: reports roll up commune → province (law.md §4.5, [LGO25]
art. 51(3)). Records before that date roll up through their district."""

PLAN_TRANSITIONS: Mapping[str, frozenset[str]] = {
    PlanStatus.DRAFT: frozenset({PlanStatus.ISSUED, PlanStatus.CANCELLED}),
    # An issued plan replaced or withdrawn by its issuer is cancelled with a reason; its tasks stop being due.
    PlanStatus.ISSUED: frozenset({PlanStatus.CANCELLED}),
    PlanStatus.CANCELLED: frozenset(),
}

TASK_TRANSITIONS: Mapping[str, frozenset[str]] = {
    TaskStatus.NOT_STARTED: frozenset({TaskStatus.IN_PROGRESS, TaskStatus.DONE, TaskStatus.CANCELLED}),
    TaskStatus.IN_PROGRESS: frozenset({TaskStatus.DONE, TaskStatus.CANCELLED}),
    # A task marked done by mistake is reopened, with the move recorded in the audit trail.
    TaskStatus.DONE: frozenset({TaskStatus.IN_PROGRESS}),
    TaskStatus.CANCELLED: frozenset(),
}

REPORT_TRANSITIONS: Mapping[str, frozenset[str]] = {
    ReportStatus.DRAFT: frozenset({ReportStatus.SUBMITTED}),
    ReportStatus.SUBMITTED: frozenset({ReportStatus.ACCEPTED, ReportStatus.RETURNED}),
    ReportStatus.RETURNED: frozenset({ReportStatus.SUBMITTED}),
    ReportStatus.ACCEPTED: frozenset(),
}

EDITABLE_REPORT_STATUSES = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
OPEN_TASK_STATUSES = frozenset({TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS})


def _check(table: Mapping[str, frozenset[str]], code: str, current: str, target: str) -> RuleResult:
    if target in table.get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse(code, current=current, target=target)


def check_plan_transition(current: str, target: str) -> RuleResult:
    return _check(PLAN_TRANSITIONS, "plans.plan.bad_transition", current, target)


def is_plan_cancellable(status: str) -> bool:
    """Whether ``PLAN_TRANSITIONS`` lets a plan in ``status`` be cancelled (a draft or an issued plan): the cancel
    page and button are offered only then."""
    return PlanStatus.CANCELLED in PLAN_TRANSITIONS.get(status, frozenset())


def check_task_transition(current: str, target: str) -> RuleResult:
    return _check(TASK_TRANSITIONS, "plans.task.bad_transition", current, target)


def check_report_transition(current: str, target: str) -> RuleResult:
    return _check(REPORT_TRANSITIONS, "plans.report.bad_transition", current, target)


@dataclass(frozen=True)
class ReportWindow:
    """The data a report covers: ``starts_on`` to ``ends_on``, both included."""

    period: str
    year: int
    starts_on: dt.date
    ends_on: dt.date


REPORT_DRAFT_LEAD_WORKING_DAYS = 5
"""When the unit's plan sets a report's due date, the yearly job opens the draft report this many working days before
that date (or at the data cut-off, whichever comes first), so the officer has time to write it: a plan may ask for the
annual report "trước ngày 30/11 hằng năm", two weeks before the 14/12 cut-off. Not in the law (law.md §5: report
deadlines are each province's, UNCERTAIN); default of ``GRASSROOTS_PLANS_REPORT_DRAFT_LEAD_WORKING_DAYS``."""

MAX_SUBMISSION_WORKING_DAYS = 30
"""A bound on a configured submission delay (not in the law: a province that writes 200 by mistake is told)."""


@dataclass(frozen=True)
class ReportSchedule:
    """The report dates of a province (law.md §5: "configurable per tenant"): the data cut-offs (month, day) and
    the working days after a cut-off a report is due when the plan sets no date."""

    semiannual_cutoff: tuple[int, int] = SEMIANNUAL_CUTOFF
    annual_cutoff: tuple[int, int] = ANNUAL_CUTOFF
    submission_working_days: int = SUBMISSION_WORKING_DAYS


def schedule_problems(schedule: ReportSchedule) -> list[str]:
    """Why a configured schedule cannot be used (codes; empty when it can): each cut-off a day every year has (not
    29 February), the 6-month cut-off before the annual one, a submission delay from 0 to
    ``MAX_SUBMISSION_WORKING_DAYS``."""
    problems: list[str] = []
    for name, (month, day) in (
        ("semiannual_cutoff", schedule.semiannual_cutoff),
        ("annual_cutoff", schedule.annual_cutoff),
    ):
        try:
            dt.date(2023, month, day)  # a common year: 29/02 is refused
        except ValueError:
            problems.append(f"plans.schedule.{name}")
    if not problems and schedule.semiannual_cutoff >= schedule.annual_cutoff:
        problems.append("plans.schedule.order")
    if not 0 <= schedule.submission_working_days <= MAX_SUBMISSION_WORKING_DAYS:
        problems.append("plans.schedule.submission_working_days")
    return problems


def report_window(
    period: str,
    year: int,
    *,
    semiannual_cutoff: tuple[int, int] = SEMIANNUAL_CUTOFF,
    annual_cutoff: tuple[int, int] = ANNUAL_CUTOFF,
) -> ReportWindow:
    """The cut-off window of a periodic report (law.md §5): from the day after the previous year's annual
    cut-off to this period's cut-off."""
    starts_on = dt.date(year - 1, *annual_cutoff) + dt.timedelta(days=1)
    month, day = semiannual_cutoff if period == ReportPeriod.SEMIANNUAL else annual_cutoff
    return ReportWindow(period=period, year=year, starts_on=starts_on, ends_on=dt.date(year, month, day))


def report_draft_opens_on(
    *, window: ReportWindow, plan_due_on: dt.date | None, lead_start: dt.date | None = None
) -> dt.date:
    """The day the draft of a periodic report opens: the data cut-off (``window.ends_on``) by default; when the
    unit's plan sets a due date (``plan_due_on``), the earlier of the cut-off and ``lead_start`` (the day
    ``REPORT_DRAFT_LEAD_WORKING_DAYS`` working days before that due date, computed by the caller on the working-day
    calendar), and never before the period starts."""
    if plan_due_on is None:
        return window.ends_on
    earliest = min(window.ends_on, plan_due_on if lead_start is None else lead_start)
    return max(earliest, window.starts_on)


def is_task_overdue(*, status: str, due_on: dt.date | None, today: dt.date) -> bool:
    """A task is overdue the day after its due date while still open; a task without a date never is."""
    return due_on is not None and status in OPEN_TASK_STATUSES and today > due_on


def is_report_late(*, due_on: dt.date, submitted_on: dt.date | None, today: dt.date) -> bool:
    """Submitted after the due date, or not submitted and the due date has passed. On the due date is on time."""
    if submitted_on is not None:
        return submitted_on > due_on
    return today > due_on


def percent(part: int, whole: int) -> float | None:
    """A share in percent with one decimal; ``None`` when nothing was due (not 0 %, not 100 %)."""
    if whole <= 0:
        return None
    return round(100.0 * part / whole, 1)


def reports_through_district(ends_on: dt.date) -> bool:
    """Whether a report's period ended before the two-tier reform (law.md §4.5): it then rolled up through the
    district."""
    return ends_on < TWO_TIER_FROM


ADHOC_MAX_DAYS = 3 * 366
"""The longest period an ad-hoc report may cover (not in the law: a bound so one request cannot ask the database
for a decade; ``[L] art. 85(3)``: the province reports "when requested")."""


def check_adhoc_window(*, starts_on: dt.date, ends_on: dt.date, today: dt.date) -> RuleResult:
    """An ad-hoc report covers days that have begun: from ``starts_on`` to ``ends_on`` (both included), no later
    than today, at most ``ADHOC_MAX_DAYS``."""
    if starts_on > ends_on:
        return RuleResult.refuse("plans.adhoc.reversed")
    if ends_on > today:
        return RuleResult.refuse("plans.adhoc.future")
    if (ends_on - starts_on).days + 1 > ADHOC_MAX_DAYS:
        return RuleResult.refuse("plans.adhoc.too_long", max_days=ADHOC_MAX_DAYS)
    return RuleResult.ok()


PLAN_EDITABLE_STATUSES = frozenset({PlanStatus.DRAFT})
"""Only a draft plan is corrected: an issued plan is an official paper (change it by a new plan)."""
