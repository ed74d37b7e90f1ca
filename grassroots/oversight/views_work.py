"""Staff pages of the boards' yearly conference reports and requests for information.

Thin: parse, authorise, one service call."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from grassroots.accounts.authorize import action_required
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.oversight import forms, selectors
from grassroots.oversight.models import Board, ConferenceReport, InformationRequest
from grassroots.oversight.services import conference, information
from grassroots.oversight.views import BOARD_ACTIONS, _board
from grassroots.units.models import AdministrativeUnit

WORK_ACTIONS = (Action.DO_BOARD_WORK, Action.MANAGE_BOARDS)


def _page_url(board: Board, year: int) -> str:
    return reverse("oversight:conference_reports", kwargs={"pk": board.pk, "year": year})


def _draft_form(board: Board, year: int, data: object = None) -> forms.ConferenceReportDraftForm:
    communities = None
    if board.is_commune:
        communities = AdministrativeUnit.objects.filter(pk__in=selectors.conference_communities(board, year))
    return forms.ConferenceReportDraftForm(data, communities=communities)


@action_required(*BOARD_ACTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def conference_reports(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The year's reports at the year-end conference(s): the ones still due, drafts, and presented ones (PDF)."""
    board = _board(request, pk, *BOARD_ACTIONS)
    if not 2000 <= year <= 2100:
        raise Http404("year out of range")
    may_work = selectors.may_work(request.user, board)
    form = _draft_form(board, year)
    if request.method == "POST":
        if not may_work:
            raise PermissionDenied
        form = _draft_form(board, year, request.POST)
        if form.is_valid():
            try:
                conference.conference_report_draft(
                    board=board,
                    year=year,
                    community=form.cleaned_data.get("community"),
                    content=form.cleaned_data["content"],
                    actor=request.user,
                )
            except DomainError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("Đã lưu dự thảo báo cáo."))
                return redirect(_page_url(board, year))
    today = clock.today()
    return render(
        request,
        "oversight/conference_reports.html",
        {
            "board": board,
            "year": year,
            "reports": selectors.conference_reports_of(board).filter(year=year),
            "missing": [row for row in selectors.conference_reports_missing(board, today) if row[0] == year],
            "may_work": may_work and not board.is_investment,
            "form": form,
            "present_form": forms.ConferenceReportPresentForm(),
            "today": today,
        },
    )


@action_required(*WORK_ACTIONS, per_object=True)
@require_POST
def conference_report_present(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the conference at which the draft was presented; the report is issued as the board's document."""
    report = get_object_or_404(ConferenceReport.objects.select_related("board"), pk=pk)
    board = _board(request, report.board_id, *WORK_ACTIONS)
    url = _page_url(board, report.year)
    form = forms.ConferenceReportPresentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi tên hội nghị và ngày hội nghị."))
        return redirect(url)
    try:
        conference.conference_report_present(
            report=report,
            conference_name=form.cleaned_data["conference_name"],
            presented_on=form.cleaned_data["presented_on"],
            actor=request.user,
        )
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Đã ghi nhận báo cáo tại hội nghị và ban hành văn bản."))
    return redirect(url)


# --- requests for information ----------------------------------------------------------------------


def _request_url(request_object: InformationRequest) -> str:
    return reverse("oversight:information_detail", kwargs={"pk": request_object.pk})


@action_required(*WORK_ACTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def information_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The board asks the commune, the investor or the organisation's head for information and documents."""
    board = _board(request, pk, *WORK_ACTIONS)
    if not selectors.may_work(request.user, board):
        raise PermissionDenied
    form = forms.InformationRequestForm(request.POST or None, board_kind=board.kind)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = information.information_request_send(
                board=board,
                addressee=data["addressee"],
                addressee_name=data["addressee_name"],
                subject=data["subject"],
                documents=data["documents"],
                sent_on=data["sent_on"],
                actor=request.user,
            )
        except DomainError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Đã ghi nhận yêu cầu cung cấp thông tin."))
            return redirect(_request_url(created))
    return render(
        request,
        "oversight/form_page.html",
        {
            "form": form,
            "heading": _("Yêu cầu cung cấp thông tin, tài liệu"),
            "back": reverse("oversight:board_detail", kwargs={"pk": board.pk}),
        },
    )


def _information(request: HttpRequest, pk: int) -> InformationRequest:
    found = get_object_or_404(InformationRequest.objects.select_related("board"), pk=pk)
    _board(request, found.board_id, *BOARD_ACTIONS)
    return found


@action_required(*BOARD_ACTIONS, per_object=True)
def information_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One request: what was asked, of whom, the due day (working days), and the answer when recorded."""
    found = _information(request, pk)
    today = clock.today()
    return render(
        request,
        "oversight/information_detail.html",
        {
            "item": found,
            "board": found.board,
            "due": selectors.information_due(found),
            "overdue": selectors.information_overdue(found, today),
            "may_answer": selectors.may_provide_information(request.user, found),
            "may_work": selectors.may_work(request.user, found.board),
            "answer_form": forms.InformationAnswerForm(initial={"answered_on": today}),
            "withdraw_form": forms.InformationWithdrawForm(),
            "extend_form": forms.InformationExtendForm(initial={"extended_on": today}),
            "extension_max": selectors.information_extension_max_working_days(),
        },
    )


@action_required(*BOARD_ACTIONS, per_object=True)
@require_POST
def information_answer(request: HttpRequest, pk: int) -> HttpResponse:
    found = _information(request, pk)
    if not selectors.may_provide_information(request.user, found):
        raise PermissionDenied
    form = forms.InformationAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi thông tin, tài liệu đã nhận và ngày nhận."))
        return redirect(_request_url(found))
    try:
        information.information_request_answer(
            request=found,
            answer=form.cleaned_data["answer"],
            answered_on=form.cleaned_data["answered_on"],
            actor=request.user,
        )
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Đã ghi nhận thông tin, tài liệu được cung cấp."))
    return redirect(_request_url(found))


@action_required(*WORK_ACTIONS, per_object=True)
@require_POST
def information_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    found = _information(request, pk)
    if not selectors.may_work(request.user, found.board):
        raise PermissionDenied
    form = forms.InformationWithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi lý do rút yêu cầu."))
        return redirect(_request_url(found))
    try:
        information.information_request_withdraw(request=found, reason=form.cleaned_data["reason"], actor=request.user)
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Đã rút yêu cầu."))
    return redirect(_request_url(found))


@action_required(*BOARD_ACTIONS, per_object=True)
@require_POST
def information_extend(request: HttpRequest, pk: int) -> HttpResponse:
    """The body asked records its one extension of the period, with the reason of its written notice."""
    found = _information(request, pk)
    if not selectors.may_provide_information(request.user, found):
        raise PermissionDenied
    form = forms.InformationExtendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi số ngày làm việc gia hạn, lý do và ngày thông báo."))
        return redirect(_request_url(found))
    try:
        information.information_request_extend(
            request=found,
            working_days=form.cleaned_data["working_days"],
            reason=form.cleaned_data["reason"],
            extended_on=form.cleaned_data["extended_on"],
            actor=request.user,
        )
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Đã ghi nhận việc gia hạn thời hạn cung cấp thông tin."))
    return redirect(_request_url(found))
