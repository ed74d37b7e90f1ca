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

from grassroots.accounts.authorize import action_required
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.calendar import selectors as calendar_selectors
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.voting import rules, selectors, services
from grassroots.voting.forms import (
    BallotPlanSentForm,
    MeetingDecisionForm,
    MeetingNoticeForm,
    RevocationForm,
    WitnessesForm,
)
from grassroots.voting.models import CommunityVote, VoteStatus
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


def _input_form(code: rules.Decree59Form, data: Any = None) -> django_forms.Form | None:
    if code is rules.Decree59Form.MEETING_NOTICE:
        return MeetingNoticeForm(data, prefix="mau01")
    if code is rules.Decree59Form.MEETING_DECISION:
        return MeetingDecisionForm(data, prefix="mau03")
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
        form = (bound or {}).get(code.value) or _input_form(code)
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
            chair_name=data["chair_name"],
            secretary_name=data["secretary_name"],
            household_signers=[data["household_first"], data["household_second"]],
            decision_text=data["decision_text"],
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
    form = _input_form(code, request.POST)
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
    candidates = selectors.decisions_in_force(vote.unit_id).filter(matter=vote.matter).exclude(pk=vote.pk)
    return [(other.pk, f"{other.title} ({clock.localdate(other.starts_at):%d/%m/%Y})") for other in candidates[:50]]


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
