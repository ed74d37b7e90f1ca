"""Forms of citizens' cases: what the citizen files online, what an officer enters, the steps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.petitions import rules
from grassroots.petitions.models import Acknowledgement, CaseChannel, CaseKind, CommuneService, Complexity, PauseReason


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


def coordinate_field(label: Any, help_text: Any = "") -> forms.DecimalField:
    """A latitude or longitude typed or filled by the phone's "use my location" button; the range is checked by
    ``rules.check_coordinates`` (the same rule the service applies), with a Vietnamese message."""
    return forms.DecimalField(
        label=label,
        required=False,
        help_text=help_text,
        error_messages={"invalid": _("Hãy nhập một số, ví dụ 21.028511.")},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


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
    latitude = coordinate_field(
        _("Vĩ độ (không bắt buộc)"),
        _('Có thể bấm "Dùng vị trí của tôi" khi đang đứng tại chỗ; vẫn cần ghi địa chỉ ở trên.'),
    )
    longitude = coordinate_field(_("Kinh độ (không bắt buộc)"))
    act_known_on = forms.DateField(
        label=_("Nếu là khiếu nại: ngày bạn nhận được hoặc biết quyết định, hành vi bị khiếu nại"),
        required=False,
        help_text=_("Khiếu nại trong 90 ngày kể từ ngày này."),
        widget=forms.DateInput(attrs={"type": "date"}),
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

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if "latitude" in self.errors or "longitude" in self.errors:
            return data
        result = rules.check_coordinates(latitude=latitude, longitude=longitude)
        if not result:
            field = {
                "petitions.location.latitude_out_of_range": "latitude",
                "petitions.location.longitude_out_of_range": "longitude",
            }.get(result.code, "longitude" if latitude is not None else "latitude")
            self.add_error(field, LOCATION_MESSAGES[result.code])
            return data
        if latitude is not None and not (data.get("location_address") or "").strip():
            self.add_error("location_address", LOCATION_MESSAGES["petitions.case.map_needs_address"])
            return data
        if latitude is not None and longitude is not None:
            data["latitude"], data["longitude"] = rules.rounded_coordinates(latitude, longitude)
        return data


LOCATION_MESSAGES: dict[str, Any] = {
    "petitions.location.latitude_out_of_range": _("Vĩ độ ở Việt Nam là từ 6,5 đến 23,5 (ví dụ 21.028511)."),
    "petitions.location.longitude_out_of_range": _("Kinh độ ở Việt Nam là từ 102 đến 118 (ví dụ 105.804817)."),
    "petitions.location.both_or_neither": _("Hãy nhập cả vĩ độ và kinh độ, hoặc để trống cả hai."),
    "petitions.case.map_needs_address": _("Hãy ghi địa chỉ của địa điểm; không chỉ chọn trên bản đồ."),
}


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
    filing_obstacle_days = forms.IntegerField(
        label=_("Số ngày có trở ngại khách quan (khiếu nại)"),
        min_value=0,
        max_value=rules.MAX_FILING_OBSTACLE_DAYS,
        initial=0,
        required=False,
        help_text=_("Thời gian ốm đau, thiên tai, địch họa… không tính vào thời hiệu 90 ngày."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    filing_obstacle_reason = forms.CharField(
        label=_("Lý do trở ngại"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confidentiality_requested = forms.BooleanField(label=_("Người gửi đề nghị giữ bí mật"), required=False)


class FilingForm(forms.Form):
    """The complaint's filing period: when the act became known and the days an obstacle is not counted."""

    act_known_on = forms.DateField(
        label=_("Ngày biết được quyết định, hành vi bị khiếu nại"), widget=forms.DateInput(attrs={"type": "date"})
    )
    obstacle_days = forms.IntegerField(
        label=_("Số ngày có trở ngại khách quan"),
        min_value=0,
        max_value=rules.MAX_FILING_OBSTACLE_DAYS,
        initial=0,
        help_text=_("Thời gian ốm đau, thiên tai, địch họa… không tính vào thời hiệu 90 ngày."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    obstacle_reason = forms.CharField(
        label=_("Lý do trở ngại"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


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
    comment = forms.CharField(
        label=_("Ý kiến của bạn (không bắt buộc)"),
        required=False,
        max_length=rules.MAX_RATING_COMMENT_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Vì sao bạn đề nghị xem xét lại?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


SCORE_CHOICES = [
    (5, _("5 — Rất hài lòng")),
    (4, _("4 — Hài lòng")),
    (3, _("3 — Bình thường")),
    (2, _("2 — Chưa hài lòng")),
    (1, _("1 — Rất không hài lòng")),
]


class ServiceUseForm(forms.Form):
    """The desk records a procedure it handed over; the resident is found by the phone of their account."""

    service = forms.ChoiceField(label=_("Thủ tục"), choices=CommuneService.choices)
    resident_phone = forms.CharField(
        label=_("Số điện thoại tài khoản của người dân"),
        max_length=30,
        help_text=_("Người dân sẽ thấy thủ tục này trong mục của mình và đánh giá được."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    officer: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Cán bộ giải quyết (không bắt buộc)"), queryset=User.objects.none(), required=False
    )
    received_on = forms.DateField(label=_("Ngày trả kết quả"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label=_("Số biên nhận hồ sơ (không bắt buộc)"), max_length=50, required=False)

    def __init__(self, *args: Any, handlers: Any, commune: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = handlers  # type: ignore[attr-defined]
        self.commune = commune

    def clean_resident_phone(self) -> User:
        """Only a resident of this commune, and only when the phone names exactly one of them."""
        from grassroots.accounts.rules import normalise_phone
        from grassroots.petitions.ratings import residents_of

        phone = normalise_phone(self.cleaned_data["resident_phone"])
        found: list[User] = list(residents_of(self.commune).filter(phone=phone)[:2]) if phone else []
        if not found:
            raise forms.ValidationError(_("Không tìm thấy người dân nào của xã, phường này có số điện thoại này."))
        if len(found) > 1:  # accounts' phones are unique today; refuse rather than guess if that ever changes
            raise forms.ValidationError(
                _("Có nhiều người dân dùng số điện thoại này; hãy nhờ người dân tự kiểm tra tài khoản của mình.")
            )
        return found[0]


class ServiceRateForm(forms.Form):
    service_score = forms.TypedChoiceField(
        label=_("Bạn hài lòng với việc giải quyết thủ tục này đến mức nào?"),
        coerce=int,
        choices=SCORE_CHOICES,
        widget=forms.RadioSelect,
    )
    officer_score = forms.TypedChoiceField(
        label=_("Bạn hài lòng với cán bộ đã giải quyết đến mức nào? (không bắt buộc)"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("Không đánh giá cán bộ")), *SCORE_CHOICES],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Ý kiến của bạn (không bắt buộc)"),
        required=False,
        max_length=rules.MAX_RATING_COMMENT_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, has_officer: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not has_officer:
            del self.fields["officer_score"]
