"""Personas and a fixed clock for the decisions tests."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import make_persona
from grassroots.units.models import AdministrativeUnit
from grassroots.voting import services
from grassroots.voting.models import CommunityVote, VoteForm

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 11, 22, 8, 0, tzinfo=VN)
"""Sunday 22/11/2026, 08:00 in Vietnam: the meeting hour."""


@pytest.fixture
def now() -> dt.datetime:
    return NOW


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    from grassroots.core import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


@pytest.fixture
def front_chair(commune: AdministrativeUnit) -> User:
    return make_persona("front_chair", Role.FRONT_CHAIR, commune, full_name="Đinh Thị Mặt Trận")


@pytest.fixture
def front_head(community: AdministrativeUnit) -> User:
    return make_persona("front_head", Role.FRONT_WORK_COMMITTEE_HEAD, community, full_name="Ngô Văn Ban Công Tác")


def open_meeting(
    community: AdministrativeUnit,
    village_head: User,
    *,
    matter: str = "D1",
    is_secret: bool = False,
    purpose: str = "matter",
    now: dt.datetime = NOW,
) -> CommunityVote:
    """A meeting on ``matter`` in ``community``, noticed 3 days before and opened now."""
    vote = services.vote_create(
        unit=community,
        matter=matter,
        form=VoteForm.MEETING,
        title="Làm đường bê tông liên xóm",
        question="Đồng ý mức đóng góp 500.000 đồng/hộ?",
        starts_at=now,
        convenor_role="village_head",
        purpose=purpose,
        is_secret=is_secret,
        actor=village_head,
        now=now - dt.timedelta(days=5),
    )
    services.vote_schedule(
        vote=vote,
        notice_given_at=now - dt.timedelta(days=3),
        documents_delivered_at=now - dt.timedelta(days=3),
        actor=village_head,
        now=now - dt.timedelta(days=3),
    )
    return services.vote_open(vote=vote, actor=village_head, now=now)


def decision_url(name: str, **kwargs: object) -> str:
    """``reverse`` of a community-decision page by its name, whichever of the three apps serves it."""
    from django.urls import NoReverseMatch, reverse

    for namespace in ("voting", "elections", "initiatives"):
        try:
            return reverse(f"{namespace}:{name}", kwargs=kwargs)
        except NoReverseMatch:
            continue
    raise NoReverseMatch(name)


def decision_tasks(user: object, today: dt.date) -> list[Any]:
    """The dashboard tasks of community votes and of elections together (what the dashboard shows)."""
    from grassroots.elections.apps import election_tasks
    from grassroots.voting.apps import household_vote_invitations, vote_tasks

    return [*vote_tasks(user, today), *household_vote_invitations(user, today), *election_tasks(user, today)]


def cast_secret_ballots(vote: Any, actor: Any, choices: Any, *, now: dt.datetime = NOW, present: bool = True) -> None:
    """A secret meeting as it happens: each household (present) puts its ballot in the box, then the counting
    board counts the ballots per option. ``choices`` pairs households with option keys; nobody records which
    household chose what."""
    from collections import Counter

    from grassroots.voting import services as vote_services
    from grassroots.voting.models import Channel

    counts: Counter[str] = Counter()
    for household, choice in choices:
        if present:
            vote_services.meeting_attendance_set(vote=vote, household=household, present=True, actor=actor, now=now)
        vote_services.vote_cast(vote=vote, household=household, channel=Channel.MEETING_BALLOT, actor=actor, now=now)
        counts[choice] += 1
    vote_services.vote_count_ballots(vote=vote, counts=dict(counts), actor=actor, now=now)
