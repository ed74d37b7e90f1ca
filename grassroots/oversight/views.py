"""Pages of the oversight boards: the staff's (Front, union, board members, the bodies that answer) and the public.

Parse → authorize (404 outside the user's units, 403 visible but not allowed) → one service call → redirect, or
the form again with the service's Vietnamese message and the input kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
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
    require_action_in_organisation,
    require_any_action,
)
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.params import ascii_int
from grassroots.oversight import forms, rules, selectors, services
from grassroots.oversight.models import (
    Board,
    BoardMember,
    BoardReport,
    BoardStatus,
    Inspection,
    Programme,
    ProgrammeItem,
    Recommendation,
    ReportPeriod,
    SupervisedProject,
)
from grassroots.oversight.services import projects
from grassroots.petitions.models import Case
from grassroots.units.models import AdministrativeUnit, Organisation, UnitLevel

BOARD_ACTIONS = (Action.MANAGE_BOARDS, Action.DO_BOARD_WORK, Action.ANSWER_RECOMMENDATIONS)
FORM_TEMPLATE = "oversight/form_page.html"


# --- helpers ------------------------------------------------------------------------------------


def _authorize_board(request: HttpRequest, board: Board, *actions: Action) -> Action:
    """403 unless the user holds one of ``actions`` on ``board`` (inside its organisation for agency boards)."""
    held = [action for action in actions if selectors.may(request.user, action, board)]
    chosen = held[0] if held else actions[0]
    if board.organisation_id is not None:
        require_action_in_organisation(request, chosen, board.organisation)
    else:
        require_action(request, chosen, board.unit)
    return chosen


def _board(request: HttpRequest, pk: int, *actions: Action) -> Board:
    board = get_object_in_units(request, Board.objects.select_related("unit", "organisation"), "unit", pk=pk)
    _authorize_board(request, board, *actions)
    return board


def _work_action(request: HttpRequest, board: Board) -> Action:
    return Action.MANAGE_BOARDS if selectors.may(request.user, Action.MANAGE_BOARDS, board) else Action.DO_BOARD_WORK


def _scope(board: Board) -> dict[str, Any]:
    return {"organisation": board.organisation} if board.organisation_id else {"unit": board.unit}


def _commune(slug: str) -> AdministrativeUnit:
    commune = AdministrativeUnit.objects.filter(slug=slug, level=UnitLevel.COMMUNE).first()
    if commune is None:
        raise Http404("commune not found")
    return commune


def _board_url(board: Board) -> str:
    return reverse("oversight:board_detail", kwargs={"pk": board.pk})


def _step(request: HttpRequest, url: str, perform: Any, done: str) -> HttpResponse:
    try:
        perform()
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done)
    return redirect(url)


# --- staff lists ----------------------------------------------------------------------------------


@action_required(*BOARD_ACTIONS, per_object=True)
def staff_index(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """A commune's boards and who has not answered which recommendation."""
    commune = get_unit_for_view(request, commune_slug)
    if commune.level != UnitLevel.COMMUNE:
        raise Http404("not a commune")
    # The province's officer answers what reached the province (their task list), not the commune's board pages.
    held = [action for action in BOARD_ACTIONS if selectors.may_over_unit(request.user, action, commune.pk)]
    require_any_action(request, held or BOARD_ACTIONS[:1], commune)
    today = clock.today()
    return render(
        request,
        "oversight/staff_index.html",
        {
            "commune": commune,
            "boards": selectors.boards_visible_to(request.user, commune),
            "unanswered": selectors.unanswered_by_addressee(commune, today),
            "may_manage": account_selectors.user_can(request.user, Action.MANAGE_BOARDS, commune),
            "today": today,
        },
    )


@action_required(*BOARD_ACTIONS)
def organisation_index(request: HttpRequest) -> HttpResponse:
    """The boards of the organisations the user belongs to (the union directs them, the head answers them)."""
    memberships = list(account_selectors.active_memberships(request.user))
    if not request.user.is_superuser and not any(
        membership.organisation_id is not None
        or any(selectors.may_over_unit(request.user, action, membership.unit_id) for action in BOARD_ACTIONS)
        for membership in memberships
        if membership.unit.level != UnitLevel.PROVINCE
    ):
        # The province's answering power is for recommendations sent on to it; it has no organisation boards here.
        raise PermissionDenied
    organisation_ids = set(
        account_selectors.active_memberships(request.user)
        .filter(organisation__isnull=False)
        .values_list("organisation_id", flat=True)
    )
    organisations = Organisation.objects.filter(pk__in=organisation_ids).order_by("name")
    rows = [
        (
            organisation,
            [
                board
                for board in Board.objects.filter(organisation=organisation)
                if selectors.may(request.user, Action.MANAGE_BOARDS, board)
                or selectors.may(request.user, Action.ANSWER_RECOMMENDATIONS, board)
            ],
            account_selectors.user_can_in_organisation(request.user, Action.MANAGE_BOARDS, organisation),
            Recommendation.objects.filter(addressee_organisation=organisation, status="sent").order_by("sent_on"),
        )
        for organisation in organisations
    ]
    return render(request, "oversight/organisation_index.html", {"rows": rows, "today": clock.today()})


# --- boards ---------------------------------------------------------------------------------------


@action_required(Action.MANAGE_BOARDS, per_object=True)
@require_http_methods(["GET", "POST"])
def board_new(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = get_unit_for_view(request, commune_slug)
    form = forms.BoardForm(request.POST or None)
    return form_page(
        request,
        form,
        action=Action.MANAGE_BOARDS,
        unit=commune,
        available=commune.level == UnitLevel.COMMUNE,
        perform=lambda data: services.board_create(
            kind=data["kind"],
            name=data["name"],
            unit=commune,
            term_start=data["term_start"],
            elected_on=data["elected_on"],
            project_name=data["project_name"],
            investor_name=data["investor_name"],
            supervision_start=data["supervision_start"],
            actor=request.user,
        ),
        done=lambda board: Done(_("Đã lập %(name)s.") % {"name": board.name}, _board_url(board)),
        template=FORM_TEMPLATE,
        context={"heading": _("Lập ban mới"), "back": reverse("oversight:staff_index", args=[commune.slug])},
    )


@action_required(Action.MANAGE_BOARDS, per_object=True)
@require_http_methods(["GET", "POST"])
def organisation_board_new(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_object_in_units(request, Organisation.objects.select_related("unit"), "unit", pk=organisation_id)
    form = forms.OrganisationBoardForm(request.POST or None)
    return form_page(
        request,
        form,
        action=Action.MANAGE_BOARDS,
        organisation=organisation,
        perform=lambda data: services.board_create(
            kind=data["kind"],
            name=data["name"],
            unit=organisation.unit,
            organisation=organisation,
            term_start=data["term_start"],
            elected_on=data["elected_on"],
            is_dispersed=data["is_dispersed"],
            actor=request.user,
        ),
        done=lambda board: Done(_("Đã lập %(name)s.") % {"name": board.name}, _board_url(board)),
        template=FORM_TEMPLATE,
        context={"heading": _("Lập Ban Thanh tra nhân dân của %(name)s") % {"name": organisation.name}},
    )


@action_required(*BOARD_ACTIONS, per_object=True)
def board_detail(request: HttpRequest, pk: int) -> HttpResponse:
    board = _board(request, pk, *BOARD_ACTIONS)
    today = clock.today()
    recommendations = [
        (recommendation, selectors.recommendation_due(recommendation), selectors.is_overdue(recommendation, today))
        for recommendation in board.recommendations.select_related("addressee_unit").order_by("-pk")
    ]
    return render(
        request,
        "oversight/board_detail.html",
        {
            "board": board,
            "members": selectors.active_members(board, today),
            "former": board.members.filter(left_on__isnull=False, left_on__lte=today),
            "vacancies": selectors.open_vacancies(board),
            "recognition_due": selectors.recognition_due(board) if board.is_forming else None,
            "investor_notice_latest": selectors.investor_notice_latest(board),
            "projects": selectors.projects_of(board),
            "inspections": board.inspections.order_by("-planned_on", "-pk"),
            "recommendations": recommendations,
            "may_manage": selectors.may(request.user, Action.MANAGE_BOARDS, board),
            "may_work": selectors.may_work(request.user, board),
            "votes": selectors.votes_of(board),
            "information_requests": [
                (item, selectors.information_due(item), selectors.information_overdue(item, today))
                for item in selectors.information_requests_of(board)[:50]
            ],
            "disclosures": selectors.disclosures_to_review(board, limit=10),
            "today": today,
        },
    )


@action_required(Action.DO_BOARD_WORK, Action.MANAGE_BOARDS, per_object=True)
@require_http_methods(["GET", "POST"])
def board_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the vote of a board meeting (decided by more than half of the members)."""
    board = get_object_in_units(request, Board.objects.select_related("unit", "organisation"), "unit", pk=pk)
    form = forms.VoteForm(request.POST or None)
    return form_page(
        request,
        form,
        action=_work_action(request, board),
        **_scope(board),
        available=board.status != "ended",
        perform=lambda data: services.board_vote_record(
            board=board,
            held_on=data["held_on"],
            subject=data["subject"],
            votes_for=data["votes_for"],
            votes_against=data["votes_against"],
            abstentions=data["abstentions"],
            actor=request.user,
        ),
        done=lambda vote: Done(
            _("Đã ghi biểu quyết: được thông qua.")
            if rules.is_adopted(votes_for=vote.votes_for, members=vote.members)
            else _("Đã ghi biểu quyết: không được thông qua (chưa quá nửa số thành viên)."),
            _board_url(board),
        ),
        template=FORM_TEMPLATE,
        context={"heading": _("Biểu quyết của ban: %(name)s") % {"name": board.name}, "back": _board_url(board)},
    )


@action_required(Action.MANAGE_BOARDS, per_object=True)
@require_http_methods(["GET", "POST"])
def board_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_object_in_units(request, Board.objects.select_related("unit", "organisation"), "unit", pk=pk)
    vacancies = list(selectors.open_vacancies(board))
    form = forms.MemberForm(
        request.POST or None,
        communities=selectors.communities_of(board.unit, clock.today()) if not board.organisation_id else None,
        vacancies=vacancies,
    )
    by_pk = {vacancy.pk: vacancy for vacancy in vacancies}
    return form_page(
        request,
        form,
        action=Action.MANAGE_BOARDS,
        **_scope(board),
        available=board.status != "ended",
        perform=lambda data: services.board_member_add(
            board=board,
            full_name=data["full_name"],
            position=data["position"],
            source=data["source"],
            community=data["community"],
            post=data["post"],
            has_conflicting_relative=data["has_conflicting_relative"],
            joined_on=data["joined_on"],
            vacancy=by_pk.get(data["vacancy"]) if data["vacancy"] else None,
            actor=request.user,
        ),
        done=lambda member: Done(_("Đã thêm %(name)s vào ban.") % {"name": member.full_name}, _board_url(board)),
        template=FORM_TEMPLATE,
        context={"heading": _("Thêm thành viên: %(name)s") % {"name": board.name}, "back": _board_url(board)},
    )


@action_required(Action.MANAGE_BOARDS, per_object=True)
@require_http_methods(["GET", "POST"])
def board_member_leave(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    board = get_object_in_units(request, Board.objects.select_related("unit", "organisation"), "unit", pk=pk)
    member = BoardMember.objects.filter(board=board, pk=member_id).first()
    if member is None:
        raise Http404("member not found")
    form = forms.LeaveForm(request.POST or None)

    def done(vacancy: Any) -> Done:
        text = _("Đã ghi nhận %(name)s thôi làm thành viên.") % {"name": member.full_name}
        if vacancy is not None:
            text += " " + _("Còn từ 6 tháng nhiệm kỳ trở lên: cần bầu bổ sung.")
        return Done(text, _board_url(board))

    return form_page(
        request,
        form,
        action=Action.MANAGE_BOARDS,
        **_scope(board),
        available=member.left_on is None,
        perform=lambda data: services.board_member_leave(
            member=member, left_on=data["left_on"], reason=data["reason"], actor=request.user
        ),
        done=done,
        template=FORM_TEMPLATE,
        context={"heading": _("Thôi làm thành viên: %(name)s") % {"name": member.full_name}, "back": _board_url(board)},
    )


@action_required(Action.MANAGE_BOARDS, per_object=True)
@require_POST
def board_recognise(request: HttpRequest, pk: int) -> HttpResponse:
    board = _board(request, pk, Action.MANAGE_BOARDS)
    return _step(
        request,
        _board_url(board),
        lambda: services.board_recognise(board=board, actor=request.user),
        _("Đã công nhận kết quả bầu; ban bắt đầu hoạt động."),
    )


@action_required(Action.MANAGE_BOARDS, per_object=True)
@require_http_methods(["GET", "POST"])
def board_investor_notify(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_object_in_units(request, Board.objects.select_related("unit", "organisation"), "unit", pk=pk)
    form = forms.DateForm(request.POST or None)
    return form_page(
        request,
        form,
        action=Action.MANAGE_BOARDS,
        **_scope(board),
        available=board.is_investment and board.investor_notified_on is None,
        perform=lambda data: services.board_investor_notify(board=board, notified_on=data["on"], actor=request.user),
        done=lambda board: Done(_("Đã ghi nhận ngày thông báo cho chủ đầu tư."), _board_url(board)),
        template=FORM_TEMPLATE,
        context={"heading": _("Thông báo kế hoạch giám sát cho chủ đầu tư"), "back": _board_url(board)},
    )


@action_required(Action.MANAGE_BOARDS, per_object=True)
@require_http_methods(["GET", "POST"])
def board_project_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The Front records a programme or project the investment board supervises (name, investor, location, value,
    timeline, supervision start and, when already given, the notice to the investor)."""
    board = get_object_in_units(request, Board.objects.select_related("unit", "organisation"), "unit", pk=pk)
    form = forms.SupervisedProjectForm(request.POST or None)
    return form_page(
        request,
        form,
        action=Action.MANAGE_BOARDS,
        **_scope(board),
        available=board.is_investment and board.status != BoardStatus.ENDED,
        perform=lambda data: projects.project_add(board=board, actor=request.user, **data),
        done=lambda project: Done(_("Đã ghi nhận dự án được giám sát."), _board_url(board)),
        template=FORM_TEMPLATE,
        context={"heading": _("Dự án được giám sát"), "back": _board_url(board)},
    )


@action_required(Action.MANAGE_BOARDS, per_object=True)
@require_http_methods(["GET", "POST"])
def project_investor_notify(request: HttpRequest, pk: int) -> HttpResponse:
    """The day the Front notified the investor of a project's supervision plan (≥ 45 days before the start)."""
    project = get_object_in_units(
        request, SupervisedProject.objects.select_related("board", "board__unit"), "board__unit", pk=pk
    )
    board = project.board
    form = forms.ProjectNoticeForm(request.POST or None)
    return form_page(
        request,
        form,
        action=Action.MANAGE_BOARDS,
        **_scope(board),
        available=project.investor_notified_on is None,
        perform=lambda data: projects.project_investor_notify(
            project=project, notified_on=data["notified_on"], actor=request.user
        ),
        done=lambda project: Done(_("Đã ghi nhận ngày thông báo cho chủ đầu tư."), _board_url(board)),
        template=FORM_TEMPLATE,
        context={
            "heading": _("Thông báo kế hoạch giám sát cho chủ đầu tư: %(name)s") % {"name": project.name},
            "back": _board_url(board),
        },
    )


@action_required(*BOARD_ACTIONS, per_object=True)
def board_report(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The figures of the board's quarterly, 6-monthly and yearly reports, and the reports issued as documents."""
    board = _board(request, pk, *BOARD_ACTIONS)
    if not 2000 <= year <= 2100:
        raise Http404("year out of range")
    today = clock.today()
    rows = [
        (ReportPeriod(code).label, first, last, selectors.report_figures(board, first, last, today))
        for code, first, last in rules.report_periods(year, cutoff_day=selectors.report_cutoff_day())
    ]
    return render(
        request,
        "oversight/board_report.html",
        {
            "board": board,
            "year": year,
            "rows": rows,
            "issued": board.reports.filter(year=year).select_related("document"),
            "term_reports": board.reports.filter(period=rules.TERM_REPORT).select_related("document"),
            "may_work": selectors.may_work(request.user, board),
            "issue_form": forms.ReportIssueForm(),
        },
    )


@action_required(Action.DO_BOARD_WORK, Action.MANAGE_BOARDS, per_object=True)
@require_POST
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation's board publishes an issued report to its staff (the organisation's disclosure pages)."""
    report = get_object_in_units(
        request, BoardReport.objects.select_related("board", "board__unit", "board__organisation"), "board__unit", pk=pk
    )
    board = report.board
    _authorize_board(request, board, Action.DO_BOARD_WORK, Action.MANAGE_BOARDS)
    url = reverse("oversight:board_report", kwargs={"pk": board.pk, "year": report.year})
    return _step(
        request,
        url,
        lambda: services.board_report_publish(report=report, actor=request.user),
        _("Đã công khai báo cáo cho cán bộ, người lao động."),
    )


@action_required(Action.DO_BOARD_WORK, Action.MANAGE_BOARDS, per_object=True)
@require_POST
def board_report_issue(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """Issue one period's report as an official document (Decree 30 layout) to the Front or the union."""
    board = _board(request, pk, Action.DO_BOARD_WORK, Action.MANAGE_BOARDS)
    url = reverse("oversight:board_report", kwargs={"pk": board.pk, "year": year})
    form = forms.ReportIssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn kỳ báo cáo."))
        return redirect(url)
    data = form.cleaned_data
    return _step(
        request,
        url,
        lambda: services.board_report_issue(
            board=board, year=year, period=data["period"], assessment=data["assessment"], actor=request.user
        ),
        _("Đã ban hành báo cáo."),
    )


@action_required(*BOARD_ACTIONS, per_object=True)
def board_document(request: HttpRequest, pk: int, document_id: int) -> FileResponse:
    """The PDF of a paper the board issued (a report, an inspection's results, a letter sending a recommendation on)."""
    board = _board(request, pk, *BOARD_ACTIONS)
    document = selectors.board_documents(board).filter(pk=document_id).first()
    if document is None:
        raise Http404("not a paper of this board")
    return FileResponse(
        document.pdf_file.open("rb"),
        content_type="application/pdf",
        filename=str(document.pdf_file.name).rsplit("/", 1)[-1],
    )


# --- work programmes ------------------------------------------------------------------------------


def _programmes_url(board: Board) -> str:
    return reverse("oversight:board_programmes", kwargs={"pk": board.pk})


@action_required(*BOARD_ACTIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def board_programmes(request: HttpRequest, pk: int) -> HttpResponse:
    """The board's yearly, 6-month and quarterly work programmes, their work and due dates; a new programme."""
    board = _board(request, pk, *BOARD_ACTIONS)
    may_work = selectors.may_work(request.user, board)
    form = forms.ProgrammeForm(request.POST or None, initial={"year": clock.today().year})
    if request.method == "POST":
        if not may_work:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            return _step(
                request,
                _programmes_url(board),
                lambda: services.programme_create(
                    board=board, kind=data["kind"], year=data["year"], number=data["number"], actor=request.user
                ),
                _("Đã lập chương trình công tác."),
            )
    return render(
        request,
        "oversight/programmes.html",
        {
            "board": board,
            "programmes": selectors.programmes_of(board),
            "may_work": may_work,
            "form": form,
            "item_form": forms.ProgrammeItemForm(),
            "today": clock.today(),
        },
    )


@action_required(Action.DO_BOARD_WORK, Action.MANAGE_BOARDS, per_object=True)
@require_POST
def programme_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_in_units(
        request, Programme.objects.select_related("board", "board__unit", "board__organisation"), "board__unit", pk=pk
    )
    board = programme.board
    _authorize_board(request, board, Action.DO_BOARD_WORK, Action.MANAGE_BOARDS)
    form = forms.ProgrammeItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi nội dung công việc và hạn hoàn thành."))
        return redirect(_programmes_url(board))
    data = form.cleaned_data
    return _step(
        request,
        _programmes_url(board),
        lambda: services.programme_item_add(
            programme=programme, text=data["text"], due_on=data["due_on"], actor=request.user
        ),
        _("Đã thêm việc vào chương trình."),
    )


@action_required(Action.DO_BOARD_WORK, Action.MANAGE_BOARDS, per_object=True)
@require_POST
def programme_item_done(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_in_units(
        request,
        ProgrammeItem.objects.select_related("programme__board__unit", "programme__board__organisation"),
        "programme__board__unit",
        pk=pk,
    )
    board = item.programme.board
    _authorize_board(request, board, Action.DO_BOARD_WORK, Action.MANAGE_BOARDS)
    return _step(
        request,
        _programmes_url(board),
        lambda: services.programme_item_done(item=item, actor=request.user),
        _("Đã ghi nhận hoàn thành."),
    )


# --- inspections ----------------------------------------------------------------------------------


def _inspection(request: HttpRequest, pk: int, *actions: Action) -> Inspection:
    inspection = get_object_in_units(
        request, Inspection.objects.select_related("board", "board__unit", "board__organisation"), "board__unit", pk=pk
    )
    _authorize_board(request, inspection.board, *actions)
    return inspection


def _inspection_url(inspection: Inspection) -> str:
    return reverse("oversight:inspection_detail", kwargs={"pk": inspection.pk})


@action_required(Action.DO_BOARD_WORK, Action.MANAGE_BOARDS, per_object=True)
@require_http_methods(["GET", "POST"])
def inspection_new(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_object_in_units(request, Board.objects.select_related("unit", "organisation"), "unit", pk=pk)
    form = forms.InspectionForm(request.POST or None)

    def perform(data: dict[str, Any]) -> Inspection:
        case = None
        if data["case_id"]:
            case = Case.objects.filter(pk=data["case_id"], unit=board.unit).first()
            if case is None:
                raise services.fail("oversight.inspection.case_outside")
        return services.inspection_plan(
            board=board,
            kind=data["kind"],
            subject=data["subject"],
            inspected_party=data["inspected_party"],
            planned_on=data["planned_on"],
            case=case,
            actor=request.user,
        )

    return form_page(
        request,
        form,
        action=_work_action(request, board),
        **_scope(board),
        available=board.status != "ended",
        perform=perform,
        done=lambda inspection: Done(_("Đã lập kế hoạch kiểm tra, giám sát."), _inspection_url(inspection)),
        template=FORM_TEMPLATE,
        context={"heading": _("Lập kế hoạch kiểm tra, giám sát"), "back": _board_url(board)},
    )


@action_required(*BOARD_ACTIONS, per_object=True)
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk, *BOARD_ACTIONS)
    return render(
        request,
        "oversight/inspection_detail.html",
        {
            "inspection": inspection,
            "board": inspection.board,
            "findings": inspection.findings.select_related("recorded_by"),
            "notice_latest": selectors.inspection_notice_latest(inspection),
            "may_work": selectors.may_work(request.user, inspection.board),
            "notify_form": forms.DateForm(),
            "finding_form": forms.FindingForm(),
            "conclusion_form": forms.ConclusionForm(),
        },
    )


def _inspection_step(request: HttpRequest, pk: int, form_class: Any, perform: Any, done: str) -> HttpResponse:
    inspection = _inspection(request, pk, Action.DO_BOARD_WORK, Action.MANAGE_BOARDS)
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(_inspection_url(inspection))
    return _step(request, _inspection_url(inspection), lambda: perform(inspection, form.cleaned_data), done)


@action_required(Action.DO_BOARD_WORK, Action.MANAGE_BOARDS, per_object=True)
@require_POST
def inspection_notify(request: HttpRequest, pk: int) -> HttpResponse:
    return _inspection_step(
        request,
        pk,
        forms.DateForm,
        lambda inspection, data: services.inspection_notify(
            inspection=inspection, notified_on=data["on"], actor=request.user
        ),
        _("Đã ghi nhận ngày gửi kế hoạch."),
    )


@action_required(Action.DO_BOARD_WORK, Action.MANAGE_BOARDS, per_object=True)
@require_POST
def inspection_finding(request: HttpRequest, pk: int) -> HttpResponse:
    return _inspection_step(
        request,
        pk,
        forms.FindingForm,
        lambda inspection, data: services.finding_record(
            inspection=inspection, text=data["text"], evidence=data["evidence"], actor=request.user
        ),
        _("Đã ghi nhận phát hiện."),
    )


@action_required(Action.DO_BOARD_WORK, Action.MANAGE_BOARDS, per_object=True)
@require_POST
def inspection_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    return _inspection_step(
        request,
        pk,
        forms.ConclusionForm,
        lambda inspection, data: services.inspection_conclude(
            inspection=inspection, conclusion=data["conclusion"], publish=data["publish"], actor=request.user
        ),
        _("Đã kết luận cuộc kiểm tra, giám sát."),
    )


# --- recommendations ------------------------------------------------------------------------------


def _recommendation(request: HttpRequest, pk: int) -> Recommendation:
    return get_object_in_units(
        request,
        Recommendation.objects.select_related("board", "board__unit", "board__organisation", "addressee_unit"),
        "board__unit",
        pk=pk,
    )


def _recommendation_url(recommendation: Recommendation) -> str:
    return reverse("oversight:recommendation_detail", kwargs={"pk": recommendation.pk})


def _authorize_answer(request: HttpRequest, recommendation: Recommendation) -> None:
    if recommendation.addressee_organisation_id is not None:
        require_action_in_organisation(request, Action.ANSWER_RECOMMENDATIONS, recommendation.addressee_organisation)
    else:
        require_action(request, Action.ANSWER_RECOMMENDATIONS, recommendation.addressee_unit)


@action_required(Action.DO_BOARD_WORK, Action.MANAGE_BOARDS, per_object=True)
@require_http_methods(["GET", "POST"])
def recommendation_new(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_object_in_units(request, Board.objects.select_related("unit", "organisation"), "unit", pk=pk)
    inspection_id = request.GET.get("cuoc", "")
    inspection_pk = ascii_int(inspection_id)
    inspection = board.inspections.filter(pk=inspection_pk).first() if inspection_pk is not None else None
    disclosure_id = request.GET.get("cong-khai", "")
    disclosure_pk = ascii_int(disclosure_id)
    disclosure = (
        next((row for row in selectors.disclosures_to_review(board, limit=200) if row.pk == disclosure_pk), None)
        if disclosure_pk is not None
        else None
    )
    if disclosure_id and disclosure is None:
        raise Http404("disclosure not found")
    initial = {"title": _("Kiến nghị về: %(title)s") % {"title": disclosure.title}} if disclosure else None
    form = forms.RecommendationForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        action=_work_action(request, board),
        **_scope(board),
        available=board.status != "ended",
        perform=lambda data: services.recommendation_draft(
            board=board,
            inspection=inspection,
            disclosure=disclosure,
            title=data["title"],
            content=data["content"],
            addressee_name=data["addressee_name"],
            is_public=data["is_public"],
            actor=request.user,
        ),
        done=lambda recommendation: Done(_("Đã lập dự thảo kiến nghị."), _recommendation_url(recommendation)),
        template=FORM_TEMPLATE,
        context={"heading": _("Kiến nghị mới: %(name)s") % {"name": board.name}, "back": _board_url(board)},
    )


@action_required(*BOARD_ACTIONS, per_object=True)
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _recommendation(request, pk)
    may_answer = selectors.may_answer(request.user, recommendation)
    if may_answer:
        _authorize_answer(request, recommendation)
    else:
        _authorize_board(request, recommendation.board, Action.MANAGE_BOARDS, Action.DO_BOARD_WORK)
    today = clock.today()
    return render(
        request,
        "oversight/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "board": recommendation.board,
            "due": selectors.recommendation_due(recommendation),
            "current_due": selectors.current_due(recommendation),
            "overdue": selectors.is_overdue(recommendation, today),
            "escalations": recommendation.escalations.select_related("document"),
            "escalate_form": forms.EscalateForm(),
            "intact": selectors.sent_record_intact(recommendation),
            "may_answer": may_answer and recommendation.is_awaiting_answer,
            "may_manage": selectors.may(request.user, Action.MANAGE_BOARDS, recommendation.board),
            "may_work": selectors.may_work(request.user, recommendation.board),
            "answer_form": forms.AnswerForm(),
            "close_form": forms.CloseForm(),
        },
    )


@action_required(Action.MANAGE_BOARDS, per_object=True)
@require_POST
def recommendation_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _recommendation(request, pk)
    _authorize_board(request, recommendation.board, Action.MANAGE_BOARDS)
    return _step(
        request,
        _recommendation_url(recommendation),
        lambda: services.recommendation_confirm(recommendation=recommendation, actor=request.user),
        _("Ủy ban MTTQ đã xác nhận kiến nghị."),
    )


@action_required(Action.DO_BOARD_WORK, Action.MANAGE_BOARDS, per_object=True)
@require_POST
def recommendation_send(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _recommendation(request, pk)
    _authorize_board(request, recommendation.board, Action.DO_BOARD_WORK, Action.MANAGE_BOARDS)
    return _step(
        request,
        _recommendation_url(recommendation),
        lambda: services.recommendation_send(recommendation=recommendation, actor=request.user),
        _("Đã gửi kiến nghị; thời hạn trả lời 15 ngày bắt đầu tính."),
    )


@action_required(Action.ANSWER_RECOMMENDATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def recommendation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _recommendation(request, pk)
    if not selectors.may_answer(request.user, recommendation):
        # The province holds the action over the whole province but answers only what was sent on to it.
        raise PermissionDenied
    form = forms.AnswerForm(request.POST or None)
    scope: dict[str, Any] = (
        {"organisation": recommendation.addressee_organisation}
        if recommendation.addressee_organisation_id
        else {"unit": recommendation.addressee_unit}
    )
    return form_page(
        request,
        form,
        action=Action.ANSWER_RECOMMENDATIONS,
        **scope,
        available=recommendation.is_awaiting_answer,
        perform=lambda data: services.recommendation_answer(
            recommendation=recommendation, answer=data["answer"], disposition=data["disposition"], actor=request.user
        ),
        done=lambda answered: Done(_("Đã ghi nhận trả lời kiến nghị."), _recommendation_url(answered)),
        template=FORM_TEMPLATE,
        context={
            "heading": _("Trả lời kiến nghị: %(title)s") % {"title": recommendation.title},
            "back": _recommendation_url(recommendation),
        },
    )


@action_required(Action.DO_BOARD_WORK, Action.MANAGE_BOARDS, per_object=True)
@require_POST
def recommendation_close(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _recommendation(request, pk)
    _authorize_board(request, recommendation.board, Action.DO_BOARD_WORK, Action.MANAGE_BOARDS)
    form = forms.CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi kết quả theo dõi."))
        return redirect(_recommendation_url(recommendation))
    return _step(
        request,
        _recommendation_url(recommendation),
        lambda: services.recommendation_close(
            recommendation=recommendation, note=form.cleaned_data["note"], actor=request.user
        ),
        _("Đã kết thúc theo dõi kiến nghị."),
    )


@action_required(Action.DO_BOARD_WORK, Action.MANAGE_BOARDS, per_object=True)
@require_POST
def recommendation_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    """Send an unanswered recommendation on to the next level once its 15 days have run out."""
    recommendation = _recommendation(request, pk)
    _authorize_board(request, recommendation.board, Action.DO_BOARD_WORK, Action.MANAGE_BOARDS)
    form = forms.EscalateForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _step(
        request,
        _recommendation_url(recommendation),
        lambda: services.recommendation_escalate(recommendation=recommendation, note=note, actor=request.user),
        _("Đã chuyển kiến nghị lên cấp trên; thời hạn trả lời 15 ngày mới bắt đầu tính."),
    )


# --- public ---------------------------------------------------------------------------------------


@public_view
def public_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The commune's public recommendations and their answers, and who has not answered in time."""
    commune = _commune(commune_slug)
    today = clock.today()
    rows = [
        (recommendation, selectors.recommendation_due(recommendation), selectors.is_overdue(recommendation, today))
        for recommendation in selectors.public_recommendations(commune)
        .prefetch_related("escalations")
        .order_by("-sent_on", "-pk")[:200]
    ]
    return render(
        request,
        "oversight/public_list.html",
        {
            "commune": commune,
            "rows": rows,
            "unanswered": selectors.unanswered_by_addressee(commune, today, public_only=True),
            "conclusions": selectors.public_conclusions(commune),
            "today": today,
        },
    )
