"""Forms of the workplaces staff pages: plain Vietnamese labels, phone-friendly widgets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.uploads import check_import_file
from grassroots.workplaces import rules
from grassroots.workplaces.models import (
    ConferenceFormat,
    ConferenceKind,
    ConferenceProposer,
    DemocracyRegime,
    DialogueKind,
    StaffDecisionMatter,
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
    regime = forms.ChoiceField(label=_("Chế độ áp dụng"), choices=DemocracyRegime.choices)


class StaffMemberForm(forms.Form):
    code = forms.CharField(label=_("Mã nhân sự"), max_length=40)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    division = forms.CharField(label=_("Bộ phận, tổ"), max_length=200, required=False)
    position = forms.CharField(label=_("Chức vụ, chức danh"), max_length=200, required=False)
    active_from = _date_field(_("Làm việc từ ngày"))
    is_head = forms.BooleanField(label=_("Người đứng đầu"), required=False)
    is_union_executive = forms.BooleanField(label=_("Ủy viên Ban chấp hành công đoàn"), required=False)


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
    employer_representatives = forms.IntegerField(
        label=_("Số thành viên bên người sử dụng lao động"), min_value=0, max_value=10_000, widget=NUMBER
    )
    worker_representatives = forms.IntegerField(
        label=_("Số thành viên bên người lao động"), min_value=0, max_value=10_000, widget=NUMBER
    )
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
    workers_present = forms.IntegerField(
        label=_("Số thành viên bên người lao động có mặt"), min_value=0, max_value=10_000, widget=NUMBER
    )
    legal_representative_present = forms.BooleanField(
        label=_("Người đại diện theo pháp luật (hoặc người được ủy quyền) có mặt"), required=False
    )
    outcome = forms.CharField(label=_("Kết quả đối thoại"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


def default_dates(today: dt.date, days: int) -> dict[str, dt.date]:
    return {"opens_on": today, "closes_on": today + dt.timedelta(days=days)}
