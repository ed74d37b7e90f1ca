"""Fixtures of the workplaces tests: a school in Xã Hòa Phú with its head, union chair and staff register;
a state-owned enterprise; and the head of another organisation (the outsider of every attack)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pytest_django import Settings

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import give_role, make_user
from grassroots.units.models import AdministrativeUnit, Organisation, OrganisationKind
from grassroots.workplaces.models import StaffMember

VN = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2027, 1, 20, 8, 0, tzinfo=VN)
"""A Wednesday, after the 2026 work year ended and before the 31/3/2027 deadline."""
TODAY = NOW.date()
CONTENT_SENT = dt.date(2027, 1, 13)
"""Five working days before TODAY: the dialogue content sent just in time (Decree 145 art. 39(3))."""


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def make_organisation(
    unit: AdministrativeUnit, name: str, kind: str = OrganisationKind.PUBLIC_SERVICE_UNIT
) -> Organisation:
    return Organisation.objects.create(
        kind=kind, name=name, short_name="".join(word[0] for word in name.split()).upper(), unit=unit
    )


def add_staff(
    organisation: Organisation, count: int, *, start: int = 1, since: dt.date = dt.date(2020, 1, 1)
) -> list[StaffMember]:
    return [
        StaffMember.objects.create(
            organisation=organisation,
            code=f"NV-{number:03d}",
            full_name=f"Nhân viên {number}",
            division="Tổ 1" if number % 2 else "Tổ 2",
            active_from=since,
        )
        for number in range(start, start + count)
    ]


def org_persona(username: str, role: str, organisation: Organisation, full_name: str = "") -> User:
    user = make_user(username, full_name=full_name or username)
    give_role(user, role, organisation.unit, organisation=organisation)
    return user


@pytest.fixture
def school(commune: AdministrativeUnit) -> Organisation:
    """Trường Tiểu học Hòa Phú: 30 staff from 2020."""
    organisation = make_organisation(commune, "Trường Tiểu học Hòa Phú")
    add_staff(organisation, 30)
    return organisation


@pytest.fixture
def principal(school: Organisation) -> User:
    return org_persona("hieu_truong", Role.AGENCY_HEAD, school, "Nguyễn Thị Hạnh")


@pytest.fixture
def union_chair(school: Organisation) -> User:
    return org_persona("chu_tich_cong_doan", Role.UNION_CHAIR, school, "Trần Văn Minh")


@pytest.fixture
def teacher(school: Organisation) -> User:
    return org_persona("giao_vien", Role.STAFF_MEMBER, school, "Lê Thị Giáo")


@pytest.fixture
def other_head(other_commune: AdministrativeUnit) -> User:
    """The head of another organisation (a clinic of Xã Bình An)."""
    clinic = make_organisation(other_commune, "Trạm Y tế Bình An")
    add_staff(clinic, 10)
    return org_persona("truong_tram", Role.AGENCY_HEAD, clinic, "Đỗ Văn Khác")


@pytest.fixture
def soe(commune: AdministrativeUnit) -> Organisation:
    """Công ty TNHH MTV Thủy lợi Hòa Phú: 120 workers."""
    organisation = make_organisation(
        commune, "Công ty TNHH MTV Thủy lợi Hòa Phú", OrganisationKind.STATE_OWNED_ENTERPRISE
    )
    add_staff(organisation, 120)
    return organisation


@pytest.fixture
def soe_director(soe: Organisation) -> User:
    return org_persona("giam_doc", Role.AGENCY_HEAD, soe, "Phạm Văn Giám Đốc")


def prepared(conference: Any, actor: User) -> None:
    from grassroots.workplaces import services

    for code in ("agree_with_union", "notice_sent"):
        services.conference_step_record(conference=conference, code=code, done_on=TODAY, actor=actor, now=NOW)


def fix_dialogue_members(
    organisation: Organisation, actor: User, *, workers: int, employer: int = 3, on: dt.date = TODAY
) -> Any:
    """A dialogue member list through the service: the first ``employer`` staff (the first of them the legal
    representative) and the next ``workers`` staff of the register."""
    from grassroots.workplaces import services

    staff = list(StaffMember.objects.filter(organisation=organisation).order_by("code")[: employer + workers])
    return services.dialogue_member_list_set(
        organisation=organisation,
        fixed_on=on,
        published_on=on,
        legal_representative=staff[0],
        employer_members=staff[1:employer],
        worker_members=staff[employer:],
        actor=actor,
        now=NOW,
    )


def present_members(member_list: Any, *, workers: int, legal_representative: bool = True) -> list[Any]:
    members = list(member_list.members.order_by("pk"))
    employer = [member for member in members if member.side == "employer"]
    if not legal_representative:
        employer = [member for member in employer if not member.is_legal_representative]
    return employer + [member for member in members if member.side == "workers"][:workers]
