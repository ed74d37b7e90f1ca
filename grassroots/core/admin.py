from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from grassroots.core.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Admin pages of recorded facts: superusers read them; every change goes through an audited service."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["sequence", "occurred_at", "code", "actor_label", "unit_id", "object_type", "object_id"]
    list_filter = ["code"]
    search_fields = ["code", "actor_label", "object_id"]
