"""Quarters (art. 13(2): the list of disclosed items is compiled every quarter)."""

from __future__ import annotations

import datetime as dt

# ---------------------------------------------------------------------------------------------
# Quarters (art. 13(2): the list of disclosed items is compiled every quarter)
# ---------------------------------------------------------------------------------------------


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First day and last day (inclusive) of a quarter."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("quarter must be 1–4")
    first = dt.date(year, 3 * quarter - 2, 1)
    next_first = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return first, next_first - dt.timedelta(days=1)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1
