"""Forms of the election and dismissal pages (Vietnamese labels; the services check the law)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.elections.models import DismissalGround, ElectionKind
from grassroots.elections.rules import CANDIDATE_MINUTES_SIGNERS, check_candidate_minutes_signers
from grassroots.voting.forms import DATE_WIDGET


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


class ElectionMeetingForm(forms.Form):
    """The election meeting's time and place, for its notice (Mẫu 01); the notice's date is the server's day."""

    meeting_at = forms.DateTimeField(
        label=_("Thời gian họp (đúng ngày bầu)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Địa điểm họp"), max_length=200)


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


class FloorNominationForm(forms.Form):
    """A nomination or self-nomination at the election meeting ([ND59] art. 7(1))."""

    full_name = forms.CharField(label=_("Họ và tên người được đề cử (người dân trong thôn)"), max_length=200)
    is_self_nominated = forms.BooleanField(label=_("Tự ứng cử"), required=False)
    nominated_by = forms.CharField(label=_("Người giới thiệu (khi được đề cử)"), max_length=200, required=False)


class CandidateMinutesForm(forms.Form):
    """Mẫu 05: the Front work committee members present, one per line (the head first, the secretary last)."""

    front_committee = forms.CharField(
        label=_("Thành phần Ban công tác Mặt trận (mỗi dòng một người; Trưởng ban ở dòng đầu, thư ký ở dòng cuối)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_front_committee(self) -> str:
        value: str = self.cleaned_data["front_committee"]
        lines = [line.strip() for line in value.splitlines() if line.strip()]
        if not check_candidate_minutes_signers(lines).allowed:
            raise forms.ValidationError(
                _(
                    "Cần ít nhất %(signers)s người khác nhau: Trưởng ban ở dòng đầu, thư ký ở dòng cuối; "
                    "mỗi người chỉ ghi một lần."
                ),
                params={"signers": CANDIDATE_MINUTES_SIGNERS},
                code="signers",
            )
        return value

    def members(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["front_committee"].splitlines() if line.strip()]


class CommuneDecisionForm(forms.Form):
    """The commune People's Committee decides a dismissal the community could not agree on ([ND59] art. 9(3))."""

    dismiss = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[("yes", _("Cho thôi làm Trưởng thôn")), ("no", _("Không cho thôi làm"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    front_agreed_on = forms.DateField(
        label=_("Ngày thống nhất với Ủy ban MTTQ xã"), widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d")
    )
    reason = forms.CharField(label=_("Nội dung, lý do"), widget=forms.Textarea(attrs={"rows": 3}))
