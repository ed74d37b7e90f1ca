"""Fixtures of the disclosures tests: the shared personas plus a fixed clock and helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from grassroots.accounts.testing import (  # noqa: F401 - fixtures are found by name
    board_member,
    commune,
    commune_chair,
    commune_officer,
    community,
    other_commune,
    other_commune_officer,
    province,
    provincial_officer,
    resident,
    second_community,
    superuser,
    village_head,
)
from grassroots.calendar import selectors as calendar_selectors

VN = dt.timezone(dt.timedelta(hours=7))


def at(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    """An aware moment in Vietnam."""
    return dt.datetime(year, month, day, hour, 0, tzinfo=VN)


NOW = at(2026, 11, 22)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Iterator[None]:
    calendar_selectors.clear_cache()
    yield
    calendar_selectors.clear_cache()


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> Any:
    from grassroots.core import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
