"""The matter table: for each of D1–D6 and scope, the threshold, the forms allowed, who convenes,
who recognises and when a decision takes effect ([L] arts 15–21; [ND59] arts 3–5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from grassroots.accounts.rules import Action
from grassroots.core.errors import RuleResult
from grassroots.voting.models import MatterCode, Scope, VoteForm, VotePurpose
from grassroots.voting.rules.law import COMMUNE_MATTER_COMMUNITY_THRESHOLD_DEFAULT
from grassroots.voting.rules.thresholds import Outcome, Threshold, vote_outcome

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

_MONEY_MATTER_SCOPES: Mapping[str, ScopeRule] = {
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
}
"""D1 and D2, money matters, follow the same rule ([L] art. 21(1)): ≥ 2/3 of all households in a village, ≥ 2/3
of all villages commune-wide; a village decides at a meeting first, the commune Chair chooses meeting or ballots."""

MATTERS: Mapping[str, MatterRule] = {
    MatterCode.D1: MatterRule(
        code=MatterCode.D1,
        scopes=_MONEY_MATTER_SCOPES,
        documents_before_meeting=True,
        citations="[L] art. 15(1), 16, 17, 19(1)(a)–(b), 21(1)–(2); [ND59] art. 3–4",
    ),
    MatterCode.D2: MatterRule(
        code=MatterCode.D2,
        scopes=_MONEY_MATTER_SCOPES,
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
