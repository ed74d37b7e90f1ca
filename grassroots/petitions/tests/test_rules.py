"""Rule tests: every clock across Tết 2027 and swapped days, extensions, pauses, the transition tables."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from grassroots.calendar.rules import DayOverride, WorkingCalendar, build_calendar
from grassroots.calendar.selectors import package_holidays
from grassroots.petitions import rules
from grassroots.petitions.models import CaseKind, CaseStatus, Complexity, PauseReason

D = dt.date


def _calendar(*overrides: DayOverride) -> WorkingCalendar:
    return build_calendar(
        first_day=D(2026, 1, 1),
        last_day=D(2028, 12, 31),
        holidays=package_holidays([2026, 2027, 2028], unconfirmed=("Ngày Văn hóa Việt Nam",)),
        overrides=overrides,
    )


CAL = _calendar()
# A swapped pair announced for Tết 2027 (hypothetical, as the government does most years): Thursday 11/02 off,
# Saturday 20/02 worked instead.
SWAPPED = _calendar(
    DayOverride(D(2027, 2, 11), "extra_rest_day", "Nghỉ hoán đổi"),
    DayOverride(D(2027, 2, 20), "extra_working_day", "Làm bù"),
)
BEFORE_TET = D(2027, 2, 3)  # Wednesday; Tết 2027 rest runs Thursday 04/02 – Wednesday 10/02


def test_tet_2027_is_in_the_calendar() -> None:
    from grassroots.calendar.rules import is_working_day

    assert not any(is_working_day(D(2027, 2, day), CAL) for day in range(4, 11))
    assert is_working_day(D(2027, 2, 11), CAL)


# --- acknowledgement: 10 working days, every kind --------------------------------------------


@pytest.mark.parametrize("kind", CaseKind.values)
def test_acknowledgement_across_tet(kind: str) -> None:
    clocks = rules.case_clocks(rules.CaseFacts(kind=kind, received_on=BEFORE_TET), CAL)
    # 11, 12, 15, 16, 17, 18, 19, 22, 23, 24 February: the 10th working day.
    assert clocks["acknowledge_by"] == D(2027, 2, 24)


def test_acknowledgement_received_on_a_holiday_counts_from_the_next_working_day() -> None:
    assert rules.acknowledge_by(D(2027, 2, 6), CAL) == D(2027, 2, 24)


def test_acknowledgement_with_swapped_days() -> None:
    # 11/02 is off, Saturday 20/02 is worked: 12, 15, 16, 17, 18, 19, 20, 22, 23, 24.
    assert rules.acknowledge_by(BEFORE_TET, SWAPPED) == D(2027, 2, 24)
    # From Friday 12/02: 15, 16, 17, 18, 19, 20(Sat), 22, 23, 24, 25.
    assert rules.acknowledge_by(D(2027, 2, 12), SWAPPED) == D(2027, 2, 25)
    assert rules.acknowledge_by(D(2027, 2, 12), CAL) == D(2027, 2, 26)


def test_acknowledgement_last_day_edge() -> None:
    # Received on the 9th working day before a weekend: the 10th is the Friday, not the Monday after.
    assert rules.acknowledge_by(D(2027, 3, 5), CAL) == D(2027, 3, 19)


# --- complaints -------------------------------------------------------------------------------


def test_complaint_filing_90_calendar_days_rolls_past_a_rest_day() -> None:
    # Act learnt of 2026-11-06: +90 days = 2027-02-04, inside Tết → the next working day, 11/02.
    assert rules.complaint_filing_last_day(D(2026, 11, 6), CAL) == D(2027, 2, 11)
    assert rules.check_complaint_filed_in_time(act_known_on=D(2026, 11, 6), received_on=D(2027, 2, 11), calendar=CAL)
    late = rules.check_complaint_filed_in_time(act_known_on=D(2026, 11, 6), received_on=D(2027, 2, 12), calendar=CAL)
    assert not late
    assert late.code == "petitions.complaint.filed_late"


def test_complaint_filing_excludes_obstacle_days() -> None:
    assert rules.complaint_filing_last_day(D(2026, 11, 6), CAL, obstacle_days=10) == D(2027, 2, 15)
    with pytest.raises(ValueError):
        rules.complaint_filing_last_day(D(2026, 11, 6), CAL, obstacle_days=-1)


def test_complaint_acceptance_is_10_working_days() -> None:
    assert rules.complaint_accept_by(BEFORE_TET, CAL) == D(2027, 2, 24)


@pytest.mark.parametrize(
    ("complexity", "remote", "days"),
    [
        (Complexity.NORMAL, False, 30),
        (Complexity.COMPLEX, False, 45),
        (Complexity.ESPECIALLY_COMPLEX, False, 45),
        (Complexity.NORMAL, True, 45),
        (Complexity.COMPLEX, True, 60),
    ],
)
def test_complaint_resolution_days(complexity: str, remote: bool, days: int) -> None:
    assert rules.complaint_resolution_days(complexity=complexity, remote_area=remote) == days


def test_complaint_resolution_from_acceptance_calendar_days() -> None:
    # Accepted 2027-01-05: +30 = 2027-02-04 (Tết) → 11/02.
    facts = rules.CaseFacts(kind=CaseKind.COMPLAINT, received_on=D(2027, 1, 4), accepted_on=D(2027, 1, 5))
    assert rules.case_clocks(facts, CAL)["resolve_by"] == D(2027, 2, 11)
    remote = rules.CaseFacts(
        kind=CaseKind.COMPLAINT,
        received_on=D(2027, 1, 4),
        accepted_on=D(2027, 1, 5),
        complexity=Complexity.COMPLEX,
        remote_area=True,
    )
    assert rules.case_clocks(remote, CAL)["resolve_by"] == D(2027, 3, 8)  # +60 = Saturday 06/03 → Monday


def test_complaint_before_acceptance_resolve_by_is_the_latest_lawful_date() -> None:
    clocks = rules.case_clocks(rules.CaseFacts(kind=CaseKind.COMPLAINT, received_on=BEFORE_TET), CAL)
    assert clocks == {"acknowledge_by": D(2027, 2, 24), "accept_by": D(2027, 2, 24), "resolve_by": D(2027, 3, 26)}


def test_complaint_pause_lengthens_the_resolution() -> None:
    pause = rules.Pause(D(2027, 1, 20), D(2027, 1, 30))  # 10 calendar days not counted
    facts = rules.CaseFacts(
        kind=CaseKind.COMPLAINT, received_on=D(2027, 1, 4), accepted_on=D(2027, 1, 5), pauses=(pause,)
    )
    assert rules.case_clocks(facts, CAL)["resolve_by"] == D(2027, 2, 15)  # 04/02 + 10 = Sunday 14/02 → Monday
    open_pause = rules.CaseFacts(
        kind=CaseKind.COMPLAINT,
        received_on=D(2027, 1, 4),
        accepted_on=D(2027, 1, 5),
        pauses=(rules.Pause(D(2027, 1, 20)),),
    )
    assert rules.case_clocks(open_pause, CAL)["resolve_by"] is None


def test_a_pause_after_the_deadline_changes_nothing() -> None:
    facts = rules.CaseFacts(
        kind=CaseKind.COMPLAINT,
        received_on=D(2027, 1, 4),
        accepted_on=D(2027, 1, 5),
        pauses=(rules.Pause(D(2027, 2, 12), D(2027, 3, 1)),),
    )
    assert rules.case_clocks(facts, CAL)["resolve_by"] == D(2027, 2, 11)


# --- denunciations ----------------------------------------------------------------------------


def test_denunciation_clocks_across_tet() -> None:
    clocks = rules.case_clocks(rules.CaseFacts(kind=CaseKind.DENUNCIATION, received_on=BEFORE_TET), CAL)
    assert clocks["initial_handling_by"] == D(2027, 2, 19)  # 7th working day
    assert clocks["forward_by"] == D(2027, 2, 17)  # 5th working day
    assert clocks["resolve_by"] == D(2027, 3, 22)  # 19/02 + 30 = Sunday 21/03 → Monday


def test_denunciation_several_places_gives_10_working_days() -> None:
    facts = rules.CaseFacts(kind=CaseKind.DENUNCIATION, received_on=BEFORE_TET, several_places=True)
    assert rules.case_clocks(facts, CAL)["initial_handling_by"] == D(2027, 2, 24)


def test_denunciation_with_swapped_days() -> None:
    clocks = rules.case_clocks(rules.CaseFacts(kind=CaseKind.DENUNCIATION, received_on=BEFORE_TET), SWAPPED)
    # 12, 15, 16, 17, 18 | 19, 20(Sat)
    assert clocks["forward_by"] == D(2027, 2, 18)
    assert clocks["initial_handling_by"] == D(2027, 2, 20)


def test_denunciation_extensions_add_calendar_days() -> None:
    base = rules.CaseFacts(kind=CaseKind.DENUNCIATION, received_on=D(2027, 1, 4), accepted_on=D(2027, 1, 5))
    assert rules.case_clocks(base, CAL)["resolve_by"] == D(2027, 2, 11)
    once = rules.CaseFacts(
        kind=CaseKind.DENUNCIATION, received_on=D(2027, 1, 4), accepted_on=D(2027, 1, 5), extension_days=(30,)
    )
    assert rules.case_clocks(once, CAL)["resolve_by"] == D(2027, 3, 8)  # 06/03 Saturday → Monday
    twice = rules.CaseFacts(
        kind=CaseKind.DENUNCIATION, received_on=D(2027, 1, 4), accepted_on=D(2027, 1, 5), extension_days=(30, 20)
    )
    assert rules.case_clocks(twice, CAL)["resolve_by"] == D(2027, 3, 26)


@pytest.mark.parametrize(
    ("complexity", "used", "allowed"),
    [
        (Complexity.NORMAL, 0, False),
        (Complexity.COMPLEX, 0, True),
        (Complexity.COMPLEX, 1, False),
        (Complexity.ESPECIALLY_COMPLEX, 1, True),
        (Complexity.ESPECIALLY_COMPLEX, 2, False),
    ],
)
def test_denunciation_extension_count(complexity: str, used: int, allowed: bool) -> None:
    assert bool(rules.check_denunciation_extension(complexity=complexity, extensions_used=used, days=30)) is allowed


@pytest.mark.parametrize(("days", "allowed"), [(0, False), (1, True), (30, True), (31, False)])
def test_denunciation_extension_days(days: int, allowed: bool) -> None:
    result = rules.check_denunciation_extension(complexity=Complexity.COMPLEX, extensions_used=0, days=days)
    assert bool(result) is allowed


# --- feedback and petitions -------------------------------------------------------------------


# Audit of issue 14: a pause recorded on or before the day a clock starts (an objective obstacle noted before the
# complaint was accepted) still stops the clock, counted from the day after the start.
MONDAY = D(2027, 3, 1)


def test_a_pause_before_the_start_still_open_stops_both_clocks() -> None:
    open_before = (rules.Pause(D(2027, 2, 25)),)
    assert rules.working_clock(MONDAY, 5, CAL, open_before) is None
    assert rules.calendar_clock(MONDAY, 30, CAL, open_before) is None
    facts = rules.CaseFacts(
        kind=CaseKind.COMPLAINT,
        received_on=D(2027, 1, 4),
        accepted_on=D(2027, 1, 5),
        pauses=(rules.Pause(D(2027, 1, 4)),),
    )
    assert rules.case_clocks(facts, CAL)["resolve_by"] is None


def test_a_pause_from_before_the_start_counts_from_the_day_after_it() -> None:
    # Paused 25/02, resumed Wednesday 03/03: only Tuesday 02/03 is inside the clock.
    pause = (rules.Pause(D(2027, 2, 25), D(2027, 3, 3)),)
    assert rules.working_clock(MONDAY, 5, CAL) == D(2027, 3, 8)
    assert rules.working_clock(MONDAY, 5, CAL, pause) == D(2027, 3, 9)
    assert rules.calendar_clock(MONDAY, 10, CAL, pause) == D(2027, 3, 12)  # 11/03 + 1 day


def test_a_pause_starting_on_the_start_day_counts() -> None:
    pause = (rules.Pause(MONDAY, D(2027, 3, 3)),)  # 02/03 not counted
    assert rules.working_clock(MONDAY, 5, CAL, pause) == D(2027, 3, 9)
    assert rules.calendar_clock(MONDAY, 10, CAL, pause) == D(2027, 3, 12)
    facts = rules.CaseFacts(
        kind=CaseKind.COMPLAINT,
        received_on=D(2027, 1, 4),
        accepted_on=D(2027, 1, 5),
        pauses=(rules.Pause(D(2027, 1, 5), D(2027, 1, 15)),),  # 06/01–14/01: 9 days
    )
    assert rules.case_clocks(facts, CAL)["resolve_by"] == D(2027, 2, 15)  # 04/02 + 9 = Saturday 13/02 → Monday


def test_a_pause_wholly_before_the_start_changes_nothing() -> None:
    ended = (rules.Pause(D(2027, 2, 22), D(2027, 2, 26)),)
    assert rules.working_clock(MONDAY, 5, CAL, ended) == D(2027, 3, 8)
    assert rules.calendar_clock(MONDAY, 10, CAL, ended) == D(2027, 3, 11)
    resumed_on_first_day = (rules.Pause(D(2027, 2, 22), D(2027, 3, 2)),)
    assert rules.working_clock(MONDAY, 5, CAL, resumed_on_first_day) == D(2027, 3, 8)
    assert rules.calendar_clock(MONDAY, 10, CAL, resumed_on_first_day) == D(2027, 3, 11)


@pytest.mark.parametrize("kind", [CaseKind.FEEDBACK, CaseKind.PETITION])
def test_feedback_target_is_a_parameter(kind: str) -> None:
    default = rules.case_clocks(rules.CaseFacts(kind=kind, received_on=BEFORE_TET), CAL)
    assert default["resolve_by"] == D(2027, 3, 3)  # 15th working day after Tết
    five = rules.case_clocks(rules.CaseFacts(kind=kind, received_on=BEFORE_TET, resolution_target_working_days=5), CAL)
    assert five["resolve_by"] == D(2027, 2, 17)


def test_feedback_pause_moves_the_target_by_working_days() -> None:
    # Paused Monday 15/02, resumed Monday 22/02: 5 working days not counted.
    facts = rules.CaseFacts(
        kind=CaseKind.FEEDBACK,
        received_on=BEFORE_TET,
        resolution_target_working_days=5,
        pauses=(rules.Pause(D(2027, 2, 15), D(2027, 2, 22)),),
    )
    assert rules.case_clocks(facts, CAL)["resolve_by"] == D(2027, 2, 24)
    waiting = rules.CaseFacts(
        kind=CaseKind.FEEDBACK,
        received_on=BEFORE_TET,
        resolution_target_working_days=5,
        pauses=(rules.Pause(D(2027, 2, 15)),),
    )
    assert rules.case_clocks(waiting, CAL)["resolve_by"] is None
    # The acknowledgement is never paused.
    assert rules.case_clocks(waiting, CAL)["acknowledge_by"] == D(2027, 2, 24)


def test_a_pause_over_a_weekend_only_counts_no_working_day() -> None:
    facts = rules.CaseFacts(
        kind=CaseKind.FEEDBACK,
        received_on=BEFORE_TET,
        resolution_target_working_days=5,
        pauses=(rules.Pause(D(2027, 2, 13), D(2027, 2, 15)),),
    )
    assert rules.case_clocks(facts, CAL)["resolve_by"] == D(2027, 2, 17)


def test_reopened_feedback_gets_a_fresh_target() -> None:
    facts = rules.CaseFacts(
        kind=CaseKind.FEEDBACK, received_on=D(2027, 1, 4), reopened_on=BEFORE_TET, resolution_target_working_days=5
    )
    assert rules.case_clocks(facts, CAL)["resolve_by"] == D(2027, 2, 17)


@pytest.mark.parametrize(
    ("kind", "reason", "allowed"),
    [
        (CaseKind.FEEDBACK, PauseReason.AWAITING_CITIZEN_SUPPLEMENT, True),
        (CaseKind.FEEDBACK, PauseReason.OBJECTIVE_OBSTACLE, False),
        (CaseKind.COMPLAINT, PauseReason.OBJECTIVE_OBSTACLE, True),
        (CaseKind.COMPLAINT, PauseReason.AWAITING_CITIZEN_SUPPLEMENT, False),
        (CaseKind.DENUNCIATION, PauseReason.SUSPENDED_AWAITING_OTHER_AUTHORITY, True),
        (CaseKind.DENUNCIATION, PauseReason.AWAITING_CITIZEN_SUPPLEMENT, False),
        (CaseKind.DENUNCIATION, "because", False),
    ],
)
def test_only_lawful_pause_reasons(kind: str, reason: str, allowed: bool) -> None:
    assert bool(rules.check_pause(kind=kind, reason=reason)) is allowed


# --- reopening --------------------------------------------------------------------------------


def test_reopen_within_the_period_only() -> None:
    answered = D(2027, 1, 4)
    ok = rules.check_reopen(
        kind=CaseKind.FEEDBACK, status=CaseStatus.ANSWERED, answered_on=answered, today=D(2027, 2, 3), reopen_days=30
    )
    assert ok
    late = rules.check_reopen(
        kind=CaseKind.FEEDBACK, status=CaseStatus.CLOSED, answered_on=answered, today=D(2027, 2, 4), reopen_days=30
    )
    assert late.code == "petitions.case.reopen_period_over"
    complaint = rules.check_reopen(
        kind=CaseKind.COMPLAINT, status=CaseStatus.ANSWERED, answered_on=answered, today=answered, reopen_days=30
    )
    assert complaint.code == "petitions.case.bad_transition"


# --- transition tables, pair by pair ----------------------------------------------------------

ALLOWED_PAIRS = {
    kind: {(current, target) for current, targets in table.items() for target in targets}
    for kind, table in rules.TRANSITIONS.items()
}


@pytest.mark.parametrize("kind", CaseKind.values)
@pytest.mark.parametrize("current", CaseStatus.values)
@pytest.mark.parametrize("target", CaseStatus.values)
def test_transition_table(kind: str, current: str, target: str) -> None:
    assert bool(rules.check_transition(kind, current, target)) is ((current, target) in ALLOWED_PAIRS[kind])


@pytest.mark.parametrize("kind", CaseKind.values)
def test_every_status_has_a_row_and_the_main_path_exists(kind: str) -> None:
    table = rules.TRANSITIONS[kind]
    assert set(table) == set(CaseStatus.values)
    path = ["received", "acknowledged", "assigned", "in_progress", "answered", "closed"]
    for current, target in itertools.pairwise(path):
        assert rules.check_transition(kind, current, target)
    for terminal in ("refused", "forwarded", "withdrawn"):
        assert table[terminal] == frozenset()


def test_only_feedback_and_petitions_reopen() -> None:
    assert rules.check_transition(CaseKind.FEEDBACK, "closed", "reopened")
    assert rules.check_transition(CaseKind.PETITION, "answered", "reopened")
    assert not rules.check_transition(CaseKind.COMPLAINT, "answered", "reopened")
    assert not rules.check_transition(CaseKind.DENUNCIATION, "closed", "reopened")


# --- confidentiality --------------------------------------------------------------------------


def test_a_denouncer_is_always_confidential() -> None:
    assert rules.identity_is_confidential(kind=CaseKind.DENUNCIATION, confidentiality_requested=False)
    assert rules.identity_is_confidential(kind=CaseKind.FEEDBACK, confidentiality_requested=True)
    assert not rules.identity_is_confidential(kind=CaseKind.FEEDBACK, confidentiality_requested=False)


@pytest.mark.parametrize(
    ("who", "confidential", "sees"),
    [
        ("handler", True, True),
        ("chair", True, True),
        ("filer", True, True),
        ("other_officer", True, False),
        ("superuser_not_handler", True, False),
        ("anonymous", True, False),
        ("other_officer", False, True),
        ("resident_not_filer", False, False),
    ],
)
def test_who_sees_an_identity(who: str, confidential: bool, sees: bool) -> None:
    viewer_id = {"anonymous": None}.get(who, 7 if who == "handler" else 9)
    result = rules.may_see_identity(
        is_confidential=confidential,
        viewer_id=viewer_id,
        handler_id=7,
        viewer_is_chair=who == "chair",
        viewer_is_filer=who == "filer",
        viewer_may_handle=who in {"handler", "chair", "other_officer", "superuser_not_handler"},
    )
    assert result is sees


# --- the overdue threshold (one day per kind of clock instead of every case's clock) --------------

CLOCK_SHAPES = [
    ("acknowledge_by", {"kind": CaseKind.FEEDBACK}, ("received_on",)),
    ("initial_handling_by", {"kind": CaseKind.DENUNCIATION, "several_places": True}, ("received_on",)),
    (
        "resolve_by",
        {"kind": CaseKind.COMPLAINT, "complexity": Complexity.COMPLEX, "remote_area": True},
        ("received_on",),
    ),
    ("resolve_by", {"kind": CaseKind.COMPLAINT}, ("received_on", "accepted_on")),
    ("resolve_by", {"kind": CaseKind.DENUNCIATION}, ("received_on", "accepted_on")),
    ("resolve_by", {"kind": CaseKind.PETITION, "resolution_target_working_days": 1}, ("received_on",)),
    ("resolve_by", {"kind": CaseKind.FEEDBACK, "resolution_target_working_days": 15}, ("received_on",)),
]


@pytest.mark.parametrize(("step", "fixed", "start_fields"), CLOCK_SHAPES)
@pytest.mark.parametrize("calendar", [CAL, SWAPPED], ids=["tet", "swapped"])
def test_last_overdue_start_splits_every_start_day_exactly(
    step: str, fixed: dict[str, object], start_fields: tuple[str, ...], calendar: WorkingCalendar
) -> None:
    """For every ``today`` around Tết 2027, a start day is overdue exactly when it is on or before the threshold:
    the bisection agrees with computing the clock of every start day over four months."""

    def due_of(day: dt.date) -> dt.date | None:
        return rules.case_clocks(rules.CaseFacts(**fixed, **dict.fromkeys(start_fields, day)), calendar)[step]  # type: ignore[arg-type]

    earliest = D(2026, 9, 1)
    for today in [D(2027, 1, 25) + dt.timedelta(days=offset) for offset in range(0, 60, 3)]:
        last = rules.last_overdue_start(due_of, today=today, earliest=earliest)
        for ordinal in range(earliest.toordinal(), today.toordinal() + 1):
            day = D.fromordinal(ordinal)
            due = due_of(day)
            is_overdue = due is not None and due < today
            assert is_overdue == (last is not None and day <= last), (today, day, due, last)


def test_last_overdue_start_is_none_when_nothing_can_be_overdue_yet() -> None:
    def due_of(day: dt.date) -> dt.date | None:
        return rules.acknowledge_by(day, CAL)

    # Ten working days from 03/02/2027 run past Tết: nothing received since 01/02 is overdue on 17/02.
    assert rules.last_overdue_start(due_of, today=D(2027, 2, 17), earliest=D(2027, 2, 1)) is None
    last = rules.last_overdue_start(due_of, today=D(2027, 2, 17), earliest=D(2027, 1, 1))
    assert last is not None and rules.acknowledge_by(last, CAL) < D(2027, 2, 17) <= rules.acknowledge_by(
        last + dt.timedelta(days=1), CAL
    )
