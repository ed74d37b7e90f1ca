"""Pages of elections, dismissals and citizen initiatives (law.md §1(c), §1(b) art. 16).

Same shape as ``views``: parse → authorize (404 outside the user's units, 403 visible but not
changeable) → one service call → redirect to the record page, or re-render the form with the
service's Vietnamese message and the user's input kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from grassroots.accounts.authorize import (
    action_required,
    get_object_in_units,
    require_action,
    require_any_action,
)
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.elections import rules, services
from grassroots.elections.forms import (
    CandidateForm,
    CandidateMinutesForm,
    ElectionForm,
    ElectionMeetingForm,
    ElectionOpenForm,
    FloorNominationForm,
    PersonForm,
    StepDateForm,
)
from grassroots.elections.models import Dismissal, Election, ElectionKind
from grassroots.elections.services import ELECTION_ORGANISERS, community_residents
from grassroots.units import selectors as unit_selectors
from grassroots.units.models import AdministrativeUnit, Resident, UnitLevel
from grassroots.voting import selectors as vote_selectors
from grassroots.voting import services as vote_services
from grassroots.voting.forms import RefuseForm
from grassroots.voting.rules.forms import candidate_list_due

RESIDENT_RESULTS = 20
NEW_ACCOUNTS_SESSION_KEY = "decisions-new-accounts-%s"

MILESTONE_LABELS = {
    rules.Milestone.PLAN: gettext_lazy("Quyết định và kế hoạch bầu (trước ít nhất 20 ngày)"),
    rules.Milestone.CANDIDATES: gettext_lazy("Chốt danh sách người ứng cử (trước ít nhất 15 ngày)"),
    rules.Milestone.TEAM: gettext_lazy("Thành lập Tổ bầu cử (trước ít nhất 10 ngày)"),
    rules.Milestone.NOTICE: gettext_lazy("Niêm yết, thông báo (trước ít nhất 7 ngày)"),
}


def _community(request: HttpRequest, community_id: int) -> AdministrativeUnit:
    return get_object_in_units(
        request, AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNITY), "", pk=community_id
    )


def _commune_of(community: AdministrativeUnit) -> AdministrativeUnit | None:
    return unit_selectors.commune_of(community)


ORGANISE_ACTIONS = (Action.ACT_FOR_PEOPLES_COMMITTEE, Action.ACT_FOR_FRONT)
"""The People's Committee organises village-head elections, the Front the boards' ([ND59] arts 6, 13, 17)."""
DISMISSAL_ACTIONS = (Action.ACT_FOR_PEOPLES_COMMITTEE, Action.ACT_FOR_FRONT_WORK_COMMITTEE)
"""The commune (a resignation letter to the Chair) or the Front work committee starts a dismissal ([ND59] art. 9)."""
CONVENE_DISMISSAL_ACTIONS = (Action.ACT_FOR_FRONT_WORK_COMMITTEE, Action.RUN_COMMUNE_VOTES)
"""The Front work-committee head convenes; the commune Chair when the head is also the Front head ([ND59] art. 3(1))."""


def _may(user: Any, action: Action, unit: AdministrativeUnit | int | None) -> bool:
    return unit is not None and vote_services.may(user, action, unit, clock.today())


def _form_error(form: forms.Form, error: DomainError) -> None:
    form.add_error(None, error.message)


# --- Elections --------------------------------------------------------------------------------


def can_organise(user: Any, community: AdministrativeUnit, kind: str) -> bool:
    """The commune Chair for village heads; the commune Front for the boards ([ND59] art. 6; [L] arts 36, 41)."""
    return services.can_organise(user, community, kind)


def milestone_rows(election: Election, today: dt.date) -> list[dict[str, Any]]:
    """Each preparation step: its latest day, when it was done, and whether it is late."""
    plan = rules.election_milestones(election.election_date)
    steps = [
        (rules.Milestone.PLAN, plan.plan_by, election.decision_issued_on),
        (rules.Milestone.CANDIDATES, plan.candidates_by, election.candidates_fixed_on),
        (rules.Milestone.TEAM, plan.team_by, election.team_formed_on),
        (rules.Milestone.NOTICE, plan.notice_by, election.notice_posted_on),
    ]
    rows = []
    for milestone, due, done in steps:
        state = ("done" if done <= due else "late") if done is not None else ("overdue" if today > due else "pending")
        rows.append(
            {"key": milestone.value, "label": MILESTONE_LABELS[milestone], "due": due, "done": done, "state": state}
        )
    return rows


def _election_for(request: HttpRequest, election_id: int) -> Election:
    return get_object_in_units(
        request, Election.objects.select_related("community", "vote", "rerun_of"), "community", pk=election_id
    )


def _to_election(election: Election) -> HttpResponse:
    return redirect("elections:election_detail", election_id=election.pk)


@action_required(Action.VIEW_UNIT)
def election_list(request: HttpRequest) -> HttpResponse:
    elections = Election.objects.filter(community__in=_visible_communities(request)).select_related("community")
    dismissals = Dismissal.objects.filter(community__in=_visible_communities(request)).select_related("community")
    communities = [c for c in _visible_communities(request) if _may_start_anything(request.user, c)]
    context = {"elections": elections[:100], "dismissals": dismissals[:50], "communities": communities}
    return render(request, "elections/election_list.html", context)


def _visible_communities(request: HttpRequest) -> QuerySet[AdministrativeUnit]:
    from grassroots.accounts.authorize import visible_unit_ids

    return AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNITY, pk__in=visible_unit_ids(request)).order_by(
        "name"
    )


def _may_start_anything(user: Any, community: AdministrativeUnit) -> bool:
    return any(can_organise(user, community, kind) for kind in ELECTION_ORGANISERS) or services.can_request_dismissal(
        user, community
    )


@action_required(*ORGANISE_ACTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def election_new(request: HttpRequest, community_id: int) -> HttpResponse:
    community = _community(request, community_id)
    require_any_action(request, ORGANISE_ACTIONS, community)
    form = ElectionForm(
        request.POST if request.method == "POST" else None, initial={"decision_issued_on": clock.today()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not can_organise(request.user, community, data["kind"]):
            form.add_error("kind", _("Bạn không có thẩm quyền tổ chức cuộc bầu này."))
        else:
            try:
                election = services.election_create(
                    community=community,
                    kind=data["kind"],
                    election_date=data["election_date"],
                    decision_issued_on=data["decision_issued_on"],
                    seats=data["seats"],
                    project_name=data["project_name"],
                    actor=request.user,
                )
            except DomainError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("Đã tạo cuộc bầu và lịch các mốc chuẩn bị."))
                return _to_election(election)
    return render(request, "elections/election_new.html", {"form": form, "community": community})


def _election_context(request: HttpRequest, election: Election, **forms_: Any) -> dict[str, Any]:
    today = clock.today()
    can_change = can_organise(request.user, election.community, election.kind)
    context: dict[str, Any] = {
        "election": election,
        "milestones": milestone_rows(election, today),
        "candidates": election.candidates.all(),
        "team": election.team.all(),
        "can_change": can_change,
        "is_recogniser": can_change,
        "tally": vote_selectors.tally(election.vote)
        if election.vote and election.vote.eligible_count is not None
        else None,
        "candidate_form": CandidateForm(prefix="candidate"),
        "new_accounts": request.session.pop(NEW_ACCOUNTS_SESSION_KEY % election.pk, None),
        "team_form": PersonForm(prefix="team"),
        "fix_form": StepDateForm(prefix="fix", initial={"on": today}),
        "form_team_form": StepDateForm(prefix="formteam", initial={"on": today}),
        "announce_form": StepDateForm(prefix="announce", initial={"on": today}),
        "open_form": ElectionOpenForm(),
        "meeting_form": ElectionMeetingForm(
            prefix="meeting", initial={"meeting_at": dt.datetime.combine(election.election_date, dt.time(8, 0))}
        ),
        "meeting_notice": services.election_meeting_notice(election),
        "meeting_notice_due": services.election_meeting_notice_due(election),
        "refuse_form": RefuseForm(),
        "rerun_form": StepDateForm(prefix="rerun"),
        "floor_form": FloorNominationForm(prefix="floor"),
        "minutes_form": CandidateMinutesForm(prefix="mau05"),
        "by_election_form": StepDateForm(prefix="byelection"),
        "is_meeting_day": election.is_announced and today == election.election_date,
        "candidate_list_due": candidate_list_due(election.election_date),
        "unfilled": rules.unfilled_seats(
            seats=election.seats, elected=sum(1 for c in election.candidates.all() if c.is_elected)
        )
        if election.is_elected or election.is_recognised
        else 0,
        "by_elections": election.by_elections.all(),
        "officials": vote_selectors.meeting_officials(election.vote) if election.vote else None,
        "recogniser_label": (
            _("Chủ tịch UBND xã") if election.kind == ElectionKind.VILLAGE_HEAD else _("Ban Thường trực Ủy ban MTTQ xã")
        ),
    }
    context.update(forms_)
    return context


def resident_matches(election: Election, search: str) -> list[Resident]:
    """Residents of the election's community matching a name or household code (the candidate picker)."""
    if not search:
        return []
    residents = community_residents(election.community_id, clock.today())
    found = residents.filter(Q(full_name__icontains=search) | Q(household__code__icontains=search))
    return list(found.order_by("full_name", "pk")[:RESIDENT_RESULTS])


@action_required(Action.VIEW_UNIT, per_object=True)
def election_detail(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election_for(request, election_id)
    require_action(request, Action.VIEW_UNIT, election.community_id)
    search = request.GET.get("q", "").strip()[:60]
    results = resident_matches(election, search)
    if getattr(request, "htmx", False) and "q" in request.GET:
        context = {"election": election, "search": search, "results": results}
        return render(request, "elections/_resident_results.html", context)
    context = _election_context(request, election)
    context.update({"search": search, "results": results})
    return render(request, "elections/election_detail.html", context)


def _election_action(request: HttpRequest, election_id: int) -> Election:
    election = _election_for(request, election_id)
    require_action(request, ELECTION_ORGANISERS[election.kind], election.community_id)
    return election


def _refused(request: HttpRequest, election: Election, error: DomainError, **forms_: Any) -> HttpResponse:
    """Re-render the record page with the message at the top and the submitted form kept."""
    for form in forms_.values():
        _form_error(form, error)
    context = _election_context(request, election, **forms_)
    if not forms_:
        context["action_error"] = error.message
    return render(request, "elections/election_detail.html", context, status=200)


@action_required(*ORGANISE_ACTIONS, per_object=True)
@require_POST
def election_candidate_add(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election_action(request, election_id)
    form = CandidateForm(request.POST, prefix="candidate")
    if not form.is_valid():
        error = DomainError("decisions.form", _("Cần chọn một người dân hoặc nhập họ và tên."))
        return _refused(request, election, error, candidate_form=form)
    resident = None
    if form.cleaned_data["resident"]:
        resident = get_object_or_404(
            community_residents(election.community_id, clock.today()), pk=form.cleaned_data["resident"]
        )
    try:
        services.election_candidate_add(
            election=election, full_name=form.cleaned_data["full_name"] or "", resident=resident, actor=request.user
        )
    except DomainError as error:
        return _refused(request, election, error, candidate_form=form)
    messages.success(request, _("Đã thêm người ứng cử."))
    return _to_election(election)


@action_required(*ORGANISE_ACTIONS, per_object=True)
@require_POST
def election_team_add(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election_action(request, election_id)
    form = PersonForm(request.POST, prefix="team")
    if not form.is_valid():
        return _refused(request, election, DomainError("decisions.form", _("Cần nhập họ và tên.")), team_form=form)
    try:
        services.election_team_member_add(
            election=election,
            full_name=form.cleaned_data["full_name"],
            is_leader=form.cleaned_data["is_leader"],
            actor=request.user,
        )
    except DomainError as error:
        return _refused(request, election, error, team_form=form)
    messages.success(request, _("Đã thêm thành viên Tổ bầu cử."))
    return _to_election(election)


_STEPS = {
    "fix": ("fix_form", services.election_candidates_fix, gettext_lazy("Đã chốt danh sách người ứng cử.")),
    "formteam": ("form_team_form", services.election_team_form, gettext_lazy("Đã thành lập Tổ bầu cử.")),
    "announce": ("announce_form", services.election_announce, gettext_lazy("Đã niêm yết, thông báo cuộc bầu.")),
}


@action_required(*ORGANISE_ACTIONS, per_object=True)
@require_POST
def election_step(request: HttpRequest, election_id: int, step: str) -> HttpResponse:
    """Fix the candidate list, form the election team, or post the public notice, on a given day."""
    election = _election_action(request, election_id)
    if step not in _STEPS:
        return _to_election(election)
    form_name, service, done = _STEPS[step]
    form = StepDateForm(request.POST, prefix=step)
    if not form.is_valid():
        error = DomainError("decisions.form", _("Cần nhập ngày thực hiện."))
        return _refused(request, election, error, **{form_name: form})
    try:
        service(election=election, on=form.cleaned_data["on"], actor=request.user)
    except DomainError as error:
        return _refused(request, election, error, **{form_name: form})
    messages.success(request, str(done))
    return _to_election(election)


@action_required(*ORGANISE_ACTIONS, per_object=True)
@require_POST
def election_open(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election_action(request, election_id)
    form = ElectionOpenForm(request.POST)
    is_secret = bool(form.is_valid() and form.cleaned_data["is_secret"])
    try:
        vote = services.election_open(election=election, is_secret=is_secret, actor=request.user)
    except DomainError as error:  # e.g. no Mẫu 01 2 days before ([ND59] art. 3(3)): the message at the top
        return _refused(request, election, error)
    messages.success(request, _("Đã mở cuộc bầu: điểm danh và ghi phiếu của từng hộ."))
    return redirect("voting:meeting_register", vote_id=vote.pk)


@action_required(*ORGANISE_ACTIONS, per_object=True)
@require_POST
def election_meeting_schedule(request: HttpRequest, election_id: int) -> HttpResponse:
    """Call the election meeting and issue its notice (Mẫu 01), dated today by the server ([ND59] art. 3(3))."""
    election = _election_action(request, election_id)
    form = ElectionMeetingForm(request.POST, prefix="meeting")
    if not form.is_valid():
        error = DomainError("decisions.form", _("Cần nhập thời gian và địa điểm họp."))
        return _refused(request, election, error, meeting_form=form)
    try:
        services.election_meeting_schedule(
            election=election,
            meeting_at=form.cleaned_data["meeting_at"],
            place=form.cleaned_data["place"],
            actor=request.user,
        )
    except DomainError as error:
        return _refused(request, election, error, meeting_form=form)
    messages.success(request, _("Đã triệu tập hội nghị bầu và lập thông báo (Mẫu 01) gửi các hộ."))
    return _to_election(election)


@action_required(*ORGANISE_ACTIONS, per_object=True)
@require_POST
def election_count(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election_action(request, election_id)
    try:
        services.election_count(election=election, actor=request.user)
    except DomainError as error:
        return _refused(request, election, error)
    messages.success(request, _("Đã kiểm phiếu và gửi kết quả."))
    return _to_election(election)


@action_required(*ORGANISE_ACTIONS, per_object=True)
@require_POST
def election_recognise(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election_action(request, election_id)
    try:
        recognition = services.election_recognise_with_accounts(election=election, actor=request.user)
    except DomainError as error:
        return _refused(request, election, error)
    if recognition.accounts:
        # Shown once on the next page (popped from the session there), never stored elsewhere.
        request.session[NEW_ACCOUNTS_SESSION_KEY % election.pk] = [
            {"full_name": a.full_name, "username": a.username, "password": a.temporary_password}
            for a in recognition.accounts
        ]
    messages.success(request, _("Đã công nhận kết quả bầu; người trúng cử nhận nhiệm vụ từ hôm nay."))
    return _to_election(election)


@action_required(*ORGANISE_ACTIONS, per_object=True)
@require_POST
def election_refuse(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election_action(request, election_id)
    form = RefuseForm(request.POST)
    if not form.is_valid():
        error = DomainError("decisions.election.reason_required", _("Cần nêu lý do."))
        return _refused(request, election, error, refuse_form=form)
    try:
        services.election_refuse(election=election, reason=form.cleaned_data["reason"], actor=request.user)
    except DomainError as error:
        return _refused(request, election, error, refuse_form=form)
    messages.success(request, _("Đã ghi nhận việc không công nhận và lý do."))
    return _to_election(election)


@action_required(*ORGANISE_ACTIONS, per_object=True)
@require_POST
def election_rerun(request: HttpRequest, election_id: int) -> HttpResponse:
    election = _election_action(request, election_id)
    form = StepDateForm(request.POST, prefix="rerun")
    if not form.is_valid():
        error = DomainError("decisions.form", _("Cần nhập ngày bầu lại."))
        return _refused(request, election, error, rerun_form=form)
    try:
        rerun = services.election_rerun_order(
            election=election, election_date=form.cleaned_data["on"], actor=request.user
        )
    except DomainError as error:
        return _refused(request, election, error, rerun_form=form)
    messages.success(request, _("Đã quyết định bầu lại."))
    return _to_election(rerun)


@action_required(*ORGANISE_ACTIONS, per_object=True)
@require_POST
def election_floor_nominate(request: HttpRequest, election_id: int) -> HttpResponse:
    """A nomination or self-nomination from the floor, on the election day before the vote opens."""
    election = _election_action(request, election_id)
    form = FloorNominationForm(request.POST, prefix="floor")
    if not form.is_valid():
        return _refused(request, election, DomainError("decisions.form", _("Cần nhập họ và tên.")), floor_form=form)
    try:
        services.election_floor_nominate(
            election=election,
            full_name=form.cleaned_data["full_name"],
            is_self_nominated=form.cleaned_data["is_self_nominated"],
            nominated_by=form.cleaned_data["nominated_by"],
            actor=request.user,
        )
    except DomainError as error:
        return _refused(request, election, error, floor_form=form)
    messages.success(request, _("Đã thêm người được đề cử, tự ứng cử tại hội nghị."))
    return _to_election(election)


@action_required(*ORGANISE_ACTIONS, per_object=True)
@require_POST
def election_candidate_minutes(request: HttpRequest, election_id: int) -> HttpResponse:
    """Mẫu 05: the candidate-list minutes, due at the People's Committee ≥ 15 days before the election."""
    election = _election_action(request, election_id)
    form = CandidateMinutesForm(request.POST, prefix="mau05")
    if not form.is_valid():
        error = DomainError("decisions.form", _("Cần ghi thành phần Ban công tác Mặt trận."))
        return _refused(request, election, error, minutes_form=form)
    try:
        services.candidate_list_minutes_issue(election=election, front_committee=form.members(), actor=request.user)
    except DomainError as error:
        return _refused(request, election, error, minutes_form=form)
    messages.success(request, _("Đã lập biên bản danh sách người ứng cử (Mẫu 05)."))
    return _to_election(election)


@action_required(*ORGANISE_ACTIONS, per_object=True)
@require_POST
def election_by_election(request: HttpRequest, election_id: int) -> HttpResponse:
    """Seats left empty after the count: a by-election for them."""
    election = _election_action(request, election_id)
    form = StepDateForm(request.POST, prefix="byelection")
    if not form.is_valid():
        error = DomainError("decisions.form", _("Cần nhập ngày bầu bổ sung."))
        return _refused(request, election, error, by_election_form=form)
    try:
        by_election = services.election_by_election_order(
            election=election, election_date=form.cleaned_data["on"], actor=request.user
        )
    except DomainError as error:
        return _refused(request, election, error, by_election_form=form)
    messages.success(request, _("Đã quyết định bầu bổ sung."))
    return _to_election(by_election)
