"""Board records are read-only in the admin: they change only through the services, which audit every change."""

from __future__ import annotations

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdmin
from grassroots.oversight.models import Board, BoardMember, Finding, Inspection, Recommendation, Vacancy


@admin.register(Board)
class BoardAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "unit", "status", "term_start", "term_end")
    list_filter = ("kind", "status")


@admin.register(BoardMember)
class BoardMemberAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "board", "position", "joined_on", "left_on")


@admin.register(Vacancy)
class VacancyAdmin(ReadOnlyAdmin):
    list_display = ("board", "member", "opened_on", "filled_by")


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ("subject", "board", "status", "planned_on")


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ("inspection", "recorded_at")


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ("title", "board", "addressee_name", "status", "sent_on")
    list_filter = ("status",)
