"""Pure rules of community decisions: the matter table, thresholds, forms, meetings, elections.

Plain values in, a value or a ``RuleResult`` out; no queries. Sources: law.md §1(b), §1(c), §1(g)
and §6 (numeric parameters). [L] = Law 10/2022/QH15, [ND59] = Decree 59/2023/NĐ-CP,
[ND61] = Decree 61/2023/NĐ-CP, [TT04] = Circular 04/2012/TT-BNV.

Arithmetic is exact and in integers: "at least two thirds" is ``3 * yes >= 2 * eligible`` and
"more than half" is ``2 * yes > eligible``; no floats, no rounding.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from grassroots.core.errors import RuleResult
from grassroots.decisions.models import (
    DismissalStatus,
    ElectionKind,
    ElectionStatus,
    InitiativeStatus,
    MatterCode,
    Scope,
    VoteForm,
    VotePurpose,
    VoteStatus,
)

# ---------------------------------------------------------------------------------------------
# Legal numbers (each cites its article; law.md §6 row in brackets)
# ---------------------------------------------------------------------------------------------

MEETING_NOTICE_DAYS = 2
"""The meeting notice reaches households ≥ 2 days before the meeting. [ND59] art. 3(3) (§6 row 12)."""
MEETING_DOCUMENTS_DAYS = 2
"""For D1–D3 the documents reach each household ≥ 2 days before. [ND59] art. 3(4) (§6 row 13)."""
COUNTING_BOARD_MIN = 3
"""Counting board of 3–5 people. [ND59] art. 3(5)(c) (§6 row 15)."""
COUNTING_BOARD_MAX = 5
"""Counting board of 3–5 people. [ND59] art. 3(5)(c) (§6 row 15)."""
COUNTING_WITNESSES = 2
"""Two household representatives witness the count. [ND59] arts 3(5)(c), 4(6)(a) (§6 row 16)."""
CLUSTER_MEETING_MIN_HOUSEHOLDS = 200
"""A community of ≥ 200 households (or scattered) may meet by clusters. [L] art. 18(3) (§6 row 11)."""
BALLOT_TEAM_MIN = 3
"""Ballot team / online-vote team of 3–5 members. [L] art. 19(2); [ND59] arts 4(3), 5(2)(b) (§6 row 24)."""
BALLOT_TEAM_MAX = 5
"""Ballot team / online-vote team of 3–5 members. [L] art. 19(2); [ND59] arts 4(3), 5(2)(b) (§6 row 24)."""
BALLOT_NOTICE_DAYS = 2
"""Ballot campaign made public ≥ 2 days before ballots are handed out. [L] art. 19(2); [ND59] art. 4(4) (row 26)."""
BALLOT_PLAN_SEND_DAYS = 2
"""The ballot plan goes to the commune Chair and Front ≤ 2 days after issue. [ND59] art. 4(2) (row 25)."""
SUBMISSION_WORKING_DAYS = 5
"""The decision goes to the People's Committee and the Front ≤ 5 working days after the vote.
[L] art. 20(3) (§6 row 19)."""
RECOGNITION_WORKING_DAYS = 5
"""Recognition (or written refusal) ≤ 5 working days after receipt.
[L] art. 21(2); [ND59] arts 8, 9(3) (§6 rows 20, 36)."""

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

INITIATIVE_SUPPORT_PERCENT = 10
"""A citizen initiative needs ≥ 10% of the community's households. [L] art. 16(3) (§6 row 9)."""
INITIATIVE_CONSENT_VALID_MONTHS = 3
"""A household's consent is valid 3 months from when it was given. [L] art. 16(3) (§6 row 10)."""
DISMISSAL_PETITION_PERCENT = 50
"""A dismissal petition needs at least 50% of households ("từ 50% trở lên"). [ND59] art. 9(1)(b) (§6 row 37)."""

COMMUNE_MATTER_COMMUNITY_THRESHOLD_DEFAULT = "at_least_two_thirds"
"""UNCERTAIN: how a community "approves" inside a commune-wide D1/D2 vote is not spelled out ([L] art. 21(1)
counts approving communities). Default: the community's own D1/D2 threshold (≥ 2/3 of its households).
Setting: ``settings.DECISIONS_COMMUNE_MATTER_COMMUNITY_THRESHOLD``."""


# ---------------------------------------------------------------------------------------------
# Thresholds
# ---------------------------------------------------------------------------------------------


class Threshold(StrEnum):
    AT_LEAST_TWO_THIRDS = "at_least_two_thirds"
    MORE_THAN_HALF = "more_than_half"
    AT_LEAST_HALF = "at_least_half"


def required_yes(threshold: Threshold | str, eligible: int) -> int:
    """The smallest number of yes votes that meets ``threshold`` over ``eligible`` voters.

    With no eligible voter nothing can be decided: the answer is 1, which cannot be reached.
    """
    if eligible < 0:
        raise ValueError("eligible must not be negative")
    if eligible == 0:
        return 1
    kind = Threshold(threshold)
    if kind is Threshold.AT_LEAST_TWO_THIRDS:
        return (2 * eligible + 2) // 3  # smallest y with 3y >= 2e
    if kind is Threshold.AT_LEAST_HALF:
        return (eligible + 1) // 2  # smallest y with 2y >= e
    return eligible // 2 + 1  # smallest y with 2y > e


def meets(threshold: Threshold | str, yes: int, eligible: int) -> bool:
    """Whether ``yes`` out of ``eligible`` meets ``threshold``, by the law's own comparison."""
    if yes < 0 or eligible < 0 or yes > eligible:
        raise ValueError("need 0 <= yes <= eligible")
    if eligible == 0:
        return False
    kind = Threshold(threshold)
    if kind is Threshold.AT_LEAST_TWO_THIRDS:
        return 3 * yes >= 2 * eligible
    if kind is Threshold.AT_LEAST_HALF:
        return 2 * yes >= eligible
    return 2 * yes > eligible


@dataclass(frozen=True)
class Outcome:
    passed: bool
    required_yes: int
    yes: int
    eligible: int
    threshold: str


# ---------------------------------------------------------------------------------------------
# The matter table
# ---------------------------------------------------------------------------------------------


class Recogniser(StrEnum):
    NONE = "none"
    PEOPLES_COMMITTEE = "peoples_committee"
    FRONT = "front"


class EffectiveRule(StrEnum):
    """When a decision takes effect ([L] art. 21(2))."""

    VOTE_DATE = "vote_date"
    DATE_SET_BY_COMMITTEE = "date_set_by_committee"
    RECOGNITION = "recognition"


class FormCondition(StrEnum):
    ALWAYS = "always"
    AFTER_FAILED_MEETING = "after_failed_meeting"
    AFTER_ONLINE_ADOPTION = "after_online_adoption"


class Convenor(StrEnum):
    """Who convenes the meeting (values of ``accounts.Role`` where a role exists)."""

    VILLAGE_HEAD = "village_head"
    COMMUNE_CHAIR = "commune_chair"
    ELECTION_TEAM = "election_team"
    FRONT_WORK_COMMITTEE_HEAD = "front_work_committee_head"


@dataclass(frozen=True)
class ScopeRule:
    threshold: Threshold
    counts: str  # "households" or "communities"
    forms: Mapping[VoteForm, FormCondition]
    convenor: Convenor
    recogniser: Recogniser
    effective: EffectiveRule


@dataclass(frozen=True)
class MatterRule:
    code: str
    scopes: Mapping[str, ScopeRule]
    documents_before_meeting: bool
    citations: str


_MEETING_FIRST: Mapping[VoteForm, FormCondition] = {
    VoteForm.MEETING: FormCondition.ALWAYS,
    VoteForm.HOUSEHOLD_BALLOT: FormCondition.AFTER_FAILED_MEETING,
}

MATTERS: Mapping[str, MatterRule] = {
    MatterCode.D1: MatterRule(
        code=MatterCode.D1,
        scopes={
            Scope.COMMUNITY: ScopeRule(
                Threshold.AT_LEAST_TWO_THIRDS,
                "households",
                _MEETING_FIRST,
                Convenor.VILLAGE_HEAD,
                Recogniser.NONE,
                EffectiveRule.VOTE_DATE,
            ),
            Scope.COMMUNE: ScopeRule(
                Threshold.AT_LEAST_TWO_THIRDS,
                "communities",
                {VoteForm.MEETING: FormCondition.ALWAYS, VoteForm.HOUSEHOLD_BALLOT: FormCondition.ALWAYS},
                Convenor.COMMUNE_CHAIR,
                Recogniser.PEOPLES_COMMITTEE,
                EffectiveRule.DATE_SET_BY_COMMITTEE,
            ),
        },
        documents_before_meeting=True,
        citations="[L] art. 15(1), 16, 17, 19(1)(a)–(b), 21(1)–(2); [ND59] art. 3–4",
    ),
    MatterCode.D2: MatterRule(
        code=MatterCode.D2,
        scopes={
            Scope.COMMUNITY: ScopeRule(
                Threshold.AT_LEAST_TWO_THIRDS,
                "households",
                _MEETING_FIRST,
                Convenor.VILLAGE_HEAD,
                Recogniser.NONE,
                EffectiveRule.VOTE_DATE,
            ),
            Scope.COMMUNE: ScopeRule(
                Threshold.AT_LEAST_TWO_THIRDS,
                "communities",
                {VoteForm.MEETING: FormCondition.ALWAYS, VoteForm.HOUSEHOLD_BALLOT: FormCondition.ALWAYS},
                Convenor.COMMUNE_CHAIR,
                Recogniser.PEOPLES_COMMITTEE,
                EffectiveRule.DATE_SET_BY_COMMITTEE,
            ),
        },
        documents_before_meeting=True,
        citations="[L] art. 15(2), 16, 17, 19(1)(a)–(b), 21(1)–(2); [ND59] art. 3–4",
    ),
    MatterCode.D3: MatterRule(
        code=MatterCode.D3,
        scopes={
            Scope.COMMUNITY: ScopeRule(
                Threshold.MORE_THAN_HALF,
                "households",
                _MEETING_FIRST,
                Convenor.VILLAGE_HEAD,
                Recogniser.PEOPLES_COMMITTEE,
                EffectiveRule.RECOGNITION,
            ),
        },
        documents_before_meeting=True,
        citations="[L] art. 15(3), 17(2), 21; [ND59] art. 3; [ND61] art. 10",
    ),
    MatterCode.D4: MatterRule(
        code=MatterCode.D4,
        scopes={
            Scope.COMMUNITY: ScopeRule(
                Threshold.MORE_THAN_HALF,
                "households",
                _MEETING_FIRST,
                Convenor.ELECTION_TEAM,
                Recogniser.PEOPLES_COMMITTEE,
                EffectiveRule.RECOGNITION,
            ),
        },
        documents_before_meeting=False,
        citations="[L] art. 15(4), 17(2), 21; [ND59] art. 3(1), 6–9",
    ),
    MatterCode.D5: MatterRule(
        code=MatterCode.D5,
        scopes={
            Scope.COMMUNITY: ScopeRule(
                Threshold.MORE_THAN_HALF,
                "households",
                _MEETING_FIRST,
                Convenor.VILLAGE_HEAD,
                Recogniser.FRONT,
                EffectiveRule.RECOGNITION,
            ),
        },
        documents_before_meeting=False,
        citations="[L] art. 15(5), 17(2), 21, 36, 41; [ND59] art. 13, 17",
    ),
    MatterCode.D6: MatterRule(
        code=MatterCode.D6,
        scopes={
            Scope.COMMUNITY: ScopeRule(
                Threshold.MORE_THAN_HALF,
                "households",
                {
                    VoteForm.MEETING: FormCondition.ALWAYS,
                    VoteForm.HOUSEHOLD_BALLOT: FormCondition.ALWAYS,
                    VoteForm.ONLINE: FormCondition.AFTER_ONLINE_ADOPTION,
                },
                Convenor.VILLAGE_HEAD,
                Recogniser.NONE,
                EffectiveRule.VOTE_DATE,
            ),
        },
        documents_before_meeting=False,
        citations="[L] art. 15(6), 17(1)(c), 19(1)(c), 21; [ND59] art. 5",
    ),
}
"""Matter × scope → threshold, allowed forms, convenor, recogniser and effective-date rule."""

DISMISSAL_CONVENOR = Convenor.FRONT_WORK_COMMITTEE_HEAD
"""The head of the Front work committee convenes a dismissal meeting. [ND59] art. 3(1), 9(2)."""
DISMISSAL_CONVENOR_WHEN_HEAD_IS_FRONT_HEAD = Convenor.COMMUNE_CHAIR
"""When the village head is also the Front work-committee head, the commune Chair convenes (after agreeing
with the commune Front chair). [L] art. 18(1); [ND59] art. 3(1) (law.md §1(b) "who convenes and chairs")."""
ONLINE_ADOPTION_THRESHOLD = Threshold.MORE_THAN_HALF
"""Adopting the online form needs > 50% of all household representatives. [ND59] art. 5(2)(c) (§6 row 28)."""


def scope_rule(matter: str, scope: str = Scope.COMMUNITY) -> ScopeRule:
    rule = MATTERS[MatterCode(matter)]
    if Scope(scope) not in rule.scopes:
        raise ValueError(f"{matter} has no {scope} scope")
    return rule.scopes[Scope(scope)]


def threshold_for(matter: str, scope: str = Scope.COMMUNITY) -> Threshold:
    return scope_rule(matter, scope).threshold


def threshold_for_vote(
    *,
    matter: str,
    scope: str = Scope.COMMUNITY,
    purpose: str = VotePurpose.MATTER,
    in_commune_vote: bool = False,
    commune_child_threshold: str = COMMUNE_MATTER_COMMUNITY_THRESHOLD_DEFAULT,
) -> Threshold:
    """The threshold of one vote: the online-form adoption, a community's part of a commune-wide
    vote (UNCERTAIN, a setting) or the matter's own threshold."""
    if purpose == VotePurpose.ONLINE_ADOPTION:
        return ONLINE_ADOPTION_THRESHOLD
    if in_commune_vote:
        return Threshold(commune_child_threshold)
    return threshold_for(matter, scope)


def outcome(*, matter: str, scope: str = Scope.COMMUNITY, eligible: int, yes: int) -> Outcome:
    """The outcome of a vote by [L] art. 21(1): over *all* households (or all communities)."""
    threshold = threshold_for(matter, scope)
    return Outcome(
        passed=meets(threshold, yes, eligible),
        required_yes=required_yes(threshold, eligible),
        yes=yes,
        eligible=eligible,
        threshold=threshold.value,
    )


def check_form(
    *, matter: str, scope: str, form: str, has_failed_meeting: bool = False, online_adopted: bool = False
) -> RuleResult:
    """Whether ``form`` may be used for ``matter`` at ``scope`` ([L] arts 17, 19(1); [ND59] art. 5)."""
    try:
        rule = scope_rule(matter, scope)
    except ValueError:
        return RuleResult.refuse("decisions.form.scope_not_allowed")
    condition = rule.forms.get(VoteForm(form))
    if condition is None:
        return RuleResult.refuse("decisions.form.not_allowed")
    if condition is FormCondition.AFTER_FAILED_MEETING and not has_failed_meeting:
        return RuleResult.refuse("decisions.form.needs_failed_meeting")
    if condition is FormCondition.AFTER_ONLINE_ADOPTION and not online_adopted:
        return RuleResult.refuse("decisions.form.needs_online_adoption")
    return RuleResult.ok()


def convenor_for(
    matter: str,
    scope: str = Scope.COMMUNITY,
    purpose: str = VotePurpose.MATTER,
    *,
    head_is_front_head: bool = False,
) -> Convenor:
    """Who convenes: [L] art. 18(1); [ND59] art. 3(1) (dismissals: the Front work-committee head).

    Exception ([L] art. 18(1); [ND59] art. 3(1), law.md §1(b) "who convenes and chairs"): when the village
    head is also the head of the village Front work committee, the meeting that the Front head would
    convene (the head's own dismissal) is convened by the commune Chair, after agreeing with the commune
    Front chair (``DISMISSAL_CONVENOR_WHEN_HEAD_IS_FRONT_HEAD``).
    """
    if purpose == VotePurpose.DISMISSAL:
        return DISMISSAL_CONVENOR_WHEN_HEAD_IS_FRONT_HEAD if head_is_front_head else DISMISSAL_CONVENOR
    return scope_rule(matter, scope).convenor


def convenor_needs_front_agreement(convenor: Convenor | str, *, purpose: str) -> bool:
    """The commune Chair convening in the Front head's place first agrees with the commune Front chair."""
    return purpose == VotePurpose.DISMISSAL and Convenor(convenor) is Convenor.COMMUNE_CHAIR


def check_convenor(
    *,
    matter: str,
    scope: str,
    purpose: str,
    role: str,
    acting_for_vacant_head: bool = False,
    head_is_front_head: bool = False,
    front_chair_agreed: bool = False,
) -> RuleResult:
    """Whether a person acting as ``role`` may convene this vote.

    The commune Chair may appoint a convenor when the village-head post is vacant ([ND59] art. 3(1));
    that person convenes as ``acting_for_vacant_head``. When the village head is also the Front
    work-committee head, a dismissal meeting is convened by the commune Chair, who must first agree
    with the commune Front chair (``front_chair_agreed``).
    """
    expected = convenor_for(matter, scope, purpose, head_is_front_head=head_is_front_head)
    if role == expected.value and convenor_needs_front_agreement(expected, purpose=purpose) and not front_chair_agreed:
        return RuleResult.refuse("decisions.convenor.front_agreement_missing")
    if role != expected.value and head_is_front_head and purpose == VotePurpose.DISMISSAL:
        return RuleResult.refuse("decisions.convenor.head_is_front_head", expected=expected.value)
    if role == expected.value:
        return RuleResult.ok()
    if acting_for_vacant_head and expected is Convenor.VILLAGE_HEAD:
        return RuleResult.ok()
    if expected is Convenor.VILLAGE_HEAD and role == "interim_village_head":
        return RuleResult.ok()
    return RuleResult.refuse("decisions.convenor.wrong_role", expected=expected.value)


def recogniser_for(matter: str, scope: str = Scope.COMMUNITY) -> Recogniser:
    return scope_rule(matter, scope).recogniser


def needs_recognition(matter: str, scope: str = Scope.COMMUNITY) -> bool:
    return recogniser_for(matter, scope) is not Recogniser.NONE


def effective_date(
    *,
    matter: str,
    scope: str = Scope.COMMUNITY,
    vote_date: dt.date,
    recognition_date: dt.date | None = None,
    committee_date: dt.date | None = None,
) -> dt.date | None:
    """When a passed decision takes effect ([L] art. 21(2)); ``None`` while it still waits."""
    rule = scope_rule(matter, scope).effective
    if rule is EffectiveRule.VOTE_DATE:
        return vote_date
    if rule is EffectiveRule.DATE_SET_BY_COMMITTEE:
        return committee_date
    return recognition_date


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


def inspection_board_size(communities: int) -> int:
    """BTTND size: one member per community, at least 5 ([L] art. 36(1); [ND59] art. 13(2))."""
    return max(INSPECTION_BOARD_MIN_MEMBERS, communities)


def dismissal_petition_enough(*, households_signed: int, households: int) -> bool:
    """At least 50% of households ([ND59] art. 9(1)(b)): ``100 * signed >= 50 * households``."""
    return households > 0 and 100 * households_signed >= DISMISSAL_PETITION_PERCENT * households


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the last day of the month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def new_election_due(recognised_on: dt.date) -> dt.date:
    """The People's Committee decides a new election ≤ 60 days after recognising a dismissal ([ND59] art. 9(3))."""
    return recognised_on + dt.timedelta(days=DISMISSAL_NEW_ELECTION_DAYS)


def interim_until(start: dt.date) -> dt.date:
    """First day an interim head no longer serves: at most 6 months ([TT04] art. 12)."""
    return add_months(start, INTERIM_HEAD_MAX_MONTHS)


def term_end(start: dt.date, term_months: int = VILLAGE_HEAD_TERM_MONTHS_DEFAULT) -> dt.date:
    """End of a village head's term (a province setting, [TT04] art. 12(2))."""
    return add_months(start, term_months)


# ---------------------------------------------------------------------------------------------
# Citizen initiatives ([L] art. 16(3))
# ---------------------------------------------------------------------------------------------


def consent_valid_until(signed_on: dt.date) -> dt.date:
    """First day a consent no longer counts: 3 months after it was given."""
    return add_months(signed_on, INITIATIVE_CONSENT_VALID_MONTHS)


def consent_is_valid(*, signed_on: dt.date, on: dt.date) -> bool:
    return signed_on <= on < consent_valid_until(signed_on)


def initiative_required_signatures(households: int) -> int:
    """ceil(10% × households): the smallest s with ``100 * s >= 10 * households``."""
    return (INITIATIVE_SUPPORT_PERCENT * households + 99) // 100


def initiative_eligible(*, valid_signatures: int, households: int, front_approved: bool) -> RuleResult:
    if households > 0 and 100 * valid_signatures >= INITIATIVE_SUPPORT_PERCENT * households:
        return RuleResult.ok("decisions.initiative.enough_signatures")
    if front_approved:
        return RuleResult.ok("decisions.initiative.front_approved")
    return RuleResult.refuse("decisions.initiative.not_enough_signatures")


# ---------------------------------------------------------------------------------------------
# State machines: one literal table per stateful process
# ---------------------------------------------------------------------------------------------

VOTE_TRANSITIONS: Mapping[str, frozenset[str]] = {
    VoteStatus.DRAFT: frozenset({VoteStatus.SCHEDULED, VoteStatus.CANCELLED}),
    VoteStatus.SCHEDULED: frozenset({VoteStatus.OPEN, VoteStatus.CANCELLED}),
    VoteStatus.OPEN: frozenset({VoteStatus.CLOSED, VoteStatus.MOVED_TO_BALLOTS}),
    VoteStatus.CLOSED: frozenset({VoteStatus.SUBMITTED, VoteStatus.MOVED_TO_BALLOTS}),
    VoteStatus.SUBMITTED: frozenset({VoteStatus.RECOGNISED, VoteStatus.REFUSED}),
    VoteStatus.RECOGNISED: frozenset(),
    VoteStatus.REFUSED: frozenset(),
    VoteStatus.MOVED_TO_BALLOTS: frozenset(),
    VoteStatus.CANCELLED: frozenset(),
}

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
    DismissalStatus.VOTING: frozenset({DismissalStatus.DISMISSED, DismissalStatus.KEPT}),
    DismissalStatus.DISMISSED: frozenset({DismissalStatus.RECOGNISED, DismissalStatus.REFUSED}),
    DismissalStatus.KEPT: frozenset(),
    DismissalStatus.RECOGNISED: frozenset(),
    DismissalStatus.REFUSED: frozenset(),
}

INITIATIVE_TRANSITIONS: Mapping[str, frozenset[str]] = {
    InitiativeStatus.COLLECTING: frozenset({InitiativeStatus.SUBMITTED, InitiativeStatus.WITHDRAWN}),
    InitiativeStatus.SUBMITTED: frozenset({InitiativeStatus.ACCEPTED, InitiativeStatus.REJECTED}),
    InitiativeStatus.ACCEPTED: frozenset(),
    InitiativeStatus.REJECTED: frozenset(),
    InitiativeStatus.WITHDRAWN: frozenset(),
}

_TABLES: Mapping[str, Mapping[str, frozenset[str]]] = {
    "vote": VOTE_TRANSITIONS,
    "election": ELECTION_TRANSITIONS,
    "dismissal": DISMISSAL_TRANSITIONS,
    "initiative": INITIATIVE_TRANSITIONS,
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
