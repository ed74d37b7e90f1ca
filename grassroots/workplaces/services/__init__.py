"""Writes of the workplaces app: staff register, conferences, staff consultations, workplace dialogue.

Every write is keyword-only, runs in one transaction, locks what it changes, checks the rules, moves a
status only through ``core.services.state_change`` and audits through ``core.services.audit_record``.

The package re-exports every public write so ``from grassroots.workplaces import services`` keeps working;
the submodules follow the law's parts: ``staff``, ``conferences``, ``resolutions``, ``consultation``, ``dialogue``.
"""

from grassroots.workplaces.services.base import MESSAGES, refuse
from grassroots.workplaces.services.conferences import (
    attendance_record,
    conference_close_attendance,
    conference_create,
    conference_delegates_set,
    conference_open,
    conference_snapshot,
    conference_step_record,
    resolution_item_add,
    resolution_item_vote,
)
from grassroots.workplaces.services.consultation import (
    staff_consultation_close,
    staff_consultation_complete,
    staff_consultation_create,
    staff_opinion_add,
    staff_opinion_answer,
)
from grassroots.workplaces.services.dialogue import (
    dialogue_member_list_set,
    dialogue_publication_due_on,
    dialogue_publish,
    dialogue_published_late,
    dialogue_record,
    dialogue_reply_due_on,
    dialogue_schedule,
)
from grassroots.workplaces.services.resolutions import (
    CHAIR_STATUSES,
    LEGAL_BASES,
    conference_cancel,
    conference_chair_set,
    conference_issue,
    head_authorisation_record,
    resolution_review_record,
)
from grassroots.workplaces.services.staff import (
    StaffImportError,
    StaffImportResult,
    employer_soe_rules_opt_in,
    staff_import,
    staff_member_add,
    staff_member_leave,
    staff_member_set_post,
    workplace_profile_set,
)

__all__ = [
    "CHAIR_STATUSES",
    "LEGAL_BASES",
    "MESSAGES",
    "StaffImportError",
    "StaffImportResult",
    "attendance_record",
    "conference_cancel",
    "conference_chair_set",
    "conference_close_attendance",
    "conference_create",
    "conference_delegates_set",
    "conference_issue",
    "conference_open",
    "conference_snapshot",
    "conference_step_record",
    "dialogue_member_list_set",
    "dialogue_publication_due_on",
    "dialogue_publish",
    "dialogue_published_late",
    "dialogue_record",
    "dialogue_reply_due_on",
    "dialogue_schedule",
    "employer_soe_rules_opt_in",
    "head_authorisation_record",
    "refuse",
    "resolution_item_add",
    "resolution_item_vote",
    "resolution_review_record",
    "staff_consultation_close",
    "staff_consultation_complete",
    "staff_consultation_create",
    "staff_import",
    "staff_member_add",
    "staff_member_leave",
    "staff_member_set_post",
    "staff_opinion_add",
    "staff_opinion_answer",
    "workplace_profile_set",
]
