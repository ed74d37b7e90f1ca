"""Forms of the accounts app: login with lockout, password change, staff password reset."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import HttpRequest
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import services
from grassroots.accounts.models import ThrottleScope
from grassroots.core import clock


def client_address(request: HttpRequest | None) -> str | None:
    """The client's address as the web server saw it (no X-Forwarded-For: it is trivially forged)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def lock_message(lock: services.LoginLock, now: dt.datetime) -> str:
    local = lock.locked_until.astimezone(clock.local_zone())
    minutes = max(1, math.ceil((lock.locked_until - now).total_seconds() / 60))
    when = f"{local:%H:%M} {formats.date_format(local.date(), 'd/m/Y')}"
    if lock.scope == ThrottleScope.ACCOUNT:
        text = _(
            "Tài khoản tạm khóa vì nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau %(when)s "
            "(khoảng %(minutes)s phút nữa), hoặc nhờ cán bộ xã đặt lại mật khẩu."
        )
    else:
        text = _("Máy này đã nhập sai quá nhiều lần. Vui lòng thử lại sau %(when)s (khoảng %(minutes)s phút nữa).")
    return str(text) % {"when": when, "minutes": minutes}


class LoginForm(AuthenticationForm):
    """Username or phone number plus password, with lockout after repeated failures.

    The lock is checked *before* the password, so a locked account is refused even with the right one.
    """

    username = forms.CharField(
        label=_("Tên đăng nhập hoặc số điện thoại"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false", "autofocus": True}
        ),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập, số điện thoại hoặc mật khẩu không đúng. Lưu ý: nhập sai nhiều lần tài khoản sẽ bị tạm khóa."
        ),
        "inactive": _("Tài khoản này đã bị ngừng sử dụng."),
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = _("Nhập tên đăng nhập hoặc số điện thoại.")
        self.fields["password"].error_messages["required"] = _("Nhập mật khẩu.")
        self.lock: services.LoginLock | None = None

    def clean(self) -> dict[str, Any]:
        login = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not login or not password:
            return self.cleaned_data
        now = clock.now()
        address = client_address(self.request)
        self.lock = services.login_lock_status(login=login, address=address, now=now)
        if self.lock is not None:
            raise forms.ValidationError(lock_message(self.lock, now), code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            self.lock = services.login_failure_record(login=login, address=address, now=now)
            if self.lock is not None:
                raise forms.ValidationError(lock_message(self.lock, now), code="locked") from None
            raise
        user = self.get_user()
        if user is not None:
            services.login_success_record(user=user, now=now)
        return cleaned


class OwnPasswordChangeForm(PasswordChangeForm):
    """Django's change-password form with Vietnamese labels and keyboard hints."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Mật khẩu hiện tại")
        self.fields["new_password1"].label = _("Mật khẩu mới")
        self.fields["new_password2"].label = _("Nhập lại mật khẩu mới")
        self.fields["new_password1"].help_text = _("Ít nhất 8 ký tự, không toàn chữ số, không quá dễ đoán.")
        self.fields["old_password"].widget.attrs.pop("autofocus", None)


class StaffPasswordResetForm(forms.Form):
    """A commune officer gives a resident a temporary password: generated, or typed by the officer."""

    GENERATE = "generate"
    TYPE = "type"
    method = forms.ChoiceField(
        label=_("Cách đặt mật khẩu tạm"),
        choices=[(GENERATE, _("Tạo tự động (khuyên dùng)")), (TYPE, _("Tự nhập mật khẩu tạm"))],
        initial=GENERATE,
        widget=forms.RadioSelect,
    )
    new_password = forms.CharField(
        label=_("Mật khẩu tạm"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Chỉ cần khi tự nhập. Người dùng sẽ phải đổi mật khẩu này ở lần đăng nhập tới."),
    )

    def __init__(self, *args: Any, target: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.target = target

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("method") == self.TYPE:
            password = cleaned.get("new_password") or ""
            if not password:
                self.add_error("new_password", _("Nhập mật khẩu tạm, hoặc chọn tạo tự động."))
            else:
                try:
                    password_validation.validate_password(password, user=self.target)
                except forms.ValidationError as error:
                    self.add_error("new_password", error)
        return cleaned

    def chosen_password(self) -> str | None:
        if self.cleaned_data.get("method") == self.TYPE:
            return self.cleaned_data.get("new_password") or None
        return None


class UserSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm theo họ tên, tên đăng nhập hoặc số điện thoại"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
