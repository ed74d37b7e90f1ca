"""Forms of citizen reception and dialogue conferences."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.petitions.models import CaseKind
from grassroots.petitions.rules import MAX_FILING_OBSTACLE_DAYS
from grassroots.reception.models import DialogueMethod, QuestionSource, SessionKind

WEEKDAY_CHOICES = [
    (0, _("Thứ Hai")),
    (1, _("Thứ Ba")),
    (2, _("Thứ Tư")),
    (3, _("Thứ Năm")),
    (4, _("Thứ Sáu")),
    (5, _("Thứ Bảy")),
    (6, _("Chủ nhật")),
]
WEEK_CHOICES = [(1, _("Tuần thứ nhất")), (2, _("Tuần thứ hai")), (3, _("Tuần thứ ba")), (4, _("Tuần thứ tư"))]
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ScheduleForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Ngày tiếp trong tuần"), choices=WEEKDAY_CHOICES, coerce=int)
    weeks = forms.TypedMultipleChoiceField(
        label=_("Tuần trong tháng"),
        choices=WEEK_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Không chọn tuần nào: tiếp vào ngày này của mọi tuần."),
    )
    start_time = forms.TimeField(label=_("Từ giờ"), widget=TIME_INPUT)
    end_time = forms.TimeField(label=_("Đến giờ"), widget=TIME_INPUT)
    place = forms.CharField(label=_("Địa điểm tiếp công dân"), max_length=300)
    valid_from = forms.DateField(label=_("Áp dụng từ ngày"), widget=DATE_INPUT)


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày tiếp"), widget=DATE_INPUT)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=SessionKind.choices)
    receiver = forms.TypedChoiceField(label=_("Người tiếp"), coerce=int, choices=())
    place = forms.CharField(label=_("Địa điểm"), max_length=300)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, receivers: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["receiver"].choices = [(user.pk, user.full_name or user.get_username()) for user in receivers]  # type: ignore[attr-defined]


CASE_KIND_CHOICES = [("", _("Không tạo vụ việc (chỉ hướng dẫn, giải thích)")), *CaseKind.choices]


class VisitForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên công dân"), max_length=200)
    id_number = forms.CharField(label=_("Số định danh cá nhân"), max_length=20, required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=30, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    summary = forms.CharField(label=_("Nội dung công dân trình bày"), widget=forms.Textarea(attrs={"rows": 4}))
    guidance = forms.CharField(
        label=_("Trả lời, hướng dẫn tại buổi tiếp"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    case_kind = forms.ChoiceField(label=_("Tiếp nhận thành vụ việc"), choices=CASE_KIND_CHOICES, required=False)
    case_title = forms.CharField(label=_("Tiêu đề vụ việc"), max_length=200, required=False)
    act_known_on = forms.DateField(
        label=_("Khiếu nại: ngày biết được quyết định, hành vi bị khiếu nại"), required=False, widget=DATE_INPUT
    )
    filing_obstacle_days = forms.IntegerField(
        label=_("Số ngày có trở ngại khách quan (khiếu nại)"),
        min_value=0,
        max_value=MAX_FILING_OBSTACLE_DAYS,
        required=False,
        help_text=_("Thời gian ốm đau, thiên tai, địch họa… không tính vào thời hiệu 90 ngày."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    filing_obstacle_reason = forms.CharField(
        label=_("Lý do trở ngại"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confidentiality_requested = forms.BooleanField(
        label=_("Công dân đề nghị giữ bí mật thông tin cá nhân"), required=False
    )


class ConferenceForm(forms.Form):
    title = forms.CharField(label=_("Tên hội nghị"), max_length=200)
    topics = forms.CharField(label=_("Nội dung đối thoại"), widget=forms.Textarea(attrs={"rows": 4}))
    planned_on = forms.DateField(label=_("Ngày tổ chức"), widget=DATE_INPUT)
    place = forms.CharField(label=_("Địa điểm"), max_length=300)
    method = forms.ChoiceField(label=_("Hình thức"), choices=DialogueMethod.choices)
    co_chairs = forms.CharField(label=_("Đồng chủ trì"), max_length=300, required=False)

    def __init__(self, *args: Any, drives: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if drives:
            self.fields["voter_drive"] = forms.TypedChoiceField(
                label=_("Đáp ứng kiến nghị của cử tri"),
                choices=[("", _("Không")), *drives],
                coerce=int,
                empty_value=None,
                required=False,
            )


class HoldForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày đã tổ chức"), widget=DATE_INPUT)
    participants = forms.CharField(label=_("Thành phần tham dự"), widget=forms.Textarea(attrs={"rows": 3}))
    attendance = forms.IntegerField(label=_("Số người tham dự"), min_value=0, max_value=1_000_000, required=False)


class QuestionForm(forms.Form):
    source = forms.ChoiceField(label=_("Nguồn"), choices=QuestionSource.choices)
    asker = forms.CharField(label=_("Người hỏi (không bắt buộc)"), max_length=200, required=False)
    question = forms.CharField(label=_("Câu hỏi, kiến nghị"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Trả lời"), widget=forms.Textarea(attrs={"rows": 4}))
    commitment = forms.CharField(
        label=_("Cam kết thực hiện (nếu có)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    commitment_due = forms.DateField(label=_("Hạn thực hiện cam kết"), required=False, widget=DATE_INPUT)


class BookingForm(forms.Form):
    """The slot is the submit button the citizen pressed (``slot``: "YYYY-MM-DD HH:MM")."""

    slot = forms.CharField(widget=forms.HiddenInput)
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    summary = forms.CharField(label=_("Nội dung cần trình bày"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean_slot(self) -> tuple[Any, Any]:
        import datetime as dt

        value = str(self.cleaned_data["slot"])
        try:
            day_text, time_text = value.split(" ", 1)
            return dt.date.fromisoformat(day_text), dt.time.fromisoformat(time_text)
        except ValueError as error:
            raise forms.ValidationError(_("Hãy chọn một khung giờ.")) from error


class DriveForm(forms.Form):
    subject = forms.CharField(label=_("Nội dung cử tri đề nghị đối thoại"), max_length=300)
    voter_count = forms.IntegerField(label=_("Tổng số cử tri của xã"), min_value=1, max_value=10_000_000)
    voter_count_source = forms.CharField(
        label=_("Nguồn số cử tri"),
        max_length=300,
        help_text=_("Ví dụ: danh sách cử tri của kỳ bầu cử gần nhất."),
    )


class SignatureForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên cử tri"), max_length=200)
    id_number = forms.CharField(label=_("Số định danh cá nhân"), max_length=24)


class BookingCancelForm(forms.Form):
    """An officer cancels a citizen's booking: the reason is sent to the citizen."""

    reason = forms.CharField(
        label=_("Lý do hủy (gửi cho công dân)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DayCancelForm(forms.Form):
    """A scheduled reception day that will not take place; every citizen booked that day is told the reason."""

    day = forms.DateField(label=_("Ngày tiếp bị hủy"), widget=DATE_INPUT)
    reason = forms.CharField(
        label=_("Lý do (gửi cho công dân đã đặt lịch)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
