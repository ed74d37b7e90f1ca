"""Forms of the documents app: the filter of the staff list."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.documents.models import DocumentType


class DocumentFilterForm(forms.Form):
    """Filter issued documents by type, year and words of the summary or number."""

    kind = forms.ChoiceField(
        label=_("Loại văn bản"), required=False, choices=[("", _("Tất cả")), *DocumentType.choices]
    )
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label=_("Tìm theo trích yếu hoặc số, ký hiệu"), required=False, max_length=100)
