"""A fixed clock, media in a temporary folder, and the people of a reception desk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_persona
from grassroots.core import clock
from grassroots.units.models import AdministrativeUnit

VN = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 12, 9, 9, 0, tzinfo=VN)  # Wednesday
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _media_and_clock(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(clock, "now", lambda: NOW)


@pytest.fixture
def vice_chair(commune: AdministrativeUnit) -> User:
    return make_persona("vice_chair", "commune_vice_chair", commune, full_name="Phạm Văn Phó")
