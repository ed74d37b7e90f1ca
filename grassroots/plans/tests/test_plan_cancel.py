"""Cancelling a plan: a reason, an audit event, and its tasks and report dates no longer due."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.test import Client
from django.urls import reverse

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


# ---------------------------------------------------------------------------------------------
# The staff page: a confirmation with the reason required, then the service
# ---------------------------------------------------------------------------------------------


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_cancel_page_says_what_follows_and_a_post_with_a_reason_cancels(
    province: AdministrativeUnit, commune: AdministrativeUnit, provincial_officer: User, commune_officer: User
) -> None:
    plan = issued_province_plan(province, provincial_officer)
    derived = services.plan_derive(upper=plan, unit=commune, actor=commune_officer, now=NOW)
    client = _signed_in(provincial_officer)
    detail = client.get(reverse("plans:plan_detail", args=[plan.pk]))
    url = reverse("plans:plan_cancel", args=[plan.pk])
    assert url.encode() in detail.content  # the button on the plan's page
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["open_tasks"] == plan.items.filter(depth__gt=0).count() == 3
    assert [lower.pk for lower in page.context["derived"]] == [derived.pk]
    assert [(d.period, d.due_on) for d in page.context["deadlines"]] == [
        ("semiannual", dt.date(2026, 6, 14)),
        ("annual", dt.date(2026, 12, 14)),
    ]
    response = client.post(url, {"reason": "  Thay bằng Kế hoạch số 60/KH-UBND  "})
    assert response.status_code == 302 and response["Location"] == reverse("plans:plan_detail", args=[plan.pk])
    plan.refresh_from_db()
    assert (plan.status, plan.cancel_reason) == (PlanStatus.CANCELLED, "Thay bằng Kế hoạch số 60/KH-UBND")
    event = AuditEvent.objects.get(code="plans.plan.cancelled")
    assert (event.actor_id, event.object_id) == (provincial_officer.pk, str(plan.pk))
    # The commune's derived plan is the commune's to decide on: the service leaves it as it is.
    assert Plan.objects.get(pk=derived.pk).status == PlanStatus.DRAFT
    # A cancelled plan has no cancel page and no button any more; its reason shows on its page.
    assert client.get(url).status_code == 404
    after = client.get(reverse("plans:plan_detail", args=[plan.pk]))
    assert url.encode() not in after.content and "Thay bằng Kế hoạch số 60/KH-UBND".encode() in after.content


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["", "   "])
def test_the_cancel_page_without_a_reason_keeps_the_plan_and_writes_nothing(
    province: AdministrativeUnit, provincial_officer: User, reason: str
) -> None:
    plan = issued_province_plan(province, provincial_officer)
    events = AuditEvent.objects.count()
    response = _signed_in(provincial_officer).post(reverse("plans:plan_cancel", args=[plan.pk]), {"reason": reason})
    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["reason"]] == ["required"]
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ISSUED
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_a_draft_is_cancelled_by_its_commune_and_an_outsider_learns_nothing(
    province: AdministrativeUnit,
    commune: AdministrativeUnit,
    provincial_officer: User,
    commune_officer: User,
    other_commune_officer: User,
    resident: User,
) -> None:
    upper = issued_province_plan(province, provincial_officer)
    draft = services.plan_derive(upper=upper, unit=commune, actor=commune_officer, now=NOW)
    url = reverse("plans:plan_cancel", args=[draft.pk])
    # Another commune's officer: the plan is outside their units (404), a POST changes nothing.
    assert _signed_in(other_commune_officer).get(url).status_code == 404
    assert _signed_in(other_commune_officer).post(url, {"reason": "Phá"}).status_code == 404
    # A resident of the commune has no plan work at all.
    assert _signed_in(resident).post(url, {"reason": "Phá"}).status_code in (403, 404)
    # The commune officer may not cancel the province's plan (above their units: 404).
    assert (
        _signed_in(commune_officer).post(reverse("plans:plan_cancel", args=[upper.pk]), {"reason": "Phá"}).status_code
        == 404
    )
    assert Plan.objects.get(pk=draft.pk).status == PlanStatus.DRAFT
    assert Plan.objects.get(pk=upper.pk).status == PlanStatus.ISSUED
    assert not AuditEvent.objects.filter(code="plans.plan.cancelled").exists()
    response = _signed_in(commune_officer).post(url, {"reason": "Xã lập lại kế hoạch"})
    assert response.status_code == 302
    assert Plan.objects.get(pk=draft.pk).status == PlanStatus.CANCELLED


@pytest.mark.parametrize("status", PlanStatus.values)
def test_the_cancel_page_is_offered_exactly_where_the_transition_table_allows(status: str) -> None:
    assert rules.is_plan_cancellable(status) == (status in {PlanStatus.DRAFT, PlanStatus.ISSUED})
