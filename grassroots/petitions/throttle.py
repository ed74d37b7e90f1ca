"""A limit on how fast one sender may file cases (public intake and Open311), so a script cannot flood the desk.

A fixed window per key in the default cache: the first request of a window sets the counter with the window's
lifetime, later ones increment it. The limits are settings (``GRASSROOTS_PETITIONS_INTAKE_LIMIT`` per
``GRASSROOTS_PETITIONS_INTAKE_WINDOW_SECONDS``), not law: a commune with a busy hotline desk can raise them.
Officers entering cases they received are never limited.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

DEFAULT_LIMIT = 10
"""At most 10 cases from one sender (an account, or an address for Open311) per window (an operational choice)."""
DEFAULT_WINDOW_SECONDS = 3600
"""One hour."""

MESSAGE = _(
    "Bạn đã gửi quá nhiều phản ánh, kiến nghị trong thời gian ngắn. Vui lòng thử lại sau khoảng %(minutes)s phút; "
    "việc gấp xin gọi đường dây nóng của xã."
)


def limit() -> int:
    return int(getattr(settings, "GRASSROOTS_PETITIONS_INTAKE_LIMIT", DEFAULT_LIMIT))


def window_seconds() -> int:
    return int(getattr(settings, "GRASSROOTS_PETITIONS_INTAKE_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS))


def intake_allowed(key: str) -> bool:
    """Count one filing for ``key``; ``False`` once the window already holds ``limit()`` filings."""
    name = f"petitions:intake:{key}"
    if cache.add(name, 1, timeout=window_seconds()):
        return True
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr: this request opens a new window
        cache.add(name, 1, timeout=window_seconds())
        return True
    return count <= limit()


def refusal_message() -> str:
    return str(MESSAGE) % {"minutes": max(1, window_seconds() // 60)}
