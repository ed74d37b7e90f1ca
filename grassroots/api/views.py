"""The token page: a staff member makes, sees (prefix only) and revokes their own API tokens.

The token itself is shown once, in the answer to the POST that made it (never stored, never redirected
through the session); the page is ``no-store`` so the browser keeps no copy either.
"""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.authorize import signed_in_view
from grassroots.api import selectors, services
from grassroots.core.errors import DomainError


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên gợi nhớ"),
        max_length=100,
        help_text=_("Chương trình nào dùng khoá này, ví dụ: Cổng thông tin tỉnh."),
    )


@signed_in_view
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    raw = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, raw = services.api_token_create(
                    user=request.user, name=form.cleaned_data["name"], actor=request.user
                )
            except DomainError as refusal:
                form.add_error(None, refusal.message)
        if form.errors:
            status = 400
        else:
            form = TokenForm()
    context = {
        "form": form,
        "raw": raw,
        "tokens": selectors.tokens_of(request.user)[:100],
        "is_staff": account_selectors.is_staff_user(request.user),
    }
    response = render(request, "api/tokens.html", context, status=status)
    add_never_cache_headers(response)
    return response


@signed_in_view
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the person's own live tokens; another person's (or a revoked one) does not exist here."""
    token = selectors.live_token_of(request.user, pk)
    if token is None:
        raise Http404("token")
    services.api_token_revoke(token=token, actor=request.user)
    return redirect("api:tokens")
