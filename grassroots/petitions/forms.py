"""Forms of citizens' cases: what the citizen files online, what an officer enters, the steps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.petitions import rules
from grassroots.petitions.models import Acknowledgement, CaseChannel, CaseKind, Complexity, PauseReason


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Up to ``rules.MAX_PHOTOS`` photos; their type and size are checked by the service (``rules.check_photos``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultiplePhotoField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


def read_photos(files: Any) -> list[tuple[str, bytes]]:
    """The uploaded photos as (name, bytes); a file larger than the limit is cut there (the rule refuses it)."""
    return [(upload.name or "anh", upload.read(rules.MAX_PHOTO_BYTES + 1)) for upload in files or []]


class CitizenCaseForm(forms.Form):
    """What a resident files from their phone: one short form, every field labelled."""

    kind = forms.ChoiceField(
        label=_("Bạn muốn gửi"),
        choices=CaseKind.choices,
        initial=CaseKind.FEEDBACK,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Tiêu đề ngắn"), max_length=200)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    location_address = forms.CharField(
        label=_("Địa điểm (địa chỉ, nếu có)"),
        max_length=300,
        required=False,
        help_text=_("Ví dụ: trước nhà văn hóa Thôn 1."),
    )
    photos = MultiplePhotoField(
        label=_("Ảnh (không bắt buộc)"),
        required=False,
        help_text=_("Tối đa 5 ảnh JPEG, PNG hoặc WebP, mỗi ảnh không quá 5 MB."),
    )
    phone = forms.CharField(
        label=_("Số điện thoại liên hệ"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    is_public = forms.BooleanField(
        label=_("Cho phép công khai nội dung và câu trả lời (không công khai tên của bạn)"), required=False
    )
    confidentiality_requested = forms.BooleanField(
        label=_("Đề nghị giữ bí mật họ tên, địa chỉ của tôi"), required=False
    )


class OfficerCaseForm(forms.Form):
    """A case received in person, by phone, letter or hotline, at a reception session, or forwarded."""

    kind = forms.ChoiceField(label=_("Loại"), choices=CaseKind.choices)
    channel = forms.ChoiceField(
        label=_("Hình thức tiếp nhận"),
        choices=[
            (value, label)
            for value, label in CaseChannel.choices
            if value not in (CaseChannel.ONLINE, CaseChannel.OPEN311)
        ],
    )
    received_on = forms.DateField(label=_("Ngày tiếp nhận"), widget=forms.DateInput(attrs={"type": "date"}))
    full_name = forms.CharField(label=_("Họ và tên người gửi"), max_length=200)
    phone = forms.CharField(
        label=_("Số điện thoại"), max_length=30, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    address = forms.CharField(label=_("Địa chỉ người gửi"), max_length=300, required=False)
    title = forms.CharField(label=_("Tiêu đề"), max_length=200)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    location_address = forms.CharField(label=_("Địa điểm (địa chỉ)"), max_length=300, required=False)
    act_known_on = forms.DateField(
        label=_("Ngày biết được quyết định, hành vi bị khiếu nại"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    confidentiality_requested = forms.BooleanField(label=_("Người gửi đề nghị giữ bí mật"), required=False)


class AcknowledgeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Thông báo cho người gửi"), choices=Acknowledgement.choices)
    note = forms.CharField(
        label=_("Lý do không thụ lý, hoặc cơ quan được chuyển đến"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignForm(forms.Form):
    handler: forms.ModelChoiceField[User] = forms.ModelChoiceField(label=_("Giao cho"), queryset=User.objects.none())
    reason = forms.CharField(label=_("Lý do giao lại (khi đổi người)"), required=False, max_length=1000)

    def __init__(self, *args: Any, handlers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000)


class ClassifyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=CaseKind.choices)
    complexity = forms.ChoiceField(label=_("Mức độ phức tạp"), choices=Complexity.choices)
    several_places = forms.BooleanField(label=_("Cần kiểm tra, xác minh ở nhiều nơi"), required=False)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Số ngày gia hạn"), min_value=1, max_value=rules.DENUNCIATION_EXTENSION_MAX_DAYS)
    decision_number = forms.CharField(label=_("Số quyết định gia hạn"), max_length=50)
    reason = forms.CharField(label=_("Lý do"), max_length=2000)


class PauseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Lý do tạm dừng"), choices=PauseReason.choices)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Bạn hài lòng với cách giải quyết đến mức nào?"),
        coerce=int,
        choices=[
            (5, _("5 — Rất hài lòng")),
            (4, _("4 — Hài lòng")),
            (3, _("3 — Bình thường")),
            (2, _("2 — Chưa hài lòng")),
            (1, _("1 — Rất không hài lòng")),
        ],
        widget=forms.RadioSelect,
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Vì sao bạn đề nghị xem xét lại?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
