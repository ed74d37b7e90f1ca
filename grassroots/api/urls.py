"""``/api/``: the OpenAPI 3 schema at ``/api/schema/``, the browsable docs at ``/api/docs/`` (served from the
package's own static files, no CDN), and every registered router (``registry.py``)."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver, path
from django.utils.module_loading import autodiscover_modules
from ninja import NinjaAPI

from grassroots.accounts.authorize import ACCESS_ATTRIBUTE, PUBLIC
from grassroots.api import errors, registry, views
from grassroots.api.auth import AnonymousThrottle
from grassroots.api.routers import files, plans, public, staff  # noqa: F401 - they register themselves


def build_api() -> NinjaAPI:
    autodiscover_modules("api")
    api = NinjaAPI(
        title="grassroots API",
        version="1",
        description=(
            "Dữ liệu công khai của xã: thông tin công khai, lấy ý kiến, kết quả biểu quyết, phản ánh công khai, "
            "kế hoạch đã ban hành và bảng điểm tuân thủ của tỉnh (không cần khoá). Cán bộ ghi bằng khoá API "
            "(/api/staff/…). "
            "Public data of communes under the Law on Grassroots Democracy (10/2022/QH15): disclosures, "
            "consultations, vote results, public cases, issued plans and province scorecards (no token); "
            "staff writes with a token."
        ),
        urls_namespace="api",
        openapi_url="/schema/",
        docs_url="/docs/",
        throttle=[AnonymousThrottle()],
    )
    errors.install(api)
    for entry in registry.registered_routers():
        api.add_router(entry.prefix, entry.router)
    return api


def _declare(patterns: list[Any]) -> None:
    """Give every API view its door declaration: the Action an endpoint declared, else public (read-only)."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            _declare(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            setattr(entry.callback, ACCESS_ATTRIBUTE, registry.declared_action(entry.name or "") or PUBLIC)


api = build_api()
_patterns, _app_name, _namespace = api.urls
app_name = "api"
_declare(_patterns)
urlpatterns = [
    *_patterns,
    # The person's own token page (HTML, session login), beside the API it opens.
    path("khoa/", views.tokens, name="tokens"),
    path("khoa/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
]
