"""Persona fixtures for every app's tests (pytest).

Make them available everywhere with, in the root ``conftest.py``::

    pytest_plugins = ["grassroots.accounts.testing"]

Each persona is a ``User`` who can log in with username = the fixture name (``commune_officer``…)
and password ``PERSONA_PASSWORD``, holding one role membership valid from ``PERSONA_VALID_FROM``,
open-ended. The world they live in:

    province "Tỉnh Thử Nghiệm"
    ├── commune  "Xã Hòa Phú"   (fixture ``commune``)   → communities "Thôn 1" (``community``), "Thôn 2"
    │                                                      3 households in Thôn 1, 2 in Thôn 2
    └── commune  "Xã Bình An"   (fixture ``other_commune``) → community "Thôn Đông"
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from grassroots.accounts.models import RoleMembership, User
    from grassroots.units.models import AdministrativeUnit, Household, UnitKind

# Models are imported inside the functions: this module may be loaded as a pytest plugin
# (``-p`` or ``pytest_plugins``) before pytest-django has set Django up.

PERSONA_PASSWORD = "matkhau-demo-1"  # noqa: S105 - a documented demo password for tests and fixtures
PERSONA_VALID_FROM = dt.date(2025, 7, 1)
"""The two-tier reform's first day (law.md §4.5): every persona's role runs from here, open-ended."""
HOUSEHOLD_ACTIVE_FROM = dt.date(2024, 1, 1)

_sequence = itertools.count(1)

_KINDS = {
    "province": ("tinh", "Tỉnh"),
    "commune": ("xa", "Xã"),
    "community": ("thon", "Thôn"),
}


def unit_kind(level: str) -> UnitKind:
    from grassroots.units.models import UnitKind

    code, name = _KINDS[str(level)]
    kind, _created = UnitKind.objects.get_or_create(code=code, defaults={"name": name, "level": level})
    return kind


def make_unit(level: str, name: str, parent: AdministrativeUnit | None = None, **extra: Any) -> AdministrativeUnit:
    from grassroots.units.models import AdministrativeUnit

    number = next(_sequence)
    defaults: dict[str, Any] = {"code": f"T{number:05d}", "slug": f"don-vi-{number}"}
    defaults.update(extra)
    return AdministrativeUnit.objects.create(level=level, kind=unit_kind(level), name=name, parent=parent, **defaults)


def make_household(community: AdministrativeUnit, code: str, **extra: Any) -> Household:
    from grassroots.units.models import Household

    return Household.objects.create(community=community, code=code, active_from=HOUSEHOLD_ACTIVE_FROM, **extra)


def make_user(username: str | None = None, *, password: str = PERSONA_PASSWORD, **extra: Any) -> User:
    from grassroots.accounts.models import User

    name = username or f"nguoi-dung-{next(_sequence)}"
    user = User(username=name, **extra)
    user.set_password(password)
    user.save()
    return user


def give_role(
    user: User,
    role: str,
    unit: AdministrativeUnit,
    *,
    valid_from: dt.date = PERSONA_VALID_FROM,
    valid_until: dt.date | None = None,
    organisation: Any = None,
) -> RoleMembership:
    """A membership written directly (no audit event): for test set-up, not for code under test."""
    from grassroots.accounts.models import RoleMembership

    return RoleMembership.objects.create(
        user=user, role=role, unit=unit, valid_from=valid_from, valid_until=valid_until, organisation=organisation
    )


def make_persona(username: str, role: str, unit: AdministrativeUnit, *, full_name: str = "", **extra: Any) -> User:
    user = make_user(username, full_name=full_name or username, **extra)
    give_role(user, role, unit)
    return user


@pytest.fixture
def province(db: Any) -> AdministrativeUnit:
    return make_unit("province", "Tỉnh Thử Nghiệm")


@pytest.fixture
def commune(province: AdministrativeUnit) -> AdministrativeUnit:
    """Xã Hòa Phú: communities Thôn 1 (households H1-01…03) and Thôn 2 (H2-01…02)."""
    unit = make_unit("commune", "Xã Hòa Phú", province, slug="xa-hoa-phu")
    first = make_unit("community", "Thôn 1", unit)
    second = make_unit("community", "Thôn 2", unit)
    for number in range(1, 4):
        make_household(first, f"H1-{number:02d}")
    for number in range(1, 3):
        make_household(second, f"H2-{number:02d}")
    return unit


@pytest.fixture
def community(commune: AdministrativeUnit) -> AdministrativeUnit:
    """Thôn 1 of ``commune``."""
    return commune.children.get(name="Thôn 1")


@pytest.fixture
def second_community(commune: AdministrativeUnit) -> AdministrativeUnit:
    """Thôn 2 of ``commune``."""
    return commune.children.get(name="Thôn 2")


@pytest.fixture
def other_commune(province: AdministrativeUnit) -> AdministrativeUnit:
    """Xã Bình An, in the same province: one community, Thôn Đông, with one household."""
    unit = make_unit("commune", "Xã Bình An", province, slug="xa-binh-an")
    east = make_unit("community", "Thôn Đông", unit)
    make_household(east, "D-01")
    return unit


@pytest.fixture
def resident(community: AdministrativeUnit) -> User:
    """A resident of Thôn 1, member of household H1-02 (not its representative)."""
    from grassroots.units.models import Household, Resident

    user = make_persona("resident", "resident", community, full_name="Nguyễn Văn Dân", phone="0912345678")
    Resident.objects.create(
        household=Household.objects.get(community=community, code="H1-02"), full_name=user.full_name, user=user
    )
    return user


@pytest.fixture
def household_representative(community: AdministrativeUnit) -> User:
    """The representative of household H1-01 in Thôn 1."""
    from grassroots.units.models import Household, Resident

    user = make_persona("household_representative", "household_representative", community, full_name="Trần Thị Hộ")
    household = Household.objects.get(community=community, code="H1-01")
    person = Resident.objects.create(household=household, full_name=user.full_name, user=user)
    household.representative = person
    household.save(update_fields=["representative"])
    return user


@pytest.fixture
def village_head(community: AdministrativeUnit) -> User:
    return make_persona("village_head", "village_head", community, full_name="Lê Văn Trưởng")


@pytest.fixture
def commune_officer(commune: AdministrativeUnit) -> User:
    return make_persona("commune_officer", "commune_officer", commune, full_name="Phạm Thị Cán Bộ")


@pytest.fixture
def commune_chair(commune: AdministrativeUnit) -> User:
    return make_persona("commune_chair", "commune_chair", commune, full_name="Hoàng Văn Chủ Tịch")


@pytest.fixture
def board_member(commune: AdministrativeUnit) -> User:
    """A member of the commune's People's Inspection Board (Ban Thanh tra nhân dân)."""
    return make_persona("board_member", "inspection_board_member", commune, full_name="Vũ Thị Thanh Tra")


@pytest.fixture
def other_commune_officer(other_commune: AdministrativeUnit) -> User:
    """An officer of *another* commune (Xã Bình An): must get 404 on everything in Xã Hòa Phú."""
    return make_persona("other_commune_officer", "commune_officer", other_commune, full_name="Đỗ Văn Xã Khác")


@pytest.fixture
def provincial_officer(province: AdministrativeUnit) -> User:
    """A home-affairs officer of the province: reads every roll-up in it."""
    return make_persona("provincial_officer", "provincial_officer", province, full_name="Bùi Thị Sở Nội Vụ")


@pytest.fixture
def superuser(db: Any) -> User:
    return make_user("quan-tri", is_superuser=True, is_staff=True, full_name="Quản trị hệ thống")
