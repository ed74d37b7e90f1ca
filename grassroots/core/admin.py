from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from grassroots.core.models import AuditEvent

if TYPE_CHECKING:
    AuditEventAdminBase = admin.ModelAdmin[AuditEvent]
else:  # the admin class is generic only for the type checker
    AuditEventAdminBase = admin.ModelAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(AuditEventAdminBase):
    list_display = ["sequence", "occurred_at", "code", "actor_label", "unit_id", "object_type", "object_id"]
    list_filter = ["code"]
    search_fields = ["code", "actor_label", "object_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
