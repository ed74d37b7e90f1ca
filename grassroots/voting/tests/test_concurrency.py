"""200 simultaneous submissions for one household on PostgreSQL: exactly one vote is stored."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from grassroots.accounts.testing import make_persona
from grassroots.core.errors import DomainError
from grassroots.units.models import Household
from grassroots.voting import services
from grassroots.voting.models import Channel, VoteForm, VoteParticipation
from grassroots.voting.testing import NOW

SUBMISSIONS = 200
WORKERS = 40
"""40 connections at once (PostgreSQL's default max_connections is 100 and other suites share it)."""


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_hundred_simultaneous_votes_for_one_household_store_exactly_one(community, village_head):
    if connection.vendor != "postgresql":
        # SQLite takes one database-wide write lock (IMMEDIATE transactions), so there is no race to test.
        pytest.skip("needs PostgreSQL row locking")
    representative = make_persona("rep-race", "household_representative", community, full_name="Đại diện")
    household = Household.objects.get(community=community, code="H1-01")
    household.representative = household.members.create(full_name="Đại diện", user=representative)
    household.save()
    vote = services.vote_create(
        unit=community,
        matter="D6",
        form=VoteForm.HOUSEHOLD_BALLOT,
        title="T",
        question="Q",
        starts_at=NOW,
        ends_at=NOW + dt.timedelta(days=3),
        convenor_role="village_head",
        actor=village_head,
        now=NOW - dt.timedelta(days=5),
    )
    for name in ("A", "B", "C"):
        services.vote_officer_add(vote=vote, role="ballot_team", full_name=name, actor=village_head)
    services.vote_schedule(vote=vote, notice_given_at=NOW - dt.timedelta(days=3), actor=village_head)
    services.vote_open(vote=vote, actor=village_head, now=NOW)
    barrier = threading.Barrier(WORKERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit(index: int) -> None:
        try:
            if index < WORKERS:
                barrier.wait(timeout=30)
            services.vote_cast(
                vote=vote,
                household=household,
                option_key="agree" if index % 2 else "disagree",
                channel=Channel.PAPER_BALLOT,
                actor=village_head,
                now=NOW + dt.timedelta(hours=1),
            )
            result = "stored"
        except DomainError as error:
            result = error.code
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(submit, range(SUBMISSIONS)))

    assert len(outcomes) == SUBMISSIONS
    assert outcomes.count("stored") == 1
    assert outcomes.count("decisions.vote.already_voted") == SUBMISSIONS - 1
    assert VoteParticipation.objects.filter(vote=vote, household=household).count() == 1
