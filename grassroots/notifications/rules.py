"""Pure decisions of the notifications app: when a reminder is due, what a subscriber follows."""

from __future__ import annotations

from collections.abc import Sequence

from grassroots.core.errors import RuleResult

REMINDER_WORKING_DAYS: tuple[int, ...] = (3, 1)
"""Remind N working days before a due date (default 3 and 1); a setting, ``NOTIFICATIONS_REMINDER_WORKING_DAYS``.

Not set by law: the legal clocks themselves are (``calendar``, each app's rules). Three working days is the
dashboard's "sắp đến hạn" (``calendar.rules.DUE_SOON_WORKING_DAYS``); one is the last call.
"""

SUBSCRIPTION_LOOKBACK_DAYS = 7
"""How far back the subscription job looks for new items (a run missed for a week still tells everyone once)."""


def reminder_step(working_days_left: int | None, steps: Sequence[int] = REMINDER_WORKING_DAYS) -> int | None:
    """The reminder step a task has reached (the smallest step ≥ its working days left), or ``None``.

    Counted in working days, so a weekend or Tết between today and the due date does not bring a reminder
    closer; a reminder missed on a day the job did not run is sent on the next run, never twice per step.
    Overdue tasks (negative) get no reminder: they are on the task page as "Quá hạn".
    """
    if working_days_left is None or working_days_left < 0:
        return None
    reached = [step for step in steps if working_days_left <= step]
    return min(reached) if reached else None


DRAFT_TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"completed"}),
    "completed": frozenset(),
}
"""A yearly obligation's draft (``models.ObligationDraft``): opened by a job, completed once by the officer."""


def check_draft_transition(current: str, target: str) -> RuleResult:
    """Whether a draft may move from ``current`` to ``target`` (the literal table above)."""
    if target in DRAFT_TRANSITIONS.get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse("notifications.draft.not_open")


def workplace_draft_key(organisation_id: int, obligation_code: str, due_on: str) -> str:
    """The key of a workplace obligation's draft: the organisation, the obligation and its due day (ISO)."""
    return f"workplaces:{organisation_id}:{obligation_code}:{due_on}"


def dialogue_draft_key(commune_id: int, year: int) -> str:
    """The key of a commune's yearly dialogue conference draft (Law 10/2022 art. 32(1): at least one a year)."""
    return f"reception:dialogue:{commune_id}:{year}"


def review_draft_key(convention_id: int, year: int) -> str:
    """The key of a convention's yearly review draft."""
    return f"conventions:review:{convention_id}:{year}"
