"""A person downloads what the platform holds on them; a commune officer erases it on their request."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.authorize import action_required, require, signed_in_view
from grassroots.accounts.models import User
from grassroots.accounts.rules import Action
from grassroots.core.errors import DomainError
from grassroots.privacy import rules, selectors, services
from grassroots.privacy.forms import ErasureForm, LookupForm


@signed_in_view
def my_data(request: HttpRequest) -> HttpResponse:
    data = selectors.personal_data(request.user)  # type: ignore[arg-type]
    response = render(request, "privacy/my_data.html", {"data": data, "fates": rules.Fate})
    add_never_cache_headers(response)
    return response


@signed_in_view
def my_data_download(request: HttpRequest) -> HttpResponse:
    data = selectors.personal_data(request.user)  # type: ignore[arg-type]
    body = json.dumps(data.as_json(), ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="du-lieu-ca-nhan.json"'
    add_never_cache_headers(response)
    return response


def _target(request: HttpRequest, user_id: int) -> User:
    target = account_selectors.users_visible_to(request.user).filter(pk=user_id).first()
    if target is None:
        raise Http404("user not found")
    return target


@action_required(Action.RESET_PASSWORD)
def erase(request: HttpRequest, user_id: int) -> HttpResponse:
    target = _target(request, user_id)
    door = services.erasure_check(user=target, actor=request.user)
    require(door.allowed or not door.code.startswith("accounts."))
    refusal = "" if door.allowed else str(services.MESSAGES.get(door.code, door.code)) % door.params
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not refusal:
        try:
            report = services.personal_data_erase(
                user=target,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                confirm_username=form.cleaned_data["confirm_username"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Đã xóa dữ liệu cá nhân của tài khoản: %(erased)s mục xóa, %(unlinked)s mục tách khỏi tài khoản.")
                % {"erased": sum(report.erased.values()), "unlinked": sum(report.unlinked.values())},
            )
            return redirect("accounts:user_list")
    data = selectors.personal_data(target)
    response = render(
        request,
        "privacy/erase.html",
        {"target": target, "data": data, "form": form, "refusal": refusal, "fates": rules.Fate},
        status=422 if request.method == "POST" and (form.errors or refusal) else 200,
    )
    add_never_cache_headers(response)
    return response


@action_required(Action.RESET_PASSWORD)
def lookup(request: HttpRequest) -> HttpResponse:
    """The records of a person with no account, found on their request inside the officer's communes."""
    form = LookupForm(request.POST or None)
    sections: list[selectors.Section] | None = None
    if request.method == "POST" and form.is_valid():
        try:
            sections = services.unlinked_lookup(
                actor=request.user,
                full_name=form.cleaned_data["full_name"],
                phone=form.cleaned_data["phone"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
    response = render(
        request,
        "privacy/lookup.html",
        {
            "form": form,
            "sections": sections,
            "found": [(section, selectors.labelled_rows(section)) for section in sections or []],
        },
        status=422 if request.method == "POST" and form.errors else 200,
    )
    add_never_cache_headers(response)
    return response
