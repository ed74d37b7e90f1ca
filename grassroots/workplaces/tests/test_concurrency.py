"""Staff ballots under simultaneous returns on PostgreSQL ([L] arts 50(2), 68): one ballot per person of the roll.

The attack: one person's ballot entered from many desks (or many phones of one clerk) at the same instant, while
the other people's ballots arrive too. Exactly one return per person is stored, none is lost, the count agrees.
"""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units.models import Organisation
from grassroots.workplaces import ballots
from grassroots.workplaces.models import StaffBallotReturn, StaffMember
from grassroots.workplaces.tests.conftest import NOW
from grassroots.workplaces.tests.test_ballots import _ballot, _failed_twice

WORKERS = 30
"""30 connections at once (PostgreSQL's default max_connections is 100 and other suites share it)."""
SAME_PERSON = 60
"""Submissions of the first person's ballot, racing with one submission for each of the others."""


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_returns_store_one_ballot_per_person_and_lose_none(school: Organisation, principal: User) -> None:
    if connection.vendor != "postgresql":
        # SQLite takes one database-wide write lock (IMMEDIATE transactions), so there is no race to test.
        pytest.skip("needs PostgreSQL row locking")
    _failed_twice(school, principal)
    ballot = ballots.staff_ballot_open(ballot=_ballot(school, principal), actor=principal, now=NOW)
    staff = list(StaffMember.objects.filter(organisation=school).order_by("code"))
    first, others = staff[0], staff[1:]
    jobs = [(first, "for" if index % 2 else "against") for index in range(SAME_PERSON)]
    jobs += [(member, "against") for member in others]
    jobs.sort(key=lambda job: hash((job[0].pk, job[1])) % 7)  # interleave the duplicates with the others
    barrier = threading.Barrier(WORKERS)
    outcomes: list[tuple[int, str]] = []
    lock = threading.Lock()

    def submit(index: int) -> None:
        member, choice = jobs[index]
        try:
            if index < WORKERS:
                barrier.wait(timeout=30)
            ballots.staff_ballot_return_record(
                ballot=ballot, staff_member=member, choice=choice, actor=principal, now=NOW + dt.timedelta(hours=1)
            )
            result = "stored"
        except DomainError as error:
            result = error.code
        finally:
            connection.close()
        with lock:
            outcomes.append((member.pk, result))

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(submit, range(len(jobs))))

    assert len(outcomes) == len(jobs)
    stored = [pk for pk, result in outcomes if result == "stored"]
    assert sorted(stored) == sorted(member.pk for member in staff), "one stored return per person, none lost"
    refused = {result for _pk, result in outcomes if result != "stored"}
    assert refused == {"workplaces.ballot.already_returned"}
    assert StaffBallotReturn.objects.filter(ballot=ballot).count() == len(staff)
    assert StaffBallotReturn.objects.filter(ballot=ballot, staff_member=first).count() == 1
    assert AuditEvent.objects.filter(code="workplaces.ballot.returned").count() == len(staff)
    counted = ballots.staff_ballot_count(ballot=ballot, actor=principal, now=NOW + dt.timedelta(days=8))
    votes_for, votes_against = counted.votes_for or 0, counted.votes_against or 0
    assert votes_for + votes_against == len(staff)
    assert votes_against >= len(others)
