"""Send a user who holds a temporary password to the change-password page before anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


class MustChangePasswordMiddleware:
    """After a staff reset (``User.must_change_password``) only the change page, logout and static files work.

    Place it after ``AuthenticationMiddleware``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "must_change_password", False):
            languages = tuple(reverse("language", args=[code]) for code, _name in settings.LANGUAGES)
            allowed = (reverse("accounts:password_change"), reverse("accounts:logout"), settings.STATIC_URL, *languages)
            if not request.path.startswith(allowed):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('accounts:password_change')}?{query}")
        return self.get_response(request)
