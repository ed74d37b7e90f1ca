"""Staff pages of the commune office: information requests, the disclosure plan, the unit profile and
issuing the quarterly list. Permission: ``Action.MANAGE_DISCLOSURES`` over the commune (404 outside the
user's units, 403 inside them without the right)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.accounts.authorize import action_required
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.disclosures import printing, selectors, services
from grassroots.disclosures.forms import (
    AnswerForm,
    ExtendForm,
    InformationRequestForm,
    PlanForm,
    PlanItemForm,
    ProfileForm,
    QuarterlyIssueForm,
)
from grassroots.disclosures.models import DisclosurePlan, InformationRequest
from grassroots.disclosures.staff_views import _managed_commune
from grassroots.disclosures.view_support import run_action, submit_form, upload_of
from grassroots.units.models import AdministrativeUnit


def _request(unit: AdministrativeUnit, pk: int) -> InformationRequest:
    return get_object_or_404(InformationRequest.objects.select_related("unit", "category"), pk=pk, unit=unit)


def _request_url(unit: AdministrativeUnit, item: InformationRequest) -> str:
    return reverse("disclosures:request_detail", args=[unit.slug, item.pk])


# --- Information requests ---------------------------------------------------------------------------


@action_required(Action.MANAGE_DISCLOSURES)
def request_list(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _managed_commune(request, slug)
    rows = selectors.information_requests(unit)[:200]
    return render(request, "disclosures/staff/requests.html", {"commune": unit, "rows": rows})


@action_required(Action.MANAGE_DISCLOSURES)
def request_create(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _managed_commune(request, slug)
    form = InformationRequestForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.information_request_receive(unit=unit, actor=request.user, **data),
        success=_("Đã tiếp nhận yêu cầu. Hạn trả lời đã được tính theo ngày làm việc."),
        next_url=lambda item: _request_url(unit, item),
    )
    if done is not None:
        return done
    return render(
        request,
        "disclosures/staff/form.html",
        {"commune": unit, "form": form, "heading": _("Tiếp nhận yêu cầu cung cấp thông tin")},
    )


@action_required(Action.MANAGE_DISCLOSURES)
def request_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit = _managed_commune(request, slug)
    item = _request(unit, pk)
    context = {
        "commune": unit,
        "item": item,
        "extend_form": ExtendForm(),
        "answer_form": AnswerForm(),
    }
    return render(request, "disclosures/staff/request_detail.html", context)


@action_required(Action.MANAGE_DISCLOSURES)
@require_POST
def request_extend(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit = _managed_commune(request, slug)
    item = _request(unit, pk)
    reason = request.POST.get("reason", "")
    return run_action(
        request,
        lambda: services.information_request_extend(request=item, reason=reason, actor=request.user),
        success=_("Đã gia hạn thêm 10 ngày làm việc."),
        next_url=_request_url(unit, item),
    )


@action_required(Action.MANAGE_DISCLOSURES)
@require_POST
def request_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit = _managed_commune(request, slug)
    item = _request(unit, pk)
    form = AnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập nội dung trả lời."))
        return redirect(_request_url(unit, item))
    attachment = upload_of(form.cleaned_data.get("attachment"))
    return run_action(
        request,
        lambda: services.information_request_answer(
            request=item, answer=form.cleaned_data["answer"], attachment=attachment, actor=request.user
        ),
        success=_("Đã ghi nhận câu trả lời."),
        next_url=_request_url(unit, item),
    )


@action_required(Action.MANAGE_DISCLOSURES)
def request_attachment(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    unit = _managed_commune(request, slug)
    item = _request(unit, pk)
    if not item.answer_attachment:
        raise Http404
    return FileResponse(
        item.answer_attachment.open("rb"), as_attachment=True, filename=item.answer_attachment_name or "tra-loi"
    )


# --- The plan and the unit profile --------------------------------------------------------------------


@action_required(Action.MANAGE_DISCLOSURES)
def plan_list(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _managed_commune(request, slug)
    form = PlanForm(request.POST or None, initial={"year": clock.today().year})
    done = submit_form(
        request,
        form,
        lambda data: services.plan_create(unit=unit, actor=request.user, **data),
        success=_("Đã tạo kế hoạch. Thêm từng dòng: công khai cái gì, cách nào, khi nào, ai."),
        next_url=lambda plan: reverse("disclosures:plan_detail", args=[unit.slug, plan.pk]),
    )
    if done is not None:
        return done
    plans = DisclosurePlan.objects.filter(unit=unit).order_by("-year")
    return render(request, "disclosures/staff/plans.html", {"commune": unit, "plans": plans, "form": form})


@action_required(Action.MANAGE_DISCLOSURES)
def plan_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit = _managed_commune(request, slug)
    plan = get_object_or_404(DisclosurePlan, pk=pk, unit=unit)
    form = PlanItemForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.plan_item_add(plan=plan, actor=request.user, **data),
        success=_("Đã thêm vào kế hoạch."),
        next_url=lambda _item: reverse("disclosures:plan_detail", args=[unit.slug, plan.pk]),
    )
    if done is not None:
        return done
    items = plan.items.select_related("category").order_by("planned_on", "pk")
    return render(request, "disclosures/staff/plan.html", {"commune": unit, "plan": plan, "items": items, "form": form})


@action_required(Action.VIEW_UNIT)
def profile(request: HttpRequest, slug: str) -> HttpResponse:
    # The door asks only VIEW_UNIT so that a commune outside the user's units stays a 404 for everyone
    # (a village head does not see the commune itself); managing it is MANAGE_DISCLOSURES, asked below.
    unit = _managed_commune(request, slug)
    current = selectors.profile_of(unit)
    initial = {
        "has_portal": current.has_portal,
        "has_loudspeaker": current.has_loudspeaker,
        "is_special_area": current.is_special_area,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.profile_update(unit=unit, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Đã lưu điều kiện công khai của đơn vị."))
        return redirect("disclosures:dashboard", slug=unit.slug)
    return render(
        request,
        "disclosures/staff/form.html",
        {"commune": unit, "form": form, "heading": _("Điều kiện công khai của đơn vị")},
    )


# --- The quarterly list, issued as a numbered document ---------------------------------------------------


@action_required(Action.MANAGE_DISCLOSURES)
@require_POST
def quarterly_issue(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    unit = _managed_commune(request, slug)
    if quarter not in (1, 2, 3, 4):
        raise Http404
    form = QuarterlyIssueForm(request.POST)
    signer_name = form.cleaned_data["signer_name"] if form.is_valid() else ""
    try:
        document = printing.quarterly_list_issue(
            unit=unit, year=year, quarter=quarter, signer_name=signer_name, actor=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("disclosures:quarterly_list", slug=unit.slug, year=year, quarter=quarter)
    messages.success(request, _("Đã ban hành danh sách: %(number)s.") % {"number": document.number_label})
    return redirect("documents:detail", pk=document.pk)
