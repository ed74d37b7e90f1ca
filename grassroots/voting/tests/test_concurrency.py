"""200 simultaneous submissions for one household on PostgreSQL: exactly one vote is stored."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_persona
from grassroots.core.errors import DomainError
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.voting import services
from grassroots.voting.models import Channel, VoteForm, VoteParticipation
from grassroots.voting.testing import NOW

SUBMISSIONS = 200
WORKERS = 40
"""40 connections at once (PostgreSQL's default max_connections is 100 and other suites share it)."""


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_hundred_simultaneous_votes_for_one_household_store_exactly_one(
    community: AdministrativeUnit, village_head: User
) -> None:
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


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_hundred_attempts_on_and_off_the_roll_across_channels(
    commune: AdministrativeUnit, village_head: User, front_head: User
) -> None:
    """Every household on the roll tries many times, online (its representative) and on paper (a clerk);
    households added to the register after opening try too. Exactly one vote per rostered household, none
    from the others, whatever the interleaving."""
    if connection.vendor != "postgresql":
        # SQLite takes one database-wide write lock (IMMEDIATE transactions), so there is no race to test.
        pytest.skip("needs PostgreSQL row locking")
    from grassroots.accounts.testing import make_unit
    from grassroots.units.models import Resident

    community = make_unit("community", "Thôn Đua", commune)
    head = make_persona("head-race", "village_head", community, full_name="Trưởng thôn")
    front = make_persona("front-race", "front_work_committee_head", community, full_name="Mặt trận")
    rostered = []
    for index in range(10):
        household = Household.objects.create(
            community=community, code=f"DU-{index:02d}", address="x", active_from=dt.date(2020, 1, 1)
        )
        user = make_persona(f"rep-race-{index}", "household_representative", community, full_name=f"Đại diện {index}")
        household.representative = Resident.objects.create(household=household, full_name=user.full_name, user=user)
        household.save(update_fields=["representative"])
        rostered.append((household, user))
    adoption = services.vote_create(
        unit=community,
        matter="D6",
        form=VoteForm.MEETING,
        purpose="online_adoption",
        title="Chọn trực tuyến",
        question="?",
        starts_at=NOW - dt.timedelta(days=10),
        convenor_role="village_head",
        actor=head,
        now=NOW - dt.timedelta(days=15),
    )
    services.vote_schedule(vote=adoption, notice_given_at=NOW - dt.timedelta(days=13), actor=head)
    services.vote_open(vote=adoption, actor=head, now=NOW - dt.timedelta(days=10))
    for household, _user in rostered:
        services.meeting_attendance_set(vote=adoption, household=household, present=True, actor=head)
        services.vote_cast(vote=adoption, household=household, option_key="agree", channel="meeting_hands", actor=head)
    services.meeting_officers_approve(vote=adoption, secretary="Thư ký", approving=10, actor=head)
    services.vote_close(vote=adoption, actor=head, now=NOW - dt.timedelta(days=10))
    vote = services.vote_create(
        unit=community,
        matter="D6",
        form=VoteForm.ONLINE,
        title="Đua",
        question="?",
        starts_at=NOW,
        ends_at=NOW + dt.timedelta(days=3),
        convenor_role="village_head",
        actor=head,
        now=NOW - dt.timedelta(days=5),
    )
    for name in ("A", "B", "C"):
        services.vote_officer_add(vote=vote, role="online_team", full_name=name, actor=head)
    services.online_agreement_record(
        vote=vote, village_head=head, front_head=front, agreed_on=dt.date(2026, 11, 17), actor=head
    )
    services.vote_schedule(vote=vote, notice_given_at=NOW - dt.timedelta(days=3), actor=head)
    services.vote_open(vote=vote, actor=head, now=NOW)
    intruders = []
    for index in range(5):
        household = Household.objects.create(
            community=community, code=f"DU-9{index}", address="x", active_from=dt.date(2020, 1, 1)
        )
        user = make_persona(f"rep-late-{index}", "household_representative", community, full_name=f"Muộn {index}")
        household.representative = Resident.objects.create(household=household, full_name=user.full_name, user=user)
        household.save(update_fields=["representative"])
        intruders.append((household, user))
    attempts = [
        (household, user, channel)
        for household, user in [*rostered, *intruders]
        for channel in (Channel.ONLINE, Channel.ONLINE, Channel.PAPER_BALLOT)
    ]
    attempts = (attempts * 14)[:SUBMISSIONS]
    barrier = threading.Barrier(WORKERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit(index: int) -> None:
        household, user, channel = attempts[index]
        try:
            if index < WORKERS:
                barrier.wait(timeout=30)
            services.vote_cast(
                vote=vote,
                household=household,
                option_key="agree",
                channel=channel,
                actor=user if channel == Channel.ONLINE else head,
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
    stored = VoteParticipation.objects.filter(vote=vote)
    assert sorted(stored.values_list("household__code", flat=True)) == [f"DU-{index:02d}" for index in range(10)]
    assert outcomes.count("stored") == 10
    assert set(outcomes) == {
        "stored",
        "decisions.vote.already_voted",
        "decisions.vote.wrong_channel",
        "decisions.vote.not_eligible",
    }
