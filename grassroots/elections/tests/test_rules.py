"""Table-driven tests of the election and dismissal rules: milestones, winners, boards, petitions, timers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest
from django.db.models import TextChoices

from grassroots.calendar import rules as calendar_rules
from grassroots.elections import rules
from grassroots.elections.models import DismissalStatus, ElectionStatus


def test_election_milestones_are_scheduled_back_in_calendar_days() -> None:
    plan = rules.election_milestones(dt.date(2026, 12, 20))
    assert plan.plan_by == dt.date(2026, 11, 30)
    assert plan.candidates_by == dt.date(2026, 12, 5)
    assert plan.team_by == dt.date(2026, 12, 10)
    assert plan.notice_by == dt.date(2026, 12, 13)


@pytest.mark.parametrize(
    ("milestone", "day", "allowed"),
    [
        ("plan", 30, True),
        ("plan", 31, False),
        ("candidates", 35, True),
        ("candidates", 36, False),
        ("team", 40, True),
        ("team", 41, False),
        ("notice", 43, True),
        ("notice", 44, False),
    ],
)
def test_milestone_edges(milestone: str, day: int, allowed: bool) -> None:
    done = dt.date(2026, 11, 1) + dt.timedelta(days=day - 1)
    assert rules.check_milestone(milestone, done_on=done, election_date=dt.date(2026, 12, 20)).allowed is allowed


def _ready(**overrides: Any) -> str:
    values: dict[str, Any] = {
        "plan_on": dt.date(2026, 11, 20),
        "candidates_on": dt.date(2026, 12, 1),
        "team_on": dt.date(2026, 12, 5),
        "notice_on": dt.date(2026, 12, 10),
        "election_date": dt.date(2026, 12, 20),
        "candidate_count": 1,
        "team_has_candidate": False,
    }
    values.update(overrides)
    return rules.check_election_ready(**values).code


def test_election_ready_checks() -> None:
    assert _ready() == "ok"
    assert _ready(team_on=None) == "decisions.election.team_missing"
    assert _ready(notice_on=dt.date(2026, 12, 14)) == "decisions.election.notice_too_late"
    assert _ready(candidate_count=0) == "decisions.election.no_candidate"
    assert _ready(team_has_candidate=True) == "decisions.election.candidate_on_team"


@pytest.mark.parametrize(
    ("votes", "eligible", "seats", "winners"),
    [
        ({1: 151, 2: 100}, 300, 1, [1]),
        ({1: 150, 2: 150}, 300, 1, []),  # exactly half is not enough
        ({1: 160, 2: 161}, 300, 1, [2]),
        ({1: 160, 2: 160}, 300, 1, []),  # tie between qualified candidates: re-run
        ({1: 200, 2: 180, 3: 151, 4: 100}, 300, 2, [1, 2]),
        ({1: 200, 2: 180, 3: 180}, 300, 2, [1]),
    ],
)
def test_election_winners(votes: dict[int, int], eligible: int, seats: int, winners: list[int]) -> None:
    assert rules.election_winners(votes=votes, eligible=eligible, seats=seats) == winners


@pytest.mark.parametrize(("communities", "size"), [(1, 5), (4, 5), (5, 5), (12, 12)])
def test_inspection_board_size(communities: int, size: int) -> None:
    assert rules.inspection_board_size(communities) == size


@pytest.mark.parametrize(
    ("signed", "households", "enough"), [(50, 100, True), (49, 100, False), (2, 3, True), (1, 3, False), (0, 0, False)]
)
def test_dismissal_petition_at_least_half(signed: int, households: int, enough: bool) -> None:
    assert rules.dismissal_petition_enough(households_signed=signed, households=households) is enough


TET_2027 = {dt.date(2027, 2, day): "Tết Nguyên đán" for day in range(4, 11)}
"""29 Tết (Thu 04/02/2027) to mùng năm (Wed 10/02/2027), as the ``holidays`` package gives them."""
CALENDAR = calendar_rules.build_calendar(
    first_day=dt.date(2026, 1, 1), last_day=dt.date(2027, 12, 31), holidays=TET_2027
)
"""Monday–Friday and the Tết 2027 days off only: enough to show the Civil-Code rollover of a 60-day deadline."""


def test_dismissal_timers() -> None:
    assert rules.new_election_due(dt.date(2026, 11, 22), CALENDAR) == dt.date(2027, 1, 21)
    # Day 60 of a dismissal recognised on Tue 08/12/2026 is Sat 06/02/2027, Tết: the deadline moves to the
    # first working day after it, Thu 11/02/2027 (Civil Code art. 148(2)).
    assert dt.date(2026, 12, 8) + dt.timedelta(days=60) == dt.date(2027, 2, 6)
    assert rules.new_election_due(dt.date(2026, 12, 8), CALENDAR) == dt.date(2027, 2, 11)
    assert rules.interim_until(dt.date(2026, 8, 31)) == dt.date(2027, 2, 28)
    assert rules.term_end(dt.date(2026, 1, 15)) == dt.date(2031, 1, 15)
    assert rules.term_end(dt.date(2026, 1, 15), 30) == dt.date(2028, 7, 15)


TABLES = [
    ("election", rules.ELECTION_TRANSITIONS, ElectionStatus),
    ("dismissal", rules.DISMISSAL_TRANSITIONS, DismissalStatus),
]


@pytest.mark.parametrize(("process", "table", "status_enum"), TABLES)
def test_transition_tables_are_complete_and_enforced(
    process: str, table: Mapping[str, frozenset[str]], status_enum: type[TextChoices]
) -> None:
    assert set(table) == set(status_enum.values)
    for current in status_enum.values:
        for target in status_enum.values:
            allowed = target in table[current]
            assert rules.check_transition(process, current, target).allowed is allowed
