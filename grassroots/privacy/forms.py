"""The erasure form: a written reason and the account's login typed again (no erasure by a stray tap)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Người dân đề nghị xóa khi nào, bằng hình thức nào"),
        help_text=_("Ví dụ: Đơn đề nghị ngày 05/12/2026, nộp trực tiếp tại bộ phận một cửa, đã đối chiếu căn cước."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
    confirm_username = forms.CharField(
        label=_("Nhập lại tên đăng nhập của tài khoản để xác nhận"), max_length=150, strip=True
    )


class LookupForm(forms.Form):
    """Finding a person's records when they have no account: the name as written on the records, the phone
    to narrow it, and why (the request the person made)."""

    full_name = forms.CharField(label=_("Họ và tên người đề nghị"), max_length=200, strip=True)
    phone = forms.CharField(
        label=_("Số điện thoại (nếu có, để thu hẹp kết quả)"), max_length=30, required=False, strip=True
    )
    reason = forms.CharField(
        label=_("Người dân đề nghị khi nào, bằng hình thức nào"),
        help_text=_("Ví dụ: Đơn đề nghị ngày 05/12/2026, nộp trực tiếp tại bộ phận một cửa, đã đối chiếu căn cước."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )
