"""Fixtures of the units tests.

``bare_commune`` is a commune with no community yet (``village_one``/``village_two`` add them): it is
deliberately *not* named ``commune``, so the persona fixtures of ``grassroots.accounts.testing``
(``commune`` = Xã Hòa Phú with its villages and households, ``commune_officer``, ``village_head``…)
stay usable in these tests. The two worlds use different slugs and can share a test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.units.models import AdministrativeUnit
from grassroots.units.tests.factories import CommuneFactory, CommunityFactory

NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def now() -> dt.datetime:
    return NOW


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    """Pin core.clock.now() to 22/11/2026 09:00 UTC (16:00 in Vietnam)."""
    from grassroots.core import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


@pytest.fixture
def bare_commune(db: None) -> AdministrativeUnit:
    """Xã Tân Lập, slug ``xa-tan-lap``: no community until ``village_one``/``village_two`` are asked for."""
    return CommuneFactory(name="Xã Tân Lập", slug="xa-tan-lap")


@pytest.fixture
def village_one(bare_commune: AdministrativeUnit) -> AdministrativeUnit:
    return CommunityFactory(parent=bare_commune, name="Thôn 1", code="01")


@pytest.fixture
def village_two(bare_commune: AdministrativeUnit) -> AdministrativeUnit:
    return CommunityFactory(parent=bare_commune, name="Thôn 2", code="02")


@pytest.fixture
def actor(db: None) -> User:
    """The person recorded on audit events by service tests (services do not authorize; views do)."""
    from grassroots.accounts.testing import make_user

    return make_user("nguoi-thuc-hien", full_name="Người Thực Hiện")
