"""The staff task registry: other apps plug their "việc cần làm" into the dashboard.

An app registers a provider, a callable ``(user, today) -> Iterable[TaskItem]``, usually in its
``AppConfig.ready()``::

    from grassroots.dashboard.registry import TaskItem, register_task_provider

    def petitions_due(user, today):
        for petition in selectors.petitions_assigned_to(user):
            yield TaskItem(title=..., url=..., due_date=petition.due_on, unit=petition.unit.name)

    register_task_provider("petitions", petitions_due)

The dashboard groups the items by urgency (overdue, due soon, later). A provider may set
``urgency`` itself; otherwise it is computed from ``due_date`` and the working days left.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

logger = logging.getLogger(__name__)

DUE_SOON_WORKING_DAYS = 3
"""An item is "due soon" when at most this many working days are left (a UI choice, not a legal number)."""


class Urgency(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    LATER = "later"


@dataclass(frozen=True)
class TaskItem:
    """One thing a staff member must do, with its deadline."""

    title: str
    url: str
    due_date: dt.date | None = None
    urgency: Urgency | None = None
    unit: str = ""
    working_days_left: int | None = None


TaskProvider = Callable[[Any, dt.date], Iterable[TaskItem]]

_providers: dict[str, TaskProvider] = {}


def register_task_provider(name: str, provider: TaskProvider) -> TaskProvider:
    """Register (or replace) the provider called ``name``; returns it so it can be a decorator's target."""
    _providers[name] = provider
    return provider


def unregister_task_provider(name: str) -> None:
    _providers.pop(name, None)


def registered_providers() -> dict[str, TaskProvider]:
    return dict(_providers)


def working_days_left(today: dt.date, due_date: dt.date) -> int | None:
    """Working days in (today, due_date] from the calendar app, or None when it cannot tell."""
    try:
        from grassroots.calendar.selectors import working_days_between
    except ImportError:
        return None
    try:
        return working_days_between(today, due_date)
    except (ValueError, LookupError):  # a date outside the calendar's years
        return None


def classify(due_date: dt.date | None, today: dt.date, days_left: int | None) -> Urgency:
    if due_date is None:
        return Urgency.LATER
    if due_date < today:
        return Urgency.OVERDUE
    left = days_left if days_left is not None else (due_date - today).days
    return Urgency.DUE_SOON if left <= DUE_SOON_WORKING_DAYS else Urgency.LATER


@dataclass
class TaskGroups:
    overdue: list[TaskItem] = field(default_factory=list)
    due_soon: list[TaskItem] = field(default_factory=list)
    later: list[TaskItem] = field(default_factory=list)
    failed_providers: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.later)

    def groups(self) -> list[tuple[Urgency, list[TaskItem]]]:
        return [(Urgency.OVERDUE, self.overdue), (Urgency.DUE_SOON, self.due_soon), (Urgency.LATER, self.later)]


def collect_tasks(user: Any, today: dt.date) -> TaskGroups:
    """Ask every provider for the user's tasks; a provider that fails is named, not fatal."""
    result = TaskGroups()
    for name, provider in sorted(_providers.items()):
        try:
            items = list(provider(user, today))
        except Exception:  # one broken app must not take the whole dashboard down
            logger.exception("dashboard task provider %s failed", name)
            result.failed_providers.append(name)
            continue
        for item in items:
            days_left = item.working_days_left
            if days_left is None and item.due_date is not None:
                days_left = working_days_left(today, item.due_date)
            urgency = item.urgency or classify(item.due_date, today, days_left)
            item = replace(item, urgency=urgency, working_days_left=days_left)
            getattr(result, urgency.value).append(item)
    far_future = dt.date.max
    for _urgency, items in result.groups():
        items.sort(key=lambda task: (task.due_date or far_future, task.title))
    return result
