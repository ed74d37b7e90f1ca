"""The one clock of the platform.

Every rule and service accepts an explicit ``now``; when it is omitted they ask this module.
Dates are counted in Asia/Ho_Chi_Minh (settings.TIME_ZONE), never in UTC or the server zone.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def now() -> dt.datetime:
    """The current aware datetime (UTC internally)."""
    return timezone.now()


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def localdate(moment: dt.datetime | None = None) -> dt.date:
    """The calendar date in Vietnam at ``moment`` (default: now)."""
    return (moment or now()).astimezone(local_zone()).date()


def today() -> dt.date:
    return localdate()


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in Vietnam, as an aware datetime."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=local_zone())
