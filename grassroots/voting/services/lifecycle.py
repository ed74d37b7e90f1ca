"""A vote until voting opens: create it, its team, the online agreement, announce it, open it (freeze the
roll, issue the ballots). Closing is in ``counting``, what follows in ``recognition``.

Every service runs in ``transaction.atomic``, locks the vote row, checks ``rules``, writes, and appends
an audit event in the same transaction. Refusals raise ``DomainError(code, message)``.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction

from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.units import selectors as unit_selectors
from grassroots.units.models import AdministrativeUnit, Household, UnitLevel
from grassroots.voting import ballot_box, rules
from grassroots.voting.models import (
    BallotSerial,
    CommunityVote,
    DeliveryMethod,
    IssuedBallot,
    MeetingOfficer,
    OfficerRole,
    OnlineFormAgreement,
    Scope,
    VoteForm,
    VoteOption,
    VotePurpose,
    VoteRollEntry,
    VoteStatus,
)
from grassroots.voting.services.common import (
    DEFAULT_OPTIONS,
    fail,
    local_date,
    locked,
    may,
    refuse,
    transition,
)
from grassroots.voting.services.meetings import deliveries_write, documents_delivered_in_time
from grassroots.voting.services.roll import roll_freeze

BALLOT_SERIAL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
BALLOT_SERIAL_LENGTH = 8


def online_form_adopted(community: AdministrativeUnit | int, on: dt.date | None = None) -> bool:
    """Whether the community adopted the online form: a passed online-adoption vote ([ND59] art. 5(2)(c))."""
    return CommunityVote.objects.filter(
        unit=community,
        purpose=VotePurpose.ONLINE_ADOPTION,
        passed=True,
        status__in=[VoteStatus.CLOSED, VoteStatus.SUBMITTED, VoteStatus.RECOGNISED],
    ).exists()


def vote_create(
    *,
    unit: AdministrativeUnit,
    matter: str,
    form: str,
    title: str,
    question: str,
    starts_at: dt.datetime,
    convenor_role: str,
    actor: Any,
    scope: str = Scope.COMMUNITY,
    purpose: str = VotePurpose.MATTER,
    ends_at: dt.datetime | None = None,
    is_secret: bool = False,
    options: Sequence[tuple[str, str, bool]] | None = None,
    moved_from: CommunityVote | None = None,
    parent: CommunityVote | None = None,
    check_convenor_role: bool = True,
    head_is_front_head: bool = False,
    front_chair_agreed: bool = False,
    now: dt.datetime | None = None,
) -> CommunityVote:
    """Create a vote in ``draft``: checks unit level, the form matrix and who convenes.

    ``options`` are ``(key, label, counts_as_yes)``; default agree / disagree / other.
    ``check_convenor_role=False`` is for engine callers that checked authority themselves (elections,
    dismissals, the communities' part of a commune-wide vote, a meeting moved to ballots).
    ``head_is_front_head`` / ``front_chair_agreed``: the convenor exception of [ND59] art. 3(1) (the commune
    Chair convenes a dismissal when the village head is also the Front work-committee head).
    """
    moment = now or clock.now()
    today = local_date(moment)
    expected_level = UnitLevel.COMMUNE if scope == Scope.COMMUNE else UnitLevel.COMMUNITY
    if unit.level != expected_level:
        raise fail("decisions.vote.wrong_unit")
    if ends_at is not None and ends_at <= starts_at:
        raise fail("decisions.vote.ends_before_start")
    has_failed_meeting = (
        moved_from is not None
        and moved_from.form == VoteForm.MEETING
        and moved_from.matter == matter
        and moved_from.unit_id == unit.pk
    )
    if parent is None:
        refuse(
            rules.check_form(
                matter=matter,
                scope=scope,
                form=form,
                has_failed_meeting=has_failed_meeting,
                online_adopted=form == VoteForm.ONLINE and online_form_adopted(unit),
            )
        )
    if check_convenor_role:
        refuse(
            rules.check_convenor(
                matter=matter,
                scope=scope,
                purpose=purpose,
                role=convenor_role,
                head_is_front_head=head_is_front_head,
                front_chair_agreed=front_chair_agreed,
            )
        )
        if not may(actor, rules.run_action(convenor_role=convenor_role, matter=matter), unit, today):
            raise fail("decisions.convenor.wrong_role")
    chosen = list(options) if options is not None else [(k, str(label), y) for k, label, y in DEFAULT_OPTIONS]
    if len(chosen) < 2 or len({key for key, _label, _yes in chosen}) != len(chosen):
        raise fail("decisions.vote.options")
    with transaction.atomic():
        vote = CommunityVote.objects.create(
            unit=unit,
            parent=parent,
            matter=matter,
            scope=scope,
            form=form,
            purpose=purpose,
            title=title,
            question=question,
            is_secret=is_secret,
            convened_by=actor,
            convenor_role=convenor_role,
            starts_at=starts_at,
            ends_at=ends_at,
            moved_from=moved_from,
        )
        VoteOption.objects.bulk_create(
            VoteOption(vote=vote, key=key, label=label, position=index, counts_as_yes=yes)
            for index, (key, label, yes) in enumerate(chosen)
        )
        if form == VoteForm.ONLINE:
            vote.adoption_vote = (
                CommunityVote.objects.filter(unit=unit, purpose=VotePurpose.ONLINE_ADOPTION, passed=True)
                .order_by("-closed_at")
                .first()
            )
            vote.save(update_fields=["adoption_vote"])
        audit_record(
            code="decisions.vote.created",
            actor=actor,
            unit=unit,
            obj=vote,
            after={
                "status": vote.status,
                "matter": matter,
                "form": form,
                "title": title,
                "scope": scope,
                "purpose": purpose,
                "moved_from": vote.moved_from_id,
                "parent": vote.parent_id,
            },
            now=moment,
        )
    return vote


def commune_vote_create(
    *,
    commune: AdministrativeUnit,
    matter: str,
    form: str,
    title: str,
    question: str,
    starts_at: dt.datetime,
    actor: Any,
    ends_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> CommunityVote:
    """A commune-wide D1/D2 vote ([L] arts 16(1), 21(1)): a parent plus one child vote per community.

    The commune Chair decides content and form; each village head then runs the child vote.
    """
    moment = now or clock.now()
    with transaction.atomic():
        parent = vote_create(
            unit=commune,
            matter=matter,
            form=form,
            title=title,
            question=question,
            starts_at=starts_at,
            ends_at=ends_at,
            scope=Scope.COMMUNE,
            convenor_role=rules.Convenor.COMMUNE_CHAIR.value,
            actor=actor,
            now=moment,
        )
        for community in unit_selectors.communities_of(commune, local_date(moment)):
            vote_create(
                unit=community,
                matter=matter,
                form=form,
                title=title,
                question=question,
                starts_at=starts_at,
                ends_at=ends_at,
                convenor_role=rules.Convenor.VILLAGE_HEAD.value,
                parent=parent,
                check_convenor_role=False,
                actor=actor,
                now=moment,
            )
    return parent


def vote_officer_add(
    *,
    vote: CommunityVote,
    role: str,
    full_name: str,
    actor: Any,
    household: Any = None,
    is_leader: bool = False,
    now: dt.datetime | None = None,
) -> MeetingOfficer:
    """Add a ballot-team or online-team member (before the vote is scheduled)."""
    moment = now or clock.now()
    with transaction.atomic():
        current = locked(vote)
        if current.status != VoteStatus.DRAFT:
            raise fail("decisions.vote.bad_transition", current=current.status, target=current.status)
        officer = MeetingOfficer.objects.create(
            vote=current, role=role, full_name=full_name.strip(), household=household, is_leader=is_leader
        )
        audit_record(
            code="decisions.vote.officer_added",
            actor=actor,
            unit=current.unit_id,
            obj=current,
            after={"role": role, "full_name": officer.full_name, "household": getattr(household, "pk", None)},
            now=moment,
        )
    return officer


def online_agreement_record(
    *,
    vote: CommunityVote,
    village_head: Any,
    front_head: Any,
    agreed_on: dt.date,
    actor: Any,
    now: dt.datetime | None = None,
) -> OnlineFormAgreement:
    """Record that the village head and the Front work-committee head agreed no meeting or ballots are needed.

    [L] art. 17(1)(c); [ND59] art. 5(1). Only while the online vote is a draft: once it is announced the
    agreement (and with it the form) is fixed. Each signer must hold the post on the day of the agreement.
    """
    from grassroots.accounts.rules import Action

    moment = now or clock.now()
    with transaction.atomic():
        current = locked(vote)
        refuse(
            rules.check_online_agreement(
                form=current.form,
                status=current.status,
                head_holds_role=may(village_head, Action.RUN_COMMUNITY_VOTES, current.unit_id, agreed_on),
                front_head_holds_role=may(front_head, Action.ACT_FOR_FRONT_WORK_COMMITTEE, current.unit_id, agreed_on),
                agreed_on=agreed_on,
                today=local_date(moment),
            )
        )
        agreement, _created = OnlineFormAgreement.objects.update_or_create(
            vote=current,
            defaults={
                "village_head": village_head,
                "front_head": front_head,
                "agreed_on": agreed_on,
                "recorded_by": actor,
                "recorded_at": moment,
            },
        )
        audit_record(
            code="decisions.vote.online_agreement_recorded",
            actor=actor,
            unit=current.unit_id,
            obj=current,
            after={"village_head": village_head.pk, "front_head": front_head.pk, "agreed_on": agreed_on},
            now=moment,
        )
    return agreement


def vote_schedule(
    *,
    vote: CommunityVote,
    notice_given_at: dt.datetime,
    actor: Any,
    documents_delivered_at: dt.datetime | None = None,
    plan_issued_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> CommunityVote:
    """Record the notice (meeting) or public announcement (ballots, online) and schedule the vote."""
    moment = now or clock.now()
    with transaction.atomic():
        current = locked(vote)
        start_day = local_date(current.starts_at)
        notice_day = local_date(notice_given_at)
        if current.form == VoteForm.MEETING:
            refuse(rules.check_meeting_notice(notice_on=notice_day, meeting_on=start_day))
            if documents_delivered_at is not None and rules.needs_documents(
                matter=current.matter, purpose=current.purpose
            ):
                # The single delivery date is the fallback for "every household on the same day": it is
                # checked now and written as one delivery record per household (checked again at opening).
                delivered_on = local_date(documents_delivered_at)
                refuse(
                    rules.check_documents_delivered(
                        matter=current.matter, delivered_on=delivered_on, meeting_on=start_day
                    )
                )
                deliveries_write(
                    current,
                    list(Household.objects.of_unit_on(current.unit_id, delivered_on)),
                    delivered_on=delivered_on,
                    method=DeliveryMethod.OTHER,
                    actor=actor,
                    moment=moment,
                )
        else:
            refuse(rules.check_ballot_notice(notice_on=notice_day, distribution_on=start_day))
            if current.scope == Scope.COMMUNITY:
                team_role = OfficerRole.ONLINE_TEAM if current.form == VoteForm.ONLINE else OfficerRole.BALLOT_TEAM
                refuse(rules.check_team_size(current.officers.filter(role=team_role).count()))
            if current.form == VoteForm.ONLINE and not OnlineFormAgreement.objects.filter(vote=current).exists():
                raise fail("decisions.online.agreement_missing")
        current.notice_given_at = notice_given_at
        current.documents_delivered_at = documents_delivered_at
        current.plan_issued_on = plan_issued_on
        transition(current, VoteStatus.SCHEDULED, actor=actor, moment=moment, verb="scheduled")
    return current


def _ballot_serials(count: int) -> list[str]:
    """``count`` distinct random serials, in random order."""
    chooser = secrets.SystemRandom()
    found: set[str] = set()
    while len(found) < count:
        found.add("".join(chooser.choice(BALLOT_SERIAL_ALPHABET) for _ in range(BALLOT_SERIAL_LENGTH)))
    serials = list(found)
    chooser.shuffle(serials)
    return serials


def vote_open(
    *, vote: CommunityVote, actor: Any, now: dt.datetime | None = None, for_election: bool = False
) -> CommunityVote:
    """Open voting and freeze the roll: the community's households and their representatives on this day.

    An election meeting opens only through ``elections.services.election_open`` (``for_election=True``):
    opened here alone, the election would stay announced while its vote runs, without the floor's nominees.

    The roll's size is the denominator ([L] art. 21(1)). A commune-wide vote counts its communities.
    A household ballot campaign delivers one ballot per household on the roll: numbered and named for an
    open campaign; for a secret one, unnamed ballots with random serials stored without any household.
    A secret online vote gets the random salt of its sealed ballot box.
    """
    moment = now or clock.now()
    today = local_date(moment)
    with transaction.atomic():
        current = locked(vote)
        refuse(rules.check_transition("vote", current.status, VoteStatus.OPEN))
        if current.purpose == VotePurpose.ELECTION and not for_election:
            raise fail("decisions.vote.election_opened_by_election")
        if today < local_date(current.starts_at):
            raise fail("decisions.vote.too_early")
        if current.form == VoteForm.ONLINE and not OnlineFormAgreement.objects.filter(vote=current).exists():
            raise fail("decisions.online.agreement_missing")
        current.eligible_on = today
        current.opened_at = moment
        if current.scope == Scope.COMMUNE:
            current.eligible_count = current.children.count()
        else:
            current.eligible_count = roll_freeze(current, on=today)
            if current.form == VoteForm.MEETING and rules.needs_documents(
                matter=current.matter, purpose=current.purpose
            ):
                refuse(
                    rules.check_documents_all_delivered(
                        matter=current.matter,
                        households=current.eligible_count,
                        delivered_in_time=documents_delivered_in_time(current),
                    )
                )
        if current.is_secret and current.form == VoteForm.ONLINE:
            current.ballot_box_salt = ballot_box.new_salt()
        transition(current, VoteStatus.OPEN, actor=actor, moment=moment, verb="opened")
        if current.form == VoteForm.HOUSEHOLD_BALLOT and current.scope == Scope.COMMUNITY:
            issued = _issue_ballots(current)
            if current.is_secret:
                BallotSerial.objects.bulk_create(
                    (BallotSerial(id=uuid.uuid4(), vote=current, serial=serial) for serial in _ballot_serials(issued)),
                    batch_size=5000,
                )
    return current


def _issue_ballots(vote: CommunityVote) -> int:
    """One ballot per household on the roll, in one ``INSERT … SELECT``: numbered in household-code order
    for an open campaign, unnumbered for a secret one (its serials are drawn apart, with no household)."""
    ballots = connection.ops.quote_name(IssuedBallot._meta.db_table)
    roll = connection.ops.quote_name(VoteRollEntry._meta.db_table)
    number = "NULL" if vote.is_secret else "ROW_NUMBER() OVER (ORDER BY household_code, id)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ballots} (vote_id, household_id, number) "  # noqa: S608 - table names from the models
            f"SELECT vote_id, household_id, {number} FROM {roll} WHERE vote_id = %s AND is_active",
            [vote.pk],
        )
        return int(cursor.rowcount)


def meeting_convene(
    *,
    community: AdministrativeUnit,
    matter: str,
    title: str,
    question: str,
    starts_at: dt.datetime,
    notice_given_at: dt.datetime,
    actor: Any,
    documents_delivered_at: dt.datetime | None = None,
    is_secret: bool = False,
    convenor_role: str = "village_head",
    now: dt.datetime | None = None,
) -> CommunityVote:
    """Create a community meeting and record its notice in one step (what the village head does on a phone).

    ``documents_delivered_at`` (D1–D3) records that every household received the documents that day; when
    households were reached on different days, leave it empty and keep the delivery register on the
    meeting page (``documents_deliveries_record``) before opening.
    """
    moment = now or clock.now()
    with transaction.atomic():
        vote = vote_create(
            unit=community,
            matter=matter,
            form=VoteForm.MEETING,
            title=title,
            question=question,
            starts_at=starts_at,
            is_secret=is_secret,
            convenor_role=convenor_role,
            actor=actor,
            now=moment,
        )
        return vote_schedule(
            vote=vote,
            notice_given_at=notice_given_at,
            documents_delivered_at=documents_delivered_at,
            actor=actor,
            now=moment,
        )
