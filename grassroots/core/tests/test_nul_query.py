"""A NUL character in a query string never reaches a view (PostgreSQL refuses it in any text comparison)."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from grassroots.core.middleware import StripNulFromQueryMiddleware


def test_nul_is_removed_from_names_and_values_and_the_query_stays_immutable() -> None:
    seen: dict[str, list[str]] = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen.update(dict(request.GET.lists()))
        with pytest.raises(AttributeError):
            query: Any = request.GET
            query["x"] = "y"
        return HttpResponse()

    request = RequestFactory().get("/", {"q": "ngân\x00sách", "a\x00": "1", "ok": ["1", "2\x00"]})
    StripNulFromQueryMiddleware(view)(request)
    assert seen == {"q": ["ngânsách"], "a": ["1"], "ok": ["1", "2"]}


def test_a_query_without_nul_is_passed_as_it_came() -> None:
    request = RequestFactory().get("/", {"q": "ngân sách"})
    original = request.GET
    StripNulFromQueryMiddleware(lambda passed: HttpResponse())(request)
    assert request.GET is original
