"""Public pages of village conventions: the conventions of a commune, one convention with its text in force,
its history, and the answers given to the comments on each draft."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from grassroots.accounts.authorize import public_view
from grassroots.consultations import selectors as consultation_selectors
from grassroots.conventions import selectors
from grassroots.conventions.models import Convention
from grassroots.core import clock
from grassroots.units.models import AdministrativeUnit, UnitLevel


@public_view
def public_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = get_object_or_404(AdministrativeUnit, slug=commune_slug, level=UnitLevel.COMMUNE)
    rows = [(convention, selectors.text_in_force(convention)) for convention in selectors.public_conventions(commune)]
    return render(request, "conventions/public_list.html", {"commune": commune, "rows": rows[:200]})


@public_view
def public_detail(request: HttpRequest, convention_id: int) -> HttpResponse:
    convention = get_object_or_404(
        Convention.objects.select_related("community", "community__parent"), pk=convention_id
    )
    in_force = selectors.text_in_force(convention)
    versions = list(convention.versions.select_related("consultation", "decision_document").order_by("-number"))
    answered = [
        (version, consultation_selectors.public_opinions(version.consultation)[:300])
        for version in versions
        if version.consultation is not None
    ]
    context = {
        "convention": convention,
        "in_force": in_force,
        "articles": in_force.articles.all() if in_force else [],
        "in_force_signatures": selectors.signatures(in_force) if in_force else [],
        "versions": versions,
        "answered": answered,
        "measures": convention.measures.all(),
        "reviews": convention.reviews.all(),
        "today": clock.today(),
    }
    return render(request, "conventions/public_detail.html", context)
