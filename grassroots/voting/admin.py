"""Django admin for superusers: vote records are read-only (every change goes through the audited services)."""

from __future__ import annotations

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdmin
from grassroots.voting.models import CommunityVote


@admin.register(CommunityVote)
class CommunityVoteAdmin(ReadOnlyAdmin):
    list_display = ["title", "matter", "form", "status", "unit"]
    list_filter = ["matter", "form", "status"]
    search_fields = ["title"]
