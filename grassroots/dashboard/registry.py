"""The staff task registry: other apps plug their "việc cần làm" into the dashboard.

An app registers a provider, a callable ``(user, today) -> Iterable[TaskItem]``, usually in its
``AppConfig.ready()``::

    from grassroots.dashboard.registry import TaskItem, register_task_provider

    def petitions_due(user, today):
        for petition in selectors.petitions_assigned_to(user):
            yield TaskItem(title=..., url=..., due_date=petition.due_on, unit=petition.unit.name)

    register_task_provider("petitions", petitions_due)

The dashboard groups the items by urgency (overdue, due soon, later). An item with ``is_invitation``
is something a person *may* do for themselves or their household (an online vote open to their household):
it is never classified by urgency and never shown as overdue (residents are never late), only listed by
its date with its own ``note`` ("Đang mở cho hộ của bạn đến …") and ``action_label`` ("Biểu quyết"). A provider may set
``urgency`` itself, or ``working_days_left`` counted in its own calendar (an organisation's week);
otherwise both are computed from ``due_date`` in the public-sector calendar. Deadline arithmetic lives
in the calendar app (``calendar.rules.deadline_status``); ``Urgency``, ``classify`` and
``working_days_left`` are re-exported here for providers.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from grassroots.calendar.rules import DUE_SOON_WORKING_DAYS, DeadlineStatus, Urgency, classify
from grassroots.calendar.selectors import working_days_left

logger = logging.getLogger(__name__)

__all__ = [
    "DUE_SOON_WORKING_DAYS",
    "TaskGroups",
    "TaskItem",
    "TaskProvider",
    "Urgency",
    "classify",
    "collect_tasks",
    "register_task_provider",
    "registered_providers",
    "unregister_task_provider",
    "working_days_left",
]


@dataclass(frozen=True)
class TaskItem:
    """One thing a staff member must do, with its deadline."""

    title: str
    url: str
    due_date: dt.date | None = None
    urgency: Urgency | None = None
    unit: str = ""
    working_days_left: int | None = None
    note: str = ""
    """A plain line shown instead of the deadline clock (invitations) or under it (staff tasks)."""
    action_label: str = ""
    """The text of the item's button; without it the title itself is the link."""
    is_invitation: bool = False
    """Something the person may do, not a duty with a legal clock: listed by date, never overdue."""

    @property
    def deadline(self) -> DeadlineStatus | None:
        """The deadline as ``{% deadline %}`` shows it (after ``collect_tasks`` filled in the clock)."""
        if self.due_date is None:
            return None
        return DeadlineStatus(due_on=self.due_date, working_days_left=self.working_days_left, urgency=self.urgency)


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


@dataclass
class TaskGroups:
    overdue: list[TaskItem] = field(default_factory=list)
    due_soon: list[TaskItem] = field(default_factory=list)
    later: list[TaskItem] = field(default_factory=list)
    invitations: list[TaskItem] = field(default_factory=list)
    failed_providers: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.later) + len(self.invitations)

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
            if item.is_invitation:
                result.invitations.append(replace(item, urgency=None, working_days_left=None))
                continue
            days_left = item.working_days_left
            if days_left is None and item.due_date is not None:
                days_left = working_days_left(today, item.due_date)
            urgency = item.urgency or classify(item.due_date, today, days_left)
            item = replace(item, urgency=urgency, working_days_left=days_left)
            getattr(result, urgency.value).append(item)
    far_future = dt.date.max
    for items in (result.overdue, result.due_soon, result.later, result.invitations):
        items.sort(key=lambda task: (task.due_date or far_future, task.title))
    return result
