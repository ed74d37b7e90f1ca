"""A fixed clock and oversight personas: the Front chair, a union chair and agency head inside an agency."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pytest_django import Settings

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import give_role, make_persona, make_user
from grassroots.core import clock
from grassroots.oversight import services
from grassroots.oversight.models import Board, Position
from grassroots.units.models import AdministrativeUnit, Organisation, StaffHeadcount

VN = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=VN)  # a Monday
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _clock(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


@pytest.fixture
def front_chair(commune: AdministrativeUnit) -> User:
    return make_persona("front_chair", Role.FRONT_CHAIR, commune, full_name="Hoàng Thị Mặt Trận")


@pytest.fixture
def other_front_chair(other_commune: AdministrativeUnit) -> User:
    return make_persona("other_front_chair", Role.FRONT_CHAIR, other_commune, full_name="Đỗ Văn Xã Khác")


@pytest.fixture
def agency(commune: AdministrativeUnit) -> Organisation:
    organisation = Organisation.objects.create(kind="agency", name="Trường Tiểu học Hòa Phú", unit=commune)
    StaffHeadcount.objects.create(organisation=organisation, effective_from=dt.date(2026, 1, 1), headcount=40)
    return organisation


@pytest.fixture
def union_chair(commune: AdministrativeUnit, agency: Organisation) -> User:
    user = make_user("union_chair", full_name="Ngô Thị Công Đoàn")
    give_role(user, Role.UNION_CHAIR, commune, organisation=agency)
    return user


@pytest.fixture
def agency_head(commune: AdministrativeUnit, agency: Organisation) -> User:
    user = make_user("agency_head", full_name="Lương Thị Hiệu Trưởng")
    give_role(user, Role.AGENCY_HEAD, commune, organisation=agency)
    return user


def commune_board(front_chair: User, commune: AdministrativeUnit, **extra: Any) -> Board:
    values: dict[str, Any] = {
        "kind": "commune_inspection",
        "name": "Ban Thanh tra nhân dân xã Hòa Phú",
        "unit": commune,
        "term_start": dt.date(2026, 7, 1),
        "elected_on": dt.date(2026, 11, 20),
        "actor": front_chair,
        "now": NOW,
    }
    values.update(extra)
    return services.board_create(**values)


def fill_commune_board(
    board: Board, front_chair: User, commune: AdministrativeUnit, *, member_user: User | None = None
) -> None:
    """Five members (the commune has 2 communities): each community one, a head and a deputy."""
    communities = list(commune.children.order_by("name"))
    names = ["Bùi Quang Sơn", "Lê Thị Hoa", "Trần Văn Bình", "Phạm Thị Mai", "Đặng Văn Tâm"]
    for index, name in enumerate(names):
        services.board_member_add(
            board=board,
            full_name=name,
            user=member_user if index == 0 else None,
            community=communities[index % len(communities)],
            position=Position.HEAD if index == 0 else Position.DEPUTY if index == 1 else Position.MEMBER,
            joined_on=dt.date(2026, 11, 20),
            actor=front_chair,
            now=NOW,
        )


@pytest.fixture
def active_board(front_chair: User, commune: AdministrativeUnit, board_member: User) -> Board:
    board = commune_board(front_chair, commune)
    fill_commune_board(board, front_chair, commune, member_user=board_member)
    return services.board_recognise(board=board, actor=front_chair, now=NOW)
