"""After the count: the result goes to the commune People's Committee and Front, which recognise it or
refuse in writing ([L] arts 20(3), 21(2)); a vote in preparation may be cancelled.

Every service runs in ``transaction.atomic``, locks the vote row, checks ``rules``, writes, and appends
an audit event in the same transaction. Refusals raise ``DomainError(code, message)``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from grassroots.core import clock
from grassroots.units import selectors as unit_selectors
from grassroots.voting import rules
from grassroots.voting.models import (
    CommunityVote,
    DecisionRevocation,
    Scope,
    VoteStatus,
)
from grassroots.voting.services.common import (
    fail,
    local_date,
    locked,
    may,
    transition,
)


def vote_submit(*, vote: CommunityVote, actor: Any, now: dt.datetime | None = None) -> CommunityVote:
    """Send the result to the commune People's Committee and Front ([L] art. 20(3)); the recognition clock starts.

    The recognition deadline is not stored: it is counted from ``submitted_at`` when it is shown.
    """
    moment = now or clock.now()
    with transaction.atomic():
        current = locked(vote)
        if DecisionRevocation.objects.filter(original=current).exists():
            raise fail("decisions.revocation.revoked")  # [L] art. 22: a revoked decision is not carried out
        current.submitted_at = moment
        transition(current, VoteStatus.SUBMITTED, actor=actor, moment=moment, verb="submitted")
    return current


def _check_recogniser(vote: CommunityVote, actor: Any, on: dt.date) -> None:
    recogniser = rules.recogniser_for(vote.matter, vote.scope)
    if recogniser is rules.Recogniser.NONE:
        raise fail("decisions.vote.no_recognition")
    commune = vote.unit if vote.scope == Scope.COMMUNE else unit_selectors.commune_of(vote.unit)
    if commune is None or not may(actor, rules.RECOGNISER_ACTIONS[recogniser], commune, on):
        raise fail("decisions.vote.not_recogniser")


def vote_recognise(
    *,
    vote: CommunityVote,
    actor: Any,
    effective_date: dt.date | None = None,
    now: dt.datetime | None = None,
) -> CommunityVote:
    """Recognise a passed result (People's Committee or Front by matter, [L] art. 21(2)).

    The effective date follows the rule: the recognition date for D3–D5; a date the committee sets
    for commune-wide D1/D2 (``effective_date`` required).
    """
    moment = now or clock.now()
    today = local_date(moment)
    with transaction.atomic():
        current = locked(vote)
        if DecisionRevocation.objects.filter(original=current).exists():
            raise fail("decisions.revocation.revoked")  # [L] art. 22: a revoked decision is not carried out
        if current.status != VoteStatus.SUBMITTED:
            raise fail("decisions.vote.bad_transition", current=current.status, target=VoteStatus.RECOGNISED)
        _check_recogniser(current, actor, today)
        if not current.passed:
            raise fail("decisions.vote.not_passed")
        rule = rules.scope_rule(current.matter, current.scope).effective
        if rule is rules.EffectiveRule.DATE_SET_BY_COMMITTEE and effective_date is None:
            raise fail("decisions.vote.effective_date_required")
        current.recognised_at = moment
        current.recognised_by = actor
        current.effective_date = rules.effective_date(
            matter=current.matter,
            scope=current.scope,
            vote_date=local_date(current.closed_at or moment),
            recognition_date=today,
            committee_date=effective_date,
        )
        transition(current, VoteStatus.RECOGNISED, actor=actor, moment=moment, verb="recognised")
    return current


def vote_refuse(*, vote: CommunityVote, reason: str, actor: Any, now: dt.datetime | None = None) -> CommunityVote:
    """Refuse recognition in writing with reasons ([L] art. 21(2))."""
    moment = now or clock.now()
    with transaction.atomic():
        current = locked(vote)
        if current.status != VoteStatus.SUBMITTED:
            raise fail("decisions.vote.bad_transition", current=current.status, target=VoteStatus.REFUSED)
        _check_recogniser(current, actor, local_date(moment))
        if not reason.strip():
            raise fail("decisions.vote.reason_required")
        current.recognised_at = moment
        current.recognised_by = actor
        current.refusal_reason = reason.strip()
        current.effective_date = None
        transition(current, VoteStatus.REFUSED, actor=actor, moment=moment, verb="refused")
    return current


def vote_cancel(*, vote: CommunityVote, actor: Any, now: dt.datetime | None = None) -> CommunityVote:
    moment = now or clock.now()
    with transaction.atomic():
        current = locked(vote)
        transition(current, VoteStatus.CANCELLED, actor=actor, moment=moment, verb="cancelled")
    return current
