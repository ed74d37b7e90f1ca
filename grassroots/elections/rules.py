"""Pure rules of elections and dismissals: milestones, winners, board sizes, petitions, terms.

Plain values in, a value or a ``RuleResult`` out; no queries. Sources: law.md §1(c) and §6.
[L] = Law 10/2022/QH15, [ND59] = Decree 59/2023/NĐ-CP, [TT04] = Circular 04/2012/TT-BNV.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from grassroots.calendar import rules as calendar_rules
from grassroots.calendar.rules import add_months
from grassroots.core.errors import RuleResult
from grassroots.elections.models import DismissalStatus, ElectionKind, ElectionStatus
from grassroots.voting.models import MatterCode
from grassroots.voting.rules import Threshold, meets
from grassroots.voting.rules.law import MEETING_NOTICE_DAYS

# ---------------------------------------------------------------------------------------------
# Legal numbers (each cites its article; law.md §6 row in brackets)
# ---------------------------------------------------------------------------------------------

ELECTION_PLAN_DAYS_BEFORE = 20
"""Election decision and plan ≥ 20 days before the election. [ND59] art. 6(1)(a) (§6 row 30). Calendar days."""
ELECTION_CANDIDATES_DAYS_BEFORE = 15
"""Candidate-list minutes reach the People's Committee ≥ 15 days before. [ND59] art. 6(2) (§6 row 33). Calendar days."""
ELECTION_TEAM_DAYS_BEFORE = 10
"""Election-team decision ≥ 10 days before. [ND59] art. 6(1)(b) (§6 row 31). Calendar days."""
ELECTION_NOTICE_DAYS_BEFORE = 7
"""Decisions publicised ≥ 7 days before. [ND59] art. 6(1) (§6 row 32). Calendar days."""
ELECTION_MIN_CANDIDATES = 1
"""At least one candidate. [ND59] art. 6(2) (§6 row 34)."""
DISMISSAL_NEW_ELECTION_DAYS = 60
"""New election decided ≤ 60 days after the dismissal is recognised. [ND59] art. 9(3) (§6 row 39). Calendar days."""
INTERIM_HEAD_MAX_MONTHS = 6
"""An interim head serves ≤ 6 months. [TT04] art. 12 (§6 row 41); enforced too by ``accounts.rules``."""
VILLAGE_HEAD_TERM_MONTHS_DEFAULT = 60
"""Village-head term: 2.5 or 5 years, set by the province ([TT04] art. 12(2)); 5 years under [ND185] art. 4
(UNCERTAIN, §6 row 40, §7 question 2). A province setting: ``settings.DECISIONS_VILLAGE_HEAD_TERM_MONTHS``."""
VILLAGE_HEAD_TERM_ALLOWED_MONTHS = frozenset({30, 60})
"""The terms a province may choose under [TT04] art. 12(2): 2.5 or 5 years."""
INSPECTION_BOARD_MIN_MEMBERS = 5
"""Commune BTTND: one member per community, at least 5. [L] art. 36(1); [ND59] art. 13(2) (§6 row 43)."""
INVESTMENT_BOARD_MAX_RESIDENT_MEMBERS = 5
"""BGSĐTCĐ: at most 5 resident members elected by communities. [L] art. 41(1); [ND59] art. 17(2) (§6 row 49)."""

DISMISSAL_PETITION_PERCENT = 50
"""A dismissal petition needs at least 50% of households ("từ 50% trở lên"). [ND59] art. 9(1)(b) (§6 row 37)."""


# ---------------------------------------------------------------------------------------------
# Elections (village head, boards) and dismissals
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Milestones:
    """The latest day for each preparation step of an election on ``election_date`` ([ND59] art. 6).

    The law counts these in calendar days ("ngày"); "≥ N days before T" means on or before T − N.
    """

    election_date: dt.date
    plan_by: dt.date
    candidates_by: dt.date
    team_by: dt.date
    notice_by: dt.date


def election_milestones(election_date: dt.date) -> Milestones:
    return Milestones(
        election_date=election_date,
        plan_by=election_date - dt.timedelta(days=ELECTION_PLAN_DAYS_BEFORE),
        candidates_by=election_date - dt.timedelta(days=ELECTION_CANDIDATES_DAYS_BEFORE),
        team_by=election_date - dt.timedelta(days=ELECTION_TEAM_DAYS_BEFORE),
        notice_by=election_date - dt.timedelta(days=ELECTION_NOTICE_DAYS_BEFORE),
    )


class Milestone(StrEnum):
    PLAN = "plan"
    CANDIDATES = "candidates"
    TEAM = "team"
    NOTICE = "notice"


def check_milestone(milestone: Milestone | str, *, done_on: dt.date, election_date: dt.date) -> RuleResult:
    """Whether a preparation step done on ``done_on`` respects its deadline before the election."""
    plan = election_milestones(election_date)
    latest = {
        Milestone.PLAN: plan.plan_by,
        Milestone.CANDIDATES: plan.candidates_by,
        Milestone.TEAM: plan.team_by,
        Milestone.NOTICE: plan.notice_by,
    }[Milestone(milestone)]
    if done_on > latest:
        return RuleResult.refuse(f"decisions.election.{Milestone(milestone).value}_too_late", latest=latest)
    return RuleResult.ok()


def check_election_ready(
    *,
    plan_on: dt.date | None,
    candidates_on: dt.date | None,
    team_on: dt.date | None,
    notice_on: dt.date | None,
    election_date: dt.date,
    candidate_count: int,
    team_has_candidate: bool,
) -> RuleResult:
    """Every milestone done in time, ≥ 1 candidate, and no candidate on the election team."""
    for milestone, done in (
        (Milestone.PLAN, plan_on),
        (Milestone.CANDIDATES, candidates_on),
        (Milestone.TEAM, team_on),
        (Milestone.NOTICE, notice_on),
    ):
        if done is None:
            return RuleResult.refuse(f"decisions.election.{milestone.value}_missing")
        result = check_milestone(milestone, done_on=done, election_date=election_date)
        if not result:
            return result
    if candidate_count < ELECTION_MIN_CANDIDATES:
        return RuleResult.refuse("decisions.election.no_candidate")
    if team_has_candidate:
        return RuleResult.refuse("decisions.election.candidate_on_team")
    return RuleResult.ok()


def check_candidate_minutes(*, minutes_on: dt.date | None, election_date: dt.date) -> RuleResult:
    """The candidate-list minutes (Mẫu 05) exist and reached the People's Committee ≥ 15 days before.

    [ND59] art. 6(2) (law.md §1(c), §6 row 33): ``minutes_on`` is the day the platform issued the Mẫu 05
    (the server's clock, never a typed day). Exactly 15 days before is in time; 14 is late. Without it the
    election can be neither announced nor held.
    """
    if minutes_on is None:
        return RuleResult.refuse("decisions.election.candidate_minutes_missing")
    latest = election_milestones(election_date).candidates_by
    if minutes_on > latest:
        return RuleResult.refuse("decisions.election.candidate_minutes_too_late", latest=latest.strftime("%d/%m/%Y"))
    return RuleResult.ok()


def meeting_notice_due(election_date: dt.date) -> dt.date:
    """The last day the Mẫu 01 of the election meeting may be issued: 2 days before ([ND59] art. 3(3)).

    The election meeting is a community meeting under [ND59] art. 3 ([ND59] art. 7(1)), so its notice period
    is the voting app's ``MEETING_NOTICE_DAYS`` (law.md §1(b) "notice and documents", §6 row 15): calendar
    days, counted back from a fixed date. Exactly 2 days before is in time; the day before is late.
    """
    return election_date - dt.timedelta(days=MEETING_NOTICE_DAYS)


def check_meeting_day(*, meeting_on: dt.date, election_date: dt.date) -> RuleResult:
    """The election meeting is held on the election day fixed by the plan ([ND59] arts 6(1), 7(1))."""
    if meeting_on != election_date:
        day = election_date.strftime("%d/%m/%Y")
        return RuleResult.refuse("decisions.election.meeting_not_on_election_day", day=day)
    return RuleResult.ok()


def election_winners(*, votes: Mapping[int, int], eligible: int, seats: int = 1) -> list[int]:
    """Candidates elected: the ``seats`` best, each with > 50% of all households ([L] art. 21(1); [ND59] art. 7).

    A tie for the last seat elects nobody for that seat (the People's Committee decides a re-run).
    """
    qualified = sorted(
        ((count, key) for key, count in votes.items() if meets(Threshold.MORE_THAN_HALF, count, eligible)),
        reverse=True,
    )
    winners = [key for _count, key in qualified[:seats]]
    if len(qualified) > seats and qualified[seats - 1][0] == qualified[seats][0]:
        tied = qualified[seats - 1][0]
        winners = [key for count, key in qualified[:seats] if count != tied]
    return winners


CANDIDATE_MINUTES_SIGNERS = 2
"""Mẫu 05 ([ND59] art. 6(2); law.md §1(c)) is signed by two people of the Front work committee: its head
and the secretary who kept the minutes. Two distinct people: one person cannot sign in both places. The
printed model's signature block is not in law.md (UNCERTAIN beyond "head and secretary")."""


def _person_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def check_candidate_minutes_signers(members: Sequence[str]) -> RuleResult:
    """Whether the Front work committee listed for Mẫu 05 gives its two distinct signers.

    The head is the first line, the secretary the last; nobody may be listed twice (the same person would
    then sign as head and as secretary, or be counted twice among those present). Names compare without
    case and extra spaces.
    """
    names = [name for name in members if name.strip()]
    keys = [_person_key(name) for name in names]
    if len(set(keys)) < CANDIDATE_MINUTES_SIGNERS or len(set(keys)) != len(keys):
        return RuleResult.refuse("decisions.election.front_committee_signers")
    return RuleResult.ok()


def unfilled_seats(*, seats: int, elected: int) -> int:
    """Seats left empty after a count: a further round or a by-election fills them ([ND59] art. 7; law.md §1(c))."""
    return max(0, seats - elected)


def dismissal_result(*, agree: int, disagree: int, eligible: int) -> DismissalStatus:
    """What the community decided on a dismissal ([L] art. 21(1): > 50% of all households; [ND59] art. 9(3)).

    Dismissed when more than half of all households agree; kept when more than half disagree; otherwise the
    community could not agree and the commune People's Committee decides after agreeing with the commune
    Front. (Reading of "không thống nhất": neither side reached the threshold — an interpretation, UNCERTAIN.)
    """
    if meets(Threshold.MORE_THAN_HALF, agree, eligible):
        return DismissalStatus.DISMISSED
    if meets(Threshold.MORE_THAN_HALF, disagree, eligible):
        return DismissalStatus.KEPT
    return DismissalStatus.UNDECIDED


def inspection_board_size(communities: int) -> int:
    """BTTND size: one member per community, at least 5 ([L] art. 36(1); [ND59] art. 13(2))."""
    return max(INSPECTION_BOARD_MIN_MEMBERS, communities)


def dismissal_petition_enough(*, households_signed: int, households: int) -> bool:
    """At least 50% of households ([ND59] art. 9(1)(b)): ``100 * signed >= 50 * households``."""
    return households > 0 and 100 * households_signed >= DISMISSAL_PETITION_PERCENT * households


def new_election_due(recognised_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    """The People's Committee decides a new election ≤ 60 days after recognising a dismissal ([ND59] art. 9(3)).

    Calendar days by the Civil Code (arts 147–148): a last day that is not a working day moves to the next one.
    """
    return calendar_rules.calendar_deadline(recognised_on, DISMISSAL_NEW_ELECTION_DAYS, calendar)


def interim_until(start: dt.date) -> dt.date:
    """First day an interim head no longer serves: at most 6 months ([TT04] art. 12)."""
    return add_months(start, INTERIM_HEAD_MAX_MONTHS)


def term_end(start: dt.date, term_months: int = VILLAGE_HEAD_TERM_MONTHS_DEFAULT) -> dt.date:
    """End of a village head's term (a province setting, [TT04] art. 12(2))."""
    return add_months(start, term_months)


# ---------------------------------------------------------------------------------------------
# State machines: one literal table per stateful process
# ---------------------------------------------------------------------------------------------

ELECTION_TRANSITIONS: Mapping[str, frozenset[str]] = {
    ElectionStatus.PREPARING: frozenset({ElectionStatus.ANNOUNCED, ElectionStatus.CANCELLED}),
    ElectionStatus.ANNOUNCED: frozenset({ElectionStatus.VOTING, ElectionStatus.CANCELLED}),
    ElectionStatus.VOTING: frozenset({ElectionStatus.ELECTED, ElectionStatus.NO_WINNER}),
    ElectionStatus.ELECTED: frozenset({ElectionStatus.RECOGNISED, ElectionStatus.REFUSED}),
    ElectionStatus.NO_WINNER: frozenset({ElectionStatus.RERUN_ORDERED}),
    ElectionStatus.REFUSED: frozenset({ElectionStatus.RERUN_ORDERED}),
    ElectionStatus.RECOGNISED: frozenset(),
    ElectionStatus.RERUN_ORDERED: frozenset(),
    ElectionStatus.CANCELLED: frozenset(),
}

DISMISSAL_TRANSITIONS: Mapping[str, frozenset[str]] = {
    DismissalStatus.REQUESTED: frozenset({DismissalStatus.VOTING}),
    DismissalStatus.VOTING: frozenset({DismissalStatus.DISMISSED, DismissalStatus.KEPT, DismissalStatus.UNDECIDED}),
    # The meeting could not agree: the commune People's Committee decides with the commune Front ([ND59] art. 9(3)).
    DismissalStatus.UNDECIDED: frozenset({DismissalStatus.RECOGNISED, DismissalStatus.KEPT}),
    DismissalStatus.DISMISSED: frozenset({DismissalStatus.RECOGNISED, DismissalStatus.REFUSED}),
    DismissalStatus.KEPT: frozenset(),
    DismissalStatus.RECOGNISED: frozenset(),
    DismissalStatus.REFUSED: frozenset(),
}

_TABLES: Mapping[str, Mapping[str, frozenset[str]]] = {
    "election": ELECTION_TRANSITIONS,
    "dismissal": DISMISSAL_TRANSITIONS,
}


def check_transition(process: str, current: str, target: str) -> RuleResult:
    """Whether ``process`` may go from ``current`` to ``target`` (its literal table above)."""
    if target in _TABLES[process].get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse(f"decisions.{process}.bad_transition", current=current, target=target)


ELECTION_MATTER: Mapping[str, str] = {
    ElectionKind.VILLAGE_HEAD: MatterCode.D4,
    ElectionKind.INSPECTION_BOARD: MatterCode.D5,
    ElectionKind.INVESTMENT_SUPERVISION_BOARD: MatterCode.D5,
}
"""Which matter an election is ([L] art. 15(4)–(5))."""
