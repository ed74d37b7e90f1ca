"""What the staff pages of communes and of organisations share: one create page and one way to run an action.

A commune's disclosure (art. 11) and an agency's or enterprise's internal disclosure (arts 46, 64) go through
the same procedure; the differences (which unit, which organisation, where to go next) are parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from grassroots.core.errors import DomainError
from grassroots.disclosures import selectors, services
from grassroots.disclosures.forms import DisclosureForm
from grassroots.disclosures.models import Disclosure
from grassroots.units.models import AdministrativeUnit, Organisation


def upload_of(field: Any) -> tuple[str, bytes] | None:
    """``(name, content)`` of an uploaded file field, or ``None`` when nothing was uploaded."""
    return (field.name, field.read()) if field else None


def run_action(request: HttpRequest, call: Callable[[], object], *, success: str, next_url: str) -> HttpResponse:
    """Run one service call; its refusal or ``success`` becomes a message on the page at ``next_url``."""
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(next_url)


def submit_form[SavedT](
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[dict[str, Any]], SavedT],
    *,
    success: str,
    next_url: Callable[[SavedT], str],
) -> HttpResponse | None:
    """The one form skeleton: on a valid POST ``save(cleaned_data)`` (one service call); a refusal goes onto the
    form with the input kept, a success is a message and a redirect. ``None``: the caller renders the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save(form.cleaned_data)
    except DomainError as error:
        form.add_error(None, error.message)
        return None
    messages.success(request, success)
    return redirect(next_url(saved))


def disclosure_create_page(
    request: HttpRequest,
    *,
    unit: AdministrativeUnit,
    organisation: Organisation | None,
    heading: str,
    detail_url: Callable[[Disclosure], str],
) -> HttpResponse:
    """The page that drafts a disclosure of ``unit`` (and of ``organisation``, for an internal disclosure)."""
    regime = selectors.disclosure_regime(organisation)
    form = DisclosureForm(request.POST or None, request.FILES or None, regime=regime)

    def save(data: dict[str, Any]) -> Disclosure:
        upload = upload_of(data.get("attachment"))
        return services.disclosure_create(
            unit=unit,
            organisation=organisation,
            category=data["category"],
            title=data["title"],
            body=data["body"],
            decision_number=data["decision_number"],
            decided_on=data["decided_on"],
            attachments=[upload] if upload else [],
            actor=request.user,
        )

    done = submit_form(
        request, form, save, success=_("Đã lưu dự thảo. Kiểm tra lại rồi bấm “Công khai”."), next_url=detail_url
    )
    if done is not None:
        return done
    owner = organisation if organisation is not None else unit
    return render(request, "disclosures/staff/form.html", {"commune": owner, "form": form, "heading": heading})
