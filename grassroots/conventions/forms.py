"""Forms of the convention pages (Vietnamese labels; the services check the law)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from grassroots.consultations.models import Disposition
from grassroots.conventions.models import ConventionName, MeasureKind, ProposalBasis, ReportGround
from grassroots.conventions.rules import DISSEMINATION_CHANNELS, DOSSIER_ITEMS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProposalForm(forms.Form):
    basis = forms.ChoiceField(label=_("Căn cứ đề xuất (Điều 7 Nghị định 61)"), choices=ProposalBasis.choices)
    supporting_households = forms.IntegerField(
        label=_("Số hộ ủng hộ (khi công dân đề xuất)"), min_value=0, max_value=100000, initial=0, required=False
    )
    front_agreed = forms.BooleanField(label=_("Trưởng ban công tác Mặt trận đã thống nhất, đồng ý"), required=False)
    drafting_team = forms.CharField(
        label=_("Tổ soạn thảo (họ tên, tổ chức)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    drafting_mass_organisations = forms.BooleanField(
        label=_("Tổ soạn thảo có đại diện các tổ chức chính trị - xã hội (đoàn thể)"), required=False
    )
    drafting_respected_people = forms.BooleanField(
        label=_("Tổ soạn thảo có người có uy tín trong cộng đồng"), required=False
    )
    drafting_elders = forms.BooleanField(label=_("Tổ soạn thảo có già làng"), required=False)
    drafting_ethnic_language = forms.BooleanField(
        label=_("Tổ soạn thảo có người biết tiếng dân tộc thiểu số"), required=False
    )
    drafting_front_agreed = forms.BooleanField(
        label=_("Trưởng ban công tác Mặt trận đã thống nhất thành phần tổ soạn thảo"), required=False
    )

    def clean_supporting_households(self) -> int:
        return int(self.cleaned_data.get("supporting_households") or 0)


class ConventionForm(ProposalForm):
    name_kind = forms.ChoiceField(label=_("Tên gọi"), choices=ConventionName.choices)
    title = forms.CharField(label=_("Tên hương ước, quy ước"), max_length=300)
    reason = forms.CharField(label=_("Lý do xây dựng"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    ethnic_minority_area = forms.BooleanField(
        label=_("Thôn, tổ dân phố ở vùng đồng bào dân tộc thiểu số"), required=False
    )

    field_order = [
        "name_kind",
        "title",
        "reason",
        "basis",
        "supporting_households",
        "front_agreed",
        "ethnic_minority_area",
        "drafting_team",
        "drafting_mass_organisations",
        "drafting_respected_people",
        "drafting_elders",
        "drafting_ethnic_language",
        "drafting_front_agreed",
    ]


class AmendmentForm(ProposalForm):
    reason = forms.CharField(label=_("Nội dung, lý do sửa đổi, bổ sung"), widget=forms.Textarea(attrs={"rows": 3}))

    field_order = [
        "reason",
        "basis",
        "supporting_households",
        "front_agreed",
        "drafting_team",
        "drafting_mass_organisations",
        "drafting_respected_people",
        "drafting_elders",
        "drafting_ethnic_language",
        "drafting_front_agreed",
    ]


class DraftingTeamForm(forms.Form):
    """The drafting team's names and composition ([ND61] art. 8); the service checks the composition."""

    members = forms.CharField(
        label=_("Thành viên tổ soạn thảo (họ tên, tổ chức, mỗi người một dòng)"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    mass_organisations = forms.BooleanField(
        label=_("Có đại diện các tổ chức chính trị - xã hội (đoàn thể) của thôn"), required=False
    )
    respected_people = forms.BooleanField(label=_("Có người có uy tín trong cộng đồng dân cư"), required=False)
    ethnic_minority_area = forms.BooleanField(
        label=_("Thôn, tổ dân phố ở vùng đồng bào dân tộc thiểu số"), required=False
    )
    elders = forms.BooleanField(label=_("Có già làng"), required=False)
    ethnic_language = forms.BooleanField(label=_("Có người biết tiếng dân tộc thiểu số"), required=False)
    front_agreed = forms.BooleanField(
        label=_("Trưởng ban công tác Mặt trận đã thống nhất thành phần tổ soạn thảo"), required=False
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SignaturesForm(forms.Form):
    """The signatures block of the adopted text ([ND61] art. 4); the service checks the minimum."""

    village_head = forms.CharField(label=_("Trưởng thôn, tổ trưởng tổ dân phố (họ tên)"), max_length=200)
    front_head = forms.CharField(label=_("Trưởng ban công tác Mặt trận (họ tên)"), max_length=200)
    household_representatives = forms.CharField(
        label=_("Đại diện hộ gia đình ký (ít nhất 2 người, mỗi người một dòng)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    others = forms.CharField(
        label=_("Già làng, chức sắc tôn giáo, người có uy tín cùng ký (nếu có, mỗi người một dòng)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean_household_representatives(self) -> list[str]:
        return _lines(self.cleaned_data.get("household_representatives") or "")

    def clean_others(self) -> list[str]:
        return _lines(self.cleaned_data.get("others") or "")


class DossierForm(forms.Form):
    """The documents sent with the recognition dossier ([ND61] art. 11(1)); the service refuses an incomplete one."""

    items = forms.MultipleChoiceField(
        label=_("Thành phần hồ sơ gửi UBND xã"),
        choices=list(DOSSIER_ITEMS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ArticleForm(forms.Form):
    position = forms.IntegerField(
        label=_("Sửa điều số (để trống để thêm điều mới)"), min_value=1, max_value=10000, required=False
    )
    heading = forms.CharField(label=_("Chương, điều (ví dụ: Điều 3. Giữ gìn vệ sinh)"), max_length=300)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}))


class CommentPeriodForm(forms.Form):
    closes_on = forms.DateField(
        label=_("Ngày cuối nhận ý kiến"),
        widget=DATE_WIDGET,
        help_text=_("Ít nhất 30 ngày kể từ hôm nay (Khoản 1 Điều 9 Nghị định 61)."),
    )
    accepts_unsigned_opinions = forms.BooleanField(
        label=_("Nhận ý kiến trực tuyến không cần đăng nhập (ghi họ tên)"), required=False
    )


class ConfirmForm(forms.Form):
    """A button with nothing to type."""


class DispositionForm(forms.Form):
    disposition = forms.ChoiceField(label=_("Kết quả"), choices=Disposition.choices, widget=forms.RadioSelect)
    explanation = forms.CharField(label=_("Tiếp thu, giải trình"), widget=forms.Textarea(attrs={"rows": 3}))


class VoteLinkForm(forms.Form):
    vote: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Cuộc biểu quyết nội dung hương ước, quy ước"), queryset=None
    )

    def __init__(self, *args: Any, votes: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vote"].queryset = votes  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do không công nhận"), widget=forms.Textarea(attrs={"rows": 3}))


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Lý do ẩn (được công khai)"), widget=forms.Textarea(attrs={"rows": 3}))


class DisseminationForm(forms.Form):
    channels = forms.MultipleChoiceField(
        label=_("Hình thức phổ biến (Điều 15 Nghị định 61)"),
        choices=list(DISSEMINATION_CHANNELS.items()),
        widget=forms.CheckboxSelectMultiple,
    )


class MeasureForm(forms.Form):
    kind = forms.ChoiceField(label=_("Quyết định"), choices=MeasureKind.choices)
    basis = forms.CharField(
        label=_("Phản ánh bằng văn bản hoặc kết luận kiểm tra"), widget=forms.Textarea(attrs={"rows": 3})
    )
    basis_received_on = forms.DateField(label=_("Ngày nhận phản ánh, kết luận"), widget=DATE_WIDGET)
    reasons = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))
    articles = forms.CharField(label=_("Các điều (khi tạm ngưng, bãi bỏ một phần)"), max_length=300, required=False)
    fix_by = forms.DateField(label=_("Thời hạn khắc phục (khi tạm ngưng)"), widget=DATE_WIDGET, required=False)


class ReportForm(forms.Form):
    ground = forms.ChoiceField(label=_("Loại"), choices=ReportGround.choices, widget=forms.RadioSelect)
    basis = forms.CharField(label=_("Nội dung phản ánh, kết luận kiểm tra"), widget=forms.Textarea(attrs={"rows": 3}))
    received_on = forms.DateField(label=_("Ngày nhận"), widget=DATE_WIDGET)


class ReportMeasureForm(forms.Form):
    """The decision on a received report: its text and date come from the report."""

    kind = forms.ChoiceField(label=_("Quyết định"), choices=MeasureKind.choices)
    reasons = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))
    articles = forms.CharField(label=_("Các điều (khi tạm ngưng, bãi bỏ một phần)"), max_length=300, required=False)
    fix_by = forms.DateField(label=_("Thời hạn khắc phục (khi tạm ngưng)"), widget=DATE_WIDGET, required=False)


class ReviewDateForm(forms.Form):
    """Another agreed day of the yearly review; the service refuses a day that is not in every year."""

    day = forms.TypedChoiceField(
        label=_("Ngày"), coerce=int, choices=[(number, f"{number:02d}") for number in range(1, 32)]
    )
    month = forms.TypedChoiceField(
        label=_("Tháng"), coerce=int, choices=[(number, f"{number:02d}") for number in range(1, 13)]
    )


class ReviewForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày họp rà soát"), widget=DATE_WIDGET)
    findings = forms.CharField(
        label=_("Kết quả rà soát, đánh giá việc thực hiện"), widget=forms.Textarea(attrs={"rows": 4})
    )
    proposals = forms.CharField(
        label=_("Đề xuất sửa đổi, bổ sung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
