"""Meetings, ballot campaigns and online votes: notices, documents, officers, clusters, quorum
([L] arts 18–19; [ND59] arts 3–5; [ND61] art. 10)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from grassroots.core.errors import RuleResult
from grassroots.voting.models import MatterCode, Scope, VotePurpose
from grassroots.voting.rules.law import (
    BALLOT_NOTICE_DAYS,
    BALLOT_TEAM_MAX,
    BALLOT_TEAM_MIN,
    CLUSTER_MEETING_MIN_HOUSEHOLDS,
    COUNTING_BOARD_MAX,
    COUNTING_BOARD_MIN,
    COUNTING_WITNESSES,
    MEETING_DOCUMENTS_DAYS,
    MEETING_NOTICE_DAYS,
)
from grassroots.voting.rules.matters import MATTERS, threshold_for
from grassroots.voting.rules.thresholds import required_yes

# ---------------------------------------------------------------------------------------------
# Meetings, ballot campaigns, online votes
# ---------------------------------------------------------------------------------------------


def days_between(earlier: dt.datetime | dt.date, later: dt.datetime | dt.date) -> int:
    """Whole calendar days from the date of ``earlier`` to the date of ``later`` (the first day is not counted)."""
    first = earlier.date() if isinstance(earlier, dt.datetime) else earlier
    last = later.date() if isinstance(later, dt.datetime) else later
    return (last - first).days


def check_meeting_notice(*, notice_on: dt.date, meeting_on: dt.date) -> RuleResult:
    """The notice (Mẫu 01) must come ≥ 2 days before the meeting ([ND59] art. 3(3))."""
    if (meeting_on - notice_on).days < MEETING_NOTICE_DAYS:
        return RuleResult.refuse("decisions.meeting.notice_too_late", days=MEETING_NOTICE_DAYS)
    return RuleResult.ok()


def documents_latest_day(meeting_on: dt.date) -> dt.date:
    """The last day documents may reach a household: 2 days before the meeting ([ND59] art. 3(4))."""
    return meeting_on - dt.timedelta(days=MEETING_DOCUMENTS_DAYS)


def needs_documents(*, matter: str, purpose: str = VotePurpose.MATTER) -> bool:
    """D1–D3 meetings deliver their documents to each household beforehand ([ND59] art. 3(4))."""
    return purpose == VotePurpose.MATTER and MATTERS[MatterCode(matter)].documents_before_meeting


def check_documents_all_delivered(*, matter: str, households: int, delivered_in_time: int) -> RuleResult:
    """Every household of the frozen register received the D1–D3 documents ≥ 2 days before ([ND59] art. 3(4))."""
    if not MATTERS[MatterCode(matter)].documents_before_meeting:
        return RuleResult.ok()
    missing = households - min(delivered_in_time, households)
    if missing > 0:
        return RuleResult.refuse(
            "decisions.meeting.documents_not_delivered",
            missing=missing,
            households=households,
            days=MEETING_DOCUMENTS_DAYS,
        )
    return RuleResult.ok()


def check_documents_delivered(*, matter: str, delivered_on: dt.date | None, meeting_on: dt.date) -> RuleResult:
    """For D1–D3 the documents reach each household ≥ 2 days before ([ND59] art. 3(4))."""
    if not MATTERS[MatterCode(matter)].documents_before_meeting:
        return RuleResult.ok()
    if delivered_on is None:
        return RuleResult.refuse("decisions.meeting.documents_missing")
    if (meeting_on - delivered_on).days < MEETING_DOCUMENTS_DAYS:
        return RuleResult.refuse("decisions.meeting.documents_too_late", days=MEETING_DOCUMENTS_DAYS)
    return RuleResult.ok()


def check_ballot_notice(*, notice_on: dt.date, distribution_on: dt.date) -> RuleResult:
    """A ballot campaign is public ≥ 2 days before ballots are handed out ([L] art. 19(2); [ND59] art. 4(4))."""
    if (distribution_on - notice_on).days < BALLOT_NOTICE_DAYS:
        return RuleResult.refuse("decisions.ballot.notice_too_late", days=BALLOT_NOTICE_DAYS)
    return RuleResult.ok()


def procedural_majority(*, approving: int, present: int) -> bool:
    """Secretary, counting board and procedural options need > 50% of those present ([ND59] art. 3(5))."""
    return present > 0 and 0 <= approving <= present and 2 * approving > present


def check_officers(*, counting_board: int, witnesses: int, approving: int, present: int) -> RuleResult:
    """Counting board of 3–5, 2 household witnesses, approved by > 50% of those present ([ND59] art. 3(5))."""
    if not COUNTING_BOARD_MIN <= counting_board <= COUNTING_BOARD_MAX:
        return RuleResult.refuse("decisions.meeting.board_size", low=COUNTING_BOARD_MIN, high=COUNTING_BOARD_MAX)
    if witnesses != COUNTING_WITNESSES:
        return RuleResult.refuse("decisions.meeting.witnesses", count=COUNTING_WITNESSES)
    if not procedural_majority(approving=approving, present=present):
        return RuleResult.refuse("decisions.meeting.officers_not_approved")
    return RuleResult.ok()


def check_team_size(size: int) -> RuleResult:
    """Ballot team and online-vote team: 3–5 members ([L] art. 19(2); [ND59] arts 4(3), 5(2)(b))."""
    if not BALLOT_TEAM_MIN <= size <= BALLOT_TEAM_MAX:
        return RuleResult.refuse("decisions.team.size", low=BALLOT_TEAM_MIN, high=BALLOT_TEAM_MAX)
    return RuleResult.ok()


def may_cluster(*, households: int, is_scattered: bool = False) -> bool:
    """Cluster sessions for ≥ 200 households or scattered settlement ([L] art. 18(3))."""
    return is_scattered or households >= CLUSTER_MEETING_MIN_HOUSEHOLDS


def threshold_reachable(*, matter: str, scope: str = Scope.COMMUNITY, eligible: int, present: int) -> bool:
    """Whether the households present could still pass the matter if every one of them agreed.

    When not, [L] art. 19(1)(b) moves the matter to household ballots.
    """
    return present >= required_yes(threshold_for(matter, scope), eligible) and eligible > 0


def huong_uoc_quorum(*, present: int, eligible: int) -> bool:
    """A hương ước is voted at a meeting only with > 50% of households present ([ND61] art. 10(1)(a))."""
    return eligible > 0 and 2 * present > eligible


# ---------------------------------------------------------------------------------------------
# A secret ballot campaign counted cluster by cluster ([ND59] art. 4(6); the clusters of [L] art. 18(3))
# ---------------------------------------------------------------------------------------------


def cluster_counting_open(*, collection_ended: bool, participated: int, eligible: int) -> bool:
    """A cluster's ballots are counted once collection is over (the deadline passed, or every household on
    the roll returned its ballot): no ballot can be returned after a cluster's figures are known, so two
    counts of the same cluster a household apart can never exist to reveal that household's choice."""
    return collection_ended or (eligible > 0 and participated >= eligible)


def check_cluster_count(
    *, issued: int, returned: int, by_option: Mapping[str, int], marks_per_ballot: int = 1
) -> RuleResult:
    """One cluster's figures add up: none negative, no more returned than handed out, the options summing
    to the ballots returned (a multi-seat ballot: each option at most once per ballot, at most one mark per seat)."""
    if any(value < 0 for value in (issued, returned, *by_option.values())):
        return RuleResult.refuse("decisions.vote.count_negative")
    if returned > issued:
        return RuleResult.refuse("decisions.cluster_count.returned_exceeds_issued", returned=returned, issued=issued)
    marks = sum(by_option.values())
    if marks_per_ballot > 1:
        if any(value > returned for value in by_option.values()) or marks > returned * marks_per_ballot:
            return RuleResult.refuse("decisions.cluster_count.mismatch", returned=returned, choices=marks)
    elif marks != returned:
        return RuleResult.refuse("decisions.cluster_count.mismatch", returned=returned, choices=marks)
    return RuleResult.ok()


def check_cluster_totals(
    *, clusters: int, returned: int, participated: int, issued: int, ballots_issued: int
) -> RuleResult:
    """The clusters together are the village: their returned ballots are the households recorded as having
    returned one, their ballots handed out are the ballots the campaign issued."""
    if clusters == 0:
        return RuleResult.refuse("decisions.cluster_count.none")
    if returned != participated:
        return RuleResult.refuse("decisions.cluster_count.returned_total", returned=returned, participated=participated)
    if issued != ballots_issued:
        return RuleResult.refuse("decisions.cluster_count.issued_total", issued=issued, ballots_issued=ballots_issued)
    return RuleResult.ok()


def sum_cluster_counts(counts: list[Mapping[str, int]]) -> dict[str, int]:
    """The village's count per option: the sum of its clusters' counts."""
    total: dict[str, int] = {}
    for by_option in counts:
        for key, value in by_option.items():
            total[key] = total.get(key, 0) + int(value)
    return total
