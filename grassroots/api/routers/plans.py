"""Plans and the compliance scorecard, read-only: public without a token, and the staff view with one.

Public (no token, the anonymous rate limit): issued plans only (``plans.selectors.public_plans``: never a draft
or a cancelled plan, a draft's id is a 404 like an absent one) with their tasks, and a province's scorecard
(counts and shares per commune, whether its report came on time). No personal data: no signer, no author, no
progress notes (they name their writers); the tasks' lead and coordinating bodies are agencies.

Staff (token auth), as the plans pages (``plans.views``: ``MANAGE_PLANS`` or ``REVIEW_PLAN_REPORTS`` for plans,
``REVIEW_PLAN_REPORTS`` or ``READ_ROLLUPS`` on the province for the scorecard): drafts too, within the token
holder's units; a plan outside them is a 404, a visible one without either action a 403. Every read goes
through ``grassroots.plans.selectors`` (``public_plans``, ``plans_in``, ``scorecard``), never a second copy.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.authorize import ACTION_SEPARATOR
from grassroots.accounts.rules import Action
from grassroots.api.auth import TokenAuth
from grassroots.api.registry import declares, register_router
from grassroots.api.routers.public import LazyRows, Pages
from grassroots.api.routers.staff import object_for
from grassroots.api.schemas import ErrorOut
from grassroots.core import clock
from grassroots.units.models import AdministrativeUnit, UnitLevel

router = Router(tags=["plans"], auth=TokenAuth())
public_router = Router(tags=["plans"])

PLAN_READERS = (Action.MANAGE_PLANS, Action.REVIEW_PLAN_REPORTS)
"""Who opens the plans pages (``plans.views.plan_list`` and ``plan_detail``)."""
SCORECARD_READERS = (Action.REVIEW_PLAN_REPORTS, Action.READ_ROLLUPS)
"""Who opens the province scorecard (``plans.views.scorecard``)."""

REFUSALS: dict[int | str, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _require_any(request: HttpRequest, actions: tuple[Action, ...], unit: Any) -> None:
    if not any(account_selectors.user_can(request.user, action, unit) for action in actions):
        raise PermissionDenied(actions[0])


class PlanOut(Schema):
    id: int
    unit_id: int
    unit: str
    parent_id: int | None
    year: int
    status: str
    document_type: str
    number: str
    title: str
    issuer: str
    issued_on: dt.date | None
    url: str


class PlanItemOut(Schema):
    id: int
    ref: str
    depth: int
    title: str
    schedule: str
    due_on: dt.date | None
    status: str
    lead: list[Any]
    coordinating: list[Any]


class PlanDetailOut(PlanOut):
    items: list[PlanItemOut]


class ScorecardHeadingOut(Schema):
    key: str
    label: str


class ScorecardRowOut(Schema):
    commune_id: int
    commune: str
    figures: dict[str, int]
    percents: dict[str, float | None]
    report_status: str | None
    report_late: bool


class ScorecardOut(Schema):
    province_id: int
    province: str
    period: str
    year: int
    headings: list[ScorecardHeadingOut]
    rows: list[ScorecardRowOut]


class PublicPlanOut(Schema):
    id: int
    unit_id: int
    unit: str
    unit_level: str
    parent_id: int | None
    year: int
    document_type: str
    number: str
    title: str
    issuer: str
    issued_on: dt.date | None
    document_url: str | None


class PublicPlanDetailOut(PublicPlanOut):
    items: list[PlanItemOut]


class PlanFilter(Schema):
    unit_id: int | None = None
    year: int | None = None


def _issued_on(plan: Any) -> dt.date | None:
    try:
        return dt.date(plan.issued_year, plan.issued_month, plan.issued_day)
    except (TypeError, ValueError):
        return None


def plan_row(plan: Any) -> dict[str, Any]:
    from django.urls import reverse

    return {
        "id": plan.pk,
        "unit_id": plan.unit_id,
        "unit": plan.unit.name,
        "parent_id": plan.parent_id,
        "year": plan.year,
        "status": plan.status,
        "document_type": plan.document_type,
        "number": plan.number,
        "title": plan.title,
        "issuer": plan.issuer,
        "issued_on": _issued_on(plan),
        "url": reverse("plans:plan_detail", kwargs={"pk": plan.pk}),
    }


def public_plan_row(plan: Any) -> dict[str, Any]:
    """An issued plan as anyone may read it: no signer, no author (personal data), no link to a staff page."""
    from django.urls import reverse

    document = plan.document
    return {
        "id": plan.pk,
        "unit_id": plan.unit_id,
        "unit": plan.unit.name,
        "unit_level": plan.unit.level,
        "parent_id": plan.parent_id,
        "year": plan.year,
        "document_type": plan.document_type,
        "number": plan.number,
        "title": plan.title,
        "issuer": plan.issuer,
        "issued_on": _issued_on(plan),
        "document_url": (
            reverse("documents_public:record", kwargs={"short_code": document.short_code}) if document else None
        ),
    }


def item_rows(plan: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": item.pk,
            "ref": item.ref,
            "depth": item.depth,
            "title": item.title,
            "schedule": item.schedule,
            "due_on": item.due_on,
            "status": item.status,
            "lead": item.lead if isinstance(item.lead, list) else [],
            "coordinating": item.coordinating if isinstance(item.coordinating, list) else [],
        }
        for item in plan.items.order_by("position")
    ]


def scorecard_body(province: AdministrativeUnit, period: str, year: int | None) -> dict[str, Any]:
    """The page's scorecard (``plans.selectors.scorecard``) shaped for the API; a period other than the two
    periodic ones is read as ``semiannual``, the year is kept within 2000–2100."""
    from grassroots.plans import selectors as plan_selectors
    from grassroots.plans.models import ReportPeriod

    today = clock.today()
    if period not in (ReportPeriod.SEMIANNUAL, ReportPeriod.ANNUAL):
        period = ReportPeriod.SEMIANNUAL
    chosen_year = min(max(year if year is not None else today.year, 2000), 2100)
    headings, rows = plan_selectors.scorecard(province, period, chosen_year, today)
    return {
        "province_id": province.pk,
        "province": province.name,
        "period": period,
        "year": chosen_year,
        "headings": [{"key": str(heading["key"]), "label": str(heading["label"])} for heading in headings],
        "rows": [
            {
                "commune_id": row.unit.pk,
                "commune": row.unit.name,
                "figures": {key: int(value) for key, value in row.figures.items()},
                "percents": row.percents,
                "report_status": row.report_status,
                "report_late": row.report_late,
            }
            for row in rows
        ],
    }


# --- public: no token ----------------------------------------------------------------------------


@public_router.get("/plans", response={200: list[PublicPlanOut], 429: ErrorOut}, summary="Issued plans")
@paginate(Pages)
def public_plans(request: HttpRequest, filters: Query[PlanFilter]) -> Any:
    """Issued plans of every unit (province, commune), newest first; ``unit_id`` and ``year`` narrow the list.
    Drafts and cancelled plans are never listed."""
    from grassroots.plans.selectors import public_plans as issued

    queryset = issued()
    if filters.unit_id is not None:
        queryset = queryset.filter(unit_id=filters.unit_id)
    if filters.year is not None:
        queryset = queryset.filter(year=filters.year)
    return LazyRows(queryset, public_plan_row)


@public_router.get(
    "/plans/{pk}", response={200: PublicPlanDetailOut, 404: ErrorOut, 429: ErrorOut}, summary="One issued plan"
)
def public_plan_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    """An issued plan with its sections and tasks (due dates, status); a draft's id is a 404."""
    from grassroots.plans.selectors import public_plans as issued

    plan = issued().filter(pk=pk).first()
    if plan is None:
        raise Http404("plan")
    return {**public_plan_row(plan), "items": item_rows(plan)}


@public_router.get(
    "/provinces/{unit_id}/scorecard",
    response={200: ScorecardOut, 404: ErrorOut, 429: ErrorOut},
    summary="Compliance scorecard of a province's communes",
)
def public_scorecard(request: HttpRequest, unit_id: int, period: str = "semiannual", year: int | None = None) -> Any:
    """Per commune: each figure (counts only), each share in per cent, and whether its report came on time.
    ``period`` is ``semiannual`` or ``annual``; ``year`` defaults to this year. Not a province: 404."""
    province = AdministrativeUnit.objects.filter(pk=unit_id, level=UnitLevel.PROVINCE).first()
    if province is None:
        raise Http404("province")
    return scorecard_body(province, period, year)


# --- staff: token, drafts too, within the holder's units ------------------------------------------


@router.get("/plans", response={200: list[PlanOut], **REFUSALS}, summary="Plans of the token holder's units")
@declares(ACTION_SEPARATOR.join(PLAN_READERS))
@paginate(Pages)
def plans(request: HttpRequest, filters: Query[PlanFilter]) -> Any:
    """Newest first; ``unit_id`` and ``year`` narrow the list (a unit outside the holder's units gives none)."""
    from grassroots.plans.selectors import plans_in

    _require_any(request, PLAN_READERS, None)
    queryset = plans_in(account_selectors.user_unit_ids(request.user))
    if filters.unit_id is not None:
        queryset = queryset.filter(unit_id=filters.unit_id)
    if filters.year is not None:
        queryset = queryset.filter(year=filters.year)
    return [plan_row(plan) for plan in queryset[:1000]]


@router.get("/plans/{pk}", response={200: PlanDetailOut, **REFUSALS}, summary="One plan with its tasks")
@declares(ACTION_SEPARATOR.join(PLAN_READERS))
def plan_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    from grassroots.plans.selectors import plans_in

    plan = object_for(request, plans_in(account_selectors.user_unit_ids(request.user)), "unit", pk)
    _require_any(request, PLAN_READERS, plan.unit_id)
    return {**plan_row(plan), "items": item_rows(plan)}


@router.get(
    "/provinces/{unit_id}/scorecard",
    response={200: ScorecardOut, **REFUSALS},
    summary="Compliance scorecard of a province's communes",
)
@declares(ACTION_SEPARATOR.join(SCORECARD_READERS))
def scorecard(request: HttpRequest, unit_id: int, period: str = "semiannual", year: int | None = None) -> Any:
    """Per commune: each figure, each share in per cent, and whether its report came on time (the page's
    selector). ``period`` is ``semiannual`` or ``annual``; ``year`` defaults to this year."""
    province = AdministrativeUnit.objects.filter(
        pk=unit_id, pk__in=account_selectors.user_unit_ids(request.user)
    ).first()
    if province is None:
        raise Http404("unit")
    _require_any(request, SCORECARD_READERS, province)
    if province.level != UnitLevel.PROVINCE:
        raise Http404("province")
    return scorecard_body(province, period, year)


register_router("plans", router, prefix="staff")
register_router("plans_public", public_router)
