"""Every write service of plans leaves its audit event: the code, who, on what, in which unit, and what changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.accounts.models import User
from grassroots.core.models import AuditEvent
from grassroots.plans import services
from grassroots.plans.models import Plan, PlanReport
from grassroots.plans.parsing import parse_text
from grassroots.plans.tests.conftest import NOW, PROVINCE_PLAN, issued_province_plan
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def _event(code: str, obj: Any) -> AuditEvent:
    """The one event ``code`` about ``obj`` (its type and id)."""
    return AuditEvent.objects.filter(code=code, object_type=obj._meta.label_lower, object_id=str(obj.pk)).get()


def test_plan_writes(
    province: AdministrativeUnit, commune: AdministrativeUnit, provincial_officer: User, commune_officer: User
) -> None:
    draft = services.plan_import(unit=province, parsed=parse_text(PROVINCE_PLAN), actor=provincial_officer, now=NOW)
    imported = _event("plans.plan.imported", draft)
    assert (imported.actor_id, imported.unit_id) == (provincial_officer.pk, province.pk)
    assert imported.after == {"title": draft.title, "items": draft.items.count(), "source": ""}

    services.plan_update(plan=draft, changes={"number": "50/KH-UBND"}, actor=provincial_officer, now=NOW)
    edited = _event("plans.plan.edited", draft)
    assert (edited.before, edited.after) == ({"number": "49/KH-UBND"}, {"number": "50/KH-UBND"})

    issued_plan = services.plan_issue(plan=draft, actor=provincial_officer, now=NOW)
    issued = _event("plans.plan.issued", issued_plan)
    assert (issued.before or {})["status"] == "draft" and (issued.after or {})["status"] == "issued"
    assert issued.actor_id == provincial_officer.pk
    assert issued_plan.document is not None
    assert _event("documents.document.issued", issued_plan.document).unit_id == province.pk

    derived_plan = services.plan_derive(upper=issued_plan, unit=commune, actor=commune_officer, now=NOW)
    derived = _event("plans.plan.derived", derived_plan)
    assert (derived.actor_id, derived.unit_id, derived.after) == (commune_officer.pk, commune.pk, {"upper": draft.pk})

    services.plan_cancel(plan=derived_plan, reason="Làm lại", actor=commune_officer, now=NOW)
    cancelled = _event("plans.plan.cancelled", derived_plan)
    assert ((cancelled.before or {})["status"], (cancelled.after or {})["status"]) == ("draft", "cancelled")


def test_yearly_draft_by_the_system(province: AdministrativeUnit, provincial_officer: User) -> None:
    last_year = issued_province_plan(province, provincial_officer)
    drafted = services.plan_draft_yearly(unit=province, year=last_year.year + 1, actor=None, now=NOW)
    assert drafted is not None
    event = _event("plans.plan.drafted_yearly", drafted)
    assert event.actor_id is None and event.unit_id == province.pk
    assert event.after == {"year": last_year.year + 1, "from": last_year.pk, "items": last_year.items.count()}


def test_task_writes(province: AdministrativeUnit, provincial_officer: User) -> None:
    plan = issued_province_plan(province, provincial_officer)
    task = plan.items.filter(depth__gt=0).order_by("position").first()
    assert task is not None
    services.task_status_change(item=task, target="in_progress", actor=provincial_officer, now=NOW)
    changed = _event("plans.task.status_changed", task)
    assert ((changed.before or {})["status"], (changed.after or {})["status"]) == ("not_started", "in_progress")
    note = services.task_note_add(
        item=task, text="Đã tổ chức 3 hội nghị", evidence_url="/cong-khai/1/", actor=provincial_officer, now=NOW
    )
    added = _event("plans.task.note_added", task)
    assert (added.actor_id, added.unit_id) == (provincial_officer.pk, province.pk)
    assert added.after == {"note": note.pk, "evidence": "/cong-khai/1/"}


def _events(report: PlanReport) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="plans.planreport", object_id=str(report.pk))
        .order_by("pk")
        .values_list("code", flat=True)
    )


def test_report_writes(commune: AdministrativeUnit, commune_officer: User, provincial_officer: User) -> None:
    report = services.report_prepare(unit=commune, period="semiannual", year=2026, actor=commune_officer, now=NOW)
    prepared = _event("plans.report.prepared", report)
    assert (prepared.actor_id, prepared.unit_id) == (commune_officer.pk, commune.pk)
    assert prepared.after == {"figures": len(report.figures["items"])}

    services.report_narrative_save(report=report, narrative="Đánh giá", actor=commune_officer, now=NOW)
    services.report_refresh(report=report, actor=commune_officer, now=NOW)
    refreshed = _event("plans.report.refreshed", report)
    assert refreshed.after == {"figures": len(report.figures["items"])}

    services.report_submit(report=report, actor=commune_officer, now=NOW)
    services.report_review(report=report, accept=False, note="Thiếu số liệu", actor=provincial_officer, now=NOW)
    returned = _event("plans.report.returned", report)
    assert returned.actor_id == provincial_officer.pk
    assert (returned.before or {})["status"] == "submitted"
    assert returned.after == {"status": "returned", "review_note": "Thiếu số liệu"}

    later = NOW + dt.timedelta(days=1)
    services.report_submit(report=report, actor=commune_officer, now=later)
    services.report_review(report=report, accept=True, actor=provincial_officer, now=later)
    assert _events(report) == [
        "plans.report.prepared",
        "plans.report.edited",
        "plans.report.refreshed",
        "plans.report.submitted",
        "plans.report.returned",
        "plans.report.submitted",
        "plans.report.accepted",
    ]
    edited = AuditEvent.objects.get(code="plans.report.edited", object_id=str(report.pk))
    assert edited.actor_id == commune_officer.pk


def test_adhoc_report_prepared(commune: AdministrativeUnit, commune_officer: User) -> None:
    report = services.report_prepare_adhoc(
        unit=commune,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 5, 31),
        topic="Tình hình tiếp nhận phản ánh",
        providers=["petitions"],
        actor=commune_officer,
        now=NOW,
    )
    event = _event("plans.report.prepared", report)
    assert event.after == {
        "topic": "Tình hình tiếp nhận phản ánh",
        "providers": ["petitions"],
        "figures": len(report.figures["items"]),
    }
    assert not Plan.objects.exists()
