"""Pages of community decisions: the village head's meeting on a phone, the commune's recognition,
the household's online vote (one question per screen) and the community's public results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.authorize import (
    action_required,
    get_object_in_units,
    require_action,
)
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.units.models import AdministrativeUnit, Household, UnitLevel
from grassroots.voting import rules, selectors, services
from grassroots.voting.forms import (
    ClusterCountForm,
    ClusterSessionForm,
    CountForm,
    MeetingForm,
    MoveToBallotsForm,
    OfficersForm,
    OnlineAgreementForm,
    RecogniseForm,
    RefuseForm,
    RollAmendForm,
    ScheduleForm,
)
from grassroots.voting.history import HistoryLine
from grassroots.voting.models import (
    CommunityVote,
    VoteForm,
)
from grassroots.voting.services.documents import vote_minutes_issue, vote_recognition_decision_issue

EVENT_LABELS = {
    "decisions.vote.created": gettext_lazy("Tạo cuộc biểu quyết"),
    "decisions.vote.scheduled": gettext_lazy("Ghi nhận thông báo"),
    "decisions.vote.opened": gettext_lazy("Mở biểu quyết, chốt tổng số hộ"),
    "decisions.vote.closed": gettext_lazy("Kết thúc và kiểm phiếu"),
    "decisions.vote.submitted": gettext_lazy("Gửi UBND xã và Ủy ban MTTQ xã"),
    "decisions.vote.recognised": gettext_lazy("Công nhận"),
    "decisions.vote.refused": gettext_lazy("Không công nhận"),
    "decisions.vote.moved_to_ballots": gettext_lazy("Chuyển sang phát phiếu"),
    "decisions.vote.cancelled": gettext_lazy("Hủy"),
    "decisions.vote.officer_added": gettext_lazy("Thêm thành viên tổ"),
    "decisions.vote.ballots_counted": gettext_lazy("Nhập kết quả kiểm phiếu kín"),
    "decisions.vote.cluster_counted": gettext_lazy("Nhập kết quả kiểm phiếu của một cụm"),
    "decisions.vote.cluster_counts_totalled": gettext_lazy("Cộng kết quả các cụm"),
    "decisions.vote.minutes_issued": gettext_lazy("Lập biên bản"),
    "decisions.vote.decision_issued": gettext_lazy("Ban hành quyết định công nhận"),
    "decisions.meeting.attendance_marked": gettext_lazy("Điểm danh có mặt"),
    "decisions.meeting.attendance_unmarked": gettext_lazy("Bỏ điểm danh"),
    "decisions.meeting.officers_approved": gettext_lazy("Chọn thư ký, tổ kiểm phiếu"),
    "decisions.meeting.cluster_added": gettext_lazy("Thêm phiên họp cụm"),
    "decisions.vote.online_agreement_recorded": gettext_lazy("Ghi nhận thống nhất biểu quyết trực tuyến"),
    "decisions.vote.roll_amended": gettext_lazy("Sửa danh sách hộ (có lý do)"),
    "decisions.meeting.documents_delivered": gettext_lazy("Ghi sổ giao tài liệu"),
    "decisions.meeting.documents_delivery_cleared": gettext_lazy("Xóa một dòng sổ giao tài liệu"),
}
"""Words for the public history; participations are counted in the tally, not listed one by one."""

GROUP_LABELS = {
    "decisions.meeting.attendance_marked": gettext_lazy("Điểm danh %(count)s hộ"),
    "decisions.meeting.attendance_unmarked": gettext_lazy("Bỏ điểm danh %(count)s hộ"),
    "decisions.meeting.documents_delivered": gettext_lazy("Ghi sổ giao tài liệu cho %(count)s hộ"),
    "decisions.meeting.documents_delivery_cleared": gettext_lazy("Xóa %(count)s dòng sổ giao tài liệu"),
    "decisions.vote.officer_added": gettext_lazy("Thêm %(count)s thành viên tổ"),
}
"""Words for a run of the same step (``voting.history.group_history``)."""


def _vote_for(request: HttpRequest, vote_id: int) -> CommunityVote:
    """The vote, or 404 when it lies outside the user's units."""
    return get_object_in_units(request, CommunityVote.objects.select_related("unit", "convened_by"), "unit", pk=vote_id)


def _visible_vote(request: HttpRequest, vote_id: int) -> CommunityVote:
    """The vote to read: 404 outside the user's units, then ``Action.VIEW_UNIT`` on its unit."""
    vote = _vote_for(request, vote_id)
    require_action(request, Action.VIEW_UNIT, vote.unit_id)
    return vote


RUN_ACTIONS = (
    Action.RUN_COMMUNITY_VOTES,
    Action.RUN_COMMUNE_VOTES,
    Action.ACT_FOR_FRONT_WORK_COMMITTEE,
    Action.ACT_FOR_PEOPLES_COMMITTEE,
    Action.ACT_FOR_FRONT,
)
"""The powers that run a vote, by who convenes it (``rules.run_action``): the door of the running pages."""
RECOGNISE_ACTIONS = (Action.ACT_FOR_PEOPLES_COMMITTEE, Action.ACT_FOR_FRONT)


def _can_run(user: Any, vote: CommunityVote) -> bool:
    """The matrix decides: the action of the vote's convenor, held over the vote's unit ([L] art. 18(1))."""
    return services.may_run(user, vote, clock.today())


def _is_committee(user: Any, vote: CommunityVote) -> bool:
    """Acts for the commune People's Committee over the vote's commune (Law art. 22 revocations)."""
    commune_id = vote.unit_id if vote.is_commune_wide else vote.unit.parent_id
    return services.may(user, Action.ACT_FOR_PEOPLES_COMMITTEE, commune_id or vote.unit_id, clock.today())


def _require_runner(request: HttpRequest, vote: CommunityVote) -> None:
    """403 unless the matrix gives the user the power of the vote's convenor over its unit."""
    require_action(request, rules.run_action(convenor_role=vote.convenor_role, matter=vote.matter), vote.unit_id)


def _require_recogniser(request: HttpRequest, vote: CommunityVote) -> None:
    """403 unless the user acts for the body that recognises this matter (People's Committee or Front)."""
    recogniser = rules.recogniser_for(vote.matter, vote.scope)
    commune_id = vote.unit_id if vote.is_commune_wide else vote.unit.parent_id
    action = rules.RECOGNISER_ACTIONS.get(recogniser, Action.ACT_FOR_PEOPLES_COMMITTEE)
    require_action(request, action, commune_id or vote.unit_id)


def _domain_message(request: HttpRequest, error: DomainError) -> None:
    messages.error(request, error.message)


def _delivery_summary(vote: CommunityVote) -> dict[str, object] | None:
    if vote.form != VoteForm.MEETING or vote.scope != "community":
        return None
    if not rules.needs_documents(matter=vote.matter, purpose=vote.purpose):
        return None
    from grassroots.voting.views_meetings import delivery_summary

    return delivery_summary(vote)


def _history(vote: CommunityVote) -> list[tuple[HistoryLine, str]]:
    """The grouped public history with its words: "Điểm danh 180 hộ" for a run, the step's name for one."""
    lines = []
    for line in selectors.vote_history_lines(vote):
        label = str(EVENT_LABELS.get(line.code, line.code))
        if line.is_group:
            grouped = GROUP_LABELS.get(line.code)
            label = str(grouped % {"count": line.count}) if grouped else f"{label} ({line.count})"
        lines.append((line, label))
    return lines


def _act(request: HttpRequest, call: Callable[[], object], success: str, then: HttpResponse) -> HttpResponse:
    """One service call from a button: a refusal becomes the service's Vietnamese message, success its own."""
    try:
        call()
    except DomainError as error:
        _domain_message(request, error)
    else:
        messages.success(request, success)
    return then


def _detail(vote: CommunityVote) -> HttpResponse:
    return redirect("voting:vote_detail", vote_id=vote.pk)


@action_required(Action.USE_STAFF_PAGES)
def vote_list(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    context = {
        "votes": selectors.votes_visible_to(request.user, today)[:100],
        "awaiting": [
            (vote, selectors.recognition_due(vote))
            for vote in selectors.votes_awaiting_recognition(request.user, today)
        ],
        "communities": selectors.communities_convened_by(request.user, today),
        "communes": selectors.communes_run_by(request.user, today),
    }
    return render(request, "voting/vote_list.html", context)


@action_required(Action.RUN_COMMUNITY_VOTES, per_object=True)
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, community_id: int) -> HttpResponse:
    community = get_object_in_units(
        request, AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNITY), "", pk=community_id
    )
    require_action(request, Action.RUN_COMMUNITY_VOTES, community.pk)
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        documents_on = data["documents_delivered_on"]
        try:
            vote = services.meeting_convene(
                community=community,
                matter=data["matter"],
                title=data["title"],
                question=data["question"],
                starts_at=data["starts_at"],
                notice_given_at=clock.start_of_day(data["notice_given_on"]),
                documents_delivered_at=clock.start_of_day(documents_on) if documents_on else None,
                is_secret=data["is_secret"],
                convenor_role=rules.Convenor.VILLAGE_HEAD.value,
                actor=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã tạo cuộc họp và ghi nhận thông báo."))
            return _detail(vote)
    return render(request, "voting/meeting_new.html", {"form": form, "community": community})


@action_required(Action.VIEW_UNIT, per_object=True)
def vote_detail(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _visible_vote(request, vote_id)
    tally = selectors.tally(vote) if vote.eligible_count is not None else None
    recogniser = rules.recogniser_for(vote.matter, vote.scope)
    context = {
        "vote": vote,
        "tally": tally,
        "can_run": _can_run(request.user, vote),
        "needs_recognition": recogniser is not rules.Recogniser.NONE,
        "recogniser": recogniser.value,
        "is_recogniser": vote in selectors.votes_awaiting_recognition(request.user, clock.today()),
        "history": _history(vote),
        "officers": vote.officers.all(),
        "sessions": vote.sessions.all(),
        "officers_form": OfficersForm(),
        "refuse_form": RefuseForm(),
        "recognise_form": RecogniseForm(),
        "move_form": MoveToBallotsForm(),
        "count_form": CountForm(options=[(o.key, o.label) for o in vote.options.all()]) if vote.is_secret else None,
        "cluster_table": selectors.cluster_table(vote) if vote.is_ballot_campaign and vote.is_secret else None,
        "cluster_count_form": ClusterCountForm(options=[(o.key, o.label) for o in vote.options.all()])
        if vote.is_ballot_campaign and vote.is_secret
        else None,
        "rule": rules.scope_rule(vote.matter, vote.scope),
        "can_cluster": vote.is_clustered or selectors.cluster_allowed(vote),
        "cluster_form": ClusterSessionForm(),
        "session_rows": selectors.session_rows(vote),
        "commune_result": selectors.commune_result(vote) if vote.is_commune_wide else None,
        "delivery": _delivery_summary(vote),
        "period_end": selectors.period_end(vote) if vote.closed_at else None,
        "submission_due": selectors.submission_due(vote),
        "recognition_due": selectors.recognition_due(vote),
        "roll_amended": vote.roll_amendments.count(),
        "agreement": getattr(vote, "online_agreement", None),
        "agreement_form": _agreement_form(vote) if vote.is_online and vote.is_draft else None,
        "schedule_form": ScheduleForm(initial={"notice_given_on": clock.today()})
        if vote.is_draft and not vote.is_online and not vote.is_commune_wide
        else None,
        "revocation": selectors.revocation_of(vote),
        "replaces": getattr(vote, "replaces", None) if hasattr(vote, "replaces") else None,
        "can_revoke": selectors.is_in_force(vote)
        and (_can_run(request.user, vote) or _is_committee(request.user, vote)),
    }
    return render(request, "voting/vote_detail.html", context)


def _agreement_form(vote: CommunityVote, data: Any = None) -> OnlineAgreementForm:
    today = clock.today()
    return OnlineAgreementForm(
        data,
        initial={"agreed_on": today},
        heads=account_selectors.holders_of(Action.RUN_COMMUNITY_VOTES, vote.unit_id, today),
        front_heads=account_selectors.holders_of(Action.ACT_FOR_FRONT_WORK_COMMITTEE, vote.unit_id, today),
    )


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def online_agreement(request: HttpRequest, vote_id: int) -> HttpResponse:
    """Record that the village head and the Front work committee agreed to vote online ([L] art. 17(1)(c))."""
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    form = _agreement_form(vote, request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần chọn Trưởng thôn, Trưởng Ban công tác Mặt trận và ngày thống nhất."))
        return _detail(vote)
    return _act(
        request,
        lambda: services.online_agreement_record(vote=vote, actor=request.user, **form.cleaned_data),
        _("Đã ghi nhận việc thống nhất biểu quyết trực tuyến."),
        _detail(vote),
    )


@action_required(Action.VIEW_UNIT, per_object=True)
def roll(request: HttpRequest, vote_id: int) -> HttpResponse:
    """The vote's frozen roll of households, the corrections made to it with their reasons, and (for whoever
    runs the vote, before the count) the form to correct it."""
    vote = _visible_vote(request, vote_id)
    can_amend = _can_run(request.user, vote) and vote.is_open and not vote.is_counted
    context = {
        "vote": vote,
        "entries": selectors.roll_rows(vote),
        "amendments": selectors.roll_amendments(vote),
        "form": RollAmendForm() if can_amend else None,
    }
    return render(request, "voting/roll.html", context)


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def roll_amend(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    form = RollAmendForm(request.POST)
    to_roll = redirect("voting:roll", vote_id=vote.pk)
    if not form.is_valid():
        messages.error(request, _("Cần nhập mã hộ, nội dung sửa và lý do."))
        return to_roll
    data = form.cleaned_data
    household = Household.objects.filter(community_id=vote.unit_id, code=data["household_code"].strip()).first()
    if household is None:
        messages.error(request, _("Không có hộ mang mã này trong thôn, tổ dân phố."))
        return to_roll
    return _act(
        request,
        lambda: services.vote_roll_amend(
            vote=vote, household=household, kind=data["kind"], reason=data["reason"], actor=request.user
        ),
        _("Đã sửa danh sách hộ; lý do được ghi vào biên bản."),
        to_roll,
    )


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def vote_schedule_view(request: HttpRequest, vote_id: int) -> HttpResponse:
    """Record the notice of a vote prepared elsewhere (a commune-wide vote's village part), so it can open."""
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần nhập ngày đã thông báo đến các hộ."))
        return _detail(vote)
    data = form.cleaned_data
    delivered = data["documents_delivered_on"]
    return _act(
        request,
        lambda: services.vote_schedule(
            vote=vote,
            notice_given_at=clock.start_of_day(data["notice_given_on"]),
            documents_delivered_at=clock.start_of_day(delivered) if delivered else None,
            actor=request.user,
        ),
        _("Đã ghi nhận thông báo; đến giờ họp, bấm “Bắt đầu cuộc họp”."),
        _detail(vote),
    )


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def vote_open_view(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    try:
        services.vote_open(vote=vote, actor=request.user)
    except DomainError as error:
        _domain_message(request, error)
        return _detail(vote)
    if vote.form == VoteForm.MEETING:
        return redirect("voting:meeting_register", vote_id=vote.pk)
    return _detail(vote)


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def vote_close_view(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    try:
        services.vote_close(vote=vote, actor=request.user)
    except DomainError as error:
        _domain_message(request, error)
    return _detail(vote)


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def vote_submit_view(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    try:
        submitted = services.vote_submit(vote=vote, actor=request.user)
    except DomainError as error:
        _domain_message(request, error)
        return _detail(vote)
    try:
        vote_minutes_issue(vote=submitted, actor=request.user)
    except DomainError as error:
        messages.warning(
            request, _("Đã gửi kết quả, nhưng chưa lập được biên bản: %(reason)s") % {"reason": error.message}
        )
    else:
        messages.success(request, _("Đã gửi kết quả và biên bản đến UBND xã và Ủy ban MTTQ xã."))
    return _detail(vote)


@action_required(*RECOGNISE_ACTIONS, per_object=True)
@require_POST
def vote_recognise_view(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _vote_for(request, vote_id)
    _require_recogniser(request, vote)
    form = RecogniseForm(request.POST)
    effective = form.cleaned_data["effective_date"] if form.is_valid() else None
    try:
        recognised = services.vote_recognise(vote=vote, effective_date=effective, actor=request.user)
    except DomainError as error:
        _domain_message(request, error)
        return _detail(vote)
    if rules.recogniser_for(vote.matter, vote.scope) is rules.Recogniser.PEOPLES_COMMITTEE:
        try:
            vote_recognition_decision_issue(vote=recognised, actor=request.user)
        except DomainError as error:
            messages.warning(
                request, _("Đã công nhận, nhưng chưa lập được quyết định: %(reason)s") % {"reason": error.message}
            )
            return _detail(vote)
    messages.success(request, _("Đã công nhận kết quả."))
    return _detail(vote)


@action_required(*RECOGNISE_ACTIONS, per_object=True)
@require_POST
def vote_refuse_view(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _vote_for(request, vote_id)
    _require_recogniser(request, vote)
    form = RefuseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần nêu lý do không công nhận."))
        return _detail(vote)
    return _act(
        request,
        lambda: services.vote_refuse(vote=vote, reason=form.cleaned_data["reason"], actor=request.user),
        _("Đã ghi nhận việc không công nhận và lý do."),
        _detail(vote),
    )
