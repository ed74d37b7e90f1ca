"""Fixtures of the documents tests: a commune with a village, its staff, and a temporary MEDIA_ROOT."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.documents import rules
from grassroots.documents.models import DocumentType
from grassroots.documents.spec import Recipients
from grassroots.units.models import AdministrativeUnit, Organisation, UnitKind, UnitLevel

MOMENT = dt.datetime(2026, 3, 5, 2, 0, tzinfo=dt.UTC)
"""09:00 on 5 March 2026 in Hà Nội time."""


def _kind(code: str, name: str, level: str) -> UnitKind:
    kind, _created = UnitKind.objects.get_or_create(code=code, defaults={"name": name, "level": level})
    return kind


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GRASSROOTS_PUBLIC_URL = "https://dancoso.example.vn"
    return settings.MEDIA_ROOT


@pytest.fixture
def province(db: None) -> AdministrativeUnit:
    return AdministrativeUnit.objects.create(
        level=UnitLevel.PROVINCE, kind=_kind("tinh", "Tỉnh", UnitLevel.PROVINCE), name="Tỉnh Đắk Lắk", code="966"
    )


@pytest.fixture
def commune(province: AdministrativeUnit) -> AdministrativeUnit:
    return AdministrativeUnit.objects.create(
        parent=province,
        level=UnitLevel.COMMUNE,
        kind=_kind("xa", "Xã", UnitLevel.COMMUNE),
        name="Xã Hòa Phú",
        code="96601",
    )


@pytest.fixture
def village(commune: AdministrativeUnit) -> AdministrativeUnit:
    return AdministrativeUnit.objects.create(
        parent=commune, level=UnitLevel.COMMUNITY, kind=_kind("thon", "Thôn", UnitLevel.COMMUNITY), name="Thôn 3"
    )


@pytest.fixture
def other_commune(province: AdministrativeUnit) -> AdministrativeUnit:
    return AdministrativeUnit.objects.create(
        parent=province,
        level=UnitLevel.COMMUNE,
        kind=_kind("phuong", "Phường", UnitLevel.COMMUNE),
        name="Phường Tân An",
        code="96602",
    )


def _user(username: str, role: str, unit: AdministrativeUnit, full_name: str = "") -> User:
    user = User.objects.create_user(username=username, password="matkhau-thu-nghiem", full_name=full_name)
    RoleMembership.objects.create(user=user, role=role, unit=unit, valid_from=dt.date(2025, 7, 1))
    return user


@pytest.fixture
def chair(commune: AdministrativeUnit) -> User:
    return _user("chutich", Role.COMMUNE_CHAIR, commune, "Nguyễn Văn Thành")


@pytest.fixture
def officer(commune: AdministrativeUnit) -> User:
    return _user("vanphong", Role.COMMUNE_OFFICER, commune, "Trần Thị Mai")


@pytest.fixture
def other_officer(other_commune: AdministrativeUnit) -> User:
    return _user("canbokhac", Role.COMMUNE_OFFICER, other_commune, "Lê Văn Khác")


@pytest.fixture
def resident(village: AdministrativeUnit) -> User:
    return _user("nguoidan", Role.RESIDENT, village, "Phạm Văn Dân")


SHORT_BODY = [
    {"type": "section", "title": "Mục đích", "children": [{"type": "item", "text": "Công khai đúng hạn."}]},
    {"type": "paragraph", "text": "Tổ chức thực hiện nghiêm túc./."},
]


def plan_kwargs(commune: AdministrativeUnit | Organisation, actor: Any, **overrides: Any) -> dict[str, Any]:
    """Keyword arguments of a valid, short plan issued by the commune's People's Committee."""
    issuer = rules.issuing_body_for_unit(body="people_committee", unit_name=commune.name, unit_kind_name="Xã")
    values: dict[str, Any] = {
        "kind": DocumentType.PLAN,
        "issuer": commune,
        "summary": "Tổ chức hội nghị nhân dân năm 2026",
        "body": SHORT_BODY,
        "signer": rules.signature_block(
            issuer=issuer, signer_role=Role.COMMUNE_CHAIR, signer_name="Nguyễn Văn Thành", authority="TM"
        ),
        "recipients": Recipients(copies=("Các thôn",), archive_unit="VP"),
        "actor": actor,
        "now": MOMENT,
    }
    values.update(overrides)
    return values
