"""Public read endpoints: communes, disclosures, consultations and their reports, vote results, public cases.

Every list reads through the selector the public page uses (``portal``, ``disclosures``, ``consultations``,
``voting``, ``petitions``), never a second copy of its query; this module only shapes the rows.
"""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_noop
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from grassroots.api.registry import register_router
from grassroots.api.schemas import (
    CaseOut,
    CommuneDetailOut,
    CommuneOut,
    ConsultationOut,
    DisclosureDetailOut,
    DisclosureOut,
    ErrorOut,
    VoteResultOut,
)
from grassroots.core.errors import DomainError
from grassroots.units.models import AdministrativeUnit, UnitLevel

router = Router(tags=["public"])

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class Pages(PageNumberPagination):
    """``?page=2&page_size=100``: ``{"items": [...], "count": N}``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)


class DateFilter(Schema):
    """Filter by the item's own date (``since`` and ``until`` included), ISO dates."""

    since: dt.date | None = None
    until: dt.date | None = None


def is_clean(text: str) -> bool:
    """No NUL byte: PostgreSQL refuses them in text, so such a value matches nothing and is never sent."""
    return "\x00" not in text


def clean(text: str, limit: int) -> str:
    return text.replace("\x00", "")[:limit]


def public_commune(slug: str) -> AdministrativeUnit:
    """A current commune by its slug (the portal's lookup), or 404."""
    from grassroots.portal.selectors import commune_by_slug

    commune = commune_by_slug(slug) if is_clean(slug) else None
    if commune is None:
        raise Http404("commune")
    return commune


def _dated(queryset: QuerySet[Any], field: str, dates: DateFilter) -> QuerySet[Any]:
    if dates.since:
        queryset = queryset.filter(**{f"{field}__gte": dates.since})
    if dates.until:
        queryset = queryset.filter(**{f"{field}__lte": dates.until})
    return queryset


def commune_row(commune: AdministrativeUnit) -> dict[str, Any]:
    return {
        "id": commune.pk,
        "slug": commune.slug,
        "name": commune.name,
        "province": commune.parent.name if commune.parent else "",
        "community_count": getattr(commune, "community_count", 0),
    }


def disclosure_row(disclosure: Any) -> dict[str, Any]:
    return {
        "id": disclosure.pk,
        "commune": disclosure.unit.slug,
        "category": disclosure.category.code,
        "category_name": disclosure.category.name,
        "title": disclosure.title,
        "status": disclosure.status,
        "decision_number": disclosure.decision_number,
        "decided_on": disclosure.decided_on,
        "first_published_on": disclosure.first_published_on,
        "published_on": disclosure.published_on,
        "ended_on": disclosure.ended_on,
        "url": reverse("disclosures:detail", kwargs={"slug": disclosure.unit.slug, "pk": disclosure.pk}),
        "body": disclosure.body,
    }


def consultation_row(consultation: Any) -> dict[str, Any]:
    report = consultation.report_document
    return {
        "id": consultation.pk,
        "commune": consultation.commune.slug,
        "title": consultation.title,
        "matter": consultation.matter,
        "status": consultation.status,
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "published_on": consultation.published_on,
        "report_url": reverse("documents_public:record", kwargs={"short_code": report.short_code}) if report else None,
        "url": reverse("consultations:public_detail", kwargs={"consultation_id": consultation.pk}),
    }


def vote_row(vote: Any, tally: Any) -> dict[str, Any]:
    return {
        "id": vote.pk,
        "community_id": vote.unit_id,
        "title": vote.title,
        "question": vote.question,
        "matter": vote.matter,
        "form": vote.form,
        "status": vote.status,
        "closed_at": vote.closed_at,
        "eligible": tally.eligible,
        "participated": tally.participated,
        "yes": tally.yes,
        "required": tally.required,
        "passed": tally.passed,
        "options": [{"key": key, "label": label, "count": count} for key, label, count in tally.options],
    }


def case_row(case: Any) -> dict[str, Any]:
    return {
        "id": case.pk,
        "commune": case.unit.slug,
        "kind": case.kind,
        "title": case.title,
        "content": case.content,
        "status": case.status,
        "received_on": case.received_on,
        "answered_on": case.answered_on,
        "answer": case.answer,
        "url": reverse("petitions:public_detail", kwargs={"pk": case.pk}),
    }


@router.get("/communes", response=list[CommuneOut], summary="Communes with data")
@paginate(Pages)
def communes(request: HttpRequest, q: str = "") -> list[dict[str, Any]]:
    from grassroots.portal.selectors import communes_with_data

    return [commune_row(commune) for commune in communes_with_data(clean(q, 100))]


@router.get("/communes/{slug}", response={200: CommuneDetailOut, 404: ErrorOut}, summary="One commune")
def commune_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    from grassroots.units.selectors import communities_of

    commune = public_commune(slug)
    return {
        **commune_row(commune),
        "community_count": communities_of(commune).count(),
        "communities": [{"id": unit.pk, "name": unit.name} for unit in communities_of(commune)],
    }


@router.get("/communes/{slug}/disclosures", response={200: list[DisclosureOut], 404: ErrorOut})
@paginate(Pages)
def disclosures(request: HttpRequest, slug: str, dates: Query[DateFilter], category: str = "") -> Any:
    """Published information of a commune, newest first; ``since``/``until`` on the first publication date."""
    from grassroots.disclosures.selectors import public_disclosures

    commune = public_commune(slug)
    queryset = _dated(public_disclosures(commune, category_code=clean(category, 10)), "first_published_on", dates)
    return LazyRows(queryset, disclosure_row)


@router.get("/communes/{slug}/disclosures/{pk}", response={200: DisclosureDetailOut, 404: ErrorOut})
def disclosure_detail(request: HttpRequest, slug: str, pk: int) -> dict[str, Any]:
    from grassroots.disclosures.selectors import public_disclosure

    found = public_disclosure(public_commune(slug), pk)
    if found is None:
        raise Http404("disclosure")
    return disclosure_row(found)


@router.get("/communes/{slug}/consultations", response={200: list[ConsultationOut], 404: ErrorOut})
@paginate(Pages)
def consultations(request: HttpRequest, slug: str, dates: Query[DateFilter]) -> Any:
    """Consultations once published, with the link to their summary and explanation report when issued."""
    from grassroots.consultations.selectors import public_consultations

    queryset = public_consultations(public_commune(slug)).select_related("commune", "report_document")
    return LazyRows(_dated(queryset, "published_on", dates), consultation_row)


VOTE_RESULTS_LIMIT = 1000
"""Decided votes of one community the API returns (newest first, after the date filter): a village decides a few
matters a year, so this is decades of results, in the same fixed number of queries as the public page."""


DATE_REFUSALS = {
    "since": gettext_noop("Ngày không hợp lệ ở tham số since: hãy viết năm-tháng-ngày, ví dụ 2026-11-22."),
    "until": gettext_noop("Ngày không hợp lệ ở tham số until: hãy viết năm-tháng-ngày, ví dụ 2026-11-22."),
}
"""Kept untranslated here: the API's error handler translates a refusal into the caller's language."""
RANGE_REFUSAL = gettext_noop("Ngày bắt đầu (since) phải trước hoặc bằng ngày kết thúc (until).")


def parse_day(text: str, name: str) -> dt.date | None:
    """A strict ISO date (``2026-11-22``) from a query parameter; anything else is a 400 with a Vietnamese message."""
    text = text.strip()
    if not text:
        return None
    try:
        if len(text) != 10 or not is_clean(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DomainError("api.date_invalid", DATE_REFUSALS[name]) from None


def closing_window(since: str, until: str) -> tuple[dt.date | None, dt.date | None]:
    """``since`` and ``until`` (both included) on a vote's closing day; ``since`` after ``until`` is refused."""
    first, last = parse_day(since, "since"), parse_day(until, "until")
    if first and last and first > last:
        raise DomainError("api.date_range_invalid", RANGE_REFUSAL)
    return first, last


@router.get(
    "/communities/{community_id}/vote-results", response={200: list[VoteResultOut], 400: ErrorOut, 404: ErrorOut}
)
@paginate(Pages)
def vote_results(request: HttpRequest, community_id: int, since: str = "", until: str = "") -> list[dict[str, Any]]:
    """Decided votes of a village or residential group with their tallies (the public result page's selector),
    newest first; ``since``/``until`` (ISO dates, both included) on the day the vote closed, Vietnam time."""
    from grassroots.voting.selectors import public_results_page

    first, last = closing_window(since, until)
    community = get_object_or_404(AdministrativeUnit, pk=community_id, level=UnitLevel.COMMUNITY)
    rows = public_results_page(community, limit=VOTE_RESULTS_LIMIT, closed_from=first, closed_to=last)
    return [vote_row(vote, tally) for vote, tally, _opinions in rows]


@router.get("/communes/{slug}/cases", response={200: list[CaseOut], 404: ErrorOut})
@paginate(Pages)
def cases(request: HttpRequest, slug: str, dates: Query[DateFilter]) -> Any:
    """Feedback and petitions their senders made public (never who sent them)."""
    from grassroots.petitions.selectors import public_cases

    queryset = public_cases(public_commune(slug)).select_related("unit").order_by("-received_on", "-pk")
    return LazyRows(_dated(queryset, "received_on", dates), case_row)


class LazyRows:
    """A queryset the paginator slices (one page read from the database), shaped row by row."""

    def __init__(self, queryset: QuerySet[Any], shape: Any) -> None:
        self.queryset = queryset
        self.shape = shape

    def __len__(self) -> int:
        return int(self.queryset.count())

    def __getitem__(self, index: slice) -> list[dict[str, Any]]:
        return [self.shape(row) for row in self.queryset[index]]


register_router("public", router)
