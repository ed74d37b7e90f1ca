"""Reads of the API app: a person's own tokens (the token page)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from grassroots.api.models import ApiToken


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    """The person's tokens, live ones first, newest first (never another person's)."""
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")


def live_token_of(user: Any, pk: int) -> ApiToken | None:
    return ApiToken.objects.filter(user=user, pk=pk, revoked_at__isnull=True).first()
