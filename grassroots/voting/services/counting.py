"""Closing a vote: the count by the one outcome rule (``rules.vote_outcome``), the sealed ballot box opened,
a commune-wide vote counting each village's own result, a failed meeting moved to household ballots.

Every service runs in ``transaction.atomic``, locks the vote row, checks ``rules``, writes, and appends
an audit event in the same transaction. Refusals raise ``DomainError(code, message)``.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from typing import Any

from django.db import transaction

from grassroots.core import clock
from grassroots.voting import ballot_box, rules
from grassroots.voting.models import (
    CommunityVote,
    Scope,
    SealedChoice,
    SecretChoice,
    SecretOpinion,
    VoteForm,
    VoteOption,
    VoteParticipation,
    VotePurpose,
    VoteStatus,
)
from grassroots.voting.selectors import tally_counts, vote_threshold
from grassroots.voting.services.common import (
    ballot_box_key,
    fail,
    local_date,
    locked,
    refuse,
    transition,
)
from grassroots.voting.services.lifecycle import vote_create

# --- Closing: the count by the one outcome rule -------------------------------------------------------


def _open_ballot_box(vote: CommunityVote) -> int:
    """Open a secret online vote's sealed box: choices and opinions written apart, each shuffled; box emptied.

    Runs inside ``vote_close``'s transaction: every choice of the vote gets the same transaction id, a
    random key and a random position; an unopenable box refuses the close and loses nothing.
    """
    if not vote.ballot_box_salt and not SealedChoice.objects.filter(vote=vote).exists():
        return 0  # a vote opened before the sealed box existed keeps its choices as they were written
    key = ballot_box_key(vote)
    options = {option.key: option.pk for option in vote.options.all()}
    choices: list[int] = []
    opinions: list[str] = []
    for sealed in SealedChoice.objects.filter(vote=vote).values_list("sealed", flat=True):
        try:
            option_key, opinion = ballot_box.unseal(key, bytes(sealed))
        except ballot_box.SealError as error:
            raise fail("decisions.vote.box_unopenable") from error
        if option_key not in options:
            raise fail("decisions.vote.box_unopenable")
        choices.append(options[option_key])
        if opinion.strip():
            opinions.append(opinion.strip())
    chooser = secrets.SystemRandom()
    chooser.shuffle(choices)
    chooser.shuffle(opinions)
    SecretChoice.objects.bulk_create(
        (SecretChoice(id=uuid.uuid4(), vote_id=vote.pk, option_id=option_id) for option_id in choices), batch_size=5000
    )
    SecretOpinion.objects.bulk_create(
        (SecretOpinion(id=uuid.uuid4(), vote_id=vote.pk, text=text) for text in opinions), batch_size=5000
    )
    SealedChoice.objects.filter(vote=vote).delete()
    return len(choices)


def _final_children(vote: CommunityVote) -> list[CommunityVote]:
    """Each community's own result inside a commune-wide vote, by whatever form it was reached.

    A village meeting that fell back to household ballots hands the matter to its ballot campaign (which
    keeps the commune-wide link), so the meeting itself no longer counts; neither does a cancelled vote.
    """
    return list(vote.children.exclude(status__in=[VoteStatus.MOVED_TO_BALLOTS, VoteStatus.CANCELLED]))


def vote_close(*, vote: CommunityVote, actor: Any, now: dt.datetime | None = None) -> CommunityVote:
    """Close voting, count, compute the outcome by [L] art. 21(1) (``rules.vote_outcome``).

    Refuses while ballots or online voting still run (unless every household on the roll has voted),
    when the counts do not add up (choices ≠ households that took part, more than the roll), and for a
    meeting without approved officers. A commune-wide vote counts its communities that passed.
    """
    moment = now or clock.now()
    today = local_date(moment)
    with transaction.atomic():
        current = locked(vote)
        if current.status != VoteStatus.OPEN:
            raise fail("decisions.vote.bad_transition", current=current.status, target=VoteStatus.CLOSED)
        eligible = current.eligible_count or 0
        threshold = vote_threshold(current)
        if current.scope == Scope.COMMUNE:
            children = _final_children(current)
            if any(child.passed is None for child in children):
                raise fail("decisions.vote.children_open")
            yes = sum(1 for child in children if child.passed)
            refuse(rules.check_counts(eligible=eligible, participated=len(children), yes=yes))
            outcome = rules.vote_outcome(threshold=threshold, eligible=eligible, yes=yes, participated=len(children))
            current.participation_count = current.choice_count = len(children)
        else:
            if (
                current.form == VoteForm.MEETING
                and current.officers_approved_yes == 0
                and current.purpose != VotePurpose.ELECTION
            ):
                raise fail("decisions.vote.officers_missing")
            running = current.form != VoteForm.MEETING and current.ends_at is not None and moment < current.ends_at
            if current.is_secret and current.form == VoteForm.ONLINE:
                participations_so_far = VoteParticipation.objects.filter(vote=current).count()
                if running and participations_so_far < eligible:
                    raise fail("decisions.vote.still_running")
                _open_ballot_box(current)
            participated, counts, by_channel = tally_counts(current)
            if running and participated < eligible:
                raise fail("decisions.vote.still_running")
            options = list(current.options.all())
            by_option = {option.key: counts.get(option.pk, 0) for option in options}
            yes = sum(by_option[option.key] for option in options if option.counts_as_yes)
            marks = current.marks_per_ballot
            refuse(
                rules.check_counts(
                    eligible=eligible,
                    participated=participated,
                    yes=yes,
                    by_option=by_option,
                    by_channel=by_channel,
                    marks_per_ballot=marks,
                )
            )
            outcome = rules.vote_outcome(
                threshold=threshold,
                eligible=eligible,
                yes=yes,
                participated=participated,
                by_option=by_option,
                by_channel=by_channel,
                marks_per_ballot=marks,
            )
            for option in options:
                option.count = by_option[option.key]
            VoteOption.objects.bulk_update(options, ["count"])
            current.participation_count = participated
            current.choice_count = sum(by_option.values())
            if current.form == VoteForm.MEETING:
                current.present_count = current.attendances.count()
        current.yes_count = outcome.yes
        current.required_yes = outcome.required_yes
        current.passed = outcome.passed
        current.closed_at = moment
        current.counted_at = current.counted_at or moment
        if current.passed and current.purpose != VotePurpose.ELECTION:
            current.effective_date = rules.effective_date(matter=current.matter, scope=current.scope, vote_date=today)
        transition(current, VoteStatus.CLOSED, actor=actor, moment=moment, verb="closed")
    return current


def vote_move_to_ballots(
    *,
    vote: CommunityVote,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    actor: Any,
    now: dt.datetime | None = None,
) -> CommunityVote:
    """Move a meeting whose present households cannot reach the threshold to household ballots.

    [L] art. 19(1)(b): the new ballot campaign keeps a link to the failed meeting (``moved_from``) and,
    inside a commune-wide vote, to the commune-wide vote (``parent``), so the village's result still counts.
    """
    moment = now or clock.now()
    with transaction.atomic():
        current = locked(vote)
        if current.form != VoteForm.MEETING or current.scope != Scope.COMMUNITY:
            raise fail("decisions.vote.not_meeting")
        present = current.attendances.count()
        eligible = current.eligible_count or 0
        threshold = vote_threshold(current)
        if current.status == VoteStatus.OPEN and eligible > 0 and present >= rules.required_yes(threshold, eligible):
            raise fail("decisions.vote.reachable")
        if current.status == VoteStatus.CLOSED and (
            current.passed or (current.present_count or 0) >= (current.required_yes or 0)
        ):
            raise fail("decisions.vote.reachable")
        current.present_count = present
        transition(current, VoteStatus.MOVED_TO_BALLOTS, actor=actor, moment=moment, verb="moved_to_ballots")
        options = [(o.key, o.label, o.counts_as_yes) for o in current.options.all()]
        campaign = vote_create(
            unit=current.unit,
            matter=current.matter,
            form=VoteForm.HOUSEHOLD_BALLOT,
            title=current.title,
            question=current.question,
            starts_at=starts_at,
            ends_at=ends_at,
            purpose=current.purpose,
            is_secret=current.is_secret,
            options=options,
            moved_from=current,
            parent=current.parent,
            convenor_role=current.convenor_role,
            check_convenor_role=False,
            actor=actor,
            now=moment,
        )
    return campaign
