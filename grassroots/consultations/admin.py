"""Django admin for superusers: consultations are read-only (every change goes through the audited services)."""

from __future__ import annotations

from django.contrib import admin

from grassroots.consultations.models import Consultation, Opinion
from grassroots.core.admin import ReadOnlyAdmin


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ["title", "commune", "matter", "status", "closes_on"]


@admin.register(Opinion)
class OpinionAdmin(ReadOnlyAdmin):
    list_display = ["consultation", "channel", "stance", "disposition", "is_hidden"]
