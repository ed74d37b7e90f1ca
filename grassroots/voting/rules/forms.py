"""The Decree 59 forms (Mẫu 01–05) and what each must carry; the ballot-plan clock; Law art. 22.

Pure: each form lists the fields its article requires; ``form_missing_fields`` says which are empty.
The services build the documents from the vote and refuse one whose required fields are missing.

Field lists follow law.md §1(b), §1(c) and §6. The decree's own model layouts (the appendix with the
printed Mẫu 01–05) are not in law.md: the fields below are the ones the articles require; fields a
printed model might add (e.g. the meeting place on Mẫu 01, the order of the Mẫu 05 columns) are
marked UNCERTAIN where they are used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from enum import StrEnum

from grassroots.calendar import rules as calendar_rules
from grassroots.core.errors import RuleResult
from grassroots.voting.rules.law import BALLOT_PLAN_SEND_DAYS, COUNTING_WITNESSES


class Decree59Form(StrEnum):
    """The forms of Decree 59/2023/NĐ-CP that the platform issues."""

    MEETING_NOTICE = "mau01"
    COUNTING_MINUTES = "mau02"
    MEETING_DECISION = "mau03"
    BALLOT_MINUTES = "mau04"
    CANDIDATE_LIST_MINUTES = "mau05"


FORM_NUMBERS: Mapping[Decree59Form, str] = {
    Decree59Form.MEETING_NOTICE: "Mẫu 01",
    Decree59Form.COUNTING_MINUTES: "Mẫu 02",
    Decree59Form.MEETING_DECISION: "Mẫu 03",
    Decree59Form.BALLOT_MINUTES: "Mẫu 04",
    Decree59Form.CANDIDATE_LIST_MINUTES: "Mẫu 05",
}

COUNTING_MINUTES_COPIES = 3
"""The counting minutes (Mẫu 02) are made in 3 copies. [ND59] art. 3(5)(c) (§6 row 17)."""
COUNTING_MINUTES_COPY_HOLDERS = ("UBND xã", "Ủy ban MTTQ Việt Nam xã", "Thôn, tổ dân phố")
"""Who keeps each copy: the commune People's Committee, the commune Front, the village. [ND59] art. 3(5)(c)."""
DECISION_HOUSEHOLD_SIGNERS = 2
"""Two household representatives sign the community decision. [L] art. 20(2)(g) (§6 row 18)."""
DECISION_SIGNERS = 2 + DECISION_HOUSEHOLD_SIGNERS
"""Mẫu 03 is signed by the village head, the head of the Front work committee and 2 household
representatives: 4 signers. [L] art. 20(2)(g) (law.md §1(b) "what a community decision must contain", §6
row 18), CONFIRMED."""
DECISION_OFFICIAL_SIGNER_TITLES: Mapping[str, str] = {
    "village_head": "TRƯỞNG THÔN, TỔ TRƯỞNG TỔ DÂN PHỐ",
    "front_work_committee_head": "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN",
    "chair": "CHỦ TRÌ CUỘC HỌP",
    "secretary": "THƯ KÝ",
}
"""The two officials who sign Mẫu 03 next to the 2 household representatives, by key.

The law's text is CONFIRMED: [L] art. 20(2)(g) names the village head (tổ trưởng tổ dân phố) and the head of
the Front work committee, the default (``DECISION_OFFICIAL_SIGNERS_DEFAULT``). ``settings.
VOTING_DECISION_OFFICIAL_SIGNERS`` picks two keys of this table; it exists only so that a province whose
printed model of Mẫu 03 names the meeting's chair and secretary (the reading of issue 12) can print that one.
A community's own paper prints the community's head title (``TRƯỞNG THÔN``…, ``LÂM THỜI`` for an interim
head) in place of the generic title of ``village_head``."""
DECISION_OFFICIAL_SIGNERS_DEFAULT = ("village_head", "front_work_committee_head")
"""[L] art. 20(2)(g), CONFIRMED: the village head and the head of the Front work committee sign Mẫu 03."""
DECISION_OFFICE_HOLDER_ROLES: Mapping[str, tuple[str, ...]] = {
    "village_head": ("village_head", "interim_village_head"),
    "front_work_committee_head": ("front_work_committee_head",),
}
"""The roles (``accounts.Role`` values, in order of preference) whose holder on the decision's day is the signer
of a key: the village head, or the interim head in the head's place ([TT04] art. 12); the Front work-committee
head. The meeting's chair and secretary are no office: their names come from the meeting's record."""


def same_person_name(first: str, second: str) -> bool:
    """Two written names of one person: spaces and letter case aside (Vietnamese diacritics count)."""
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def decision_official_titles(keys: tuple[str, ...] | list[str]) -> tuple[str, str]:
    """The printed titles of the two officials who sign Mẫu 03; unknown keys, a count other than 2 or one key
    twice (one office would then sign for both, [L] art. 20(2)(g)) are refused."""
    if len(keys) != 2 or len(set(keys)) != 2 or any(key not in DECISION_OFFICIAL_SIGNER_TITLES for key in keys):
        raise ValueError(f"VOTING_DECISION_OFFICIAL_SIGNERS must be two of {sorted(DECISION_OFFICIAL_SIGNER_TITLES)}")
    return DECISION_OFFICIAL_SIGNER_TITLES[keys[0]], DECISION_OFFICIAL_SIGNER_TITLES[keys[1]]


NOTICE_SIGNER_TITLES: Mapping[str, str] = {
    "front_work_committee_head": "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN",
    "commune_chair": "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ",
    "election_team": "TỔ TRƯỞNG TỔ BẦU CỬ",
}
"""Who signs the meeting notice (Mẫu 01) when it is not the community's own head: the convenor's title.

The village head convenes the community's meetings ([ND59] art. 3(2); [L] art. 18(1)) and signs under the
community's head title (TRƯỞNG THÔN, TỔ TRƯỞNG…), an interim head in the head's place ([TT04] art. 12)
adds "LÂM THỜI"; the Front work-committee head convenes a dismissal meeting ([ND59] art. 9(2)), the commune
Chair a commune-wide vote, the election team an election meeting ([ND59] art. 7(1)).
UNCERTAIN: the printed model's exact title line is not in law.md; the titles follow the offices' names."""


def notice_signer_title(convenor_role: str, *, community_head_title: str) -> str:
    """The title printed above the signer of Mẫu 01; an unknown convenor is a ``KeyError`` (a programming error)."""
    if convenor_role == "village_head":
        return community_head_title
    if convenor_role == "interim_village_head":
        return f"{community_head_title} LÂM THỜI"
    return NOTICE_SIGNER_TITLES[convenor_role]


CANDIDATE_LIST_DAYS_BEFORE = 15
"""Mẫu 05 reaches the commune People's Committee ≥ 15 days before the election. [ND59] art. 6(2) (§6 row 33)."""

REQUIRED_FIELDS: Mapping[Decree59Form, tuple[str, ...]] = {
    # [ND59] art. 3(3)–(4): who convenes, when, where (UNCERTAIN: the place is the model's, not the article's),
    # what is decided; D1–D3 add the documents sent to each household.
    Decree59Form.MEETING_NOTICE: ("convenor", "meeting_at", "place", "content", "notice_on"),
    # [ND59] art. 3(5)(c): the counting board (3–5), 2 household witnesses, the count per option, 3 copies.
    Decree59Form.COUNTING_MINUTES: (
        "date",
        "counting_board",
        "witnesses",
        "ballots_issued",
        "ballots_returned",
        "by_option",
    ),
    # [L] art. 20(2)(a)–(g).
    Decree59Form.MEETING_DECISION: (
        "date",
        "households_total",
        "households_present",
        "households_absent",
        "content",
        "form",
        "result",
        "decision",
        "signers",
    ),
    # [ND59] art. 4(6): the ballot team, 2 household witnesses, ballots issued / returned / valid, the count.
    Decree59Form.BALLOT_MINUTES: (
        "date",
        "ballot_team",
        "witnesses",
        "ballots_issued",
        "ballots_returned",
        "by_option",
        "result",
    ),
    # [ND59] art. 6(2): the Front work committee's list (≥ 1 candidate), agreed with the village Party cell.
    Decree59Form.CANDIDATE_LIST_MINUTES: ("date", "election_date", "front_committee", "candidates"),
}


ONLINE_DECISION_FIELDS: tuple[str, ...] = ("started_at", "ended_at", "participated", "participants")
"""What Mẫu 03 of an ONLINE vote adds to [L] art. 20(2) ([ND59] art. 5; law.md §1(b) "online voting"): the
start and end times, the number of households that took part and the list of participants (name and
address only); the agree / disagree counts are in the result, the other opinions are printed when there
are any. The evidence of the result (the decree's screenshots) follows ``ONLINE_RESULT_EVIDENCE_*``."""


class OnlineResultEvidence(StrEnum):
    """How Mẫu 03 of an online vote carries the evidence of the result ([ND59] art. 5; law.md §1(b)).

    law.md (CONFIRMED for the text) has the team's minutes carry "screenshots and the list of participants";
    its software consequence reads "screenshots or snapshots of the results are exported". Whether the
    platform's own record of the result stands in for a screenshot of a social-network group, or the team
    must still attach screenshots, is not settled by law.md: UNCERTAIN, so a setting
    (``settings.VOTING_ONLINE_RESULT_EVIDENCE``), default ``SNAPSHOT``.
    """

    SNAPSHOT = "snapshot"
    """Mẫu 03 prints the platform's record of the result at the close, as a screenshot would show it: the
    moment it was taken, the count per option, who took part, and a fingerprint of the participant list."""
    SNAPSHOT_AND_SCREENSHOTS = "snapshot_and_screenshots"
    """The record above, and the team's screenshots attached to the paper: their number is required and printed."""


ONLINE_RESULT_EVIDENCE_DEFAULT = OnlineResultEvidence.SNAPSHOT


def online_result_evidence(value: str | None) -> OnlineResultEvidence:
    """The configured evidence mode; an unknown value is a ``ValueError`` (a configuration error)."""
    return OnlineResultEvidence(value or ONLINE_RESULT_EVIDENCE_DEFAULT)


def check_online_screenshots(mode: OnlineResultEvidence, screenshots: int) -> RuleResult:
    """With attached screenshots, at least one is attached ([ND59] art. 5; UNCERTAIN mode, see above)."""
    if screenshots < 0 or (mode is OnlineResultEvidence.SNAPSHOT_AND_SCREENSHOTS and screenshots < 1):
        return RuleResult.refuse("decisions.forms.screenshots_missing")
    return RuleResult.ok()


def participants_fingerprint(rows: list[list[str]]) -> str:
    """A short SHA-256 fingerprint of the participant list printed on Mẫu 03, so the paper can be checked
    against the platform's record: the same list (in the printed order) gives the same 16 hex digits."""
    digest = hashlib.sha256("\n".join("\t".join(row) for row in rows).encode("utf-8")).hexdigest()
    return digest[:16].upper()


def online_decision_missing_fields(values: Mapping[str, object]) -> list[str]:
    """The online-vote fields of Mẫu 03 that ``values`` leaves empty (0 participants is a value)."""
    return [name for name in ONLINE_DECISION_FIELDS if _empty(values.get(name))]


def _empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict | set):
        return len(value) == 0
    return False


def form_missing_fields(form: Decree59Form | str, values: Mapping[str, object]) -> list[str]:
    """The required fields of ``form`` that ``values`` leaves empty (0 is a value, not empty)."""
    return [name for name in REQUIRED_FIELDS[Decree59Form(form)] if _empty(values.get(name))]


def check_witnesses(count: int) -> RuleResult:
    """Exactly 2 household witnesses at a count ([ND59] arts 3(5)(c), 4(6)(a))."""
    if count != COUNTING_WITNESSES:
        return RuleResult.refuse("decisions.forms.witnesses", expected=COUNTING_WITNESSES, given=count)
    return RuleResult.ok()


def check_distinct_people(names: Sequence[str], *, code: str) -> RuleResult:
    """Each name is a different person (spaces and letter case aside): a signer or witness the law counts
    twice cannot be one person written twice ([ND59] art. 4(6)(a): 2 household witnesses; [L] art. 20(2)(g):
    4 signers of Mẫu 03). Refused with ``code``."""
    for index, name in enumerate(names):
        if any(same_person_name(name, other) for other in names[index + 1 :]):
            return RuleResult.refuse(code, name=" ".join(name.split()))
    return RuleResult.ok()


def decision_offices_merge(keys: Sequence[str]) -> bool:
    """Whether one person may sign Mẫu 03 once for both official keys: only when both are offices held on the
    register (the village head who is also the Front work-committee head, [L] art. 20(2)(g) asks for the
    signature of each office, and one holder of both gives it once under both titles). The meeting's chair and
    its secretary are two functions of the meeting, filled by two people: never merged."""
    return len(keys) == 2 and all(key in DECISION_OFFICE_HOLDER_ROLES for key in keys)


def check_decision_signers(*, officials: int, households: int) -> RuleResult:
    """Mẫu 03: two officials and exactly 2 household representatives sign ([L] art. 20(2)(g))."""
    if households != DECISION_HOUSEHOLD_SIGNERS or officials < 2:
        return RuleResult.refuse("decisions.forms.signers", expected=DECISION_SIGNERS, given=officials + households)
    return RuleResult.ok()


def ballot_plan_due(plan_issued_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    """The ballot plan reaches the commune Chair and the Front ≤ 2 days after it is issued ([ND59] art. 4(2)).

    Calendar days by the Civil Code (arts 147–148): the issue day is not counted; a last day that is not a
    working day moves to the next working day.
    """
    return calendar_rules.calendar_deadline(plan_issued_on, BALLOT_PLAN_SEND_DAYS, calendar)


def candidate_list_due(election_date: dt.date) -> dt.date:
    """The latest day Mẫu 05 may reach the People's Committee: 15 days before the election ([ND59] art. 6(2)).

    "≥ 15 days before" is counted backwards from a fixed date: it does not roll over holidays.
    """
    return election_date - dt.timedelta(days=CANDIDATE_LIST_DAYS_BEFORE)


def check_ballot_plan_sent(*, sent_on: dt.date, issued_on: dt.date, today: dt.date) -> RuleResult:
    """A plan sent after its 2-day limit is still recorded (and shown late); sending before issue is refused,
    and so is a sending day still to come (``today`` is the server's): a plan not yet sent must stay a due
    item of [ND59] art. 4(2), not be cleared by a promised date."""
    if sent_on < issued_on:
        return RuleResult.refuse("decisions.ballot_plan.before_issue")
    if sent_on > today:
        return RuleResult.refuse("decisions.ballot_plan.in_future")
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# Law art. 22: revoking, amending or replacing a community decision
# ---------------------------------------------------------------------------------------------


class RevocationGround(StrEnum):
    """Why a decision is revoked or amended ([L] art. 22(1))."""

    UNLAWFUL = "unlawful"
    PROCEDURE = "procedure"
    COMMUNITY_WISH = "community_wish"


class RevocationKind(StrEnum):
    REVOKE = "revoke"
    AMEND = "amend"
    REPLACE = "replace"


GROUNDS_DECIDED_BY_COMMITTEE = frozenset({RevocationGround.UNLAWFUL, RevocationGround.PROCEDURE})
"""The commune People's Committee revokes unlawful decisions, and revokes or asks for amendment on a
procedural breach ([L] art. 22(2))."""


def check_revocation(
    *,
    ground: str,
    kind: str,
    original_in_force: bool,
    by_committee: bool,
    replacement: Mapping[str, object] | None,
    original: Mapping[str, object],
) -> RuleResult:
    """Whether a decision may be revoked, amended or replaced ([L] art. 22).

    ``original`` and ``replacement`` carry ``unit``, ``matter``, ``scope``, ``form``, ``threshold``,
    ``passed`` and ``voted_on`` (the local day the vote started). Unlawful or procedural grounds: the
    commune People's Committee acts; revoking needs no new vote. The community's own wish, and any
    amendment or replacement: a new vote on the same matter, in the same community, by the same form and
    threshold as the original, that passed, held on a later day ([L] art. 22(3): re-votes follow arts 18–21).
    """
    if not original_in_force:
        return RuleResult.refuse("decisions.revocation.not_in_force")
    ground_value = RevocationGround(ground)
    kind_value = RevocationKind(kind)
    if ground_value in GROUNDS_DECIDED_BY_COMMITTEE and not by_committee:
        return RuleResult.refuse("decisions.revocation.committee_only")
    if ground_value is RevocationGround.UNLAWFUL and kind_value is not RevocationKind.REVOKE:
        return RuleResult.refuse("decisions.revocation.unlawful_revoked")
    needs_vote = ground_value is RevocationGround.COMMUNITY_WISH or kind_value is not RevocationKind.REVOKE
    if not needs_vote:
        return RuleResult.ok()
    if replacement is None:
        return RuleResult.refuse("decisions.revocation.vote_required")
    for key in ("unit", "matter", "scope", "form", "threshold"):
        if replacement.get(key) != original.get(key):
            return RuleResult.refuse("decisions.revocation.not_same_form", field=key)
    if not replacement.get("passed"):
        return RuleResult.refuse("decisions.revocation.vote_not_passed")
    if not replacement_is_later(original.get("voted_on"), replacement.get("voted_on")):
        original_on = original.get("voted_on")
        shown = original_on.strftime("%d/%m/%Y") if isinstance(original_on, dt.date) else ""
        return RuleResult.refuse("decisions.revocation.replacement_not_later", original_on=shown)
    return RuleResult.ok()


def replacement_is_later(original_on: object, replacement_on: object) -> bool:
    """Whether a vote held on ``replacement_on`` can revoke, amend or replace a decision voted on ``original_on``.

    [L] art. 22(3): the community changes its decision by a new vote, so the new vote comes after the
    decision it changes. A vote held before the original, or on the same day (the same meeting or an
    earlier one), cannot be its replacement: it would let an older decision overturn a newer one. Both
    days must be known; an unknown day is refused.
    """
    if not isinstance(original_on, dt.date) or not isinstance(replacement_on, dt.date):
        return False
    return replacement_on > original_on
