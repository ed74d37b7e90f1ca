"""Pages of a village head's dismissal: the request, the meeting, the result and its recognition ([ND59] art. 9)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from grassroots.accounts.authorize import (
    action_required,
    get_object_in_units,
    require,
    require_action,
    require_any_action,
)
from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.elections import rules, selectors, services
from grassroots.elections.forms import (
    CommuneDecisionForm,
    DismissalForm,
    DismissalMeetingForm,
    InterimForm,
)
from grassroots.elections.models import Dismissal, DismissalGround, DismissalStatus, Election
from grassroots.elections.services import head_is_front_head
from grassroots.elections.views import (
    CONVENE_DISMISSAL_ACTIONS,
    DISMISSAL_ACTIONS,
    _commune_of,
    _community,
    _form_error,
    _may,
)
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.voting import services as vote_services


def _can_request_dismissal(user: Any, community: AdministrativeUnit) -> bool:
    return services.can_request_dismissal(user, community)


def _current_heads(community: AdministrativeUnit) -> QuerySet[User]:
    ids = RoleMembership.objects.active_on(clock.today()).filter(unit=community, role=Role.VILLAGE_HEAD)
    return User.objects.filter(pk__in=ids.values("user_id")).order_by("full_name")


def _community_people(community: AdministrativeUnit) -> QuerySet[User]:
    members = RoleMembership.objects.filter(unit=community).values("user_id")
    return User.objects.filter(pk__in=members, is_active=True).order_by("full_name")


@action_required(*DISMISSAL_ACTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def dismissal_new(request: HttpRequest, community_id: int) -> HttpResponse:
    community = _community(request, community_id)
    require_any_action(request, DISMISSAL_ACTIONS, community)
    form = DismissalForm(request.POST if request.method == "POST" else None, heads=_current_heads(community))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dismissal = services.dismissal_request(
                community=community,
                head=data["head"],
                ground=data["ground"],
                reason=data["reason"],
                petition_households=data["petition_households"] or 0,
                actor=request.user,
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Đã ghi nhận đề nghị cho thôi làm Trưởng thôn."))
            return redirect("elections:dismissal_detail", dismissal_id=dismissal.pk)
    context = {
        "form": form,
        "community": community,
        "households": Household.objects.of_unit_on(community, clock.today()).count(),
        "petition_percent": rules.DISMISSAL_PETITION_PERCENT,
    }
    return render(request, "elections/dismissal_new.html", context)


def _dismissal_for(request: HttpRequest, dismissal_id: int) -> Dismissal:
    return get_object_in_units(
        request,
        Dismissal.objects.select_related("community", "head", "vote", "interim_user"),
        "community",
        pk=dismissal_id,
    )


def _dismissal_context(request: HttpRequest, dismissal: Dismissal, **forms_: Any) -> dict[str, Any]:
    today = clock.today()
    commune = _commune_of(dismissal.community)
    exception = head_is_front_head(dismissal, today)
    due = selectors.new_election_due(dismissal)
    context: dict[str, Any] = {
        "dismissal": dismissal,
        "today": today,
        "head_is_front_head": exception,
        "can_convene": _can_convene_dismissal(request.user, dismissal, exception),
        "can_request": _can_request_dismissal(request.user, dismissal.community),
        "can_recognise": _may(request.user, Action.ACT_FOR_PEOPLES_COMMITTEE, commune),
        "new_election_due": due,
        "meeting_form": DismissalMeetingForm(),
        "interim_form": InterimForm(people=_community_people(dismissal.community)),
        "election_overdue": due is not None and today > due,
        # The 60-day clock stops once the commune decides a new election for the community ([ND59] art. 9(3)).
        "election_pending": not (
            dismissal.recognised_on is not None
            and Election.objects.filter(
                community=dismissal.community, decision_issued_on__gte=dismissal.recognised_on
            ).exists()
        ),
        "interim_over": bool(dismissal.interim_until and today >= dismissal.interim_until),
        "is_petition": dismissal.ground == DismissalGround.HOUSEHOLD_PETITION,
        "is_undecided": dismissal.status == DismissalStatus.UNDECIDED,
        "commune_form": CommuneDecisionForm(prefix="commune", initial={"front_agreed_on": today}),
    }
    context.update(forms_)
    return context


def _can_convene_dismissal(user: Any, dismissal: Dismissal, exception: bool) -> bool:
    """The Front work-committee head convenes; the commune Chair when the head is also the Front head."""
    if exception:
        return _may(user, Action.RUN_COMMUNE_VOTES, dismissal.community)
    return _may(user, Action.ACT_FOR_FRONT_WORK_COMMITTEE, dismissal.community)


@action_required(Action.VIEW_UNIT, per_object=True)
def dismissal_detail(request: HttpRequest, dismissal_id: int) -> HttpResponse:
    dismissal = _dismissal_for(request, dismissal_id)
    require_action(request, Action.VIEW_UNIT, dismissal.community_id)
    return render(request, "elections/dismissal_detail.html", _dismissal_context(request, dismissal))


def _dismissal_refused(request: HttpRequest, dismissal: Dismissal, error: DomainError, **forms_: Any) -> HttpResponse:
    for form in forms_.values():
        _form_error(form, error)
    context = _dismissal_context(request, dismissal, **forms_)
    if not forms_:
        context["action_error"] = error.message
    return render(request, "elections/dismissal_detail.html", context)


@action_required(*CONVENE_DISMISSAL_ACTIONS, per_object=True)
@require_POST
def dismissal_meeting(request: HttpRequest, dismissal_id: int) -> HttpResponse:
    """The head of the Front work committee convenes the dismissal meeting ([ND59] art. 9(2)); the commune
    Chair does when the head is also the Front head ([ND59] art. 3(1))."""
    dismissal = _dismissal_for(request, dismissal_id)
    require_any_action(request, CONVENE_DISMISSAL_ACTIONS, dismissal.community)
    exception = head_is_front_head(dismissal, clock.today())
    if exception and _may(request.user, Action.ACT_FOR_FRONT_WORK_COMMITTEE, dismissal.community):
        error = DomainError(
            "decisions.convenor.head_is_front_head",
            str(vote_services.MESSAGES["decisions.convenor.head_is_front_head"]),
        )
        return _dismissal_refused(request, dismissal, error)
    require(_can_convene_dismissal(request.user, dismissal, exception))
    form = DismissalMeetingForm(request.POST)
    if not form.is_valid():
        error = DomainError("decisions.form", _("Cần nhập thời gian họp."))
        return _dismissal_refused(request, dismissal, error, meeting_form=form)
    try:
        vote = services.dismissal_open_vote(
            dismissal=dismissal,
            starts_at=form.cleaned_data["starts_at"],
            front_chair_agreed=form.cleaned_data["front_chair_agreed"],
            actor=request.user,
        )
    except DomainError as error:
        return _dismissal_refused(request, dismissal, error, meeting_form=form)
    messages.success(request, _("Đã tạo cuộc họp cho thôi làm; hãy ghi nhận thông báo họp."))
    return redirect("voting:vote_detail", vote_id=vote.pk)


@action_required(*CONVENE_DISMISSAL_ACTIONS, per_object=True)
@require_POST
def dismissal_conclude(request: HttpRequest, dismissal_id: int) -> HttpResponse:
    dismissal = _dismissal_for(request, dismissal_id)
    require_any_action(request, CONVENE_DISMISSAL_ACTIONS, dismissal.community)
    require(_can_convene_dismissal(request.user, dismissal, head_is_front_head(dismissal, clock.today())))
    try:
        services.dismissal_conclude(dismissal=dismissal, actor=request.user)
    except DomainError as error:
        return _dismissal_refused(request, dismissal, error)
    messages.success(request, _("Đã ghi nhận kết quả và gửi UBND xã."))
    return redirect("elections:dismissal_detail", dismissal_id=dismissal.pk)


@action_required(Action.ACT_FOR_PEOPLES_COMMITTEE, per_object=True)
@require_POST
def dismissal_recognise(request: HttpRequest, dismissal_id: int) -> HttpResponse:
    dismissal = _dismissal_for(request, dismissal_id)
    require_action(request, Action.ACT_FOR_PEOPLES_COMMITTEE, dismissal.community_id)
    form = InterimForm(request.POST, people=_community_people(dismissal.community))
    if not form.is_valid():
        error = DomainError("decisions.form", _("Người tạm thời làm Trưởng thôn không hợp lệ."))
        return _dismissal_refused(request, dismissal, error, interim_form=form)
    try:
        services.dismissal_recognise(
            dismissal=dismissal, interim_user=form.cleaned_data["interim_user"], actor=request.user
        )
    except DomainError as error:
        return _dismissal_refused(request, dismissal, error, interim_form=form)
    messages.success(request, _("Đã công nhận việc cho thôi làm Trưởng thôn."))
    return redirect("elections:dismissal_detail", dismissal_id=dismissal.pk)


@action_required(Action.ACT_FOR_PEOPLES_COMMITTEE, per_object=True)
@require_POST
def dismissal_commune_decide(request: HttpRequest, dismissal_id: int) -> HttpResponse:
    """The community could not agree: the People's Committee decides with the commune Front ([ND59] art. 9(3))."""
    dismissal = _dismissal_for(request, dismissal_id)
    require_action(request, Action.ACT_FOR_PEOPLES_COMMITTEE, dismissal.community_id)
    form = CommuneDecisionForm(request.POST, prefix="commune")
    interim = InterimForm(request.POST, people=_community_people(dismissal.community))
    if not form.is_valid() or not interim.is_valid():
        error = DomainError("decisions.form", _("Cần chọn quyết định, ngày thống nhất và lý do."))
        return _dismissal_refused(request, dismissal, error, commune_form=form)
    try:
        services.dismissal_commune_decide(
            dismissal=dismissal,
            dismiss=form.cleaned_data["dismiss"],
            front_agreed_on=form.cleaned_data["front_agreed_on"],
            reason=form.cleaned_data["reason"],
            interim_user=interim.cleaned_data["interim_user"] if form.cleaned_data["dismiss"] else None,
            actor=request.user,
        )
    except DomainError as error:
        return _dismissal_refused(request, dismissal, error, commune_form=form)
    messages.success(request, _("Đã ghi nhận quyết định của UBND xã."))
    return redirect("elections:dismissal_detail", dismissal_id=dismissal.pk)
