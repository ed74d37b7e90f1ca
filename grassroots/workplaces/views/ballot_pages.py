"""Stand-in authorisations and staff ballot pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts.authorize import (
    action_required,
    require_action_in_organisation,
)
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.workplaces import ballots, rules, selectors, services
from grassroots.workplaces.forms import (
    AuthorisationForm,
    BallotCountForm,
    BallotReturnForm,
    ConfirmForm,
    StaffBallotForm,
    default_dates,
)
from grassroots.workplaces.models import (
    StaffBallot,
    StaffBallotGround,
    StaffBallotStatus,
    StaffMember,
)
from grassroots.workplaces.views.base import (
    TEMPLATE,
    _ballot,
    _ballot_url,
    _can,
    _home_url,
    _object_form,
    _organisation,
    _posted,
)


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def authorisation_new(request: HttpRequest, org_id: int) -> HttpResponse:
    """Record the head's written authorisation of a deputy for the days the head is absent."""
    organisation = _organisation(request, org_id)
    today = clock.today()
    form = AuthorisationForm(
        _posted(request), initial={"valid_from": today, "valid_until": today}, organisation=organisation, day=today
    )
    return form_page(
        request,
        form,
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        perform=lambda data: services.head_authorisation_record(organisation=organisation, actor=request.user, **data),
        done=lambda saved: Done(_("Đã ghi giấy ủy quyền."), _home_url(organisation)),
        template=TEMPLATE,
        context={
            "heading": _("Ủy quyền khi người đứng đầu vắng mặt"),
            "back_url": _home_url(organisation),
            "legal_basis": _(
                "Căn cứ: khoản 2 Điều 51, khoản 2 Điều 69 Luật số 10/2022/QH15; "
                "khoản 4 Điều 39 Nghị định 145/2020/NĐ-CP."
            ),
        },
    )


# --- staff ballots --------------------------------------------------------------------------


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def ballot_new(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    today = clock.today()
    profile = selectors.profile_of(organisation)
    initial = {
        "work_year": rules.latest_ended_work_year(today, profile.work_year_end_month),
        "union_agreed_on": today,
        "ground": StaffBallotGround.TWO_FAILED_CONVENINGS,
        **default_dates(today, 7),
    }
    return form_page(
        request,
        StaffBallotForm(_posted(request), initial=initial),
        action=Action.RUN_STAFF_CONFERENCES,
        organisation=organisation,
        perform=lambda data: ballots.staff_ballot_create(organisation=organisation, actor=request.user, **data),
        done=lambda created: Done(_("Đã chuẩn bị phiếu lấy ý kiến."), _ballot_url(created)),
        template=TEMPLATE,
        context={
            "heading": _("Phát phiếu lấy ý kiến cán bộ, người lao động"),
            "back_url": _home_url(organisation),
            "legal_basis": _("Căn cứ: khoản 2 Điều 50, Điều 68 Luật số 10/2022/QH15."),
        },
    )


@action_required(Action.VIEW_UNIT, per_object=True)
def ballot_detail(request: HttpRequest, ballot_id: int) -> HttpResponse:
    ballot = _ballot(request, ballot_id)
    organisation = ballot.organisation
    require_action_in_organisation(request, Action.VIEW_UNIT, organisation)
    may_run = _can(request, Action.RUN_STAFF_CONFERENCES, organisation)
    returned = ballot.returns.count()
    context = {
        "ballot": ballot,
        "organisation": organisation,
        "may_run": may_run,
        "returned": returned,
        "passed": ballots.ballot_passed(ballot),
        "pass_base": ballots.pass_base(),
        "not_returned": (
            list(selectors.ballot_not_returned(ballot).order_by("division", "full_name")[:2000])
            if may_run and ballot.status == StaffBallotStatus.OPEN
            else []
        ),
    }
    return render(request, "workplaces/ballot_detail.html", context)


def _ballot_form(
    request: HttpRequest, ballot: StaffBallot, form: Any, *, available: bool, **kwargs: Any
) -> HttpResponse:
    return _object_form(
        request,
        form,
        action=Action.RUN_STAFF_CONFERENCES,
        organisation=ballot.organisation,
        back_url=_ballot_url(ballot),
        subject=ballot.title,
        available=available,
        **kwargs,
    )


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def ballot_open(request: HttpRequest, ballot_id: int) -> HttpResponse:
    ballot = _ballot(request, ballot_id)
    return _ballot_form(
        request,
        ballot,
        ConfirmForm(_posted(request)),
        perform=lambda _data: ballots.staff_ballot_open(ballot=ballot, actor=request.user),
        message=_("Đã phát phiếu; danh sách người được phát phiếu đã chốt."),
        heading=_("Phát phiếu và chốt danh sách"),
        available=ballot.status == StaffBallotStatus.DRAFT,
    )


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def ballot_return(request: HttpRequest, ballot_id: int) -> HttpResponse:
    ballot = _ballot(request, ballot_id)
    organisation = ballot.organisation

    def perform(data: dict[str, Any]) -> Any:
        code = " ".join(data["staff_code"].split())
        member = StaffMember.objects.filter(organisation=organisation, code__iexact=code).first()
        if member is None:
            raise services.refuse("workplaces.attendance.not_on_roll")
        return ballots.staff_ballot_return_record(
            ballot=ballot, staff_member=member, choice=data.get("choice", ""), actor=request.user
        )

    return _ballot_form(
        request,
        ballot,
        BallotReturnForm(
            _posted(request), initial={"staff_code": request.GET.get("ma", "")}, is_secret=ballot.is_secret
        ),
        perform=perform,
        message=_("Đã ghi phiếu đã nộp."),
        heading=_("Ghi phiếu đã nộp"),
        available=ballot.status == StaffBallotStatus.OPEN,
    )


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def ballot_count(request: HttpRequest, ballot_id: int) -> HttpResponse:
    ballot = _ballot(request, ballot_id)
    form = BallotCountForm(_posted(request)) if ballot.is_secret else ConfirmForm(_posted(request))
    return _ballot_form(
        request,
        ballot,
        form,
        perform=lambda data: ballots.staff_ballot_count(ballot=ballot, actor=request.user, **data),
        message=_("Đã kiểm phiếu, ban hành biên bản và công khai kết quả trong đơn vị."),
        heading=_("Kiểm phiếu và công bố kết quả"),
        available=ballot.status == StaffBallotStatus.OPEN,
    )


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def ballot_cancel(request: HttpRequest, ballot_id: int) -> HttpResponse:
    ballot = _ballot(request, ballot_id)
    return _ballot_form(
        request,
        ballot,
        ConfirmForm(_posted(request)),
        perform=lambda _data: ballots.staff_ballot_cancel(ballot=ballot, actor=request.user),
        message=_("Đã hủy cuộc lấy phiếu."),
        heading=_("Hủy cuộc lấy phiếu"),
        available=ballot.status == StaffBallotStatus.DRAFT,
    )
