"""Pure rules of the oversight boards: sizes, eligibility, terms, clocks and the transition tables.

Plain values in, a value or a ``RuleResult`` out; no queries, no settings. Sources: law.md §1(c), §2, §3.1, §6.
[L] = Law 10/2022/QH15, [ND59] = Decree 59/2023/NĐ-CP.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from grassroots.calendar import rules as calendar_rules
from grassroots.calendar.rules import add_months
from grassroots.core.errors import RuleResult
from grassroots.oversight.models import (
    BoardKind,
    BoardStatus,
    ConferenceReportStatus,
    InformationRequestStatus,
    InspectionStatus,
    MemberSource,
    Position,
    Post,
    RecommendationStatus,
)

# ---------------------------------------------------------------------------------------------
# Legal numbers (each cites its article; law.md §6 row in brackets)
# ---------------------------------------------------------------------------------------------

COMMUNE_BOARD_MIN_MEMBERS = 5
"""Commune BTTND: one member per community, at least 5; exactly 5 with fewer than 5 communities.
[L] art. 36(1); [ND59] art. 13(2) (§6 row 43)."""
BOARD_MAX_DEPUTIES = 2
"""At most 2 deputies: commune board [ND59] art. 13(3) (§6 row 44); investment board [ND59] art. 17(3) (row 50);
agency / SOE board with ≥ 9 members [ND59] arts 21(3), 25(2) (row 82)."""
ORGANISATION_BOARD_MIN_MEMBERS = 3
"""Agency / SOE BTTND: 3 to 9 members. [L] arts 60(1), 77(1) (§6 row 79)."""
ORGANISATION_BOARD_MAX_MEMBERS = 9
"""Agency / SOE BTTND: at most 9 members unless the unit is dispersed or special. [L] arts 60(1), 77(1) (row 79)."""
ORGANISATION_BOARD_DEPUTY_CAP_FROM = 9
"""The cap of 2 deputies applies to agency / SOE boards of 9 members or more. [ND59] arts 21(3), 25(2) (row 82)."""
NO_BOARD_AT_OR_BELOW_STAFF = 7
"""No agency board in a unit of 7 staff or fewer; the union does its work. [L] art. 60(1) (§6 row 80).
Applied to SOEs too (the SOE articles set no such threshold; see the app guide)."""
ORGANISATION_BOARD_TERM_MONTHS = 24
"""Agency / SOE BTTND term: 2 years. [L] arts 60(3), 77(3) (§6 row 81)."""
RECOGNITION_WORKING_DAYS = 5
"""The Front (commune) or the union (agency, SOE) recognises the election result ≤ 5 working days after it.
[L] art. 21(2); [ND59] arts 21(1), 25(1) (§6 rows 20, 83)."""
BY_ELECTION_MIN_MONTHS_LEFT = 6
"""A vacancy with at least 6 months of the term left triggers a by-election. [L] art. 36(2) (§6 row 46)."""
INSPECTION_NOTICE_WORKING_DAYS = 5
"""An inspection plan reaches the Front / union, the chair and the inspected party ≥ 5 working days before.
[ND59] arts 14(1)(b), 22(1)(b), 26(1)(b) (§6 row 47)."""
RECOMMENDATION_REPLY_DAYS = 15
"""Recommendations are answered within 15 days ("ngày": calendar days, Civil-Code end rule).
[L] arts 40(1)(c), 45(2)(c), 63(1)(c), 81(1)(d) (§6 rows 48, 52; §7 q. 8)."""
INVESTMENT_BOARD_MIN_MEMBERS = 5
"""BGSĐTCĐ: at least 5 members. [L] art. 41(1); [ND59] art. 17(2) (§6 row 49)."""
INVESTMENT_BOARD_MAX_RESIDENT_MEMBERS = 5
"""BGSĐTCĐ: at most 5 residents elected by the communities. [ND59] art. 17(2) (§6 row 49)."""
INVESTOR_NOTICE_DAYS_BEFORE = 45
"""The Front notifies the investor of the supervision plan and members ≥ 45 days before supervision starts.
[L] art. 45(1)(b) (§6 row 51). Calendar days."""
FIRST_YEAR = 2000
"""Not a legal rule: the earliest year a date of the oversight records may bear (the year fields of the app
already accept 2000–2100). A board, meeting, notice or project dated in year 1 is a typing error, and date
arithmetic on it (45 days before, 24 months after) would leave the calendar."""
LAST_YEAR = 2100
"""Not a legal rule: the latest year a date of the oversight records may bear (see ``FIRST_YEAR``)."""


def check_date_bounds(*days: dt.date | None) -> RuleResult:
    """Every given date (``None`` skipped) lies in ``FIRST_YEAR``..``LAST_YEAR``."""
    for day in days:
        if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
            return RuleResult.refuse("oversight.date_out_of_range", first=FIRST_YEAR, last=LAST_YEAR)
    return RuleResult.ok()


INELIGIBLE_POSTS: Mapping[str, frozenset[str]] = {
    # [L] art. 37: not a commune official or civil servant, nor non-specialised staff of the commune or village.
    BoardKind.COMMUNE_INSPECTION: frozenset({Post.COMMUNE_OFFICIAL, Post.NON_SPECIALISED_STAFF}),
    # [L] art. 60(2): not the head, a deputy head or the chief accountant.
    BoardKind.AGENCY_INSPECTION: frozenset({Post.HEAD, Post.DEPUTY_HEAD, Post.CHIEF_ACCOUNTANT}),
    # [L] art. 77(2): not the legal representative, management or executive board members, chief accountant.
    BoardKind.ENTERPRISE_INSPECTION: frozenset(
        {Post.LEGAL_REPRESENTATIVE, Post.MANAGER, Post.HEAD, Post.DEPUTY_HEAD, Post.CHIEF_ACCOUNTANT}
    ),
    # [L] art. 42: not a commune official (and no relatives among the project's parties, checked apart).
    BoardKind.INVESTMENT_SUPERVISION: frozenset({Post.COMMUNE_OFFICIAL}),
}
"""Posts that bar a person from each kind of board."""

ORGANISATION_KINDS: Mapping[str, frozenset[str]] = {
    BoardKind.AGENCY_INSPECTION: frozenset({"agency", "public_service_unit"}),
    BoardKind.ENTERPRISE_INSPECTION: frozenset({"state_owned_enterprise"}),
}
"""Which organisations (``units.OrganisationKind`` values) hold which board: Chapter III or Chapter IV."""


# ---------------------------------------------------------------------------------------------
# Size and composition
# ---------------------------------------------------------------------------------------------


def commune_board_size(communities: int) -> int:
    """Members of a commune BTTND: one per community, at least 5 ([L] art. 36(1); [ND59] art. 13(2))."""
    return max(COMMUNE_BOARD_MIN_MEMBERS, communities)


def organisation_may_have_board(headcount: int) -> bool:
    """An agency or SOE with more than 7 staff has a board ([L] art. 60(1))."""
    return headcount > NO_BOARD_AT_OR_BELOW_STAFF


@dataclass(frozen=True)
class Seat:
    """One active member as the composition rules see it."""

    position: str
    community_id: int | None = None
    source: str = MemberSource.ELECTED


def check_composition(
    kind: str,
    seats: Sequence[Seat],
    *,
    community_ids: Sequence[int] = (),
    headcount: int = 0,
    is_dispersed: bool = False,
) -> RuleResult:
    """Whether the active members make a lawful board of ``kind`` (checked at recognition).

    Every board has exactly one head. Commune board: ``commune_board_size`` members and every community of
    ``community_ids`` has a member (one each when there are 5 or more). Agency / SOE board: more than 7 staff,
    3–9 members (more only when dispersed). Investment board: ≥ 5 members, ≤ 5 residents. Deputies as
    ``BOARD_MAX_DEPUTIES`` says.
    """
    members = len(seats)
    heads = sum(1 for seat in seats if seat.position == Position.HEAD)
    deputies = sum(1 for seat in seats if seat.position == Position.DEPUTY)
    if kind == BoardKind.COMMUNE_INSPECTION:
        required = commune_board_size(len(community_ids))
        if members != required:
            return RuleResult.refuse("oversight.board.size", required=required, members=members)
        per_community: dict[int, int] = {}
        for seat in seats:
            if seat.community_id is not None:
                per_community[seat.community_id] = per_community.get(seat.community_id, 0) + 1
        missing = [pk for pk in community_ids if pk not in per_community]
        if missing:
            return RuleResult.refuse("oversight.board.community_missing", communities=missing)
        if len(community_ids) >= COMMUNE_BOARD_MIN_MEMBERS and any(n > 1 for n in per_community.values()):
            return RuleResult.refuse("oversight.board.community_twice")
    elif kind in ORGANISATION_KINDS:
        if not organisation_may_have_board(headcount):
            return RuleResult.refuse("oversight.board.unit_too_small", headcount=headcount)
        if members < ORGANISATION_BOARD_MIN_MEMBERS or (members > ORGANISATION_BOARD_MAX_MEMBERS and not is_dispersed):
            return RuleResult.refuse("oversight.board.size_range", members=members)
    elif kind == BoardKind.INVESTMENT_SUPERVISION:
        if members < INVESTMENT_BOARD_MIN_MEMBERS:
            return RuleResult.refuse("oversight.board.size", required=INVESTMENT_BOARD_MIN_MEMBERS, members=members)
        residents = sum(1 for seat in seats if seat.source == MemberSource.RESIDENT)
        if residents > INVESTMENT_BOARD_MAX_RESIDENT_MEMBERS:
            return RuleResult.refuse("oversight.board.too_many_residents", residents=residents)
    if heads != 1:
        return RuleResult.refuse("oversight.board.one_head", heads=heads)
    if deputies > max_deputies(kind, members):
        return RuleResult.refuse("oversight.board.too_many_deputies", deputies=deputies)
    return RuleResult.ok()


def max_deputies(kind: str, members: int) -> int:
    """The most deputies a board of ``members`` may have.

    Commune and investment boards: 2 ([ND59] arts 13(3), 17(3)). Agency / SOE boards: 2 from 9 members
    ([ND59] arts 21(3), 25(2)); below 9 the law sets no number, so any number short of the whole board less
    its head is accepted (a reading, see the guide).
    """
    if kind in ORGANISATION_KINDS and members < ORGANISATION_BOARD_DEPUTY_CAP_FROM:
        return max(members - 1, 0)
    return BOARD_MAX_DEPUTIES


def check_eligibility(kind: str, *, posts: Sequence[str], has_conflicting_relative: bool = False) -> RuleResult:
    """Whether a person holding ``posts`` may sit on a board of ``kind`` ([L] arts 37, 42, 60(2), 77(2))."""
    barred = sorted(set(posts) & INELIGIBLE_POSTS[kind])
    if barred:
        return RuleResult.refuse("oversight.member.ineligible_post", posts=barred)
    if kind == BoardKind.INVESTMENT_SUPERVISION and has_conflicting_relative:
        return RuleResult.refuse("oversight.member.conflicting_relative")
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# Terms and clocks
# ---------------------------------------------------------------------------------------------


def term_end(kind: str, term_start: dt.date, *, village_head_term_months: int) -> dt.date | None:
    """First day after the term: the village heads' term for commune boards ([L] art. 36(2)), 2 years for agency
    and SOE boards ([L] arts 60(3), 77(3)); an investment board has no term, it ends with its project ([L] art. 41)."""
    if kind == BoardKind.COMMUNE_INSPECTION:
        return add_months(term_start, village_head_term_months)
    if kind in ORGANISATION_KINDS:
        return add_months(term_start, ORGANISATION_BOARD_TERM_MONTHS)
    return None


def by_election_needed(*, vacated_on: dt.date, term_end: dt.date | None) -> bool:
    """A by-election when at least 6 months of the term remain on the day the seat falls vacant ([L] art. 36(2)).

    "At least 6 months" left: ``vacated_on + 6 months`` is on or before the term's end. A board without a term
    (investment) has its seat filled by the Front: always true.
    """
    if term_end is None:
        return True
    return add_months(vacated_on, BY_ELECTION_MIN_MONTHS_LEFT) <= term_end


def recognition_due(elected_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    """The last day for the Front or the union to recognise the result: 5 working days after the election."""
    return calendar_rules.add_working_days(elected_on, RECOGNITION_WORKING_DAYS, calendar)


def inspection_notice_latest(planned_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    """The last day to send an inspection plan: the 5th working day before the inspection starts."""
    return calendar_rules.add_working_days(planned_on, -INSPECTION_NOTICE_WORKING_DAYS, calendar)


def check_inspection_notice(
    *, notified_on: dt.date, planned_on: dt.date, calendar: calendar_rules.WorkingCalendar
) -> RuleResult:
    latest = inspection_notice_latest(planned_on, calendar)
    if notified_on > latest:
        return RuleResult.refuse("oversight.inspection.notice_too_late", latest=latest)
    return RuleResult.ok()


def recommendation_due(sent_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    """Last day of the 15-day answer period (calendar days; a last day off moves to the next working day)."""
    return calendar_rules.calendar_deadline(sent_on, RECOMMENDATION_REPLY_DAYS, calendar)


def investor_notice_latest(supervision_start: dt.date) -> dt.date:
    """The last day to notify the investor: 45 calendar days before supervision starts ([L] art. 45(1)(b))."""
    return supervision_start - dt.timedelta(days=INVESTOR_NOTICE_DAYS_BEFORE)


def check_investor_notice(*, notified_on: dt.date, supervision_start: dt.date) -> RuleResult:
    latest = investor_notice_latest(supervision_start)
    if notified_on > latest:
        return RuleResult.refuse("oversight.investment.notice_too_late", latest=latest)
    return RuleResult.ok()


def content_hash(*, title: str, content: str, addressee_name: str, addressee_unit_id: int, sent_on: dt.date) -> str:
    """The SHA-256 of what a recommendation said when it was sent, kept in the audit trail."""
    text = "\x1f".join([title, content, addressee_name, str(addressee_unit_id), sent_on.isoformat()])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------
# State machines: one literal table per stateful record
# ---------------------------------------------------------------------------------------------

BOARD_TRANSITIONS: Mapping[str, frozenset[str]] = {
    BoardStatus.FORMING: frozenset({BoardStatus.ACTIVE, BoardStatus.ENDED}),
    BoardStatus.ACTIVE: frozenset({BoardStatus.ENDED}),
    BoardStatus.ENDED: frozenset(),
}

INSPECTION_TRANSITIONS: Mapping[str, frozenset[str]] = {
    InspectionStatus.PLANNED: frozenset({InspectionStatus.NOTIFIED, InspectionStatus.CANCELLED}),
    InspectionStatus.NOTIFIED: frozenset({InspectionStatus.CONCLUDED, InspectionStatus.CANCELLED}),
    InspectionStatus.CONCLUDED: frozenset(),
    InspectionStatus.CANCELLED: frozenset(),
}

RECOMMENDATION_TRANSITIONS: Mapping[str, frozenset[str]] = {
    RecommendationStatus.DRAFT: frozenset({RecommendationStatus.CONFIRMED, RecommendationStatus.SENT}),
    RecommendationStatus.CONFIRMED: frozenset({RecommendationStatus.SENT}),
    RecommendationStatus.SENT: frozenset({RecommendationStatus.ANSWERED}),
    RecommendationStatus.ANSWERED: frozenset({RecommendationStatus.CLOSED}),
    RecommendationStatus.CLOSED: frozenset(),
}

CONFERENCE_REPORT_TRANSITIONS: Mapping[str, frozenset[str]] = {
    ConferenceReportStatus.DRAFT: frozenset({ConferenceReportStatus.PRESENTED}),
    ConferenceReportStatus.PRESENTED: frozenset(),
}

INFORMATION_REQUEST_TRANSITIONS: Mapping[str, frozenset[str]] = {
    InformationRequestStatus.SENT: frozenset({InformationRequestStatus.ANSWERED, InformationRequestStatus.WITHDRAWN}),
    InformationRequestStatus.ANSWERED: frozenset(),
    InformationRequestStatus.WITHDRAWN: frozenset(),
}

_TABLES: Mapping[str, Mapping[str, frozenset[str]]] = {
    "board": BOARD_TRANSITIONS,
    "information_request": INFORMATION_REQUEST_TRANSITIONS,
    "conference_report": CONFERENCE_REPORT_TRANSITIONS,
    "inspection": INSPECTION_TRANSITIONS,
    "recommendation": RECOMMENDATION_TRANSITIONS,
}


def check_transition(process: str, current: str, target: str) -> RuleResult:
    """Whether ``process`` may go from ``current`` to ``target`` (its literal table above)."""
    if target in _TABLES[process].get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse(f"oversight.{process}.bad_transition", current=current, target=target)


def check_send(*, status: str, needs_confirmation: bool) -> RuleResult:
    """A commune or investment board's recommendation goes out only after the Front confirms it ([L] art. 40(2))."""
    if needs_confirmation and status != RecommendationStatus.CONFIRMED:
        return RuleResult.refuse("oversight.recommendation.not_confirmed")
    return check_transition("recommendation", status, RecommendationStatus.SENT)


# ---------------------------------------------------------------------------------------------
# Reporting periods of the boards: quarterly, 6-monthly, yearly, end of term ([ND59] arts 14(3), 22(3), 26(3))
# ---------------------------------------------------------------------------------------------


DECREE_09_CUTOFF_DAY = 14
"""Decree 09/2019/NĐ-CP data cut-off of periodic state reports (law.md §5, §6 row 117, CONFIRMED as a convention):
a quarterly report covers the 15th of the month before the quarter to the 14th of its last month; the 6-month
report 15/12 of the previous year to 14/06; the annual report 15/12 to 14/12. Whether a board's report to the Front
(not a state body) must follow it is not settled: ``OVERSIGHT_REPORT_CUTOFF_DAY`` (default ``None``: calendar
periods) switches it on, with this day."""


def report_periods(year: int, *, cutoff_day: int | None = None) -> list[tuple[str, dt.date, dt.date]]:
    """The board's reporting periods of ``year`` as (code, first day, last day): Q1–Q4, H1–H2 and the year.

    Calendar periods by default; with ``cutoff_day`` (``DECREE_09_CUTOFF_DAY``) each period runs from the day after
    the cut-off of the month before its first month to the cut-off of its last month (law.md §5).
    """
    quarters = [(f"Q{number}", 3 * number - 2, 3) for number in range(1, 5)]
    spans = [*quarters, ("H1", 1, 6), ("H2", 7, 6), ("Y", 1, 12)]
    periods = []
    for code, first_month, months in spans:
        start = dt.date(year, first_month, 1)
        after = add_months(start, months)
        if cutoff_day is None:
            periods.append((code, start, after - dt.timedelta(days=1)))
        else:
            before = add_months(start, -1)
            last_month = add_months(start, months - 1)
            periods.append(
                (
                    code,
                    dt.date(before.year, before.month, cutoff_day) + dt.timedelta(days=1),
                    dt.date(last_month.year, last_month.month, cutoff_day),
                )
            )
    return periods


TERM_REPORT = "T"
"""The end-of-term report ([ND59] arts 14(3), 22(3), 26(3)): it covers the whole term."""


def report_period(
    code: str,
    year: int,
    *,
    term_start: dt.date | None = None,
    term_end: dt.date | None = None,
    cutoff_day: int | None = None,
) -> tuple[dt.date, dt.date] | None:
    """First and last day of one reporting period, or None for an unknown code (or a term report without a term)."""
    if code == TERM_REPORT:
        if term_start is None or term_end is None:
            return None
        return term_start, term_end - dt.timedelta(days=1)
    for known, first, last in report_periods(year, cutoff_day=cutoff_day):
        if known == code:
            return first, last
    return None


# ---------------------------------------------------------------------------------------------
# Work programmes ([L] art. 39; [ND59] arts 14(1), 22(1), 26(1): quarterly, 6-month and annual programmes)
# ---------------------------------------------------------------------------------------------

PROGRAMME_NUMBERS: Mapping[str, int] = {"year": 1, "half": 2, "quarter": 4}
"""How many programmes of each kind a year holds."""


def programme_period(kind: str, year: int, number: int) -> tuple[dt.date, dt.date] | None:
    """First and last day of the ``number``-th programme of ``kind`` in ``year``; None when out of range."""
    count = PROGRAMME_NUMBERS.get(kind)
    if count is None or not 1 <= number <= count:
        return None
    months = 12 // count
    first = dt.date(year, months * (number - 1) + 1, 1)
    return first, add_months(first, months) - dt.timedelta(days=1)


def check_programme_item_due(*, due_on: dt.date, first_day: dt.date, last_day: dt.date) -> RuleResult:
    """A piece of work of a programme falls due inside the programme's period."""
    if not first_day <= due_on <= last_day:
        return RuleResult.refuse("oversight.programme.due_outside", first=first_day, last=last_day)
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# Unanswered recommendations: on to the next level once the 15 days have run out
# ---------------------------------------------------------------------------------------------


def check_escalation(*, status: str, due: dt.date | None, today: dt.date) -> RuleResult:
    """An unanswered recommendation goes on to the next level only once the current 15-day clock has run out
    ([L] art. 40(1)(c) the 15 days; art. 40(2) the Front chases the answer; law.md §1(c) "an escalation view
    for the Front"). Each sending on starts a new 15-day clock for the level that receives it."""
    if status != RecommendationStatus.SENT:
        return RuleResult.refuse("oversight.recommendation.not_awaiting")
    if due is None or today <= due:
        return RuleResult.refuse("oversight.recommendation.not_overdue", due=due)
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# Decisions of a board: by majority of its members ([ND59] art. 12; law.md §1(c))
# ---------------------------------------------------------------------------------------------

BOARD_MAJORITY_OF_MEMBERS = Fraction(1, 2)
"""A board decides by majority: a decision needs more than half of the board's members in favour ([L] art. 39,
[ND59] art. 12 "làm việc theo chế độ tập thể, quyết định theo đa số"; law.md §1(c)). Exactly half is not adopted.
"Of its members", not of those present: the text names no quorum, so the stricter reading is kept (see the guide)."""


def is_adopted(*, votes_for: int, members: int) -> bool:
    """Whether ``votes_for`` of a board of ``members`` carries a decision: strictly more than half."""
    return members > 0 and votes_for > members * BOARD_MAJORITY_OF_MEMBERS


def check_vote(*, votes_for: int, votes_against: int, abstentions: int, members: int) -> RuleResult:
    """The votes of one meeting: none negative, no more votes than the board has members."""
    if min(votes_for, votes_against, abstentions) < 0:
        return RuleResult.refuse("oversight.vote.negative")
    if members <= 0:
        return RuleResult.refuse("oversight.vote.no_members")
    if votes_for + votes_against + abstentions > members:
        return RuleResult.refuse("oversight.vote.too_many", members=members)
    return RuleResult.ok()


def may_publish_conclusion(*, is_case_verification: bool) -> bool:
    """A conclusion is published (a commune's board on the commune's portal, an organisation's board to its staff)
    except for a citizen's case: the petitioner's identity and case stay confidential ([L] arts 9–10; law.md §1(e)
    "petitioner identity is confidential")."""
    return not is_case_verification


# ---------------------------------------------------------------------------------------------
# The board's report at the year-end conference ([L] art. 33(2); [ND59] arts 11(3), 22(3), 26(3))
# ---------------------------------------------------------------------------------------------

ORGANISATION_CONFERENCE_MONTHS_AFTER_YEAR = 3
"""The staff or employee conference is held after the work year ends, no later than 3 months into the next year
([L] arts 51(1), 69(1); law.md §2, §3.1): an agency or SOE board's yearly report is due by 31 March."""

CONFERENCE_REPORT_OPENS_MONTH = 11
"""The year-end conference task shows from 1 November (law.md §1(g) suggests a December conference); not a legal
number, only when the reminder appears."""


def conference_report_window(*, is_commune: bool, year: int) -> tuple[dt.date, dt.date]:
    """The days on which the yearly report of ``year`` may be presented, the last one being its due day.

    A commune board's member reports at the village's conference held at year end ([L] art. 33(1)): within the
    year, by 31 December. An agency or SOE board reports at the conference held after the year ends, by 31 March
    of the next year; a conference held late in the year itself (December) is accepted too.
    """
    if is_commune:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    last = add_months(dt.date(year + 1, 1, 1), ORGANISATION_CONFERENCE_MONTHS_AFTER_YEAR) - dt.timedelta(days=1)
    return dt.date(year, 1, 1), last


def conference_report_opens(*, is_commune: bool, year: int) -> dt.date:
    """From which day the dashboard lists the yearly report as a task."""
    return dt.date(year, CONFERENCE_REPORT_OPENS_MONTH, 1)


def check_conference_presentation(*, is_commune: bool, year: int, presented_on: dt.date, today: dt.date) -> RuleResult:
    """The conference has taken place (not a future day) and falls in the report's window."""
    if presented_on > today:
        return RuleResult.refuse("oversight.conference_report.in_future")
    first, last = conference_report_window(is_commune=is_commune, year=year)
    if not first <= presented_on <= last:
        return RuleResult.refuse("oversight.conference_report.outside_window", first=first, last=last)
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# Requests for information and documents ([L] arts 38(4), 40(1)(b), 43(3), 45(2)-(3), 63(1), 81(1))
# ---------------------------------------------------------------------------------------------

INFORMATION_REPLY_WORKING_DAYS_DEFAULT = 10
"""UNCERTAIN (law.md §1(c), §6): the Law obliges the commune People's Committee, the agency or SOE head and the
investor to provide the boards' requested information and documents ([L] arts 40(1)(b), 45(2)-(3), 63(1), 81(1))
but fixes no period. Default by analogy with the Law on Access to Information art. 29(2) (a request needing
collection: within 10 working days; law.md §6 row 8). Setting ``OVERSIGHT_INFORMATION_REPLY_WORKING_DAYS``."""


def information_due(sent_on: dt.date, working_days: int, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    """The last day to provide the information: ``working_days`` working days after the day it was sent (the day
    of sending not counted; weekends, public holidays and Tết skipped)."""
    return calendar_rules.add_working_days(sent_on, working_days, calendar)


def is_information_overdue(*, status: str, due: dt.date, today: dt.date) -> bool:
    return status == InformationRequestStatus.SENT and today > due


def check_information_answer(*, sent_on: dt.date, answered_on: dt.date, today: dt.date) -> RuleResult:
    if answered_on > today:
        return RuleResult.refuse("oversight.information.answered_in_future")
    if answered_on < sent_on:
        return RuleResult.refuse("oversight.information.answered_before_sent")
    return RuleResult.ok()


INFORMATION_EXTENSION_LEGAL_CAP_WORKING_DAYS = 10
"""The ceiling no setting may pass: the Access to Information Law art. 29(2) allows one extension of **up to 10
working days** (law.md §1(a), §6 row 8). ``selectors.information_extension_max_working_days`` clamps the setting to
it and ``checks.check_oversight_settings`` reports a larger value at start-up."""
INFORMATION_EXTENSION_MAX_WORKING_DAYS_DEFAULT = INFORMATION_EXTENSION_LEGAL_CAP_WORKING_DAYS
"""UNCERTAIN (law.md §1(a) "information on request", §6 row 8): the period for the boards' requests is taken by
analogy from the Law on Access to Information art. 29(2), which lets the body asked extend it **once**, by **up to
10 working days**, with written notice (the reason). The analogy is followed whole: one extension, at most this
many working days, a reason, recorded before the period has run out. Setting
``OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS``."""


def check_information_extension(
    *,
    status: str,
    already_extended: bool,
    working_days: int,
    max_working_days: int,
    reason: str,
    sent_on: dt.date,
    extended_on: dt.date,
    due: dt.date,
    today: dt.date,
) -> RuleResult:
    """One extension only, 1..max working days, with its reason, notified on or before the last day of the period
    and not in the future. An expired period cannot be revived: ``today`` is the server's day of recording, and an
    extension recorded after the due day is refused whatever date its notice claims (a notice back-dated to the
    due day cannot reopen a lapsed period)."""
    if status != InformationRequestStatus.SENT:
        return RuleResult.refuse("oversight.information_request.bad_transition")
    if already_extended:
        return RuleResult.refuse("oversight.information.already_extended")
    if not 1 <= working_days <= max_working_days:
        return RuleResult.refuse("oversight.information.extension_too_long", max=max_working_days)
    if not reason.strip():
        return RuleResult.refuse("oversight.information.extension_reason_required")
    if extended_on > today:
        return RuleResult.refuse("oversight.information.extended_in_future")
    if extended_on < sent_on:
        return RuleResult.refuse("oversight.information.extended_before_sent")
    if extended_on > due or today > due:
        return RuleResult.refuse("oversight.information.extension_after_due", due=due)
    return RuleResult.ok()
