"""Reporting periods under the Decree 09/2019 data cut-off (law.md §5, §6 row 117), when a province switches it on
with ``OVERSIGHT_REPORT_CUTOFF_DAY``; calendar periods otherwise. Edges: the cut-off day itself, the year turn."""

from __future__ import annotations

import datetime as dt

import pytest
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.oversight import rules, services
from grassroots.oversight.models import Board
from grassroots.oversight.tests.conftest import VN

D = dt.date


@pytest.mark.parametrize(
    ("code", "first", "last"),
    [
        ("Q1", D(2026, 12, 15), D(2027, 3, 14)),
        ("Q2", D(2027, 3, 15), D(2027, 6, 14)),
        ("Q3", D(2027, 6, 15), D(2027, 9, 14)),
        ("Q4", D(2027, 9, 15), D(2027, 12, 14)),
        ("H1", D(2026, 12, 15), D(2027, 6, 14)),
        ("H2", D(2027, 6, 15), D(2027, 12, 14)),
        ("Y", D(2026, 12, 15), D(2027, 12, 14)),
    ],
)
def test_decree_09_cut_off_periods(code: str, first: dt.date, last: dt.date) -> None:
    assert rules.report_period(code, 2027, cutoff_day=rules.DECREE_09_CUTOFF_DAY) == (first, last)


def test_calendar_periods_by_default() -> None:
    assert rules.report_period("H1", 2027) == (D(2027, 1, 1), D(2027, 6, 30))
    assert rules.report_period("Q4", 2027) == (D(2027, 10, 1), D(2027, 12, 31))


@pytest.mark.django_db
def test_with_the_cut_off_a_period_is_over_the_day_after_the_14th(
    settings: Settings, active_board: Board, board_member: User
) -> None:
    settings.OVERSIGHT_REPORT_CUTOFF_DAY = rules.DECREE_09_CUTOFF_DAY
    on_cutoff = dt.datetime(2026, 12, 14, 9, 0, tzinfo=VN)
    with pytest.raises(DomainError) as refused:
        services.board_report_issue(board=active_board, year=2026, period="Q4", actor=board_member, now=on_cutoff)
    assert refused.value.code == "oversight.report.period_not_over"
    report = services.board_report_issue(
        board=active_board, year=2026, period="Q4", actor=board_member, now=on_cutoff + dt.timedelta(days=1)
    )
    assert (report.first_day, report.last_day) == (D(2026, 9, 15), D(2026, 12, 14))
