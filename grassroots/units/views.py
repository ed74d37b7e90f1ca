"""Staff pages: communes, their communities and household counts, households, and the household import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.units import importing, selectors
from grassroots.units.forms import HouseholdImportForm, HouseholdSearchForm
from grassroots.units.models import AdministrativeUnit, Household, UnitLevel
from grassroots.units.permissions import can_manage_households
from grassroots.units.services import HouseholdImportError, household_import

HOUSEHOLDS_PER_PAGE = 50


def _commune_for(request: HttpRequest, commune_slug: str) -> AdministrativeUnit:
    commune = selectors.commune_by_key(commune_slug)
    if commune is None:
        raise Http404
    if not can_manage_households(request.user, commune):
        raise PermissionDenied
    return commune


@login_required
def commune_index(request: HttpRequest) -> HttpResponse:
    if not can_manage_households(request.user, None):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:100]
    communes = list(selectors.communes_search(query)) if query else []
    return render(request, "units/commune_index.html", {"query": query, "communes": communes})


@login_required
def commune_detail(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
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
        },
    )


@login_required
def community_households(request: HttpRequest, commune_slug: str, community_id: int) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
    community = get_object_or_404(AdministrativeUnit, pk=community_id, parent=commune, level=UnitLevel.COMMUNITY)
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
    }
    is_htmx = bool(getattr(request, "htmx", False))
    template = "units/_household_rows.html" if is_htmx else "units/community_households.html"
    return render(request, template, context)


@login_required
def household_detail(request: HttpRequest, commune_slug: str, household_id: int) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
    household = get_object_or_404(
        Household.objects.select_related("community", "representative"), pk=household_id, community__parent=commune
    )
    return render(
        request,
        "units/household_detail.html",
        {"commune": commune, "household": household, "members": selectors.household_members(household)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def household_import_view(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
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
    response = HttpResponse(
        importing.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ho-gia-dinh.xlsx"'
    return response


@login_required
def import_template_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(("\ufeff" + importing.template_csv()).encode("utf-8"), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ho-gia-dinh.csv"'
    return response
