from __future__ import annotations

from django.contrib import admin

from grassroots.api.models import ApiToken
from grassroots.core.admin import ReadOnlyAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("prefix", "name", "user", "created_at", "last_used_at", "revoked_at")
    exclude = ("key_hash",)
