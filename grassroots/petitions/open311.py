"""Open311 GeoReport v2 for feedback and petitions, JSON only (http://wiki.open311.org/GeoReport_v2).

One jurisdiction per commune: ``/phan-anh-kien-nghi/open311/<commune>/`` serves ``discovery.json``,
``services.json``, ``services/<code>.json``, ``POST requests.json``, ``GET requests.json`` and
``GET requests/<id>.json``. ``jurisdiction_id`` and ``api_key`` are accepted and ignored (the URL names the
commune; filing needs no key).

House choices where the specification leaves room:

* **No map-only requests**: the specification accepts ``lat``/``long`` alone; we require ``address_string`` too
  (a point is kept with it). Refused with 400 and a Vietnamese ``description``.
* **Who files**: no API key; a request names its sender (``first_name``/``last_name``), kept in ``CaseIdentity``
  and never returned. A request is **private unless its sender chooses otherwise** with the extension attribute
  ``attribute[public]=true`` (declared in each service definition: ``metadata`` is true); ``false`` or no
  attribute keeps it private, any other value is refused with 400. Public requests never show the name.
* **What GET returns**: only public feedback and petitions (the same as the portal's timeline).
* Status ``open`` is every status whose clock runs; everything else is ``closed``.
* **Photos**: ``media_url`` on a POST is accepted and ignored: the platform never fetches an address it is
  given (no request to an arbitrary server on a citizen's behalf); photos come through the portal's upload, which
  checks each file. On GET ``media_url`` is always empty: a sender's photos are seen by the sender and the staff
  only (they may show faces and houses), even when the request itself is public.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from grassroots.accounts.authorize import public_view
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.params import ascii_int
from grassroots.petitions import rules, selectors, services, throttle
from grassroots.petitions.models import Case, CaseChannel, CaseKind
from grassroots.petitions.views import _commune_by_slug

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
SERVICE_CODES = (CaseKind.FEEDBACK, CaseKind.PETITION)
CHANGESET = "2026-12-06T00:00:00+07:00"
"""When the service list last changed (discovery's ``changeset``)."""


def _error(status: int, description: str) -> JsonResponse:
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False)


def _json_not_found(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An unknown commune (or any other Http404) is the specification's JSON error list, not an HTML page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return _error(404, str(_("Không tìm thấy xã, phường hoặc yêu cầu.")))

    return wrapper


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(clock.local_zone()).isoformat(timespec="seconds") if moment else None


def _service_name(code: str) -> str:
    return str(CaseKind(code).label)


@public_view
@require_GET
@_json_not_found
def discovery(request: HttpRequest, commune_slug: str) -> HttpResponse:
    return _discovery(request, commune_slug)


def _discovery(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune_by_slug(commune_slug)
    base = request.build_absolute_uri(reverse("petitions:open311_base", args=[commune.slug]))
    return JsonResponse(
        {
            "changeset": CHANGESET,
            "contact": str(_("UBND %(name)s") % {"name": commune.name}),
            "key_service": "",
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": base,
                    "changeset": CHANGESET,
                    "type": "production",
                    "formats": ["application/json"],
                }
            ],
        }
    )


@public_view
@require_GET
@_json_not_found
def base(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The endpoint's root: the discovery document again (the specification defines nothing here)."""
    return _discovery(request, commune_slug)


@public_view
@require_GET
@_json_not_found
def service_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    _commune_by_slug(commune_slug)
    services_json = [
        {
            "service_code": code.value,
            "service_name": _service_name(code),
            "description": str(
                _("Gửi %(name)s đến UBND xã, phường; trả lời trong thời hạn, không công khai tên người gửi.")
                % {"name": _service_name(code).lower()}
            ),
            "metadata": True,
            "type": "realtime",
            "keywords": "",
            "group": "",
        }
        for code in SERVICE_CODES
    ]
    return JsonResponse(services_json, safe=False)


@public_view
@require_GET
@_json_not_found
def service_definition(request: HttpRequest, commune_slug: str, service_code: str) -> HttpResponse:
    """``GET services/<service_code>.json``: one optional extension attribute, ``public`` (the citizen's choice to
    show the request on the public timeline, without the name); an unknown code is the specification's 404 error
    list."""
    _commune_by_slug(commune_slug)
    if service_code not in SERVICE_CODES:
        return _error(404, str(_("service_code không hợp lệ.")))
    return JsonResponse({"service_code": service_code, "attributes": [_public_attribute()]})


PUBLIC_ATTRIBUTE = "attribute[public]"
"""The POST field for the citizen's choice to publish; absent means private."""


def _public_attribute() -> dict[str, Any]:
    return {
        "variable": True,
        "code": "public",
        "datatype": "singlevaluelist",
        "required": False,
        "datatype_description": str(_("true để công khai; bỏ trống hoặc false: không công khai.")),
        "order": 1,
        "description": str(
            _("Công khai nội dung trên trang của xã, phường (không bao giờ công khai tên, số điện thoại)?")
        ),
        "values": [
            {"key": "true", "name": str(_("Công khai"))},
            {"key": "false", "name": str(_("Không công khai"))},
        ],
    }


def _public_choice(value: str | None) -> bool | None:
    """The sender's choice: ``False`` when absent or empty, ``None`` when not one of the listed keys."""
    choice = (value or "").strip().lower()
    if choice in ("", "false"):
        return False
    if choice == "true":
        return True
    return None


def _decimal(value: str | None, low: int, high: int) -> decimal.Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = decimal.Decimal(str(value))
    except decimal.InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite() or not low <= number <= high:
        raise ValueError(value)
    return number.quantize(decimal.Decimal("0.000001"))


def _request_json(case: Case) -> dict[str, Any]:
    status = "open" if case.status in rules.OPEN_STATUSES else "closed"
    due = selectors.current_due(case)
    return {
        "service_request_id": str(case.pk),
        "status": status,
        "status_notes": case.answer or case.get_status_display(),
        "service_name": _service_name(case.kind),
        "service_code": case.kind,
        "description": case.content,
        "agency_responsible": case.unit.name,
        "service_notice": "",
        "requested_datetime": _iso(case.created_at),
        "updated_datetime": _iso(case.updated_at),
        "expected_datetime": (
            dt.datetime.combine(due.due_on, dt.time(17, 0), tzinfo=clock.local_zone()).isoformat()
            if due.due_on
            else None
        ),
        "address": case.location_address,
        "address_id": "",
        "zipcode": "",
        "lat": float(case.latitude) if case.latitude is not None else None,
        "long": float(case.longitude) if case.longitude is not None else None,
        "media_url": "",
    }


@public_view
@csrf_exempt
@require_http_methods(["GET", "POST"])
@_json_not_found
def requests_collection(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune_by_slug(commune_slug)
    if request.method == "POST":
        address = request.META.get("REMOTE_ADDR") or "unknown"
        if not throttle.intake_allowed(f"open311:{address}"):
            return _error(429, throttle.refusal_message())
        return _create(request, commune)
    cases = selectors.public_cases(commune).select_related("unit").order_by("-pk")
    ids = [part.strip() for part in request.GET.get("service_request_id", "").split(",") if part.strip()]
    if ids:
        read = [ascii_int(part, max_digits=11) for part in ids]
        numbers = [number for number in read if number is not None]
        if len(numbers) != len(read):
            return _error(400, str(_("service_request_id không hợp lệ.")))
        # The specification: with service_request_id, every other parameter is ignored.
        return JsonResponse([_request_json(case) for case in cases.filter(pk__in=numbers)], safe=False)
    codes = [part.strip() for part in request.GET.get("service_code", "").split(",") if part.strip()]
    if codes:
        cases = cases.filter(kind__in=codes)
    # "status" may be given comma delimited ("open,closed"); anything else is no filter.
    statuses = {part.strip() for part in request.GET.get("status", "").split(",") if part.strip()}
    if statuses == {"open"}:
        cases = cases.filter(status__in=rules.OPEN_STATUSES)
    elif statuses == {"closed"}:
        cases = cases.exclude(status__in=rules.OPEN_STATUSES)
    for name, lookup in (("start_date", "created_at__gte"), ("end_date", "created_at__lte")):
        value = request.GET.get(name, "")
        if value:
            try:
                moment = dt.datetime.fromisoformat(value)
            except ValueError:
                return _error(400, str(_("%(name)s phải theo ISO 8601.") % {"name": name}))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=clock.local_zone())
            cases = cases.filter(**{lookup: moment})
    # The specification's default window is the last 90 days, at most 1000 requests.
    if not ids and not request.GET.get("start_date"):
        cases = cases.filter(created_at__gte=clock.now() - dt.timedelta(days=90))
    return JsonResponse([_request_json(case) for case in cases[:1000]], safe=False)


def _create(request: HttpRequest, commune: Any) -> HttpResponse:
    data = request.POST
    code = data.get("service_code", "")
    if code not in SERVICE_CODES:
        return _error(400, str(_("service_code không hợp lệ.")))
    description = data.get("description", "").strip()
    if not description:
        return _error(400, str(_("Hãy nhập description (nội dung).")))
    address = data.get("address_string", "").strip()
    if not address:
        return _error(400, str(_("Hãy gửi address_string: địa chỉ của địa điểm; không chỉ tọa độ trên bản đồ.")))
    try:
        latitude = _decimal(data.get("lat"), -90, 90)
        longitude = _decimal(data.get("long"), -180, 180)
    except ValueError:
        return _error(400, str(_("lat, long không hợp lệ.")))
    if (latitude is None) != (longitude is None):
        return _error(400, str(_("Hãy gửi cả lat và long, hoặc không gửi.")))
    name = " ".join(part for part in (data.get("last_name", "").strip(), data.get("first_name", "").strip()) if part)
    if not name:
        return _error(400, str(_("Hãy gửi first_name, last_name của người gửi.")))
    is_public = _public_choice(data.get(PUBLIC_ATTRIBUTE))
    if is_public is None:
        return _error(400, str(_("attribute[public] chỉ nhận true hoặc false.")))
    try:
        case = services.case_receive(
            unit=commune,
            kind=code,
            channel=CaseChannel.OPEN311,
            title=description[:80],
            content=description[:5000],
            citizen=services.Citizen(full_name=name[:200], phone=data.get("phone", "")[:30]),
            is_public=is_public,
            location_address=address[:300],
            latitude=latitude,
            longitude=longitude,
            actor=None,
        )
    except DomainError as refusal:
        return _error(400, refusal.message)
    notice = str(_("Xã, phường thông báo kết quả tiếp nhận trong 10 ngày làm việc."))
    return JsonResponse(
        [{"service_request_id": str(case.pk), "service_notice": notice, "account_id": None}], status=201, safe=False
    )


@public_view
@require_GET
@_json_not_found
def request_detail(request: HttpRequest, commune_slug: str, pk: int) -> HttpResponse:
    commune = _commune_by_slug(commune_slug)
    case = selectors.public_cases(commune).select_related("unit").filter(pk=pk).first()
    if case is None:
        return _error(404, str(_("Không tìm thấy yêu cầu.")))
    return JsonResponse([_request_json(case)], safe=False)
