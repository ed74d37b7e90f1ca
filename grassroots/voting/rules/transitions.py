"""The state machine of a vote: one literal table."""

from __future__ import annotations

from collections.abc import Mapping

from grassroots.core.errors import RuleResult
from grassroots.voting.models import VoteStatus

# ---------------------------------------------------------------------------------------------
# State machine: one literal table
# ---------------------------------------------------------------------------------------------

VOTE_TRANSITIONS: Mapping[str, frozenset[str]] = {
    VoteStatus.DRAFT: frozenset({VoteStatus.SCHEDULED, VoteStatus.CANCELLED}),
    VoteStatus.SCHEDULED: frozenset({VoteStatus.OPEN, VoteStatus.CANCELLED}),
    VoteStatus.OPEN: frozenset({VoteStatus.CLOSED, VoteStatus.MOVED_TO_BALLOTS}),
    VoteStatus.CLOSED: frozenset({VoteStatus.SUBMITTED, VoteStatus.MOVED_TO_BALLOTS}),
    VoteStatus.SUBMITTED: frozenset({VoteStatus.RECOGNISED, VoteStatus.REFUSED}),
    VoteStatus.RECOGNISED: frozenset(),
    VoteStatus.REFUSED: frozenset(),
    VoteStatus.MOVED_TO_BALLOTS: frozenset(),
    VoteStatus.CANCELLED: frozenset(),
}

_TABLES: Mapping[str, Mapping[str, frozenset[str]]] = {"vote": VOTE_TRANSITIONS}


def check_transition(process: str, current: str, target: str) -> RuleResult:
    """Whether ``process`` may go from ``current`` to ``target`` (its literal table above)."""
    if target in _TABLES[process].get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse(f"decisions.{process}.bad_transition", current=current, target=target)
