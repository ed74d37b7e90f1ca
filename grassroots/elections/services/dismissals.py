"""Dismissal of a village head: request, the meeting, recognition, interim head ([ND59] art. 9)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import services as account_services
from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.services import audit_record, state_change
from grassroots.elections import rules
from grassroots.elections.models import (
    Dismissal,
    DismissalGround,
    DismissalStatus,
)
from grassroots.elections.services.common import _commune, _fail
from grassroots.elections.services.recognition_documents import (
    dismissal_commune_decision_issue,
    dismissal_recognition_decision_issue,
)
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.voting import rules as rules_for_votes
from grassroots.voting import selectors as vote_selectors
from grassroots.voting import services as vote_services
from grassroots.voting.models import CommunityVote, VoteForm, VotePurpose, VoteStatus

# ---------------------------------------------------------------------------------------------
# Dismissal of a village head ([ND59] art. 9)
# ---------------------------------------------------------------------------------------------


def _dismissal_snapshot(dismissal: Dismissal) -> dict[str, Any]:
    return {
        "status": dismissal.status,
        "ground": dismissal.ground,
        "head": dismissal.head_id,
        "petition_households": dismissal.petition_households,
        "household_count": dismissal.household_count,
        "recognised_on": dismissal.recognised_on,
        "interim_user": dismissal.interim_user_id,
        "vote": dismissal.vote_id,
        "commune_decided_on": dismissal.commune_decided_on,
    }


def _dismissal_save(dismissal: Dismissal, target: str, *, verb: str, actor: Any, moment: dt.datetime) -> None:
    state_change(
        dismissal,
        code=f"decisions.dismissal.{verb}",
        actor=actor,
        unit=dismissal.community_id,
        snapshot=_dismissal_snapshot,
        now=moment,
        target=target,
        check=lambda current, wanted: rules.check_transition("dismissal", current, wanted),
        refused=lambda result: _fail("decisions.dismissal.bad_transition", **result.params),
    )


def can_request_dismissal(user: Any, community: AdministrativeUnit, on: dt.date | None = None) -> bool:
    """The commune People's Committee (a resignation letter goes to the Chair) or the village Front work
    committee (its request, or the households' petition) starts a dismissal ([ND59] art. 9(1))."""
    day = on or clock.today()
    return vote_services.may(user, Action.ACT_FOR_PEOPLES_COMMITTEE, community, day) or vote_services.may(
        user, Action.ACT_FOR_FRONT_WORK_COMMITTEE, community, day
    )


def dismissal_request(
    *,
    community: AdministrativeUnit,
    head: User,
    ground: str,
    reason: str,
    actor: Any,
    petition_households: int = 0,
    now: dt.datetime | None = None,
) -> Dismissal:
    """Start a dismissal: a resignation letter, a Front work-committee request, or a petition of ≥ 50% of households."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _commune(community)  # refuses a unit that is not a community
    if not can_request_dismissal(actor, community, today):
        raise _fail("decisions.dismissal.not_authorised")
    if not RoleMembership.objects.active_on(today).filter(user=head, unit=community, role=Role.VILLAGE_HEAD).exists():
        raise _fail("decisions.dismissal.not_head")
    households = Household.objects.of_unit_on(community, today).count()
    if ground == DismissalGround.HOUSEHOLD_PETITION and not rules.dismissal_petition_enough(
        households_signed=petition_households, households=households
    ):
        raise _fail("decisions.dismissal.petition_too_small")
    with transaction.atomic():
        dismissal = Dismissal.objects.create(
            community=community,
            head=head,
            ground=ground,
            reason=reason.strip(),
            petition_households=petition_households,
            household_count=households,
            created_by=actor,
        )
        audit_record(
            code="decisions.dismissal.requested",
            actor=actor,
            unit=community,
            obj=dismissal,
            after=_dismissal_snapshot(dismissal),
            now=moment,
        )
    return dismissal


def head_is_front_head(dismissal: Dismissal, on: dt.date) -> bool:
    """Whether the head being dismissed also heads the village Front work committee on ``on``."""
    return (
        RoleMembership.objects.active_on(on)
        .filter(user_id=dismissal.head_id, unit_id=dismissal.community_id, role=Role.FRONT_WORK_COMMITTEE_HEAD)
        .exists()
    )


def dismissal_open_vote(
    *,
    dismissal: Dismissal,
    starts_at: dt.datetime,
    actor: Any,
    front_chair_agreed: bool = False,
    now: dt.datetime | None = None,
) -> CommunityVote:
    """Create the dismissal meeting (D4), convened by the head of the Front work committee ([ND59] art. 9(2)).

    When the head is also the Front work-committee head, the commune Chair convenes instead, after agreeing
    with the commune Front chair (``front_chair_agreed``) — [L] art. 18(1); [ND59] art. 3(1).
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = Dismissal.objects.select_for_update().select_related("community").get(pk=dismissal.pk)
        exception = head_is_front_head(locked, today)
        convenor = rules_for_votes.convenor_for("D4", purpose=VotePurpose.DISMISSAL, head_is_front_head=exception)
        if exception and not vote_services.may(
            actor, rules_for_votes.run_action(convenor_role=convenor.value, matter="D4"), locked.community, today
        ):
            raise _fail("decisions.convenor.head_is_front_head")
        vote = vote_services.vote_create(
            unit=locked.community,
            matter="D4",
            form=VoteForm.MEETING,
            purpose=VotePurpose.DISMISSAL,
            title=str(_("Cho thôi làm Trưởng thôn")),
            question=str(_("Đồng ý cho thôi làm Trưởng thôn?")),
            starts_at=starts_at,
            convenor_role=convenor.value,
            head_is_front_head=exception,
            front_chair_agreed=front_chair_agreed,
            actor=actor,
            now=moment,
        )
        if exception:
            locked.front_chair_agreed_on = today
        locked.vote = vote
        _dismissal_save(locked, DismissalStatus.VOTING, verb="vote_created", actor=actor, moment=moment)
    return vote


def _final_vote(vote: CommunityVote) -> CommunityVote:
    """The vote that decided: a meeting that lacked the households moved to household ballots
    ([L] art. 19(1)(b)); the ballot campaign it moved to decides."""
    current = vote
    while current.status == VoteStatus.MOVED_TO_BALLOTS:
        following = CommunityVote.objects.filter(moved_from=current).first()
        if following is None:
            break
        current = following
    return current


def dismissal_conclude(*, dismissal: Dismissal, actor: Any, now: dt.datetime | None = None) -> Dismissal:
    """Read the closed meeting (or the ballots it moved to): > 50% of all households agreed → dismissed;
    > 50% disagreed → kept; neither → the commune People's Committee decides ([ND59] art. 9(3))."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = Dismissal.objects.select_for_update().get(pk=dismissal.pk)
        if locked.vote is None:
            raise _fail("decisions.dismissal.vote_not_closed")
        vote = _final_vote(locked.vote)
        if vote.status != VoteStatus.CLOSED:
            raise _fail("decisions.dismissal.vote_not_closed")
        if vote.pk != locked.vote_id:
            locked.vote = vote
        outcome = vote_selectors.outcome_of(vote)
        disagree = sum(count for key, count in outcome.by_option.items() if key == "disagree")
        target = rules.dismissal_result(agree=outcome.yes, disagree=disagree, eligible=outcome.eligible)
        if target != DismissalStatus.UNDECIDED:
            vote_services.vote_submit(vote=vote, actor=actor, now=moment)
        _dismissal_save(locked, target, verb="concluded", actor=actor, moment=moment)
    return locked


def _end_head_role(locked: Dismissal, *, today: dt.date, actor: Any, moment: dt.datetime) -> None:
    for membership in RoleMembership.objects.active_on(today).filter(
        user=locked.head, unit=locked.community, role=Role.VILLAGE_HEAD
    ):
        if membership.valid_from < today:
            account_services.membership_end(membership=membership, on=today, actor=actor, now=moment)


def _appoint_interim(locked: Dismissal, interim_user: User, *, today: dt.date, actor: Any, moment: dt.datetime) -> None:
    until = rules.interim_until(today)
    account_services.membership_grant(
        user=interim_user,
        role=Role.INTERIM_VILLAGE_HEAD,
        unit=locked.community,
        valid_from=today,
        valid_until=until,
        actor=actor,
        now=moment,
    )
    locked.interim_user = interim_user
    locked.interim_until = until


def dismissal_commune_decide(
    *,
    dismissal: Dismissal,
    dismiss: bool,
    front_agreed_on: dt.date | None,
    reason: str,
    actor: Any,
    interim_user: User | None = None,
    now: dt.datetime | None = None,
) -> Dismissal:
    """The community could not agree: the commune People's Committee decides after agreeing with the commune
    Front ([ND59] art. 9(3)). Dismissing ends the head's role today, like a recognised dismissal."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = Dismissal.objects.select_for_update().select_related("community").get(pk=dismissal.pk)
        if not vote_services.may(actor, Action.ACT_FOR_PEOPLES_COMMITTEE, locked.community, today):
            raise _fail("decisions.dismissal.not_authorised")
        if front_agreed_on is None or front_agreed_on > today:
            raise _fail("decisions.dismissal.front_agreement_missing")
        if not reason.strip():
            raise _fail("decisions.election.reason_required")
        locked.commune_decided_on = today
        locked.commune_front_agreed_on = front_agreed_on
        locked.commune_decision_reason = reason.strip()
        if dismiss:
            _end_head_role(locked, today=today, actor=actor, moment=moment)
            locked.recognised_on = today
            if interim_user is not None:
                _appoint_interim(locked, interim_user, today=today, actor=actor, moment=moment)
        target = DismissalStatus.RECOGNISED if dismiss else DismissalStatus.KEPT
        _dismissal_save(locked, target, verb="commune_decided", actor=actor, moment=moment)
        # The People's Committee's decision, in the same transaction: no commune decision without its paper.
        dismissal_commune_decision_issue(
            dismissal=locked,
            dismiss=dismiss,
            actor=actor,
            moment=moment,
            interim_name=(getattr(interim_user, "full_name", "") or str(interim_user)) if interim_user else "",
        )
    return locked


def dismissal_recognise(
    *, dismissal: Dismissal, actor: Any, interim_user: User | None = None, now: dt.datetime | None = None
) -> Dismissal:
    """The People's Committee recognises the dismissal: the head's role ends today, a new election is due
    within 60 days, and an interim head may be appointed for at most 6 months ([ND59] art. 9(3))."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = Dismissal.objects.select_for_update().select_related("community").get(pk=dismissal.pk)
        if locked.vote is None:
            raise _fail("decisions.dismissal.vote_not_closed")
        locked.vote = vote_services.vote_recognise(vote=locked.vote, actor=actor, now=moment)
        _end_head_role(locked, today=today, actor=actor, moment=moment)
        locked.recognised_on = today
        if interim_user is not None:
            _appoint_interim(locked, interim_user, today=today, actor=actor, moment=moment)
        _dismissal_save(locked, DismissalStatus.RECOGNISED, verb="recognised", actor=actor, moment=moment)
        dismissal_recognition_decision_issue(
            dismissal=locked,
            actor=actor,
            moment=moment,
            interim_name=(getattr(interim_user, "full_name", "") or str(interim_user)) if interim_user else "",
        )
    return locked
