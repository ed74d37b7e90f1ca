"""Every write of plans, tasks and reports: keyword-only, inside ``transaction.atomic``, audited."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, overload

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError, RuleResult
from grassroots.core.services import audit_record, state_change
from grassroots.plans import rules
from grassroots.plans.figures import collect_figures
from grassroots.plans.models import (
    Plan,
    PlanItem,
    PlanReport,
    PlanStatus,
    ReportDeadline,
    ReportPeriod,
    ReportStatus,
    TaskNote,
)
from grassroots.plans.parsing import ParsedItem, ParsedPlan
from grassroots.units.models import AdministrativeUnit, UnitLevel

_MESSAGES: Mapping[str, str] = {}


def _refused(result: RuleResult) -> DomainError:
    return DomainError(result.code, _("Không thể chuyển sang trạng thái này."), **result.params)


def _require(actor: Any, action: Action, unit: AdministrativeUnit | int, today: dt.date) -> None:
    if not account_selectors.user_can(actor, action, unit, today):
        raise DomainError("plans.not_allowed", _("Bạn không có quyền làm việc này ở đơn vị này."))


def _plan_snapshot(plan: Plan) -> dict[str, Any]:
    return {"status": plan.status, "number": plan.number, "title": plan.title}


def _item_snapshot(item: PlanItem) -> dict[str, Any]:
    return {"status": item.status, "ref": item.ref}


def _report_snapshot(report: PlanReport) -> dict[str, Any]:
    return {"status": report.status, "review_note": report.review_note}


# ---------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------

_DATE_IN_SCHEDULE = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")


def import_problems(parsed: ParsedPlan) -> list[str]:
    """Every reason the parsed plan cannot be saved, in Vietnamese (an empty list when it can)."""
    problems = list(parsed.problems)
    if len(parsed.title) > 500:
        problems.append(_("Trích yếu dài quá 500 ký tự."))
    if parsed.number and len(parsed.number) > 64:
        problems.append(_("Số, ký hiệu dài quá 64 ký tự."))
    if not parsed.tasks():
        problems.append(_("Không tìm thấy nhiệm vụ nào (mục 1., 1.1., a) …) trong các phần của kế hoạch."))
    for item in parsed.tasks():
        if item.schedule and len(item.schedule) > 300:
            problems.append(_("Mục %(ref)s: thời gian thực hiện dài quá 300 ký tự.") % {"ref": item.ref})
    for deadline in parsed.report_deadlines:
        if deadline["period"] not in ReportPeriod.values:
            problems.append(_("Kỳ báo cáo không hợp lệ: %(period)s.") % {"period": deadline["period"]})
    return problems


def _due_from_schedule(schedule: str | None) -> dt.date | None:
    if not schedule:
        return None
    match = _DATE_IN_SCHEDULE.search(schedule)
    if not match:
        return None
    try:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def plan_import(
    *,
    unit: AdministrativeUnit,
    parsed: ParsedPlan,
    actor: Any,
    source_name: str = "",
    parent: Plan | None = None,
    now: dt.datetime | None = None,
) -> Plan:
    """Save a parsed plan as a draft for review. All or nothing: any problem refuses the whole import with every
    reason listed (``params["problems"]``), and nothing is written."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _require(actor, Action.MANAGE_PLANS, unit, today)
    problems = import_problems(parsed)
    if problems:
        raise DomainError(
            "plans.import.invalid", _("Không nhập được kế hoạch:") + " " + " ".join(problems), problems=problems
        )
    year = parsed.issued_year or _year_in(parsed.title) or today.year
    with transaction.atomic():
        plan = Plan.objects.create(
            unit=unit,
            parent=parent,
            document_type=parsed.document_type or "KH",
            number=parsed.number or "",
            issuer=parsed.issuer or "",
            place=parsed.place or "",
            issued_year=parsed.issued_year,
            issued_month=parsed.issued_month,
            issued_day=parsed.issued_day,
            title=parsed.title,
            year=year,
            legal_references=parsed.legal_references,
            recipients=parsed.recipients,
            signer_authority=parsed.signer_authority or "",
            signer_position=parsed.signer_position or "",
            signer_name=parsed.signer_name or "",
            source_name=source_name[:200],
            created_by=actor,
        )
        position = 0

        def add(item: ParsedItem, parent_item: PlanItem | None, depth: int) -> None:
            nonlocal position
            position += 1
            saved = PlanItem.objects.create(
                plan=plan,
                parent=parent_item,
                position=position,
                depth=depth,
                ref=item.ref[:16],
                title=item.title,
                text="\n".join(item.text),
                lead=item.lead,
                coordinating=item.coordinating,
                schedule=(item.schedule or "")[:300],
                due_on=_due_from_schedule(item.schedule),
                targets=item.targets,
            )
            for child in item.items:
                add(child, saved, depth + 1)

        for section in parsed.sections:
            add(section, None, 0)
        for deadline in parsed.report_deadlines:
            ReportDeadline.objects.get_or_create(
                plan=plan, period=deadline["period"], due_on=dt.date.fromisoformat(deadline["due"])
            )
        audit_record(
            code="plans.plan.imported",
            actor=actor,
            unit=unit,
            obj=plan,
            after={"title": plan.title, "items": position, "source": source_name},
            now=moment,
        )
    return plan


def _year_in(text: str) -> int | None:
    match = re.search(r"\b(20\d{2})\b", text)
    return int(match[1]) if match else None


# ---------------------------------------------------------------------------------------------
# Derivation
# ---------------------------------------------------------------------------------------------


def plan_derive(*, upper: Plan, unit: AdministrativeUnit, actor: Any, now: dt.datetime | None = None) -> Plan:
    """A lower unit's draft plan from an issued plan of a unit above it: every section and task copied, each
    task linked to the task it implements, the upper plan cited as its basis."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _require(actor, Action.MANAGE_PLANS, unit, today)
    if upper.status != PlanStatus.ISSUED:
        raise DomainError("plans.derive.not_issued", _("Chỉ triển khai được kế hoạch đã ban hành."))
    if unit.pk == upper.unit_id or upper.unit_id not in _ancestor_ids(unit):
        raise DomainError("plans.derive.not_below", _("Đơn vị này không thuộc đơn vị ban hành kế hoạch."))
    with transaction.atomic():
        Plan.objects.select_for_update().get(pk=upper.pk)
        if Plan.objects.filter(parent=upper, unit=unit).exclude(status=PlanStatus.CANCELLED).exists():
            raise DomainError("plans.derive.exists", _("Đơn vị đã có kế hoạch triển khai kế hoạch này."))
        reference = {"kind": "Kế hoạch", "number": upper.number or None, "date": _issued_iso(upper)}
        plan = Plan.objects.create(
            unit=unit,
            parent=upper,
            title=_("Thực hiện %(title)s trên địa bàn %(unit)s") % {"title": upper.title, "unit": unit.name},
            year=upper.year,
            legal_references=[reference, *upper.legal_references],
            recipients=[upper.unit.name],
            created_by=actor,
        )
        mapping: dict[int, PlanItem] = {}
        for item in upper.items.order_by("position"):
            mapping[item.pk] = PlanItem.objects.create(
                plan=plan,
                parent=mapping.get(item.parent_id) if item.parent_id else None,
                implements=None if item.is_section else item,
                position=item.position,
                depth=item.depth,
                ref=item.ref,
                title=item.title,
                text=item.text,
                lead=item.lead,
                coordinating=item.coordinating,
                schedule=item.schedule,
                due_on=item.due_on,
                targets=item.targets,
            )
        for deadline in upper.report_deadlines.all():
            ReportDeadline.objects.create(plan=plan, period=deadline.period, due_on=deadline.due_on)
        audit_record(code="plans.plan.derived", actor=actor, unit=unit, obj=plan, after={"upper": upper.pk}, now=moment)
    return plan


@overload
def _next_year(day: dt.date) -> dt.date: ...
@overload
def _next_year(day: None) -> None: ...
def _next_year(day: dt.date | None) -> dt.date | None:
    """The same day a year later (29 February becomes 28 February)."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _with_year(text: str, old: int, new: int) -> str:
    return re.sub(rf"\b{old}\b", str(new), text)


def plan_draft_yearly(
    *, unit: AdministrativeUnit, year: int, actor: Any, now: dt.datetime | None = None
) -> Plan | None:
    """The draft of a unit's plan for ``year``, opened for it by the yearly job (``actor=None``, the system): last
    year's issued plan copied (sections, tasks with their bodies and schedules, report deadlines), every date a year
    later and every task not started, for the unit's staff to amend and issue.

    Once per unit and year: ``None`` when the unit already has a plan for ``year`` that is not cancelled (its own,
    derived or this draft), or no issued plan of the year before. The unit row is locked, so two runs at once make
    one draft. A person calling it needs ``MANAGE_PLANS`` in the unit."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if actor is not None:
        _require(actor, Action.MANAGE_PLANS, unit, today)
    with transaction.atomic():
        AdministrativeUnit.objects.select_for_update().get(pk=unit.pk)
        if Plan.objects.filter(unit=unit, year=year).exclude(status=PlanStatus.CANCELLED).exists():
            return None
        previous = (
            Plan.objects.filter(unit=unit, year=year - 1, status=PlanStatus.ISSUED)
            .order_by("-issued_year", "-issued_month", "-issued_day", "-pk")
            .first()
        )
        if previous is None:
            return None
        plan = Plan.objects.create(
            unit=unit,
            document_type=previous.document_type,
            issuer=previous.issuer,
            place=previous.place,
            title=_with_year(previous.title, year - 1, year),
            year=year,
            legal_references=previous.legal_references,
            recipients=previous.recipients,
            signer_authority=previous.signer_authority,
            signer_position=previous.signer_position,
            created_by=actor,
        )
        mapping: dict[int, PlanItem] = {}
        for item in previous.items.order_by("position"):
            mapping[item.pk] = PlanItem.objects.create(
                plan=plan,
                parent=mapping.get(item.parent_id) if item.parent_id else None,
                position=item.position,
                depth=item.depth,
                ref=item.ref,
                title=item.title,
                text=item.text,
                lead=item.lead,
                coordinating=item.coordinating,
                schedule=_with_year(item.schedule, year - 1, year),
                due_on=_next_year(item.due_on),
                targets=item.targets,
            )
        for deadline in previous.report_deadlines.all():
            ReportDeadline.objects.create(plan=plan, period=deadline.period, due_on=_next_year(deadline.due_on))
        audit_record(
            code="plans.plan.drafted_yearly",
            actor=actor,
            unit=unit,
            obj=plan,
            after={"year": year, "from": previous.pk, "items": len(mapping)},
            now=moment,
        )
    return plan


def _issued_iso(plan: Plan) -> str | None:
    if plan.issued_year and plan.issued_month and plan.issued_day:
        return dt.date(plan.issued_year, plan.issued_month, plan.issued_day).isoformat()
    return None


def _ancestor_ids(unit: AdministrativeUnit) -> set[int]:
    found: set[int] = set()
    current = unit.parent
    while current is not None and current.pk not in found:
        found.add(current.pk)
        current = current.parent
    return found


def plan_issue(*, plan: Plan, actor: Any, issue_document: bool = True, now: dt.datetime | None = None) -> Plan:
    """Issue a reviewed draft: status ISSUED, the issue date recorded, and the plan rendered and numbered as an
    official paper (Decree 30 layout) by ``documents.document_issue`` in the same transaction. A plan received
    from another body and recorded as it is (``issue_document=False``) keeps its own number."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _require(actor, Action.MANAGE_PLANS, plan.unit_id, today)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if not locked.items.exists():
            raise DomainError("plans.plan.empty", _("Kế hoạch chưa có nhiệm vụ nào."))
        if not (locked.issued_year and locked.issued_month and locked.issued_day):
            locked.issued_year, locked.issued_month, locked.issued_day = today.year, today.month, today.day
        state_change(
            locked,
            code="plans.plan.issued",
            actor=actor,
            unit=locked.unit_id,
            snapshot=_plan_snapshot,
            now=moment,
            target=PlanStatus.ISSUED,
            check=rules.check_plan_transition,
            refused=_refused,
        )
        if issue_document:
            from grassroots.plans.papers import plan_document_issue

            locked.document = plan_document_issue(plan=locked, actor=actor, now=moment)
            locked.save(update_fields=["document", "updated_at"])
    return locked


def _cancel_snapshot(plan: Plan) -> dict[str, Any]:
    return {**_plan_snapshot(plan), "cancel_reason": plan.cancel_reason}


def plan_cancel(*, plan: Plan, reason: str, actor: Any, now: dt.datetime | None = None) -> Plan:
    """Cancel a draft or issued plan (replaced or withdrawn by its issuer), with the reason recorded on the plan and
    in the audit event. Its tasks are no longer overdue (``selectors.overdue_tasks`` reads issued plans only), its
    report deadlines no longer set due dates, and the unit may derive or draft another plan for the year."""
    moment = now or clock.now()
    reason = reason.strip()
    if not reason:
        raise DomainError("plans.plan.cancel_reason", _("Hãy ghi lý do hủy kế hoạch."))
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        _require(actor, Action.MANAGE_PLANS, locked.unit_id, clock.localdate(moment))
        locked.cancel_reason = reason[:2000]
        state_change(
            locked,
            code="plans.plan.cancelled",
            actor=actor,
            unit=locked.unit_id,
            snapshot=_cancel_snapshot,
            now=moment,
            target=PlanStatus.CANCELLED,
            check=rules.check_plan_transition,
            refused=_refused,
        )
    return locked


# ---------------------------------------------------------------------------------------------
# Tasks
# ---------------------------------------------------------------------------------------------


def task_status_change(*, item: PlanItem, target: str, actor: Any, now: dt.datetime | None = None) -> PlanItem:
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = PlanItem.objects.select_for_update().select_related("plan").get(pk=item.pk)
        _require(actor, Action.MANAGE_PLANS, locked.plan.unit_id, today)
        if locked.is_section:
            raise DomainError("plans.task.is_section", _("Phần của kế hoạch không có trạng thái."))
        if locked.plan.status != PlanStatus.ISSUED:
            raise DomainError("plans.task.plan_not_issued", _("Kế hoạch chưa ban hành."))
        state_change(
            locked,
            code="plans.task.status_changed",
            actor=actor,
            unit=locked.plan.unit_id,
            snapshot=_item_snapshot,
            now=moment,
            target=target,
            check=rules.check_task_transition,
            refused=_refused,
        )
    return locked


def task_note_add(
    *, item: PlanItem, text: str, evidence_url: str = "", actor: Any, now: dt.datetime | None = None
) -> TaskNote:
    moment = now or clock.now()
    today = clock.localdate(moment)
    text = text.strip()
    if not text:
        raise DomainError("plans.note.empty", _("Hãy ghi nội dung tiến độ."))
    if evidence_url and not (evidence_url.startswith("/") and not evidence_url.startswith("//")):
        raise DomainError(
            "plans.note.evidence_external",
            _("Minh chứng phải là đường dẫn đến một hồ sơ trên nền tảng (bắt đầu bằng /)."),
        )
    with transaction.atomic():
        locked = PlanItem.objects.select_for_update().select_related("plan").get(pk=item.pk)
        _require(actor, Action.MANAGE_PLANS, locked.plan.unit_id, today)
        note = TaskNote.objects.create(
            item=locked, text=text, evidence_url=evidence_url[:300], author=actor, created_at=moment
        )
        audit_record(
            code="plans.task.note_added",
            actor=actor,
            unit=locked.plan.unit_id,
            obj=locked,
            after={"note": note.pk, "evidence": evidence_url},
            now=moment,
        )
    return note


# ---------------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------------


def report_due_on(*, unit: AdministrativeUnit, period: str, year: int, window_end: dt.date) -> dt.date:
    """The plan's own due date for this period and year if one of the unit's plans sets it, else the cut-off plus
    ``SUBMISSION_WORKING_DAYS`` working days (law.md §5; the province's schedule, ``selectors.report_schedule``)."""
    from grassroots.calendar.rules import add_working_days
    from grassroots.petitions import selectors as petition_selectors
    from grassroots.plans.selectors import plan_report_deadline, report_schedule

    set_by_plan = plan_report_deadline(unit, period, year)
    if set_by_plan is not None:
        return set_by_plan
    days = report_schedule(unit).submission_working_days
    return add_working_days(window_end, days, petition_selectors.public_calendar())


def report_prepare(
    *, unit: AdministrativeUnit, period: str, year: int, actor: Any, now: dt.datetime | None = None
) -> PlanReport:
    """Open (or refresh, while editable) a unit's periodic report with its figures computed from the records.

    ``actor=None`` is the system: the yearly job opens the draft once the period's cut-off has come."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if actor is not None:
        _require(actor, Action.MANAGE_PLANS, unit, today)
    if period not in (ReportPeriod.SEMIANNUAL, ReportPeriod.ANNUAL):
        raise DomainError("plans.report.bad_period", _("Chỉ lập báo cáo 6 tháng hoặc báo cáo năm."))
    from grassroots.plans.selectors import report_window

    window = report_window(unit, period, year)
    unit_ids = _report_unit_ids(unit, window.ends_on)
    figures = {"items": collect_figures(unit_ids, window.starts_on, window.ends_on)}
    with transaction.atomic():
        report, created = PlanReport.objects.select_for_update().get_or_create(
            unit=unit,
            period=period,
            year=year,
            defaults={
                "starts_on": window.starts_on,
                "ends_on": window.ends_on,
                "due_on": report_due_on(unit=unit, period=period, year=year, window_end=window.ends_on),
                "figures": figures,
                "plan": Plan.objects.filter(unit=unit, year=year, status=PlanStatus.ISSUED).first(),
            },
        )
        if not created:
            if report.status not in rules.EDITABLE_REPORT_STATUSES:
                raise DomainError("plans.report.locked", _("Báo cáo đã gửi, không sửa được."))
            report.figures = figures
            report.save(update_fields=["figures", "updated_at"])
        audit_record(
            code="plans.report.prepared",
            actor=actor,
            unit=unit,
            obj=report,
            after={"figures": len(figures["items"])},
            now=moment,
        )
    return report


def _commune_ids_under(unit: AdministrativeUnit) -> list[int]:
    from django.db.models import Q

    return list(
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE)
        .filter(Q(parent=unit) | Q(parent__parent=unit))
        .values_list("pk", flat=True)
    )


def report_narrative_save(*, report: PlanReport, narrative: str, actor: Any, now: dt.datetime | None = None) -> None:
    moment = now or clock.now()
    with transaction.atomic():
        locked = PlanReport.objects.select_for_update().get(pk=report.pk)
        _require(actor, Action.MANAGE_PLANS, locked.unit_id, clock.localdate(moment))
        if locked.status not in rules.EDITABLE_REPORT_STATUSES:
            raise DomainError("plans.report.locked", _("Báo cáo đã gửi, không sửa được."))
        locked.narrative = narrative.strip()
        state_change(
            locked, code="plans.report.edited", actor=actor, unit=locked.unit_id, snapshot=_report_snapshot, now=moment
        )


def report_submit(*, report: PlanReport, actor: Any, now: dt.datetime | None = None) -> PlanReport:
    moment = now or clock.now()
    with transaction.atomic():
        locked = (
            PlanReport.objects.select_for_update(of=("self",)).select_related("unit", "unit__parent").get(pk=report.pk)
        )
        _require(actor, Action.MANAGE_PLANS, locked.unit_id, clock.localdate(moment))
        locked.submitted_at = moment
        state_change(
            locked,
            code="plans.report.submitted",
            actor=actor,
            unit=locked.unit_id,
            snapshot=_report_snapshot,
            now=moment,
            target=ReportStatus.SUBMITTED,
            check=rules.check_report_transition,
            refused=_refused,
        )
        from grassroots.plans.papers import report_document_issue

        # Each submission is its own numbered paper: a corrected report after a return is a new document.
        locked.document = report_document_issue(report=locked, actor=actor, now=moment)
        locked.save(update_fields=["document", "updated_at"])
    return locked


def report_review(
    *, report: PlanReport, accept: bool, note: str = "", actor: Any, now: dt.datetime | None = None
) -> PlanReport:
    """The level above accepts a submitted report or returns it for correction (a reason is required). The level
    above is the district for a commune's report on a period that ended before 1 July 2025, the province after
    (``selectors.reviewing_unit_id``, law.md §4.5)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = (
            PlanReport.objects.select_for_update(of=("self",)).select_related("unit", "unit__parent").get(pk=report.pk)
        )
        from grassroots.plans.selectors import reviewing_unit_id

        upper = reviewing_unit_id(locked.unit, locked.ends_on)
        if upper is None or not account_selectors.user_can(
            actor, Action.REVIEW_PLAN_REPORTS, upper, clock.localdate(moment)
        ):
            raise DomainError("plans.not_allowed", _("Chỉ cấp trên xem xét được báo cáo này."))
        if not accept and not note.strip():
            raise DomainError("plans.report.return_reason", _("Hãy ghi lý do trả lại."))
        locked.review_note = note.strip()
        state_change(
            locked,
            code="plans.report.accepted" if accept else "plans.report.returned",
            actor=actor,
            unit=locked.unit_id,
            snapshot=_report_snapshot,
            now=moment,
            target=ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED,
            check=rules.check_report_transition,
            refused=_refused,
        )
    return locked


# ---------------------------------------------------------------------------------------------
# Ad-hoc reports, refreshing figures, correcting a draft plan
# ---------------------------------------------------------------------------------------------

_ADHOC_MESSAGES: Mapping[str, Any] = {
    "plans.adhoc.reversed": gettext_lazy("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc kỳ số liệu."),
    "plans.adhoc.future": gettext_lazy("Kỳ số liệu không được kết thúc sau hôm nay."),
    "plans.adhoc.too_long": gettext_lazy("Kỳ số liệu dài quá 3 năm."),
}


def _report_unit_ids(unit: AdministrativeUnit, ends_on: dt.date) -> list[int]:
    """The communes a unit's report counts: a province's communes; a district's own communes, only for a period
    that ended before the two-tier reform (law.md §4.5: records before 1 July 2025 rolled up commune → district →
    province; there is no district report after it); a commune itself."""
    if unit.level == UnitLevel.PROVINCE:
        return _commune_ids_under(unit)
    if unit.level == UnitLevel.DISTRICT:
        if not rules.reports_through_district(ends_on):
            raise DomainError(
                "plans.report.no_district",
                _("Từ ngày 01/7/2025 không còn cấp huyện: xã, phường báo cáo thẳng lên tỉnh."),
            )
        return list(
            AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, parent=unit).values_list("pk", flat=True)
        )
    return [unit.pk]


def report_prepare_adhoc(
    *,
    unit: AdministrativeUnit,
    starts_on: dt.date,
    ends_on: dt.date,
    topic: str,
    providers: list[str] | None = None,
    due_on: dt.date | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> PlanReport:
    """An ad-hoc report (báo cáo đột xuất, chuyên đề) on request ([L] art. 85(3); [ND59] art. 14(3)): any period
    that has begun, on one topic (some figure providers) or all; due on the date the request sets, else
    ``SUBMISSION_WORKING_DAYS`` working days after today."""
    from grassroots.calendar.rules import add_working_days
    from grassroots.petitions import selectors as petition_selectors
    from grassroots.plans.figures import registered_figure_providers

    moment = now or clock.now()
    today = clock.localdate(moment)
    _require(actor, Action.MANAGE_PLANS, unit, today)
    topic = topic.strip()
    if not topic:
        raise DomainError("plans.adhoc.topic", _("Hãy ghi chủ đề của báo cáo."))
    verdict = rules.check_adhoc_window(starts_on=starts_on, ends_on=ends_on, today=today)
    if not verdict:
        raise DomainError(verdict.code, str(_ADHOC_MESSAGES[verdict.code]), **verdict.params)
    chosen = [name for name in (providers or []) if name in registered_figure_providers()]
    if providers and not chosen:
        raise DomainError("plans.adhoc.providers", _("Lĩnh vực báo cáo không hợp lệ."))
    if due_on is not None and due_on < today:
        raise DomainError("plans.adhoc.due_past", _("Hạn gửi không được trước hôm nay."))
    from grassroots.plans.selectors import report_schedule

    days = report_schedule(unit).submission_working_days
    due = due_on or add_working_days(today, days, petition_selectors.public_calendar())
    items = collect_figures(_report_unit_ids(unit, ends_on), starts_on, ends_on, chosen)
    figures: dict[str, Any] = {"items": items, "providers": chosen}
    with transaction.atomic():
        report = PlanReport.objects.create(
            unit=unit,
            period=ReportPeriod.OTHER,
            year=ends_on.year,
            starts_on=starts_on,
            ends_on=ends_on,
            due_on=due,
            topic=topic[:300],
            figures=figures,
        )
        audit_record(
            code="plans.report.prepared",
            actor=actor,
            unit=unit,
            obj=report,
            after={"topic": report.topic, "providers": chosen, "figures": len(items)},
            now=moment,
        )
    return report


def report_refresh(*, report: PlanReport, actor: Any, now: dt.datetime | None = None) -> PlanReport:
    """Recount an editable report's figures from the records (its own period and topic)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = PlanReport.objects.select_for_update(of=("self",)).select_related("unit").get(pk=report.pk)
        _require(actor, Action.MANAGE_PLANS, locked.unit_id, clock.localdate(moment))
        if locked.status not in rules.EDITABLE_REPORT_STATUSES:
            raise DomainError("plans.report.locked", _("Báo cáo đã gửi, không sửa được."))
        chosen = list(locked.figures.get("providers") or [])
        locked.figures = {
            "items": collect_figures(
                _report_unit_ids(locked.unit, locked.ends_on), locked.starts_on, locked.ends_on, chosen
            ),
            "providers": chosen,
        }
        locked.save(update_fields=["figures", "updated_at"])
        audit_record(
            code="plans.report.refreshed",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={"figures": len(locked.figures["items"])},
            now=moment,
        )
    return locked


PLAN_EDITABLE_FIELDS = (
    "number",
    "issuer",
    "place",
    "issued_year",
    "issued_month",
    "issued_day",
    "title",
    "year",
    "recipients",
    "signer_authority",
    "signer_position",
    "signer_name",
)
ITEM_EDITABLE_FIELDS = ("ref", "title", "text", "lead", "coordinating", "schedule", "due_on", "targets")


def plan_update(
    *,
    plan: Plan,
    changes: Mapping[str, Any],
    items: Mapping[int, Mapping[str, Any]] | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> Plan:
    """Correct a draft plan before it is issued (what the import got wrong): its metadata and its items' text,
    bodies, schedule and due date. An issued or cancelled plan is never changed; every changed field is audited
    with its value before and after."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    unknown = set(changes) - set(PLAN_EDITABLE_FIELDS)
    if unknown or any(set(values) - set(ITEM_EDITABLE_FIELDS) for values in (items or {}).values()):
        raise DomainError("plans.plan.bad_field", _("Trường không sửa được."))
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        _require(actor, Action.MANAGE_PLANS, locked.unit_id, today)
        if locked.status not in rules.PLAN_EDITABLE_STATUSES:
            raise DomainError("plans.plan.not_draft", _("Chỉ sửa được kế hoạch đang là dự thảo."))
        day, month, year = (
            changes.get("issued_day", locked.issued_day),
            changes.get("issued_month", locked.issued_month),
            changes.get("issued_year", locked.issued_year),
        )
        if day and month and year:
            try:
                dt.date(year, month, day)
            except ValueError:
                raise DomainError("plans.plan.bad_date", _("Ngày ban hành không có thật.")) from None
        if "title" in changes and not str(changes["title"]).strip():
            raise DomainError("plans.plan.title", _("Hãy ghi trích yếu của kế hoạch."))
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for name, value in changes.items():
            if getattr(locked, name) != value:
                before[name], after[name] = getattr(locked, name), value
                setattr(locked, name, value)
        if after:
            locked.save()
        by_pk = {item.pk: item for item in locked.items.select_for_update().filter(pk__in=list(items or {}))}
        if set(items or {}) - set(by_pk):
            raise DomainError("plans.plan.foreign_item", _("Mục không thuộc kế hoạch này."))
        for pk, values in (items or {}).items():
            item = by_pk[pk]
            if "title" in values and not str(values["title"]).strip():
                raise DomainError("plans.item.title", _("Mục %(ref)s: hãy ghi nội dung.") % {"ref": item.ref})
            changed = {name: value for name, value in values.items() if getattr(item, name) != value}
            if changed:
                before[f"item.{pk}"] = {name: _jsonable(getattr(item, name)) for name in changed}
                after[f"item.{pk}"] = {name: _jsonable(value) for name, value in changed.items()}
                for name, value in changed.items():
                    setattr(item, name, value)
                item.save(update_fields=list(changed))
        if after:
            audit_record(
                code="plans.plan.edited",
                actor=actor,
                unit=locked.unit_id,
                obj=locked,
                before={name: _jsonable(value) for name, value in before.items()},
                after={name: _jsonable(value) for name, value in after.items()},
                now=moment,
            )
    return locked


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
