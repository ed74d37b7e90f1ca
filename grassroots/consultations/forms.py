"""Forms of the consultation pages (Vietnamese labels; the services check the law)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.consultations.models import ConsultationMatter, Disposition, OpinionChannel, OpinionStance

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
STAFF_CHANNELS = [(value, label) for value, label in OpinionChannel.choices if value != OpinionChannel.ONLINE]
"""Channels an officer may enter: online opinions are sent by residents themselves."""


class ConsultationForm(forms.Form):
    matter = forms.ChoiceField(label=_("Nội dung lấy ý kiến (Điều 25 Luật)"), choices=ConsultationMatter.choices)
    title = forms.CharField(label=_("Tên dự thảo"), max_length=300)
    summary = forms.CharField(
        label=_("Giới thiệu ngắn cho người dân"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    opens_on = forms.DateField(label=_("Ngày dự kiến công bố"), widget=DATE_WIDGET)
    closes_on = forms.DateField(
        label=_("Ngày cuối nhận ý kiến"),
        widget=DATE_WIDGET,
        help_text=_("Ít nhất 20 ngày sau ngày công bố (Khoản 2 Điều 28 Luật)."),
    )
    plan_content = forms.CharField(
        label=_("Nội dung kế hoạch lấy ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    forms_used = forms.MultipleChoiceField(
        label=_("Hình thức lấy ý kiến"), choices=OpinionChannel.choices, widget=forms.CheckboxSelectMultiple
    )
    plan_timeline = forms.CharField(label=_("Tiến độ"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    plan_owner = forms.CharField(label=_("Người, bộ phận chủ trì"), max_length=300, required=False)
    accepts_unsigned_opinions = forms.BooleanField(
        label=_("Nhận ý kiến trực tuyến không cần đăng nhập (người dân ghi họ tên và thôn, tổ dân phố)"),
        required=False,
    )


class PlanForm(forms.Form):
    """The plan of a consultation ([L] art. 28(1)): content, forms, timeline, owner; the service checks the rest."""

    plan_content = forms.CharField(
        label=_("Nội dung kế hoạch lấy ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    forms_used = forms.MultipleChoiceField(
        label=_("Hình thức lấy ý kiến"), choices=OpinionChannel.choices, widget=forms.CheckboxSelectMultiple
    )
    plan_timeline = forms.CharField(label=_("Tiến độ"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    plan_owner = forms.CharField(label=_("Người, bộ phận chủ trì"), max_length=300, required=False)


class SectionForm(forms.Form):
    heading = forms.CharField(label=_("Tên phần, điều (ví dụ: Điều 3. Mức đóng góp)"), max_length=300)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 5}))


class PlanSentForm(forms.Form):
    sent_to_council_on = forms.DateField(label=_("Ngày gửi kế hoạch đến Hội đồng nhân dân xã"), widget=DATE_WIDGET)
    sent_to_front_on = forms.DateField(label=_("Ngày gửi kế hoạch đến Ủy ban MTTQ Việt Nam xã"), widget=DATE_WIDGET)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class ConfirmForm(forms.Form):
    """A button with nothing to type (open, close)."""


class _SectionChoice(forms.Form):
    section: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Góp ý cho phần nào"), queryset=None, required=False, empty_label=_("Góp ý chung cho cả dự thảo")
    )

    def __init__(self, *args: Any, sections: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections  # type: ignore[attr-defined]


class OpinionSubmitForm(_SectionChoice):
    stance = forms.ChoiceField(label=_("Ý kiến của bạn"), choices=OpinionStance.choices, widget=forms.RadioSelect)
    text = forms.CharField(label=_("Nội dung góp ý"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    shows_name = forms.BooleanField(label=_("Công khai tên tôi cùng ý kiến"), required=False)


class OpinionUnsignedForm(OpinionSubmitForm):
    author_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    community: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Thôn, tổ dân phố"), queryset=None)

    def __init__(self, *args: Any, communities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities  # type: ignore[attr-defined]
        self.order_fields(["author_name", "community", "section", "stance", "text", "shows_name"])


class OpinionEnterForm(_SectionChoice):
    channel = forms.ChoiceField(label=_("Hình thức nhận"), choices=STAFF_CHANNELS)
    source = forms.CharField(label=_("Nguồn (cuộc họp, tổ chức, số thư…)"), max_length=300, required=False)
    author_name = forms.CharField(label=_("Người góp ý (nếu có)"), max_length=200, required=False)
    received_on = forms.DateField(label=_("Ngày nhận"), widget=DATE_WIDGET)
    stance = forms.ChoiceField(label=_("Ý kiến đối với dự thảo"), choices=OpinionStance.choices)
    text = forms.CharField(label=_("Nội dung ý kiến"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class DispositionForm(forms.Form):
    disposition = forms.ChoiceField(label=_("Kết quả"), choices=Disposition.choices, widget=forms.RadioSelect)
    explanation = forms.CharField(label=_("Tiếp thu, giải trình"), widget=forms.Textarea(attrs={"rows": 3}))


class GroupForm(forms.Form):
    title = forms.CharField(label=_("Nội dung chung của các ý kiến"), max_length=300)
    opinions: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Các ý kiến cùng nội dung"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    SHOWN = 500
    """Opinions listed as boxes to tick (a page stays light); any of ``opinions`` is accepted on submit."""

    def __init__(self, *args: Any, opinions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["opinions"]
        # Validation needs the whole (unsliced) queryset: a sliced one refused every id but the first.
        field.queryset = opinions  # type: ignore[attr-defined]
        field.widget.choices = [
            (opinion.pk, f"#{opinion.pk}: {opinion.text[:120]}") for opinion in opinions[: self.SHOWN]
        ]


class CompleteForm(forms.Form):
    final_decision = forms.CharField(label=_("Nội dung quyết định cuối cùng"), widget=forms.Textarea(attrs={"rows": 4}))
    adopts_draft = forms.TypedChoiceField(
        label=_("Quyết định đối với dự thảo"),
        choices=[("1", _("Thông qua dự thảo (có thể đã sửa theo ý kiến)")), ("0", _("Không thông qua dự thảo"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    majority_justification = forms.CharField(
        label=_("Lý do nếu quyết định khác ý kiến của đa số"),
        required=False,
        help_text=_("Bắt buộc khi quyết định khác ý kiến đa số; lý do được công khai (Khoản 4 Điều 28 Luật)."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AffectedPersonForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên người bị ảnh hưởng"), max_length=200)
    notified_on = forms.DateField(label=_("Ngày thông báo cho người đó"), widget=DATE_WIDGET)


class HeardForm(forms.Form):
    declined = forms.BooleanField(label=_("Người đó không yêu cầu trình bày ý kiến"), required=False)
    heard_on = forms.DateField(label=_("Ngày trình bày ý kiến"), widget=DATE_WIDGET, required=False)
    views = forms.CharField(
        label=_("Ý kiến trình bày (trực tiếp hoặc qua người đại diện)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SendUpForm(forms.Form):
    authority = forms.CharField(
        label=_("Cơ quan cấp trên quyết định"), max_length=300, help_text=_("Ví dụ: Ủy ban nhân dân tỉnh.")
    )
    sent_on = forms.DateField(label=_("Ngày gửi báo cáo tổng hợp"), widget=DATE_WIDGET)


class HigherDecisionForm(forms.Form):
    decision = forms.CharField(label=_("Nội dung quyết định của cấp trên"), widget=forms.Textarea(attrs={"rows": 4}))
    adopts_draft = forms.TypedChoiceField(
        label=_("Cấp trên quyết định đối với dự thảo"),
        choices=[("1", _("Thông qua dự thảo")), ("0", _("Không thông qua dự thảo"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Ngày cấp trên quyết định"), widget=DATE_WIDGET)
    justification = forms.CharField(
        label=_("Giải trình của cấp trên nếu quyết định khác ý kiến đa số"),
        required=False,
        help_text=_("Bắt buộc khi quyết định khác ý kiến đa số; được công khai tại xã (Khoản 4 Điều 28 Luật)."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
