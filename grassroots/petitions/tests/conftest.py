"""A fixed clock, media in a temporary folder, and case helpers for the petitions tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_persona
from grassroots.core import clock
from grassroots.petitions import services
from grassroots.petitions.models import Case
from grassroots.units.models import AdministrativeUnit

VN = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2027, 2, 3, 9, 0, tzinfo=VN)  # Wednesday, the last working day before Tết 2027
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media_and_clock(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(clock, "now", lambda: NOW)


@pytest.fixture
def second_officer(commune: AdministrativeUnit) -> User:
    """Another officer of the same commune, not assigned: must not see a confidential identity."""
    return make_persona("second_officer", "commune_officer", commune, full_name="Trịnh Văn Đồng Nghiệp")


def file_online(resident: User, commune: AdministrativeUnit, **extra: Any) -> Case:
    values: dict[str, Any] = {
        "unit": commune,
        "kind": "feedback",
        "channel": "online",
        "title": "Ổ gà trước nhà văn hóa thôn 1",
        "content": "Đường có ổ gà lớn, xe máy dễ ngã.",
        "citizen": services.Citizen(full_name="Nguyễn Văn Dân", phone="0912345678", user=resident),
        "actor": resident,
        "now": NOW,
    }
    values.update(extra)
    return services.case_receive(**values)


def enter_denunciation(officer: User, commune: AdministrativeUnit, **extra: Any) -> Case:
    values: dict[str, Any] = {
        "unit": commune,
        "kind": "denunciation",
        "channel": "in_person",
        "title": "Tố cáo cán bộ địa chính",
        "content": "Nhận tiền để cấp giấy tờ đất.",
        "citizen": services.Citizen(full_name="Lê Thị Bí Mật", phone="0987654321", address="Thôn 2"),
        "actor": officer,
        "now": NOW,
    }
    values.update(extra)
    return services.case_receive(**values)
