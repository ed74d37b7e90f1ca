"""Admin pages: read-only, and never the identity behind a case (``CaseIdentity`` is not registered at all)."""

from __future__ import annotations

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdmin
from grassroots.petitions.models import Case, IdentityAccess


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["pk", "kind", "status", "unit", "received_on", "handler"]
    list_filter = ["kind", "status", "channel"]
    search_fields = ["title"]
    exclude = ["content"]
    readonly_fields = ["title", "kind", "status", "unit", "received_on", "handler"]


@admin.register(IdentityAccess)
class IdentityAccessAdmin(ReadOnlyAdmin):
    list_display = ["case", "viewer", "viewed_at", "place"]
    list_filter = ["place"]
