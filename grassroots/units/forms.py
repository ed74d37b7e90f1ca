from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_IMPORT_BYTES = 10 * 1024 * 1024
"""A commune register of a few thousand households is well under a megabyte."""


class HouseholdImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách hộ gia đình (.csv hoặc .xlsx)"),
        help_text=_("Mỗi dòng là một người; dòng đầu là tiêu đề cột như tệp mẫu."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Chỉ nhận tệp .csv hoặc .xlsx."), code="file_type")
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB."), code="file_size")
        return upload


class HouseholdSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo mã hộ hoặc họ tên"), required=False, max_length=100)
