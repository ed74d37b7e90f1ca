"""Django admin for superusers: conventions are read-only (every change goes through the audited services)."""

from __future__ import annotations

from django.contrib import admin

from grassroots.conventions.models import Convention, ConventionVersion
from grassroots.core.admin import ReadOnlyAdmin


@admin.register(Convention)
class ConventionAdmin(ReadOnlyAdmin):
    list_display = ["title", "community", "name_kind", "status"]


@admin.register(ConventionVersion)
class ConventionVersionAdmin(ReadOnlyAdmin):
    list_display = ["convention", "number", "status", "adopted_on", "dossier_sent_on", "decided_on"]
