"""Pages of citizen initiatives (law.md §1(b), [L] art. 16(3)).

Same shape as ``views``: parse → authorize (404 outside the user's units, 403 visible but not
changeable) → one service call → redirect to the record page, or re-render the form with the
service's Vietnamese message and the user's input kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from grassroots.accounts.authorize import action_required, get_object_in_units, require, require_action
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.initiatives import rules, services
from grassroots.initiatives.forms import InitiativeDecideForm, InitiativeForm
from grassroots.initiatives.models import Initiative, InitiativeStatus
from grassroots.initiatives.services import valid_signature_count
from grassroots.units import selectors as unit_selectors
from grassroots.units.models import AdministrativeUnit, Household, UnitLevel
from grassroots.voting import selectors as vote_selectors
from grassroots.voting import services as vote_services
from grassroots.voting.models import CommunityVote, VoteStatus


def _community(request: HttpRequest, community_id: int) -> AdministrativeUnit:
    return get_object_in_units(
        request, AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNITY), "", pk=community_id
    )


def _commune_of(community: AdministrativeUnit) -> AdministrativeUnit | None:
    return unit_selectors.commune_of(community)


def _may(user: Any, action: Action, community: AdministrativeUnit) -> bool:
    return vote_services.may(user, action, community, clock.today())


def _form_error(form: forms.Form, error: DomainError) -> None:
    form.add_error(None, error.message)


# --- Citizen initiatives ----------------------------------------------------------------------


def _initiative_for(request: HttpRequest, initiative_id: int) -> Initiative:
    return get_object_in_units(
        request, Initiative.objects.select_related("community", "initiator", "vote"), "community", pk=initiative_id
    )


@action_required(Action.VIEW_UNIT, per_object=True)
def initiative_list(request: HttpRequest, community_id: int) -> HttpResponse:
    community = _community(request, community_id)
    require_action(request, Action.VIEW_UNIT, community.pk)
    context = {
        "community": community,
        "initiatives": Initiative.objects.filter(community=community)[:100],
        "can_start": vote_selectors.represented_household(request.user, community.pk) is not None,
    }
    return render(request, "initiatives/initiative_list.html", context)


@action_required(Action.VIEW_UNIT, per_object=True)
@require_http_methods(["GET", "POST"])
def initiative_new(request: HttpRequest, community_id: int) -> HttpResponse:
    """A household representative starts an initiative; their household signs it at once."""
    community = _community(request, community_id)
    require_action(request, Action.VIEW_UNIT, community.pk)
    household = vote_selectors.represented_household(request.user, community.pk)
    require(household is not None)
    assert household is not None
    form = InitiativeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                initiative = services.initiative_create(
                    community=community,
                    matter=data["matter"],
                    title=data["title"],
                    description=data["description"],
                    actor=request.user,
                )
                services.initiative_sign(initiative=initiative, household=household, actor=request.user)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Đã tạo đề xuất; hộ của bạn đã ủng hộ."))
            return redirect("initiatives:initiative_detail", initiative_id=initiative.pk)
    return render(request, "initiatives/initiative_new.html", {"form": form, "community": community})


def initiative_progress(initiative: Initiative, today: dt.date) -> dict[str, Any]:
    households = Household.objects.of_unit_on(initiative.community_id, today).count()
    valid = valid_signature_count(initiative, today)
    return {
        "valid": valid,
        "households": households,
        "required": rules.initiative_required_signatures(households),
        "percent": rules.INITIATIVE_SUPPORT_PERCENT,
        "eligible": bool(
            rules.initiative_eligible(
                valid_signatures=valid, households=households, front_approved=initiative.front_approved
            )
        ),
    }


@action_required(Action.VIEW_UNIT, per_object=True)
def initiative_detail(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = _initiative_for(request, initiative_id)
    require_action(request, Action.VIEW_UNIT, initiative.community_id)
    return render(request, "initiatives/initiative_detail.html", _initiative_context(request, initiative))


def _initiative_context(request: HttpRequest, initiative: Initiative, **forms_: Any) -> dict[str, Any]:
    today = clock.today()
    household = vote_selectors.represented_household(request.user, initiative.community_id)
    signatures = [
        {
            "signature": s,
            "until": rules.consent_valid_until(s.signed_on),
            "valid": rules.consent_is_valid(signed_on=s.signed_on, on=today),
        }
        for s in initiative.signatures.select_related("household").order_by("signed_on", "pk")
    ]
    context = {
        "initiative": initiative,
        "signatures": signatures,
        "progress": initiative_progress(initiative, today),
        "household": household,
        "has_signed": household is not None and initiative.signatures.filter(household=household).exists(),
        "is_collecting": initiative.status == InitiativeStatus.COLLECTING,
        "is_front_head": _may(request.user, Action.ACT_FOR_FRONT_WORK_COMMITTEE, initiative.community),
        "is_initiator": initiative.initiator_id == request.user.pk,
        "is_village_head": _is_village_head(request.user, initiative.community),
        "decide_form": InitiativeDecideForm(votes=_linkable_votes(initiative)),
    }
    context.update(forms_)
    return context


def _is_village_head(user: Any, community: AdministrativeUnit) -> bool:
    return _may(user, Action.RUN_COMMUNITY_VOTES, community)


def _linkable_votes(initiative: Initiative) -> QuerySet[CommunityVote]:
    """Votes of the community still in preparation or running, that an accepted initiative may go to."""
    return CommunityVote.objects.filter(
        unit_id=initiative.community_id, status__in=[VoteStatus.DRAFT, VoteStatus.SCHEDULED, VoteStatus.OPEN]
    ).order_by("-starts_at")


@action_required(Action.RUN_COMMUNITY_VOTES, per_object=True)
@require_POST
def initiative_decide(request: HttpRequest, initiative_id: int) -> HttpResponse:
    """The village head puts a submitted initiative to the community or records why not ([L] art. 16(3))."""
    initiative = _initiative_for(request, initiative_id)
    require_action(request, Action.RUN_COMMUNITY_VOTES, initiative.community_id)
    form = InitiativeDecideForm(request.POST, votes=_linkable_votes(initiative))
    if form.is_valid():
        try:
            services.initiative_decide(
                initiative=initiative,
                accepted=form.cleaned_data["accepted"],
                vote=form.cleaned_data["vote"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã ghi nhận quyết định về đề xuất."))
            return _to_initiative(initiative)
    context = _initiative_context(request, initiative, decide_form=form)
    return render(request, "initiatives/initiative_detail.html", context)


def _to_initiative(initiative: Initiative) -> HttpResponse:
    return redirect("initiatives:initiative_detail", initiative_id=initiative.pk)


@action_required(Action.VIEW_UNIT, per_object=True)
@require_POST
def initiative_sign(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = _initiative_for(request, initiative_id)
    require_action(request, Action.VIEW_UNIT, initiative.community_id)
    household = vote_selectors.represented_household(request.user, initiative.community_id)
    require(household is not None)
    assert household is not None
    try:
        services.initiative_sign(initiative=initiative, household=household, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Hộ của bạn đã ủng hộ đề xuất này."))
    return _to_initiative(initiative)


@action_required(Action.ACT_FOR_FRONT_WORK_COMMITTEE, per_object=True)
@require_POST
def initiative_approve(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = _initiative_for(request, initiative_id)
    require_action(request, Action.ACT_FOR_FRONT_WORK_COMMITTEE, initiative.community_id)
    try:
        services.initiative_front_approve(initiative=initiative, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Ban công tác Mặt trận đã đồng ý đưa đề xuất ra cộng đồng."))
    return _to_initiative(initiative)


@action_required(Action.VIEW_UNIT, per_object=True)
@require_POST
def initiative_submit(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = _initiative_for(request, initiative_id)
    require_action(request, Action.VIEW_UNIT, initiative.community_id)
    require(initiative.initiator_id == request.user.pk)
    try:
        services.initiative_submit(initiative=initiative, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã gửi đề xuất đến Trưởng thôn."))
    return _to_initiative(initiative)
