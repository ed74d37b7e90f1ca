"""Information requests: the 10-working-day clock, one extension, the answer (art. 14(2); TCTT art. 29(2))."""

from __future__ import annotations

import datetime as dt

from grassroots.calendar import rules as calendar_rules
from grassroots.core.errors import RuleResult
from grassroots.disclosures.rules.law import (
    INFORMATION_REQUEST_EXTENSION_WORKING_DAYS,
    INFORMATION_REQUEST_MAX_EXTENSIONS,
    INFORMATION_REQUEST_WORKING_DAYS,
)
from grassroots.disclosures.rules.transitions import RequestAction, check_request_transition

# ---------------------------------------------------------------------------------------------
# Information requests (art. 14(2); TCTT art. 29(2))
# ---------------------------------------------------------------------------------------------


def information_request_due(received_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    return calendar_rules.add_working_days(received_on, INFORMATION_REQUEST_WORKING_DAYS, calendar)


def information_request_extended_due(due_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    return calendar_rules.add_working_days(due_on, INFORMATION_REQUEST_EXTENSION_WORKING_DAYS, calendar)


def check_information_request_extension(
    *, status: str, extensions_used: int, reason: str | None, due_on: dt.date, today: dt.date
) -> RuleResult:
    """One extension, with a reason, notified before the first deadline has passed.

    ``reason=None`` asks whether an extension may be offered at all (the page asks for the reason later).
    """
    result = check_request_transition(status, RequestAction.EXTEND)
    if not result:
        return result
    if extensions_used >= INFORMATION_REQUEST_MAX_EXTENSIONS:
        return RuleResult.refuse("disclosures.request_already_extended")
    if reason is not None and not reason.strip():
        return RuleResult.refuse("disclosures.request_extension_reason_required")
    if today > due_on:
        return RuleResult.refuse("disclosures.request_extension_too_late", due_on=due_on)
    return result


def check_information_request_answer(
    *, status: str, answer: str, answered_on: dt.date, received_on: dt.date
) -> RuleResult:
    result = check_request_transition(status, RequestAction.ANSWER)
    if not result:
        return result
    if not answer.strip():
        return RuleResult.refuse("disclosures.request_answer_required")
    if answered_on < received_on:
        return RuleResult.refuse("disclosures.request_answered_before_received")
    return result


def information_request_is_open(status: str) -> bool:
    """Whether the request still waits for its answer (the table allows an answer from its status)."""
    return bool(check_request_transition(status, RequestAction.ANSWER))


def information_request_is_overdue(*, status: str, current_due_on: dt.date, today: dt.date) -> bool:
    return information_request_is_open(status) and today > current_due_on
