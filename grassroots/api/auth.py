"""Token authentication for the staff endpoints, and the anonymous rate limit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import AnonRateThrottle

from grassroots.api.services import api_token_authenticate

DEFAULT_ANONYMOUS_RATE = "120/m"
"""Requests per client address without a token (``API_ANONYMOUS_RATE``); a portal that needs more asks for a token."""


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``: the token's user becomes ``request.user`` for the Action matrix."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = api_token_authenticate(token.strip()) if token.strip() else None
        if found is None:
            return None
        request.user = found.user
        return found


class AnonymousThrottle(AnonRateThrottle):
    """The anonymous limit, read from the settings on each request (so a deployment or a test can change it)."""

    def __init__(self) -> None:
        super().__init__(DEFAULT_ANONYMOUS_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        rate = getattr(settings, "API_ANONYMOUS_RATE", DEFAULT_ANONYMOUS_RATE)
        if rate != self.rate:
            self.rate = rate
            self.num_requests, self.duration = self.parse_rate(rate)
        return bool(super().allow_request(request))
