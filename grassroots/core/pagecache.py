"""Whole public pages cached for anonymous visitors, with keys that change exactly when the content does.

A public view is wrapped with ``cached_public_page(version)``. ``version(**view_kwargs)`` returns a token
that changes in the same database transaction as any write the page shows: the head of the page's
commune's audit chain and of the ``system`` chain (every write appends an audit event to its commune's
chain inside its own transaction, see ``core.services`` and ``docs/audit.md``; the versions are
``core.selectors.content_version`` and, for a commune by its slug or a village by its id,
``units.selectors.page_version_for_commune`` and ``page_version_for_unit``), or ``None`` when the page must
not be cached (an unknown commune: the view answers 404 itself). Writes of one commune therefore never
empty another commune's pages.

The key is built from that token, the path with its query string, the language, the HTMX target, today's
date in Vietnam (posting windows and "còn N ngày" change at midnight without a write) and the release.
So a cached page is never stale: after a commit the token differs and the old entry is never read again;
entries only age out of memory (``PUBLIC_PAGE_CACHE_SECONDS``). Each process also keeps the pages it served
last (``LOCAL_ENTRIES``) under the same keys, so a repeat reads neither Redis nor LocMemCache's pickled copy:
a cache hit is the one version statement, the key, and a dictionary read (``tests: core/test_pagecache_hits``).

Only a request that carries no session and no messages cookie is served from or stored in the cache:
a signed-in person, or someone with a pending message, always gets a fresh page. A response that set a
cookie, used a CSRF token or showed messages is never stored, and only 200 answers are.

Every cacheable answer carries ``ETag`` (the key's digest: a phone or a reverse proxy that already holds
the page gets ``304`` without the page being rendered or read), ``Last-Modified`` (when the cached copy
was rendered) and ``Cache-Control: public, no-cache`` (store, but revalidate before each reuse). The
nginx configuration (pass-through, and an optional one-second microcache) is in the README, "Production".
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags

from grassroots.core import clock

View = Callable[..., HttpResponseBase]
VersionFunction = Callable[..., str | None]

CACHE_ALIAS = "pages"
"""The cache (``settings.CACHES``) that holds rendered pages: Redis when ``REDIS_URL`` is set, else local memory."""

COPIED_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition")
"""Headers of the rendered answer kept with the cached copy."""

CACHE_CONTROL = "public, no-cache"
"""May be stored by the browser and a proxy, but revalidated (``If-None-Match``) before every reuse."""

VARY = ("Cookie", "HX-Request", "HX-Target")
"""The language is chosen by a cookie (``core.middleware``), never by ``Accept-Language``."""

VARY_HEADER = ", ".join(VARY)

LOCAL_ENTRIES = 256
"""Pages each process keeps in its own memory in front of the shared cache (about 30 KB each)."""

Stored = tuple[bytes, dict[str, str], float]
"""A cached page: its body, the copied headers, and when it was rendered (a POSIX timestamp)."""

_local: dict[str, Stored] = {}
"""This process's copies, by the same keys as the shared cache. A key carries the content version, so a copy
found under it is that version's page: a write changes the key a request computes and the copy is never read
again. Saves a read of the shared cache (a Redis round trip, or LocMemCache's lock and unpickling) per hit."""


def _local_put(key: str, stored: Stored) -> None:
    if len(_local) >= LOCAL_ENTRIES:
        _local.clear()  # old versions and yesterday's keys go; the pages in use come back from the shared cache
    _local[key] = stored


def local_clear() -> None:
    """Forget this process's copies (tests: a rolled-back test hands out the same chain heads, so the same keys)."""
    _local.clear()


def _personal(request: HttpRequest) -> bool:
    """A request whose page may differ from an anonymous visitor's: signed in, or a message waiting."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies


def page_key(request: HttpRequest, token: str) -> str:
    """The cache key of this request's page at content version ``token``."""
    parts = (
        str(getattr(settings, "RELEASE", "")),
        token,
        clock.today().isoformat(),
        translation.get_language() or "",
        # From META, not ``request.headers``: that would copy every header of the request on each hit.
        request.META.get("HTTP_HX_REQUEST", ""),
        request.META.get("HTTP_HX_TARGET", ""),
        request.get_full_path(),
    )
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _stamp(response: HttpResponseBase, key: str, rendered_at: float) -> None:
    response["ETag"] = f'"{key[5:37]}"'
    response["Last-Modified"] = http_date(rendered_at)
    response["Cache-Control"] = CACHE_CONTROL
    if response.has_header("Vary"):
        patch_vary_headers(response, VARY)
    else:
        response["Vary"] = VARY_HEADER


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    storage = getattr(request, "_messages", None)
    return not getattr(storage, "used", False)


def cached_public_page(version: VersionFunction) -> Callable[[View], View]:
    """Serve the wrapped public view from the page cache for anonymous visitors (module docstring)."""

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method not in ("GET", "HEAD") or _personal(request):
                return view(request, *args, **kwargs)
            token = version(**kwargs)
            if token is None:
                return view(request, *args, **kwargs)
            key = page_key(request, token)
            etag = f'"{key[5:37]}"'
            if_none_match = request.META.get("HTTP_IF_NONE_MATCH", "")
            if if_none_match and etag in parse_etags(if_none_match):
                not_modified = HttpResponseNotModified()
                not_modified["ETag"] = etag
                not_modified["Cache-Control"] = CACHE_CONTROL
                patch_vary_headers(not_modified, VARY)
                return not_modified
            stored = _local.get(key)
            if stored is None:
                stored = caches[CACHE_ALIAS].get(key)
                if stored is not None:
                    _local_put(key, stored)
            if stored is not None:
                content, headers, rendered_at = stored
                response: HttpResponseBase = HttpResponse(content)
                for name, value in headers.items():
                    response[name] = value
                _stamp(response, key, rendered_at)
                return response
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                assert isinstance(response, HttpResponse)
                if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                    response.render()
                rendered_at = clock.now().timestamp()
                headers = {name: response[name] for name in COPIED_HEADERS if response.has_header(name)}
                stored = (response.content, headers, rendered_at)
                caches[CACHE_ALIAS].set(key, stored, settings.PUBLIC_PAGE_CACHE_SECONDS)
                _local_put(key, stored)
                _stamp(response, key, rendered_at)
            return response

        return wrapper

    return decorator


def everywhere_version(**_kwargs: Any) -> str:
    """The content version of a page that may show anything public (the list of every commune)."""
    from grassroots.core.selectors import content_version_everywhere

    return content_version_everywhere()
