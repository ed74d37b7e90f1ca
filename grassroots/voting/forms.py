"""Forms of the community-vote pages (Vietnamese labels; the services check the law)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.voting.models import DeliveryMethod, MatterCode, RollAmendmentKind

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


class ClusterCountForm(forms.Form):
    """One residential cluster's count of a secret ballot campaign; an option's field is ``option_<key>``."""

    name = forms.CharField(label=_("Tên cụm dân cư"), max_length=120)
    ballots_issued = forms.IntegerField(label=_("Số phiếu phát ra ở cụm"), min_value=0, max_value=1_000_000)
    ballots_returned = forms.IntegerField(label=_("Số phiếu thu về ở cụm"), min_value=0, max_value=1_000_000)

    def __init__(self, *args: object, options: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.option_keys = [key for key, _label in options]
        for key, label in options:
            self.fields[f"option_{key}"] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=1_000_000,
                initial=0,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def counts(self) -> dict[str, int]:
        return {key: self.cleaned_data[f"option_{key}"] for key in self.option_keys}


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


class CastForm(forms.Form):
    """What the "check your answers" page sends: the chosen option's key and the household's other opinion.

    The option is checked against the vote's options by ``services.vote_cast_online`` (one query fewer on
    the vote day's busiest request); the lengths match ``ChoiceForm``'s.
    """

    option = forms.CharField(max_length=40)
    other_opinion = forms.CharField(required=False, max_length=2000)


# --- Elections, dismissals, initiatives, cluster sessions -----------------------------------------


DATE_WIDGET = {"type": "date"}


class ClusterSessionForm(forms.Form):
    name = forms.CharField(label=_("Tên cụm"), max_length=120)
    chair_name = forms.CharField(label=_("Người chủ trì"), max_length=200)
    held_at = forms.DateTimeField(
        label=_("Thời điểm họp"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
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


class RollAmendForm(forms.Form):
    """A correction of the frozen roll before the count, with its reason ([L] arts 18(2), 21(1))."""

    household_code = forms.CharField(label=_("Mã hộ"), max_length=40)
    kind = forms.ChoiceField(label=_("Sửa gì"), choices=RollAmendmentKind.choices)
    reason = forms.CharField(
        label=_("Lý do"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Lý do được ghi vào biên bản và lịch sử của cuộc biểu quyết."),
    )


class OnlineAgreementForm(forms.Form):
    """Who agreed that neither a meeting nor ballots are needed, and when ([L] art. 17(1)(c); [ND59] art. 5(1))."""

    village_head: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Trưởng thôn"), queryset=None)
    front_head: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Trưởng Ban công tác Mặt trận"), queryset=None
    )
    agreed_on = forms.DateField(label=_("Ngày thống nhất"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: object, heads: Any, front_heads: Any, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["village_head"].queryset = heads  # type: ignore[attr-defined]
        self.fields["front_head"].queryset = front_heads  # type: ignore[attr-defined]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class MeetingNoticeForm(forms.Form):
    """Mẫu 01 ([ND59] art. 3(3)–(4))."""

    place = forms.CharField(label=_("Địa điểm họp"), max_length=300)
    meeting_documents = forms.CharField(
        label=_("Tài liệu gửi kèm đến từng hộ (mỗi dòng một tài liệu; bắt buộc với D1–D3)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def documents(self) -> list[str]:
        return _lines(self.cleaned_data.get("meeting_documents", ""))


class MeetingDecisionForm(forms.Form):
    """Mẫu 03 ([L] art. 20(2)): four signers, the two officials of art. 20(2)(g) first (the page names them)."""

    first_official_name = forms.CharField(label=_("Họ tên trưởng thôn, tổ trưởng tổ dân phố"), max_length=200)
    second_official_name = forms.CharField(label=_("Họ tên trưởng Ban công tác Mặt trận"), max_length=200)
    household_first = forms.CharField(label=_("Đại diện hộ gia đình ký thứ nhất"), max_length=200)
    household_second = forms.CharField(label=_("Đại diện hộ gia đình ký thứ hai"), max_length=200)
    decision_text = forms.CharField(
        label=_("Quyết định của cộng đồng (ghi như đã thông qua)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    screenshots = forms.IntegerField(
        label=_("Số ảnh chụp màn hình kết quả kèm theo (chỉ với biểu quyết trực tuyến)"),
        min_value=0,
        max_value=99,
        required=False,
    )


class WitnessesForm(forms.Form):
    """Mẫu 04 ([ND59] art. 4(6)): two household witnesses."""

    witness_first = forms.CharField(label=_("Đại diện hộ chứng kiến thứ nhất"), max_length=200)
    witness_second = forms.CharField(label=_("Đại diện hộ chứng kiến thứ hai"), max_length=200)


class BallotPlanSentForm(forms.Form):
    sent_on = forms.DateField(
        label=_("Ngày gửi kế hoạch đến Chủ tịch UBND xã và Chủ tịch Ủy ban MTTQ xã"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class RevocationForm(forms.Form):
    """Law art. 22."""

    ground = forms.ChoiceField(
        label=_("Căn cứ"),
        choices=[
            ("unlawful", _("Trái pháp luật, trái đạo đức xã hội (UBND xã hủy bỏ)")),
            ("procedure", _("Vi phạm trình tự, thủ tục (UBND xã)")),
            ("community_wish", _("Theo nguyện vọng của cộng đồng dân cư")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[("revoke", _("Hủy bỏ")), ("amend", _("Sửa đổi, bổ sung")), ("replace", _("Thay thế"))],
    )
    replacement = forms.TypedChoiceField(
        label=_("Cuộc biểu quyết mới đã thông qua (khi sửa đổi, thay thế hoặc theo nguyện vọng cộng đồng)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, replacements: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["replacement"].choices = [("", _("— Không có —")), *(replacements or [])]  # type: ignore[attr-defined]


DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _CampaignBase(forms.Form):
    title = forms.CharField(label=_("Tên nội dung"), max_length=300)
    question = forms.CharField(label=_("Nội dung lấy ý kiến"), widget=forms.Textarea(attrs={"rows": 3}))
    starts_at = forms.DateTimeField(label=_("Bắt đầu"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Hạn cuối"), widget=DATETIME_WIDGET)
    notice_given_on = forms.DateField(label=_("Ngày đã công khai, thông báo đến các hộ"), widget=DATE_INPUT)
    team = forms.CharField(
        label=_("Thành viên tổ (mỗi dòng một người, 3–5 người; người đầu tiên là tổ trưởng, đại diện Mặt trận)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    is_secret = forms.BooleanField(label=_("Bỏ phiếu kín"), required=False)

    def team_names(self) -> list[str]:
        return _lines(self.cleaned_data.get("team", ""))


class BallotCampaignForm(_CampaignBase):
    """A household-ballot campaign (phát phiếu lấy ý kiến), [L] art. 19; [ND59] art. 4."""

    matter = forms.ChoiceField(
        label=_("Nhóm nội dung"),
        choices=[(code, f"{code} — {label}") for code, label in MatterCode.choices if code in ("D6", "D1", "D2")],
        initial="D6",
    )
    plan_issued_on = forms.DateField(label=_("Ngày ban hành kế hoạch phát phiếu"), widget=DATE_INPUT)

    field_order = ["matter", "title", "question", "starts_at", "ends_at", "plan_issued_on", "notice_given_on"]


class OnlineVoteForm(_CampaignBase):
    """An online D6 vote, [L] art. 17(1)(c); [ND59] art. 5."""

    front_head: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Trưởng Ban công tác Mặt trận đã thống nhất"), queryset=None
    )
    agreed_on = forms.DateField(label=_("Ngày thống nhất không cần họp, phát phiếu"), widget=DATE_INPUT)

    def __init__(self, *args: Any, front_heads: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["front_head"].queryset = front_heads  # type: ignore[attr-defined]


class CommuneVoteForm(forms.Form):
    """A commune-wide D1/D2 vote decided by the commune Chair ([L] arts 16(1), 21(1))."""

    matter = forms.ChoiceField(
        label=_("Nhóm nội dung"),
        choices=[(code, f"{code} — {label}") for code, label in MatterCode.choices if code in ("D1", "D2")],
    )
    form = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[("meeting", _("Họp ở từng thôn, tổ dân phố")), ("household_ballot", _("Phát phiếu lấy ý kiến"))],
    )
    title = forms.CharField(label=_("Tên nội dung"), max_length=300)
    question = forms.CharField(label=_("Nội dung biểu quyết"), widget=forms.Textarea(attrs={"rows": 3}))
    starts_at = forms.DateTimeField(label=_("Bắt đầu"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Hạn cuối (khi phát phiếu)"), widget=DATETIME_WIDGET, required=False)


class OnlineAdoptionForm(forms.Form):
    """The poll that adopts online voting as a form ([ND59] art. 5(2)(c)): at a meeting or by household ballots."""

    form = forms.ChoiceField(
        label=_("Lấy ý kiến các hộ bằng"),
        choices=[
            ("meeting", _("Cuộc họp cộng đồng dân cư")),
            ("household_ballot", _("Phát phiếu lấy ý kiến hộ gia đình")),
        ],
        initial="meeting",
    )
    starts_at = forms.DateTimeField(label=_("Thời gian họp, hoặc ngày bắt đầu phát phiếu"), widget=DATETIME_WIDGET)
    notice_given_on = forms.DateField(label=_("Ngày đã thông báo đến các hộ"), widget=DATE_INPUT)
    ends_at = forms.DateTimeField(label=_("Hạn thu phiếu (khi phát phiếu)"), widget=DATETIME_WIDGET, required=False)
    plan_issued_on = forms.DateField(
        label=_("Ngày ban hành kế hoạch phát phiếu (khi phát phiếu)"), widget=DATE_INPUT, required=False
    )
    team = forms.CharField(
        label=_("Tổ phát phiếu (khi phát phiếu; mỗi dòng một người, 3–5 người; người đầu tiên là tổ trưởng)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("form") == "household_ballot":
            if not data.get("ends_at"):
                self.add_error("ends_at", _("Cần hạn thu phiếu."))
            if not data.get("plan_issued_on"):
                self.add_error("plan_issued_on", _("Cần ngày ban hành kế hoạch phát phiếu."))
            if not _lines(data.get("team", "")):
                self.add_error("team", _("Cần ghi tổ phát phiếu."))
        return data

    def team_names(self) -> list[str]:
        return _lines(self.cleaned_data.get("team", ""))


class ScheduleForm(forms.Form):
    """The notice a village head gave for a vote prepared elsewhere (a commune-wide D1/D2 vote's village part):
    the day the households were told and, for D1–D3, the day every household got the documents
    ([ND59] art. 3(3)–(4): both ≥ 2 days before the meeting; art. 4(2) for a ballot campaign)."""

    notice_given_on = forms.DateField(label=_("Ngày đã thông báo đến các hộ"), widget=DATE_INPUT)
    documents_delivered_on = forms.DateField(
        label=_("Ngày đã gửi tài liệu đến tất cả các hộ (D1–D3)"), widget=DATE_INPUT, required=False
    )
