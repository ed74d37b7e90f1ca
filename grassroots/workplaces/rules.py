"""Pure rules of democracy in agencies, public service units and enterprises (law.md §2, §3).

Plain values in, a value or a ``RuleResult`` out: no queries, no settings, no request. Shares are
compared in exact integer arithmetic ("at least two thirds" is ``present * 3 >= roll * 2``).
"""

from __future__ import annotations

import calendar as month_lengths
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from grassroots.calendar import rules as calendar_rules
from grassroots.consultations.rules import AGENCY_MATTERS, ENTERPRISE_MATTERS
from grassroots.core.errors import RuleResult
from grassroots.units.models import OrganisationKind
from grassroots.workplaces.models import (
    ConferenceFormat,
    ConferenceStatus,
    DemocracyRegime,
    DialogueKind,
    DialogueStatus,
    StaffBallotGround,
    StaffBallotStatus,
    StaffDecisionMatter,
)

# ---------------------------------------------------------------------------------------------
# The annual staff or employee conference ([L] arts 50–52, 68–70; law.md §2, §3.1; §6 rows 71–78, 86–87)
# ---------------------------------------------------------------------------------------------

CONFERENCE_MONTHS_AFTER_YEAR_END = 3
"""The annual conference is held after the work (or financial) year ends, no later than 3 months into the
next year ([L] art. 51(1) agencies, art. 69(1) SOEs; law.md §6 rows 72, 86)."""

PLENARY_REQUIRED_BELOW = 100
"""Fewer than 100 staff: a plenary of all staff; 100 or more: all staff or delegates ([L] art. 51(2)(a)–(b),
art. 69(2); law.md §6 row 73)."""

CONFERENCE_OPTIONAL_AT_OR_BELOW = 7
"""At 7 staff or fewer the conference is optional ([L] art. 51(2)(đ); law.md §6 row 74)."""

QUORUM_NUMERATOR, QUORUM_DENOMINATOR = 2, 3
"""Quorum: at least two thirds of all staff, or of the delegates summoned, present ([L] arts 51(2)(c),
69(2)(c); law.md §6 rows 75, 87)."""

PASS_NUMERATOR, PASS_DENOMINATOR = 1, 2
"""A resolution passes with more than half of those attending ([L] arts 51(2)(c), 69(2)(c); law.md §6 rows 76,
87). The denominator is the attendance, not the whole staff."""

STAFF_PETITION_NUMERATOR, STAFF_PETITION_DENOMINATOR = 1, 3
"""At least one third of all staff may propose a decision or an extraordinary conference ([L] arts 50(1),
51(1), 68; law.md §6 row 71)."""

FAILED_CONVENINGS_FOR_BALLOTS = 2
"""Staff ballots replace the conference once it was convened twice without quorum, or could not be held
(force majeure) ([L] arts 50(2), 68; law.md §6 row 77)."""

RESOLUTION_REVIEW_MONTHS = 6
"""The head and the union check the resolution every 6 months and notify all staff ([L] arts 52(3), 70(3);
law.md §6 row 78)."""


def year_end(work_year: int, end_month: int) -> dt.date:
    """The last day of the work year ``work_year`` that ends with month ``end_month`` (12 → 31/12)."""
    return dt.date(work_year, end_month, month_lengths.monthrange(work_year, end_month)[1])


OVERDUE_CONFERENCE_LOOKBACK_YEARS = 3
"""How many earlier work years an annual conference that was never held stays on the calendar as late. The law sets
no limit ([L] arts 51(1), 69(1) only fix the 3-month deadline); 3 years is the platform's choice so a forgotten
conference stays visible across a year boundary without listing an organisation's whole history."""


def annual_conference_due_on(work_year: int, end_month: int = 12) -> dt.date:
    """The last day to hold the annual conference for ``work_year``: the end of the third month after the year.

    31/12/2026 → 31/3/2027; a school year ending 31/5 → 31/8 (whole months, not a clamped day).
    """
    index = end_month - 1 + CONFERENCE_MONTHS_AFTER_YEAR_END
    year, month = work_year + index // 12, index % 12 + 1
    return dt.date(year, month, month_lengths.monthrange(year, month)[1])


def latest_ended_work_year(today: dt.date, end_month: int = 12) -> int:
    """The last work year that has ended by ``today`` (a work year ``Y`` ends with month ``end_month`` of ``Y``):
    the year whose annual conference is held next ([L] arts 51(1), 69(1)); the default of the conference and
    ballot forms."""
    return today.year if today.month > end_month else today.year - 1


def conference_work_year_due_in(year: int, end_month: int = 12) -> int:
    """The work year whose annual conference falls due in calendar year ``year`` ([L] arts 51(1), 69(1)).

    A year ending in June, July, August or September is due the same calendar year (30/6/2027 → 30/9/2027);
    one ending in October, November or December is due early the next (30/11/2026 → 28/2/2027, so the
    calendar of 2027 shows the work year 2026).
    """
    for work_year in (year - 1, year):
        if annual_conference_due_on(work_year, end_month).year == year:
            return work_year
    raise ValueError(end_month)


def annual_conference_window(work_year: int, end_month: int = 12) -> tuple[dt.date, dt.date]:
    """The first and last day an annual conference for ``work_year`` may be held (after the year ends)."""
    return year_end(work_year, end_month) + dt.timedelta(days=1), annual_conference_due_on(work_year, end_month)


def conference_is_required(headcount: int) -> bool:
    """Whether the annual conference is compulsory: more than 7 staff ([L] art. 51(2)(đ))."""
    return headcount > CONFERENCE_OPTIONAL_AT_OR_BELOW


def allowed_formats(headcount: int) -> tuple[str, ...]:
    """Plenary only below 100 staff; plenary or delegates from 100 ([L] art. 51(2)(a)–(b))."""
    if headcount < PLENARY_REQUIRED_BELOW:
        return (ConferenceFormat.PLENARY.value,)
    return (ConferenceFormat.PLENARY.value, ConferenceFormat.DELEGATES.value)


def check_format(*, conference_format: str, headcount: int) -> RuleResult:
    if conference_format not in allowed_formats(headcount):
        return RuleResult.refuse("workplaces.conference.plenary_required", below=PLENARY_REQUIRED_BELOW)
    return RuleResult.ok()


def has_quorum(*, roll_size: int, present: int) -> bool:
    """At least two thirds of the roll present; an empty roll never has a quorum."""
    return roll_size > 0 and present * QUORUM_DENOMINATOR >= roll_size * QUORUM_NUMERATOR


def quorum_needed(roll_size: int) -> int:
    """The smallest attendance that makes the quorum (⌈2/3 × roll⌉)."""
    return -(-roll_size * QUORUM_NUMERATOR // QUORUM_DENOMINATOR)


def passes(*, present: int, votes_for: int) -> bool:
    """More than half of those present voted for ([L] art. 51(2)(c)); exactly half is not enough."""
    return present > 0 and votes_for * PASS_DENOMINATOR > present * PASS_NUMERATOR


def votes_needed(present: int) -> int:
    """The smallest number of votes for that passes (present // 2 + 1)."""
    return present * PASS_NUMERATOR // PASS_DENOMINATOR + 1


@dataclass(frozen=True)
class ConferenceOutcome:
    quorum: bool
    passed: bool
    quorum_needed: int
    votes_needed: int


def conference_outcome(*, headcount: int, present: int, votes_for: int) -> ConferenceOutcome:
    """The one outcome rule, used by services, pages, minutes and ``manage.py conference_outcome``."""
    quorum = has_quorum(roll_size=headcount, present=present)
    return ConferenceOutcome(
        quorum=quorum,
        passed=quorum and passes(present=present, votes_for=votes_for),
        quorum_needed=quorum_needed(headcount),
        votes_needed=votes_needed(present),
    )


def check_votes(*, present: int, votes_for: int, votes_against: int, votes_abstain: int) -> RuleResult:
    """The counts of a show of hands cannot add up to more people than were present."""
    if min(votes_for, votes_against, votes_abstain) < 0:
        return RuleResult.refuse("workplaces.votes.negative")
    if votes_for + votes_against + votes_abstain > present:
        return RuleResult.refuse("workplaces.votes.above_present", present=present)
    return RuleResult.ok()


def staff_petition_is_enough(*, supporters: int, headcount: int) -> bool:
    """At least one third of all staff signed ([L] arts 50(1), 51(1)); exactly one third is enough."""
    return headcount > 0 and supporters * STAFF_PETITION_DENOMINATOR >= headcount * STAFF_PETITION_NUMERATOR


def ballots_allowed(*, failed_convenings: int, force_majeure: bool = False) -> bool:
    """Staff ballots instead of the conference: after 2 convenings without quorum, or force majeure ([L] art. 50(2))."""
    return force_majeure or failed_convenings >= FAILED_CONVENINGS_FOR_BALLOTS


def review_due_on(last_checked_on: dt.date) -> dt.date:
    """When the next six-monthly check of the resolution is due ([L] arts 52(3), 70(3))."""
    return calendar_rules.add_months(last_checked_on, RESOLUTION_REVIEW_MONTHS)


CONFERENCE_TRANSITIONS: Mapping[str, frozenset[str]] = {
    ConferenceStatus.PREPARING: frozenset({ConferenceStatus.OPEN, ConferenceStatus.CANCELLED}),
    ConferenceStatus.OPEN: frozenset({ConferenceStatus.HELD, ConferenceStatus.NO_QUORUM}),
    ConferenceStatus.HELD: frozenset({ConferenceStatus.ISSUED}),
    ConferenceStatus.NO_QUORUM: frozenset(),
    ConferenceStatus.ISSUED: frozenset(),
    ConferenceStatus.CANCELLED: frozenset(),
}
"""The conference's life: prepared, opened (attendance), held or without quorum, resolution issued."""


def check_conference_transition(current: str, target: str) -> RuleResult:
    if target in CONFERENCE_TRANSITIONS.get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse("workplaces.conference.transition", current=current, target=target)


@dataclass(frozen=True)
class Step:
    code: str
    label: Promise
    citation: str
    required_to_open: bool = False


PREPARATION_STEPS: tuple[Step, ...] = (
    Step(
        "agree_with_union",
        _("Người đứng đầu thống nhất với công đoàn về thời gian, nội dung, hình thức"),
        "Khoản 1, điểm b khoản 2 Điều 51",
        True,
    ),
    Step(
        "review_previous_resolution",
        _("Kiểm điểm việc thực hiện nghị quyết hội nghị năm trước"),
        "Điểm a khoản 3 Điều 51",
    ),
    Step(
        "head_report",
        _("Chuẩn bị báo cáo kiểm điểm, trách nhiệm giải trình của người đứng đầu"),
        "Điểm b khoản 3 Điều 51",
    ),
    Step("union_report", _("Chuẩn bị báo cáo của công đoàn, báo cáo của Ban Thanh tra nhân dân"), "Khoản 4 Điều 51"),
    Step("staff_discussion", _("Tổ chức thảo luận, lấy ý kiến ở các bộ phận trước hội nghị"), "Điểm e khoản 3 Điều 51"),
    Step("notice_sent", _("Gửi giấy triệu tập, tài liệu đến toàn thể cán bộ hoặc đại biểu"), "Khoản 2 Điều 51", True),
)
"""Preparation before the conference ([L] art. 51; law.md §2). Steps marked ``required_to_open`` must be
recorded before the conference opens: the date is fixed with the union, and everyone is summoned."""

AGENDA: tuple[Promise, ...] = (
    _("Người đứng đầu báo cáo kết quả thực hiện nhiệm vụ, nghị quyết năm trước và phương hướng năm sau"),
    _("Công đoàn báo cáo kết quả phong trào thi đua, việc thực hiện quy chế dân chủ"),
    _("Hội nghị thảo luận"),
    _("Người đứng đầu và Chủ tịch công đoàn tiếp thu, giải trình ý kiến"),
    _("Ban Thanh tra nhân dân báo cáo hoạt động và chương trình năm sau"),
    _("Biểu quyết các nội dung thuộc thẩm quyền quyết định của cán bộ, người lao động"),
    _("Khen thưởng"),
    _("Người đứng đầu và Chủ tịch công đoàn ký giao ước thi đua"),
    _("Thông qua nghị quyết hội nghị"),
)
"""The order of business of the conference, in the law's order ([L] art. 51(4); law.md §2)."""

STEP_CODES = frozenset(step.code for step in PREPARATION_STEPS)


def missing_steps_to_open(done: frozenset[str] | set[str]) -> list[str]:
    return [step.code for step in PREPARATION_STEPS if step.required_to_open and step.code not in done]


def check_open(
    *, steps_done: frozenset[str] | set[str], scheduled_on: dt.date, today: dt.date, roll_size: int
) -> RuleResult:
    """A conference opens on its day, after the required steps, with someone to summon."""
    missing = missing_steps_to_open(steps_done)
    if missing:
        return RuleResult.refuse("workplaces.conference.steps_missing", missing=missing)
    if today != scheduled_on:
        return RuleResult.refuse("workplaces.conference.not_today", scheduled_on=scheduled_on)
    if roll_size <= 0:
        return RuleResult.refuse("workplaces.conference.empty_roll")
    return RuleResult.ok()


def check_annual_date(*, scheduled_on: dt.date, work_year: int, end_month: int) -> RuleResult:
    """An annual conference is held after its work year ended (the 3-month limit is a deadline, shown, not a bar)."""
    first, _last = annual_conference_window(work_year, end_month)
    if scheduled_on < first:
        return RuleResult.refuse("workplaces.conference.before_year_end", first=first)
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# Staff consultation ([L] arts 53–55, 71–72, 74): the matter lists are the consultations app's data
# ---------------------------------------------------------------------------------------------

STAFF_CONSULTATION_DEFAULT_DAYS = 10
"""No minimum period is fixed for agencies or SOEs (law.md §2 "configurable default"): the form proposes
10 days; the setting ``GRASSROOTS_STAFF_CONSULTATION_DAYS`` changes the proposal."""

AGENCY_EXPLANATION_CATEGORY = "A10"
"""The summary of staff opinions and the explanation given is agency disclosure item A10 ([L] art. 46(10))."""

SOE_EXPLANATION_CATEGORY = "S8"
"""An SOE publicises its explanation ([L] art. 74) as other information of point (h) of art. 64(1)."""


AGENCY_RESOLUTION_CATEGORY = "A12"
"""The conference resolution is made known to all staff inside the unit ([L] arts 51(2)(c), 52(3)): agency item
A12, "other items required by law or by the unit's regulation" ([L] art. 46(12))."""

SOE_RESOLUTION_CATEGORY = "S8"
"""An SOE discloses the employee-conference resolution as other information of art. 64(1)(h) ([L] art. 70)."""


EMPLOYER_OTHER_CATEGORY = "E7"
"""A non-state employer under the Labour Code only publishes resolutions, dialogue outcomes and explanations as
"other information" of its own list (Decree 145/2020 art. 43(1)(g); law.md §3.2)."""


def follows_soe_rules(organisation_kind: str, democracy_regime: str = "") -> bool:
    """An SOE, or a non-state employer that opted in to the SOE rules ([L] art. 82)."""
    if organisation_kind == OrganisationKind.STATE_OWNED_ENTERPRISE:
        return True
    return organisation_kind == OrganisationKind.OTHER_EMPLOYER and democracy_regime == DemocracyRegime.SOE_RULES_OPT_IN


def democracy_regime_for_kind(organisation_kind: str, wanted: str) -> str:
    """The regime a profile may hold: only a non-state employer chooses ([L] art. 82), between the Labour Code
    alone (its default) and the SOE rules; every other organisation follows the Law's own chapter."""
    if organisation_kind != OrganisationKind.OTHER_EMPLOYER:
        return DemocracyRegime.LAW_CHAPTER.value
    if wanted == DemocracyRegime.SOE_RULES_OPT_IN:
        return DemocracyRegime.SOE_RULES_OPT_IN.value
    return DemocracyRegime.LABOUR_CODE_ONLY.value


def may_opt_in_to_soe_rules(organisation_kind: str, democracy_regime: str) -> bool:
    """Only a non-state employer chooses the SOE rules ([L] art. 82; law.md §3.2), and only once: the choice is
    published to its workers and there is no way back on the platform."""
    return organisation_kind == OrganisationKind.OTHER_EMPLOYER and democracy_regime != DemocracyRegime.SOE_RULES_OPT_IN


def resolution_category(organisation_kind: str, democracy_regime: str = "") -> str:
    if follows_soe_rules(organisation_kind, democracy_regime):
        return SOE_RESOLUTION_CATEGORY
    if organisation_kind == OrganisationKind.OTHER_EMPLOYER:
        return EMPLOYER_OTHER_CATEGORY
    return AGENCY_RESOLUTION_CATEGORY


def uses_enterprise_rules(organisation_kind: str) -> bool:
    return organisation_kind in (OrganisationKind.STATE_OWNED_ENTERPRISE, OrganisationKind.OTHER_EMPLOYER)


def conference_article(organisation_kind: str) -> str:
    """The article printed for the conference's quorum and vote: [L] art. 51 (staff conference of an agency or
    public service unit), art. 69 (employee conference of an enterprise). law.md §2, §3.1."""
    return "Điều 69" if uses_enterprise_rules(organisation_kind) else "Điều 51"


def ballot_article(organisation_kind: str) -> str:
    """The article printed as the ground of staff ballots: [L] art. 50(2) (agencies, public service units),
    art. 68 (enterprises; law.md §3.1 "Arts 67–68")."""
    return "Điều 68" if uses_enterprise_rules(organisation_kind) else "khoản 2 Điều 50"


def consultation_matters(organisation_kind: str) -> Mapping[str, str]:
    """CQ1–CQ11 for agencies and public service units ([L] art. 53), DN1–DN6 for enterprises ([L] art. 71)."""
    return ENTERPRISE_MATTERS if uses_enterprise_rules(organisation_kind) else AGENCY_MATTERS


def dialogue_category(organisation_kind: str, democracy_regime: str = "") -> str:
    """Where the outcome of a workplace dialogue is published inside the organisation (Decree 145 arts 39(4),
    40(3): the main content at the workplace within 3 working days): the SOE's "other information" S8
    ([L] art. 64(1)(h)); an employer outside the SOE list uses the same "other items" category as its resolutions."""
    return resolution_category(organisation_kind, democracy_regime)


def explanation_category(organisation_kind: str, democracy_regime: str = "") -> str:
    if follows_soe_rules(organisation_kind, democracy_regime):
        return SOE_EXPLANATION_CATEGORY
    if organisation_kind == OrganisationKind.OTHER_EMPLOYER:
        return EMPLOYER_OTHER_CATEGORY
    return AGENCY_EXPLANATION_CATEGORY


# ---------------------------------------------------------------------------------------------
# The head's stand-in: a deputy acts only under a written authorisation covering the day
# ---------------------------------------------------------------------------------------------


def authorisation_covers(*, valid_from: dt.date, valid_until: dt.date, on: dt.date) -> bool:
    """Whether an authorisation runs on ``on``: from its first day to the end of its last day (both counted)."""
    return valid_from <= on <= valid_until


def check_stand_in(*, is_head: bool, authorised: bool) -> RuleResult:
    """The head acts in person; anyone else only with the head's written authorisation for that day ([L] arts
    51(2), 69(2): the head chairs the conference; Decree 145/2020 art. 39(4): "hoặc người được ủy quyền")."""
    if is_head or authorised:
        return RuleResult.ok()
    return RuleResult.refuse("workplaces.stand_in.not_authorised")


# ---------------------------------------------------------------------------------------------
# People's Inspection Board members who no longer qualify ([L] arts 60(2), 77(2))
# ---------------------------------------------------------------------------------------------

HEAD_POST = "head"
"""The head as a post of ``oversight.models.Post`` (a staff member's ``is_head``)."""


def posts_held(*, is_head: bool, post: str) -> list[str]:
    """The posts a staff member holds, as the board's eligibility rule names them."""
    held = [post] if post and post != "none" else []
    return [HEAD_POST, *held] if is_head else held


def barred_posts(*, board_kind: str, is_head: bool, post: str) -> list[str]:
    """The posts that bar this member from a board of ``board_kind``: the head, a deputy head or the chief
    accountant of an agency; also the legal representative or a manager of an enterprise (empty: still eligible)."""
    from grassroots.oversight.rules import INELIGIBLE_POSTS

    return sorted(set(posts_held(is_head=is_head, post=post)) & INELIGIBLE_POSTS.get(board_kind, frozenset()))


# ---------------------------------------------------------------------------------------------
# Workplace dialogue (Labour Code art. 63; Decree 145/2020 arts 38–41; [L] art. 73; law.md §3.2)
# ---------------------------------------------------------------------------------------------

PERIODIC_DIALOGUES_PER_YEAR = 1
"""At least one periodic dialogue a year (Labour Code art. 63(2)(a); [L] art. 73; law.md §6 row 88)."""

EMPLOYER_MIN_REPRESENTATIVES = 3
"""The employer side has at least 3 people, the legal representative among them (Decree 145 art. 38(1))."""

WORKER_REPRESENTATIVE_BANDS: tuple[tuple[int, int, int | None], ...] = (
    (0, 3, None),
    (50, 4, 8),
    (150, 9, 13),
    (300, 14, 18),
    (500, 19, 23),
    (1000, 24, None),
)
"""(from headcount, minimum, maximum) of the worker side (Decree 145 art. 38(2); law.md §6 row 90):
< 50 → ≥ 3; 50–149 → 4–8; 150–299 → 9–13; 300–499 → 14–18; 500–999 → 19–23; ≥ 1,000 → ≥ 24."""

CONTENT_NOTICE_WORKING_DAYS = 5
"""The content goes to the other side at least 5 working days before (Decree 145 art. 39(3); row 92)."""

DIALOGUE_QUORUM_NUMERATOR, DIALOGUE_QUORUM_DENOMINATOR = 7, 10
"""Valid only when more than 70 % of the worker-side members attend (Decree 145 art. 39(4); row 93)."""

PUBLISH_WORKING_DAYS = 3
"""The main content is published at the workplace within 3 working days (Decree 145 arts 39(5), 40(4); row 94)."""

REQUEST_NUMERATOR, REQUEST_DENOMINATOR = 3, 10
"""A worker-side request needs at least 30 % of the worker-side members (Decree 145 art. 40(1)(b); row 95)."""

REQUEST_REPLY_WORKING_DAYS = 5
"""The other side answers a request within 5 working days (Decree 145 art. 40(2); row 96)."""


def required_worker_representatives(headcount: int) -> tuple[int, int | None]:
    """(minimum, maximum or None) worker-side members for a workforce of ``headcount``."""
    chosen = WORKER_REPRESENTATIVE_BANDS[0]
    for band in WORKER_REPRESENTATIVE_BANDS:
        if headcount >= band[0]:
            chosen = band
    return chosen[1], chosen[2]


def check_dialogue_sides(*, headcount: int, employer: int, workers: int) -> RuleResult:
    if employer < EMPLOYER_MIN_REPRESENTATIVES:
        return RuleResult.refuse("workplaces.dialogue.employer_side_small", minimum=EMPLOYER_MIN_REPRESENTATIVES)
    minimum, maximum = required_worker_representatives(headcount)
    if workers < minimum or (maximum is not None and workers > maximum):
        return RuleResult.refuse("workplaces.dialogue.worker_side_size", minimum=minimum, maximum=maximum)
    return RuleResult.ok()


def dialogue_is_valid(*, legal_representative_present: bool, workers_present: int, worker_representatives: int) -> bool:
    """The legal representative (or an authorised person) present and more than 70 % of the worker side."""
    return (
        legal_representative_present
        and worker_representatives > 0
        and workers_present * DIALOGUE_QUORUM_DENOMINATOR > worker_representatives * DIALOGUE_QUORUM_NUMERATOR
    )


def dialogue_request_is_supported(*, supporters: int, worker_representatives: int) -> bool:
    """At least 30 % of the worker side asked; exactly 30 % is enough."""
    return worker_representatives > 0 and supporters * REQUEST_DENOMINATOR >= worker_representatives * REQUEST_NUMERATOR


def content_sent_in_time(
    *, content_sent_on: dt.date, scheduled_on: dt.date, calendar: calendar_rules.WorkingCalendar
) -> bool:
    """The content reached the other side at least 5 working days before the dialogue."""
    return calendar_rules.add_working_days(content_sent_on, CONTENT_NOTICE_WORKING_DAYS, calendar) <= scheduled_on


def content_notice_required(kind: str) -> bool:
    """A periodic dialogue and a dialogue on a matter the law names have their content sent to the other side
    beforehand (Decree 145 art. 39(3)); a dialogue on request starts from the request itself (art. 40)."""
    return kind in (DialogueKind.PERIODIC, DialogueKind.MATTER)


def request_reply_due_on(requested_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    """The written reply fixing the time and place of a requested dialogue is due within 5 working days
    (Decree 145 art. 40(2))."""
    return calendar_rules.add_working_days(requested_on, REQUEST_REPLY_WORKING_DAYS, calendar)


def publication_due_on(held_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    return calendar_rules.add_working_days(held_on, PUBLISH_WORKING_DAYS, calendar)


def publication_is_late(*, held_on: dt.date, published_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> bool:
    """The outcome was published after the 3 working days the decree allows (Decree 145 art. 39(5)); the last
    allowed day itself is in time."""
    return published_on > publication_due_on(held_on, calendar)


def periodic_dialogue_due_on(year: int) -> dt.date:
    """The periodic dialogue of ``year`` is due by its last day."""
    return dt.date(year, 12, 31)


DIALOGUE_TRANSITIONS: Mapping[str, frozenset[str]] = {
    DialogueStatus.PLANNED: frozenset({DialogueStatus.HELD, DialogueStatus.INVALID, DialogueStatus.CANCELLED}),
    DialogueStatus.HELD: frozenset({DialogueStatus.PUBLISHED}),
    DialogueStatus.INVALID: frozenset(),
    DialogueStatus.PUBLISHED: frozenset(),
    DialogueStatus.CANCELLED: frozenset(),
}


def check_dialogue_transition(current: str, target: str) -> RuleResult:
    if target in DIALOGUE_TRANSITIONS.get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse("workplaces.dialogue.transition", current=current, target=target)


def holds_dialogue(*, organisation_kind: str) -> bool:
    """Employers hold workplace dialogue (Labour Code art. 63); agencies' staff are not under it."""
    return uses_enterprise_rules(organisation_kind)


DIALOGUE_LIST_TERM_MONTHS = 24
"""The member lists of both sides are fixed at least every 2 years and published at the workplace
(Decree 145 art. 38(3); law.md §6 row 91)."""

LEGAL_REPRESENTATIVES_ON_EMPLOYER_SIDE = 1
"""The employer side includes the legal representative (Decree 145 art. 38(1)): exactly one marked in a list."""


def member_list_valid_until(fixed_on: dt.date) -> dt.date:
    """The last day a list fixed on ``fixed_on`` is in force: its second anniversary (20/1/2027 → 20/1/2029).

    Counted from the next day so that a list fixed on 29/2 runs to 28/2, not 27/2, two years on."""
    following = fixed_on + dt.timedelta(days=1)
    return calendar_rules.add_months(following, DIALOGUE_LIST_TERM_MONTHS) - dt.timedelta(days=1)


def check_member_list(*, headcount: int, employer: int, workers: int, legal_representatives: int) -> RuleResult:
    """Both sides sized as the law says, with the legal representative on the employer side (art. 38(1)–(2))."""
    if legal_representatives != LEGAL_REPRESENTATIVES_ON_EMPLOYER_SIDE:
        return RuleResult.refuse("workplaces.dialogue.legal_representative")
    return check_dialogue_sides(headcount=headcount, employer=employer, workers=workers)


# ---------------------------------------------------------------------------------------------
# Staff ballots instead of the conference ([L] arts 50(2), 68; law.md §2 "how staff decide", §3.1)
# ---------------------------------------------------------------------------------------------

BALLOT_PASS_BASE_ROLL = "roll"  # noqa: S105 (a word, not a secret)
BALLOT_PASS_BASE_RETURNED = "returned"  # noqa: S105
BALLOT_PASS_BASES = (BALLOT_PASS_BASE_ROLL, BALLOT_PASS_BASE_RETURNED)
"""UNCERTAIN: law.md §2 says when ballots replace the conference but not the share that carries a ballot.
The default (setting ``GRASSROOTS_STAFF_BALLOT_PASS_BASE = "roll"``) asks more than half of all the staff
the ballot went to, the stricter reading (a ballot is sent to *all* staff, [L] art. 50(2)); ``"returned"``
counts more than half of the ballots returned, as the conference counts those present ([L] art. 51(2)(c))."""

SECRET_BALLOT_MATTERS = frozenset({StaffDecisionMatter.INSPECTION_BOARD.value})
"""Electing or dismissing members of the People's Inspection Board is by secret ballot (like every election
of persons under [ND59] art. 7; [L] arts 49(1), 60(1)). Other matters: the organiser chooses."""


def secret_required(matter: str) -> bool:
    return matter in SECRET_BALLOT_MATTERS


def check_ballot_ground(*, ground: str, failed_convenings: int, force_majeure_reason: str) -> RuleResult:
    """Ballots only after the second convening without quorum, or when force majeure prevented the conference."""
    if ground == StaffBallotGround.TWO_FAILED_CONVENINGS:
        if not ballots_allowed(failed_convenings=failed_convenings):
            return RuleResult.refuse("workplaces.ballot.no_ground", failed=failed_convenings)
        return RuleResult.ok()
    if ground == StaffBallotGround.FORCE_MAJEURE and force_majeure_reason.strip():
        return RuleResult.ok()
    return RuleResult.refuse("workplaces.ballot.reason_required")


def ballot_passes(*, votes_for: int, roll_size: int, returned: int, base: str = BALLOT_PASS_BASE_ROLL) -> bool:
    """More than half of the base (all staff on the roll, or the ballots returned) agreed; exactly half fails."""
    denominator = returned if base == BALLOT_PASS_BASE_RETURNED else roll_size
    return denominator > 0 and votes_for * PASS_DENOMINATOR > denominator * PASS_NUMERATOR


def check_ballot_count(
    *, returned: int, votes_for: int, votes_against: int, votes_abstain: int, invalid: int
) -> RuleResult:
    """The counted ballots are exactly the ballots returned, none negative."""
    if min(votes_for, votes_against, votes_abstain, invalid) < 0:
        return RuleResult.refuse("workplaces.votes.negative")
    if votes_for + votes_against + votes_abstain + invalid != returned:
        return RuleResult.refuse("workplaces.ballot.count_mismatch", returned=returned)
    return RuleResult.ok()


BALLOT_TRANSITIONS: Mapping[str, frozenset[str]] = {
    StaffBallotStatus.DRAFT: frozenset({StaffBallotStatus.OPEN, StaffBallotStatus.CANCELLED}),
    StaffBallotStatus.OPEN: frozenset({StaffBallotStatus.COUNTED}),
    StaffBallotStatus.COUNTED: frozenset(),
    StaffBallotStatus.CANCELLED: frozenset(),
}
"""A staff ballot: prepared, sent out (roll frozen, returns recorded), counted and published."""


def check_ballot_transition(current: str, target: str) -> RuleResult:
    if target in BALLOT_TRANSITIONS.get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse("workplaces.ballot.transition", current=current, target=target)
