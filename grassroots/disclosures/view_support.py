"""What the staff pages of communes and of organisations share: one create page and one way to run an action.

A commune's disclosure (art. 11) and an agency's or enterprise's internal disclosure (arts 46, 64) go through
the same procedure; the differences (which unit, which organisation, where to go next) are parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from grassroots.core.errors import DomainError
from grassroots.disclosures import rules, services
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


def disclosure_create_page(
    request: HttpRequest,
    *,
    unit: AdministrativeUnit,
    organisation: Organisation | None,
    heading: str,
    detail_url: Callable[[Disclosure], str],
) -> HttpResponse:
    """The page that drafts a disclosure of ``unit`` (and of ``organisation``, for an internal disclosure)."""
    regime = rules.regime_for(organisation.kind if organisation is not None else None)
    form = DisclosureForm(request.POST or None, request.FILES or None, regime=regime)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = upload_of(data.get("attachment"))
        try:
            item = services.disclosure_create(
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
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã lưu dự thảo. Kiểm tra lại rồi bấm “Công khai”."))
            return redirect(detail_url(item))
    owner = organisation if organisation is not None else unit
    return render(request, "disclosures/staff/form.html", {"commune": owner, "form": form, "heading": heading})
