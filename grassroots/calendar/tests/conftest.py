"""Fixtures of the calendar tests: the real 2025–2027 public calendar built without a database."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterator
from typing import Any

import pytest

from grassroots.calendar import rules, selectors

SEED = importlib.import_module("grassroots.calendar.migrations.0002_seed_overrides_2025_2026")
YEARS = (2024, 2025, 2026, 2027)


def seed_overrides() -> list[rules.DayOverride]:
    """The rows the data migration writes, as plain values (all scope "public")."""
    return [rules.DayOverride(day=row[0], kind=row[1], name=row[2]) for row in SEED.ROWS]


def pure_calendar(
    *, scope: Any = "public", weekly_rest_days: Any = (5, 6), overrides: Any = None
) -> rules.WorkingCalendar:
    found, make_up = selectors.base_holidays(years=YEARS, weekly_rest_days=weekly_rest_days, scope=scope)
    rows = seed_overrides() if overrides is None else overrides
    return rules.build_calendar(
        first_day=dt.date(YEARS[0], 1, 1),
        last_day=dt.date(YEARS[-1], 12, 31),
        holidays=found,
        weekly_rest_days=weekly_rest_days,
        extra_working_days=make_up,
        overrides=rows if scope == "public" else [],
    )


@pytest.fixture(scope="session")
def public_calendar() -> rules.WorkingCalendar:
    return pure_calendar()


@pytest.fixture(scope="session")
def sunday_only_calendar() -> rules.WorkingCalendar:
    return pure_calendar(scope="all", weekly_rest_days=(6,))


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Iterator[None]:
    selectors.clear_cache()
    yield
    selectors.clear_cache()
