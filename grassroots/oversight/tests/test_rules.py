"""Every legal number of the boards, exactly at its edge (law.md §1(c), §2, §3.1, §6 rows 43–52, 79–83)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.calendar import rules as calendar_rules
from grassroots.calendar import selectors as calendar_selectors
from grassroots.oversight import rules
from grassroots.oversight.models import BoardKind, MemberSource, Post, RecommendationStatus
from grassroots.oversight.rules import Seat

YEARS = range(2025, 2029)
CALENDAR = calendar_rules.build_calendar(
    first_day=dt.date(2025, 1, 1),
    last_day=dt.date(2028, 12, 31),
    holidays=calendar_selectors.package_holidays(YEARS),
    extra_working_days=calendar_selectors.package_weekend_workdays(YEARS),
)


@pytest.mark.parametrize("communities", range(1, 41))
def test_commune_board_size_for_1_to_40_communities(communities: int) -> None:
    expected = 5 if communities < 5 else communities
    assert rules.commune_board_size(communities) == expected


def _commune_seats(community_ids: list[int], extra: int = 0) -> list[Seat]:
    seats = [Seat(position="member", community_id=pk) for pk in community_ids]
    seats += [Seat(position="member", community_id=community_ids[0]) for _ in range(extra)]
    return [Seat(position="head", community_id=seats[0].community_id), *seats[1:]]


def test_commune_board_of_three_communities_needs_exactly_five() -> None:
    communities = [1, 2, 3]
    assert rules.check_composition(
        BoardKind.COMMUNE_INSPECTION, _commune_seats(communities, 2), community_ids=communities
    )
    four = rules.check_composition(
        BoardKind.COMMUNE_INSPECTION, _commune_seats(communities, 1), community_ids=communities
    )
    assert four.code == "oversight.board.size"
    six = rules.check_composition(
        BoardKind.COMMUNE_INSPECTION, _commune_seats(communities, 3), community_ids=communities
    )
    assert six.code == "oversight.board.size"


def test_commune_board_needs_every_community_and_one_each_from_five() -> None:
    communities = [1, 2, 3, 4, 5, 6]
    assert rules.check_composition(BoardKind.COMMUNE_INSPECTION, _commune_seats(communities), community_ids=communities)
    twice = _commune_seats([1, 2, 3, 4, 5, 5])
    assert rules.check_composition(BoardKind.COMMUNE_INSPECTION, twice, community_ids=communities).code == (
        "oversight.board.community_missing"
    )
    small = [Seat("head", 1), Seat("member", 1), Seat("member", 1), Seat("member", 1), Seat("member", 1)]
    assert rules.check_composition(BoardKind.COMMUNE_INSPECTION, small, community_ids=[1, 2]).code == (
        "oversight.board.community_missing"
    )


def test_commune_board_one_head_and_at_most_two_deputies() -> None:
    communities = [1, 2, 3, 4, 5]
    two = [Seat("head", 1), Seat("deputy", 2), Seat("deputy", 3), Seat("member", 4), Seat("member", 5)]
    assert rules.check_composition(BoardKind.COMMUNE_INSPECTION, two, community_ids=communities)
    three = [Seat("head", 1), Seat("deputy", 2), Seat("deputy", 3), Seat("deputy", 4), Seat("member", 5)]
    assert rules.check_composition(BoardKind.COMMUNE_INSPECTION, three, community_ids=communities).code == (
        "oversight.board.too_many_deputies"
    )
    headless = [Seat("member", pk) for pk in communities]
    assert rules.check_composition(BoardKind.COMMUNE_INSPECTION, headless, community_ids=communities).code == (
        "oversight.board.one_head"
    )


def _seats(members: int, deputies: int = 0) -> list[Seat]:
    return [Seat("head")] + [Seat("deputy")] * deputies + [Seat("member")] * (members - 1 - deputies)


@pytest.mark.parametrize(("headcount", "allowed"), [(6, False), (7, False), (8, True), (9, True), (100, True)])
def test_no_agency_board_at_or_below_seven_staff(headcount: int, allowed: bool) -> None:
    assert rules.organisation_may_have_board(headcount) is allowed
    result = rules.check_composition(BoardKind.AGENCY_INSPECTION, _seats(3), headcount=headcount)
    assert bool(result) is allowed


@pytest.mark.parametrize(
    ("members", "dispersed", "allowed"),
    [(2, False, False), (3, False, True), (9, False, True), (10, False, False), (10, True, True)],
)
def test_agency_and_soe_board_three_to_nine_members(members: int, dispersed: bool, allowed: bool) -> None:
    for kind in (BoardKind.AGENCY_INSPECTION, BoardKind.ENTERPRISE_INSPECTION):
        result = rules.check_composition(kind, _seats(members), headcount=100, is_dispersed=dispersed)
        assert bool(result) is allowed


@pytest.mark.parametrize(
    ("members", "deputies", "allowed"), [(8, 3, True), (9, 2, True), (9, 3, False), (12, 3, False)]
)
def test_organisation_board_deputies_capped_at_two_from_nine_members(
    members: int, deputies: int, allowed: bool
) -> None:
    result = rules.check_composition(
        BoardKind.AGENCY_INSPECTION, _seats(members, deputies), headcount=100, is_dispersed=True
    )
    assert bool(result) is allowed


def test_investment_board_at_least_five_and_at_most_five_residents() -> None:
    kind = BoardKind.INVESTMENT_SUPERVISION
    four = _seats(4)
    assert rules.check_composition(kind, four).code == "oversight.board.size"
    assert rules.check_composition(kind, _seats(5))
    residents = [Seat("head", source=MemberSource.FRONT)] + [Seat("member", source=MemberSource.RESIDENT)] * 5
    assert rules.check_composition(kind, residents)
    six = [*residents, Seat("member", source=MemberSource.RESIDENT)]
    assert rules.check_composition(kind, six).code == "oversight.board.too_many_residents"


@pytest.mark.parametrize(
    ("kind", "post", "allowed"),
    [
        (BoardKind.COMMUNE_INSPECTION, Post.COMMUNE_OFFICIAL, False),
        (BoardKind.COMMUNE_INSPECTION, Post.NON_SPECIALISED_STAFF, False),
        (BoardKind.COMMUNE_INSPECTION, Post.NONE, True),
        (BoardKind.COMMUNE_INSPECTION, Post.CHIEF_ACCOUNTANT, True),
        (BoardKind.AGENCY_INSPECTION, Post.HEAD, False),
        (BoardKind.AGENCY_INSPECTION, Post.DEPUTY_HEAD, False),
        (BoardKind.AGENCY_INSPECTION, Post.CHIEF_ACCOUNTANT, False),
        (BoardKind.AGENCY_INSPECTION, Post.NONE, True),
        (BoardKind.ENTERPRISE_INSPECTION, Post.LEGAL_REPRESENTATIVE, False),
        (BoardKind.ENTERPRISE_INSPECTION, Post.MANAGER, False),
        (BoardKind.ENTERPRISE_INSPECTION, Post.CHIEF_ACCOUNTANT, False),
        (BoardKind.ENTERPRISE_INSPECTION, Post.NONE, True),
        (BoardKind.INVESTMENT_SUPERVISION, Post.COMMUNE_OFFICIAL, False),
        (BoardKind.INVESTMENT_SUPERVISION, Post.NONE, True),
    ],
)
def test_eligibility(kind: str, post: str, allowed: bool) -> None:
    assert bool(rules.check_eligibility(kind, posts=[post])) is allowed


def test_investment_board_member_with_a_relative_among_the_parties_is_refused() -> None:
    result = rules.check_eligibility(BoardKind.INVESTMENT_SUPERVISION, posts=[], has_conflicting_relative=True)
    assert result.code == "oversight.member.conflicting_relative"
    assert rules.check_eligibility(BoardKind.COMMUNE_INSPECTION, posts=[], has_conflicting_relative=True)


def test_terms() -> None:
    start = dt.date(2026, 8, 31)
    assert rules.term_end(BoardKind.COMMUNE_INSPECTION, start, village_head_term_months=60) == dt.date(2031, 8, 31)
    assert rules.term_end(BoardKind.COMMUNE_INSPECTION, start, village_head_term_months=30) == dt.date(2029, 2, 28)
    assert rules.term_end(BoardKind.AGENCY_INSPECTION, start, village_head_term_months=60) == dt.date(2028, 8, 31)
    assert rules.term_end(BoardKind.ENTERPRISE_INSPECTION, start, village_head_term_months=60) == dt.date(2028, 8, 31)
    assert rules.term_end(BoardKind.INVESTMENT_SUPERVISION, start, village_head_term_months=60) is None


def test_by_election_at_exactly_six_months_left() -> None:
    end = dt.date(2027, 7, 1)
    assert rules.by_election_needed(vacated_on=dt.date(2027, 1, 1), term_end=end)  # exactly 6 months
    assert not rules.by_election_needed(vacated_on=dt.date(2027, 1, 2), term_end=end)  # a day less
    assert rules.by_election_needed(vacated_on=dt.date(2026, 12, 31), term_end=end)
    assert rules.by_election_needed(vacated_on=dt.date(2027, 6, 30), term_end=None)


def test_recognition_within_five_working_days_across_tet() -> None:
    # Friday 4/12/2026 → the following Friday.
    assert rules.recognition_due(dt.date(2026, 12, 4), CALENDAR) == dt.date(2026, 12, 11)
    # An election just before Tết 2027 (Tết holiday around 5–10/02/2027): the due day moves past it.
    due = rules.recognition_due(dt.date(2027, 2, 3), CALENDAR)
    assert due > dt.date(2027, 2, 10)
    assert calendar_rules.working_days_between(dt.date(2027, 2, 3), due, CALENDAR) == 5


def test_inspection_plan_five_working_days_before() -> None:
    planned = dt.date(2026, 12, 14)  # Monday
    latest = rules.inspection_notice_latest(planned, CALENDAR)
    assert latest == dt.date(2026, 12, 7)
    assert rules.check_inspection_notice(notified_on=latest, planned_on=planned, calendar=CALENDAR)
    late = rules.check_inspection_notice(
        notified_on=latest + dt.timedelta(days=1), planned_on=planned, calendar=CALENDAR
    )
    assert late.code == "oversight.inspection.notice_too_late"


def test_recommendation_fifteen_calendar_days() -> None:
    # Sent Monday 23/11/2026: day 15 is Tuesday 8/12/2026.
    assert rules.recommendation_due(dt.date(2026, 11, 23), CALENDAR) == dt.date(2026, 12, 8)
    # Day 15 on a Saturday moves to Monday: sent Friday 13/11/2026 → Saturday 28/11 → Monday 30/11.
    assert rules.recommendation_due(dt.date(2026, 11, 13), CALENDAR) == dt.date(2026, 11, 30)
    # Across Tết 2027: sent 25/01/2027, day 15 is 9/02/2027 inside the holiday → the first working day after.
    due = rules.recommendation_due(dt.date(2027, 1, 25), CALENDAR)
    assert due > dt.date(2027, 2, 9)
    assert calendar_rules.is_working_day(due, CALENDAR)


def test_investor_notice_at_least_45_days_before() -> None:
    start = dt.date(2027, 3, 1)
    assert rules.investor_notice_latest(start) == dt.date(2027, 1, 15)
    assert rules.check_investor_notice(notified_on=dt.date(2027, 1, 15), supervision_start=start)
    late = rules.check_investor_notice(notified_on=dt.date(2027, 1, 16), supervision_start=start)
    assert late.code == "oversight.investment.notice_too_late"


ALL = {
    "board": (rules.BOARD_TRANSITIONS, ["forming", "active", "ended"]),
    "inspection": (rules.INSPECTION_TRANSITIONS, ["planned", "notified", "concluded", "cancelled"]),
    "recommendation": (rules.RECOMMENDATION_TRANSITIONS, ["draft", "confirmed", "sent", "answered", "closed"]),
}


@pytest.mark.parametrize(
    ("process", "current", "target"),
    [(process, a, b) for process, (_table, states) in ALL.items() for a in states for b in states],
)
def test_transition_tables_pair_by_pair(process: str, current: str, target: str) -> None:
    table, _states = ALL[process]
    assert bool(rules.check_transition(process, current, target)) is (target in table[current])


def test_commune_recommendation_goes_only_after_front_confirmation() -> None:
    assert rules.check_send(status=RecommendationStatus.DRAFT, needs_confirmation=True).code == (
        "oversight.recommendation.not_confirmed"
    )
    assert rules.check_send(status=RecommendationStatus.CONFIRMED, needs_confirmation=True)
    assert rules.check_send(status=RecommendationStatus.DRAFT, needs_confirmation=False)
    assert not rules.check_send(status=RecommendationStatus.SENT, needs_confirmation=False)


def test_content_hash_changes_with_any_word() -> None:
    base: dict[str, Any] = {
        "title": "A",
        "content": "B",
        "addressee_name": "C",
        "addressee_unit_id": 1,
        "sent_on": dt.date(2026, 1, 1),
    }
    assert rules.content_hash(**base) == rules.content_hash(**base)
    assert rules.content_hash(**base) != rules.content_hash(**{**base, "content": "B."})


def test_report_periods_cover_the_year() -> None:
    periods = {code: (first, last) for code, first, last in rules.report_periods(2026)}
    assert periods["Q1"] == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert periods["Q4"] == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert periods["H1"] == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert periods["H2"] == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert periods["Y"] == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


# --- work programmes, report periods, sending an unanswered recommendation on ----------------------


@pytest.mark.parametrize(
    ("kind", "number", "expected"),
    [
        ("year", 1, (dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
        ("half", 1, (dt.date(2026, 1, 1), dt.date(2026, 6, 30))),
        ("half", 2, (dt.date(2026, 7, 1), dt.date(2026, 12, 31))),
        ("quarter", 1, (dt.date(2026, 1, 1), dt.date(2026, 3, 31))),
        ("quarter", 4, (dt.date(2026, 10, 1), dt.date(2026, 12, 31))),
        ("quarter", 5, None),
        ("half", 3, None),
        ("year", 2, None),
        ("quarter", 0, None),
        ("month", 1, None),
    ],
)
def test_programme_periods(kind: str, number: int, expected: tuple[dt.date, dt.date] | None) -> None:
    assert rules.programme_period(kind, 2026, number) == expected


def test_programme_item_due_inside_the_period_edges_included() -> None:
    first, last = dt.date(2026, 10, 1), dt.date(2026, 12, 31)
    assert rules.check_programme_item_due(due_on=first, first_day=first, last_day=last)
    assert rules.check_programme_item_due(due_on=last, first_day=first, last_day=last)
    refused = rules.check_programme_item_due(due_on=dt.date(2027, 1, 1), first_day=first, last_day=last)
    assert refused.code == "oversight.programme.due_outside"
    assert not rules.check_programme_item_due(due_on=dt.date(2026, 9, 30), first_day=first, last_day=last)


def test_report_period_of_each_code_and_the_term() -> None:
    assert rules.report_period("Q3", 2026) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert rules.report_period("H1", 2026) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert rules.report_period("Y", 2026) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert rules.report_period("T", 2026, term_start=dt.date(2026, 7, 1), term_end=dt.date(2031, 7, 1)) == (
        dt.date(2026, 7, 1),
        dt.date(2031, 6, 30),
    )
    assert rules.report_period("T", 2026) is None
    assert rules.report_period("Q9", 2026) is None


def test_escalation_only_after_the_15_days_have_run_out() -> None:
    due = dt.date(2026, 12, 8)
    on_due_day = rules.check_escalation(status=RecommendationStatus.SENT, due=due, today=due)
    assert on_due_day.code == "oversight.recommendation.not_overdue"
    assert rules.check_escalation(status=RecommendationStatus.SENT, due=due, today=due + dt.timedelta(days=1))
    answered = rules.check_escalation(status=RecommendationStatus.ANSWERED, due=due, today=dt.date(2027, 1, 1))
    assert answered.code == "oversight.recommendation.not_awaiting"
    assert not rules.check_escalation(status=RecommendationStatus.DRAFT, due=None, today=due)
