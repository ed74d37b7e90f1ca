from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from grassroots.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["sequence", "occurred_at", "code", "actor_label", "unit_id", "object_type", "object_id"]
    list_filter = ["code"]
    search_fields = ["code", "actor_label", "object_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
