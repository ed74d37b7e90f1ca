"""Pure rules of village conventions (Decree 61/2023/NĐ-CP; law.md §1(f), §6 rows 58–67).

Plain values in, a value or a ``RuleResult`` out; no queries, no settings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from grassroots.calendar import rules as calendar_rules
from grassroots.conventions.models import (
    ConventionStatus,
    MeasureKind,
    ProposalBasis,
    ReportGround,
    SignerRole,
    VersionStatus,
)
from grassroots.core.errors import RuleResult

StrOrPromise = str | Promise

# ---------------------------------------------------------------------------------------------
# Legal numbers
# ---------------------------------------------------------------------------------------------

MIN_COMMENT_DAYS = 30
"""The draft is posted for comment at least 30 (calendar) days from posting. [ND61] art. 9(1) (§6 row 58)."""

PROPOSAL_SUPPORT_PERCENT = 10
"""A citizens' proposal needs the support of ≥ 10 % of households, or the Front work committee's approval.
[ND61] art. 7(3) (§6 row 59)."""

DOSSIER_WORKING_DAYS = 5
"""The village head sends the recognition dossier ≤ 5 working days after adoption. [ND61] art. 11(3)(a) (row 62)."""

RECOGNITION_WORKING_DAYS = 5
"""The commune People's Committee recognises (or refuses in writing) ≤ 5 working days after the complete dossier.
[ND61] art. 11(3)(b) (§6 row 63)."""

SUSPENSION_WORKING_DAYS = 3
"""On a written report or an inspection finding the committee answers or suspends within 3 working days.
[ND61] art. 12(2) (§6 row 64)."""

ABOLITION_WORKING_DAYS = 5
"""Abolition (full or partial) is decided within 5 working days. [ND61] art. 14(3) (§6 row 65)."""

REVIEW_MONTH, REVIEW_DAY = 11, 18
"""The yearly review on 18 November (National Great Unity Day) or another agreed date. [ND61] art. 15(4) (row 66)."""

YEARLY_REPORT_WORKING_DAYS = 0
"""Working days after the yearly review day by which the village head's yearly report on the convention's
implementation reaches the commune People's Committee ([ND61] arts 15(4), 19; law.md §5). UNCERTAIN: law.md found
no deadline for that report, so the default is the review day itself (the review's record is the report); a
province sets another count with the setting ``CONVENTIONS_YEARLY_REPORT_WORKING_DAYS``."""

SIGNERS_MINIMUM = 4
"""Signed by the village head, the Front work-committee head and 2 household representatives. [ND61] art. 4."""

SIGNERS_REQUIRED: Mapping[str, int] = {
    SignerRole.VILLAGE_HEAD: 1,
    SignerRole.FRONT_HEAD: 1,
    SignerRole.HOUSEHOLD: 2,
}
"""Who must sign, and how many of each: the village head, the Front work-committee head and 2 household
representatives; elders and respected people may sign too (encouraged, not required). [ND61] art. 4
(law.md §1(f), CONFIRMED). Together they are ``SIGNERS_MINIMUM``."""

DOSSIER_ITEMS: Mapping[str, StrOrPromise] = {
    "request": _("Văn bản đề nghị công nhận hương ước, quy ước (Mẫu 01)"),
    "minutes": _("Nghị quyết hoặc biên bản cuộc họp, tổng hợp kết quả phát phiếu thông qua (Mẫu 02)"),
    "text": _("Văn bản hương ước, quy ước đã được cộng đồng dân cư thông qua, có đủ chữ ký"),
}
"""The recognition dossier the village head sends to the commune People's Committee: the request (Mẫu 01), the
resolution or minutes of adoption (Mẫu 02) and the adopted text. [ND61] art. 11(1) (law.md §1(f), CONFIRMED)."""

DISSEMINATION_CHANNELS: Mapping[str, StrOrPromise] = {
    "cultural_house": _("Niêm yết tại nhà văn hóa"),
    "meeting": _("Phổ biến tại cuộc họp"),
    "loudspeaker": _("Hệ thống thông tin cơ sở, loa truyền thanh"),
    "household_copies": _("Gửi bản sao đến hộ gia đình"),
    "social_network": _("Mạng xã hội, nhóm của thôn"),
    "legal_education": _("Hoạt động phổ biến, giáo dục pháp luật"),
    "other": _("Hình thức khác"),
}
"""After recognition: posted at the cultural house and spread through at least one other channel ([ND61] art. 15)."""
REQUIRED_CHANNEL = "cultural_house"

# ---------------------------------------------------------------------------------------------
# Proposal ([ND61] art. 7)
# ---------------------------------------------------------------------------------------------


def support_needed(households_total: int) -> int:
    """Households whose support makes a citizens' proposal: ⌈10 % × total⌉, exact integer arithmetic."""
    return -(-households_total * PROPOSAL_SUPPORT_PERCENT // 100)


def check_proposal(*, basis: str, households_total: int, supporting: int, front_agreed: bool) -> RuleResult:
    """Who may start a convention or an amendment ([ND61] art. 7)."""
    if households_total <= 0:
        return RuleResult.refuse("conventions.no_households")
    if basis == ProposalBasis.VILLAGE_HEAD:
        if not front_agreed:
            return RuleResult.refuse("conventions.front_agreement_required")
        return RuleResult.ok()
    if basis == ProposalBasis.CITIZENS:
        needed = support_needed(households_total)
        if supporting < needed:
            return RuleResult.refuse("conventions.support_too_low", needed=needed, supporting=supporting)
        return RuleResult.ok()
    if basis == ProposalBasis.FRONT_APPROVED:
        if not front_agreed:
            return RuleResult.refuse("conventions.front_agreement_required")
        return RuleResult.ok()
    return RuleResult.refuse("conventions.bad_basis")


# ---------------------------------------------------------------------------------------------
# Comment period ([ND61] art. 9)
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Drafting team ([ND61] art. 8)
# ---------------------------------------------------------------------------------------------

DRAFTING_TEAM_PARTS = ("members", "mass_organisations", "respected_people", "front_agreement")
"""Every drafting team: its members named, with representatives of the mass organisations and respected people of
the community, set up by the village head *with* the Front work-committee head (whose agreement is recorded).
[ND61] art. 8 (law.md §1(f), CONFIRMED)."""

ETHNIC_AREA_PARTS = ("elders", "ethnic_language")
"""In an ethnic-minority area the team also includes elders and someone who speaks the ethnic language.
[ND61] art. 8 (law.md §1(f), CONFIRMED)."""


def drafting_team_missing(
    *,
    members: str,
    mass_organisations: bool,
    respected_people: bool,
    elders: bool,
    ethnic_language: bool,
    ethnic_minority_area: bool,
    front_agreed: bool,
) -> list[str]:
    """The parts the drafting team still lacks, in ``DRAFTING_TEAM_PARTS`` then ``ETHNIC_AREA_PARTS`` order."""
    present = {
        "members": bool(members.strip()),
        "mass_organisations": mass_organisations,
        "respected_people": respected_people,
        "front_agreement": front_agreed,
        "elders": elders,
        "ethnic_language": ethnic_language,
    }
    wanted = DRAFTING_TEAM_PARTS + (ETHNIC_AREA_PARTS if ethnic_minority_area else ())
    return [part for part in wanted if not present[part]]


def check_drafting_team(
    *,
    members: str,
    mass_organisations: bool,
    respected_people: bool,
    elders: bool,
    ethnic_language: bool,
    ethnic_minority_area: bool,
    front_agreed: bool,
) -> RuleResult:
    """A draft goes out for comment only from a drafting team of the composition [ND61] art. 8 asks for."""
    missing = drafting_team_missing(
        members=members,
        mass_organisations=mass_organisations,
        respected_people=respected_people,
        elders=elders,
        ethnic_language=ethnic_language,
        ethnic_minority_area=ethnic_minority_area,
        front_agreed=front_agreed,
    )
    if missing:
        return RuleResult.refuse("conventions.drafting_team_incomplete", missing=missing)
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# Signatures ([ND61] art. 4) and the recognition dossier ([ND61] art. 11(1))
# ---------------------------------------------------------------------------------------------


def signatures_missing(signatories: Iterable[tuple[str, str]]) -> list[str]:
    """The roles still short of signers, in ``SIGNERS_REQUIRED`` order; a blank name does not count."""
    counts: dict[str, int] = {}
    for role, name in signatories:
        if name.strip():
            counts[role] = counts.get(role, 0) + 1
    return [role for role, needed in SIGNERS_REQUIRED.items() if counts.get(role, 0) < needed]


def check_signatures(signatories: Iterable[tuple[str, str]]) -> RuleResult:
    """The adopted text carries the signatures block [ND61] art. 4 asks for: at least ``SIGNERS_MINIMUM`` people,
    among them the village head, the Front work-committee head and 2 household representatives."""
    rows = list(signatories)
    if any(role not in SignerRole.values for role, _name in rows):
        return RuleResult.refuse("conventions.bad_signer_role")
    signed = sum(1 for _role, name in rows if name.strip())
    missing = signatures_missing(rows)
    if missing or signed < SIGNERS_MINIMUM:
        return RuleResult.refuse(
            "conventions.signatures_incomplete", missing=missing, signed=signed, minimum=SIGNERS_MINIMUM
        )
    return RuleResult.ok()


def dossier_missing(items: Iterable[str]) -> list[str]:
    """The dossier's documents not yet in it, in ``DOSSIER_ITEMS`` order."""
    present = set(items)
    return [key for key in DOSSIER_ITEMS if key not in present]


def check_dossier(items: Iterable[str]) -> RuleResult:
    """The dossier goes to the commune only complete: request, minutes and adopted text ([ND61] art. 11(1))."""
    chosen = list(items)
    if not set(chosen) <= set(DOSSIER_ITEMS):
        return RuleResult.refuse("conventions.bad_dossier_item")
    missing = dossier_missing(chosen)
    if missing:
        return RuleResult.refuse("conventions.dossier_incomplete", missing=missing)
    return RuleResult.ok()


def earliest_comment_end(posted_on: dt.date) -> dt.date:
    """The first day the comment period may end: 30 calendar days after posting (the posting day not counted)."""
    return posted_on + dt.timedelta(days=MIN_COMMENT_DAYS)


def check_comment_period(*, posted_on: dt.date, closes_on: dt.date) -> RuleResult:
    earliest = earliest_comment_end(posted_on)
    if closes_on < earliest:
        return RuleResult.refuse("conventions.comment_too_short", earliest=earliest, days=MIN_COMMENT_DAYS)
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# The adopted text: one fingerprint, checked at every later step
# ---------------------------------------------------------------------------------------------


def text_fingerprint(title: str, articles: Iterable[tuple[int, str, str]]) -> str:
    """SHA-256 of the title and the articles (position, heading, text) in order: what the households adopted."""
    payload = json.dumps(
        {"title": title, "articles": [list(article) for article in sorted(articles)]},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def check_text_unchanged(*, frozen: str, current: str) -> RuleResult:
    """The text sent for recognition is the text the households adopted (no edit after the vote)."""
    if not frozen or frozen != current:
        return RuleResult.refuse("conventions.text_changed")
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# Adoption through the community-decision code (D3; [L] arts 17, 21; [ND61] art. 10)
# ---------------------------------------------------------------------------------------------

ADOPTION_MATTER = "D3"
"""A hương ước's content is community decision matter D3 ([L] art. 15(3))."""


BALLOT_FORM = "household_ballot"
"""Household ballots adopt a convention only after a meeting failed to gather > 50 % of households
([ND61] art. 10(1)(b)): a ballot campaign is linked only as the one moved from the linked failed meeting."""


def check_vote_link(
    *, matter: str, vote_unit_id: int, community_id: int, vote_status: str, vote_opened: bool, vote_form: str
) -> RuleResult:
    """The vote that adopts the finalised text: a D3 vote of the same community, not yet opened, and not a ballot
    campaign of its own (ballots come only from the linked meeting that failed its attendance)."""
    if matter != ADOPTION_MATTER or vote_unit_id != community_id:
        return RuleResult.refuse("conventions.wrong_vote")
    if vote_form == BALLOT_FORM:
        return RuleResult.refuse("conventions.ballots_need_failed_meeting")
    if vote_opened or vote_status not in {"draft", "scheduled"}:
        return RuleResult.refuse("conventions.vote_already_open")
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# Clocks ([ND61] arts 11, 12, 14), working days from ``calendar``
# ---------------------------------------------------------------------------------------------


def dossier_due(adopted_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    return calendar_rules.add_working_days(adopted_on, DOSSIER_WORKING_DAYS, calendar)


def recognition_due(dossier_sent_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    return calendar_rules.add_working_days(dossier_sent_on, RECOGNITION_WORKING_DAYS, calendar)


MEASURE_WORKING_DAYS: Mapping[str, int] = {
    MeasureKind.UNFOUNDED: SUSPENSION_WORKING_DAYS,
    MeasureKind.SUSPENSION_FULL: SUSPENSION_WORKING_DAYS,
    MeasureKind.SUSPENSION_PARTIAL: SUSPENSION_WORKING_DAYS,
    MeasureKind.ABOLITION_FULL: ABOLITION_WORKING_DAYS,
    MeasureKind.ABOLITION_PARTIAL: ABOLITION_WORKING_DAYS,
}


def measure_due(kind: str, received_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    """The last day to decide on a report or finding: 3 working days (answer or suspend), 5 (abolish)."""
    return calendar_rules.add_working_days(received_on, MEASURE_WORKING_DAYS[kind], calendar)


REPORT_WORKING_DAYS: Mapping[str, int] = {
    ReportGround.REPORT: SUSPENSION_WORKING_DAYS,
    ReportGround.ABOLITION: ABOLITION_WORKING_DAYS,
}
"""A written report or inspection finding is answered or acted on within 3 working days ([ND61] art. 12(2));
a ground for abolition (unlawful content, not fixed by the deadline) within 5 ([ND61] art. 14(3))."""


def report_due(ground: str, received_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    """The last day to decide on a received report: counted in working days from the day after receipt."""
    return calendar_rules.add_working_days(received_on, REPORT_WORKING_DAYS[ground], calendar)


def check_report_measure(*, ground: str, kind: str) -> RuleResult:
    """A report is closed by a decision that its ground allows: a report (3 working days) is answered as unfounded
    or leads to a suspension; a ground for abolition is answered as unfounded or leads to an abolition."""
    allowed: dict[str, set[str]] = {
        ReportGround.REPORT: {MeasureKind.UNFOUNDED, MeasureKind.SUSPENSION_FULL, MeasureKind.SUSPENSION_PARTIAL},
        ReportGround.ABOLITION: {MeasureKind.UNFOUNDED, MeasureKind.ABOLITION_FULL, MeasureKind.ABOLITION_PARTIAL},
    }
    if kind in allowed.get(ground, set()):
        return RuleResult.ok()
    return RuleResult.refuse("conventions.measure_not_for_ground")


def is_late(due_on: dt.date | None, done_on: dt.date | None, today: dt.date) -> bool:
    """Past its legal day: done after it, or not done and the day is over. Shown, never used to refuse."""
    if due_on is None:
        return False
    return (done_on or today) > due_on


def review_date(year: int, month: int = REVIEW_MONTH, day: int = REVIEW_DAY) -> dt.date:
    """The yearly review day; an agreed 29 February falls back to 28 February in other years."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, 28)


def yearly_report_due(review_day: dt.date, working_days: int, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    """The last day of the yearly report: the review day, or ``working_days`` working days after it."""
    if working_days <= 0:
        return review_day
    return calendar_rules.add_working_days(review_day, working_days, calendar)


def yearly_report_overdue(
    *, review_day: dt.date, due_on: dt.date, today: dt.date, first_recognised_on: dt.date | None, reported: bool
) -> bool:
    """Whether the yearly report of the review day's year is overdue: the day after ``due_on`` has come, nothing was
    recorded for that year, and the convention was already recognised by its review day (a convention recognised
    on 1 December owes no report for that November)."""
    if reported or first_recognised_on is None:
        return False
    return today > due_on and first_recognised_on <= review_day


def review_owed(*, review_day: dt.date, first_recognised_on: dt.date | None) -> bool:
    """Whether a yearly review ([ND61] art. 15(4)) is owed on ``review_day``: only by a convention already recognised
    by that day (one first recognised on 1 December owes no review for that November, as for the yearly report)."""
    return first_recognised_on is not None and first_recognised_on <= review_day


def report_year(today: dt.date, due_this_year: dt.date) -> int:
    """The year whose yearly report is the latest one due: this year's once its last day has passed, else last
    year's (in January the previous November's report is still the one owed)."""
    return today.year if today > due_this_year else today.year - 1


def check_review_date(*, month: int, day: int) -> RuleResult:
    """Another agreed yearly review day ([ND61] art. 15(4)): a day that exists every year.

    29 February is refused: it would fall on 28 February three years in four, not the day people agreed."""
    try:
        dt.date(2027, month, day)  # a common year: 29/2 and 31/4 are refused alike
    except ValueError:
        return RuleResult.refuse("conventions.bad_review_date")
    return RuleResult.ok()


def check_dissemination(channels: Iterable[str]) -> RuleResult:
    """Posted at the cultural house and at least one other channel ([ND61] art. 15)."""
    chosen = set(channels)
    if not chosen <= set(DISSEMINATION_CHANNELS):
        return RuleResult.refuse("conventions.bad_channel")
    if REQUIRED_CHANNEL not in chosen or len(chosen) < 2:
        return RuleResult.refuse("conventions.dissemination_required")
    return RuleResult.ok()


def measure_target(kind: str) -> str | None:
    """The convention status a measure leads to; ``None``: the status stays (answer, partial abolition)."""
    targets: dict[str, str] = {
        MeasureKind.SUSPENSION_FULL: ConventionStatus.SUSPENDED,
        MeasureKind.SUSPENSION_PARTIAL: ConventionStatus.SUSPENDED,
        MeasureKind.ABOLITION_FULL: ConventionStatus.ABOLISHED,
    }
    return targets.get(kind)


def check_measure(*, kind: str, status: str, articles: str, fix_by: dt.date | None, today: dt.date) -> RuleResult:
    """A measure on a convention in force (or suspended): partial ones name the articles; a suspension sets a
    deadline to fix ([ND61] arts 12–14)."""
    if status not in {ConventionStatus.IN_FORCE, ConventionStatus.SUSPENDED}:
        return RuleResult.refuse("conventions.not_in_force")
    if kind in {MeasureKind.SUSPENSION_PARTIAL, MeasureKind.ABOLITION_PARTIAL} and not articles.strip():
        return RuleResult.refuse("conventions.articles_required")
    if kind in {MeasureKind.SUSPENSION_FULL, MeasureKind.SUSPENSION_PARTIAL} and (fix_by is None or fix_by <= today):
        return RuleResult.refuse("conventions.fix_by_required")
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# State machines: one literal table each
# ---------------------------------------------------------------------------------------------

CONVENTION_TRANSITIONS: Mapping[str, frozenset[str]] = {
    ConventionStatus.BUILDING: frozenset({ConventionStatus.IN_FORCE}),
    ConventionStatus.IN_FORCE: frozenset(
        {ConventionStatus.IN_FORCE, ConventionStatus.SUSPENDED, ConventionStatus.ABOLISHED}
    ),
    ConventionStatus.SUSPENDED: frozenset({ConventionStatus.IN_FORCE, ConventionStatus.ABOLISHED}),
    ConventionStatus.ABOLISHED: frozenset(),
}
"""IN_FORCE → IN_FORCE: an amendment recognised; SUSPENDED → IN_FORCE: the corrected text recognised
([ND61] art. 12)."""

VERSION_TRANSITIONS: Mapping[str, frozenset[str]] = {
    VersionStatus.DRAFTING: frozenset({VersionStatus.COMMENTING, VersionStatus.WITHDRAWN}),
    VersionStatus.COMMENTING: frozenset({VersionStatus.FINALISED, VersionStatus.WITHDRAWN}),
    VersionStatus.FINALISED: frozenset({VersionStatus.ADOPTED, VersionStatus.NOT_ADOPTED, VersionStatus.WITHDRAWN}),
    VersionStatus.ADOPTED: frozenset({VersionStatus.SUBMITTED}),
    VersionStatus.SUBMITTED: frozenset({VersionStatus.RECOGNISED, VersionStatus.REFUSED}),
    VersionStatus.RECOGNISED: frozenset({VersionStatus.SUPERSEDED}),
    VersionStatus.NOT_ADOPTED: frozenset(),
    VersionStatus.REFUSED: frozenset(),
    VersionStatus.SUPERSEDED: frozenset(),
    VersionStatus.WITHDRAWN: frozenset(),
}

IN_PROGRESS = frozenset(
    {
        VersionStatus.DRAFTING,
        VersionStatus.COMMENTING,
        VersionStatus.FINALISED,
        VersionStatus.ADOPTED,
        VersionStatus.SUBMITTED,
    }
)
"""One text at a time on its way to recognition."""


def check_convention_transition(current: str, target: str) -> RuleResult:
    if target in CONVENTION_TRANSITIONS.get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse("conventions.bad_transition", current=current, target=target)


def check_version_transition(current: str, target: str) -> RuleResult:
    if target in VERSION_TRANSITIONS.get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse("conventions.bad_transition", current=current, target=target)
