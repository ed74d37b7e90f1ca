"""Staff pages of plans and reports: list, import, derive, track, report, review, scorecard."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.authorize import (
    action_required,
    get_object_in_units,
    get_unit_for_view,
    require_action,
    require_any_action,
    visible_unit_ids,
)
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.params import ascii_int
from grassroots.plans import rules, selectors, services
from grassroots.plans.figures import figure_records as find_figure_records
from grassroots.plans.figures import has_figure_records, registered_figure_providers
from grassroots.plans.forms import (
    AdhocReportForm,
    PlanCancelForm,
    PlanEditForm,
    PlanImportForm,
    PlanItemEditForm,
    ReportNarrativeForm,
    ReportReviewForm,
    TaskNoteForm,
    TaskStatusForm,
)
from grassroots.plans.models import Plan, PlanItem, PlanReport, PlanStatus, ReportPeriod, ReportStatus
from grassroots.plans.parsing import parse_file
from grassroots.units.models import AdministrativeUnit, UnitLevel


def _managed_units(request: HttpRequest) -> Any:
    ids = [
        unit_id
        for unit_id in visible_unit_ids(request)
        if account_selectors.user_can(request.user, Action.MANAGE_PLANS, unit_id)
    ]
    return AdministrativeUnit.objects.filter(pk__in=ids, level__in=(UnitLevel.PROVINCE, UnitLevel.COMMUNE)).order_by(
        "level", "name"
    )


@action_required(Action.MANAGE_PLANS, Action.REVIEW_PLAN_REPORTS)
def plan_list(request: HttpRequest) -> HttpResponse:
    unit_ids = visible_unit_ids(request)
    today = clock.today()
    provinces = AdministrativeUnit.objects.filter(pk__in=unit_ids, level=UnitLevel.PROVINCE).order_by("name")
    context = {
        "plans": selectors.plans_in(unit_ids)[:100],
        "overdue": selectors.overdue_tasks(list(unit_ids), today)[:50],
        "waiting": selectors.reports_waiting_review(list(unit_ids))[:50],
        "reports": PlanReport.objects.filter(unit_id__in=unit_ids).select_related("unit")[:50],
        "units": _managed_units(request),
        "provinces": provinces,
        "year": today.year,
        "today": today,
    }
    return render(request, "plans/plan_list.html", context)


@action_required(Action.MANAGE_PLANS)
def plan_import(request: HttpRequest) -> HttpResponse:
    units = _managed_units(request)
    form = PlanImportForm(request.POST or None, request.FILES or None, units=units)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        parsed = parse_file(upload.name, upload.read())
        try:
            plan = services.plan_import(
                unit=form.cleaned_data["unit"], parsed=parsed, actor=request.user, source_name=upload.name
            )
        except DomainError as refusal:
            problems = list(refusal.params.get("problems") or [refusal.message])
        else:
            messages.success(request, _("Đã nhập kế hoạch dưới dạng dự thảo. Hãy rà soát trước khi ban hành."))
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(
        request, "plans/plan_import.html", {"form": form, "problems": problems}, status=422 if problems else 200
    )


def _plan_from_above(request: HttpRequest, pk: int) -> tuple[Plan, list[AdministrativeUnit]]:
    """An issued plan of a level above one of the units whose plans the user manages, with those units.

    A commune implements ("Thực hiện Kế hoạch số …") the plan its province issued: it reads that plan and derives
    its own from it. Drafts of the level above, and plans of units that are not above the user's, stay hidden (404).
    """
    plan = Plan.objects.select_related("unit", "parent").filter(pk=pk, status=PlanStatus.ISSUED).first()
    if plan is None:
        raise Http404("plan not found")
    below = [
        unit
        for unit in _managed_units(request)
        if unit.pk != plan.unit_id and plan.unit_id in account_selectors.unit_path(unit)
    ]
    if not below:
        raise Http404("plan not found")
    require_action(request, Action.MANAGE_PLANS, below[0])  # the door: the user's own unit, not the plan's
    return plan, below


@action_required(Action.MANAGE_PLANS, Action.REVIEW_PLAN_REPORTS, per_object=True)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        plan = get_object_in_units(request, Plan.objects.select_related("unit", "parent"), "unit", pk=pk)
    except Http404:
        return _plan_detail_from_below(request, pk)
    require_any_action(request, (Action.MANAGE_PLANS, Action.REVIEW_PLAN_REPORTS), plan.unit_id)
    today = clock.today()
    items = list(plan.items.order_by("position").prefetch_related("notes"))
    for item in items:
        item.is_overdue = rules.is_task_overdue(status=item.status, due_on=item.due_on, today=today)  # type: ignore[attr-defined]
    derivable = [
        unit
        for unit in _managed_units(request)
        if plan.status == PlanStatus.ISSUED and unit.pk != plan.unit_id and unit.parent_id is not None
    ]
    context = {
        "plan": plan,
        "items": items,
        "derivation": selectors.derivation_status(plan) if plan.status == PlanStatus.ISSUED else [],
        "derivable": derivable,
        "can_manage": account_selectors.user_can(request.user, Action.MANAGE_PLANS, plan.unit_id),
        "can_cancel": rules.is_plan_cancellable(plan.status),
        "status_form": TaskStatusForm(),
        "note_form": TaskNoteForm(),
        "deadlines": plan.report_deadlines.all(),
    }
    return render(request, "plans/plan_detail.html", context)


def _plan_detail_from_below(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan of the level above, read to implement it: its tasks and deadlines, and the button to derive the
    user's own plan; not which other units derived theirs, and nothing to change."""
    plan, below = _plan_from_above(request, pk)
    today = clock.today()
    items = list(plan.items.order_by("position"))
    for item in items:
        item.is_overdue = rules.is_task_overdue(status=item.status, due_on=item.due_on, today=today)  # type: ignore[attr-defined]
    context = {
        "plan": plan,
        "items": items,
        "derivation": [],
        "derivable": below,
        "can_manage": False,
        "status_form": TaskStatusForm(),
        "note_form": TaskNoteForm(),
        "deadlines": plan.report_deadlines.all(),
    }
    return render(request, "plans/plan_detail.html", context)


def _refused(request: HttpRequest, refusal: DomainError) -> None:
    messages.error(request, refusal.message or _("Không thực hiện được."))


@require_POST
@action_required(Action.MANAGE_PLANS, per_object=True)
def plan_issue(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_in_units(request, Plan.objects.all(), "unit", pk=pk)
    require_action(request, Action.MANAGE_PLANS, plan.unit_id)
    try:
        services.plan_issue(plan=plan, actor=request.user)
        messages.success(request, _("Đã ban hành kế hoạch."))
    except DomainError as refusal:
        _refused(request, refusal)
    return redirect("plans:plan_detail", pk=plan.pk)


@action_required(Action.MANAGE_PLANS, per_object=True)
@require_http_methods(["GET", "POST"])
def plan_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel a draft or issued plan (replaced or withdrawn), with a required reason: a confirmation page that says
    what follows (tasks no longer overdue, the plan's report dates no longer used, derived plans left to their units),
    then one service call. Offered only in the states ``rules.PLAN_TRANSITIONS`` allows (else 404)."""
    plan = get_object_in_units(request, Plan.objects.select_related("unit"), "unit", pk=pk)
    form = PlanCancelForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        action=Action.MANAGE_PLANS,
        unit=plan.unit_id,
        available=rules.is_plan_cancellable(plan.status),
        perform=lambda data: services.plan_cancel(plan=plan, reason=data["reason"], actor=request.user),
        done=lambda cancelled: Done(_("Đã hủy kế hoạch."), reverse("plans:plan_detail", args=[cancelled.pk])),
        template="plans/plan_cancel.html",
        context={
            "plan": plan,
            "open_tasks": selectors.open_task_count(plan),
            "deadlines": plan.report_deadlines.all(),
            "derived": selectors.derived_plans(plan),
        },
    )


@require_POST
@action_required(Action.MANAGE_PLANS, per_object=True)
def plan_derive(request: HttpRequest, pk: int, unit_id: int) -> HttpResponse:
    try:
        upper = get_object_in_units(request, Plan.objects.select_related("unit"), "unit", pk=pk)
    except Http404:
        upper, _below = _plan_from_above(request, pk)  # a commune derives from its province's issued plan
    unit = get_unit_for_view(request, unit_id)
    require_action(request, Action.MANAGE_PLANS, unit)
    try:
        plan = services.plan_derive(upper=upper, unit=unit, actor=request.user)
    except DomainError as refusal:
        _refused(request, refusal)
        return redirect("plans:plan_detail", pk=upper.pk)
    messages.success(request, _("Đã tạo kế hoạch triển khai. Hãy điều chỉnh cho phù hợp rồi ban hành."))
    return redirect("plans:plan_detail", pk=plan.pk)


@require_POST
@action_required(Action.MANAGE_PLANS, per_object=True)
def task_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_in_units(request, PlanItem.objects.select_related("plan"), "plan__unit", pk=pk)
    require_action(request, Action.MANAGE_PLANS, item.plan.unit_id)
    form = TaskStatusForm(request.POST)
    if form.is_valid():
        try:
            services.task_status_change(item=item, target=form.cleaned_data["status"], actor=request.user)
            messages.success(request, _("Đã cập nhật trạng thái nhiệm vụ."))
        except DomainError as refusal:
            _refused(request, refusal)
    else:
        messages.error(request, _("Trạng thái không hợp lệ."))
    return redirect("plans:plan_detail", pk=item.plan_id)


@require_POST
@action_required(Action.MANAGE_PLANS, per_object=True)
def task_note(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_in_units(request, PlanItem.objects.select_related("plan"), "plan__unit", pk=pk)
    require_action(request, Action.MANAGE_PLANS, item.plan.unit_id)
    form = TaskNoteForm(request.POST)
    if form.is_valid():
        try:
            services.task_note_add(
                item=item,
                text=form.cleaned_data["text"],
                evidence_url=form.cleaned_data["evidence_url"],
                actor=request.user,
            )
            messages.success(request, _("Đã ghi tiến độ."))
        except DomainError as refusal:
            _refused(request, refusal)
    else:
        messages.error(request, _("Hãy ghi nội dung tiến độ."))
    return redirect("plans:plan_detail", pk=item.plan_id)


@require_POST
@action_required(Action.MANAGE_PLANS, per_object=True)
def report_prepare(request: HttpRequest, unit_id: int, period: str, year: int) -> HttpResponse:
    unit = get_unit_for_view(request, unit_id)
    require_action(request, Action.MANAGE_PLANS, unit)
    if period not in ReportPeriod.values or not 2000 <= year <= 2100:
        messages.error(request, _("Kỳ báo cáo không hợp lệ."))
        return redirect("plans:plan_list")
    try:
        report = services.report_prepare(unit=unit, period=period, year=year, actor=request.user)
    except DomainError as refusal:
        _refused(request, refusal)
        return redirect("plans:plan_list")
    return redirect("plans:report_detail", pk=report.pk)


@action_required(Action.MANAGE_PLANS, Action.REVIEW_PLAN_REPORTS, per_object=True)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_in_units(request, PlanReport.objects.select_related("unit"), "unit", pk=pk)
    require_any_action(request, (Action.MANAGE_PLANS, Action.REVIEW_PLAN_REPORTS), report.unit_id)
    can_edit = (
        account_selectors.user_can(request.user, Action.MANAGE_PLANS, report.unit_id)
        and report.status in rules.EDITABLE_REPORT_STATUSES
    )
    can_review = (
        report.status == ReportStatus.SUBMITTED
        and report.unit.parent_id is not None
        and account_selectors.user_can(request.user, Action.REVIEW_PLAN_REPORTS, report.unit.parent_id)
    )
    form = ReportNarrativeForm(request.POST or None, initial={"narrative": report.narrative})
    if request.method == "POST":
        if not can_edit:
            messages.error(request, _("Báo cáo này không sửa được."))
        elif form.is_valid():
            try:
                services.report_narrative_save(
                    report=report, narrative=form.cleaned_data["narrative"], actor=request.user
                )
                messages.success(request, _("Đã lưu."))
                return redirect("plans:report_detail", pk=report.pk)
            except DomainError as refusal:
                _refused(request, refusal)
    figures = report.figures.get("items", [])
    values = {item["key"]: item["value"] for item in figures}
    for item in figures:
        item["percent"] = rules.percent(item["value"], values.get(item["part_of"], 0)) if item["part_of"] else None
        if item["value"] and not item.get("link"):
            item["link"] = figure_records_url(item["key"], report.unit_id, report.starts_on, report.ends_on)
    context = {
        "report": report,
        "figures": figures,
        "form": form,
        "can_edit": can_edit,
        "can_review": can_review,
        "review_form": ReportReviewForm(),
    }
    return render(request, "plans/report_detail.html", context)


@require_POST
@action_required(Action.MANAGE_PLANS, per_object=True)
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_in_units(request, PlanReport.objects.all(), "unit", pk=pk)
    require_action(request, Action.MANAGE_PLANS, report.unit_id)
    try:
        services.report_submit(report=report, actor=request.user)
        messages.success(request, _("Đã gửi báo cáo lên cấp trên."))
    except DomainError as refusal:
        _refused(request, refusal)
    return redirect("plans:report_detail", pk=report.pk)


@require_POST
@action_required(Action.REVIEW_PLAN_REPORTS, per_object=True)
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_in_units(request, PlanReport.objects.select_related("unit"), "unit", pk=pk)
    require_action(request, Action.REVIEW_PLAN_REPORTS, report.unit.parent_id)
    form = ReportReviewForm(request.POST)
    if form.is_valid():
        try:
            services.report_review(
                report=report,
                accept=form.cleaned_data["decision"] == "accept",
                note=form.cleaned_data["note"],
                actor=request.user,
            )
            messages.success(request, _("Đã ghi ý kiến xem xét."))
        except DomainError as refusal:
            _refused(request, refusal)
    else:
        messages.error(request, _("Hãy chọn tiếp nhận hoặc trả lại."))
    return redirect("plans:report_detail", pk=report.pk)


@action_required(Action.REVIEW_PLAN_REPORTS, Action.READ_ROLLUPS, per_object=True)
def scorecard(request: HttpRequest, unit_id: int) -> HttpResponse:
    province = get_unit_for_view(request, unit_id)
    require_any_action(request, (Action.REVIEW_PLAN_REPORTS, Action.READ_ROLLUPS), province)
    today = clock.today()
    period = request.GET.get("ky", ReportPeriod.SEMIANNUAL)
    if period not in (ReportPeriod.SEMIANNUAL, ReportPeriod.ANNUAL):
        period = ReportPeriod.SEMIANNUAL
    asked = ascii_int(request.GET.get("nam", ""), max_digits=4)
    year = min(max(asked if asked is not None else today.year, 2000), 2100)
    headings, rows = selectors.scorecard(province, period, year, today)
    export = request.GET.get("xuat")
    if export == "xlsx":
        return _scorecard_xlsx(province, headings, rows, period, year)
    if export == "csv":
        return _scorecard_csv(province, headings, rows, period, year)
    if export == "docx":
        signer = str(getattr(request.user, "full_name", "") or request.user.get_username())
        return _scorecard_docx(province, headings, rows, period, year, today, signer)
    window = selectors.report_window(province, period, year)
    for row in rows:
        row.cells = [  # type: ignore[attr-defined]
            (
                row.percents.get(heading["key"]),
                figure_records_url(heading["key"], row.unit.pk, window.starts_on, window.ends_on)
                if row.figures.get(heading["key"])
                else "",
            )
            for heading in headings
        ]
    trend = selectors.scorecard_trend(province, period, year)
    # One commune's own trend (the commune's name is a link): only a commune of this province's scorecard.
    chosen = next((row.unit for row in rows if str(row.unit.pk) == request.GET.get("don_vi", "")), None)
    unit_trend = selectors.scorecard_trend(province, period, year, unit=chosen) if chosen is not None else []
    for past in [*trend, *unit_trend]:
        past.cells = [past.percents.get(heading["key"]) for heading in headings]  # type: ignore[attr-defined]
    context = {
        "province": province,
        "headings": headings,
        "rows": rows,
        "trend": trend,
        "chosen": chosen,
        "unit_trend": unit_trend,
        "period": period,
        "year": year,
    }
    return render(request, "plans/scorecard.html", context)


def _scorecard_xlsx(province: AdministrativeUnit, headings: Any, rows: Any, period: str, year: int) -> HttpResponse:
    from io import BytesIO

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = f"{period}-{year}"
    for line in _scorecard_table(headings, rows):
        sheet.append(line)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="bang-diem-{province.pk}-{period}-{year}.xlsx"'
    return response


def _scorecard_table(headings: Any, rows: Any) -> list[list[Any]]:
    """The scorecard as rows of cells (a heading row first), the same for XLSX and CSV."""
    table: list[list[Any]] = [
        [_("Xã, phường"), *[f"{heading['label']} (%)" for heading in headings], _("Báo cáo"), _("Chậm")]
    ]
    for row in rows:
        cells = [row.percents.get(heading["key"]) for heading in headings]
        table.append([row.unit.name, *cells, row.report_label, _("Chậm") if row.report_late else ""])
    return table


def _scorecard_csv(province: AdministrativeUnit, headings: Any, rows: Any, period: str, year: int) -> HttpResponse:
    import csv

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bang-diem-{province.pk}-{period}-{year}.csv"'
    response.write("\ufeff")  # a byte-order mark: Excel opens the Vietnamese text as UTF-8
    writer = csv.writer(response)
    for line in _scorecard_table(headings, rows):
        writer.writerow(["" if cell is None else cell for cell in line])
    return response


def _scorecard_docx(
    province: AdministrativeUnit, headings: Any, rows: Any, period: str, year: int, today: Any, signer: str
) -> HttpResponse:
    from grassroots.documents.rendering import FORMATS
    from grassroots.plans.papers import scorecard_docx

    content = scorecard_docx(
        province=province,
        headings=headings,
        rows=rows,
        trend=selectors.scorecard_trend(province, period, year),
        period=period,
        year=year,
        today=today,
        signer_name=signer,
    )
    response = HttpResponse(content, content_type=FORMATS["docx"])
    response["Content-Disposition"] = f'attachment; filename="bang-diem-{province.pk}-{period}-{year}.docx"'
    return response


@action_required(Action.MANAGE_PLANS, per_object=True)
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a draft plan (what the import got wrong) before issuing it: metadata and every item."""
    plan = get_object_in_units(request, Plan.objects.select_related("unit"), "unit", pk=pk)
    require_action(request, Action.MANAGE_PLANS, plan.unit_id)
    if plan.status not in rules.PLAN_EDITABLE_STATUSES:
        messages.error(request, _("Chỉ sửa được kế hoạch đang là dự thảo."))
        return redirect("plans:plan_detail", pk=plan.pk)
    items = list(plan.items.order_by("position"))
    data = request.POST if request.method == "POST" else None
    form = PlanEditForm(data, initial=PlanEditForm.initial_of(plan))
    item_forms = [
        (item, PlanItemEditForm(data, prefix=f"muc-{item.pk}", initial=PlanItemEditForm.initial_of(item)))
        for item in items
    ]
    problem = ""
    if request.method == "POST" and form.is_valid() and all(item_form.is_valid() for _, item_form in item_forms):
        try:
            services.plan_update(
                plan=plan,
                changes=form.changes(),
                items={item.pk: item_form.changes(is_section=item.is_section) for item, item_form in item_forms},
                actor=request.user,
            )
        except DomainError as refusal:
            problem = refusal.message
        else:
            messages.success(request, _("Đã lưu các chỉnh sửa của dự thảo."))
            return redirect("plans:plan_detail", pk=plan.pk)
    invalid = request.method == "POST"
    context = {"plan": plan, "form": form, "item_forms": item_forms, "problem": problem}
    return render(request, "plans/plan_edit.html", context, status=422 if invalid else 200)


@action_required(Action.MANAGE_PLANS)
def report_adhoc(request: HttpRequest) -> HttpResponse:
    """An ad-hoc report on request: any period that has begun, on one or more topics, figures from the records."""
    units = _managed_units(request)
    providers = list(registered_figure_providers())
    form = AdhocReportForm(request.POST or None, units=units, providers=providers)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_prepare_adhoc(
                unit=data["unit"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                topic=data["topic"],
                providers=list(data["providers"]),
                due_on=data["due_on"],
                actor=request.user,
            )
        except DomainError as refusal:
            problem = refusal.message
        else:
            messages.success(request, _("Đã lập báo cáo đột xuất với số liệu từ nền tảng."))
            return redirect("plans:report_detail", pk=report.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "plans/report_adhoc.html", {"form": form, "problem": problem}, status=status)


@require_POST
@action_required(Action.MANAGE_PLANS, per_object=True)
def report_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_in_units(request, PlanReport.objects.all(), "unit", pk=pk)
    require_action(request, Action.MANAGE_PLANS, report.unit_id)
    try:
        services.report_refresh(report=report, actor=request.user)
        messages.success(request, _("Đã cập nhật số liệu."))
    except DomainError as refusal:
        _refused(request, refusal)
    return redirect("plans:report_detail", pk=report.pk)


RECORDS_SHOWN = 200
"""How many records the page behind a figure lists (the count above it is always the whole number)."""


def figure_records_url(key: str, unit_id: int, starts_on: Any, ends_on: Any) -> str:
    """The page listing the records behind figure ``key`` of a unit over a period ('' when no provider lists them)."""
    from django.urls import reverse

    if not has_figure_records(key):
        return ""
    url = reverse("plans:figure_records", kwargs={"unit_id": unit_id, "key": key})
    return f"{url}?tu={starts_on.isoformat()}&den={ends_on.isoformat()}"


@action_required(Action.MANAGE_PLANS, Action.REVIEW_PLAN_REPORTS, Action.READ_ROLLUPS, per_object=True)
def figure_records(request: HttpRequest, unit_id: int, key: str) -> HttpResponse:
    """The records behind one number of a report or of the scorecard: the unit's own (a commune's, or every commune
    of a province's), counted exactly as the figure counts them."""
    import datetime as dt

    from grassroots.plans.grouping import commune_of

    unit = get_unit_for_view(request, unit_id)
    require_any_action(request, (Action.MANAGE_PLANS, Action.REVIEW_PLAN_REPORTS, Action.READ_ROLLUPS), unit)
    # Without a period: this year's annual window (the links always carry one).
    window = selectors.report_window(unit, ReportPeriod.ANNUAL, clock.today().year)
    try:
        starts_on = dt.date.fromisoformat(request.GET.get("tu") or window.starts_on.isoformat())
        ends_on = dt.date.fromisoformat(request.GET.get("den") or window.ends_on.isoformat())
    except ValueError as error:
        raise Http404("bad period") from error
    if starts_on > ends_on or (ends_on - starts_on).days + 1 > rules.ADHOC_MAX_DAYS:
        raise Http404("bad period")
    if unit.level == UnitLevel.COMMUNE:
        unit_ids = [unit.pk]
    else:
        unit_ids = list(selectors.communes_under(unit).values_list("pk", flat=True))
    found = find_figure_records(key, unit_ids, starts_on, ends_on)
    if found is None:
        raise Http404("no such figure")
    queryset = found.queryset.annotate(plans_commune=commune_of(found.unit_field, unit_ids)).order_by("-pk")
    names = dict(AdministrativeUnit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    records = [(names.get(record.plans_commune, ""), record) for record in queryset[:RECORDS_SHOWN]]
    context = {
        "unit": unit,
        "key": key,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "total": queryset.count(),
        "records": records,
        "shown": RECORDS_SHOWN,
    }
    return render(request, "plans/figure_records.html", context)
