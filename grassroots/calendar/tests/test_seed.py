"""The seeded override table and the ``holidays`` package agree, except where the table corrects it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.calendar import rules, selectors
from grassroots.calendar.models import CalendarOverride

from .conftest import SEED, pure_calendar

D = dt.date
YEARS = (2025, 2026)
TABLE_CORRECTIONS = {D(2026, 1, 2), D(2026, 1, 10)}
"""The package 0.109 does not know the New Year 2026 swap of Công văn 12729/VPCP-KGVX (25/12/2025)."""


def test_every_seeded_row_matches_the_package_except_new_year_2026() -> None:
    package_rest = selectors.package_holidays(YEARS, unconfirmed=rules.UNCONFIRMED_PACKAGE_HOLIDAY_NAMES)
    package_work = selectors.package_weekend_workdays(YEARS)
    disagreements = set()
    for day, kind, *_rest in SEED.ROWS:
        agrees = day in package_work if kind == "extra_working_day" else day in package_rest
        if not agrees:
            disagreements.add(day)
    assert disagreements == TABLE_CORRECTIONS


def test_every_package_swap_is_in_the_table() -> None:
    package = selectors.package_holidays(YEARS)
    swaps = {day for day, name in package.items() if name.startswith(rules.SUBSTITUTED_DAY_PREFIX)}
    swaps |= selectors.package_weekend_workdays(YEARS)
    assert swaps == {D(2025, 4, 26), D(2025, 5, 2), D(2026, 8, 22), D(2026, 8, 31)}
    seeded = {row[0] for row in SEED.ROWS}
    assert swaps <= seeded


def test_table_changes_exactly_two_days_of_the_package_calendar() -> None:
    with_table = pure_calendar()
    package_only = pure_calendar(overrides=[])
    changed = {
        D(2025, 1, 1) + dt.timedelta(days=offset)
        for offset in range(730)
        if rules.is_working_day(D(2025, 1, 1) + dt.timedelta(days=offset), with_table)
        != rules.is_working_day(D(2025, 1, 1) + dt.timedelta(days=offset), package_only)
    }
    assert changed == TABLE_CORRECTIONS


def test_national_day_2026_rows_are_marked_uncertain() -> None:
    uncertain = {row[0] for row in SEED.ROWS if row[4]}
    assert uncertain == {D(2026, 8, 22), D(2026, 8, 31), D(2026, 9, 1)}


def test_culture_day_is_the_one_package_holiday_left_out(settings: Any) -> None:
    everything = selectors.package_holidays(YEARS)
    applied = selectors.package_holidays(YEARS, unconfirmed=rules.UNCONFIRMED_PACKAGE_HOLIDAY_NAMES)
    assert set(everything) - set(applied) == {D(2026, 11, 24)}
    # The documented switch: once the Labor Code amendment is in force, an empty setting applies it.
    settings.GRASSROOTS_CALENDAR_UNCONFIRMED_HOLIDAYS = []
    found, _make_up = selectors.base_holidays(years=YEARS, weekly_rest_days=(5, 6), scope="public")
    assert D(2026, 11, 24) in found


@pytest.mark.django_db
def test_migration_seeded_the_rows_with_sources() -> None:
    rows = CalendarOverride.objects.all()
    assert rows.count() == len(SEED.ROWS)
    assert all(row.source for row in rows)
    new_year = rows.get(day=D(2026, 1, 10))
    assert new_year.kind == "extra_working_day"
    assert "12729/VPCP-KGVX" in new_year.source
