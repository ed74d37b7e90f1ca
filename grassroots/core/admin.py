from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from grassroots.core.models import AuditChain, AuditEvent, AuditSeal

if TYPE_CHECKING:
    ModelAdminBase = admin.ModelAdmin[Any]
else:  # the admin class is generic only for the type checker
    ModelAdminBase = admin.ModelAdmin


class ReadOnlyAdmin(ModelAdminBase):
    """Admin pages of recorded facts: superusers read them; no add, change or delete, whoever asks.

    Every change goes through an audited service that checks the law and takes its dates from the clock;
    a crafted POST to the admin gets 403 like any other attempt.
    """

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "chain",
        "sequence",
        "occurred_at",
        "code",
        "actor_label",
        "unit_id",
        "object_type",
        "object_id",
    ]
    list_filter = ["code"]
    search_fields = ["code", "actor_label", "object_id"]


@admin.register(AuditChain)
class AuditChainAdmin(ReadOnlyAdmin):
    list_display = ["key", "last_sequence", "last_hash"]
    search_fields = ["key"]


@admin.register(AuditSeal)
class AuditSealAdmin(ReadOnlyAdmin):
    list_display = ["number", "sealed_at", "root", "hash"]
