"""Fixtures of the funds tests: a recognised D1 vote of Thôn 1 (H1-01…03), a fund from it, fixed moments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_persona, make_user
from grassroots.funds import services
from grassroots.funds.models import Fund
from grassroots.units.models import AdministrativeUnit
from grassroots.voting.models import CommunityVote

VN = dt.timezone(dt.timedelta(hours=7))
DECIDED_ON = dt.date(2026, 11, 2)
NOW = dt.datetime(2026, 11, 10, 9, 0, tzinfo=VN)
TODAY = dt.date(2026, 11, 10)
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def recognised_vote(
    unit: AdministrativeUnit, *, matter: str = "D1", status: str = "recognised", passed: bool = True
) -> CommunityVote:
    """Set-up only: a vote row as the voting app leaves it once recognised (its own tests cover how it gets there)."""
    return CommunityVote.objects.create(
        unit=unit,
        matter=matter,
        form="meeting",
        title="Làm đường bê tông liên xóm",
        question="Đồng ý mức đóng góp 500.000 đồng/hộ?",
        convenor_role="village_head",
        convened_by=make_user(),
        starts_at=dt.datetime(2026, 11, 1, 8, 0, tzinfo=VN),
        status=status,
        passed=passed,
        eligible_count=3,
        yes_count=3,
        effective_date=DECIDED_ON,
    )


@pytest.fixture
def approver(community: AdministrativeUnit) -> User:
    """A second village-level approver (the commune chair of the same commune)."""
    assert community.parent is not None
    return make_persona("chair_funds", "commune_chair", community.parent, full_name="Phạm Văn Chủ Tịch")


def make_fund(community: AdministrativeUnit, actor: User, **extra: Any) -> Fund:
    terms: dict[str, Any] = {
        "unit": community,
        "vote": recognised_vote(community),
        "kind": "contribution",
        "title": "Bê tông hóa đường thôn 1",
        "purpose": "Làm 300 m đường bê tông",
        "basis": "per_household",
        "rate_money": 500_000,
        "spending_limit": 1_000_000,
        "collection_starts": DECIDED_ON,
        "collection_ends": dt.date(2026, 12, 31),
        "treasurer_name": "Nguyễn Thị Thủ Quỹ",
        "village_head_name": "Lê Văn Trưởng",
        "reductions": {"poor": 100, "merit": 50},
        "household_reductions": {"H1-02": "poor", "H1-03": "merit"},
        "actor": actor,
        "now": NOW,
    }
    terms.update(extra)
    return services.fund_create(**terms)


@pytest.fixture
def fund(community: AdministrativeUnit, village_head: User) -> Fund:
    return make_fund(community, village_head)
