"""Staff pages for the Decree 59 forms of a vote (Mẫu 01–04), the ballot plan and Law art. 22 (phone first)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from grassroots.accounts.authorize import action_required, get_object_in_units, require_action
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.calendar import selectors as calendar_selectors
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.units.models import AdministrativeUnit, UnitLevel
from grassroots.voting import rules, selectors, services
from grassroots.voting.forms import (
    BallotCampaignForm,
    BallotPlanSentForm,
    CommuneVoteForm,
    MeetingDecisionForm,
    MeetingNoticeForm,
    OnlineAdoptionForm,
    OnlineVoteForm,
    RevocationForm,
    WitnessesForm,
)
from grassroots.voting.models import CommunityVote, VoteForm, VoteStatus
from grassroots.voting.views import RECOGNISE_ACTIONS, RUN_ACTIONS, _require_runner, _vote_for

FORM_SLUGS = {
    "mau-01": rules.Decree59Form.MEETING_NOTICE,
    "mau-02": rules.Decree59Form.COUNTING_MINUTES,
    "mau-03": rules.Decree59Form.MEETING_DECISION,
    "mau-04": rules.Decree59Form.BALLOT_MINUTES,
}


def applicable_forms(vote: CommunityVote) -> list[rules.Decree59Form]:
    """The forms this vote produces, in the order of the procedure."""
    if vote.is_meeting:
        forms = [rules.Decree59Form.MEETING_NOTICE]
        if vote.is_secret:
            forms.append(rules.Decree59Form.COUNTING_MINUTES)
        return [*forms, rules.Decree59Form.MEETING_DECISION]
    if vote.is_ballot_campaign:
        return [rules.Decree59Form.BALLOT_MINUTES]
    return [rules.Decree59Form.MEETING_DECISION]


def _decision_form(vote: CommunityVote, data: Any = None) -> MeetingDecisionForm:
    """Mẫu 03, its two officials named as the setting says (default [L] art. 20(2)(g): the village head and the
    Front work-committee head). An office holder on the platform is printed and cannot be changed here; a
    vacant office (or the meeting's chair and secretary) is filled from the meeting's record."""
    signers = selectors.decision_signers(vote)
    initial = {"first_official_name": signers[0].name, "second_official_name": signers[1].name}
    form = MeetingDecisionForm(data, prefix="mau03", initial=initial)
    for name, signer in zip(("first_official_name", "second_official_name"), signers, strict=True):
        field = form.fields[name]
        field.label = _("Họ tên người ký: %(title)s") % {"title": signer.title.capitalize()}
        if signer.from_register:
            field.disabled = True  # the office holder signs: a posted name is ignored (and refused by the service)
            field.help_text = _("Người đang giữ chức danh này trên hệ thống.")
    if vote.form != VoteForm.ONLINE:
        del form.fields["screenshots"]  # the team's screenshots are an online vote's evidence ([ND59] art. 5)
    return form


def _input_form(
    code: rules.Decree59Form, data: Any = None, vote: CommunityVote | None = None
) -> django_forms.Form | None:
    if code is rules.Decree59Form.MEETING_NOTICE:
        return MeetingNoticeForm(data, prefix="mau01")
    if code is rules.Decree59Form.MEETING_DECISION:
        return _decision_form(vote, data) if vote is not None else MeetingDecisionForm(data, prefix="mau03")
    if code is rules.Decree59Form.BALLOT_MINUTES:
        return WitnessesForm(data, prefix="mau04")
    return None


def _ready(vote: CommunityVote, code: rules.Decree59Form) -> bool:
    if code is rules.Decree59Form.MEETING_NOTICE:
        return vote.status in (VoteStatus.DRAFT, VoteStatus.SCHEDULED)
    if code is rules.Decree59Form.COUNTING_MINUTES:
        return vote.counted_at is not None
    return vote.closed_at is not None


def _page(request: HttpRequest, vote: CommunityVote, bound: dict[str, django_forms.Form] | None = None) -> HttpResponse:
    issued = selectors.form_documents(vote)
    rows = []
    for code in applicable_forms(vote):
        form = (bound or {}).get(code.value) or _input_form(code, vote=vote)
        slug = next(slug for slug, value in FORM_SLUGS.items() if value is code)
        rows.append(
            {
                "code": code.value,
                "number": rules.FORM_NUMBERS[code],
                "slug": slug,
                "issued": issued.get(code.value),
                "ready": _ready(vote, code),
                "form": form,
            }
        )
    plan_due = (
        rules.ballot_plan_due(vote.plan_issued_on, calendar_selectors.working_calendar())
        if vote.is_ballot_campaign and vote.plan_issued_on
        else None
    )
    context = {
        "vote": vote,
        "rows": rows,
        "mismatch": selectors.minutes_mismatch(vote),
        "plan_due": plan_due,
        "plan_form": (bound or {}).get("plan") or BallotPlanSentForm(initial={"sent_on": clock.today()}),
    }
    return render(request, "voting/vote_forms.html", context, status=400 if bound else 200)


@action_required(*RUN_ACTIONS, per_object=True)
@require_http_methods(["GET"])
def vote_forms(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    return _page(request, vote)


def _issue_call(code: rules.Decree59Form, vote: CommunityVote, form: Any, actor: Any) -> Callable[[], object]:
    data = form.cleaned_data if form is not None else {}
    if code is rules.Decree59Form.MEETING_NOTICE:
        return lambda: services.meeting_notice_issue(
            vote=vote, place=data["place"], meeting_documents=form.documents(), actor=actor
        )
    if code is rules.Decree59Form.COUNTING_MINUTES:
        return lambda: services.counting_minutes_issue(vote=vote, actor=actor)
    if code is rules.Decree59Form.MEETING_DECISION:
        return lambda: services.meeting_decision_issue(
            vote=vote,
            first_official_name=data["first_official_name"],
            second_official_name=data["second_official_name"],
            household_signers=[data["household_first"], data["household_second"]],
            decision_text=data["decision_text"],
            screenshots=data.get("screenshots") or 0,
            actor=actor,
        )
    return lambda: services.ballot_minutes_issue(
        vote=vote, witnesses=[data["witness_first"], data["witness_second"]], actor=actor
    )


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def vote_form_issue(request: HttpRequest, vote_id: int, form_slug: str) -> HttpResponse:
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    code = FORM_SLUGS.get(form_slug)
    if code is None or code not in applicable_forms(vote):
        raise Http404("no such form for this vote")
    form = _input_form(code, request.POST, vote=vote)
    if form is not None and not form.is_valid():
        return _page(request, vote, {code.value: form})
    try:
        _issue_call(code, vote, form, request.user)()
    except DomainError as error:
        if form is None:
            messages.error(request, error.message)
            return redirect("voting:vote_forms", vote_id=vote.pk)
        form.add_error(None, error.message)
        return _page(request, vote, {code.value: form})
    messages.success(request, _("Đã lập %(form)s.") % {"form": rules.FORM_NUMBERS[code]})
    return redirect("voting:vote_forms", vote_id=vote.pk)


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def ballot_plan_sent(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    form = BallotPlanSentForm(request.POST)
    if not form.is_valid():
        return _page(request, vote, {"plan": form})
    try:
        services.ballot_plan_send(vote=vote, sent_on=form.cleaned_data["sent_on"], actor=request.user)
    except DomainError as error:
        form.add_error(None, error.message)
        return _page(request, vote, {"plan": form})
    messages.success(request, _("Đã ghi nhận gửi kế hoạch phát phiếu."))
    return redirect("voting:vote_forms", vote_id=vote.pk)


def _replacement_choices(vote: CommunityVote) -> list[tuple[int, str]]:
    return [
        (other.pk, f"{other.title} ({clock.localdate(other.starts_at):%d/%m/%Y})")
        for other in selectors.replacement_candidates(vote)[:50]
    ]


@action_required(*RUN_ACTIONS, *RECOGNISE_ACTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def vote_revoke(request: HttpRequest, vote_id: int) -> HttpResponse:
    """Law art. 22: the commune People's Committee (unlawful, procedure) or the community (a new vote)."""
    vote = _vote_for(request, vote_id)
    form = RevocationForm(request.POST or None, replacements=_replacement_choices(vote))
    commune_id = vote.unit_id if vote.is_commune_wide else vote.unit.parent_id
    runner = services.may_run(request.user, vote, clock.today())
    action = rules.run_action(convenor_role=vote.convenor_role, matter=vote.matter)
    return form_page(
        request,
        form,
        action=action if runner else Action.ACT_FOR_PEOPLES_COMMITTEE,
        unit=vote.unit_id if runner else commune_id,
        available=selectors.is_in_force(vote),
        perform=lambda data: services.decision_revoke(
            vote=vote,
            ground=data["ground"],
            kind=data["kind"],
            reason=data["reason"],
            replacement=CommunityVote.objects.filter(pk=data["replacement"]).first() if data["replacement"] else None,
            actor=request.user,
        ),
        done=lambda _revocation: Done(
            _("Đã ghi nhận việc hủy bỏ, sửa đổi quyết định."),
            reverse("voting:vote_detail", kwargs={"vote_id": vote.pk}),
        ),
        template="voting/vote_revoke.html",
        context={"vote": vote},
    )


def _community_for(request: HttpRequest, community_id: int) -> AdministrativeUnit:
    community = get_object_in_units(
        request, AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNITY), "", pk=community_id
    )
    require_action(request, Action.RUN_COMMUNITY_VOTES, community.pk)
    return community


def _to_detail(vote: CommunityVote) -> Done:
    return Done(_("Đã tạo và thông báo."), reverse("voting:vote_detail", kwargs={"vote_id": vote.pk}))


@action_required(Action.RUN_COMMUNITY_VOTES, per_object=True)
@require_http_methods(["GET", "POST"])
def ballot_campaign_new(request: HttpRequest, community_id: int) -> HttpResponse:
    """A village head prepares a household-ballot campaign on a phone ([L] art. 19; [ND59] art. 4)."""
    community = _community_for(request, community_id)
    form = BallotCampaignForm(request.POST or None)
    return form_page(
        request,
        form,
        action=Action.RUN_COMMUNITY_VOTES,
        unit=community,
        perform=lambda data: services.ballot_campaign_prepare(
            community=community,
            matter=data["matter"],
            title=data["title"],
            question=data["question"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            notice_given_at=clock.start_of_day(data["notice_given_on"]),
            plan_issued_on=data["plan_issued_on"],
            team=form.team_names(),
            is_secret=data["is_secret"],
            actor=request.user,
        ),
        done=_to_detail,
        template="voting/vote_new.html",
        context={
            "community": community,
            "heading": _("Phát phiếu lấy ý kiến mới"),
            "hint": _(
                "Kế hoạch gửi Chủ tịch UBND xã và Chủ tịch Ủy ban MTTQ xã trong 2 ngày; công khai trước khi phát "
                "phiếu ít nhất 2 ngày; tổ phát phiếu 3–5 người (Nghị định 59, Điều 4)."
            ),
        },
    )


def _front_heads(community: AdministrativeUnit) -> Any:
    from grassroots.accounts.models import Role, RoleMembership, User

    ids = RoleMembership.objects.active_on(clock.today()).filter(unit=community, role=Role.FRONT_WORK_COMMITTEE_HEAD)
    return User.objects.filter(pk__in=ids.values("user_id")).order_by("full_name")


@action_required(Action.RUN_COMMUNITY_VOTES, per_object=True)
@require_http_methods(["GET", "POST"])
def online_vote_new(request: HttpRequest, community_id: int) -> HttpResponse:
    """A village head prepares an online D6 vote with the Front head's agreement ([ND59] art. 5)."""
    community = _community_for(request, community_id)
    form = OnlineVoteForm(request.POST or None, front_heads=_front_heads(community))
    return form_page(
        request,
        form,
        action=Action.RUN_COMMUNITY_VOTES,
        unit=community,
        perform=lambda data: services.online_vote_prepare(
            community=community,
            title=data["title"],
            question=data["question"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            notice_given_at=clock.start_of_day(data["notice_given_on"]),
            team=form.team_names(),
            front_head=data["front_head"],
            agreed_on=data["agreed_on"],
            is_secret=data["is_secret"],
            actor=request.user,
        ),
        done=_to_detail,
        template="voting/vote_new.html",
        context={
            "community": community,
            "heading": _("Biểu quyết trực tuyến mới (D6)"),
            "hint": _(
                "Chỉ cho nội dung D6, khi cộng đồng đã chọn hình thức trực tuyến (quá nửa tổng số hộ) và Trưởng thôn, "
                "Trưởng Ban công tác Mặt trận thống nhất không cần họp, phát phiếu (Nghị định 59, Điều 5)."
            ),
        },
    )


@action_required(Action.RUN_COMMUNITY_VOTES, per_object=True)
@require_http_methods(["GET", "POST"])
def online_adoption_new(request: HttpRequest, community_id: int) -> HttpResponse:
    """A village head asks the households whether to adopt online voting (stage 1; [ND59] art. 5(2)(c))."""
    community = _community_for(request, community_id)
    form = OnlineAdoptionForm(request.POST or None)
    return form_page(
        request,
        form,
        action=Action.RUN_COMMUNITY_VOTES,
        unit=community,
        perform=lambda data: services.online_adoption_prepare(
            community=community,
            form=data["form"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            notice_given_at=clock.start_of_day(data["notice_given_on"]),
            plan_issued_on=data["plan_issued_on"],
            team=form.team_names(),
            actor=request.user,
        ),
        done=_to_detail,
        template="voting/vote_new.html",
        context={
            "community": community,
            "heading": _("Lấy ý kiến chọn hình thức biểu quyết trực tuyến"),
            "notice": _("Thôn đã chọn hình thức biểu quyết trực tuyến: có thể tạo cuộc biểu quyết trực tuyến (D6).")
            if services.online_form_adopted(community)
            else "",
            "hint": _(
                "Bước 1 trước mọi cuộc biểu quyết trực tuyến: cần quá nửa tổng số hộ gia đình trong thôn đồng ý "
                "(không tính theo số hộ có mặt). Họp: thông báo trước ít nhất 2 ngày. Phát phiếu: tổ 3–5 người, "
                "công khai trước ít nhất 2 ngày (Nghị định 59, Điều 4, 5)."
            ),
        },
    )


@action_required(Action.RUN_COMMUNE_VOTES, per_object=True)
@require_http_methods(["GET", "POST"])
def commune_vote_new(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The commune Chair starts a commune-wide D1/D2 vote; each village runs its part ([L] arts 16(1), 21(1))."""
    commune = get_object_in_units(
        request, AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE), "", slug=commune_slug
    )
    form = CommuneVoteForm(request.POST or None)
    return form_page(
        request,
        form,
        action=Action.RUN_COMMUNE_VOTES,
        unit=commune,
        perform=lambda data: services.commune_vote_create(
            commune=commune,
            matter=data["matter"],
            form=data["form"],
            title=data["title"],
            question=data["question"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            actor=request.user,
        ),
        done=lambda vote: Done(
            _("Đã tạo biểu quyết toàn xã; từng thôn, tổ dân phố tổ chức phần của mình."),
            reverse("voting:vote_detail", kwargs={"vote_id": vote.pk}),
        ),
        template="voting/vote_new.html",
        context={
            "community": commune,
            "heading": _("Biểu quyết toàn xã (D1, D2)"),
            "hint": _(
                "Thông qua khi từ 2/3 tổng số thôn, tổ dân phố đồng ý; trang cuộc biểu quyết hiện tiến độ từng thôn "
                "và kết quả chung (Luật 10/2022, Điều 21)."
            ),
        },
    )
