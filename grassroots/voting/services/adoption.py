"""The poll in which a community adopts online voting as a form ([ND59] art. 5(2)(c); law.md §1(b) "online voting").

Stage 1 of an online vote: before any online D6 vote, more than half of *all* household representatives
choose the online form. The poll is itself a community decision on a self-governing matter (D6), held at a
meeting or by household ballots (never online: the form is not adopted yet); its threshold is
``rules.ONLINE_ADOPTION_THRESHOLD``. Once one such poll has passed, ``online_form_adopted`` is true and
the online-vote screen opens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from grassroots.core import clock
from grassroots.units.models import AdministrativeUnit
from grassroots.voting.models import CommunityVote, OfficerRole, VoteForm, VotePurpose, VoteStatus
from grassroots.voting.services.common import fail

ADOPTION_FORMS = (VoteForm.MEETING, VoteForm.HOUSEHOLD_BALLOT)
"""How the adoption poll is held: at a meeting or by ballots ([L] art. 17(1)(a)–(b)); online is what it adopts."""
ADOPTION_QUESTION = (
    "Đồng ý để thôn biểu quyết các công việc tự quản khác của cộng đồng (nội dung D6) bằng hình thức trực tuyến?"
)


def online_adoption_in_progress(community: AdministrativeUnit | int) -> CommunityVote | None:
    """An adoption poll of the community that is being prepared or running."""
    return (
        CommunityVote.objects.filter(
            unit=community,
            purpose=VotePurpose.ONLINE_ADOPTION,
            status__in=[VoteStatus.DRAFT, VoteStatus.SCHEDULED, VoteStatus.OPEN],
        )
        .order_by("-pk")
        .first()
    )


def online_adoption_prepare(
    *,
    community: AdministrativeUnit,
    form: str,
    starts_at: dt.datetime,
    notice_given_at: dt.datetime,
    actor: Any,
    ends_at: dt.datetime | None = None,
    plan_issued_on: dt.date | None = None,
    team: Sequence[str] = (),
    title: str = "",
    question: str = "",
    now: dt.datetime | None = None,
) -> CommunityVote:
    """Create and announce the adoption poll, all or nothing: a meeting (notice ≥ 2 days before) or household
    ballots (team of 3–5, plan, public ≥ 2 days before). Refused when the form is already adopted or a poll
    is under way."""
    from grassroots.voting.services.lifecycle import (
        online_form_adopted,
        vote_create,
        vote_officer_add,
        vote_schedule,
    )

    moment = now or clock.now()
    if form not in ADOPTION_FORMS:
        raise fail("decisions.adoption.form")
    names = [name.strip() for name in team if name.strip()]
    with transaction.atomic():
        if online_form_adopted(community):
            raise fail("decisions.adoption.already_adopted")
        if online_adoption_in_progress(community) is not None:
            raise fail("decisions.adoption.in_progress")
        is_ballot = form == VoteForm.HOUSEHOLD_BALLOT
        if is_ballot and (ends_at is None or plan_issued_on is None):
            raise fail("decisions.adoption.ballot_details")
        vote = vote_create(
            unit=community,
            matter="D6",
            form=form,
            purpose=VotePurpose.ONLINE_ADOPTION,
            title=title.strip() or "Lựa chọn hình thức biểu quyết trực tuyến",
            question=question.strip() or ADOPTION_QUESTION,
            starts_at=starts_at,
            ends_at=ends_at if is_ballot else None,
            convenor_role="village_head",
            actor=actor,
            now=moment,
        )
        if is_ballot:
            for index, name in enumerate(names):
                vote_officer_add(
                    vote=vote,
                    role=OfficerRole.BALLOT_TEAM,
                    full_name=name,
                    is_leader=index == 0,
                    actor=actor,
                    now=moment,
                )
        return vote_schedule(
            vote=vote,
            notice_given_at=notice_given_at,
            plan_issued_on=plan_issued_on if is_ballot else None,
            actor=actor,
            now=moment,
        )
