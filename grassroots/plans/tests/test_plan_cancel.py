"""Cancelling a plan: a reason, an audit event, and its tasks and report dates no longer due."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.plans import rules, selectors, services
from grassroots.plans.models import Plan, PlanStatus
from grassroots.plans.tests.conftest import NOW, issued_province_plan
from grassroots.units.models import AdministrativeUnit

ALLOWED = {(PlanStatus.DRAFT, PlanStatus.ISSUED), (PlanStatus.DRAFT, PlanStatus.CANCELLED)}
ALLOWED |= {(PlanStatus.ISSUED, PlanStatus.CANCELLED)}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(PlanStatus.values, repeat=2)))
def test_plan_transitions_pair_by_pair(current: str, target: str) -> None:
    result = rules.check_plan_transition(current, target)
    assert bool(result) == ((current, target) in ALLOWED)
    if not result:
        assert result.code == "plans.plan.bad_transition"


@pytest.mark.django_db
def test_cancelling_an_issued_plan_records_the_reason_and_stops_its_tasks_being_overdue(
    province: AdministrativeUnit, provincial_officer: User
) -> None:
    plan = issued_province_plan(province, provincial_officer)
    today = dt.date(2026, 6, 10)
    overdue = list(selectors.overdue_tasks([province.pk], today))
    assert [item.due_on for item in overdue] == [dt.date(2026, 3, 31)]  # "trước ngày 31/3/2026"
    assert services.report_due_on(
        unit=province, period="semiannual", year=2026, window_end=dt.date(2026, 6, 14)
    ) == dt.date(2026, 6, 14)  # the plan's own date
    cancelled = services.plan_cancel(
        plan=plan, reason="  Thay bằng Kế hoạch số 60/KH-UBND  ", actor=provincial_officer, now=NOW
    )
    assert (cancelled.status, cancelled.cancel_reason) == ("cancelled", "Thay bằng Kế hoạch số 60/KH-UBND")
    assert not selectors.overdue_tasks([province.pk], today).exists()
    # The cancelled plan's report date no longer counts: the default, 2 working days after the cut-off (Tue 16/06).
    assert services.report_due_on(
        unit=province, period="semiannual", year=2026, window_end=dt.date(2026, 6, 14)
    ) == dt.date(2026, 6, 16)
    event = AuditEvent.objects.filter(code="plans.plan.cancelled").get()
    assert event.actor_id == provincial_officer.pk and event.object_id == str(plan.pk)
    assert (event.before or {}).get("status") == "issued" and (event.before or {}).get("cancel_reason") == ""
    assert event.after == {
        "status": "cancelled",
        "number": plan.number,
        "title": plan.title,
        "cancel_reason": "Thay bằng Kế hoạch số 60/KH-UBND",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["", "   \n"])
def test_a_cancellation_without_a_reason_is_refused_and_changes_nothing(
    province: AdministrativeUnit, provincial_officer: User, reason: str
) -> None:
    plan = issued_province_plan(province, provincial_officer)
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError) as refusal:
        services.plan_cancel(plan=plan, reason=reason, actor=provincial_officer, now=NOW)
    assert refusal.value.code == "plans.plan.cancel_reason"
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ISSUED
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_a_cancelled_plan_is_not_cancelled_again_and_an_outsider_cannot_cancel(
    province: AdministrativeUnit, provincial_officer: User, commune_officer: User
) -> None:
    plan = issued_province_plan(province, provincial_officer)
    with pytest.raises(DomainError) as outsider:
        services.plan_cancel(plan=plan, reason="Không cần", actor=commune_officer, now=NOW)
    assert outsider.value.code == "plans.not_allowed"
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ISSUED
    services.plan_cancel(plan=plan, reason="Thay thế", actor=provincial_officer, now=NOW)
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError) as again:
        services.plan_cancel(plan=plan, reason="Lần nữa", actor=provincial_officer, now=NOW)
    assert again.value.code == "plans.plan.bad_transition"
    assert Plan.objects.get(pk=plan.pk).cancel_reason == "Thay thế"
    assert AuditEvent.objects.count() == events
