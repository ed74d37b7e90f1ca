"""Pure rules of consultations ([L] arts 25–29, 53, 71; law.md §1(d), §2, §3.1, §6 row 53).

Plain values in, a value or a ``RuleResult`` out; no queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from grassroots.consultations.models import ConsultationMatter, ConsultationStatus, OpinionStance
from grassroots.core.errors import RuleResult

Label = Any
"""A lazily translated label (``gettext_lazy``), typed loosely so ``Mapping[str, str]`` readers keep working."""

# ---------------------------------------------------------------------------------------------
# Legal numbers
# ---------------------------------------------------------------------------------------------

MIN_CONSULTATION_DAYS_COMMUNE = 20
"""A commune consultation runs at least 20 (calendar) days from the day the content is published.
[L] art. 28(2) (law.md §1(d), §6 row 53), unless a sector law sets another period."""

REPORT_DISCLOSURE_CATEGORY = "K11"
"""The summary and explanation of a consultation is disclosure item K11 ([L] art. 11(11), art. 28(3))."""

UNSIGNED_OPINIONS_PER_HOUR = 5
"""Unsigned online opinions one address may send to one consultation in an hour (not a legal number: a guard
against flooding; the settings value ``CONSULTATION_UNSIGNED_PER_HOUR`` overrides it)."""


def unsigned_allowed(*, sent_this_hour: int, limit: int = UNSIGNED_OPINIONS_PER_HOUR) -> bool:
    """Whether one more unsigned opinion may be taken from the same address this hour."""
    return sent_this_hour < limit


CLOSING_SOON_DAYS = 3
"""The dashboard warns staff this many days before a consultation stops taking opinions (not a legal number)."""

# ---------------------------------------------------------------------------------------------
# Matters as data
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Matter:
    code: str
    citation: str


COMMUNE_MATTERS: Mapping[str, Matter] = {
    ConsultationMatter.C1: Matter("C1", "Điểm a khoản 1 Điều 25 Luật số 10/2022/QH15"),
    ConsultationMatter.C2: Matter("C2", "Điểm b khoản 1 Điều 25 Luật số 10/2022/QH15"),
    ConsultationMatter.C3: Matter("C3", "Điểm c khoản 1 Điều 25 Luật số 10/2022/QH15"),
    ConsultationMatter.C4: Matter("C4", "Điểm d khoản 1 Điều 25 Luật số 10/2022/QH15"),
    ConsultationMatter.C5: Matter("C5", "Điểm đ khoản 1 Điều 25 Luật số 10/2022/QH15"),
    ConsultationMatter.C6: Matter("C6", "Điểm e khoản 1 Điều 25 Luật số 10/2022/QH15"),
    ConsultationMatter.C7: Matter("C7", "Điểm g khoản 1 Điều 25 Luật số 10/2022/QH15"),
    ConsultationMatter.C8: Matter("C8", "Điểm h khoản 1 Điều 25, Điều 27 Luật số 10/2022/QH15"),
    ConsultationMatter.C9: Matter("C9", "Điểm i khoản 1 Điều 25 Luật số 10/2022/QH15"),
}
"""The nine matters a commune must put to its people ([L] art. 25; law.md §1(d))."""

AGENCY_MATTERS: Mapping[str, Label] = {
    "CQ1": _("Giải pháp thực hiện chủ trương, chính sách, pháp luật"),
    "CQ2": _("Kế hoạch công tác hằng năm"),
    "CQ3": _("Phong trào thi đua"),
    "CQ4": _("Báo cáo sơ kết, tổng kết"),
    "CQ5": _("Cải tiến tổ chức, lề lối làm việc; phòng, chống tham nhũng"),
    "CQ6": _("Tuyển dụng, đào tạo, bầu cử, bổ nhiệm"),
    "CQ7": _("Chế độ, chính sách đối với cán bộ, công chức, viên chức, người lao động"),
    "CQ8": _("Dự thảo quy chế thực hiện dân chủ"),
    "CQ9": _("Dự thảo quy chế chi tiêu nội bộ"),
    "CQ10": _("Dự thảo nội quy, quy chế khác"),
    "CQ11": _("Nội dung khác"),
}
"""Matters a state agency or public service unit puts to its staff ([L] art. 53; law.md §2). No minimum period
is fixed for agencies (law.md §2: a configurable default). The consultation itself is a ``Consultation`` of this app
owned by the organisation (``Consultation.organisation``): the workplaces app opens staff consultations on it."""

ENTERPRISE_MATTERS: Mapping[str, Label] = {
    "DN1": _("Nội quy, quy chế của doanh nghiệp"),
    "DN2": _("Thang lương, bảng lương, định mức lao động"),
    "DN3": _("Điều kiện làm việc, môi trường, phòng cháy, phòng, chống tham nhũng"),
    "DN4": _("Dự thảo quy trình giải quyết tranh chấp, xử lý kỷ luật, trách nhiệm vật chất"),
    "DN5": _("Dự thảo quy chế thực hiện dân chủ"),
    "DN6": _("Nội dung khác"),
}
"""Matters a state-owned enterprise puts to its workers ([L] art. 71; law.md §3.1)."""

# ---------------------------------------------------------------------------------------------
# The period ([L] art. 28(2))
# ---------------------------------------------------------------------------------------------


def earliest_closing_date(published_on: dt.date, minimum_days: int = MIN_CONSULTATION_DAYS_COMMUNE) -> dt.date:
    """The first day a consultation published on ``published_on`` may stop taking opinions.

    Calendar days (rest days and Tết count): the publication day is not counted (Civil Code art. 147(1)),
    so day 20 is ``published_on + 20`` and the consultation takes opinions to the end of that day at least.
    """
    return published_on + dt.timedelta(days=max(minimum_days, MIN_CONSULTATION_DAYS_COMMUNE))


def period_days(published_on: dt.date, closes_on: dt.date) -> int:
    """Days of the period, the publication day excluded."""
    return (closes_on - published_on).days


def check_period(
    *, published_on: dt.date, closes_on: dt.date, minimum_days: int = MIN_CONSULTATION_DAYS_COMMUNE
) -> RuleResult:
    """A commune consultation published on ``published_on`` may close on ``closes_on`` (≥ 20 days).

    ``minimum_days``: a longer minimum set by another text (a village convention's draft: 30 days, [ND61]
    art. 9(1)); never below the Law's 20."""
    earliest = earliest_closing_date(published_on, minimum_days)
    if closes_on < earliest:
        return RuleResult.refuse(
            "consultations.period_too_short", earliest=earliest, days=max(minimum_days, MIN_CONSULTATION_DAYS_COMMUNE)
        )
    return RuleResult.ok()


def is_taking_opinions(*, status: str, published_on: dt.date | None, closes_on: dt.date, today: dt.date) -> bool:
    """Whether residents may still send opinions online today (computed from the dates, never stored)."""
    return status == ConsultationStatus.OPEN and published_on is not None and published_on <= today <= closes_on


def check_close(*, closes_on: dt.date, today: dt.date) -> RuleResult:
    """Closing before the announced last day is over is refused (Civil Code art. 148(1): a day ends at its end)."""
    if today <= closes_on:
        return RuleResult.refuse("consultations.close_too_early", closes_on=closes_on)
    return RuleResult.ok()


def check_received_on(
    *, received_on: dt.date, published_on: dt.date | None, closes_on: dt.date, today: dt.date
) -> RuleResult:
    """An opinion entered by staff was received within the period, and not in the future."""
    if received_on > today:
        return RuleResult.refuse("consultations.opinion_in_future")
    if published_on is None or received_on < published_on or received_on > closes_on:
        return RuleResult.refuse("consultations.opinion_outside_period")
    return RuleResult.ok()


def check_plan_sent(
    *, sent_to_council_on: dt.date | None, sent_to_front_on: dt.date | None, is_village_convention: bool = False
) -> RuleResult:
    """The plan goes to the People's Council and the Front before the consultation opens ([L] art. 28(1)).

    A village convention's draft has no such plan: the village head and the Front work committee post it
    ([ND61] art. 9)."""
    if is_village_convention:
        return RuleResult.ok()
    if sent_to_council_on is None or sent_to_front_on is None:
        return RuleResult.refuse("consultations.plan_not_sent")
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# Completion: every opinion answered; against the majority only with a reason ([L] art. 28(3)–(4))
# ---------------------------------------------------------------------------------------------


def check_completion(*, opinions_without_disposition: int) -> RuleResult:
    """A consultation cannot be completed while any (visible) opinion lacks its disposition."""
    if opinions_without_disposition > 0:
        return RuleResult.refuse("consultations.dispositions_missing", missing=opinions_without_disposition)
    return RuleResult.ok()


def check_right_to_be_heard(*, matter: str, affected: int, unsettled: int) -> RuleResult:
    """A C8 decision that burdens named citizens is completed (and so signed) only after each was informed and
    heard, or said they did not wish to be ([L] art. 27; law.md §1(d) "decisions that burden individual citizens").
    """
    if matter != ConsultationMatter.C8:
        return RuleResult.ok()
    if affected == 0:
        return RuleResult.refuse("consultations.affected_people_missing")
    if unsettled > 0:
        return RuleResult.refuse("consultations.not_yet_heard", unsettled=unsettled)
    return RuleResult.ok()


def majority_stance(counts: Mapping[str, int]) -> str | None:
    """What more than half of the opinions that took a side asked: ``agree`` or ``disagree``, else ``None``.

    Suggestions to amend take no side on the draft as a whole; a tie has no majority.
    """
    agree = counts.get(OpinionStance.AGREE, 0)
    disagree = counts.get(OpinionStance.DISAGREE, 0)
    if agree > disagree:
        return str(OpinionStance.AGREE)
    if disagree > agree:
        return str(OpinionStance.DISAGREE)
    return None


def is_against_majority(*, counts: Mapping[str, int], adopts_draft: bool) -> bool:
    """Whether the final decision differs from what most opinions asked ([L] art. 28(4))."""
    majority = majority_stance(counts)
    if majority == OpinionStance.AGREE:
        return not adopts_draft
    if majority == OpinionStance.DISAGREE:
        return adopts_draft
    return False


def check_majority_justification(*, against_majority: bool, justification: str) -> RuleResult:
    if against_majority and not justification.strip():
        return RuleResult.refuse("consultations.justification_required")
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# After completion: the C8 decision is signed; a higher authority's decision comes back
# ---------------------------------------------------------------------------------------------


def check_decision_signing(
    *, matter: str, status: str, has_explanation: bool, already_signed: bool, unsettled: int
) -> RuleResult:
    """A C8 decision (burdening named citizens) is signed only once the consultation is completed, every affected
    citizen was heard (or declined), and the explanation report is filed with the draft decision ([L] art. 27;
    law.md §1(d): "the signing step is blocked unless the explanation document is attached")."""
    if matter != ConsultationMatter.C8:
        return RuleResult.refuse("consultations.not_c8")
    if already_signed:
        return RuleResult.refuse("consultations.already_signed")
    if status != ConsultationStatus.COMPLETED or not has_explanation:
        return RuleResult.refuse("consultations.explanation_not_filed")
    if unsettled > 0:
        return RuleResult.refuse("consultations.not_yet_heard", unsettled=unsettled)
    return RuleResult.ok()


def check_send_up(*, status: str, is_village_convention: bool, already_sent: bool) -> RuleResult:
    """Where a higher authority decides the matter, the commune sends it the summary once its report is issued
    ([L] art. 28(4)); once only."""
    if is_village_convention or status != ConsultationStatus.COMPLETED:
        return RuleResult.refuse("consultations.bad_transition")
    if already_sent:
        return RuleResult.refuse("consultations.already_sent_up")
    return RuleResult.ok()


def check_higher_decision(*, sent_up: bool, already_recorded: bool) -> RuleResult:
    """The higher authority's decision is recorded after the summary was sent to it, once ([L] art. 28(4))."""
    if not sent_up:
        return RuleResult.refuse("consultations.not_sent_up")
    if already_recorded:
        return RuleResult.refuse("consultations.higher_already_recorded")
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# State machine: one literal table
# ---------------------------------------------------------------------------------------------

CONSULTATION_TRANSITIONS: Mapping[str, frozenset[str]] = {
    ConsultationStatus.DRAFT: frozenset({ConsultationStatus.OPEN, ConsultationStatus.CANCELLED}),
    ConsultationStatus.OPEN: frozenset({ConsultationStatus.CLOSED, ConsultationStatus.CANCELLED}),
    ConsultationStatus.CLOSED: frozenset({ConsultationStatus.COMPLETED}),
    ConsultationStatus.COMPLETED: frozenset(),
    ConsultationStatus.CANCELLED: frozenset(),
}

PLAN_PARTS = ("content", "forms", "timeline", "owner")
"""What the consultation plan states: content, forms, timeline and owner ([L] art. 28(1))."""


def plan_missing_parts(*, content: str, forms: Sequence[str], timeline: str, owner: str) -> list[str]:
    """The parts of the plan still empty, in ``PLAN_PARTS`` order; the plan is issued only when none is."""
    given = {"content": content.strip(), "forms": list(forms), "timeline": timeline.strip(), "owner": owner.strip()}
    return [part for part in PLAN_PARTS if not given[part]]


def check_plan_issuable(
    *, content: str, forms: Sequence[str], timeline: str, owner: str, is_commune_consultation: bool
) -> RuleResult:
    """The plan paper goes to the People's Council and the Front only for a commune consultation, and only
    complete ([L] art. 28(1)); a village convention's draft or a staff consultation has no such plan."""
    if not is_commune_consultation:
        return RuleResult.refuse("consultations.no_plan_needed")
    missing = plan_missing_parts(content=content, forms=forms, timeline=timeline, owner=owner)
    if missing:
        return RuleResult.refuse("consultations.plan_incomplete", missing=missing)
    return RuleResult.ok()


PLAN_UPDATE_STATUSES = frozenset({ConsultationStatus.DRAFT, ConsultationStatus.OPEN})
"""The plan (content, forms, timeline, owner; [L] art. 28(1)) may be corrected until the consultation closes; once
it has closed the plan is history. Law.md §1(d) sets no rule on amending a plan: a plan corrected after it went to
the People's Council and the Front is sent again before opening (see ``plan_update``)."""


def check_plan_update(*, status: str, is_commune_consultation: bool) -> RuleResult:
    """Whether the plan of a consultation may be changed now: a commune consultation's plan, not yet closed."""
    if not is_commune_consultation:
        return RuleResult.refuse("consultations.no_plan_needed")
    if status not in PLAN_UPDATE_STATUSES:
        return RuleResult.refuse("consultations.plan_closed")
    return RuleResult.ok()


EDITABLE_STATUSES = frozenset({ConsultationStatus.DRAFT})
"""The draft and the plan change only before publication."""
OPINION_ENTRY_STATUSES = frozenset({ConsultationStatus.OPEN, ConsultationStatus.CLOSED})
"""Staff may enter opinions received within the period until the consultation is completed."""
DISPOSITION_STATUSES = frozenset({ConsultationStatus.CLOSED})
"""Dispositions are given after closing and frozen at completion."""


def check_transition(current: str, target: str) -> RuleResult:
    """Whether a consultation may go from ``current`` to ``target`` (the literal table above)."""
    if target in CONSULTATION_TRANSITIONS.get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse("consultations.bad_transition", current=current, target=target)
