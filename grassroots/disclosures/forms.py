"""Forms of the disclosures app: they parse input; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.disclosures.models import Channel, DisclosureCategory, Regime, RelayMeans
from grassroots.disclosures.rules import REGIME_CHANNELS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code}. {obj.label}"


class DisclosureForm(forms.Form):
    category = CategoryChoiceField(
        label=_("Nội dung công khai (Điều 11)"),
        queryset=DisclosureCategory.objects.filter(regime=Regime.COMMUNE).order_by("number"),
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    decision_number = forms.CharField(label=_("Số, ký hiệu văn bản quyết định"), max_length=100, required=False)
    decided_on = forms.DateField(
        label=_("Ngày quyết định"), widget=DATE_WIDGET, help_text=_("Hạn công khai tính từ ngày này.")
    )
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    attachment = forms.FileField(label=_("Tệp đính kèm (PDF, DOCX, PNG, JPG; tối đa 10 MB)"), required=False)


class AmendForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    decision_number = forms.CharField(label=_("Số, ký hiệu văn bản quyết định"), max_length=100, required=False)
    decided_on = forms.DateField(label=_("Ngày quyết định sửa đổi"), widget=DATE_WIDGET)
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    change_note = forms.CharField(label=_("Nội dung thay đổi"), widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(forms.Form):
    published_on = forms.DateField(
        label=_("Ngày công khai"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Để trống nếu công khai hôm nay; ghi ngày đã niêm yết nếu đã niêm yết trên giấy trước."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Lý do rút"), widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    attachment = forms.FileField(label=_("Tệp đính kèm (PDF, DOCX, PNG, JPG; tối đa 10 MB)"))


class ChannelForm(forms.Form):
    channel = forms.ChoiceField(label=_("Hình thức công khai"))
    community: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố (khi niêm yết ở thôn)"), queryset=None, required=False
    )
    started_on = forms.DateField(label=_("Ngày bắt đầu"), widget=DATE_WIDGET)
    ended_on = forms.DateField(
        label=_("Ngày gỡ xuống, kết thúc"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Để trống nếu vẫn đang niêm yết."),
    )
    evidence = forms.FileField(
        label=_("Minh chứng: ảnh chụp bản niêm yết, sổ phát thanh (PDF, PNG, JPG)"), required=False
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args: Any, regime: str, communities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = REGIME_CHANNELS[regime]
        choices = [(value, label) for value, label in Channel.choices if value in allowed]
        self.fields["channel"].choices = choices  # type: ignore[attr-defined]
        self.fields["community"].queryset = communities  # type: ignore[attr-defined]


class RelayAcknowledgeForm(forms.Form):
    means = forms.MultipleChoiceField(
        label=_("Đã thông tin đến các hộ bằng cách nào?"),
        choices=RelayMeans.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    households_note = forms.CharField(
        label=_("Ghi chú (ví dụ: họp thôn tối 25/02, 48/52 hộ dự)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm (gõ có dấu hoặc không dấu)"), max_length=100, required=False)
    category = forms.CharField(required=False, max_length=8)
