"""Staff pages of the calendar app: the override table (list, add, edit, delete).

The table is national: every page needs ``Action.EDIT_CALENDAR`` somewhere (the door check of
``action_required``); anonymous visitors go to the login page, everyone else without it gets 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts.authorize import action_required
from grassroots.accounts.rules import Action
from grassroots.calendar import selectors, services
from grassroots.calendar.forms import OverrideForm
from grassroots.calendar.models import CalendarOverride
from grassroots.core.errors import DomainError
from grassroots.core.params import ascii_int


def _year_param(request: HttpRequest) -> int | None:
    raw = request.GET.get("nam", "")
    year = ascii_int(raw, max_digits=4)
    if year is not None and selectors.DEFAULT_FIRST_YEAR <= year <= selectors.DEFAULT_LAST_YEAR:
        return year
    return None


@action_required(Action.EDIT_CALENDAR)
def override_list(request: HttpRequest) -> HttpResponse:
    year = _year_param(request)
    rows = selectors.override_list(year=year)
    context = {"rows": rows, "year": year, "years": range(2025, selectors.DEFAULT_LAST_YEAR + 1)}
    template = "calendar/_override_table.html" if getattr(request, "htmx", False) else "calendar/override_list.html"
    return render(request, template, context)


def _save(request: HttpRequest, form: OverrideForm, override: CalendarOverride | None) -> bool:
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        if override is None:
            services.override_create(actor=request.user, **data)
        else:
            services.override_update(override=override, actor=request.user, **data)
    except DomainError as error:
        field = {
            "calendar.override.duplicate": "day",
            "calendar.override.day_out_of_range": "day",
            "calendar.override.name_required": "name",
            "calendar.override.source_required": "source",
            "calendar.override.kind_invalid": "kind",
            "calendar.override.scope_invalid": "scope",
        }.get(error.code)
        form.add_error(field, error.message)
        return False
    return True


@action_required(Action.EDIT_CALENDAR)
@require_http_methods(["GET", "POST"])
def override_create(request: HttpRequest) -> HttpResponse:
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and _save(request, form, None):
        messages.success(request, _("Đã thêm điều chỉnh lịch nghỉ."))
        return redirect("calendar:override_list")
    status = 400 if request.method == "POST" else 200
    return render(request, "calendar/override_form.html", {"form": form, "override": None}, status=status)


@action_required(Action.EDIT_CALENDAR)
@require_http_methods(["GET", "POST"])
def override_edit(request: HttpRequest, pk: int) -> HttpResponse:
    override = get_object_or_404(CalendarOverride, pk=pk)
    form = OverrideForm(request.POST or None, instance=override)
    if request.method == "POST":
        # ModelForm validation writes the posted values onto the instance; the service must see the
        # stored row, so give it a fresh copy.
        if _save(request, form, CalendarOverride.objects.get(pk=pk)):
            messages.success(request, _("Đã lưu điều chỉnh lịch nghỉ."))
            return redirect("calendar:override_list")
        return render(request, "calendar/override_form.html", {"form": form, "override": override}, status=400)
    return render(request, "calendar/override_form.html", {"form": form, "override": override})


@action_required(Action.EDIT_CALENDAR)
@require_http_methods(["GET", "POST"])
def override_delete(request: HttpRequest, pk: int) -> HttpResponse:
    override = get_object_or_404(CalendarOverride, pk=pk)
    if request.method == "POST":
        services.override_delete(override=override, actor=request.user)
        messages.success(request, _("Đã xóa điều chỉnh lịch nghỉ."))
        return redirect("calendar:override_list")
    return render(request, "calendar/override_confirm_delete.html", {"override": override})
