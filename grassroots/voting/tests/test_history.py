"""Grouping a vote's history into lines (``voting.history.group_history``): pure, no database."""

from __future__ import annotations

import datetime as dt

from grassroots.voting.history import HistoryEvent, group_history

T0 = dt.datetime(2026, 10, 18, 1, 20, tzinfo=dt.UTC)
MARK = "decisions.meeting.attendance_marked"


def marks(count: int, actor: str = "truongthon1", start: int = 0) -> list[HistoryEvent]:
    return [
        HistoryEvent(MARK, actor, T0 + dt.timedelta(seconds=number), subject=f"01-{start + number:04d}")
        for number in range(count)
    ]


def test_an_empty_history_has_no_lines() -> None:
    assert group_history([]) == []


def test_180_identical_steps_become_one_line_with_every_household() -> None:
    (line,) = group_history(marks(180))
    assert (line.code, line.actor_label, line.count, line.is_group) == (MARK, "truongthon1", 180, True)
    assert line.first_at == T0 and line.last_at == T0 + dt.timedelta(seconds=179)
    assert len(line.subjects) == 180 and line.subjects[0] == "01-0000" and line.subjects[-1] == "01-0179"


def test_a_single_step_is_not_a_group() -> None:
    (line,) = group_history([HistoryEvent("decisions.vote.opened", "truongthon1", T0)])
    assert (line.count, line.is_group, line.subjects) == (1, False, ())


def test_only_consecutive_steps_by_the_same_person_merge() -> None:
    events = [
        *marks(3),
        HistoryEvent("decisions.meeting.officers_approved", "truongthon1", T0 + dt.timedelta(minutes=10)),
        *marks(2, start=3),
        *marks(2, actor="canbo", start=5),
    ]
    lines = group_history(events)
    assert [(line.code, line.actor_label, line.count) for line in lines] == [
        (MARK, "truongthon1", 3),
        ("decisions.meeting.officers_approved", "truongthon1", 1),
        (MARK, "truongthon1", 2),
        (MARK, "canbo", 2),
    ]
    assert sum(line.count for line in lines) == len(events)
