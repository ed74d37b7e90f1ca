"""Reads of the elections app: elections awaiting the recognising body, their deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.accounts import selectors as account_selectors
from grassroots.calendar import selectors as calendar_selectors
from grassroots.elections import rules
from grassroots.elections.models import Dismissal, Election, ElectionStatus
from grassroots.elections.services import ELECTION_ORGANISERS
from grassroots.voting import selectors as vote_selectors


def elections_awaiting_recognition(user: Any, on: dt.date) -> list[Election]:
    """Elections with a winner this user recognises: the People's Committee (village heads) or the Front (boards)."""
    visible = account_selectors.user_unit_ids(user, on)
    elected = Election.objects.filter(status=ElectionStatus.ELECTED, community_id__in=visible)
    return [
        election
        for election in elected.select_related("community", "vote").order_by("election_date", "pk")
        if election.community.parent_id is not None
        and account_selectors.user_can(user, ELECTION_ORGANISERS[election.kind], election.community.parent_id, on)
    ]


def recognition_due(election: Election) -> dt.date | None:
    """The last day to recognise the elected or refuse in writing: 5 working days after receipt ([ND59] art. 8)."""
    return vote_selectors.recognition_due(election.vote) if election.vote is not None else None


def new_election_due(dismissal: Dismissal) -> dt.date | None:
    """The last day to decide a new election: 60 days after the dismissal is recognised ([ND59] art. 9(3)).

    Calendar days under the Civil Code: a last day that is not a working day moves to the next working
    day, on the calendar as it stands when shown.
    """
    if dismissal.recognised_on is None:
        return None
    return rules.new_election_due(dismissal.recognised_on, calendar_selectors.working_calendar())


IN_PROGRESS_STATUSES = (ElectionStatus.PREPARING, ElectionStatus.ANNOUNCED, ElectionStatus.VOTING)


def elections_in_progress_for(user: Any, on: dt.date) -> list[Election]:
    """Elections being prepared or held that concern the user as organiser or as the community's head.

    The organiser: the body of ``ELECTION_ORGANISERS`` over the community's commune. The community's head
    (``RUN_COMMUNITY_VOTES`` in the community): the election takes place in their village (issue 21).
    """
    visible = account_selectors.user_unit_ids(user, on)
    running = vote_selectors.runnable_unit_ids(user, on)
    elections = Election.objects.filter(status__in=IN_PROGRESS_STATUSES, community_id__in=visible)
    return [
        election
        for election in elections.select_related("community").order_by("election_date", "pk")
        if election.community_id in running
        or (
            election.community.parent_id is not None
            and account_selectors.user_can(user, ELECTION_ORGANISERS[election.kind], election.community.parent_id, on)
        )
    ]
