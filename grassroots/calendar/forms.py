"""Forms of the calendar app: the staff form for one override row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.calendar.models import CalendarOverride

if TYPE_CHECKING:
    OverrideFormBase = forms.ModelForm[CalendarOverride]
else:  # the form is generic only for the type checker
    OverrideFormBase = forms.ModelForm


class OverrideForm(OverrideFormBase):
    """Add or edit one override row; the service re-validates everything."""

    class Meta:
        model = CalendarOverride
        fields = ["day", "kind", "scope", "name", "source", "is_uncertain", "note"]
        widgets = {
            "day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "day": {"required": _("Hãy chọn ngày."), "invalid": _("Ngày không hợp lệ.")},
            "kind": {"required": _("Hãy chọn loại điều chỉnh.")},
            "name": {"required": _("Hãy nhập tên gọi của ngày điều chỉnh.")},
            "source": {"required": _("Hãy nhập văn bản căn cứ (số, ký hiệu, ngày).")},
        }

    def validate_unique(self) -> None:
        # Uniqueness (one row per day and scope) is checked by the service, with a Vietnamese message.
        return None

    def validate_constraints(self, exclude: object = None) -> None:
        return None
