"""Internal disclosures of an agency, public service unit or state-owned enterprise (Chapters III, IV).

Not public: the list is read by the organisation's own staff (anyone holding a role in it today: the matrix
grants ``Action.VIEW_UNIT`` to every role); the agency head (``Action.MANAGE_DISCLOSURES`` in that
organisation) prepares, publishes and withdraws. Anybody else, including staff of another organisation,
gets a 404; a member without the right to manage gets a 403.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.accounts.authorize import action_required, require_action_in_organisation, signed_in_view
from grassroots.accounts.rules import Action
from grassroots.accounts.selectors import user_can_in_organisation
from grassroots.core import clock
from grassroots.disclosures import rules, selectors, services
from grassroots.disclosures.forms import WithdrawForm
from grassroots.disclosures.models import Disclosure
from grassroots.disclosures.view_support import disclosure_create_page, run_action
from grassroots.units.models import Organisation


def _organisation(request: HttpRequest, org_id: int) -> Organisation:
    """The organisation of the URL, or 404 for anyone who holds no role in it."""
    organisation = get_object_or_404(Organisation.objects.select_related("unit"), pk=org_id)
    if not user_can_in_organisation(request.user, Action.VIEW_UNIT, organisation):
        raise Http404("not a member of this organisation")
    return organisation


def _managed_organisation(request: HttpRequest, org_id: int) -> Organisation:
    """The organisation of the URL (404 for outsiders), if the user manages its disclosures (403 otherwise)."""
    organisation = _organisation(request, org_id)
    require_action_in_organisation(request, Action.MANAGE_DISCLOSURES, organisation)
    return organisation


def _can_manage(request: HttpRequest, organisation: Organisation) -> bool:
    return user_can_in_organisation(request.user, Action.MANAGE_DISCLOSURES, organisation)


def _detail_url(organisation: Organisation, item: Disclosure) -> str:
    return reverse("disclosures:organisation_detail", args=[organisation.pk, item.pk])


def _item(organisation: Organisation, pk: int, *, can_manage: bool) -> Disclosure:
    item = get_object_or_404(Disclosure.objects.select_related("category", "unit"), pk=pk, organisation=organisation)
    if item.is_draft and not can_manage:
        raise Http404
    return item


@signed_in_view
def organisation_list(request: HttpRequest) -> HttpResponse:
    """The organisations the signed-in person holds a role in (may be none)."""
    organisations = selectors.organisations_of(request.user, clock.today())
    return render(request, "disclosures/staff/organisations.html", {"organisations": organisations})


@action_required(Action.VIEW_UNIT)
def organisation_index(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    can_manage = _can_manage(request, organisation)
    items = selectors.organisation_disclosures(organisation, include_drafts=can_manage)
    return render(
        request,
        "disclosures/staff/organisation.html",
        {"organisation": organisation, "items": items, "can_manage": can_manage, "today": clock.today()},
    )


@action_required(Action.MANAGE_DISCLOSURES)
def organisation_create(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _managed_organisation(request, org_id)
    return disclosure_create_page(
        request,
        unit=organisation.unit,
        organisation=organisation,
        heading=_("Thêm thông tin công khai trong cơ quan, đơn vị"),
        detail_url=lambda item: _detail_url(organisation, item),
    )


@action_required(Action.VIEW_UNIT)
def organisation_detail(request: HttpRequest, org_id: int, pk: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    can_manage = _can_manage(request, organisation)
    item = _item(organisation, pk, can_manage=can_manage)
    rule = item.category.as_rule()
    start = item.published_on or item.first_published_on
    context = {
        "organisation": organisation,
        "disclosure": item,
        "can_manage": can_manage,
        "may_end_on": rules.posting_may_end_on(start, rule) if start else None,
        "min_days": rule.min_posting_days,
        "attachments": item.attachments.all(),
        "withdraw_form": WithdrawForm(),
    }
    return render(request, "disclosures/staff/organisation_detail.html", context)


@action_required(Action.MANAGE_DISCLOSURES)
@require_POST
def organisation_publish(request: HttpRequest, org_id: int, pk: int) -> HttpResponse:
    organisation = _managed_organisation(request, org_id)
    item = _item(organisation, pk, can_manage=True)
    # Nothing posted is read: the platform publication date is today (issue 9 item 7).
    return run_action(
        request,
        lambda: services.disclosure_publish(disclosure=item, actor=request.user),
        success=_("Đã công khai."),
        next_url=_detail_url(organisation, item),
    )


@action_required(Action.MANAGE_DISCLOSURES)
@require_POST
def organisation_withdraw(request: HttpRequest, org_id: int, pk: int) -> HttpResponse:
    organisation = _managed_organisation(request, org_id)
    item = _item(organisation, pk, can_manage=True)
    reason = request.POST.get("reason", "")
    return run_action(
        request,
        lambda: services.disclosure_withdraw(disclosure=item, reason=reason, actor=request.user),
        success=_("Đã rút thông tin."),
        next_url=_detail_url(organisation, item),
    )
