"""Staff pages of the disclosures app: prepare, publish, amend, withdraw, record channels, compliance."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.authorize import (
    action_required,
    get_object_in_units,
    get_unit_for_view,
    require_action,
    signed_in_view,
    visible_unit_ids,
)
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.disclosures import printing, rules, selectors, services
from grassroots.disclosures.forms import (
    AmendForm,
    AttachmentForm,
    ChannelForm,
    RelayAcknowledgeForm,
    WithdrawForm,
)
from grassroots.disclosures.models import Disclosure, RelayTask
from grassroots.disclosures.view_support import disclosure_create_page, run_action, submit_form, upload_of
from grassroots.units.models import AdministrativeUnit, UnitLevel


def _managed_commune(request: HttpRequest, slug: str) -> AdministrativeUnit:
    """The commune of the URL (404 outside the user's units), if the user may manage its disclosures (403)."""
    unit = get_unit_for_view(request, slug)
    if unit.level != UnitLevel.COMMUNE:
        raise Http404
    require_action(request, Action.MANAGE_DISCLOSURES, unit)
    return unit


def _disclosure(unit: AdministrativeUnit, pk: int) -> Disclosure:
    return get_object_or_404(
        Disclosure.objects.select_related("category", "unit"), pk=pk, unit=unit, organisation__isnull=True
    )


@signed_in_view
def index(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own start page: the units they hold and their open relay tasks (may be none)."""
    units = AdministrativeUnit.objects.filter(
        pk__in=visible_unit_ids(request), level__in=[UnitLevel.COMMUNE, UnitLevel.PROVINCE], valid_until__isnull=True
    ).order_by("level", "name")
    tasks = selectors.relay_tasks_for_communities(
        [
            unit_id
            for unit_id, roles in account_selectors.roles_by_unit(request.user).items()
            if roles & rules.RELAY_ROLES
        ]
    )
    return render(
        request,
        "disclosures/staff/index.html",
        {"units": units, "open_tasks": tasks.filter(acknowledged_at__isnull=True)},
    )


@action_required(Action.READ_DISCLOSURE_COMPLIANCE)
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    unit = get_unit_for_view(request, slug)
    require_action(request, Action.READ_DISCLOSURE_COMPLIANCE, unit)
    today = clock.today()
    rows = selectors.commune_compliance(unit, today=today)
    context = {
        "commune": unit,
        "rows": rows,
        "totals": selectors.compliance_totals(rows),
        "posting_totals": selectors.posting_totals(rows),
        "today": today,
        "quarter": rules.quarter_of(today),
        "items": selectors.staff_disclosures(unit)[:50],
    }
    return render(request, "disclosures/staff/dashboard.html", context)


@action_required(Action.MANAGE_DISCLOSURES)
def create(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _managed_commune(request, slug)
    return disclosure_create_page(
        request,
        unit=unit,
        organisation=None,
        heading=_("Thêm thông tin công khai"),
        detail_url=lambda item: reverse("disclosures:staff_detail", args=[unit.slug, item.pk]),
    )


@action_required(Action.MANAGE_DISCLOSURES)
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit = _managed_commune(request, slug)
    item = _disclosure(unit, pk)
    today = clock.today()
    context = {
        "commune": unit,
        "disclosure": item,
        "evaluation": selectors.evaluate_disclosure(item, today=today),
        "today": today,
        "publications": item.publications.select_related("community", "recorded_by").order_by(
            "version_number", "started_on"
        ),
        "relay_tasks": item.relay_tasks.select_related("community").order_by("version_number", "community__name"),
        "attachments": item.attachments.all(),
        "versions": item.versions.order_by("-number"),
        "channel_form": ChannelForm(regime=item.category.regime, communities=unit.children.order_by("name")),
        "withdraw_form": WithdrawForm(),
        "attachment_form": AttachmentForm(),
    }
    return render(request, "disclosures/staff/detail.html", context)


def _detail_url(unit: AdministrativeUnit, item: Disclosure) -> str:
    return reverse("disclosures:staff_detail", args=[unit.slug, item.pk])


@action_required(Action.MANAGE_DISCLOSURES)
@require_POST
def publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit = _managed_commune(request, slug)
    item = _disclosure(unit, pk)
    # Nothing posted is read: the platform publication date is today (issue 9 item 7).
    service = services.disclosure_republish if item.is_amended else services.disclosure_publish
    return run_action(
        request,
        lambda: service(disclosure=item, actor=request.user),
        success=_("Đã công khai."),
        next_url=_detail_url(unit, item),
    )


@action_required(Action.MANAGE_DISCLOSURES)
@require_POST
def withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit = _managed_commune(request, slug)
    item = _disclosure(unit, pk)
    reason = request.POST.get("reason", "")
    return run_action(
        request,
        lambda: services.disclosure_withdraw(disclosure=item, reason=reason, actor=request.user),
        success=_("Đã rút thông tin."),
        next_url=_detail_url(unit, item),
    )


@action_required(Action.MANAGE_DISCLOSURES)
@require_POST
def end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit = _managed_commune(request, slug)
    item = _disclosure(unit, pk)
    return run_action(
        request,
        lambda: services.disclosure_end(disclosure=item, actor=request.user),
        success=_("Đã ghi nhận kết thúc niêm yết."),
        next_url=_detail_url(unit, item),
    )


@action_required(Action.MANAGE_DISCLOSURES)
def amend(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit = _managed_commune(request, slug)
    item = _disclosure(unit, pk)
    initial = {"title": item.title, "body": item.body, "decision_number": item.decision_number}
    form = AmendForm(request.POST or None, initial=initial)
    done = submit_form(
        request,
        form,
        lambda data: services.disclosure_amend(disclosure=item, actor=request.user, **data),
        success=_("Đã lưu bản sửa đổi. Bản sửa đổi phải được công khai lại."),
        next_url=lambda amended: _detail_url(unit, amended),
    )
    if done is not None:
        return done
    return render(
        request,
        "disclosures/staff/form.html",
        {"commune": unit, "form": form, "heading": _("Sửa đổi thông tin đã công khai"), "disclosure": item},
    )


@action_required(Action.MANAGE_DISCLOSURES)
@require_POST
def add_attachment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit = _managed_commune(request, slug)
    item = _disclosure(unit, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp cần đính kèm."))
        return redirect("disclosures:staff_detail", slug=unit.slug, pk=item.pk)
    upload = form.cleaned_data["attachment"]
    content = upload.read()
    return run_action(
        request,
        lambda: services.attachment_add(disclosure=item, name=upload.name, content=content, actor=request.user),
        success=_("Đã đính kèm tệp."),
        next_url=_detail_url(unit, item),
    )


@action_required(Action.MANAGE_DISCLOSURES)
@require_POST
def record_channel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit = _managed_commune(request, slug)
    item = _disclosure(unit, pk)
    form = ChannelForm(request.POST, request.FILES, regime=item.category.regime, communities=unit.children.all())
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("disclosures:staff_detail", slug=unit.slug, pk=item.pk)
    data = form.cleaned_data
    evidence = upload_of(data.get("evidence"))
    return run_action(
        request,
        lambda: services.publication_record(
            disclosure=item,
            channel=data["channel"],
            community=data["community"],
            started_on=data["started_on"],
            ended_on=data["ended_on"],
            evidence=evidence,
            note=data["note"],
            backdating_reason=data["backdating_reason"],
            actor=request.user,
        ),
        success=_("Đã ghi nhận hình thức công khai."),
        next_url=_detail_url(unit, item),
    )


@action_required(Action.ACKNOWLEDGE_RELAY)
def relay_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_in_units(
        request,
        RelayTask.objects.select_related("disclosure", "disclosure__category", "community"),
        "community",
        pk=pk,
    )
    require_action(request, Action.ACKNOWLEDGE_RELAY, task.community_id)
    form = RelayAcknowledgeForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.relay_acknowledge(task=task, actor=request.user, **data),
        success=_("Đã xác nhận. Cảm ơn Trưởng thôn."),
        next_url=lambda _task: reverse("disclosures:staff_index"),
    )
    if done is not None:
        return done
    return render(request, "disclosures/staff/relay.html", {"task": task, "form": form})


@action_required(Action.READ_DISCLOSURE_COMPLIANCE)
def province_rollup(request: HttpRequest, slug: str) -> HttpResponse:
    unit = get_unit_for_view(request, slug)
    if unit.level != UnitLevel.PROVINCE:
        raise Http404
    require_action(request, Action.READ_DISCLOSURE_COMPLIANCE, unit)
    today = clock.today()
    return render(
        request,
        "disclosures/staff/rollup.html",
        {"province": unit, "rows": selectors.province_rollup(unit, today=today), "today": today},
    )


@action_required(Action.MANAGE_DISCLOSURES)
def quarterly_list(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    unit = _managed_commune(request, slug)
    if quarter not in (1, 2, 3, 4):
        raise Http404
    if request.GET.get("pdf"):
        response = HttpResponse(
            printing.quarterly_list_pdf(unit, year=year, quarter=quarter), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="danh-sach-cong-khai-q{quarter}-{year}.pdf"'
        return response
    rows = selectors.quarterly_list(unit, year=year, quarter=quarter)
    return render(
        request, "disclosures/staff/quarterly.html", {"commune": unit, "rows": rows, "year": year, "quarter": quarter}
    )
