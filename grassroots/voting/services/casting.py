"""Casting: one household, one vote, from the roll only, through the vote's own channels; the secret count.

Concurrency: one vote per household is the database's job twice over. Every participation names its
roll entry (``roll_entry``, one-to-one) and ``(vote, household)`` is unique: a duplicate insert raises
``IntegrityError`` inside a savepoint and becomes ``decisions.vote.already_voted``. Closing and counting
lock the vote row ``FOR UPDATE``; a cast's participation insert holds a key-share lock on the same row
(its foreign key), so they wait for casts in flight, and a cast that started before them re-reads the
vote after its insert and refuses if the vote closed or was counted meanwhile.

Secrecy: a secret vote's participation records who took part, never what they chose. Online, the
choice is sealed into the ballot box (``SealedChoice``, encrypted, fixed length, no household, no
time); at a meeting or on paper nobody enters a household's choice: the counting board counts the
ballots per option (``vote_count_ballots``), written in one shuffled batch.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery

from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.units.models import Household
from grassroots.voting import ballot_box, rules
from grassroots.voting.models import (
    Channel,
    ClusterSession,
    CommunityVote,
    SealedChoice,
    SecretChoice,
    VoteForm,
    VoteOption,
    VoteParticipation,
    VotePurpose,
    VoteRollEntry,
    VoteStatus,
)
from grassroots.voting.services.common import ballot_box_key, fail, locked, refuse

CHANNELS_BY_FORM: Mapping[str, frozenset[str]] = {
    VoteForm.MEETING: frozenset({Channel.MEETING_HANDS, Channel.MEETING_BALLOT}),
    VoteForm.HOUSEHOLD_BALLOT: frozenset({Channel.PAPER_BALLOT}),
    VoteForm.ONLINE: frozenset({Channel.ONLINE}),
}


def _still_accepting(vote_id: int) -> bool:
    return CommunityVote.objects.filter(pk=vote_id, status=VoteStatus.OPEN, counted_at__isnull=True).exists()


CAST_ENTRY_FIELDS = (
    "id",
    "vote_id",
    "household_id",
    "representative_user_id",
    "is_active",
    "vote__id",
    "vote__unit_id",
    "vote__status",
    "vote__counted_at",
    "vote__form",
    "vote__matter",
    "vote__purpose",
    "vote__starts_at",
    "vote__ends_at",
    "vote__is_secret",
    "vote__eligible_count",
    "vote__ballot_box_salt",
)
"""What casting reads of a roll entry and its vote: one narrow query on the vote day's hot path."""


def _cast_entry(*, option_key: str | None = None, **lookup: Any) -> VoteRollEntry | None:
    """An active roll entry with the vote's casting fields, as the database holds them now.

    With ``option_key``, the same statement also finds that option of the vote (``cast_option_id``, None when
    the vote has no such option): one statement fewer on every cast.
    """
    queryset = VoteRollEntry.objects.filter(is_active=True, **lookup).select_related("vote").only(*CAST_ENTRY_FIELDS)
    if option_key is not None:
        options = VoteOption.objects.filter(vote_id=OuterRef("vote_id"), key=option_key).order_by().values("pk")
        queryset = queryset.annotate(cast_option_id=Subquery(options[:1]))
    return queryset.order_by().first()


def vote_cast(
    *,
    vote: CommunityVote,
    household: Household,
    channel: str,
    actor: Any,
    option_key: str | None = None,
    other_opinion: str = "",
    session: ClusterSession | None = None,
    now: dt.datetime | None = None,
) -> VoteParticipation:
    """Record one household's vote: on the roll, once, through a channel of the vote's form, before the count.

    Online: the actor must be the household's representative on the roll. Meeting hands and returned
    paper ballots are entered by staff on the household's behalf (``is_on_behalf``). In a secret vote a
    meeting or paper ballot is recorded without a choice (the counting board counts them); an online
    secret choice is sealed into the ballot box with nothing that links it to the household.
    """
    entry = _cast_entry(vote_id=vote.pk, household_id=household.pk, option_key=option_key)
    current = entry.vote if entry is not None else CommunityVote.objects.get(pk=vote.pk)
    return _cast(
        current=current,
        entry=entry,
        channel=channel,
        actor=actor,
        option_key=option_key,
        other_opinion=other_opinion,
        session=session,
        moment=now or clock.now(),
    )


def vote_cast_online(
    *, vote_id: int, actor: Any, option_key: str, other_opinion: str = "", now: dt.datetime | None = None
) -> VoteParticipation:
    """A household representative sends their household's online vote: the household is the one the actor
    represents on the vote's frozen roll ([L] art. 18(2); [ND59] art. 5), found in the same query as the vote.

    ``decisions.vote.not_eligible`` when the vote is not online or the actor represents no household on its
    roll (the page answers 404); every other check is ``vote_cast``'s, in the same order.
    """
    entry = _cast_entry(
        vote_id=vote_id,
        vote__form=VoteForm.ONLINE,
        representative_user_id=getattr(actor, "pk", 0),
        option_key=option_key,
    )
    if entry is None:
        raise fail("decisions.vote.not_eligible")
    return _cast(
        current=entry.vote,
        entry=entry,
        channel=Channel.ONLINE,
        actor=actor,
        option_key=option_key,
        other_opinion=other_opinion,
        session=None,
        moment=now or clock.now(),
    )


def _cast(
    *,
    current: CommunityVote,
    entry: VoteRollEntry | None,
    channel: str,
    actor: Any,
    option_key: str | None,
    other_opinion: str,
    session: ClusterSession | None,
    moment: dt.datetime,
) -> VoteParticipation:
    if current.status != VoteStatus.OPEN:
        raise fail("decisions.vote.not_open")
    if current.counted_at is not None:
        raise fail("decisions.vote.count_recorded")
    if channel not in CHANNELS_BY_FORM[current.form]:
        raise fail("decisions.vote.wrong_channel")
    if current.form != VoteForm.MEETING and (
        moment < current.starts_at or (current.ends_at is not None and moment > current.ends_at)
    ):
        raise fail("decisions.vote.outside_period")
    if entry is None:
        raise fail("decisions.vote.not_eligible")
    household_id = entry.household_id
    is_on_behalf = True
    if channel == Channel.ONLINE:
        if entry.representative_user_id is None or entry.representative_user_id != getattr(actor, "pk", None):
            raise fail("decisions.vote.not_representative")
        is_on_behalf = False
    refuse(rules.check_secret_entry(is_secret=current.is_secret, channel=channel, has_choice=option_key is not None))
    option_id: int | None = None
    if option_key is not None:
        # Found with the roll entry (``_cast_entry``), of this vote: the entry names it.
        option_id = getattr(entry, "cast_option_id", None)
        if option_id is None:
            raise fail("decisions.vote.bad_option")
    elif not current.is_secret:
        raise fail("decisions.vote.choice_required")
    if len(other_opinion) > ballot_box.OPINION_MAX_CHARS:
        raise fail("decisions.vote.opinion_too_long", max=ballot_box.OPINION_MAX_CHARS)
    with transaction.atomic():
        if current.form == VoteForm.MEETING:
            attendance = current.attendances.filter(household_id=household_id).first()
            if attendance is None:
                raise fail("decisions.vote.not_present")
            if session is not None and session.vote_id != current.pk:
                raise fail("decisions.meeting.wrong_session")
            # The household votes in the cluster session it was registered in (per-session counts).
            if session is None and attendance.session_id is not None:
                session = attendance.session
            if current.matter == "D3" and current.purpose == VotePurpose.MATTER:
                attending = current.attendances.count()
                if not rules.huong_uoc_quorum(present=attending, eligible=current.eligible_count or 0):
                    raise fail("decisions.meeting.huong_uoc_quorum")
        if channel == Channel.PAPER_BALLOT and not current.ballots.filter(household_id=household_id).exists():
            raise fail("decisions.vote.no_ballot")
        # No savepoint of its own: a second vote of the household breaks the unique constraint, and the
        # refusal leaves this whole atomic block, which rolls the transaction (or the caller's savepoint) back.
        try:
            participation = VoteParticipation.objects.create(
                vote=current,
                household_id=household_id,
                roll_entry=entry,
                channel=channel,
                option_id=None if current.is_secret else option_id,
                other_opinion="" if current.is_secret else other_opinion,
                entered_by=actor,
                is_on_behalf=is_on_behalf,
                session=session,
                recorded_at=moment,
            )
        except IntegrityError as error:
            raise fail("decisions.vote.already_voted") from error
        if current.is_secret and option_key is not None:
            SealedChoice.objects.create(
                id=uuid.uuid4(),
                vote=current,
                sealed=ballot_box.seal(ballot_box_key(current), option_key, other_opinion),
            )
        # Our insert waited for any close or count in progress (it locks the vote row); re-read the vote.
        if not _still_accepting(current.pk):
            raise fail("decisions.vote.not_open")
        after: dict[str, Any] = {
            "household": household_id,
            "channel": channel,
            "entered_by": getattr(actor, "pk", None),
            "is_on_behalf": is_on_behalf,
        }
        if not current.is_secret:
            after["option"] = option_key
        # A secret vote's audit event names the household but never the choice.
        audit_record(
            code="decisions.vote.participation_recorded",
            actor=actor,
            unit=current.unit_id,
            obj=participation,
            after=after,
            now=moment,
        )
    return participation


def vote_count_ballots(
    *, vote: CommunityVote, counts: Mapping[str, int], actor: Any, now: dt.datetime | None = None
) -> int:
    """The counting board records the secret ballots it counted, per option ([ND59] arts 3(5)(c), 4(6)).

    The count must equal the households recorded as having voted; once recorded, the vote takes no more
    ballots, attendance or counts through any channel. Returns how many ballots were recorded.
    """
    moment = now or clock.now()
    with transaction.atomic():
        current = locked(vote)
        if not current.is_secret or current.form == VoteForm.ONLINE:
            raise fail("decisions.vote.count_not_secret")
        if current.status != VoteStatus.OPEN:
            raise fail("decisions.vote.not_open")
        if current.counted_at is not None:
            raise fail("decisions.vote.count_recorded")
        options = {option.key: option for option in current.options.all()}
        if any(key not in options for key in counts):
            raise fail("decisions.vote.bad_option")
        if any(value < 0 for value in counts.values()):
            raise fail("decisions.vote.count_negative")
        participations = VoteParticipation.objects.filter(vote=current).count()
        total = sum(counts.values())
        marks = current.marks_per_ballot
        if marks > 1:
            # A multi-seat ballot: at most one mark per candidate, at most one per seat ([ND59] art. 7).
            if any(value > participations for value in counts.values()) or total > participations * marks:
                raise fail("decisions.vote.count_exceeds_returns", count=total, participations=participations)
        elif total != participations:
            raise fail("decisions.vote.count_exceeds_returns", count=total, participations=participations)
        rows = [
            SecretChoice(id=uuid.uuid4(), vote=current, option=options[key])
            for key, value in counts.items()
            for _ in range(value)
        ]
        secrets.SystemRandom().shuffle(rows)
        SecretChoice.objects.bulk_create(rows, batch_size=5000)
        current.counted_at = moment
        current.save(update_fields=["counted_at", "updated_at"])
        audit_record(
            code="decisions.vote.ballots_counted",
            actor=actor,
            unit=current.unit_id,
            obj=current,
            after={"counts": dict(counts)},
            now=moment,
        )
    return len(rows)
