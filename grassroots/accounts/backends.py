"""Authentication by username or phone number (any Vietnamese format)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from grassroots.accounts.models import User
from grassroots.accounts.services import find_login_user


class UsernameOrPhoneBackend(ModelBackend):
    """``username`` may be the username (any case) or a phone number: ``0912 345 678``, ``+84912345678``…

    Lockout is not decided here but in ``forms.LoginForm`` (it must refuse even a right password).
    """

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if not username or not password:
            return None
        user = find_login_user(username)
        if user is None:
            User().set_password(password)  # equalise timing with a real check
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
