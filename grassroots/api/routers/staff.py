"""Staff write endpoints (token auth): the same services and Action matrix as the staff pages.

An object outside the token holder's units is a 404 (as on the pages); visible but not allowed is a 403; the
service's own refusal is a 400 with its code. Each endpoint declares its Action (``registry.declares``).
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_noop
from ninja import Router, Schema

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.api.auth import TokenAuth
from grassroots.api.registry import declares, register_router
from grassroots.api.schemas import ActionOut, ErrorOut
from grassroots.core.errors import DomainError

router = Router(tags=["staff"], auth=TokenAuth())

REFUSALS: dict[int | str, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def object_for[ModelT: Model](request: HttpRequest, queryset: QuerySet[ModelT], unit_field: str, pk: int) -> ModelT:
    """The object with ``pk`` if its unit is one of the token holder's, else 404 (ids elsewhere tell nothing)."""
    found = queryset.filter(pk=pk, **{f"{unit_field}__in": account_selectors.user_unit_ids(request.user)}).first()
    if found is None:
        raise Http404("object")
    return found


def require_action(request: HttpRequest, action: Action, unit: Any) -> None:
    if not account_selectors.user_can(request.user, action, unit):
        raise PermissionDenied(str(action))


class MeOut(Schema):
    username: str
    full_name: str
    unit_ids: list[int]


@router.get("/me", response={200: MeOut, 401: ErrorOut}, summary="Who the token belongs to")
def me(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    return {
        "username": user.username,
        "full_name": user.full_name,
        "unit_ids": sorted(account_selectors.user_unit_ids(user))[:1000],
    }


@router.post("/disclosures/{pk}/publish", response={200: ActionOut, **REFUSALS}, summary="Publish a draft disclosure")
@declares(Action.MANAGE_DISCLOSURES)
def disclosure_publish(request: HttpRequest, pk: int) -> dict[str, Any]:
    from grassroots.disclosures.models import Disclosure
    from grassroots.disclosures.services import disclosure_publish as publish

    disclosure = object_for(request, Disclosure.objects.filter(organisation__isnull=True), "unit", pk)
    require_action(request, Action.MANAGE_DISCLOSURES, disclosure.unit_id)
    published = publish(disclosure=disclosure, actor=request.user)
    return {"id": published.pk, "status": published.status}


class AcknowledgeIn(Schema):
    outcome: str
    note: str = ""


@router.post("/cases/{pk}/acknowledge", response={200: ActionOut, **REFUSALS}, summary="Acknowledge a case")
@declares(Action.HANDLE_CASES)
def case_acknowledge(request: HttpRequest, pk: int, body: AcknowledgeIn) -> dict[str, Any]:
    """One of the four answers of the Law on Citizen Reception art. 28(1): accepted, more_time, refused, forwarded."""
    from grassroots.petitions.models import Case
    from grassroots.petitions.services import case_acknowledge as acknowledge

    case = object_for(request, Case.objects.all(), "unit", pk)
    require_action(request, Action.HANDLE_CASES, case.unit_id)
    changed = acknowledge(
        case=case,
        outcome=body.outcome.replace("\x00", "")[:40],
        note=body.note.replace("\x00", "")[:2000],
        actor=request.user,
    )
    return {"id": changed.pk, "status": changed.status}


@router.post(
    "/consultations/{consultation_id}/close", response={200: ActionOut, **REFUSALS}, summary="Close a consultation"
)
@declares(Action.MANAGE_CONSULTATIONS)
def consultation_close(request: HttpRequest, consultation_id: int) -> dict[str, Any]:
    from grassroots.consultations.models import Consultation
    from grassroots.consultations.services import consultation_close as close

    consultation = object_for(
        request, Consultation.objects.filter(organisation__isnull=True), "commune", consultation_id
    )
    require_action(request, Action.MANAGE_CONSULTATIONS, consultation.commune_id)
    closed = close(consultation=consultation, actor=request.user)
    return {"id": closed.pk, "status": closed.status}


@router.post(
    "/consultations/{consultation_id}/open", response={200: ActionOut, **REFUSALS}, summary="Open a consultation"
)
@declares(Action.MANAGE_CONSULTATIONS)
def consultation_open(request: HttpRequest, consultation_id: int) -> dict[str, Any]:
    """Publish the draft and start taking opinions (Law 10/2022 arts 25–28); the service checks it is ready."""
    from grassroots.consultations.models import Consultation
    from grassroots.consultations.services import consultation_open as open_consultation

    consultation = object_for(
        request, Consultation.objects.filter(organisation__isnull=True), "commune", consultation_id
    )
    require_action(request, Action.MANAGE_CONSULTATIONS, consultation.commune_id)
    opened = open_consultation(consultation=consultation, actor=request.user)
    return {"id": opened.pk, "status": opened.status}


def _case_step(request: HttpRequest, pk: int, step: Callable[[Any], Any]) -> dict[str, Any]:
    """The case pages' door (``HANDLE_CASES`` in the case's unit), then one service call, which checks the rest
    (the case's handler, or whoever assigns cases there)."""
    from grassroots.petitions.models import Case

    case = object_for(request, Case.objects.all(), "unit", pk)
    require_action(request, Action.HANDLE_CASES, case.unit_id)
    changed = step(case)
    return {"id": changed.pk, "status": changed.status}


@router.post("/cases/{pk}/accept", response={200: ActionOut, **REFUSALS}, summary="Accept (thụ lý) a case")
@declares(Action.HANDLE_CASES)
def case_accept(request: HttpRequest, pk: int) -> dict[str, Any]:
    """After an acknowledgement that asked for more time: the resolution clock starts."""
    from grassroots.petitions import services

    return _case_step(request, pk, lambda case: services.case_accept(case=case, actor=request.user))


@router.post("/cases/{pk}/start", response={200: ActionOut, **REFUSALS}, summary="Start handling a case")
@declares(Action.HANDLE_CASES)
def case_start(request: HttpRequest, pk: int) -> dict[str, Any]:
    from grassroots.petitions import services

    return _case_step(request, pk, lambda case: services.case_start(case=case, actor=request.user))


class AnswerIn(Schema):
    answer: str


@router.post("/cases/{pk}/answer", response={200: ActionOut, **REFUSALS}, summary="Answer a case")
@declares(Action.HANDLE_CASES)
def case_answer(request: HttpRequest, pk: int, body: AnswerIn) -> dict[str, Any]:
    """The answer to the sender, dated by the server's clock (an empty answer is refused)."""
    from grassroots.petitions import services

    answer = body.answer.replace("\x00", "")[:10000]
    return _case_step(request, pk, lambda case: services.case_answer(case=case, answer=answer, actor=request.user))


@router.post("/cases/{pk}/close", response={200: ActionOut, **REFUSALS}, summary="Close an answered case")
@declares(Action.HANDLE_CASES)
def case_close(request: HttpRequest, pk: int) -> dict[str, Any]:
    from grassroots.petitions import services

    return _case_step(request, pk, lambda case: services.case_close(case=case, actor=request.user))


@router.post("/plans/{pk}/issue", response={200: ActionOut, **REFUSALS}, summary="Issue a draft plan")
@declares(Action.MANAGE_PLANS)
def plan_issue(request: HttpRequest, pk: int) -> dict[str, Any]:
    """Issue the plan and its numbered paper, as the plan page's "Ban hành" button."""
    from grassroots.plans.models import Plan
    from grassroots.plans.services import plan_issue as issue

    plan = object_for(request, Plan.objects.all(), "unit", pk)
    require_action(request, Action.MANAGE_PLANS, plan.unit_id)
    issued = issue(plan=plan, actor=request.user)
    return {"id": issued.pk, "status": issued.status}


class TaskStatusIn(Schema):
    status: str


TASK_STATUS_REFUSAL = gettext_noop("Trạng thái nhiệm vụ không hợp lệ: not_started, in_progress, done hoặc cancelled.")


@router.post("/plan-tasks/{pk}/status", response={200: ActionOut, **REFUSALS}, summary="Change a plan task's status")
@declares(Action.MANAGE_PLANS)
def task_status(request: HttpRequest, pk: int, body: TaskStatusIn) -> dict[str, Any]:
    """A task of an issued plan of the holder's unit: ``not_started``, ``in_progress``, ``done`` or ``cancelled``
    (the transitions the plan page allows)."""
    from grassroots.plans.models import PlanItem, TaskStatus
    from grassroots.plans.services import task_status_change

    item = object_for(request, PlanItem.objects.select_related("plan"), "plan__unit", pk)
    require_action(request, Action.MANAGE_PLANS, item.plan.unit_id)
    if body.status not in TaskStatus.values:
        raise DomainError("api.task_status_invalid", TASK_STATUS_REFUSAL)
    changed = task_status_change(item=item, target=body.status, actor=request.user)
    return {"id": changed.pk, "status": changed.status}


register_router("staff", router, prefix="staff")
