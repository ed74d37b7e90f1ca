from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from grassroots.calendar import services
from grassroots.calendar.models import CalendarOverride, WorkWeek
from grassroots.core.errors import DomainError

if TYPE_CHECKING:
    OverrideAdminFormBase = forms.ModelForm[CalendarOverride]
    OverrideAdminBase = admin.ModelAdmin[CalendarOverride]
    WorkWeekAdminBase = admin.ModelAdmin[WorkWeek]
else:  # the admin classes are generic only for the type checker
    OverrideAdminFormBase = forms.ModelForm
    OverrideAdminBase = WorkWeekAdminBase = admin.ModelAdmin


class CalendarOverrideAdminForm(OverrideAdminFormBase):
    class Meta:
        model = CalendarOverride
        fields = list(services.EDITABLE_FIELDS)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if all(name in cleaned for name in services.EDITABLE_FIELDS):
            try:
                services.override_validate(cleaned, exclude_pk=self.instance.pk)
            except DomainError as error:
                raise forms.ValidationError(error.message) from None
        return cleaned


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(OverrideAdminBase):
    form = CalendarOverrideAdminForm
    list_display = ["day", "kind", "scope", "name", "source", "is_uncertain"]
    list_filter = ["kind", "scope", "is_uncertain"]
    search_fields = ["name", "source", "note"]
    date_hierarchy = "day"

    def save_model(self, request: HttpRequest, obj: CalendarOverride, form: Any, change: bool) -> None:
        # Writes go through the services so the audit trail and the calendar cache stay right.
        values = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS if name in form.cleaned_data}
        if change:
            stored = CalendarOverride.objects.get(pk=obj.pk)
            saved = services.override_update(override=stored, actor=request.user, **values)
        else:
            saved = services.override_create(actor=request.user, **values)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: CalendarOverride) -> None:
        services.override_delete(override=obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            services.override_delete(override=obj, actor=request.user)


@admin.register(WorkWeek)
class WorkWeekAdmin(WorkWeekAdminBase):
    list_display = ["name", "rest_weekdays", "follows_public_sector_swaps"]
