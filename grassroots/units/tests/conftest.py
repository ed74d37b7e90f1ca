from __future__ import annotations

import datetime as dt

import pytest

from grassroots.units.tests.factories import CommuneFactory, CommunityFactory

NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def now() -> dt.datetime:
    return NOW


@pytest.fixture
def frozen_clock(monkeypatch):
    """Pin core.clock.now() to 22/11/2026 09:00 UTC (16:00 in Vietnam)."""
    from grassroots.core import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


@pytest.fixture
def commune(db):
    return CommuneFactory(name="Xã Hòa Phú", slug="xa-hoa-phu")


@pytest.fixture
def village_one(commune):
    return CommunityFactory(parent=commune, name="Thôn 1", code="01")


@pytest.fixture
def village_two(commune):
    return CommunityFactory(parent=commune, name="Thôn 2", code="02")


@pytest.fixture
def staff_user(db, django_user_model):
    return django_user_model.objects.create_user(username="canbo", password="mat-khau-dai-123", is_staff=True)


@pytest.fixture
def plain_user(db, django_user_model):
    return django_user_model.objects.create_user(username="nguoidan", password="mat-khau-dai-123")
