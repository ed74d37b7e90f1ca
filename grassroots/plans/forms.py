from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.core.uploads import check_import_file
from grassroots.plans.models import TaskStatus

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class PlanImportForm(forms.Form):
    unit: forms.ModelChoiceField[Any] = forms.ModelChoiceField(queryset=None, label=_("Đơn vị ban hành"))
    file = forms.FileField(label=_("Tệp kế hoạch (.docx hoặc .txt)"))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        return check_import_file(self.cleaned_data["file"], suffixes=(".docx", ".txt"), max_bytes=MAX_IMPORT_BYTES)


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(choices=TaskStatus.choices, label=_("Trạng thái"))


class TaskNoteForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Tiến độ"), max_length=4000)
    evidence_url = forms.CharField(
        required=False,
        max_length=300,
        label=_("Minh chứng trên nền tảng (đường dẫn)"),
        help_text=_("Ví dụ: /cong-khai/… hoặc /tham-gia-y-kien/…"),
    )


class PlanCancelForm(forms.Form):
    """Why a plan is cancelled (replaced or withdrawn by its issuer): required, kept on the plan and in the audit."""

    reason = forms.CharField(
        label=_("Lý do hủy"),
        help_text=_("Ví dụ: Thay bằng Kế hoạch số 60/KH-UBND ngày 10/3/2026."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Hãy ghi lý do hủy kế hoạch.")},
    )


class ReportNarrativeForm(forms.Form):
    narrative = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}), required=False, max_length=20000, label=_("Đánh giá chung")
    )


class ReportReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=(("accept", _("Tiếp nhận")), ("return", _("Trả lại để sửa"))))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Ý kiến"))


TOPIC_LABELS = {
    "disclosures": _("Công khai thông tin"),
    "voting": _("Nhân dân bàn và quyết định"),
    "elections": _("Bầu trưởng thôn, tổ trưởng tổ dân phố"),
    "initiatives": _("Đề xuất của người dân"),
    "consultations": _("Nhân dân tham gia ý kiến"),
    "petitions": _("Phản ánh, kiến nghị, khiếu nại, tố cáo"),
    "conventions": _("Hương ước, quy ước"),
    "oversight": _("Kiểm tra, giám sát (Ban Thanh tra nhân dân, Ban giám sát)"),
    "workplaces": _("Dân chủ ở cơ quan, đơn vị, doanh nghiệp"),
    "funds": _("Đóng góp, quỹ của cộng đồng"),
    "reception": _("Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân"),
}
"""The Vietnamese name of each figure provider, offered as the topic of an ad-hoc report."""


class AdhocReportForm(forms.Form):
    unit: forms.ModelChoiceField[Any] = forms.ModelChoiceField(queryset=None, label=_("Đơn vị báo cáo"))
    topic = forms.CharField(
        max_length=300,
        label=_("Chủ đề báo cáo"),
        help_text=_("Ví dụ: Báo cáo chuyên đề về công khai thu, chi quỹ theo Công văn số …"),
    )
    starts_on = forms.DateField(label=_("Số liệu từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Đến hết ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    due_on = forms.DateField(
        required=False,
        label=_("Hạn gửi (nếu văn bản yêu cầu có ghi)"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    providers = forms.MultipleChoiceField(
        required=False,
        label=_("Lĩnh vực (để trống: tất cả)"),
        widget=forms.CheckboxSelectMultiple,
        choices=(),
    )

    def __init__(self, *args: Any, units: Any, providers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["providers"].choices = [(name, TOPIC_LABELS.get(name, name)) for name in providers]  # type: ignore[attr-defined]


def _lines(value: list[str]) -> str:
    return "\n".join(value)


def split_lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class PlanEditForm(forms.Form):
    """The metadata of a draft plan; list fields are one entry per line."""

    number = forms.CharField(max_length=64, required=False, label=_("Số, ký hiệu"))
    issuer = forms.CharField(max_length=200, required=False, label=_("Cơ quan ban hành"))
    place = forms.CharField(max_length=100, required=False, label=_("Địa danh"))
    issued_day = forms.IntegerField(min_value=1, max_value=31, required=False, label=_("Ngày ban hành"))
    issued_month = forms.IntegerField(min_value=1, max_value=12, required=False, label=_("Tháng"))
    issued_year = forms.IntegerField(min_value=2000, max_value=2100, required=False, label=_("Năm"))
    title = forms.CharField(max_length=500, label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2}))
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Năm kế hoạch"))
    recipients = forms.CharField(
        required=False, label=_("Nơi nhận (mỗi dòng một nơi)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    signer_authority = forms.CharField(max_length=100, required=False, label=_("Thẩm quyền ký (TM., KT. …)"))
    signer_position = forms.CharField(max_length=100, required=False, label=_("Chức vụ người ký"))
    signer_name = forms.CharField(max_length=100, required=False, label=_("Họ tên người ký"))

    @staticmethod
    def initial_of(plan: Any) -> dict[str, Any]:
        initial = {name: getattr(plan, name) for name in PlanEditForm.base_fields if name != "recipients"}
        initial["recipients"] = _lines(plan.recipients)
        return initial

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["recipients"] = split_lines(data["recipients"])
        for name in ("number", "issuer", "place", "title", "signer_authority", "signer_position", "signer_name"):
            data[name] = data[name].strip()
        return data


class PlanItemEditForm(forms.Form):
    """One section or task of a draft plan; bodies and targets one per line."""

    ref = forms.CharField(max_length=16, required=False, label=_("Số mục"))
    title = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))
    text = forms.CharField(required=False, label=_("Diễn giải"), widget=forms.Textarea(attrs={"rows": 2}))
    lead = forms.CharField(
        required=False, label=_("Cơ quan chủ trì (mỗi dòng một cơ quan)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    coordinating = forms.CharField(
        required=False, label=_("Cơ quan phối hợp (mỗi dòng một cơ quan)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    schedule = forms.CharField(max_length=300, required=False, label=_("Thời gian thực hiện"))
    due_on = forms.DateField(required=False, label=_("Hạn hoàn thành"), widget=forms.DateInput(attrs={"type": "date"}))
    targets = forms.CharField(
        required=False, label=_("Chỉ tiêu (mỗi dòng một chỉ tiêu)"), widget=forms.Textarea(attrs={"rows": 2})
    )

    @staticmethod
    def initial_of(item: Any) -> dict[str, Any]:
        return {
            "ref": item.ref,
            "title": item.title,
            "text": item.text,
            "lead": _lines(item.lead),
            "coordinating": _lines(item.coordinating),
            "schedule": item.schedule,
            "due_on": item.due_on,
            "targets": _lines(item.targets),
        }

    def changes(self, *, is_section: bool) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {"ref": data["ref"].strip(), "title": data["title"].strip(), "text": data["text"]}
        if not is_section:
            values.update(
                lead=split_lines(data["lead"]),
                coordinating=split_lines(data["coordinating"]),
                schedule=data["schedule"].strip(),
                due_on=data["due_on"],
                targets=split_lines(data["targets"]),
            )
        return values
