"""The task registry: grouping by urgency, working days left, a failing provider."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from grassroots.accounts.models import User
from grassroots.dashboard import registry
from grassroots.dashboard.registry import TaskItem, Urgency, classify, collect_tasks

TODAY = dt.date(2026, 11, 20)  # a Friday


@pytest.fixture
def providers() -> Iterator[Any]:
    saved = registry.registered_providers()
    registry._providers.clear()
    yield registry
    registry._providers.clear()
    registry._providers.update(saved)


@pytest.mark.parametrize(
    ("due", "left", "expected"),
    [
        (None, None, Urgency.LATER),
        (dt.date(2026, 11, 19), -1, Urgency.OVERDUE),
        (TODAY, 0, Urgency.DUE_SOON),
        (dt.date(2026, 11, 25), 3, Urgency.DUE_SOON),
        (dt.date(2026, 11, 26), 4, Urgency.LATER),
    ],
)
def test_classify(due: Any, left: Any, expected: Any) -> None:
    assert classify(due, TODAY, left) == expected


def test_empty_registry_gives_no_tasks(providers: Any) -> None:
    groups = collect_tasks(None, TODAY)
    assert groups.total == 0
    assert groups.failed_providers == []


def test_tasks_are_grouped_and_sorted(providers: Any) -> None:
    def provider(user: User, today: Any) -> Any:
        return [
            TaskItem("later", "/b", dt.date(2026, 12, 31), working_days_left=20),
            TaskItem("late", "/a", dt.date(2026, 11, 2), working_days_left=-14),
            TaskItem("soon 2", "/c", dt.date(2026, 11, 24), working_days_left=2),
            TaskItem("soon 1", "/d", dt.date(2026, 11, 23), working_days_left=1),
            TaskItem("forced", "/e", None, urgency=Urgency.OVERDUE),
        ]

    providers.register_task_provider("test", provider)
    groups = collect_tasks(None, TODAY)
    assert [item.title for item in groups.overdue] == ["late", "forced"]
    assert [item.title for item in groups.due_soon] == ["soon 1", "soon 2"]
    assert [item.title for item in groups.later] == ["later"]
    assert groups.total == 5


def test_a_failing_provider_is_reported_not_raised(providers: Any) -> None:
    def broken(user: User, today: Any) -> None:
        raise RuntimeError("boom")

    providers.register_task_provider("broken", broken)
    providers.register_task_provider("fine", lambda user, today: [TaskItem("ok", "/ok")])
    groups = collect_tasks(None, TODAY)
    assert groups.failed_providers == ["broken"]
    assert [item.title for item in groups.later] == ["ok"]


@pytest.mark.django_db
def test_working_days_left_comes_from_the_calendar() -> None:
    # Friday 20/11/2026 → Friday 27/11/2026: five working days (Mon–Fri) in (a, b].
    assert registry.working_days_left(TODAY, dt.date(2026, 11, 27)) == 5
