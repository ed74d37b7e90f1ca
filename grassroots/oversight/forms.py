"""Staff forms of the oversight boards: plain fields, Vietnamese labels; the rules are checked in the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.oversight.models import (
    Disposition,
    InformationAddressee,
    MemberSource,
    Position,
    Post,
    ProgrammeKind,
    ReportPeriod,
    WorkKind,
)
from grassroots.oversight.rules import FIRST_YEAR, LAST_YEAR
from grassroots.units.models import AdministrativeUnit

DATE = forms.DateInput(
    attrs={"type": "date", "min": f"{FIRST_YEAR}-01-01", "max": f"{LAST_YEAR}-12-31"}, format="%Y-%m-%d"
)


class BoundedDateField(forms.DateField):
    """A date of year ``rules.FIRST_YEAR``..``rules.LAST_YEAR``: year 1 or 9999 is refused with a message, not
    passed to the date arithmetic of the services (which refuse it too)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(_in_bounds)


def _in_bounds(day: dt.date) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise forms.ValidationError(_("Ngày không hợp lệ: năm phải từ 2000 đến 2100."), code="date_out_of_range")


COMMUNE_KINDS = [
    ("commune_inspection", _("Ban Thanh tra nhân dân xã, phường")),
    ("investment_supervision", _("Ban Giám sát đầu tư của cộng đồng")),
]
ORGANISATION_KINDS = [
    ("agency_inspection", _("Ban Thanh tra nhân dân cơ quan, đơn vị")),
    ("enterprise_inspection", _("Ban Thanh tra nhân dân doanh nghiệp nhà nước")),
]


class BoardForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại ban"), choices=COMMUNE_KINDS)
    name = forms.CharField(label=_("Tên ban"), max_length=255)
    elected_on = BoundedDateField(label=_("Ngày bầu (ngày cuộc họp, hội nghị cuối cùng)"), widget=DATE)
    term_start = BoundedDateField(label=_("Bắt đầu nhiệm kỳ"), widget=DATE)
    project_name = forms.CharField(label=_("Chương trình, dự án (Ban Giám sát đầu tư)"), max_length=300, required=False)
    investor_name = forms.CharField(label=_("Chủ đầu tư (Ban Giám sát đầu tư)"), max_length=255, required=False)
    supervision_start = BoundedDateField(label=_("Ngày bắt đầu giám sát"), widget=DATE, required=False)


class OrganisationBoardForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại ban"), choices=ORGANISATION_KINDS)
    name = forms.CharField(label=_("Tên ban"), max_length=255)
    elected_on = BoundedDateField(label=_("Ngày hội nghị bầu"), widget=DATE)
    term_start = BoundedDateField(label=_("Bắt đầu nhiệm kỳ"), widget=DATE)
    is_dispersed = forms.BooleanField(label=_("Đơn vị phân tán, đặc thù (được bầu quá 9 người)"), required=False)


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    position = forms.ChoiceField(label=_("Chức danh"), choices=Position.choices, initial=Position.MEMBER)
    source = forms.ChoiceField(label=_("Nguồn"), choices=MemberSource.choices, initial=MemberSource.ELECTED)
    community = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố bầu ra"), queryset=AdministrativeUnit.objects.none(), required=False
    )
    post = forms.ChoiceField(label=_("Chức vụ đang giữ"), choices=Post.choices, initial=Post.NONE)
    has_conflicting_relative = forms.BooleanField(
        label=_("Có người thân là người quyết định đầu tư, chủ đầu tư, nhà thầu, tư vấn, giám sát của dự án"),
        required=False,
    )
    joined_on = BoundedDateField(label=_("Từ ngày"), widget=DATE)
    vacancy = forms.TypedChoiceField(
        label=_("Bầu bổ sung vào chỗ khuyết"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, communities: Any = None, vacancies: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if communities is not None:
            self.fields["community"].queryset = communities  # type: ignore[attr-defined]
        self.fields["vacancy"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (vacancy.pk, f"{vacancy.member.full_name} ({vacancy.opened_on:%d/%m/%Y})") for vacancy in vacancies
        ]


class LeaveForm(forms.Form):
    left_on = BoundedDateField(label=_("Thôi làm thành viên từ ngày"), widget=DATE)
    reason = forms.CharField(label=_("Lý do"), max_length=300)


class DateForm(forms.Form):
    on = BoundedDateField(label=_("Ngày"), widget=DATE)


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=WorkKind.choices)
    subject = forms.CharField(label=_("Nội dung"), max_length=300)
    inspected_party = forms.CharField(label=_("Đối tượng được kiểm tra, giám sát"), max_length=255)
    planned_on = BoundedDateField(label=_("Ngày bắt đầu"), widget=DATE)
    case_id = forms.IntegerField(label=_("Số vụ việc phản ánh, kiến nghị (nếu xác minh)"), required=False, min_value=1)


class FindingForm(forms.Form):
    text = forms.CharField(label=_("Nội dung phát hiện"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    evidence = forms.CharField(
        label=_("Chứng cứ, tài liệu kèm theo"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        required=False,
    )


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(label=_("Kết luận"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    publish = forms.BooleanField(
        label=_(
            "Công khai kết luận: trên trang thông tin công khai của xã, hoặc cho cán bộ, người lao động của cơ quan, "
            "doanh nghiệp (trừ xác minh vụ việc của người dân)"
        ),
        required=False,
    )


class RecommendationForm(forms.Form):
    title = forms.CharField(label=_("Trích yếu"), max_length=255)
    addressee_name = forms.CharField(
        label=_("Gửi đến (cơ quan, người có thẩm quyền)"), max_length=255, initial=_("Chủ tịch Ủy ban nhân dân xã")
    )
    content = forms.CharField(label=_("Nội dung kiến nghị"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000)
    is_public = forms.BooleanField(
        label=_(
            "Công khai kiến nghị và trả lời (ban của xã: trên cổng thông tin; ban của cơ quan, doanh nghiệp: cho cán "
            "bộ, người lao động)"
        ),
        required=False,
        initial=True,
    )


class AnswerForm(forms.Form):
    disposition = forms.ChoiceField(label=_("Kết quả tiếp thu"), choices=Disposition.choices)
    answer = forms.CharField(
        label=_("Nội dung trả lời, kết quả giải quyết, lý do nếu không tiếp thu"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
    )


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Kết quả theo dõi"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ReportIssueForm(forms.Form):
    period = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=ReportPeriod.choices)
    assessment = forms.CharField(
        label=_("Đánh giá chung, đề xuất, kiến nghị"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
    )


class ProgrammeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại chương trình"), choices=ProgrammeKind.choices)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    number = forms.IntegerField(
        label=_("Quý (1–4) hoặc 6 tháng (1–2); chương trình năm: 1"), min_value=1, max_value=4, initial=1
    )


class ProgrammeItemForm(forms.Form):
    text = forms.CharField(label=_("Nội dung công việc"), max_length=300)
    due_on = BoundedDateField(label=_("Hạn hoàn thành"), widget=DATE)


class EscalateForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú gửi kèm (nếu có)"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )


class VoteForm(forms.Form):
    held_on = BoundedDateField(label=_("Ngày họp"), widget=DATE)
    subject = forms.CharField(label=_("Nội dung biểu quyết"), max_length=300)
    votes_for = forms.IntegerField(label=_("Số tán thành"), min_value=0, max_value=1000)
    votes_against = forms.IntegerField(label=_("Số không tán thành"), min_value=0, max_value=1000, initial=0)
    abstentions = forms.IntegerField(label=_("Số không biểu quyết"), min_value=0, max_value=1000, initial=0)


class ConferenceReportDraftForm(forms.Form):
    """The yearly report for the year-end conference; ``community`` only for a commune board."""

    community = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố (hội nghị cuối năm)"), queryset=AdministrativeUnit.objects.none(), required=False
    )
    content = forms.CharField(label=_("Nội dung báo cáo"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20000)

    def __init__(self, *args: Any, communities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if communities is None:
            del self.fields["community"]
        else:
            self.fields["community"].queryset = communities  # type: ignore[attr-defined]
            self.fields["community"].required = True


class ConferenceReportPresentForm(forms.Form):
    conference_name = forms.CharField(label=_("Hội nghị"), max_length=255)
    presented_on = BoundedDateField(label=_("Ngày hội nghị"), widget=DATE)


class InformationRequestForm(forms.Form):
    addressee = forms.ChoiceField(label=_("Bên được yêu cầu"), choices=InformationAddressee.choices)
    addressee_name = forms.CharField(label=_("Gửi đến (tên cơ quan, chủ đầu tư)"), max_length=255, required=False)
    subject = forms.CharField(label=_("Nội dung yêu cầu"), max_length=300)
    documents = forms.CharField(
        label=_("Thông tin, tài liệu cần cung cấp"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )
    sent_on = BoundedDateField(label=_("Ngày gửi (để trống: hôm nay)"), widget=DATE, required=False)

    def __init__(self, *args: Any, board_kind: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from grassroots.oversight.services.information import ALLOWED_ADDRESSEES

        allowed = ALLOWED_ADDRESSEES.get(board_kind)
        if allowed:
            self.fields["addressee"].choices = [  # type: ignore[attr-defined]
                (value, label) for value, label in InformationAddressee.choices if value in allowed
            ]


class InformationAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Thông tin, tài liệu đã nhận"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000
    )
    answered_on = BoundedDateField(label=_("Ngày nhận"), widget=DATE)


class InformationWithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Lý do rút yêu cầu"), max_length=300)


class InformationExtendForm(forms.Form):
    working_days = forms.IntegerField(label=_("Gia hạn thêm (ngày làm việc)"), min_value=1, max_value=100)
    reason = forms.CharField(label=_("Lý do gia hạn (theo văn bản thông báo)"), max_length=300)
    extended_on = BoundedDateField(label=_("Ngày thông báo gia hạn"), widget=DATE)


class SupervisedProjectForm(forms.Form):
    name = forms.CharField(label=_("Tên chương trình, dự án"), max_length=300)
    investor_name = forms.CharField(label=_("Chủ đầu tư"), max_length=255)
    location = forms.CharField(label=_("Địa điểm thực hiện"), max_length=300)
    value_vnd = forms.DecimalField(label=_("Tổng mức đầu tư (đồng)"), min_value=0, max_digits=18, decimal_places=0)
    works_start = BoundedDateField(label=_("Khởi công (dự kiến)"), widget=DATE)
    works_end = BoundedDateField(label=_("Hoàn thành (dự kiến)"), widget=DATE)
    supervision_start = BoundedDateField(label=_("Ngày bắt đầu giám sát"), widget=DATE)
    investor_notified_on = BoundedDateField(
        label=_("Ngày thông báo kế hoạch giám sát cho chủ đầu tư (nếu đã thông báo)"), widget=DATE, required=False
    )


class ProjectNoticeForm(forms.Form):
    notified_on = BoundedDateField(label=_("Ngày thông báo kế hoạch giám sát cho chủ đầu tư"), widget=DATE)
