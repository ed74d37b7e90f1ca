"""Forms of the workplaces staff pages: plain Vietnamese labels, phone-friendly widgets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.uploads import check_import_file
from grassroots.workplaces import rules
from grassroots.workplaces.models import (
    BallotChoice,
    ConferenceFormat,
    ConferenceKind,
    ConferenceProposer,
    DialogueKind,
    StaffBallotGround,
    StaffDecisionMatter,
    StaffMember,
    StaffPost,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER = forms.NumberInput(attrs={"inputmode": "numeric"})


def _date_field(label: Any, **extra: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, input_formats=["%Y-%m-%d", "%d/%m/%Y"], **extra)


class ProfileForm(forms.Form):
    work_year_end_month = forms.IntegerField(
        label=_("Tháng kết thúc năm công tác, năm tài chính"), min_value=1, max_value=12, widget=NUMBER
    )
    union_name = forms.CharField(label=_("Tên tổ chức công đoàn"), max_length=255, required=False)
    has_intranet = forms.BooleanField(label=_("Có mạng nội bộ, cổng thông tin nội bộ"), required=False)


class SoeRulesOptInForm(forms.Form):
    """A non-state employer's choice to apply the SOE rules ([L] art. 82): the day it was decided, and the
    confirmation that the union was told (the published notice says so)."""

    decided_on = _date_field(_("Ngày quyết định áp dụng"))
    union_informed = forms.BooleanField(
        label=_("Đã thông báo cho tổ chức công đoàn"),
        error_messages={"required": _("Cần thông báo cho tổ chức công đoàn trước khi áp dụng.")},
    )


class StaffMemberForm(forms.Form):
    code = forms.CharField(label=_("Mã nhân sự"), max_length=40)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    division = forms.CharField(label=_("Bộ phận, tổ"), max_length=200, required=False)
    position = forms.CharField(label=_("Chức vụ, chức danh"), max_length=200, required=False)
    active_from = _date_field(_("Làm việc từ ngày"))
    is_head = forms.BooleanField(label=_("Người đứng đầu"), required=False)
    is_union_executive = forms.BooleanField(label=_("Ủy viên Ban chấp hành công đoàn"), required=False)


class StaffPostForm(forms.Form):
    is_head = forms.BooleanField(label=_("Người đứng đầu"), required=False)
    post = forms.ChoiceField(label=_("Chức vụ quản lý"), choices=StaffPost.choices)


class StaffLeaveForm(forms.Form):
    on = _date_field(_("Thôi làm việc từ ngày"))


MAX_IMPORT_BYTES = 10 * 1024 * 1024
"""A staff register of a few thousand people is well under a megabyte (a platform limit)."""


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách cán bộ, người lao động"),
        help_text=_("Tệp .xlsx hoặc .csv, mỗi dòng một người, có dòng tiêu đề như tệp mẫu."),
    )

    def clean_file(self) -> Any:
        return check_import_file(self.cleaned_data["file"], suffixes=(".csv", ".xlsx"), max_bytes=MAX_IMPORT_BYTES)


class ConferenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=ConferenceKind.choices)
    work_year = forms.IntegerField(label=_("Năm công tác được tổng kết"), min_value=2000, max_value=2100, widget=NUMBER)
    scheduled_on = _date_field(_("Ngày tổ chức"))
    conference_format = forms.ChoiceField(
        label=_("Hình thức"),
        choices=ConferenceFormat.choices,
        help_text=_("Dưới 100 người: hội nghị toàn thể. Từ 100 người: toàn thể hoặc đại biểu."),
    )
    proposer = forms.ChoiceField(label=_("Đề nghị tổ chức"), choices=ConferenceProposer.choices)
    supporters = forms.IntegerField(
        label=_("Số người ký đề nghị (khi cán bộ, người lao động đề nghị)"),
        min_value=0,
        max_value=1_000_000,
        required=False,
        widget=NUMBER,
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)

    def clean_supporters(self) -> int:
        return int(self.cleaned_data.get("supporters") or 0)


class StepForm(forms.Form):
    code = forms.ChoiceField(
        label=_("Bước chuẩn bị"), choices=[(step.code, step.label) for step in rules.PREPARATION_STEPS]
    )
    done_on = _date_field(_("Ngày thực hiện"))
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class ConfirmForm(forms.Form):
    """A confirmation button with nothing to type."""


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class ResolutionItemForm(forms.Form):
    matter = forms.ChoiceField(label=_("Loại nội dung"), choices=StaffDecisionMatter.choices)
    title = forms.CharField(label=_("Tên nội dung"), max_length=300)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 4}))


class VoteForm(forms.Form):
    votes_for = forms.IntegerField(label=_("Số người tán thành"), min_value=0, max_value=1_000_000, widget=NUMBER)
    votes_against = forms.IntegerField(
        label=_("Số người không tán thành"), min_value=0, max_value=1_000_000, widget=NUMBER
    )
    votes_abstain = forms.IntegerField(
        label=_("Số người không biểu quyết"), min_value=0, max_value=1_000_000, required=False, widget=NUMBER
    )

    def clean_votes_abstain(self) -> int:
        return int(self.cleaned_data.get("votes_abstain") or 0)


class ReviewForm(forms.Form):
    findings = forms.CharField(label=_("Kết quả thực hiện nghị quyết"), widget=forms.Textarea(attrs={"rows": 5}))


class StaffConsultationForm(forms.Form):
    matter = forms.ChoiceField(label=_("Nội dung lấy ý kiến"), choices=())
    title = forms.CharField(label=_("Tên dự thảo"), max_length=300)
    draft = forms.CharField(label=_("Nội dung dự thảo"), widget=forms.Textarea(attrs={"rows": 6}))
    opens_on = _date_field(_("Ngày bắt đầu"))
    closes_on = _date_field(_("Ngày kết thúc nhận ý kiến"))

    def __init__(self, *args: Any, organisation_kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        matters = rules.consultation_matters(organisation_kind)
        field = self.fields["matter"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(code, f"{code}. {label}") for code, label in matters.items()]


class OpinionForm(forms.Form):
    text = forms.CharField(label=_("Nội dung ý kiến"), widget=forms.Textarea(attrs={"rows": 4}))
    received_on = _date_field(_("Ngày nhận"))
    channel = forms.CharField(label=_("Hình thức (hội nghị, hòm thư, qua công đoàn…)"), max_length=100, required=False)


class AnswerForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("Kết quả"),
        choices=[("1", _("Tiếp thu")), ("0", _("Không tiếp thu, có giải trình"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(label=_("Giải trình"), widget=forms.Textarea(attrs={"rows": 3}))


class CompleteForm(forms.Form):
    explanation = forms.CharField(
        label=_("Tổng hợp ý kiến, tiếp thu, giải trình (sẽ công khai trong đơn vị)"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class DialogueForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại đối thoại"), choices=DialogueKind.choices)
    scheduled_on = _date_field(_("Ngày đối thoại"))
    topics = forms.CharField(label=_("Nội dung đối thoại"), widget=forms.Textarea(attrs={"rows": 4}))
    content_sent_on = _date_field(_("Ngày gửi nội dung cho bên kia"), required=False)
    requested_on = _date_field(_("Ngày nhận yêu cầu (đối thoại theo yêu cầu)"), required=False)
    request_supporters = forms.IntegerField(
        label=_("Số thành viên bên người lao động yêu cầu (đối thoại theo yêu cầu)"),
        min_value=0,
        max_value=10_000,
        required=False,
        widget=NUMBER,
    )

    def clean_request_supporters(self) -> int:
        return int(self.cleaned_data.get("request_supporters") or 0)


class DialogueRecordForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Thành viên có mặt"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Hợp lệ khi người đại diện theo pháp luật có mặt và trên 70% thành viên bên người lao động."),
    )
    outcome = forms.CharField(label=_("Kết quả đối thoại"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    content_sent_on = _date_field(
        _("Ngày gửi nội dung cho bên kia (nếu chưa ghi)"),
        required=False,
        help_text=_("Đối thoại định kỳ, khi có vụ việc: ít nhất 5 ngày làm việc trước ngày đối thoại."),
    )


def dialogue_record_form(data: Any, members: list[Any]) -> DialogueRecordForm:
    """The record form with one checkbox per member of the dialogue's list (side and legal representative shown)."""
    form = DialogueRecordForm(data)
    field = form.fields["present"]
    assert isinstance(field, forms.MultipleChoiceField)
    field.choices = [
        (
            str(member.pk),
            f"{member.staff_member.full_name} — {member.get_side_display()}"
            + (f" ({_('người đại diện theo pháp luật')})" if member.is_legal_representative else ""),
        )
        for member in members
    ]
    return form


def _codes(raw: str) -> list[str]:
    parts = raw.replace(",", "\n").replace(";", "\n").splitlines()
    return list(dict.fromkeys(code for code in (" ".join(part.split()) for part in parts) if code))


class StaffCodesField(forms.CharField):
    """Staff codes, one a line (or separated by commas): pasted from a spreadsheet column."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 6, "autocapitalize": "characters"}))
        super().__init__(**kwargs)


class RegisterForm(forms.Form):
    """A form whose code fields are resolved against the staff register on a given day."""

    def __init__(self, *args: Any, organisation: Any, day: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation, self.day = organisation, day

    def register_day(self) -> dt.date:
        return self.day

    def resolve(self, field: str, *, required: bool = True) -> list[StaffMember]:
        """The staff members of the codes typed in ``field``, each on the register on ``day``; else a field error
        naming every code that is unknown or not working there that day."""
        from grassroots.workplaces import selectors

        codes = _codes(self.cleaned_data.get(field) or "")
        if not codes and required:
            raise forms.ValidationError(_("Nhập ít nhất một mã nhân sự."))
        wanted = {code.casefold() for code in codes}
        register = {
            member.code.casefold(): member
            for member in selectors.staff_on(self.organisation, self.register_day())
            if member.code.casefold() in wanted
        }
        missing = [code for code in codes if code.casefold() not in register]
        if missing:
            raise forms.ValidationError(
                _("Không có trong danh sách cán bộ vào ngày %(day)s: %(codes)s.")
                % {"day": self.register_day().strftime("%d/%m/%Y"), "codes": ", ".join(missing[:30])}
            )
        return [register[code.casefold()] for code in codes]


class DelegatesForm(RegisterForm):
    codes = StaffCodesField(
        label=_("Mã nhân sự của các đại biểu"),
        help_text=_("Mỗi dòng một mã (có thể dán cả cột từ bảng tính). Danh sách mới thay danh sách cũ."),
    )

    def clean_codes(self) -> list[StaffMember]:
        return self.resolve("codes")


class DialogueMembersForm(RegisterForm):
    fixed_on = _date_field(_("Ngày xác định danh sách"))
    published_on = _date_field(_("Ngày công khai tại nơi làm việc"))
    legal_representative = forms.CharField(label=_("Mã nhân sự của người đại diện theo pháp luật"), max_length=40)
    employer_codes = StaffCodesField(
        label=_("Mã nhân sự các thành viên khác bên người sử dụng lao động"),
        help_text=_("Cùng người đại diện theo pháp luật, ít nhất 3 người."),
    )
    worker_codes = StaffCodesField(
        label=_("Mã nhân sự các thành viên bên người lao động"),
        help_text=_("Số thành viên theo quy mô lao động (Điều 38 Nghị định 145/2020/NĐ-CP)."),
    )

    def register_day(self) -> dt.date:
        """Members must be on the register on the day the list is fixed."""
        fixed_on = self.cleaned_data.get("fixed_on")
        return fixed_on if isinstance(fixed_on, dt.date) else self.day

    def clean_legal_representative(self) -> StaffMember:
        return self.resolve("legal_representative")[0]

    def clean_employer_codes(self) -> list[StaffMember]:
        return self.resolve("employer_codes", required=False)

    def clean_worker_codes(self) -> list[StaffMember]:
        return self.resolve("worker_codes")


class AuthorisationForm(RegisterForm):
    """The head's written authorisation of a deputy for the days the head is absent."""

    valid_from = _date_field(_("Ủy quyền từ ngày"))
    valid_until = _date_field(_("Ủy quyền đến hết ngày"))
    deputy = forms.CharField(label=_("Mã nhân sự của người được ủy quyền (cấp phó)"), max_length=40)
    reference = forms.CharField(label=_("Số, ngày giấy ủy quyền"), max_length=100)
    reason = forms.CharField(label=_("Lý do người đứng đầu vắng mặt"), max_length=300)

    def register_day(self) -> dt.date:
        valid_from = self.cleaned_data.get("valid_from")
        return valid_from if isinstance(valid_from, dt.date) else self.day

    def clean_deputy(self) -> StaffMember:
        return self.resolve("deputy")[0]


class ChairForm(RegisterForm):
    """Who chairs the conference: the head, or the deputy the head authorised for that day."""

    chair = forms.CharField(
        label=_("Mã nhân sự của người chủ trì"),
        max_length=40,
        help_text=_("Người đứng đầu; khi người đứng đầu vắng mặt, cấp phó có giấy ủy quyền cho ngày hội nghị."),
    )

    def clean_chair(self) -> StaffMember:
        return self.resolve("chair")[0]


class StaffBallotForm(forms.Form):
    ground = forms.ChoiceField(
        label=_("Căn cứ phát phiếu"), choices=StaffBallotGround.choices, widget=forms.RadioSelect
    )
    force_majeure_reason = forms.CharField(
        label=_("Sự kiện bất khả kháng (khi không tổ chức được hội nghị)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    work_year = forms.IntegerField(label=_("Năm công tác"), min_value=2000, max_value=2100, widget=NUMBER)
    union_agreed_on = _date_field(_("Ngày thống nhất với Ban chấp hành công đoàn"))
    matter = forms.ChoiceField(label=_("Loại nội dung"), choices=StaffDecisionMatter.choices)
    title = forms.CharField(label=_("Tên nội dung"), max_length=300)
    text = forms.CharField(label=_("Nội dung lấy phiếu"), widget=forms.Textarea(attrs={"rows": 4}))
    is_secret = forms.BooleanField(
        label=_("Phiếu kín (bắt buộc khi bầu, bãi nhiệm Ban Thanh tra nhân dân)"), required=False
    )
    opens_on = _date_field(_("Ngày phát phiếu"))
    closes_on = _date_field(_("Hạn nộp phiếu"))


class BallotReturnForm(forms.Form):
    staff_code = forms.CharField(label=_("Mã nhân sự của người nộp phiếu"), max_length=40)
    choice = forms.ChoiceField(
        label=_("Ý kiến ghi trên phiếu"), choices=BallotChoice.choices, widget=forms.RadioSelect, required=False
    )

    def __init__(self, *args: Any, is_secret: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if is_secret:
            del self.fields["choice"]
        else:
            self.fields["choice"].required = True


class BallotCountForm(forms.Form):
    votes_for = forms.IntegerField(label=_("Số phiếu đồng ý"), min_value=0, max_value=1_000_000, widget=NUMBER)
    votes_against = forms.IntegerField(
        label=_("Số phiếu không đồng ý"), min_value=0, max_value=1_000_000, widget=NUMBER
    )
    votes_abstain = forms.IntegerField(
        label=_("Số phiếu không có ý kiến"), min_value=0, max_value=1_000_000, widget=NUMBER
    )
    votes_invalid = forms.IntegerField(
        label=_("Số phiếu không hợp lệ"), min_value=0, max_value=1_000_000, required=False, widget=NUMBER
    )

    def clean_votes_invalid(self) -> int:
        return int(self.cleaned_data.get("votes_invalid") or 0)


def default_dates(today: dt.date, days: int) -> dict[str, dt.date]:
    return {"opens_on": today, "closes_on": today + dt.timedelta(days=days)}
