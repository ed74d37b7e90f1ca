"""Django admin for superusers: read-only (every change goes through the audited services).

A superuser cannot fake a quorum here: attendance, the frozen roll and the votes have no change form.
"""

from __future__ import annotations

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdmin
from grassroots.workplaces.models import (
    Attendance,
    Conference,
    DialogueMemberList,
    ResolutionItem,
    StaffBallot,
    StaffBallotReturn,
    StaffMember,
    WorkplaceDialogue,
    WorkplaceProfile,
)


@admin.register(WorkplaceProfile)
class WorkplaceProfileAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "work_year_end_month", "regime"]


@admin.register(StaffMember)
class StaffMemberAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "code", "full_name", "division", "active_from", "active_until"]


@admin.register(Conference)
class ConferenceAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "kind", "work_year", "convening", "status", "roll_size", "scheduled_on"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ["conference", "staff_member", "recorded_at"]


@admin.register(ResolutionItem)
class ResolutionItemAdmin(ReadOnlyAdmin):
    list_display = ["conference", "position", "title", "votes_for", "votes_against"]


@admin.register(WorkplaceDialogue)
class WorkplaceDialogueAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "kind", "scheduled_on", "status"]


@admin.register(StaffBallot)
class StaffBallotAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "title", "ground", "is_secret", "status", "roll_size"]


@admin.register(StaffBallotReturn)
class StaffBallotReturnAdmin(ReadOnlyAdmin):
    list_display = ["ballot", "staff_member", "recorded_at"]


@admin.register(DialogueMemberList)
class DialogueMemberListAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "fixed_on", "valid_until", "published_on"]
