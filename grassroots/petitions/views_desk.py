"""The desk's pages: routing rules, the commune's targets and resolution rate, a case's official papers."""

from __future__ import annotations

import datetime as dt

from django import forms as django_forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from grassroots.accounts.authorize import action_required, get_object_in_units, get_unit_for_view, require_action
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.petitions import desk, selectors
from grassroots.petitions.models import CaseKind, PaperKind, RoutingRule
from grassroots.petitions.views import _handlers, _staff_case, _staff_detail_url
from grassroots.units.models import AdministrativeUnit


class RoutingRuleForm(django_forms.Form):
    kind = django_forms.ChoiceField(
        label=gettext_lazy("Loại vụ việc"), choices=[("", gettext_lazy("Mọi loại")), *CaseKind.choices], required=False
    )
    community = django_forms.TypedChoiceField(
        label=gettext_lazy("Thôn, tổ dân phố"), coerce=int, required=False, empty_value=None, choices=()
    )
    handler = django_forms.TypedChoiceField(label=gettext_lazy("Giao cho"), coerce=int, choices=())

    def __init__(self, *args: object, commune: AdministrativeUnit, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        communities = AdministrativeUnit.objects.filter(parent=commune).order_by("code")
        self.fields["community"].choices = [  # type: ignore[attr-defined]
            ("", gettext_lazy("Mọi thôn, tổ dân phố")),
            *[(unit.pk, unit.name) for unit in communities],
        ]
        self.fields["handler"].choices = [  # type: ignore[attr-defined]
            (user.pk, user.full_name or user.get_username()) for user in _handlers(commune)
        ]


class TargetForm(django_forms.Form):
    on_time_percent = django_forms.IntegerField(
        label=gettext_lazy("Chỉ tiêu tỉ lệ giải quyết đúng hạn (phần trăm)"), min_value=1, max_value=100
    )
    resolution_working_days = django_forms.IntegerField(
        label=gettext_lazy("Hạn giải quyết phản ánh, kiến nghị (ngày làm việc)"), min_value=1, max_value=90
    )


@action_required(Action.ASSIGN_CASES, per_object=True)
@require_http_methods(["GET", "POST"])
def routing(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The commune's routing rules, and a form to add one."""
    commune = get_unit_for_view(request, commune_slug)
    require_action(request, Action.ASSIGN_CASES, commune)
    form = RoutingRuleForm(request.POST or None, commune=commune)
    handlers = {user.pk: user for user in _handlers(commune)}
    communities = {unit.pk: unit for unit in AdministrativeUnit.objects.filter(parent=commune)}
    return form_page(
        request,
        form,
        action=Action.ASSIGN_CASES,
        unit=commune,
        perform=lambda data: desk.routing_rule_add(
            unit=commune,
            kind=data["kind"],
            community=communities.get(data["community"]) if data["community"] else None,
            handler=handlers.get(data["handler"]),
            actor=request.user,
        ),
        done=lambda _rule: Done(
            _("Đã thêm quy tắc phân công."), reverse("petitions:routing", kwargs={"commune_slug": commune.slug})
        ),
        template="petitions/routing.html",
        context={"commune": commune, "rules": desk.active_rules(commune)},
    )


@action_required(Action.ASSIGN_CASES, per_object=True)
@require_POST
def routing_end(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_in_units(request, RoutingRule.objects.select_related("unit"), "unit", pk=pk)
    require_action(request, Action.ASSIGN_CASES, rule.unit)
    try:
        desk.routing_rule_end(rule=rule, actor=request.user)
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Quy tắc đã thôi áp dụng."))
    return redirect("petitions:routing", commune_slug=rule.unit.slug)


@action_required(Action.ASSIGN_CASES, per_object=True)
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """This year's share of cases answered on time against the commune's target, and the form to set it."""
    commune = get_unit_for_view(request, commune_slug)
    require_action(request, Action.ASSIGN_CASES, commune)
    today = clock.today()
    rate = desk.resolution_rate(commune, dt.date(today.year, 1, 1), today)
    initial = {
        "on_time_percent": rate.target_percent,
        "resolution_working_days": selectors.target_days_of_unit(commune),
    }
    form = TargetForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        action=Action.ASSIGN_CASES,
        unit=commune,
        perform=lambda data: desk.case_target_set(unit=commune, actor=request.user, **data),
        done=lambda _target: Done(
            _("Đã lưu chỉ tiêu."), reverse("petitions:targets", kwargs={"commune_slug": commune.slug})
        ),
        template="petitions/targets.html",
        context={"commune": commune, "rate": rate, "year": today.year},
    )


@action_required(Action.HANDLE_CASES, per_object=True)
@require_POST
def case_paper(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue one of the case's official papers (its kind in the POST)."""
    case = _staff_case(request, pk)
    kind = request.POST.get("kind", "")
    try:
        paper = desk.case_paper_issue(case=case, kind=kind if kind in PaperKind.values else "", actor=request.user)
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Đã ban hành văn bản %(label)s.") % {"label": paper.get_kind_display()})
    return redirect(_staff_detail_url(case))
