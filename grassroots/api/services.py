"""Writes of the API app: making and revoking tokens (the staff writes themselves are the owning apps' services)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.accounts import selectors as account_selectors
from grassroots.api.models import ApiToken
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.services import audit_record

TOKEN_BYTES = 32


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, user: Any, name: str, actor: Any, now: dt.datetime | None = None) -> tuple[ApiToken, str]:
    """A new token for a staff member; returns the row and the token (shown once, never stored)."""
    moment = now or clock.now()
    if not name.strip():
        raise DomainError("api.token.name_required", _("Hãy đặt tên gợi nhớ cho khoá."))
    if not (user.is_active and account_selectors.is_staff_user(user, clock.localdate(moment))):
        raise DomainError("api.token.staff_only", _("Chỉ cán bộ đang giữ vai trò mới được cấp khoá API."))
    raw = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name.strip()[:100], prefix=raw[:8], key_hash=token_hash(raw), created_at=moment
        )
        audit_record(
            code="api.token.created", actor=actor, obj=token, after={"user": user.pk, "name": token.name}, now=moment
        )
    return token, raw


def api_token_revoke(*, token: ApiToken, actor: Any, now: dt.datetime | None = None) -> ApiToken:
    moment = now or clock.now()
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = moment
            locked.save(update_fields=["revoked_at"])
            audit_record(code="api.token.revoked", actor=actor, obj=locked, now=moment)
    return locked


def api_token_authenticate(raw: str, *, now: dt.datetime | None = None) -> ApiToken | None:
    """The live token for ``raw`` (its user still active), or ``None``; notes when it was last used."""
    moment = now or clock.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None and (token.last_used_at is None or moment - token.last_used_at > dt.timedelta(minutes=5)):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=moment)
    return token
