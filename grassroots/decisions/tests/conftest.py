"""Personas and a fixed clock for the decisions tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from grassroots.accounts.models import Role
from grassroots.accounts.testing import make_persona
from grassroots.decisions import services
from grassroots.decisions.models import VoteForm

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 11, 22, 8, 0, tzinfo=VN)
"""Sunday 22/11/2026, 08:00 in Vietnam: the meeting hour."""


@pytest.fixture
def now():
    return NOW


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    from grassroots.core import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


@pytest.fixture
def front_chair(commune):
    return make_persona("front_chair", Role.FRONT_CHAIR, commune, full_name="Đinh Thị Mặt Trận")


@pytest.fixture
def front_head(community):
    return make_persona("front_head", Role.FRONT_WORK_COMMITTEE_HEAD, community, full_name="Ngô Văn Ban Công Tác")


def open_meeting(community, village_head, *, matter="D1", is_secret=False, purpose="matter", now=NOW):
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
