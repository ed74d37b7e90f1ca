"""Public portal (cổng thông tin): the list of communes and each commune's home page."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails

from grassroots.accounts.authorize import public_view
from grassroots.core import clock
from grassroots.core.pagecache import cached_public_page, everywhere_version
from grassroots.portal.selectors import (
    commune_by_slug,
    communities_with_household_counts,
    provinces_with_communes,
)
from grassroots.units.selectors import page_version_for_commune

SEARCH_MAX_LENGTH = 100


@public_view
@cached_public_page(everywhere_version)
def home(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "")[:SEARCH_MAX_LENGTH].strip()
    context = {"search": search, "groups": provinces_with_communes(search)}
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    if htmx and htmx.target == "commune-results":
        return render(request, "portal/_commune_results.html", context)
    return render(request, "portal/home.html", context)


def _open_votes(request: HttpRequest, unit: Any) -> list[Any]:
    """Online votes open now for the households the logged-in user represents in this commune."""
    if not request.user.is_authenticated:
        return []
    from grassroots.voting.selectors import open_online_votes_for

    return list(open_online_votes_for(request.user).filter(unit__parent=unit).select_related("unit"))


@public_view
@cached_public_page(page_version_for_commune)
def commune(request: HttpRequest, slug: str) -> HttpResponse:
    unit = commune_by_slug(slug)
    if unit is None:
        raise Http404
    today = clock.today()
    communities = communities_with_household_counts(unit, today)
    context = {
        "commune": unit,
        "today": today,
        "communities": communities,
        "total_households": sum(row.households for row in communities),
        "open_votes": _open_votes(request, unit),
    }
    return render(request, "portal/commune.html", context)
