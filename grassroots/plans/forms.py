from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.uploads import check_import_file
from grassroots.plans.models import TaskStatus

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class PlanImportForm(forms.Form):
    unit: forms.ModelChoiceField[Any] = forms.ModelChoiceField(queryset=None, label=_("Đơn vị ban hành"))
    file = forms.FileField(label=_("Tệp kế hoạch (.docx hoặc .txt)"))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        return check_import_file(self.cleaned_data["file"], suffixes=(".docx", ".txt"), max_bytes=MAX_IMPORT_BYTES)


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(choices=TaskStatus.choices, label=_("Trạng thái"))


class TaskNoteForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Tiến độ"), max_length=4000)
    evidence_url = forms.CharField(
        required=False,
        max_length=300,
        label=_("Minh chứng trên nền tảng (đường dẫn)"),
        help_text=_("Ví dụ: /cong-khai/… hoặc /tham-gia-y-kien/…"),
    )


class ReportNarrativeForm(forms.Form):
    narrative = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}), required=False, max_length=20000, label=_("Đánh giá chung")
    )


class ReportReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=(("accept", _("Tiếp nhận")), ("return", _("Trả lại để sửa"))))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Ý kiến"))
