"""Forms of the disclosures app: they parse input; services decide."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.disclosures.models import Channel, DisclosureCategory, Regime, RelayMeans
from grassroots.disclosures.rules import REGIME_ARTICLES, REGIME_CHANNELS, channels_for

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


if TYPE_CHECKING:
    from grassroots.units.models import AdministrativeUnit

    ModelChoiceFieldBase = forms.ModelChoiceField[DisclosureCategory]
else:  # the field is generic only for the type checker
    ModelChoiceFieldBase = forms.ModelChoiceField


class CategoryChoiceField(ModelChoiceFieldBase):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code}. {obj.label}"


class DisclosureForm(forms.Form):
    """A new disclosure of a commune or of an organisation: ``regime`` decides which categories are offered."""

    category = CategoryChoiceField(label=_("Nội dung công khai"), queryset=DisclosureCategory.objects.none())
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    decision_number = forms.CharField(label=_("Số, ký hiệu văn bản quyết định"), max_length=100, required=False)
    decided_on = forms.DateField(
        label=_("Ngày quyết định"), widget=DATE_WIDGET, help_text=_("Hạn công khai tính từ ngày này.")
    )
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    attachment = forms.FileField(label=_("Tệp đính kèm (PDF, DOCX, PNG, JPG; tối đa 10 MB)"), required=False)

    def __init__(self, *args: Any, regime: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        field.queryset = DisclosureCategory.objects.filter(regime=regime).order_by("number")  # type: ignore[attr-defined]
        field.label = _("Nội dung công khai (Điều %(article)s)") % {"article": REGIME_ARTICLES[regime]}


class AmendForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    decision_number = forms.CharField(label=_("Số, ký hiệu văn bản quyết định"), max_length=100, required=False)
    decided_on = forms.DateField(label=_("Ngày quyết định sửa đổi"), widget=DATE_WIDGET)
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    change_note = forms.CharField(label=_("Nội dung thay đổi"), widget=forms.Textarea(attrs={"rows": 3}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Lý do rút"), widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    attachment = forms.FileField(label=_("Tệp đính kèm (PDF, DOCX, PNG, JPG; tối đa 10 MB)"))


class ChannelForm(forms.Form):
    channel = forms.ChoiceField(label=_("Hình thức công khai"))
    community: forms.ModelChoiceField[AdministrativeUnit] = forms.ModelChoiceField(
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
    backdating_reason = forms.CharField(
        label=_("Lý do ghi nhận muộn"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_(
            "Bắt buộc nếu ngày bắt đầu trước hôm nay. Hệ thống lưu cả ngày niêm yết anh/chị khai và ngày, người "
            "ghi nhận; lần niêm yết này được tính là tự khai."
        ),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args: Any, regime: str, communities: Any, has_intranet: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = channels_for(regime, has_intranet=has_intranet)
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


class InformationRequestForm(forms.Form):
    requester_name = forms.CharField(label=_("Họ tên người yêu cầu"), max_length=200)
    requester_contact = forms.CharField(label=_("Địa chỉ, số điện thoại liên hệ"), max_length=300)
    subject = forms.CharField(label=_("Thông tin yêu cầu cung cấp"), widget=forms.Textarea(attrs={"rows": 4}))
    received_on = forms.DateField(
        label=_("Ngày tiếp nhận"), widget=DATE_WIDGET, required=False, help_text=_("Để trống nếu là hôm nay.")
    )
    category = CategoryChoiceField(
        label=_("Thuộc nội dung công khai (nếu xác định được)"),
        queryset=DisclosureCategory.objects.filter(regime=Regime.COMMUNE).order_by("number"),
        required=False,
    )


class ExtendForm(forms.Form):
    reason = forms.CharField(label=_("Lý do gia hạn"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 5}))
    attachment = forms.FileField(label=_("Tệp trả lời (PDF, DOCX, PNG, JPG; tối đa 10 MB)"), required=False)


class ProfileForm(forms.Form):
    has_portal = forms.BooleanField(label=_("Có cổng, trang thông tin điện tử"), required=False)
    has_loudspeaker = forms.BooleanField(label=_("Có hệ thống loa truyền thanh"), required=False)
    is_special_area = forms.BooleanField(
        label=_("Vùng biên giới, hải đảo, miền núi, đồng bào dân tộc thiểu số"), required=False
    )


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2023, max_value=2100)
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=300)
    adopted_on = forms.DateField(label=_("Ngày ban hành"), widget=DATE_WIDGET, required=False)


class PlanItemForm(forms.Form):
    category = CategoryChoiceField(
        label=_("Nội dung công khai (Điều 11)"),
        queryset=DisclosureCategory.objects.filter(regime=Regime.COMMUNE).order_by("number"),
    )
    content = forms.CharField(label=_("Công khai cái gì"), max_length=500)
    channels = forms.MultipleChoiceField(
        label=_("Công khai bằng hình thức nào"),
        choices=[(value, label) for value, label in Channel.choices if value in REGIME_CHANNELS[Regime.COMMUNE]],
        widget=forms.CheckboxSelectMultiple,
    )
    planned_on = forms.DateField(label=_("Công khai khi nào"), widget=DATE_WIDGET)
    owner = forms.CharField(label=_("Ai thực hiện"), max_length=200)


class QuarterlyIssueForm(forms.Form):
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=200, required=False)
