"""The election meeting: scheduled with its notice (Mẫu 01) ≥ 2 days before, then opened on the day
([ND59] arts 3(3), 7; law.md §1(b) "notice and documents", §1(c) "the vote").

Two ways to the ballot:

- ``election_meeting_schedule`` then ``election_open``: the meeting's time and place are fixed and the notice
  (Mẫu 01) is issued through the ``documents`` app, dated by the server's clock (never back-dated), at
  least 2 days before; on the day the meeting opens the vote, the candidates from the floor joining the
  ballot.
- ``election_open`` alone (the one-step path): the meeting is the moment of opening, and its notice goes
  through the very same code (``_meeting_schedule``: the same Mẫu 01, dated by the server's clock, the same
  ≥ 2-day check). The election's public notice ([ND59] art. 6) is not the meeting's notice: a meeting that
  starts now cannot have been notified 2 days before, so the one step is refused
  (``decisions.meeting.notice_too_late``) and leaves nothing behind; the organiser calls the meeting first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.elections import rules
from grassroots.elections.models import Election, ElectionStatus
from grassroots.elections.services.common import (
    _check_candidate_minutes,
    _check_organiser,
    _fail,
    _locked_election,
    _refuse,
    _save_election,
)
from grassroots.voting import rules as rules_for_votes
from grassroots.voting import services as vote_services
from grassroots.voting.models import CommunityVote, VoteForm, VoteFormDocument, VoteOption, VotePurpose, VoteStatus
from grassroots.voting.rules.forms import Decree59Form


def _ballot_options(election: Election) -> list[tuple[str, str, bool]]:
    """One option per candidate (the Front's list and the floor's); a single candidate gets "Không bầu" too."""
    options = [(f"c{candidate.pk}", candidate.full_name, False) for candidate in election.candidates.order_by("pk")]
    if len(options) == 1:
        # A single candidate still needs a real choice: "agree" counts for them, "disagree" does not.
        options.append(("against", str(_("Không bầu")), False))
    return options


def _team_leader(election: Election) -> str:
    """The name of the election team's leader, who signs the Mẫu 01 ([ND59] art. 3(1)).

    Nobody stands in for a leader the team has not named: not its first member, not the convening account.
    """
    leader = election.team.filter(is_leader=True).order_by("pk").first()
    if leader is None or not leader.full_name.strip():
        raise _fail("decisions.election.no_team_leader")
    return leader.full_name


def _new_vote(election: Election, *, starts_at: dt.datetime, is_secret: bool, actor: Any, moment: dt.datetime) -> Any:
    return vote_services.vote_create(
        unit=election.community,
        matter=rules.ELECTION_MATTER[election.kind],
        form=VoteForm.MEETING,
        purpose=VotePurpose.ELECTION,
        title=str(_("Bầu %(kind)s") % {"kind": election.get_kind_display()}),
        question=str(_("Bầu %(kind)s") % {"kind": election.get_kind_display()}),
        starts_at=starts_at,
        is_secret=is_secret,
        options=_ballot_options(election),
        # The election meeting is run for its organiser whatever the matter: the People's Committee (D4) or
        # the Front (D5), through ``run_action``; a D5 meeting recorded as "village_head" locked the Front
        # out of its own register ([ND59] arts 3(1), 6, 13, 17).
        convenor_role=rules_for_votes.Convenor.ELECTION_TEAM.value,
        check_convenor_role=False,
        actor=actor,
        now=moment,
    )


def election_meeting_notice_due(election: Election) -> dt.date:
    """The last day the notice of the election meeting (Mẫu 01) may reach the households ([ND59] art. 3(3))."""
    return rules.meeting_notice_due(election.election_date)


def election_meeting_notice(election: Election) -> VoteFormDocument | None:
    """The Mẫu 01 issued for ``election``'s meeting, if any."""
    if election.vote_id is None:
        return None
    return (
        VoteFormDocument.objects.filter(vote_id=election.vote_id, form=Decree59Form.MEETING_NOTICE.value)
        .select_related("document")
        .first()
    )


def election_meeting_schedule(
    *, election: Election, meeting_at: dt.datetime, place: str, actor: Any, now: dt.datetime | None = None
) -> CommunityVote:
    """Fix the election meeting's time and place and issue its notice (Mẫu 01) to the households.

    After the public notice ([ND59] art. 6), on the election day, ≥ 2 days ahead ([ND59] art. 3(3)): the
    notice is dated by the server's clock (``now`` is for tests), so a clerk cannot back-date it. The
    election team convenes and its leader signs ([ND59] art. 3(1)). All or nothing: a refused notice
    leaves no scheduled meeting behind.
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _locked_election(election)
        _check_organiser(locked, actor, today)
        if locked.status != ElectionStatus.ANNOUNCED:
            raise _fail("decisions.election.bad_transition", current=locked.status, target="meeting_scheduled")
        if locked.vote_id is not None:
            raise _fail("decisions.election.meeting_scheduled")
        _check_candidate_minutes(locked)
        vote = _meeting_schedule(locked, meeting_at=meeting_at, place=place, actor=actor, moment=moment)
        _save_election(locked, verb="meeting_scheduled", actor=actor, moment=moment)
    return vote


def _meeting_schedule(
    locked: Election, *, meeting_at: dt.datetime, place: str, actor: Any, moment: dt.datetime
) -> CommunityVote:
    """Create the election meeting's vote, issue its Mẫu 01 and schedule it: the one code both paths take.

    The notice's day is ``moment``'s (the server's clock): ≥ 2 days before the meeting ([ND59] art. 3(3)),
    checked first so that a meeting too soon is refused as such, then again by ``meeting_notice_issue``.
    """
    meeting_on = clock.localdate(meeting_at)
    _refuse(rules_for_votes.check_meeting_notice(notice_on=clock.localdate(moment), meeting_on=meeting_on))
    _refuse(rules.check_meeting_day(meeting_on=meeting_on, election_date=locked.election_date))
    if not place.strip():
        raise _fail("decisions.election.place_required")
    leader = _team_leader(locked)
    vote = _new_vote(locked, starts_at=meeting_at, is_secret=True, actor=actor, moment=moment)
    team = str(_("Tổ bầu cử %(community)s") % {"community": locked.community.name})
    vote_services.meeting_notice_issue(
        vote=vote,
        place=place,
        convenor_name=team,
        signer_name=leader,
        actor=actor,
        now=moment,
    )
    vote = vote_services.vote_schedule(vote=vote, notice_given_at=moment, actor=actor, now=moment)
    locked.vote = vote
    return vote


def _refresh_options(vote: CommunityVote, election: Election) -> None:
    """The ballot as it stands when the vote opens: the list plus the nominations from the floor."""
    VoteOption.objects.filter(vote=vote).delete()
    VoteOption.objects.bulk_create(
        VoteOption(vote=vote, key=key, label=label, position=index, counts_as_yes=yes)
        for index, (key, label, yes) in enumerate(_ballot_options(election))
    )


def election_open(
    *, election: Election, actor: Any, is_secret: bool = True, place: str = "", now: dt.datetime | None = None
) -> CommunityVote:
    """Open the election meeting on the vote engine: one option per candidate, denominator frozen.

    The election team convenes ([ND59] art. 3(1)); the meeting decides hands or secret ballot ([ND59] art. 7).
    A meeting scheduled with its Mẫu 01 opens on its own day. Otherwise (one step) the meeting is now and its
    Mẫu 01 goes through ``_meeting_schedule`` exactly as a scheduled one (at ``place``), so the 2 days of
    [ND59] art. 3(3) are checked against the server's clock: refused (``decisions.meeting.notice_too_late``),
    all or nothing. The election's public notice, whose day the clerk types, never stands in for it.
    """
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked_election(election)
        _check_organiser(locked, actor, clock.localdate(moment))
        if clock.localdate(moment) < locked.election_date:
            raise _fail("decisions.vote.too_early")
        if locked.seats > 1 and not is_secret:
            # One ballot marks up to one candidate per seat: counted by the board, so a secret ballot.
            raise _fail("decisions.election.multi_seat_secret")
        if locked.status != ElectionStatus.ANNOUNCED:
            raise _fail("decisions.election.bad_transition", current=locked.status, target=ElectionStatus.VOTING)
        # Held only with its Mẫu 05 issued ≥ 15 days before ([ND59] art. 6(2)), even if a status was set by hand.
        _check_candidate_minutes(locked)
        if locked.vote_id is None:
            # One step: the meeting is now. Its Mẫu 01 goes through the scheduled path's code, which refuses a
            # notice that has not reached the households 2 days before ([ND59] art. 3(3)): nothing is written.
            vote = _meeting_schedule(locked, meeting_at=moment, place=place, actor=actor, moment=moment)
        else:
            vote = CommunityVote.objects.select_for_update().get(pk=locked.vote_id)
        if vote.status != VoteStatus.SCHEDULED:
            raise _fail("decisions.vote.bad_transition", current=vote.status, target=VoteStatus.OPEN)
        _refresh_options(vote, locked)
        vote.is_secret = is_secret
        vote.save(update_fields=["is_secret", "updated_at"])
        if locked.seats > 1:
            vote.marks_per_ballot = locked.seats
            vote.save(update_fields=["marks_per_ballot", "updated_at"])
        vote = vote_services.vote_open(vote=vote, actor=actor, now=moment, for_election=True)
        locked.vote = vote
        _save_election(locked, verb="opened", actor=actor, moment=moment, target=ElectionStatus.VOTING)
        audit_record(
            code="decisions.election.ballot_fixed",
            actor=actor,
            unit=locked.community_id,
            obj=locked,
            after={"vote": vote.pk, "options": [option.label for option in vote.options.all()], "secret": is_secret},
            now=moment,
        )
    return vote
