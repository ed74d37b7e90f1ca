"""Pages of the accounts app: login, logout, own password change, staff password reset.

Each view declares its access: login and logout are public (logging out of an expired session must
not send anyone to the login page first), the own password change needs a signed-in user, and the
user list and password reset need ``Action.RESET_PASSWORD`` (the matrix decides who holds it).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from grassroots.accounts import selectors, services
from grassroots.accounts.authorize import action_required, public_view, require, signed_in_view
from grassroots.accounts.forms import LoginForm, OwnPasswordChangeForm, StaffPasswordResetForm, UserSearchForm
from grassroots.accounts.models import User
from grassroots.accounts.rules import Action
from grassroots.core.errors import DomainError

USER_LIST_LIMIT = 50


class LoginView(auth_views.LoginView):
    """Django's login view with our form; a user holding a temporary password goes to change it first."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        url = super().get_success_url()
        user = self.request.user
        if getattr(user, "must_change_password", False):
            return f"{reverse('accounts:password_change')}?{urlencode({'next': url})}"
        return url


logout_view = public_view(auth_views.LogoutView.as_view())
login_view = public_view(LoginView.as_view())


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@sensitive_post_parameters()
@signed_in_view
def password_change(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = OwnPasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_password_change(user=user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, user)
        messages.success(request, _("Đã đổi mật khẩu."))
        return redirect(_safe_next(request, reverse("dashboard:home")))
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "forced": user.must_change_password, "next": _safe_next(request, "")},
    )


@action_required(Action.RESET_PASSWORD)
def user_list(request: HttpRequest) -> HttpResponse:
    form = UserSearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    users = selectors.users_visible_to(request.user, search=search)[:USER_LIST_LIMIT]
    return render(request, "accounts/user_list.html", {"form": form, "users": users, "limit": USER_LIST_LIMIT})


def _visible_user(request: HttpRequest, user_id: int) -> User:
    target = selectors.users_visible_to(request.user).filter(pk=user_id).first()
    if target is None:
        raise Http404("user not found")
    return target


@sensitive_post_parameters()
@action_required(Action.RESET_PASSWORD)
def password_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    target = _visible_user(request, user_id)
    require(services.reset_permission(actor=request.user, user=target))
    form = StaffPasswordResetForm(request.POST or None, target=target)
    if request.method == "POST" and form.is_valid():
        try:
            password = services.user_password_reset(
                user=target, actor=request.user, new_password=form.chosen_password()
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            response = render(request, "accounts/password_reset_done.html", {"target": target, "password": password})
            add_never_cache_headers(response)  # the temporary password is shown once, never cached
            return response
    return render(request, "accounts/password_reset.html", {"form": form, "target": target})
