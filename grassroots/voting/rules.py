"""Pure rules of community votes: the matter table, thresholds, forms, convenors, meetings, ballots.

Plain values in, a value or a ``RuleResult`` out; no queries. Sources: law.md §1(b), §1(g)
and §6 (numeric parameters). [L] = Law 10/2022/QH15, [ND59] = Decree 59/2023/NĐ-CP,
[ND61] = Decree 61/2023/NĐ-CP.

Arithmetic is exact and in integers: "at least two thirds" is ``3 * yes >= 2 * eligible`` and
"more than half" is ``2 * yes > eligible``; no floats, no rounding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from grassroots.accounts.rules import Action
from grassroots.calendar import rules as calendar_rules
from grassroots.core.errors import RuleResult
from grassroots.voting.models import MatterCode, Scope, VoteForm, VotePurpose, VoteStatus

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
    """The outcome of a vote by [L] art. 21(1), from its frozen roll and its counts (``vote_outcome``)."""

    passed: bool
    required_yes: int
    yes: int
    eligible: int
    threshold: str
    participated: int = 0
    by_option: Mapping[str, int] = field(default_factory=dict)
    by_channel: Mapping[str, int] = field(default_factory=dict)

    @property
    def absent(self) -> int:
        """Households (or communities) on the roll that did not take part."""
        return self.eligible - self.participated


def check_counts(
    *,
    eligible: int,
    participated: int,
    yes: int,
    by_option: Mapping[str, int] | None = None,
    by_channel: Mapping[str, int] | None = None,
) -> RuleResult:
    """Counts that add up: none negative, none beyond the roll, options and channels summing to those who took part.

    A count that does not add up is refused, never clamped: the minutes must show numbers that add up.
    """
    values = [eligible, participated, yes, *(by_option or {}).values(), *(by_channel or {}).values()]
    if any(value < 0 for value in values):
        return RuleResult.refuse("decisions.vote.count_negative")
    if participated > eligible:
        return RuleResult.refuse("decisions.vote.count_exceeds_roll", count=participated, eligible=eligible)
    if yes > participated:
        return RuleResult.refuse("decisions.vote.yes_exceeds_participation", yes=yes, participated=participated)
    if by_option is not None and sum(by_option.values()) != participated:
        return RuleResult.refuse(
            "decisions.vote.tally_mismatch", participations=participated, choices=sum(by_option.values())
        )
    if by_channel is not None and sum(by_channel.values()) != participated:
        return RuleResult.refuse(
            "decisions.vote.tally_mismatch", participations=participated, choices=sum(by_channel.values())
        )
    return RuleResult.ok()


def vote_outcome(
    *,
    threshold: Threshold | str,
    eligible: int,
    yes: int,
    participated: int | None = None,
    by_option: Mapping[str, int] | None = None,
    by_channel: Mapping[str, int] | None = None,
) -> Outcome:
    """The one outcome computation: tally, minutes, result pages and ``manage.py vote_outcome`` all call it.

    ``eligible`` is the frozen roll (households; communities for a commune-wide vote), ``yes`` the
    approving ones, ``participated`` those who took part (default: ``yes``). Counts that do not add
    up raise ``ValueError`` (callers check ``check_counts`` first to refuse with a message).
    """
    taking_part = yes if participated is None else participated
    result = check_counts(
        eligible=eligible, participated=taking_part, yes=yes, by_option=by_option, by_channel=by_channel
    )
    if not result:
        raise ValueError(result.code)
    kind = Threshold(threshold)
    return Outcome(
        passed=meets(kind, yes, eligible),
        required_yes=required_yes(kind, eligible),
        yes=yes,
        eligible=eligible,
        threshold=kind.value,
        participated=taking_part,
        by_option=dict(by_option or {}),
        by_channel=dict(by_channel or {}),
    )


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
    """The outcome of a matter by [L] art. 21(1): over *all* households (or all communities)."""
    return vote_outcome(threshold=threshold_for(matter, scope), eligible=eligible, yes=yes)


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


RECOGNISER_ACTIONS: Mapping[Recogniser, Action] = {
    Recogniser.PEOPLES_COMMITTEE: Action.ACT_FOR_PEOPLES_COMMITTEE,
    Recogniser.FRONT: Action.ACT_FOR_FRONT,
}
"""Who recognises, as an action of the permission matrix: the People's Committee or the Front ([L] art. 21(2))."""


def run_action(*, convenor_role: str, matter: str) -> Action:
    """The action that runs a vote (register, count, close, send): the power of whoever convenes it.

    The village head (or interim head) runs the community's meetings ([L] art. 18(1)); the commune
    Chair a commune-wide vote; the Front work-committee head a dismissal meeting ([ND59] art. 9(2));
    an election meeting is run for its organiser, the People's Committee (village head, D4) or the
    Front (boards, D5) ([ND59] arts 6, 13, 17).
    """
    if convenor_role in (Convenor.VILLAGE_HEAD.value, "interim_village_head"):
        return Action.RUN_COMMUNITY_VOTES
    if convenor_role == Convenor.COMMUNE_CHAIR.value:
        return Action.RUN_COMMUNE_VOTES
    if convenor_role == Convenor.FRONT_WORK_COMMITTEE_HEAD.value:
        return Action.ACT_FOR_FRONT_WORK_COMMITTEE
    if MatterCode(matter) is MatterCode.D5:
        return Action.ACT_FOR_FRONT
    return Action.ACT_FOR_PEOPLES_COMMITTEE


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
# Deadlines after the vote: counted on the working calendar whenever they are shown, never stored
# ---------------------------------------------------------------------------------------------


def voting_period_end(
    *, form: str, starts_on: dt.date, ends_on: dt.date | None, closed_on: dt.date | None = None
) -> dt.date:
    """The day the voting period ended: the meeting day, or the last day of ballots / online voting.

    [L] art. 20(3); [ND59] arts 3(5)(d), 4(7), 5(4)(b): the decision goes to the commune "after the
    meeting, or after the ballot or online-vote period ends" — not from when someone pressed "close".
    A ballot or online vote without a stated end falls back to the day it was closed.
    """
    if VoteForm(form) is VoteForm.MEETING:
        return starts_on
    if ends_on is not None:
        return ends_on
    return closed_on if closed_on is not None else starts_on


def submission_due(period_end: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    """Send the decision to the People's Committee and the Front ≤ 5 working days after the period ([L] art. 20(3))."""
    return calendar_rules.add_working_days(period_end, SUBMISSION_WORKING_DAYS, calendar)


def recognition_due(received_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    """Recognise or refuse in writing ≤ 5 working days after receiving the decision ([L] art. 21(2); [ND59] art. 8)."""
    return calendar_rules.add_working_days(received_on, RECOGNITION_WORKING_DAYS, calendar)


# ---------------------------------------------------------------------------------------------
# The roll, secret ballots, online agreement
# ---------------------------------------------------------------------------------------------


def check_roll_amendment(
    *, status: str, is_counted: bool, kind: str, reason: str, on_roll: bool, has_voted: bool
) -> RuleResult:
    """A correction of the frozen roll is allowed while voting runs and before the count, with a reason.

    Adding needs a household not on the roll; taking off needs one on it that has not voted (its vote
    would otherwise be counted against a roll it is no longer on); a new representative needs one on it.
    """
    if status != VoteStatus.OPEN or is_counted:
        return RuleResult.refuse("decisions.roll.locked")
    if not reason.strip():
        return RuleResult.refuse("decisions.roll.reason_required")
    if kind == "add" and on_roll:
        return RuleResult.refuse("decisions.roll.already_on")
    if kind in ("remove", "representative") and not on_roll:
        return RuleResult.refuse("decisions.roll.not_on")
    if kind == "remove" and has_voted:
        return RuleResult.refuse("decisions.roll.has_voted")
    return RuleResult.ok()


def check_secret_entry(*, is_secret: bool, channel: str, has_choice: bool) -> RuleResult:
    """In a secret vote nobody enters a household's choice for it: at a meeting or on paper the household
    takes part (its ballot goes in the box) and the counting board counts the ballots; online, the household
    chooses on its own device ([ND59] arts 3(5), 4(6), 5(3))."""
    if not is_secret:
        return RuleResult.ok()
    if channel == "meeting_hands":
        return RuleResult.refuse("decisions.vote.wrong_channel")
    if channel == "online":
        return RuleResult.ok() if has_choice else RuleResult.refuse("decisions.vote.choice_required")
    if has_choice:
        return RuleResult.refuse("decisions.vote.secret_counted_by_board")
    return RuleResult.ok()


def check_online_agreement(
    *, form: str, status: str, head_holds_role: bool, front_head_holds_role: bool, agreed_on: dt.date, today: dt.date
) -> RuleResult:
    """The village head and the Front work-committee head agree that neither a meeting nor ballots are needed.

    [L] art. 17(1)(c); [ND59] art. 5(1). Recorded before the vote is announced; each signer holds that
    post on the day of the agreement; not a day in the future.
    """
    if VoteForm(form) is not VoteForm.ONLINE:
        return RuleResult.refuse("decisions.online.not_online")
    if status != VoteStatus.DRAFT:
        return RuleResult.refuse("decisions.online.agreement_locked")
    if agreed_on > today:
        return RuleResult.refuse("decisions.online.agreement_future")
    if not head_holds_role:
        return RuleResult.refuse("decisions.online.not_village_head")
    if not front_head_holds_role:
        return RuleResult.refuse("decisions.online.not_front_head")
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# State machine: one literal table
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

_TABLES: Mapping[str, Mapping[str, frozenset[str]]] = {"vote": VOTE_TRANSITIONS}


def check_transition(process: str, current: str, target: str) -> RuleResult:
    """Whether ``process`` may go from ``current`` to ``target`` (its literal table above)."""
    if target in _TABLES[process].get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse(f"decisions.{process}.bad_transition", current=current, target=target)
