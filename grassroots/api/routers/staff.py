"""Staff write endpoints (token auth): the same services and Action matrix as the staff pages.

An object outside the token holder's units is a 404 (as on the pages); visible but not allowed is a 403; the
service's own refusal is a 400 with its code. Each endpoint declares its Action (``registry.declares``).
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.api.auth import TokenAuth
from grassroots.api.registry import declares, register_router
from grassroots.api.schemas import ActionOut, ErrorOut

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

    consultation = object_for(request, Consultation.objects.all(), "commune", consultation_id)
    require_action(request, Action.MANAGE_CONSULTATIONS, consultation.commune_id)
    closed = close(consultation=consultation, actor=request.user)
    return {"id": closed.pk, "status": closed.status}


register_router("staff", router, prefix="staff")
