"""Reads of citizens' cases: settings the rules take as parameters, the clocks of a case."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from grassroots.calendar import selectors as calendar_selectors
from grassroots.calendar.rules import WorkingCalendar
from grassroots.petitions import rules


def resolution_target_working_days() -> int:
    """Setting ``GRASSROOTS_PETITIONS_RESOLUTION_TARGET_WORKING_DAYS`` (default 15, see ``rules``)."""
    return int(
        getattr(
            settings,
            "GRASSROOTS_PETITIONS_RESOLUTION_TARGET_WORKING_DAYS",
            rules.DEFAULT_RESOLUTION_TARGET_WORKING_DAYS,
        )
    )


def reopen_days() -> int:
    """``GRASSROOTS_PETITIONS_REOPEN_DAYS``, default ``rules.DEFAULT_REOPEN_DAYS``."""
    return int(getattr(settings, "GRASSROOTS_PETITIONS_REOPEN_DAYS", rules.DEFAULT_REOPEN_DAYS))


def remote_commune_codes() -> frozenset[str]:
    """``GRASSROOTS_PETITIONS_REMOTE_COMMUNE_CODES``: codes of communes in remote areas (Law on Complaints art. 28)."""
    return frozenset(str(code) for code in getattr(settings, "GRASSROOTS_PETITIONS_REMOTE_COMMUNE_CODES", ()))


def public_calendar() -> WorkingCalendar:
    return calendar_selectors.working_calendar()


def step_due_dates(
    *,
    kind: str,
    received_on: dt.date,
    accepted_on: dt.date | None = None,
    complexity: str = "normal",
    remote_area: bool = False,
    several_places: bool = False,
    extension_days: tuple[int, ...] = (),
) -> dict[str, dt.date | None]:
    """The clocks of a case described by plain values (the ``case_deadlines`` command)."""
    facts = rules.CaseFacts(
        kind=kind,
        received_on=received_on,
        accepted_on=accepted_on,
        complexity=complexity,
        remote_area=remote_area,
        several_places=several_places,
        extension_days=extension_days,
        resolution_target_working_days=resolution_target_working_days(),
    )
    return rules.case_clocks(facts, public_calendar())
