"""Reports, suspension and abolition by the commune People's Committee ([ND61] arts 12–14)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from grassroots.accounts.rules import Action
from grassroots.calendar import selectors as calendar_selectors
from grassroots.conventions import rules
from grassroots.conventions.models import (
    Convention,
    ConventionMeasure,
    ConventionReport,
    ConventionStatus,
    MeasureKind,
    ReportGround,
)
from grassroots.conventions.services.common import _enforce, _fail, _lock_convention, _require, _save_convention
from grassroots.conventions.services.recognition import _issue_decision
from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.units import selectors as unit_selectors

# --- Suspension and abolition ([ND61] arts 12–14) ------------------------------------------------------


MEASURE_SUMMARIES: Mapping[str, str] = {
    MeasureKind.SUSPENSION_FULL: "Về việc tạm ngưng thực hiện",
    MeasureKind.SUSPENSION_PARTIAL: "Về việc tạm ngưng thực hiện một phần",
    MeasureKind.ABOLITION_FULL: "Về việc bãi bỏ",
    MeasureKind.ABOLITION_PARTIAL: "Về việc bãi bỏ một phần",
}
"""Mẫu 04 (suspension) and Mẫu 05 (abolition) of [ND61]; an unfounded report is answered without a decision."""


def report_receive(
    *,
    convention: Convention,
    ground: str,
    basis: str,
    received_on: dt.date,
    actor: Any,
    now: dt.datetime | None = None,
) -> ConventionReport:
    """Record a written report or an inspection finding received by the commune People's Committee: from that day
    its working-day clock runs (3 days to answer or suspend, 5 to abolish; [ND61] arts 12(2), 14(3))."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if ground not in ReportGround.values:
        raise _fail("conventions.bad_ground")
    if not basis.strip():
        raise _fail("conventions.basis_required")
    if received_on > today:
        raise _fail("conventions.date_in_future")
    with transaction.atomic():
        locked = _lock_convention(convention)
        commune = unit_selectors.commune_of(locked.community)
        assert commune is not None
        _require(actor, Action.ACT_FOR_PEOPLES_COMMITTEE, commune, today)
        if locked.status not in {ConventionStatus.IN_FORCE, ConventionStatus.SUSPENDED}:
            raise _fail("conventions.not_in_force")
        report = ConventionReport.objects.create(
            convention=locked, ground=ground, basis=basis.strip(), received_on=received_on, recorded_by=actor
        )
        due = rules.report_due(ground, received_on, calendar_selectors.working_calendar())
        audit_record(
            code="conventions.report.received",
            actor=actor,
            unit=locked.community_id,
            obj=report,
            after={"ground": ground, "received_on": received_on, "due_on": due},
            now=moment,
        )
    return report


def measure_decide(
    *,
    convention: Convention,
    kind: str,
    basis: str,
    basis_received_on: dt.date,
    reasons: str,
    actor: Any,
    articles: str = "",
    fix_by: dt.date | None = None,
    report: ConventionReport | None = None,
    now: dt.datetime | None = None,
) -> ConventionMeasure:
    """The People's Committee answers a report as unfounded, suspends, or abolishes, with reasons. With ``report``
    (a received report of this convention still waiting), the report's text and date are the basis and the
    decision closes it."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if kind not in MeasureKind.values:
        raise _fail("conventions.bad_transition")
    if report is not None:
        basis, basis_received_on = report.basis, report.received_on
    if not reasons.strip() or not basis.strip():
        raise _fail("conventions.reason_required")
    if basis_received_on > today:
        raise _fail("conventions.date_in_future")
    with transaction.atomic():
        locked = _lock_convention(convention)
        commune = unit_selectors.commune_of(locked.community)
        assert commune is not None
        _require(actor, Action.ACT_FOR_PEOPLES_COMMITTEE, commune, today)
        locked_report = None
        if report is not None:
            locked_report = ConventionReport.objects.select_for_update().get(pk=report.pk)
            if locked_report.convention_id != locked.pk:
                raise _fail("conventions.not_authorised")
            if locked_report.measure_id is not None:
                raise _fail("conventions.report_closed")
            _enforce(rules.check_report_measure(ground=locked_report.ground, kind=kind))
            basis, basis_received_on = locked_report.basis, locked_report.received_on
        _enforce(rules.check_measure(kind=kind, status=locked.status, articles=articles, fix_by=fix_by, today=today))
        document = None
        if kind in MEASURE_SUMMARIES:
            scope = f" các điều {articles.strip()} của" if articles.strip() else ""
            document = _issue_decision(
                commune=commune,
                summary=f"{MEASURE_SUMMARIES[kind]}{scope} {locked.get_name_kind_display().lower()} "
                f"{locked.community.name}",
                articles=[
                    f"{MEASURE_SUMMARIES[kind].removeprefix('Về việc ').capitalize()}{scope} "
                    f"{locked.get_name_kind_display().lower()} {locked.community.name}: {locked.title}. "
                    f"Lý do: {reasons.strip()}",
                    *([f"Thời hạn khắc phục: đến ngày {fix_by:%d/%m/%Y}."] if fix_by else []),
                    f"Trưởng {locked.community.name} và Ban công tác Mặt trận chịu trách nhiệm thi hành./.",
                ],
                actor=actor,
                moment=moment,
            )
        measure = ConventionMeasure.objects.create(
            convention=locked,
            kind=kind,
            basis=basis.strip(),
            basis_received_on=basis_received_on,
            reasons=reasons.strip(),
            articles=articles.strip(),
            fix_by=fix_by,
            decided_on=today,
            decided_by=actor,
            document=document,
        )
        if locked_report is not None:
            locked_report.measure = measure
            locked_report.save(update_fields=["measure"])
            due = rules.report_due(locked_report.ground, basis_received_on, calendar_selectors.working_calendar())
        else:
            due = rules.measure_due(kind, basis_received_on, calendar_selectors.working_calendar())
        audit_record(
            code=f"conventions.measure.{kind}",
            actor=actor,
            unit=locked.community_id,
            obj=measure,
            after={
                "kind": kind,
                "received_on": basis_received_on,
                "due_on": due,
                "decided_on": today,
                "late": today > due,
                "articles": measure.articles,
                "report": locked_report.pk if locked_report is not None else None,
            },
            now=moment,
        )
        target = rules.measure_target(kind)
        if target is not None and target != locked.status:
            _save_convention(locked, verb=kind, actor=actor, moment=moment, target=target)
    return measure
