"""Feeds and files of a commune: its iCalendar feed and its public data in bulk."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router

from grassroots.api import calendar_feed, export, feeds
from grassroots.api.registry import register_router
from grassroots.api.routers.public import public_commune
from grassroots.core import clock
from grassroots.units.models import AdministrativeUnit, UnitLevel

ATOM = {"200": {"description": "Atom 1.0", "content": {"application/atom+xml": {}}}}

router = Router(tags=["feeds"])


@router.get(
    "/communes/{slug}/calendar.ics",
    summary="iCalendar: meetings and deadlines of a commune",
    openapi_extra={"responses": {"200": {"description": "text/calendar", "content": {"text/calendar": {}}}}},
)
def commune_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    commune = public_commune(slug)
    body = calendar_feed.commune_calendar(commune, clock.today())
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@router.get(
    "/organisations/{organisation_id}/calendar.ics",
    summary="iCalendar: conferences, dialogues and due days of a workplace, for its staff (a personal signed link)",
    openapi_extra={"responses": {"200": {"description": "text/calendar", "content": {"text/calendar": {}}}}},
)
def workplace_calendar(request: HttpRequest, organisation_id: int, token: str = "") -> HttpResponse:
    """``token`` is the person's own link (``calendar_feed.workplace_feed_token``): a bad token, another
    organisation's, or a person who no longer works there finds nothing (404), as if the organisation did not exist."""
    today = clock.today()
    organisation = calendar_feed.workplace_feed_reader(token, organisation_id, today)
    if organisation is None:
        raise Http404("organisation")
    body = calendar_feed.workplace_calendar(organisation, today)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@router.get(
    "/communes/{slug}/export.{file_format}",
    summary="Bulk export of a commune's public data (csv, xlsx, json)",
    openapi_extra={"responses": {"200": {"description": "the file", "content": {"application/octet-stream": {}}}}},
)
def commune_export(request: HttpRequest, slug: str, file_format: str, dataset: str = "") -> HttpResponse:
    """``csv`` holds one ``dataset`` (disclosures, consultations, votes, cases); ``xlsx`` and ``json`` hold all."""
    if file_format not in export.FORMATS or (dataset and dataset not in export.DATASETS):
        raise Http404("format")
    commune = public_commune(slug)
    response = HttpResponse(
        export.export_commune(commune, file_format, dataset), content_type=export.FORMATS[file_format]
    )
    suffix = f"-{dataset}" if file_format == "csv" and dataset else ""
    response["Content-Disposition"] = f'attachment; filename="{commune.slug}{suffix}.{file_format}"'
    return response


@router.get(
    "/communes/{slug}/consultations.atom",
    summary="Atom: consultations of a commune",
    openapi_extra={"responses": ATOM},
)
def consultations_feed(request: HttpRequest, slug: str) -> HttpResponse:
    response: HttpResponse = feeds.ConsultationFeed()(request, commune=public_commune(slug))
    return response


@router.get(
    "/communities/{community_id}/vote-results.atom",
    summary="Atom: vote results of a village or residential group",
    openapi_extra={"responses": ATOM},
)
def vote_results_feed(request: HttpRequest, community_id: int) -> HttpResponse:
    community = get_object_or_404(AdministrativeUnit, pk=community_id, level=UnitLevel.COMMUNITY)
    response: HttpResponse = feeds.VoteResultFeed()(request, community=community)
    return response


@router.get(
    "/communes/{slug}/vote-results.atom",
    summary="Atom: vote results of every village and residential group of a commune",
    openapi_extra={"responses": ATOM},
)
def commune_vote_results_feed(request: HttpRequest, slug: str) -> HttpResponse:
    response: HttpResponse = feeds.CommuneVoteResultFeed()(request, commune=public_commune(slug))
    return response


register_router("files", router)
