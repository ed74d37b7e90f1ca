"""The state machines: one literal transition table per stateful model, and the take-down rule.

Disclosures (``TRANSITIONS``), information requests (``REQUEST_TRANSITIONS``), channel postings
(``POSTING_TRANSITIONS``) and relay tasks (``RELAY_TRANSITIONS``): (state, action) → new state, anything
else refused with a code. Services assign a state only after these checks; templates ask the model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum

from grassroots.core.errors import RuleResult
from grassroots.disclosures.models import InformationRequestStatus, Status
from grassroots.disclosures.rules.law import CategoryRule, posting_may_end_on

# ---------------------------------------------------------------------------------------------
# The state machine
# ---------------------------------------------------------------------------------------------


class Action(StrEnum):
    PUBLISH = "publish"
    AMEND = "amend"
    REPUBLISH = "republish"
    END = "end"
    WITHDRAW = "withdraw"


TRANSITIONS: Mapping[tuple[str, str], str] = {
    (Status.DRAFT, Action.PUBLISH): Status.PUBLISHED,
    (Status.PUBLISHED, Action.AMEND): Status.AMENDED,
    (Status.REPUBLISHED, Action.AMEND): Status.AMENDED,
    (Status.AMENDED, Action.REPUBLISH): Status.REPUBLISHED,
    (Status.PUBLISHED, Action.END): Status.ENDED,
    (Status.REPUBLISHED, Action.END): Status.ENDED,
    (Status.PUBLISHED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.REPUBLISHED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.AMENDED, Action.WITHDRAW): Status.WITHDRAWN,
}
"""The one transition table of a disclosure: (status, action) → new status. Anything else is refused."""

LIVE_STATUSES = frozenset({Status.PUBLISHED, Status.AMENDED, Status.REPUBLISHED})
"""Statuses in which a disclosure is (still) posted."""

UNPUBLISHED_STATUSES = frozenset({Status.DRAFT, Status.AMENDED})
"""Statuses whose current version is not public yet: the disclosure deadline runs and files may be attached."""

CHANNEL_RECORD_STATUSES = frozenset({Status.PUBLISHED, Status.REPUBLISHED, Status.ENDED})
"""Statuses in which the current version has been published, so its channels can be recorded."""


def _check_in(
    table: Mapping[tuple[str, str], str], status: str, action: str, refusals: Mapping[str, str], **params: object
) -> RuleResult:
    """Look ``(status, action)`` up in ``table``: the target status, or a refusal (by status, else the default)."""
    target = table.get((status, action))
    if target is None:
        code = refusals.get(status, "disclosures.transition_not_allowed")
        return RuleResult.refuse(code, status=status, action=action, **params)
    return RuleResult.ok(target=target)


def check_transition(status: str, action: str) -> RuleResult:
    return _check_in(TRANSITIONS, status, action, {})


def check_take_down(
    *, status: str, action: str, rule: CategoryRule, posted_since: dt.date | None, today: dt.date
) -> RuleResult:
    """Whether a live disclosure may be ended or withdrawn on ``today``.

    Withdrawal and ending before the minimum posting period has run are refused (art. 13(2), 48, 66).
    A permanent item (K4, K13) has no posting period to end: it is replaced by a new version (amend) or
    withdrawn when the underlying rule is repealed.
    """
    result = check_transition(status, action)
    if not result:
        return result
    if action == Action.END and rule.is_permanent:
        return RuleResult.refuse("disclosures.permanent_cannot_end")
    may_end_on = posting_may_end_on(posted_since, rule) if posted_since else None
    if may_end_on is not None and today < may_end_on:
        return RuleResult.refuse(
            "disclosures.minimum_posting_not_reached",
            may_end_on=may_end_on,
            min_days=rule.min_posting_days,
        )
    return result


# ---------------------------------------------------------------------------------------------
# Lifecycles of a channel's posting and of a village head's relay task
# ---------------------------------------------------------------------------------------------


class PostingState(StrEnum):
    """A channel event's state, read from its dates: up (``ended_on`` empty) or taken down."""

    UP = "up"
    TAKEN_DOWN = "taken_down"


class PostingAction(StrEnum):
    TAKE_DOWN = "take_down"


POSTING_TRANSITIONS: Mapping[tuple[str, str], str] = {
    (PostingState.UP, PostingAction.TAKE_DOWN): PostingState.TAKEN_DOWN,
}
"""The one transition table of a channel event: a posting comes down once."""


def posting_state(ended_on: dt.date | None) -> PostingState:
    return PostingState.UP if ended_on is None else PostingState.TAKEN_DOWN


def check_posting_transition(state: str, action: str) -> RuleResult:
    return _check_in(
        POSTING_TRANSITIONS, state, action, {PostingState.TAKEN_DOWN: "disclosures.publication_already_ended"}
    )


class RelayState(StrEnum):
    """A relay task's state, read from its acknowledgement: open or acknowledged (art. 13(4))."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"


class RelayAction(StrEnum):
    ACKNOWLEDGE = "acknowledge"


RELAY_TRANSITIONS: Mapping[tuple[str, str], str] = {
    (RelayState.OPEN, RelayAction.ACKNOWLEDGE): RelayState.ACKNOWLEDGED,
}
"""The one transition table of a relay task: the village head acknowledges it once."""


def relay_state(acknowledged_at: dt.datetime | None) -> RelayState:
    return RelayState.OPEN if acknowledged_at is None else RelayState.ACKNOWLEDGED


def check_relay_transition(state: str, action: str) -> RuleResult:
    return _check_in(
        RELAY_TRANSITIONS, state, action, {RelayState.ACKNOWLEDGED: "disclosures.relay_already_acknowledged"}
    )


class RequestAction(StrEnum):
    EXTEND = "extend"
    ANSWER = "answer"


REQUEST_TRANSITIONS: Mapping[tuple[str, str], str] = {
    (InformationRequestStatus.RECEIVED, RequestAction.EXTEND): InformationRequestStatus.EXTENDED,
    (InformationRequestStatus.RECEIVED, RequestAction.ANSWER): InformationRequestStatus.ANSWERED,
    (InformationRequestStatus.EXTENDED, RequestAction.ANSWER): InformationRequestStatus.ANSWERED,
}
"""The one transition table of an information request: one extension at most (TCTT art. 29(2)), then an answer."""

REQUEST_REFUSALS: Mapping[str, str] = {
    InformationRequestStatus.ANSWERED: "disclosures.request_already_answered",
    InformationRequestStatus.EXTENDED: "disclosures.request_already_extended",
}
"""The refusal code of a move the table does not allow, by the request's status."""


def check_request_transition(status: str, action: str) -> RuleResult:
    return _check_in(REQUEST_TRANSITIONS, status, action, REQUEST_REFUSALS)
