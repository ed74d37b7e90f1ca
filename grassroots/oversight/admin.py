"""Board records are read-only in the admin: they change only through the services, which audit every change."""

from __future__ import annotations

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdmin
from grassroots.oversight.models import (
    Board,
    BoardMember,
    Finding,
    InformationRequest,
    Inspection,
    Recommendation,
    SupervisedProject,
    Vacancy,
)


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


@admin.register(InformationRequest)
class InformationRequestAdmin(ReadOnlyAdmin):
    """Read-only: the due day follows from the period stored at sending and the one audited extension."""

    list_display = ("subject", "board", "status", "sent_on", "reply_working_days", "extension_working_days")
    list_filter = ("status",)


@admin.register(SupervisedProject)
class SupervisedProjectAdmin(ReadOnlyAdmin):
    list_display = ("name", "board", "investor_name", "supervision_start", "investor_notified_on")
