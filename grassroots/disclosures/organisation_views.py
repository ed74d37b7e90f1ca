"""Internal disclosures of an agency, public service unit or state-owned enterprise (Chapters III, IV).

Not public: the list is read by the organisation's own staff (anyone holding a role in it today); the
agency head (``Action.MANAGE_DISCLOSURES`` in that organisation) prepares, publishes and withdraws.
Anybody else, including staff of another organisation, gets a 404.
"""

from __future__ import annotations

import dataclasses

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.accounts.authorize import require
from grassroots.accounts.rules import Action, allows_in_organisation
from grassroots.core import clock
from grassroots.disclosures import rules, selectors, services
from grassroots.disclosures.forms import WithdrawForm
from grassroots.disclosures.models import Disclosure
from grassroots.disclosures.view_support import disclosure_create_page, run_action
from grassroots.units.models import Organisation


@dataclasses.dataclass(frozen=True)
class Access:
    organisation: Organisation
    can_manage: bool


def _access(request: HttpRequest, org_id: int) -> Access:
    organisation = get_object_or_404(Organisation.objects.select_related("unit"), pk=org_id)
    roles = selectors.organisation_roles(request.user, organisation, clock.today())
    is_superuser = bool(getattr(request.user, "is_superuser", False))
    if not roles and not is_superuser:
        raise Http404("not a member of this organisation")
    return Access(
        organisation,
        allows_in_organisation(Action.MANAGE_DISCLOSURES, roles=roles, is_superuser=is_superuser),
    )


def _detail_url(organisation: Organisation, item: Disclosure) -> str:
    return reverse("disclosures:organisation_detail", args=[organisation.pk, item.pk])


def _item(access: Access, pk: int) -> Disclosure:
    item = get_object_or_404(
        Disclosure.objects.select_related("category", "unit"), pk=pk, organisation=access.organisation
    )
    if item.is_draft and not access.can_manage:
        raise Http404
    return item


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisations_of(request.user, clock.today())
    return render(request, "disclosures/staff/organisations.html", {"organisations": organisations})


@login_required
def organisation_index(request: HttpRequest, org_id: int) -> HttpResponse:
    access = _access(request, org_id)
    items = selectors.organisation_disclosures(access.organisation, include_drafts=access.can_manage)
    return render(
        request,
        "disclosures/staff/organisation.html",
        {"organisation": access.organisation, "items": items, "can_manage": access.can_manage, "today": clock.today()},
    )


@login_required
def organisation_create(request: HttpRequest, org_id: int) -> HttpResponse:
    access = _access(request, org_id)
    require(access.can_manage)
    organisation = access.organisation
    return disclosure_create_page(
        request,
        unit=organisation.unit,
        organisation=organisation,
        heading=_("Thêm thông tin công khai trong cơ quan, đơn vị"),
        detail_url=lambda item: _detail_url(organisation, item),
    )


@login_required
def organisation_detail(request: HttpRequest, org_id: int, pk: int) -> HttpResponse:
    access = _access(request, org_id)
    item = _item(access, pk)
    rule = item.category.as_rule()
    start = item.published_on or item.first_published_on
    context = {
        "organisation": access.organisation,
        "disclosure": item,
        "can_manage": access.can_manage,
        "may_end_on": rules.posting_may_end_on(start, rule) if start else None,
        "min_days": rule.min_posting_days,
        "attachments": item.attachments.all(),
        "withdraw_form": WithdrawForm(),
    }
    return render(request, "disclosures/staff/organisation_detail.html", context)


@login_required
@require_POST
def organisation_publish(request: HttpRequest, org_id: int, pk: int) -> HttpResponse:
    access = _access(request, org_id)
    require(access.can_manage)
    item = _item(access, pk)
    # Nothing posted is read: the platform publication date is today (issue 9 item 7).
    return run_action(
        request,
        lambda: services.disclosure_publish(disclosure=item, actor=request.user),
        success=_("Đã công khai."),
        next_url=_detail_url(access.organisation, item),
    )


@login_required
@require_POST
def organisation_withdraw(request: HttpRequest, org_id: int, pk: int) -> HttpResponse:
    access = _access(request, org_id)
    require(access.can_manage)
    item = _item(access, pk)
    reason = request.POST.get("reason", "")
    return run_action(
        request,
        lambda: services.disclosure_withdraw(disclosure=item, reason=reason, actor=request.user),
        success=_("Đã rút thông tin."),
        next_url=_detail_url(access.organisation, item),
    )
