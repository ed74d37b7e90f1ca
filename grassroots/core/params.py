"""Whole numbers read from what a browser sends outside a Django form (query strings, a bare POST field): one way.

``str.isdigit()`` is not the test: it also accepts "²" or "١", which ``int()`` refuses (a server error) or reads
as another number, and it lets through a number too long for the database's integer (an overflow on SQLite).
"""

from __future__ import annotations

MAX_DIGITS = 12
"""Longer than any id or year the platform holds, shorter than the 19 digits of a 64-bit integer."""


def ascii_int(text: object, *, max_digits: int = MAX_DIGITS) -> int | None:
    """The whole number written in ``text`` with ASCII digits only (at most ``max_digits``), else ``None``."""
    value = "" if text is None else str(text).strip()
    if not value or len(value) > max_digits or not value.isascii() or not value.isdigit():
        return None
    return int(value)
