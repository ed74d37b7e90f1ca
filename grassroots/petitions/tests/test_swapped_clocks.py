"""Every legal clock of a case on a calendar with a government-announced swap around Tết 2027 (law.md §4.3):
Thursday 11/02 becomes a rest day and Saturday 20/02 a make-up working day. Each clock is computed on the plain Tết
calendar too, so the test shows the swap moved it (or, for calendar-day periods, where the roll-over stops).

Tết 2027 rest: Thursday 04/02 – Wednesday 10/02. February 2027 starts on a Monday.
"""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.calendar.rules import WorkingCalendar
from grassroots.petitions import rules
from grassroots.petitions.models import CaseKind, Complexity
from grassroots.petitions.tests.test_rules import CAL, SWAPPED

D = dt.date
FRIDAY_AFTER_TET = D(2027, 2, 12)  # the first working day after Tết on the swapped calendar
MONDAY = D(2027, 2, 15)


def _clock(calendar: WorkingCalendar, step: str, **facts: object) -> dt.date | None:
    return rules.case_clocks(rules.CaseFacts(**facts), calendar)[step]  # type: ignore[arg-type]


# --- working-day clocks: the swapped Saturday counts, the swapped Thursday does not -------------------


@pytest.mark.parametrize("kind", [CaseKind.FEEDBACK, CaseKind.PETITION, CaseKind.COMPLAINT, CaseKind.DENUNCIATION])
def test_acknowledgement_of_every_kind(kind: str) -> None:
    # From Friday 12/02: 15–19, Saturday 20 (6), 22–25 (10) on the swapped calendar; 15–19, 22–26 on the plain one.
    assert _clock(SWAPPED, "acknowledge_by", kind=kind, received_on=FRIDAY_AFTER_TET) == D(2027, 2, 25)
    assert _clock(CAL, "acknowledge_by", kind=kind, received_on=FRIDAY_AFTER_TET) == D(2027, 2, 26)


def test_complaint_acceptance() -> None:
    assert _clock(SWAPPED, "accept_by", kind=CaseKind.COMPLAINT, received_on=FRIDAY_AFTER_TET) == D(2027, 2, 25)
    assert _clock(CAL, "accept_by", kind=CaseKind.COMPLAINT, received_on=FRIDAY_AFTER_TET) == D(2027, 2, 26)


def test_complaint_acceptance_from_before_tet_loses_the_swapped_thursday_and_gains_the_saturday() -> None:
    # Swapped: 12, 15–19, 20 (Sat), 22, 23, 24. Plain: 11, 12, 15–19, 22, 23, 24. The same last day, by other days.
    before_tet = D(2027, 2, 3)
    assert _clock(SWAPPED, "accept_by", kind=CaseKind.COMPLAINT, received_on=before_tet) == D(2027, 2, 24)
    assert _clock(CAL, "accept_by", kind=CaseKind.COMPLAINT, received_on=before_tet) == D(2027, 2, 24)


def test_denunciation_forwarding_and_initial_handling() -> None:
    facts = {"kind": CaseKind.DENUNCIATION, "received_on": MONDAY}
    # Forward within 5: 16, 17, 18, 19, 20 (Sat) | plain 16–19, 22.
    assert _clock(SWAPPED, "forward_by", **facts) == D(2027, 2, 20)
    assert _clock(CAL, "forward_by", **facts) == D(2027, 2, 22)
    # Initial handling within 7: … 20 (Sat), 22, 23 | plain … 22, 23, 24.
    assert _clock(SWAPPED, "initial_handling_by", **facts) == D(2027, 2, 23)
    assert _clock(CAL, "initial_handling_by", **facts) == D(2027, 2, 24)


def test_denunciation_initial_handling_in_several_places() -> None:
    facts = {"kind": CaseKind.DENUNCIATION, "received_on": FRIDAY_AFTER_TET, "several_places": True}
    assert _clock(SWAPPED, "initial_handling_by", **facts) == D(2027, 2, 25)  # 10 working days, Saturday 20 one of them
    assert _clock(CAL, "initial_handling_by", **facts) == D(2027, 2, 26)


@pytest.mark.parametrize("kind", [CaseKind.FEEDBACK, CaseKind.PETITION])
def test_feedback_and_petition_target(kind: str) -> None:
    # 15 working days from 12/02: swapped 15–19, 20, 22–26, 01–04/03; plain 15–19, 22–26, 01–05/03.
    assert _clock(SWAPPED, "resolve_by", kind=kind, received_on=FRIDAY_AFTER_TET) == D(2027, 3, 4)
    assert _clock(CAL, "resolve_by", kind=kind, received_on=FRIDAY_AFTER_TET) == D(2027, 3, 5)
    # A reopened case starts again from the day it was reopened.
    reopened = {"kind": kind, "received_on": D(2027, 1, 4), "reopened_on": FRIDAY_AFTER_TET}
    assert _clock(SWAPPED, "resolve_by", **reopened) == D(2027, 3, 4)


def test_feedback_target_paused_over_working_days_only() -> None:
    # Paused Monday 15/02, counted again Wednesday 17/02: two working days added on either calendar.
    facts = {
        "kind": CaseKind.FEEDBACK,
        "received_on": FRIDAY_AFTER_TET,
        "pauses": (rules.Pause(paused_on=MONDAY, resumed_on=D(2027, 2, 17)),),
    }
    assert _clock(SWAPPED, "resolve_by", **facts) == D(2027, 3, 8)  # 04/03 + 2: 05, 08
    assert _clock(CAL, "resolve_by", **facts) == D(2027, 3, 9)  # 05/03 + 2: 08, 09


def test_feedback_pause_over_the_swapped_saturday_counts_it() -> None:
    # Paused 17/02, counted again 22/02: swapped 17, 18, 19, 20 (4 working days); plain 17, 18, 19 (3).
    facts = {
        "kind": CaseKind.FEEDBACK,
        "received_on": FRIDAY_AFTER_TET,
        "pauses": (rules.Pause(paused_on=D(2027, 2, 17), resumed_on=D(2027, 2, 22)),),
    }
    assert _clock(SWAPPED, "resolve_by", **facts) == D(2027, 3, 10)  # 04/03 + 4: 05, 08, 09, 10
    assert _clock(CAL, "resolve_by", **facts) == D(2027, 3, 10)  # 05/03 + 3: 08, 09, 10


# --- calendar-day periods: a period ending on the swapped Saturday ends there, not on Monday -----------


@pytest.mark.parametrize(
    ("complexity", "remote", "accepted_on"),
    [
        (Complexity.NORMAL, False, D(2027, 1, 21)),  # 30 days
        (Complexity.COMPLEX, False, D(2027, 1, 6)),  # 45 days
        (Complexity.NORMAL, True, D(2027, 1, 6)),  # 45 days, remote
        (Complexity.COMPLEX, True, D(2026, 12, 22)),  # 60 days, remote and complex
        (Complexity.ESPECIALLY_COMPLEX, True, D(2026, 12, 22)),  # 60 days
    ],
)
def test_complaint_resolution_ending_on_the_swapped_saturday(
    complexity: str, remote: bool, accepted_on: dt.date
) -> None:
    facts = {
        "kind": CaseKind.COMPLAINT,
        "received_on": accepted_on,
        "accepted_on": accepted_on,
        "complexity": complexity,
        "remote_area": remote,
    }
    assert _clock(SWAPPED, "resolve_by", **facts) == D(2027, 2, 20)
    assert _clock(CAL, "resolve_by", **facts) == D(2027, 2, 22)


def test_complaint_resolution_ending_in_tet_or_on_the_swapped_thursday() -> None:
    in_tet = {"kind": CaseKind.COMPLAINT, "received_on": D(2027, 1, 6), "accepted_on": D(2027, 1, 6)}  # 30 → 05/02
    assert _clock(SWAPPED, "resolve_by", **in_tet) == D(2027, 2, 12)
    assert _clock(CAL, "resolve_by", **in_tet) == D(2027, 2, 11)
    on_thursday = {"kind": CaseKind.COMPLAINT, "received_on": D(2027, 1, 12), "accepted_on": D(2027, 1, 12)}  # → 11/02
    assert _clock(SWAPPED, "resolve_by", **on_thursday) == D(2027, 2, 12)
    assert _clock(CAL, "resolve_by", **on_thursday) == D(2027, 2, 11)


def test_complaint_resolution_with_a_pause_lands_on_the_swapped_saturday() -> None:
    facts = {
        "kind": CaseKind.COMPLAINT,
        "received_on": D(2027, 1, 18),
        "accepted_on": D(2027, 1, 18),  # 30 days → 17/02, plus 3 paused days → 20/02
        "pauses": (rules.Pause(paused_on=D(2027, 2, 1), resumed_on=D(2027, 2, 4)),),
    }
    assert _clock(SWAPPED, "resolve_by", **facts) == D(2027, 2, 20)
    assert _clock(CAL, "resolve_by", **facts) == D(2027, 2, 22)


@pytest.mark.parametrize(
    ("complexity", "extensions", "accepted_on"),
    [
        (Complexity.NORMAL, (), D(2027, 1, 21)),  # 30 days
        (Complexity.COMPLEX, (30,), D(2026, 12, 22)),  # 30 + one extension of 30
        (Complexity.ESPECIALLY_COMPLEX, (30, 30), D(2026, 11, 22)),  # 30 + two extensions of 30
    ],
)
def test_denunciation_resolution_with_extensions_ending_on_the_swapped_saturday(
    complexity: str, extensions: tuple[int, ...], accepted_on: dt.date
) -> None:
    facts = {
        "kind": CaseKind.DENUNCIATION,
        "received_on": accepted_on,
        "accepted_on": accepted_on,
        "complexity": complexity,
        "extension_days": extensions,
    }
    assert _clock(SWAPPED, "resolve_by", **facts) == D(2027, 2, 20)
    assert _clock(CAL, "resolve_by", **facts) == D(2027, 2, 22)


def test_complaint_filing_limit_ending_on_the_swapped_saturday_or_thursday() -> None:
    # 22/11/2026 + 90 days = Saturday 20/02/2027: a working day when swapped, so a complaint on Monday 22/02 is late.
    assert rules.complaint_filing_last_day(D(2026, 11, 22), SWAPPED) == D(2027, 2, 20)
    assert rules.complaint_filing_last_day(D(2026, 11, 22), CAL) == D(2027, 2, 22)
    assert not rules.check_complaint_filed_in_time(
        act_known_on=D(2026, 11, 22), received_on=D(2027, 2, 22), calendar=SWAPPED
    )
    assert rules.check_complaint_filed_in_time(act_known_on=D(2026, 11, 22), received_on=D(2027, 2, 22), calendar=CAL)
    # 13/11/2026 + 90 days = Thursday 11/02/2027, the swapped rest day: the limit moves to Friday 12/02.
    assert rules.complaint_filing_last_day(D(2026, 11, 13), SWAPPED) == D(2027, 2, 12)
    assert rules.complaint_filing_last_day(D(2026, 11, 13), CAL) == D(2027, 2, 11)
    # Two obstacle days move a limit ending on 18/02 onto the swapped Saturday.
    assert rules.complaint_filing_last_day(D(2026, 11, 20), SWAPPED, obstacle_days=2) == D(2027, 2, 20)
