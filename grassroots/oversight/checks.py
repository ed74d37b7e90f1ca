"""System checks of the oversight app's configurable rules: a bad value is reported at start-up (``manage.py
check``, ``runserver``, ``migrate``), not discovered the day a body asked extends a request for information."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error

from grassroots.oversight import rules


def check_oversight_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """``OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS`` is a whole number of 1..10 working days: the Access to
    Information Law art. 29(2) caps the one extension at 10 (law.md §6 row 8,
    ``rules.INFORMATION_EXTENSION_LEGAL_CAP_WORKING_DAYS``)."""
    errors: list[CheckMessage] = []
    cap = rules.INFORMATION_EXTENSION_LEGAL_CAP_WORKING_DAYS
    value = getattr(
        settings, "OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS", rules.INFORMATION_EXTENSION_MAX_WORKING_DAYS_DEFAULT
    )
    try:
        days = int(value)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= cap:
        errors.append(
            Error(
                f"OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS = {value!r} is not 1..{cap} working days.",
                hint=f"The Access to Information Law art. 29(2) allows one extension of up to {cap} working days; "
                "a larger value is clamped to it.",
                id="oversight.E001",
            )
        )
    return errors
