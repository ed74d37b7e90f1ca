"""A small province → commune → community tree with households and staff, built directly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.units.models import AdministrativeUnit, Household, HouseholdStatus, UnitKind, UnitLevel

PASSWORD = "mat-khau-thu-nghiem"
DAY = dt.date(2026, 11, 20)


def kind(code: str, level: str) -> UnitKind:
    return UnitKind.objects.get_or_create(code=code, defaults={"name": code, "level": level})[0]


def unit(level: str, name: str, parent: AdministrativeUnit | None, code: str, slug: str = "") -> AdministrativeUnit:
    codes: dict[str, str] = {UnitLevel.PROVINCE: "tinh", UnitLevel.COMMUNE: "xa", UnitLevel.COMMUNITY: "thon"}
    return AdministrativeUnit.objects.create(
        level=level, name=name, parent=parent, code=code, slug=slug, kind=kind(codes[level], level)
    )


def staff(username: str, role: str, place: AdministrativeUnit) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=username.title())
    RoleMembership.objects.create(user=user, role=role, unit=place, valid_from=dt.date(2025, 7, 1))
    return user


@pytest.fixture
def tree(db: None) -> Any:
    province = unit(UnitLevel.PROVINCE, "Tỉnh Thử", None, "T99", "tinh-thu")
    commune = unit(UnitLevel.COMMUNE, "Xã Hòa Thử", province, "X9901", "hoa-thu")
    empty_commune = unit(UnitLevel.COMMUNE, "Xã Trống", province, "X9902", "trong")
    first = unit(UnitLevel.COMMUNITY, "Thôn Một", commune, "01")
    second = unit(UnitLevel.COMMUNITY, "Thôn Hai", commune, "02")
    for number in range(3):
        Household.objects.create(community=first, code=f"A{number}", active_from=dt.date(2020, 1, 1))
    Household.objects.create(community=second, code="B0", active_from=dt.date(2020, 1, 1))
    Household.objects.create(
        community=second,
        code="B1",
        active_from=dt.date(2020, 1, 1),
        active_until=dt.date(2026, 1, 1),
        status=HouseholdStatus.MOVED,
    )
    return {"province": province, "commune": commune, "empty_commune": empty_commune, "first": first, "second": second}


@pytest.fixture
def officer(tree: Any) -> User:
    return staff("canbo-thu", Role.COMMUNE_OFFICER, tree["commune"])


@pytest.fixture
def provincial_officer(tree: Any) -> User:
    return staff("sonoivu-thu", Role.PROVINCIAL_OFFICER, tree["province"])
