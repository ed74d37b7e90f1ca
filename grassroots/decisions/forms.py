"""Forms of the decisions pages (Vietnamese labels; the services check the law)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.decisions.models import DeliveryMethod, DismissalGround, ElectionKind, MatterCode

MEETING_MATTERS = [(code, f"{code} — {label}") for code, label in MatterCode.choices if code not in ("D4", "D5")]


class MeetingForm(forms.Form):
    matter = forms.ChoiceField(label=_("Nhóm nội dung"), choices=MEETING_MATTERS)
    title = forms.CharField(label=_("Tên nội dung"), max_length=300)
    question = forms.CharField(label=_("Nội dung đưa ra biểu quyết"), widget=forms.Textarea(attrs={"rows": 3}))
    starts_at = forms.DateTimeField(
        label=_("Thời gian họp"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    notice_given_on = forms.DateField(
        label=_("Ngày đã gửi giấy mời, thông báo họp"), widget=forms.DateInput(attrs={"type": "date"})
    )
    documents_delivered_on = forms.DateField(
        label=_("Ngày đã gửi tài liệu đến tất cả các hộ (D1–D3)"),
        help_text=_(
            "Nếu các hộ nhận tài liệu vào những ngày khác nhau, để trống và ghi sổ giao tài liệu ở trang cuộc họp."
        ),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    is_secret = forms.BooleanField(label=_("Bỏ phiếu kín"), required=False)


class OfficersForm(forms.Form):
    secretary = forms.CharField(label=_("Họ tên thư ký"), max_length=200)
    approving = forms.IntegerField(label=_("Số hộ có mặt tán thành"), min_value=0)
    counting_board = forms.CharField(
        label=_("Tổ kiểm phiếu (mỗi dòng một người, 3–5 người; chỉ khi bỏ phiếu kín)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    witnesses = forms.CharField(
        label=_("Mã 2 hộ chứng kiến kiểm phiếu, cách nhau bằng dấu phẩy"), required=False, max_length=200
    )


class CountForm(forms.Form):
    """Counted secret ballots per option; fields are added per option by the view."""

    def __init__(self, *args: object, options: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for key, label in options:
            self.fields[key] = forms.IntegerField(label=label, min_value=0, initial=0)


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Lý do không công nhận"), widget=forms.Textarea(attrs={"rows": 3}))


class RecogniseForm(forms.Form):
    effective_date = forms.DateField(
        label=_("Ngày có hiệu lực (chỉ với nội dung toàn xã)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class MoveToBallotsForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Ngày phát phiếu"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Hạn thu phiếu"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class ChoiceForm(forms.Form):
    option = forms.ChoiceField(label=_("Lựa chọn của hộ"), widget=forms.RadioSelect)
    other_opinion = forms.CharField(
        label=_("Ý kiến khác (nếu có)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: object, options: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["option"].choices = options  # type: ignore[attr-defined]


# --- Elections, dismissals, initiatives, cluster sessions -----------------------------------------

DATE_WIDGET = {"type": "date"}


class ElectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Bầu"), choices=ElectionKind.choices)
    election_date = forms.DateField(label=_("Ngày bầu"), widget=forms.DateInput(attrs=DATE_WIDGET))
    decision_issued_on = forms.DateField(
        label=_("Ngày ban hành quyết định, kế hoạch bầu"), widget=forms.DateInput(attrs=DATE_WIDGET)
    )
    seats = forms.IntegerField(label=_("Số người được bầu"), min_value=1, max_value=15, initial=1)
    project_name = forms.CharField(
        label=_("Chương trình, dự án (chỉ với Ban Giám sát đầu tư)"), max_length=300, required=False
    )


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    is_leader = forms.BooleanField(label=_("Tổ trưởng"), required=False)


class StepDateForm(forms.Form):
    on = forms.DateField(label=_("Ngày thực hiện"), widget=forms.DateInput(attrs=DATE_WIDGET))


class ElectionOpenForm(forms.Form):
    is_secret = forms.BooleanField(label=_("Bỏ phiếu kín"), required=False, initial=True)


class DismissalForm(forms.Form):
    head: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Trưởng thôn đương nhiệm"), queryset=None)
    ground = forms.ChoiceField(label=_("Căn cứ"), choices=DismissalGround.choices)
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))
    petition_households = forms.IntegerField(
        label=_("Số hộ ký kiến nghị (khi hộ gia đình kiến nghị)"), min_value=0, initial=0, required=False
    )

    def __init__(self, *args: object, heads: Any, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["head"].queryset = heads  # type: ignore[attr-defined]


class MeetingTimeForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Thời gian họp"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )


class InterimForm(forms.Form):
    interim_user: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Người tạm thời làm Trưởng thôn (không quá 6 tháng)"),
        queryset=None,
        required=False,
    )

    def __init__(self, *args: object, people: Any, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["interim_user"].queryset = people  # type: ignore[attr-defined]


class InitiativeForm(forms.Form):
    matter = forms.ChoiceField(label=_("Nhóm nội dung"), choices=MEETING_MATTERS, initial="D6")
    title = forms.CharField(label=_("Tên đề xuất"), max_length=300)
    description = forms.CharField(label=_("Nội dung đề xuất"), widget=forms.Textarea(attrs={"rows": 4}))


class ClusterSessionForm(forms.Form):
    name = forms.CharField(label=_("Tên cụm"), max_length=120)
    chair_name = forms.CharField(label=_("Người chủ trì"), max_length=200)
    held_at = forms.DateTimeField(
        label=_("Thời điểm họp"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )


class CandidateForm(forms.Form):
    """A candidate: a resident picked from the search (``resident``) or, failing a record, a typed name."""

    resident = forms.IntegerField(required=False, widget=forms.HiddenInput)
    full_name = forms.CharField(label=_("Họ và tên (chỉ khi không có trong sổ hộ)"), max_length=200, required=False)


class DismissalMeetingForm(MeetingTimeForm):
    front_chair_agreed = forms.BooleanField(
        label=_("Đã thống nhất với Chủ tịch Ủy ban MTTQ xã"),
        required=False,
        help_text=_("Bắt buộc khi Trưởng thôn đồng thời là Trưởng Ban công tác Mặt trận."),
    )


class DeliveryBulkForm(forms.Form):
    delivered_on = forms.DateField(label=_("Ngày giao tài liệu"), widget=forms.DateInput(attrs=DATE_WIDGET))
    method = forms.ChoiceField(label=_("Cách giao"), choices=DeliveryMethod.choices)
    except_codes = forms.CharField(
        label=_("Trừ các hộ (mã hộ, cách nhau bằng dấu phẩy)"), required=False, max_length=2000
    )


class DeliveryOneForm(forms.Form):
    delivered_on = forms.DateField(label=_("Ngày giao"), widget=forms.DateInput(attrs=DATE_WIDGET))
    method = forms.ChoiceField(label=_("Cách giao"), choices=DeliveryMethod.choices)


class InitiativeDecideForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[("1", _("Đưa ra cộng đồng biểu quyết")), ("0", _("Không đưa ra biểu quyết"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Ý kiến, lý do (bắt buộc khi không đưa ra biểu quyết)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    vote: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Gắn với cuộc họp, cuộc biểu quyết (nếu đã tạo)"), queryset=None, required=False
    )

    def __init__(self, *args: object, votes: Any, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["vote"].queryset = votes  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("accepted") is False and not (data.get("note") or "").strip():
            self.add_error("note", _("Cần nêu lý do khi không đưa đề xuất ra biểu quyết."))
        return data
