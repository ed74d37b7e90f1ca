"""Pure rules of the unit tree: the 2025 reform's numbers."""

from __future__ import annotations

import datetime as dt

REFORM_DATE = dt.date(2025, 7, 1)
"""Two-tier local government since 01/07/2025: no districts, 34 provinces, 3,321 communes (law.md §4.5,
Law 72/2025/QH15 art. 51(3), Resolution 202/2025/QH15)."""

PROVINCE_COUNT = 34
"""Provinces and centrally-run cities after the reform (Resolution 202/2025/QH15; law.md §6 item 118)."""

COMMUNE_COUNT = 3321
"""Commune-level units after the reform: 2,621 xã, 687 phường, 13 đặc khu (law.md §4.5, §6 item 118)."""
