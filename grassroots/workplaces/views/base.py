"""Shared helpers of the workplaces pages: lookups that turn outsiders away with 404, URLs, form page."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.accounts.selectors import user_can_in_organisation
from grassroots.consultations.models import Consultation
from grassroots.units.models import Organisation
from grassroots.workplaces.models import (
    Conference,
    StaffBallot,
    WorkplaceDialogue,
)

TEMPLATE = "workplaces/form_page.html"


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _member_or_404(request: HttpRequest, organisation: Organisation) -> Organisation:
    if not user_can_in_organisation(request.user, Action.VIEW_UNIT, organisation):
        raise Http404("not a member of this organisation")
    return organisation


def _organisation(request: HttpRequest, org_id: int) -> Organisation:
    """The organisation of the URL, or 404 for anyone who holds no role in it today."""
    return _member_or_404(request, get_object_or_404(Organisation.objects.select_related("unit"), pk=org_id))


def _owned[ModelT: Model](request: HttpRequest, model: type[ModelT], pk: int) -> ModelT:
    """An object of this app that belongs to an organisation, or 404 for anyone holding no role in it today."""
    found = get_object_or_404(model._default_manager.select_related("organisation", "organisation__unit"), pk=pk)
    _member_or_404(request, found.organisation)  # type: ignore[attr-defined]
    return found


def _conference(request: HttpRequest, conference_id: int) -> Conference:
    return _owned(request, Conference, conference_id)


def _consultation(request: HttpRequest, consultation_id: int) -> Consultation:
    """A staff consultation (a ``consultations.Consultation`` an organisation owns), 404 outside its members."""
    found = get_object_or_404(
        Consultation.objects.filter(organisation__isnull=False).select_related("organisation", "organisation__unit"),
        pk=consultation_id,
    )
    _member_or_404(request, _owner(found))
    return found


def _owner(consultation: Consultation) -> Organisation:
    """The organisation that owns a staff consultation (``_consultation`` only returns owned ones)."""
    if consultation.organisation is None:
        raise Http404("not a staff consultation")
    return consultation.organisation


def _dialogue(request: HttpRequest, dialogue_id: int) -> WorkplaceDialogue:
    return _owned(request, WorkplaceDialogue, dialogue_id)


def _ballot(request: HttpRequest, ballot_id: int) -> StaffBallot:
    return _owned(request, StaffBallot, ballot_id)


def _url(name: str, obj: Any) -> str:
    return reverse(f"workplaces:{name}", args=[getattr(obj, "pk", obj)])


def _home_url(organisation: Organisation | int) -> str:
    return _url("organisation_home", organisation)


def _conference_url(conference: Conference | int) -> str:
    return _url("conference_detail", conference)


def _consultation_url(consultation: Consultation | int) -> str:
    return _url("consultation_detail", consultation)


def _dialogue_url(dialogue: WorkplaceDialogue | int) -> str:
    return _url("dialogue_detail", dialogue)


def _ballot_url(ballot: StaffBallot | int) -> str:
    return _url("ballot_detail", ballot)


def _object_form(
    request: HttpRequest,
    form: Any,
    *,
    action: Action,
    organisation: Organisation,
    back_url: str,
    subject: str,
    perform: Any,
    message: str,
    heading: str,
    available: bool = True,
    legal_basis: str = "",
) -> HttpResponse:
    """The one form page of an action on a conference, consultation, dialogue or ballot: back to its page."""
    return form_page(
        request,
        form,
        action=action,
        organisation=organisation,
        available=available,
        perform=perform,
        done=lambda _result: Done(message, back_url),
        template=TEMPLATE,
        context={"heading": heading, "back_url": back_url, "subject": subject, "legal_basis": legal_basis},
    )


def _can(request: HttpRequest, action: Action, organisation: Organisation) -> bool:
    return user_can_in_organisation(request.user, action, organisation)
