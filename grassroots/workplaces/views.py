"""Staff pages of democracy in an agency, public service unit or enterprise (Law Chapters III–IV).

Who sees what: anyone holding a role in the organisation today opens its home page (the year's obligations,
the conferences); the head (``MANAGE_WORKPLACE``) keeps the staff register, consults staff and records
dialogue; the head and the union chair (``RUN_STAFF_CONFERENCES``) run the conference. Anybody else,
officers of the commune or of another organisation included, gets a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts.authorize import (
    action_required,
    require_action_in_organisation,
    signed_in_view,
)
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.accounts.selectors import user_can_in_organisation
from grassroots.consultations.models import Consultation, Opinion
from grassroots.core import clock
from grassroots.core.params import ascii_int
from grassroots.units.models import Organisation
from grassroots.workplaces import ballots, importing, rules, selectors, services
from grassroots.workplaces.forms import (
    AnswerForm,
    AuthorisationForm,
    BallotCountForm,
    BallotReturnForm,
    ChairForm,
    CompleteForm,
    ConferenceForm,
    ConfirmForm,
    DelegatesForm,
    DialogueForm,
    DialogueMembersForm,
    OpinionForm,
    ProfileForm,
    ReasonForm,
    ResolutionItemForm,
    ReviewForm,
    StaffBallotForm,
    StaffConsultationForm,
    StaffImportForm,
    StaffLeaveForm,
    StaffMemberForm,
    StaffPostForm,
    StepForm,
    VoteForm,
    default_dates,
    dialogue_record_form,
)
from grassroots.workplaces.models import (
    Conference,
    ConferenceFormat,
    ConferenceStatus,
    ResolutionItem,
    StaffBallot,
    StaffBallotGround,
    StaffBallotStatus,
    StaffMember,
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


# --- the organisation -----------------------------------------------------------------------


@signed_in_view
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisations_of(request.user, clock.today())
    return render(request, "workplaces/organisation_list.html", {"organisations": organisations})


@action_required(Action.VIEW_UNIT, per_object=True)
def organisation_home(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    require_action_in_organisation(request, Action.VIEW_UNIT, organisation)
    today = clock.today()
    year_param = request.GET.get("nam", "")
    asked = ascii_int(year_param, max_digits=4)
    year = asked if asked is not None and 2000 <= asked <= 2100 else today.year
    headcount = selectors.headcount_on(organisation, today)
    context = {
        "organisation": organisation,
        "profile": selectors.profile_of(organisation),
        "headcount": headcount,
        "conference_required": rules.conference_is_required(headcount),
        "formats": rules.allowed_formats(headcount),
        "year": year,
        "obligations": [(item, item.state(today)) for item in selectors.obligations(organisation, year, today)],
        "conferences": selectors.conferences_of(organisation)[:50],
        "consultations": organisation.consultations.all()[:50],
        "dialogues": organisation.dialogues.all()[:50],
        "ballots": selectors.ballots_of(organisation)[:50],
        "member_list": selectors.member_list_in_force(organisation, today),
        "holds_dialogue": rules.holds_dialogue(organisation_kind=organisation.kind),
        "may_manage": _can(request, Action.MANAGE_WORKPLACE, organisation),
        "may_run": _can(request, Action.RUN_STAFF_CONFERENCES, organisation),
        "may_disclose": _can(request, Action.MANAGE_DISCLOSURES, organisation),
        "worker_reps": rules.required_worker_representatives(headcount),
        "authorisations": selectors.authorisations(organisation)[:20],
        "ineligible_members": selectors.ineligible_board_members(organisation, today),
    }
    return render(request, "workplaces/organisation_home.html", context)


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    profile = selectors.profile_of(organisation)
    initial = {
        "work_year_end_month": profile.work_year_end_month,
        "union_name": profile.union_name,
        "has_intranet": profile.has_intranet,
        "regime": profile.regime,
    }
    return form_page(
        request,
        ProfileForm(_posted(request), initial=initial),
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        perform=lambda data: services.workplace_profile_set(organisation=organisation, actor=request.user, **data),
        done=lambda _saved: Done(_("Đã lưu hồ sơ của đơn vị."), _home_url(organisation)),
        template=TEMPLATE,
        context={"heading": _("Hồ sơ dân chủ của đơn vị"), "back_url": _home_url(organisation)},
    )


# --- the staff register ---------------------------------------------------------------------


def _require_register(request: HttpRequest, organisation: Organisation) -> None:
    """The register (names, phones) is for the head, and for the union chair who takes attendance."""
    if _can(request, Action.MANAGE_WORKPLACE, organisation):
        require_action_in_organisation(request, Action.MANAGE_WORKPLACE, organisation)
    else:
        require_action_in_organisation(request, Action.RUN_STAFF_CONFERENCES, organisation)


@action_required(Action.MANAGE_WORKPLACE, Action.RUN_STAFF_CONFERENCES, per_object=True)
def staff_list(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    _require_register(request, organisation)
    today = clock.today()
    context = {
        "organisation": organisation,
        "staff": selectors.staff_on(organisation, today).order_by("division", "full_name")[:2000],
        "headcount": selectors.headcount_on(organisation, today),
        "today": today,
        "may_manage": _can(request, Action.MANAGE_WORKPLACE, organisation),
    }
    return render(request, "workplaces/staff_list.html", context)


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def staff_add(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    return form_page(
        request,
        StaffMemberForm(_posted(request), initial={"active_from": clock.today()}),
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        perform=lambda data: services.staff_member_add(organisation=organisation, actor=request.user, **data),
        done=lambda member: Done(
            _("Đã thêm %(name)s.") % {"name": member.full_name},
            reverse("workplaces:staff_list", args=[organisation.pk]),
        ),
        template=TEMPLATE,
        context={"heading": _("Thêm cán bộ, người lao động"), "back_url": _home_url(organisation)},
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def staff_leave(request: HttpRequest, org_id: int, staff_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    member = get_object_or_404(StaffMember, pk=staff_id, organisation=organisation)
    return form_page(
        request,
        StaffLeaveForm(_posted(request), initial={"on": clock.today()}),
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        available=member.active_until is None,
        perform=lambda data: services.staff_member_leave(staff_member=member, actor=request.user, **data),
        done=lambda left: Done(
            _("Đã ghi %(name)s thôi làm việc.") % {"name": left.full_name},
            reverse("workplaces:staff_list", args=[organisation.pk]),
        ),
        template=TEMPLATE,
        context={
            "heading": _("Thôi làm việc: %(name)s") % {"name": member.full_name},
            "back_url": _home_url(organisation),
        },
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def staff_post(request: HttpRequest, org_id: int, staff_id: int) -> HttpResponse:
    """Record a promotion or change of post; a board member who now holds a barred post is flagged."""
    organisation = _organisation(request, org_id)
    member = get_object_or_404(StaffMember, pk=staff_id, organisation=organisation)
    return form_page(
        request,
        StaffPostForm(_posted(request), initial={"is_head": member.is_head, "post": member.post or "none"}),
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        available=member.active_until is None,
        perform=lambda data: services.staff_member_set_post(staff_member=member, actor=request.user, **data),
        done=lambda saved: Done(
            _("Đã ghi chức vụ của %(name)s.") % {"name": saved.full_name},
            reverse("workplaces:staff_list", args=[organisation.pk]),
        ),
        template=TEMPLATE,
        context={
            "heading": _("Chức vụ: %(name)s") % {"name": member.full_name},
            "back_url": reverse("workplaces:staff_list", args=[organisation.pk]),
            "legal_basis": _("Căn cứ: khoản 2 Điều 60, khoản 2 Điều 77 Luật số 10/2022/QH15."),
        },
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def staff_import(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)

    def perform(data: dict[str, Any]) -> services.StaffImportResult:
        upload = data["file"]
        rows = importing.read_table(upload, upload.name)
        return services.staff_import(organisation=organisation, rows=rows, actor=request.user)

    return form_page(
        request,
        StaffImportForm(request.POST or None, request.FILES or None),
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        perform=perform,
        done=lambda result: Done(
            _("Đã nhập %(count)s người.") % {"count": result.created},
            reverse("workplaces:staff_list", args=[organisation.pk]),
        ),
        template="workplaces/staff_import.html",
        context={"organisation": organisation, "row_errors": []},
        refused_context=lambda refusal: {"row_errors": getattr(refusal, "errors", [])},
    )


@action_required(Action.MANAGE_WORKPLACE)
def import_template_xlsx(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        importing.template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-can-bo.xlsx"'
    return response


@action_required(Action.MANAGE_WORKPLACE)
def import_template_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(("\ufeff" + importing.template_csv()).encode("utf-8"), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-can-bo.csv"'
    return response


# --- the conference -------------------------------------------------------------------------


@action_required(Action.RUN_STAFF_CONFERENCES, per_object=True)
@require_http_methods(["GET", "POST"])
def conference_new(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    today = clock.today()
    profile = selectors.profile_of(organisation)
    work_year = today.year - 1 if profile.work_year_end_month == 12 else today.year
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


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def consultation_new(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    initial = default_dates(clock.today(), rules.STAFF_CONSULTATION_DEFAULT_DAYS)
    return form_page(
        request,
        StaffConsultationForm(_posted(request), initial=initial, organisation_kind=organisation.kind),
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        perform=lambda data: services.staff_consultation_create(organisation=organisation, actor=request.user, **data),
        done=lambda created: Done(_("Đã mở lấy ý kiến cán bộ, người lao động."), _consultation_url(created)),
        template=TEMPLATE,
        context={
            "heading": _("Lấy ý kiến cán bộ, người lao động"),
            "back_url": _home_url(organisation),
            "legal_basis": _("Căn cứ: Điều 53–55, Điều 71–74 Luật số 10/2022/QH15."),
        },
    )


@action_required(Action.VIEW_UNIT, per_object=True)
def consultation_detail(request: HttpRequest, staff_consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, staff_consultation_id)
    require_action_in_organisation(request, Action.VIEW_UNIT, _owner(consultation))
    matters = rules.consultation_matters(_owner(consultation).kind)
    context = {
        "consultation": consultation,
        "organisation": _owner(consultation),
        "matter_label": matters.get(consultation.matter, consultation.matter),
        "sections": consultation.sections.all(),
        "opinions": consultation.opinions.filter(is_hidden=False)[:500],
        "disclosure": consultation.report_disclosure,
        "may_manage": _can(request, Action.MANAGE_WORKPLACE, _owner(consultation)),
        "is_open": consultation.is_open,
        "is_closed": consultation.is_closed,
    }
    return render(request, "workplaces/consultation_detail.html", context)


def _consultation_form(
    request: HttpRequest, consultation: Consultation, form: Any, *, available: bool, **kwargs: Any
) -> HttpResponse:
    return _object_form(
        request,
        form,
        action=Action.MANAGE_WORKPLACE,
        organisation=_owner(consultation),
        back_url=_consultation_url(consultation),
        subject=consultation.title,
        available=available,
        **kwargs,
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def opinion_add(request: HttpRequest, staff_consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, staff_consultation_id)
    return _consultation_form(
        request,
        consultation,
        OpinionForm(_posted(request), initial={"received_on": clock.today()}),
        perform=lambda data: services.staff_opinion_add(consultation=consultation, actor=request.user, **data),
        message=_("Đã ghi ý kiến."),
        heading=_("Ghi ý kiến của cán bộ, người lao động"),
        available=consultation.is_open,
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def consultation_close(request: HttpRequest, staff_consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, staff_consultation_id)
    return _consultation_form(
        request,
        consultation,
        ConfirmForm(_posted(request)),
        perform=lambda _data: services.staff_consultation_close(consultation=consultation, actor=request.user),
        message=_("Đã kết thúc nhận ý kiến; tiếp thu, giải trình từng ý kiến."),
        heading=_("Kết thúc nhận ý kiến"),
        available=consultation.is_open,
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def opinion_answer(request: HttpRequest, staff_opinion_id: int) -> HttpResponse:
    opinion = get_object_or_404(Opinion, pk=staff_opinion_id, consultation__organisation__isnull=False)
    consultation = _consultation(request, opinion.consultation_id)
    return _consultation_form(
        request,
        consultation,
        AnswerForm(_posted(request)),
        perform=lambda data: services.staff_opinion_answer(opinion=opinion, actor=request.user, **data),
        message=_("Đã ghi tiếp thu, giải trình."),
        heading=_("Tiếp thu, giải trình ý kiến"),
        available=consultation.is_closed,
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def consultation_complete(request: HttpRequest, staff_consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, staff_consultation_id)
    return _consultation_form(
        request,
        consultation,
        CompleteForm(_posted(request)),
        perform=lambda data: services.staff_consultation_complete(
            consultation=consultation, actor=request.user, **data
        ),
        message=_("Đã công khai kết quả tiếp thu, giải trình trong đơn vị."),
        heading=_("Hoàn thành và công khai kết quả"),
        available=consultation.is_closed,
    )


# --- workplace dialogue ---------------------------------------------------------------------


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def dialogue_new(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    return form_page(
        request,
        DialogueForm(_posted(request), initial={"scheduled_on": clock.today()}),
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        available=rules.holds_dialogue(organisation_kind=organisation.kind),
        perform=lambda data: services.dialogue_schedule(organisation=organisation, actor=request.user, **data),
        done=lambda created: Done(_("Đã lên lịch đối thoại."), _dialogue_url(created)),
        template=TEMPLATE,
        context={
            "heading": _("Đối thoại tại nơi làm việc"),
            "back_url": _home_url(organisation),
            "legal_basis": _("Căn cứ: Điều 63 Bộ luật Lao động; Điều 38–41 Nghị định số 145/2020/NĐ-CP."),
        },
    )


@action_required(Action.VIEW_UNIT, per_object=True)
def dialogue_detail(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    dialogue = _dialogue(request, dialogue_id)
    require_action_in_organisation(request, Action.VIEW_UNIT, dialogue.organisation)
    present = set(dialogue.presences.values_list("member_id", flat=True))
    members = selectors.list_members(dialogue.member_list) if dialogue.member_list else []
    context = {
        "dialogue": dialogue,
        "organisation": dialogue.organisation,
        "may_manage": _can(request, Action.MANAGE_WORKPLACE, dialogue.organisation),
        "publication_due_on": services.dialogue_publication_due_on(dialogue),
        "published_late": services.dialogue_published_late(dialogue),
        "reply_due_on": services.dialogue_reply_due_on(dialogue),
        "replied_on": clock.localdate(dialogue.created_at),
        "members": [(member, member.pk in present) for member in members],
        "show_presence": dialogue.status != "planned",
        "valid": rules.dialogue_is_valid(
            legal_representative_present=bool(dialogue.legal_representative_present),
            workers_present=dialogue.workers_present or 0,
            worker_representatives=dialogue.worker_representatives,
        ),
    }
    return render(request, "workplaces/dialogue_detail.html", context)


def _dialogue_form(
    request: HttpRequest, dialogue: WorkplaceDialogue, form: Any, *, available: bool, **kwargs: Any
) -> HttpResponse:
    return _object_form(
        request,
        form,
        action=Action.MANAGE_WORKPLACE,
        organisation=dialogue.organisation,
        back_url=_dialogue_url(dialogue),
        subject=str(dialogue),
        available=available,
        **kwargs,
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def dialogue_record(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    dialogue = _dialogue(request, dialogue_id)
    members = {str(member.pk): member for member in selectors.list_members(dialogue.member_list)}
    return _dialogue_form(
        request,
        dialogue,
        dialogue_record_form(_posted(request), list(members.values())),
        perform=lambda data: services.dialogue_record(
            dialogue=dialogue,
            present=[members[key] for key in data["present"]],
            outcome=data["outcome"],
            content_sent_on=data.get("content_sent_on"),
            actor=request.user,
        ),
        message=_("Đã ghi kết quả đối thoại."),
        heading=_("Ghi kết quả đối thoại"),
        available=dialogue.status == "planned",
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def dialogue_publish(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    dialogue = _dialogue(request, dialogue_id)
    return _dialogue_form(
        request,
        dialogue,
        ConfirmForm(_posted(request)),
        perform=lambda _data: services.dialogue_publish(dialogue=dialogue, actor=request.user),
        message=_("Đã ghi việc phổ biến kết quả đối thoại."),
        heading=_("Phổ biến kết quả đối thoại tại nơi làm việc"),
        available=dialogue.status == "held",
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def dialogue_members(request: HttpRequest, org_id: int) -> HttpResponse:
    """Fix the dialogue members of both sides for the next 2 years (Decree 145 art. 38)."""
    organisation = _organisation(request, org_id)
    today = clock.today()
    in_force = selectors.member_list_in_force(organisation, today)
    minimum, maximum = rules.required_worker_representatives(selectors.headcount_on(organisation, today))
    form = DialogueMembersForm(
        _posted(request), initial={"fixed_on": today, "published_on": today}, organisation=organisation, day=today
    )
    return form_page(
        request,
        form,
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        available=rules.holds_dialogue(organisation_kind=organisation.kind),
        perform=lambda data: services.dialogue_member_list_set(
            organisation=organisation,
            fixed_on=data["fixed_on"],
            published_on=data["published_on"],
            legal_representative=data["legal_representative"],
            employer_members=data["employer_codes"],
            worker_members=data["worker_codes"],
            actor=request.user,
        ),
        done=lambda saved: Done(
            _("Đã xác định danh sách thành viên đối thoại đến hết ngày %(day)s.")
            % {"day": saved.valid_until.strftime("%d/%m/%Y")},
            _home_url(organisation),
        ),
        template="workplaces/dialogue_members.html",
        context={
            "organisation": organisation,
            "heading": _("Danh sách thành viên đối thoại"),
            "back_url": _home_url(organisation),
            "in_force": in_force,
            "in_force_members": selectors.list_members(in_force) if in_force else [],
            "minimum": minimum,
            "maximum": maximum,
        },
    )


# --- the conference's delegates -------------------------------------------------------------


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
        "work_year": today.year - 1 if profile.work_year_end_month == 12 else today.year,
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
