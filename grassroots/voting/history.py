"""The public history of a vote told in lines a phone can show: runs of the same step grouped (issue 21).

A meeting's register writes one audit event per household marked present; 180 identical lines say less
than one: "Điểm danh 180 hộ — 08:20 18/10/2026 — truongthon1", with the households one tap away.
Pure: plain values in, plain values out (the selector ``voting.selectors.vote_history_lines`` feeds it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class HistoryEvent:
    """One recorded step: its audit code, who did it, when, and what it was about (a household code)."""

    code: str
    actor_label: str
    occurred_at: dt.datetime
    subject: str = ""


@dataclass(frozen=True)
class HistoryLine:
    """A run of consecutive events with the same code by the same person, in the order they happened."""

    code: str
    actor_label: str
    first_at: dt.datetime
    last_at: dt.datetime
    subjects: tuple[str, ...]
    count: int

    @property
    def is_group(self) -> bool:
        return self.count > 1


def group_history(events: Iterable[HistoryEvent]) -> list[HistoryLine]:
    """Consecutive events with the same code and actor become one line; order and every subject are kept.

    Only *consecutive* events merge: a step taken again after another step starts a new line, so the
    story stays in the order it happened (mark 100 present, approve the secretary, mark 3 more).
    """
    lines: list[HistoryLine] = []
    for event in events:
        last = lines[-1] if lines else None
        if last is not None and (last.code, last.actor_label) == (event.code, event.actor_label):
            lines[-1] = HistoryLine(
                code=last.code,
                actor_label=last.actor_label,
                first_at=last.first_at,
                last_at=event.occurred_at,
                subjects=(*last.subjects, event.subject) if event.subject else last.subjects,
                count=last.count + 1,
            )
        else:
            lines.append(
                HistoryLine(
                    code=event.code,
                    actor_label=event.actor_label,
                    first_at=event.occurred_at,
                    last_at=event.occurred_at,
                    subjects=(event.subject,) if event.subject else (),
                    count=1,
                )
            )
    return lines
