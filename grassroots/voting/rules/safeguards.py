"""What keeps a vote honest: the frozen roll and its amendments, secret entry, the online agreement."""

from __future__ import annotations

import datetime as dt

from grassroots.core.errors import RuleResult
from grassroots.voting.models import VoteForm, VoteStatus

# ---------------------------------------------------------------------------------------------
# The roll, secret ballots, online agreement
# ---------------------------------------------------------------------------------------------


def check_roll_amendment(
    *, status: str, is_counted: bool, kind: str, reason: str, on_roll: bool, has_voted: bool
) -> RuleResult:
    """A correction of the frozen roll is allowed while voting runs and before the count, with a reason.

    Adding needs a household not on the roll; taking off needs one on it that has not voted (its vote
    would otherwise be counted against a roll it is no longer on); a new representative needs one on it.
    """
    if status != VoteStatus.OPEN or is_counted:
        return RuleResult.refuse("decisions.roll.locked")
    if not reason.strip():
        return RuleResult.refuse("decisions.roll.reason_required")
    if kind == "add" and on_roll:
        return RuleResult.refuse("decisions.roll.already_on")
    if kind in ("remove", "representative") and not on_roll:
        return RuleResult.refuse("decisions.roll.not_on")
    if kind == "remove" and has_voted:
        return RuleResult.refuse("decisions.roll.has_voted")
    return RuleResult.ok()


def check_secret_entry(*, is_secret: bool, channel: str, has_choice: bool) -> RuleResult:
    """In a secret vote nobody enters a household's choice for it: at a meeting or on paper the household
    takes part (its ballot goes in the box) and the counting board counts the ballots; online, the household
    chooses on its own device ([ND59] arts 3(5), 4(6), 5(3))."""
    if not is_secret:
        return RuleResult.ok()
    if channel == "meeting_hands":
        return RuleResult.refuse("decisions.vote.wrong_channel")
    if channel == "online":
        return RuleResult.ok() if has_choice else RuleResult.refuse("decisions.vote.choice_required")
    if has_choice:
        return RuleResult.refuse("decisions.vote.secret_counted_by_board")
    return RuleResult.ok()


def check_online_agreement(
    *, form: str, status: str, head_holds_role: bool, front_head_holds_role: bool, agreed_on: dt.date, today: dt.date
) -> RuleResult:
    """The village head and the Front work-committee head agree that neither a meeting nor ballots are needed.

    [L] art. 17(1)(c); [ND59] art. 5(1). Recorded before the vote is announced; each signer holds that
    post on the day of the agreement; not a day in the future.
    """
    if VoteForm(form) is not VoteForm.ONLINE:
        return RuleResult.refuse("decisions.online.not_online")
    if status != VoteStatus.DRAFT:
        return RuleResult.refuse("decisions.online.agreement_locked")
    if agreed_on > today:
        return RuleResult.refuse("decisions.online.agreement_future")
    if not head_holds_role:
        return RuleResult.refuse("decisions.online.not_village_head")
    if not front_head_holds_role:
        return RuleResult.refuse("decisions.online.not_front_head")
    return RuleResult.ok()
