"""Deadlines after the vote, counted on the working calendar whenever they are shown ([L] arts 20(3), 21(2))."""

from __future__ import annotations

import datetime as dt

from grassroots.calendar import rules as calendar_rules
from grassroots.voting.models import VoteForm
from grassroots.voting.rules.law import RECOGNITION_WORKING_DAYS, SUBMISSION_WORKING_DAYS

# ---------------------------------------------------------------------------------------------
# Deadlines after the vote: counted on the working calendar whenever they are shown, never stored
# ---------------------------------------------------------------------------------------------


def voting_period_end(
    *, form: str, starts_on: dt.date, ends_on: dt.date | None, closed_on: dt.date | None = None
) -> dt.date:
    """The day the voting period ended: the meeting day, or the last day of ballots / online voting.

    [L] art. 20(3); [ND59] arts 3(5)(d), 4(7), 5(4)(b): the decision goes to the commune "after the
    meeting, or after the ballot or online-vote period ends" — not from when someone pressed "close".
    A ballot or online vote without a stated end falls back to the day it was closed.
    """
    if VoteForm(form) is VoteForm.MEETING:
        return starts_on
    if ends_on is not None:
        return ends_on
    return closed_on if closed_on is not None else starts_on


def submission_due(period_end: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    """Send the decision to the People's Committee and the Front ≤ 5 working days after the period ([L] art. 20(3))."""
    return calendar_rules.add_working_days(period_end, SUBMISSION_WORKING_DAYS, calendar)


def recognition_due(received_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    """Recognise or refuse in writing ≤ 5 working days after receiving the decision ([L] art. 21(2); [ND59] art. 8)."""
    return calendar_rules.add_working_days(received_on, RECOGNITION_WORKING_DAYS, calendar)
