"""Adoption by the households: the linked D3 vote of ``voting`` ([ND61] art. 10)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from grassroots.accounts.rules import Action
from grassroots.conventions import rules
from grassroots.conventions.models import (
    ConventionVersion,
    VersionStatus,
)
from grassroots.conventions.services.common import _check_text, _enforce, _fail, _lock_version, _require, _save_version
from grassroots.core import clock
from grassroots.voting import selectors as vote_selectors
from grassroots.voting.models import CommunityVote, VoteStatus

# --- Adoption by the households (D3 in ``voting``; [ND61] art. 10) --------------------------------------


def version_link_vote(
    *, version: ConventionVersion, vote: CommunityVote, actor: Any, now: dt.datetime | None = None
) -> ConventionVersion:
    """Link the D3 vote (meeting, or ballots after a meeting short of half the households) on the finalised text.

    The vote must not have opened yet: the households vote on the text as finalised. A ballot campaign moved
    from the linked meeting replaces it ([L] art. 19(1)(b); [ND61] art. 10(1)(b))."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock_version(version)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.convention.community, clock.localdate(moment))
        if locked.status != VersionStatus.FINALISED:
            raise _fail("conventions.bad_transition")
        fresh = CommunityVote.objects.get(pk=vote.pk)
        moved_from_linked = locked.vote_id is not None and fresh.moved_from_id == locked.vote_id
        if not moved_from_linked:
            _enforce(
                rules.check_vote_link(
                    matter=fresh.matter,
                    vote_unit_id=fresh.unit_id,
                    community_id=locked.convention.community_id,
                    vote_status=fresh.status,
                    vote_opened=fresh.opened_at is not None,
                    vote_form=fresh.form,
                )
            )
        locked.vote = fresh
        _save_version(locked, verb="vote_linked", actor=actor, moment=moment)
    return locked


def version_record_adoption(
    *, version: ConventionVersion, actor: Any, now: dt.datetime | None = None
) -> ConventionVersion:
    """Read the linked vote's counted result (the one outcome rule of ``voting``): adopted or not."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock_version(version)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.convention.community, clock.localdate(moment))
        vote = locked.vote
        if vote is None:
            raise _fail("conventions.wrong_vote")
        if vote.status == VoteStatus.MOVED_TO_BALLOTS:
            raise _fail("conventions.moved_to_ballots")
        if vote.status not in {VoteStatus.CLOSED, VoteStatus.SUBMITTED, VoteStatus.RECOGNISED} or vote.passed is None:
            raise _fail("conventions.vote_not_counted")
        _check_text(locked)
        if vote.passed:
            locked.adopted_on = vote_selectors.period_end(vote)
            _save_version(locked, verb="adopted", actor=actor, moment=moment, target=VersionStatus.ADOPTED)
        else:
            _save_version(locked, verb="not_adopted", actor=actor, moment=moment, target=VersionStatus.NOT_ADOPTED)
    return locked
