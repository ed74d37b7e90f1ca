"""Rule tests at and around every threshold of law.md §2, §3 (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.calendar.rules import WorkingCalendar
from grassroots.workplaces import rules
from grassroots.workplaces.models import ConferenceStatus, DialogueStatus


@pytest.mark.parametrize(
    ("roll", "present", "quorum"),
    [(30, 20, True), (30, 19, False), (3, 2, True), (3, 1, False), (100, 67, True), (100, 66, False), (0, 0, False)],
)
def test_quorum_is_at_least_two_thirds(roll: int, present: int, quorum: bool) -> None:
    assert rules.has_quorum(roll_size=roll, present=present) is quorum


@pytest.mark.parametrize(("roll", "needed"), [(30, 20), (31, 21), (100, 67), (8, 6), (1, 1)])
def test_quorum_needed_is_the_ceiling(roll: int, needed: int) -> None:
    assert rules.quorum_needed(roll) == needed
    assert rules.has_quorum(roll_size=roll, present=needed)
    assert not rules.has_quorum(roll_size=roll, present=needed - 1)


@pytest.mark.parametrize(
    ("present", "votes_for", "passed"),
    [(20, 11, True), (20, 10, False), (21, 11, True), (21, 10, False), (0, 0, False)],
)
def test_resolution_passes_with_more_than_half_of_those_present(present: int, votes_for: int, passed: bool) -> None:
    assert rules.passes(present=present, votes_for=votes_for) is passed


def test_denominator_is_attendance_not_staff() -> None:
    """30 staff, 20 present, 11 for: 11 is under half the staff but over half those present: passes."""
    outcome = rules.conference_outcome(headcount=30, present=20, votes_for=11)
    assert (outcome.quorum, outcome.passed, outcome.quorum_needed, outcome.votes_needed) == (True, True, 20, 11)


def test_no_quorum_never_passes() -> None:
    assert rules.conference_outcome(headcount=30, present=19, votes_for=19).passed is False


@pytest.mark.parametrize(("headcount", "required"), [(7, False), (8, True), (0, False), (1, False)])
def test_conference_optional_at_seven_or_fewer(headcount: int, required: bool) -> None:
    assert rules.conference_is_required(headcount) is required


@pytest.mark.parametrize(("headcount", "delegates_allowed"), [(99, False), (100, True), (500, True)])
def test_plenary_below_one_hundred(headcount: int, delegates_allowed: bool) -> None:
    assert ("delegates" in rules.allowed_formats(headcount)) is delegates_allowed
    result = rules.check_format(conference_format="delegates", headcount=headcount)
    assert bool(result) is delegates_allowed
    if not delegates_allowed:
        assert result.code == "workplaces.conference.plenary_required"


@pytest.mark.parametrize(
    ("work_year", "end_month", "due"),
    [
        (2026, 12, dt.date(2027, 3, 31)),
        (2026, 5, dt.date(2026, 8, 31)),
        (2026, 11, dt.date(2027, 2, 28)),
        (2027, 11, dt.date(2028, 2, 29)),
        (2026, 6, dt.date(2026, 9, 30)),
    ],
)
def test_annual_conference_due_three_months_after_the_work_year(work_year: int, end_month: int, due: dt.date) -> None:
    assert rules.annual_conference_due_on(work_year, end_month) == due


def test_annual_conference_only_after_the_year_ends() -> None:
    assert not rules.check_annual_date(scheduled_on=dt.date(2026, 12, 31), work_year=2026, end_month=12)
    assert rules.check_annual_date(scheduled_on=dt.date(2027, 1, 1), work_year=2026, end_month=12)
    # Tết 2027 (6–10/2) falls inside the window: the legal limit is months, not working days.
    assert rules.check_annual_date(scheduled_on=dt.date(2027, 2, 8), work_year=2026, end_month=12)


@pytest.mark.parametrize(
    ("supporters", "headcount", "enough"), [(10, 30, True), (9, 30, False), (11, 31, True), (10, 31, False)]
)
def test_one_third_of_staff_may_propose(supporters: int, headcount: int, enough: bool) -> None:
    assert rules.staff_petition_is_enough(supporters=supporters, headcount=headcount) is enough


@pytest.mark.parametrize(("failed", "allowed"), [(0, False), (1, False), (2, True)])
def test_ballots_after_two_failed_convenings(failed: int, allowed: bool) -> None:
    assert rules.ballots_allowed(failed_convenings=failed) is allowed
    assert rules.ballots_allowed(failed_convenings=0, force_majeure=True)


def test_review_every_six_months() -> None:
    assert rules.review_due_on(dt.date(2027, 1, 20)) == dt.date(2027, 7, 20)
    assert rules.review_due_on(dt.date(2026, 8, 31)) == dt.date(2027, 2, 28)


def test_votes_cannot_exceed_attendance() -> None:
    assert rules.check_votes(present=20, votes_for=11, votes_against=9, votes_abstain=0)
    assert rules.check_votes(present=20, votes_for=11, votes_against=9, votes_abstain=1).code == (
        "workplaces.votes.above_present"
    )


@pytest.mark.parametrize(
    ("current", "target"),
    [(current, target) for current in ConferenceStatus.values for target in ConferenceStatus.values],
)
def test_conference_transition_table(current: str, target: str) -> None:
    allowed = target in rules.CONFERENCE_TRANSITIONS[current]
    assert bool(rules.check_conference_transition(current, target)) is allowed


def test_issued_conference_never_reopens_attendance() -> None:
    for status in (ConferenceStatus.HELD, ConferenceStatus.ISSUED, ConferenceStatus.NO_QUORUM):
        assert not rules.check_conference_transition(status, ConferenceStatus.OPEN)


def test_open_needs_required_steps_and_the_day() -> None:
    day = dt.date(2027, 1, 20)
    assert rules.check_open(steps_done=set(), scheduled_on=day, today=day, roll_size=30).code == (
        "workplaces.conference.steps_missing"
    )
    done = {"agree_with_union", "notice_sent"}
    assert rules.check_open(steps_done=done, scheduled_on=day, today=day + dt.timedelta(days=1), roll_size=30).code == (
        "workplaces.conference.not_today"
    )
    assert rules.check_open(steps_done=done, scheduled_on=day, today=day, roll_size=0).code == (
        "workplaces.conference.empty_roll"
    )
    assert rules.check_open(steps_done=done, scheduled_on=day, today=day, roll_size=30)


# --- workplace dialogue -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headcount", "expected"),
    [
        (0, (3, None)),
        (49, (3, None)),
        (50, (4, 8)),
        (149, (4, 8)),
        (150, (9, 13)),
        (299, (9, 13)),
        (300, (14, 18)),
        (499, (14, 18)),
        (500, (19, 23)),
        (999, (19, 23)),
        (1000, (24, None)),
        (5000, (24, None)),
    ],
)
def test_worker_representatives_by_workforce(headcount: int, expected: tuple[int, int | None]) -> None:
    assert rules.required_worker_representatives(headcount) == expected


def test_dialogue_sides() -> None:
    assert rules.check_dialogue_sides(headcount=120, employer=3, workers=4)
    assert (
        rules.check_dialogue_sides(headcount=120, employer=2, workers=4).code
        == "workplaces.dialogue.employer_side_small"
    )
    assert (
        rules.check_dialogue_sides(headcount=120, employer=3, workers=9).code == "workplaces.dialogue.worker_side_size"
    )
    assert (
        rules.check_dialogue_sides(headcount=120, employer=3, workers=3).code == "workplaces.dialogue.worker_side_size"
    )
    assert rules.check_dialogue_sides(headcount=1200, employer=3, workers=40)


@pytest.mark.parametrize(
    ("present", "reps", "legal", "valid"),
    [
        (8, 10, True, True),
        (7, 10, True, False),
        (4, 5, True, True),
        (3, 4, True, True),
        (7, 10, False, False),
        (10, 10, False, False),
    ],
)
def test_dialogue_valid_above_seventy_percent(present: int, reps: int, legal: bool, valid: bool) -> None:
    assert (
        rules.dialogue_is_valid(
            legal_representative_present=legal, workers_present=present, worker_representatives=reps
        )
        is valid
    )


@pytest.mark.parametrize(
    ("supporters", "reps", "supported"), [(3, 10, True), (2, 10, False), (2, 7, False), (3, 9, True), (1, 3, True)]
)
def test_dialogue_request_at_least_thirty_percent(supporters: int, reps: int, supported: bool) -> None:
    assert rules.dialogue_request_is_supported(supporters=supporters, worker_representatives=reps) is supported


def test_content_sent_five_working_days_before_and_publication_in_three() -> None:
    calendar = WorkingCalendar(
        first_day=dt.date(2026, 1, 1),
        last_day=dt.date(2027, 12, 31),
        weekly_rest_days=frozenset({5, 6}),
        rest_days={},
        extra_working_days=frozenset(),
    )
    # Monday 11/1/2027 + 5 working days = Monday 18/1/2027.
    assert rules.content_sent_in_time(
        content_sent_on=dt.date(2027, 1, 11), scheduled_on=dt.date(2027, 1, 18), calendar=calendar
    )
    assert not rules.content_sent_in_time(
        content_sent_on=dt.date(2027, 1, 12), scheduled_on=dt.date(2027, 1, 18), calendar=calendar
    )
    # Held Thursday 21/1 → published by Tuesday 26/1 (Saturday and Sunday do not count).
    assert rules.publication_due_on(dt.date(2027, 1, 21), calendar) == dt.date(2027, 1, 26)


def test_dialogue_transition_table() -> None:
    assert rules.check_dialogue_transition(DialogueStatus.PLANNED, DialogueStatus.HELD)
    assert rules.check_dialogue_transition(DialogueStatus.HELD, DialogueStatus.PUBLISHED)
    assert not rules.check_dialogue_transition(DialogueStatus.INVALID, DialogueStatus.PUBLISHED)
    assert not rules.check_dialogue_transition(DialogueStatus.PUBLISHED, DialogueStatus.HELD)


def test_matters_come_from_the_consultations_app() -> None:
    from grassroots.consultations.rules import AGENCY_MATTERS, ENTERPRISE_MATTERS

    assert rules.consultation_matters("public_service_unit") is AGENCY_MATTERS
    assert rules.consultation_matters("state_owned_enterprise") is ENTERPRISE_MATTERS
    assert len(AGENCY_MATTERS) == 11 and len(ENTERPRISE_MATTERS) == 6
    assert rules.explanation_category("agency") == "A10"
    assert rules.explanation_category("state_owned_enterprise") == "S8"


@pytest.mark.parametrize(
    ("kind", "conference", "ballot"),
    [
        ("agency", "Điều 51", "khoản 2 Điều 50"),
        ("public_service_unit", "Điều 51", "khoản 2 Điều 50"),
        ("state_owned_enterprise", "Điều 69", "Điều 68"),
        ("other_employer", "Điều 69", "Điều 68"),
    ],
)
def test_papers_cite_the_article_of_the_organisation_kind(kind: str, conference: str, ballot: str) -> None:
    """An SOE's employee conference and its ballots follow arts 68–69, an agency's staff conference arts 50–51."""
    assert rules.conference_article(kind) == conference
    assert rules.ballot_article(kind) == ballot


@pytest.mark.parametrize(
    ("today", "end_month", "expected"),
    [
        (dt.date(2027, 1, 10), 12, 2026),
        (dt.date(2026, 12, 31), 12, 2025),
        (dt.date(2027, 3, 1), 5, 2026),  # a school year ending in May: the year that ended on 31/5/2026
        (dt.date(2027, 5, 31), 5, 2026),  # the last day of the school year 2027: it has not ended yet
        (dt.date(2027, 6, 1), 5, 2027),
    ],
)
def test_the_forms_default_to_the_last_work_year_that_has_ended(today: dt.date, end_month: int, expected: int) -> None:
    assert rules.latest_ended_work_year(today, end_month) == expected
    # the form's defaults (that year, held today) are accepted; the next work year has not ended yet
    assert rules.check_annual_date(scheduled_on=today, work_year=expected, end_month=end_month)
    assert not rules.check_annual_date(scheduled_on=today, work_year=expected + 1, end_month=end_month)
