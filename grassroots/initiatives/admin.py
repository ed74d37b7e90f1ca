"""Django admin for superusers: initiatives are read-only (every change goes through the audited services)."""

from __future__ import annotations

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdmin
from grassroots.initiatives.models import Initiative


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    list_display = ["title", "community", "status"]
