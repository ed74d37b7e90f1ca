"""Staff pages: communes, their communities and household counts, households, and the household import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts.authorize import get_object_in_units, require, role_required, visible_unit_ids
from grassroots.accounts.rules import Action
from grassroots.accounts.selectors import user_can
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.units import importing, selectors
from grassroots.units.forms import HouseholdImportForm, HouseholdSearchForm
from grassroots.units.models import AdministrativeUnit, Household, UnitLevel
from grassroots.units.permissions import can_view_households, household_unit_ids
from grassroots.units.services import HouseholdImportError, household_import

HOUSEHOLDS_PER_PAGE = 50


def _commune_for(request: HttpRequest, commune_key: str) -> AdministrativeUnit:
    """The commune by slug or code; 404 unless it or one of its communities is among the user's units.

    Someone who belongs to a village of the commune (its head, a resident) knows the commune exists:
    for them its pages are a 403, not a 404. Only outsiders get the 404.
    """
    commune = selectors.commune_by_key(commune_key)
    if commune is None:
        raise Http404("commune not found")
    visible = visible_unit_ids(request)
    if commune.pk not in visible and not selectors.communities_of(commune).filter(pk__in=visible).exists():
        raise Http404("commune not found")
    return commune


def _community_for(request: HttpRequest, commune: AdministrativeUnit, community_id: int) -> AdministrativeUnit:
    """A community of ``commune`` among the user's units (404 otherwise)."""
    communities = AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.COMMUNITY)
    return get_object_in_units(request, communities, "", pk=community_id)


@role_required()
def commune_index(request: HttpRequest) -> HttpResponse:
    """The communes (and, for a village head, the villages) whose household pages the user may open."""
    query = request.GET.get("q", "").strip()[:100]
    unit_ids = household_unit_ids(request.user)
    communes = list(selectors.communes_search(query, within=unit_ids))
    communities = [] if unit_ids is None else list(selectors.communities_without_their_commune(unit_ids))
    context = {"query": query, "communes": communes, "communities": communities}
    return render(request, "units/commune_index.html", context)


@login_required
def commune_detail(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
    require(can_view_households(request.user, commune))
    today = clock.today()
    communities = list(selectors.communities_of(commune, on=today))
    counts = selectors.active_household_counts(commune, today)
    rows = [(community, counts.get(community.pk, 0)) for community in communities]
    return render(
        request,
        "units/commune_detail.html",
        {
            "commune": commune,
            "ancestors": selectors.unit_ancestors(commune),
            "rows": rows,
            "total": sum(counts.values()),
            "today": today,
            "can_import": user_can(request.user, Action.MANAGE_HOUSEHOLDS, commune),
        },
    )


@login_required
def community_households(request: HttpRequest, commune_slug: str, community_id: int) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
    community = _community_for(request, commune, community_id)
    require(can_view_households(request.user, community))
    form = HouseholdSearchForm(request.GET or None)
    search = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = Paginator(selectors.households_of(community, search), HOUSEHOLDS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "commune": commune,
        "community": community,
        "form": form,
        "search": search,
        "page": page,
        "active_count": selectors.active_household_count(community, clock.today()),
        "can_view_commune": can_view_households(request.user, commune),
    }
    is_htmx = bool(getattr(request, "htmx", False))
    template = "units/_household_rows.html" if is_htmx else "units/community_households.html"
    return render(request, template, context)


@login_required
def household_detail(request: HttpRequest, commune_slug: str, household_id: int) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
    households = Household.objects.select_related("community", "representative").filter(community__parent=commune)
    household = get_object_in_units(request, households, "community", pk=household_id)
    require(can_view_households(request.user, household.community))
    return render(
        request,
        "units/household_detail.html",
        {
            "commune": commune,
            "household": household,
            "members": selectors.household_members(household),
            "can_view_commune": can_view_households(request.user, commune),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def household_import_view(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
    require(user_can(request.user, Action.MANAGE_HOUSEHOLDS, commune))
    form = HouseholdImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    file_error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = importing.read_table(upload, upload.name)
            result = household_import(commune=commune, rows=table.rows, actor=request.user)
        except HouseholdImportError as error:
            row_errors = error.errors
            file_error = error.message
        except DomainError as error:
            file_error = error.message
        else:
            messages.success(
                request,
                _("Đã nhập %(households)s hộ gia đình và %(residents)s người.")
                % {"households": result.households, "residents": result.residents},
            )
            return redirect("units:commune_detail", commune_slug=commune.slug)
    return render(
        request,
        "units/household_import.html",
        {"commune": commune, "form": form, "row_errors": row_errors, "file_error": file_error},
    )


@login_required
def import_template_xlsx(request: HttpRequest) -> HttpResponse:
    require(user_can(request.user, Action.MANAGE_HOUSEHOLDS, None))
    response = HttpResponse(
        importing.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ho-gia-dinh.xlsx"'
    return response


@login_required
def import_template_csv(request: HttpRequest) -> HttpResponse:
    require(user_can(request.user, Action.MANAGE_HOUSEHOLDS, None))
    response = HttpResponse(("\ufeff" + importing.template_csv()).encode("utf-8"), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ho-gia-dinh.csv"'
    return response
