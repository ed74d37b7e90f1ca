"""The conference pages: create, steps, delegates, chair, attendance, votes, issue, review, cancel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts.authorize import (
    action_required,
    require_action_in_organisation,
)
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.params import ascii_int
from grassroots.workplaces import rules, selectors, services
from grassroots.workplaces.forms import (
    ChairForm,
    ConferenceForm,
    ConfirmForm,
    DelegatesForm,
    ReasonForm,
    ResolutionItemForm,
    ReviewForm,
    StepForm,
    VoteForm,
)
from grassroots.workplaces.models import (
    Conference,
    ConferenceFormat,
    ConferenceStatus,
    ResolutionItem,
    StaffMember,
)
from grassroots.workplaces.views.base import (
    TEMPLATE,
    _can,
    _conference,
    _conference_url,
    _home_url,
    _object_form,
    _organisation,
    _posted,
)


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def conference_new(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    today = clock.today()
    profile = selectors.profile_of(organisation)
    work_year = rules.latest_ended_work_year(today, profile.work_year_end_month)
    return form_page(
        request,
        ConferenceForm(_posted(request), initial={"work_year": work_year, "scheduled_on": today}),
        action=Action.RUN_STAFF_CONFERENCES,
        organisation=organisation,
        perform=lambda data: services.conference_create(organisation=organisation, actor=request.user, **data),
        done=lambda created: Done(_("Đã lập kế hoạch hội nghị; ghi các bước chuẩn bị."), _conference_url(created)),
        template=TEMPLATE,
        context={
            "heading": _("Tổ chức hội nghị cán bộ, người lao động"),
            "back_url": _home_url(organisation),
            "legal_basis": _("Căn cứ: Điều 50, 51, 68, 69 Luật số 10/2022/QH15."),
        },
    )


@action_required(Action.VIEW_UNIT, per_object=True)
def conference_detail(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    organisation = conference.organisation
    require_action_in_organisation(request, Action.VIEW_UNIT, organisation)
    may_run = _can(request, Action.RUN_STAFF_CONFERENCES, organisation)
    present = selectors.present_count(conference)
    roll = conference.roll_size or selectors.roll_members(conference).count()
    steps = {step.code: step for step in conference.steps.all()}
    profile = selectors.profile_of(organisation)
    present_ids = set(selectors.counted_attendance(conference).values_list("staff_member_id", flat=True))
    roll_list = (
        list(selectors.roll_members(conference).order_by("division", "full_name")[:2000])
        if may_run and conference.status == ConferenceStatus.OPEN
        else []
    )
    items = [
        (item, rules.passes(present=present, votes_for=item.votes_for or 0) if item.voted_at else None)
        for item in conference.items.order_by("position")
    ]
    context = {
        "conference": conference,
        "organisation": organisation,
        "may_run": may_run,
        "chair_editable": conference.status in services.CHAIR_STATUSES,
        "present": present,
        "roll": roll,
        "quorum_needed": rules.quorum_needed(roll),
        "has_quorum": rules.has_quorum(roll_size=roll, present=present),
        "votes_needed": rules.votes_needed(present),
        "steps": [(step, steps.get(step.code)) for step in rules.PREPARATION_STEPS],
        "agenda": rules.AGENDA,
        "roll_list": [(member, member.pk in present_ids) for member in roll_list],
        "items": items,
        "due_on": rules.annual_conference_due_on(conference.work_year, profile.work_year_end_month),
        "reviews": conference.reviews.all(),
        "next_review": rules.review_due_on(
            conference.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first()
            or clock.localdate(conference.issued_at)
        )
        if conference.issued_at
        else None,
        "ballots_allowed": rules.ballots_allowed(
            failed_convenings=selectors.failed_convenings(organisation, conference.work_year, conference.kind)
        ),
        "board_hook": selectors.inspection_board_hook(organisation),
        "delegates": list(selectors.delegates_of(conference)[:2000])
        if conference.format == ConferenceFormat.DELEGATES
        else [],
        "ballots": selectors.ballots_of(organisation).filter(failed_conference=conference),
    }
    return render(request, "workplaces/conference_detail.html", context)


def _conference_form(
    request: HttpRequest, conference: Conference, form: Any, *, available: bool = True, **kwargs: Any
) -> HttpResponse:
    return _object_form(
        request,
        form,
        action=Action.RUN_STAFF_CONFERENCES,
        organisation=conference.organisation,
        back_url=_conference_url(conference),
        subject=str(conference),
        available=available,
        **kwargs,
    )


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def conference_step(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    return _conference_form(
        request,
        conference,
        StepForm(_posted(request), initial={"done_on": clock.today(), "code": request.GET.get("buoc", "")}),
        perform=lambda data: services.conference_step_record(conference=conference, actor=request.user, **data),
        message=_("Đã ghi bước chuẩn bị."),
        heading=_("Ghi bước chuẩn bị hội nghị"),
        available=conference.is_preparing,
    )


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def conference_open(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    return _conference_form(
        request,
        conference,
        ConfirmForm(_posted(request)),
        perform=lambda _data: services.conference_open(conference=conference, actor=request.user),
        message=_("Đã khai mạc; bắt đầu điểm danh."),
        heading=_("Khai mạc hội nghị và chốt danh sách triệu tập"),
        available=conference.is_preparing,
    )


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["POST"])
def attendance_mark(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    raw = request.POST.get("staff_member", "")
    member = StaffMember.objects.filter(pk=ascii_int(raw) or 0, organisation=conference.organisation).first()

    def perform(_data: dict[str, Any]) -> Any:
        if member is None:
            raise services.refuse("workplaces.attendance.not_on_roll")
        return services.attendance_record(conference=conference, staff_member=member, actor=request.user)

    return _conference_form(
        request,
        conference,
        ConfirmForm(_posted(request)),
        perform=perform,
        message=_("Đã điểm danh."),
        heading=_("Điểm danh"),
    )


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def conference_close_attendance(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    return _conference_form(
        request,
        conference,
        ConfirmForm(_posted(request)),
        perform=lambda _data: services.conference_close_attendance(conference=conference, actor=request.user),
        message=_("Đã chốt điểm danh."),
        heading=_("Chốt điểm danh và xác định số người dự"),
        available=conference.is_open,
    )


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def item_add(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    return _conference_form(
        request,
        conference,
        ResolutionItemForm(_posted(request)),
        perform=lambda data: services.resolution_item_add(conference=conference, actor=request.user, **data),
        message=_("Đã thêm nội dung biểu quyết."),
        heading=_("Thêm nội dung biểu quyết"),
        available=conference.status in (ConferenceStatus.PREPARING, ConferenceStatus.OPEN, ConferenceStatus.HELD),
    )


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def item_vote(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(ResolutionItem.objects.select_related("conference__organisation"), pk=item_id)
    conference = _conference(request, item.conference_id)
    return _conference_form(
        request,
        conference,
        VoteForm(_posted(request)),
        perform=lambda data: services.resolution_item_vote(item=item, actor=request.user, **data),
        message=_("Đã ghi kết quả biểu quyết."),
        heading=_("Biểu quyết: %(title)s") % {"title": item.title},
        available=conference.is_held,
    )


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def conference_issue(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    return _conference_form(
        request,
        conference,
        ConfirmForm(_posted(request)),
        perform=lambda _data: services.conference_issue(conference=conference, actor=request.user),
        message=_("Đã ban hành biên bản và nghị quyết hội nghị."),
        heading=_("Ban hành biên bản và nghị quyết"),
        available=conference.is_held,
    )


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def conference_review(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    return _conference_form(
        request,
        conference,
        ReviewForm(_posted(request)),
        perform=lambda data: services.resolution_review_record(conference=conference, actor=request.user, **data),
        message=_("Đã ghi kết quả kiểm tra và ban hành thông báo đến toàn thể cán bộ."),
        heading=_("Kiểm tra 6 tháng việc thực hiện nghị quyết"),
        available=conference.status == ConferenceStatus.ISSUED,
    )


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def conference_cancel(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    return _conference_form(
        request,
        conference,
        ReasonForm(_posted(request)),
        perform=lambda data: services.conference_cancel(conference=conference, actor=request.user, **data),
        message=_("Đã hủy hội nghị."),
        heading=_("Hủy hội nghị"),
        available=conference.is_preparing,
    )


# --- staff consultation ---------------------------------------------------------------------


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def conference_delegates(request: HttpRequest, conference_id: int) -> HttpResponse:
    """Name the delegates summoned to a delegates' conference, by their codes in the staff register."""
    conference = _conference(request, conference_id)
    current = "\n".join(selectors.delegates_of(conference).values_list("code", flat=True))
    form = DelegatesForm(
        _posted(request), initial={"codes": current}, organisation=conference.organisation, day=conference.scheduled_on
    )
    return _conference_form(
        request,
        conference,
        form,
        perform=lambda data: services.conference_delegates_set(
            conference=conference, staff_members=data["codes"], actor=request.user
        ),
        message=_("Đã lưu danh sách đại biểu."),
        heading=_("Danh sách đại biểu được triệu tập"),
        available=conference.is_preparing and conference.format == ConferenceFormat.DELEGATES,
        legal_basis=_("Căn cứ: điểm b khoản 2 Điều 51 Luật số 10/2022/QH15."),
    )


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def conference_chair(request: HttpRequest, conference_id: int) -> HttpResponse:
    """Name the chair: the head, or while the head is absent the deputy authorised for the conference day."""
    conference = _conference(request, conference_id)
    initial = {"chair": conference.chair.code if conference.chair else ""}
    form = ChairForm(
        _posted(request), initial=initial, organisation=conference.organisation, day=conference.scheduled_on
    )
    return _conference_form(
        request,
        conference,
        form,
        perform=lambda data: services.conference_chair_set(
            conference=conference, chair=data["chair"], actor=request.user
        ),
        message=_("Đã ghi người chủ trì hội nghị."),
        heading=_("Người chủ trì hội nghị"),
        available=conference.status in services.CHAIR_STATUSES,
        legal_basis=_("Căn cứ: khoản 2 Điều 51, khoản 2 Điều 69 Luật số 10/2022/QH15."),
    )
