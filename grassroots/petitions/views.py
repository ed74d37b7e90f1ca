"""Pages of citizens' cases: the resident's own (file, follow, rate, reopen), the officers', and the public timeline.

Parse → authorize (404 outside the user's units or not one's own case, 403 visible but not allowed) → one service
call → redirect, or the form again with the service's Vietnamese message and the input kept. A confidential
identity is shown only through ``services.identity_reveal`` (masked otherwise, each look logged).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.authorize import (
    action_required,
    get_object_in_units,
    get_unit_for_view,
    public_view,
    require_action,
    signed_in_view,
)
from grassroots.accounts.models import User
from grassroots.accounts.rules import PERMISSION_MATRIX, Action
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.petitions import forms, ratings, rules, selectors, services, throttle
from grassroots.petitions.models import (
    Acknowledgement,
    Case,
    CaseAttachment,
    CaseChannel,
    CaseKind,
    CaseStatus,
    PaperKind,
)
from grassroots.units.models import AdministrativeUnit, UnitLevel

# --- helpers ------------------------------------------------------------------------------------


def _commune_by_slug(slug: str) -> AdministrativeUnit:
    commune = AdministrativeUnit.objects.filter(slug=slug, level=UnitLevel.COMMUNE).first()
    if commune is None:
        raise Http404("commune not found")
    return commune


def _staff_case(request: HttpRequest, pk: int, action: Action = Action.HANDLE_CASES) -> Case:
    case = get_object_in_units(request, Case.objects.select_related("unit", "handler", "community"), "unit", pk=pk)
    require_action(request, action, case.unit)
    return case


def _own_case(request: HttpRequest, pk: int) -> Case:
    case = selectors.cases_of_filer(request.user).filter(pk=pk).first()
    if case is None:
        raise Http404("case not found")
    return case


def _handlers(unit: AdministrativeUnit) -> QuerySet[User]:
    roles = [role for role, actions in PERMISSION_MATRIX.items() if Action.HANDLE_CASES in actions]
    ids = account_selectors.active_memberships_in(unit).filter(role__in=roles).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("full_name", "pk")


def _staff_detail_url(case: Case) -> str:
    return reverse("petitions:case_detail", kwargs={"pk": case.pk})


def _step(
    request: HttpRequest,
    pk: int,
    *,
    form_class: type[django_forms.Form] | None,
    perform: Callable[[Case, dict[str, Any]], Any],
    done: str,
    action: Action = Action.HANDLE_CASES,
    form_kwargs: Callable[[Case], dict[str, Any]] | None = None,
) -> HttpResponse:
    """One step on a case from its staff page: a POST with a small form, then back to the page."""
    case = _staff_case(request, pk, action)
    form = form_class(request.POST, **(form_kwargs(case) if form_kwargs else {})) if form_class else None
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(_staff_detail_url(case))
    try:
        perform(case, form.cleaned_data if form is not None else {})
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done)
    return redirect(_staff_detail_url(case))


def _acknowledge_form(case: Case) -> forms.AcknowledgeForm:
    """A late complaint can only be refused: the form offers the refusal with the reason already written."""
    if not case.filed_late:
        return forms.AcknowledgeForm()
    filing = selectors.complaint_filing(case)
    last_day = filing.last_day.strftime("%d/%m/%Y") if filing and filing.last_day else ""
    note = _(
        "Khiếu nại gửi ngày %(received)s, quá thời hiệu 90 ngày (hạn cuối %(last)s) mà không có lý do chính đáng "
        "(Luật Khiếu nại)."
    ) % {"received": case.received_on.strftime("%d/%m/%Y"), "last": last_day}
    return forms.AcknowledgeForm(initial={"outcome": Acknowledgement.REFUSED, "note": note})


def _clock_rows(case: Case) -> list[tuple[str, Any]]:
    labels = {
        "acknowledge_by": _("Hạn thông báo thụ lý (10 ngày làm việc)"),
        "accept_by": _("Hạn thụ lý khiếu nại"),
        "initial_handling_by": _("Hạn xử lý ban đầu tố cáo"),
        "forward_by": _("Hạn chuyển đơn nếu không thuộc thẩm quyền"),
        "resolve_by": _("Hạn giải quyết"),
    }
    return [(labels[name], due) for name, due in selectors.case_clocks(case).items()]


# --- the resident -------------------------------------------------------------------------------


@signed_in_view
@require_http_methods(["GET", "POST"])
def case_file(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """A resident files a case with their commune from their phone."""
    commune = _commune_by_slug(commune_slug)
    form = forms.CitizenCaseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and not throttle.intake_allowed(f"user:{request.user.pk}"):
        form.add_error(None, throttle.refusal_message())
        return render(request, "petitions/case_file.html", {"form": form, "commune": commune}, status=429)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user: Any = request.user
        try:
            case = services.case_receive(
                unit=commune,
                kind=data["kind"],
                channel=CaseChannel.ONLINE,
                title=data["title"],
                content=data["content"],
                citizen=services.Citizen(
                    full_name=user.full_name or user.get_username(), phone=data["phone"], user=user
                ),
                confidentiality_requested=data["confidentiality_requested"],
                is_public=data["is_public"] and data["kind"] in (CaseKind.FEEDBACK, CaseKind.PETITION),
                location_address=data["location_address"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                act_known_on=data["act_known_on"],
                photos=forms.read_photos(data["photos"]),
                actor=user,
            )
        except DomainError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Đã gửi. Xã, phường sẽ thông báo cho bạn trong 10 ngày làm việc."))
            if case.filed_late:
                messages.warning(
                    request,
                    _(
                        "Khiếu nại của bạn đã quá thời hiệu 90 ngày. Nếu bạn bị ốm đau, thiên tai hoặc trở ngại "
                        "khách quan khác, hãy báo cho xã, phường kèm giấy tờ chứng minh; nếu không, khiếu nại sẽ "
                        "không được thụ lý."
                    ),
                )
            return redirect("petitions:my_case", pk=case.pk)
    return render(request, "petitions/case_file.html", {"form": form, "commune": commune})


@signed_in_view
def my_cases(request: HttpRequest) -> HttpResponse:
    calendar = selectors.public_calendar()
    rows = [(case, selectors.current_due(case, calendar)) for case in selectors.cases_of_filer(request.user)[:100]]
    return render(request, "petitions/my_cases.html", {"rows": rows})


@signed_in_view
def my_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = _own_case(request, pk)
    today = clock.today()
    can_reopen = bool(
        rules.check_reopen(
            kind=case.kind,
            status=case.status,
            answered_on=case.answered_on,
            today=today,
            reopen_days=selectors.reopen_days(),
        )
    )
    context = {
        "case": case,
        "due": selectors.current_due(case),
        "timeline": selectors.public_timeline(case),
        "rate_form": forms.RateForm() if case.is_answered and case.satisfaction is None else None,
        "reopen_form": forms.ReopenForm() if can_reopen else None,
        "can_withdraw": bool(rules.check_transition(case.kind, case.status, CaseStatus.WITHDRAWN)),
        "photos": case.attachments.count(),
        "attachments": case.attachments.all(),
    }
    return render(request, "petitions/my_case.html", context)


def _own_step(request: HttpRequest, pk: int, form_class: Any, perform: Callable[..., Any], done: str) -> HttpResponse:
    case = _own_case(request, pk)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, _("Hãy chọn hoặc nhập đủ thông tin."))
        return redirect("petitions:my_case", pk=case.pk)
    try:
        perform(case, form.cleaned_data if form is not None else {})
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done)
    return redirect("petitions:my_case", pk=case.pk)


@signed_in_view
@require_POST
def my_case_rate(request: HttpRequest, pk: int) -> HttpResponse:
    return _own_step(
        request,
        pk,
        forms.RateForm,
        lambda case, data: services.case_rate(
            case=case, rating=data["rating"], comment=data["comment"], actor=request.user
        ),
        _("Cảm ơn bạn đã đánh giá."),
    )


@signed_in_view
@require_POST
def my_case_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _own_step(
        request,
        pk,
        forms.ReopenForm,
        lambda case, data: services.case_reopen(case=case, reason=data["reason"], actor=request.user),
        _("Đã gửi đề nghị xem xét lại."),
    )


@signed_in_view
@require_POST
def my_case_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _own_step(
        request,
        pk,
        None,
        lambda case, data: services.case_withdraw(case=case, actor=request.user),
        _("Đã rút vụ việc."),
    )


# --- officers -----------------------------------------------------------------------------------


@action_required(Action.HANDLE_CASES, per_object=True)
def case_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The commune's cases as cards, a page at a time: what each waits for and by when; overdue ones on their own
    list (oldest first, clocks computed a bounded number at a time), flagged from the first page."""
    commune = get_unit_for_view(request, commune_slug)
    require_action(request, Action.HANDLE_CASES, commune)
    which = request.GET.get("loc", "open")
    after = request.GET.get("sau", "")
    today = clock.today()
    cases = Case.objects.filter(unit=commune)
    if which == "overdue":
        page = selectors.overdue_page(cases, today, after=after)
        has_overdue = bool(page.rows) or bool(after)
    else:
        page = selectors.case_page(commune, status="" if which == "all" else "open", after=after)
        # One overdue case is enough to show the flag; the list itself walks them all, page by page.
        has_overdue = bool(selectors.overdue_page(cases, today, size=1).rows)
    context = {
        "commune": commune,
        "rows": page.rows,
        "next_cursor": page.next_cursor,
        "which": which,
        "has_overdue": has_overdue,
        "today": today,
    }
    return render(request, "petitions/case_list.html", context)


@action_required(Action.HANDLE_CASES, per_object=True)
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """An officer records a case received in person, by phone, letter, hotline, at reception, or forwarded."""
    commune = get_unit_for_view(request, commune_slug)
    require_action(request, Action.HANDLE_CASES, commune)
    form = forms.OfficerCaseForm(request.POST or None, initial={"received_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_receive(
                unit=commune,
                kind=data["kind"],
                channel=data["channel"],
                received_on=data["received_on"],
                title=data["title"],
                content=data["content"],
                citizen=services.Citizen(full_name=data["full_name"], phone=data["phone"], address=data["address"]),
                confidentiality_requested=data["confidentiality_requested"],
                location_address=data["location_address"],
                act_known_on=data["act_known_on"],
                filing_obstacle_days=data["filing_obstacle_days"] or 0,
                filing_obstacle_reason=data["filing_obstacle_reason"],
                actor=request.user,
            )
        except DomainError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Đã tiếp nhận vụ việc."))
            if case.filed_late:
                messages.warning(
                    request,
                    _("Khiếu nại đã quá thời hiệu 90 ngày: không thụ lý, trừ khi có trở ngại khách quan được ghi lại."),
                )
            return redirect(_staff_detail_url(case))
    return render(request, "petitions/case_new.html", {"form": form, "commune": commune})


@action_required(Action.HANDLE_CASES, per_object=True)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _staff_case(request, pk)
    identity = services.identity_reveal(case=case, viewer=request.user, place="case_detail")
    may_assign = account_selectors.user_can(request.user, Action.ASSIGN_CASES, case.unit_id)
    context = {
        "case": case,
        "identity": identity,
        "mask": rules.MASK,
        "clocks": _clock_rows(case),
        "due": selectors.current_due(case),
        "timeline": selectors.public_timeline(case),
        "assignments": case.assignments.select_related("handler", "assigned_by"),
        "extensions": case.extensions.all(),
        "pauses": case.pauses.all(),
        "photos": case.attachments.count(),
        "attachments": case.attachments.all(),
        "may_assign": may_assign,
        "acknowledge_form": _acknowledge_form(case) if case.status == CaseStatus.RECEIVED else None,
        "filing": selectors.complaint_filing(case),
        "filing_form": (
            forms.FilingForm(
                initial={
                    "act_known_on": case.act_known_on,
                    "obstacle_days": case.filing_obstacle_days,
                    "obstacle_reason": case.filing_obstacle_reason,
                }
            )
            if case.kind == CaseKind.COMPLAINT and case.status == CaseStatus.RECEIVED
            else None
        ),
        "classify_form": forms.ClassifyForm(
            initial={"kind": case.kind, "complexity": case.complexity, "several_places": case.several_places}
        ),
        "assign_form": forms.AssignForm(handlers=_handlers(case.unit)) if may_assign else None,
        "answer_form": forms.AnswerForm() if case.status == CaseStatus.IN_PROGRESS else None,
        "extend_form": forms.ExtendForm() if may_assign and case.kind == CaseKind.DENUNCIATION else None,
        "pause_form": forms.PauseForm() if case.status in rules.OPEN_STATUSES else None,
        "can_accept": case.accepted_on is None and case.status == CaseStatus.ACKNOWLEDGED,
        "can_start": bool(rules.check_transition(case.kind, case.status, CaseStatus.IN_PROGRESS)),
        "can_close": case.status == CaseStatus.ANSWERED,
        "is_paused": case.pauses.filter(resumed_on__isnull=True).exists(),
        "papers": case.papers.all(),
        "paper_kinds": PaperKind.choices,
    }
    return render(request, "petitions/case_detail.html", context)


@action_required(Action.HANDLE_CASES, per_object=True)
@require_POST
def case_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=forms.AcknowledgeForm,
        perform=lambda case, data: services.case_acknowledge(
            case=case, outcome=data["outcome"], note=data["note"], actor=request.user
        ),
        done=_("Đã ghi thông báo cho người gửi."),
    )


@action_required(Action.HANDLE_CASES, per_object=True)
@require_POST
def case_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=None,
        perform=lambda case, data: services.case_accept(case=case, actor=request.user),
        done=_("Đã thụ lý."),
    )


@action_required(Action.HANDLE_CASES, per_object=True)
@require_POST
def case_filing(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=forms.FilingForm,
        perform=lambda case, data: services.complaint_filing_record(
            case=case,
            act_known_on=data["act_known_on"],
            obstacle_days=data["obstacle_days"],
            obstacle_reason=data["obstacle_reason"],
            actor=request.user,
        ),
        done=_("Đã ghi thời hiệu khiếu nại."),
    )


@action_required(Action.HANDLE_CASES, per_object=True)
@require_POST
def case_classify(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=forms.ClassifyForm,
        perform=lambda case, data: services.case_classify(
            case=case,
            kind=data["kind"],
            complexity=data["complexity"],
            several_places=data["several_places"],
            actor=request.user,
        ),
        done=_("Đã cập nhật phân loại."),
    )


@action_required(Action.ASSIGN_CASES, per_object=True)
@require_POST
def case_assign(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=forms.AssignForm,
        form_kwargs=lambda case: {"handlers": _handlers(case.unit)},
        perform=lambda case, data: services.case_assign(
            case=case, handler=data["handler"], reason=data["reason"], actor=request.user
        ),
        done=_("Đã giao xử lý."),
        action=Action.ASSIGN_CASES,
    )


@action_required(Action.HANDLE_CASES, per_object=True)
@require_POST
def case_start(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=None,
        perform=lambda case, data: services.case_start(case=case, actor=request.user),
        done=_("Đã bắt đầu xử lý."),
    )


@action_required(Action.HANDLE_CASES, per_object=True)
@require_POST
def case_answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=forms.AnswerForm,
        perform=lambda case, data: services.case_answer(case=case, answer=data["answer"], actor=request.user),
        done=_("Đã gửi trả lời."),
    )


@action_required(Action.HANDLE_CASES, per_object=True)
@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=None,
        perform=lambda case, data: services.case_close(case=case, actor=request.user),
        done=_("Đã kết thúc vụ việc."),
    )


@action_required(Action.ASSIGN_CASES, per_object=True)
@require_POST
def case_extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=forms.ExtendForm,
        perform=lambda case, data: services.case_extend(
            case=case,
            days=data["days"],
            reason=data["reason"],
            actor=request.user,
        ),
        done=_("Đã ghi quyết định gia hạn."),
        action=Action.ASSIGN_CASES,
    )


@action_required(Action.HANDLE_CASES, per_object=True)
@require_POST
def case_pause(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=forms.PauseForm,
        perform=lambda case, data: services.case_pause(
            case=case, reason=data["reason"], note=data["note"], actor=request.user
        ),
        done=_("Đã tạm dừng thời hạn."),
    )


@action_required(Action.HANDLE_CASES, per_object=True)
@require_POST
def case_resume(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        form_class=None,
        perform=lambda case, data: services.case_resume(case=case, actor=request.user),
        done=_("Đã tính tiếp thời hạn."),
    )


# --- the public ---------------------------------------------------------------------------------


@public_view
def public_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune_by_slug(commune_slug)
    return render(
        request,
        "petitions/public_list.html",
        {"commune": commune, "cases": selectors.public_cases(commune).select_related("unit")[:100]},
    )


@public_view
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = Case.objects.select_related("unit").filter(pk=pk).first()
    if case is None or not selectors.public_cases(case.unit_id).filter(pk=pk).exists():
        raise Http404("case not public")
    context = {"case": case, "timeline": selectors.public_timeline(case)}
    return render(request, "petitions/public_detail.html", context)


# --- photos ---------------------------------------------------------------------------------------


def _photo_response(case: Case, attachment_id: int) -> FileResponse:
    attachment = CaseAttachment.objects.filter(case=case, pk=attachment_id).first()
    if attachment is None or not attachment.file:
        raise Http404("photo not found")
    try:
        handle = attachment.file.open("rb")
    except OSError as error:
        raise Http404("photo missing") from error
    response = FileResponse(handle, content_type=attachment.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@action_required(Action.HANDLE_CASES, per_object=True)
def case_photo(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    return _photo_response(_staff_case(request, pk), attachment_id)


@signed_in_view
def my_case_photo(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    return _photo_response(_own_case(request, pk), attachment_id)


# --- satisfaction ([L] art. 35) ---------------------------------------------------------------------


@action_required(Action.ASSIGN_CASES, per_object=True)
def satisfaction_staff(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """For the chair: the citizens' ratings per officer and per kind of case."""
    commune = get_unit_for_view(request, commune_slug)
    require_action(request, Action.ASSIGN_CASES, commune)
    context = {
        "commune": commune,
        "by_handler": selectors.satisfaction_by_handler(commune),
        "by_kind": selectors.satisfaction_by_kind(commune),
        "by_service": ratings.satisfaction_by_service(commune),
        "by_service_officer": ratings.satisfaction_by_service_officer(commune),
    }
    return render(request, "petitions/satisfaction.html", context)


@public_view
def satisfaction_public(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune_by_slug(commune_slug)
    context = {
        "commune": commune,
        "by_handler": None,
        "by_kind": selectors.satisfaction_by_kind(commune, minimum=rules.PUBLIC_RATING_MIN_COUNT),
        "by_service": ratings.satisfaction_by_service(commune, minimum=rules.PUBLIC_RATING_MIN_COUNT),
        "by_service_officer": None,
        "public_minimum": rules.PUBLIC_RATING_MIN_COUNT,
    }
    return render(request, "petitions/satisfaction.html", context)
