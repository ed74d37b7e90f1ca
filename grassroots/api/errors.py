"""Error bodies: ``{"code", "message"}`` for every refusal, in the caller's language (Vietnamese by default)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from grassroots.core.errors import DomainError


def _language(request: HttpRequest) -> str:
    wanted = request.GET.get("lang", "")
    if wanted in ("vi", "en"):
        return wanted
    return translation.get_language_from_request(request) or "vi"


def error_response(api: NinjaAPI, request: HttpRequest, status: int, code: str, message: Any) -> HttpResponse:
    with translation.override(_language(request)):
        text = str(message)
    return api.create_response(request, {"code": code, "message": text}, status=status)


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api``."""

    def lang(request: HttpRequest) -> Any:
        return translation.override(_language(request))

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
        with lang(request):
            message = _(error.message) if error.message != error.code else _("Yêu cầu bị từ chối.")
        return api.create_response(request, {"code": error.code, "message": str(message)}, status=400)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
        with lang(request):
            return api.create_response(
                request, {"code": "not_found", "message": _("Không tìm thấy dữ liệu.")}, status=404
            )

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
        with lang(request):
            return api.create_response(
                request,
                {"code": "forbidden", "message": _("Bạn không có quyền làm việc này ở đơn vị này.")},
                status=403,
            )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
        with lang(request):
            return api.create_response(
                request,
                {"code": "unauthenticated", "message": _("Cần khoá API hợp lệ (Authorization: Bearer …).")},
                status=401,
            )

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, error: Throttled) -> HttpResponse:
        with lang(request):
            response = api.create_response(
                request, {"code": "rate_limited", "message": _("Quá nhiều yêu cầu. Vui lòng thử lại sau.")}, status=429
            )
        if error.wait:
            response["Retry-After"] = str(int(error.wait) + 1)
        return response

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
        fields = [".".join(str(part) for part in item.get("loc", ())) for item in error.errors]
        with lang(request):
            message = _("Tham số không hợp lệ: %(fields)s.") % {"fields": ", ".join(fields)}
        return api.create_response(request, {"code": "invalid", "message": message, "errors": error.errors}, status=422)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        return api.create_response(request, {"code": "error", "message": str(error)}, status=error.status_code)
