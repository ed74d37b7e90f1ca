"""Writes of consultations ([L] arts 25–29): prepare, open, take opinions, close, answer, complete.

Every write is keyword-only, inside ``transaction.atomic``: lock the consultation → check the rules →
change → audit. Statuses move only through ``core.services.state_change`` and ``rules.check_transition``.
Completion issues the summary and explanation report through ``documents.document_issue`` and publishes it
as disclosure item K11 through the disclosures service.

A package by workflow (STYLE: split a module past ~600 lines); every name is re-exported here so
``from grassroots.consultations import services`` and ``services.<name>`` keep working."""

from __future__ import annotations

from grassroots.consultations.services.affected import affected_person_add, affected_person_heard, decision_sign
from grassroots.consultations.services.common import MESSAGES, REFUSALS
from grassroots.consultations.services.completion import (
    consultation_complete,
    consultation_complete_comments,
    higher_decision_record,
    stance_counts,
    summary_send_up,
)
from grassroots.consultations.services.dispositions import group_dispose, opinion_dispose
from grassroots.consultations.services.opinions import (
    opinion_enter,
    opinion_group_create,
    opinion_hide,
    opinion_submit,
    opinion_submit_unsigned,
)
from grassroots.consultations.services.preparation import (
    PLAN_PART_LABELS,
    consultation_cancel,
    consultation_close,
    consultation_create,
    consultation_open,
    plan_issue,
    plan_record_sent,
    plan_update,
    section_add,
)

__all__ = [
    "MESSAGES",
    "PLAN_PART_LABELS",
    "REFUSALS",
    "affected_person_add",
    "affected_person_heard",
    "consultation_cancel",
    "consultation_close",
    "consultation_complete",
    "consultation_complete_comments",
    "consultation_create",
    "consultation_open",
    "decision_sign",
    "group_dispose",
    "higher_decision_record",
    "opinion_dispose",
    "opinion_enter",
    "opinion_group_create",
    "opinion_hide",
    "opinion_submit",
    "opinion_submit_unsigned",
    "plan_issue",
    "plan_record_sent",
    "plan_update",
    "section_add",
    "stance_counts",
    "summary_send_up",
]
