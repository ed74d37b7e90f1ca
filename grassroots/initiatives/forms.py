"""Forms of the citizen-initiative pages (Vietnamese labels; the services check the law)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.voting.forms import MEETING_MATTERS


class InitiativeForm(forms.Form):
    matter = forms.ChoiceField(label=_("Nhóm nội dung"), choices=MEETING_MATTERS, initial="D6")
    title = forms.CharField(label=_("Tên đề xuất"), max_length=300)
    description = forms.CharField(label=_("Nội dung đề xuất"), widget=forms.Textarea(attrs={"rows": 4}))


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
