"""Periodic jobs that open the yearly obligations: each tells the people who must act, once per obligation and
year, that the obligation is open, with its due date and legal basis. Registered in ``NotificationsConfig.ready()``.

* ``workplaces.open_yearly_obligations``: the annual conference of officials and workers and the employers'
  periodic dialogue (Law 10/2022 arts 51, 69, 73; Labour Code art. 63(2)(a)), from ``workplaces.selectors``;
* ``reception.open_yearly_dialogue``: the commune chair's yearly dialogue conference with the people
  (Law 10/2022 art. 32(1)), from ``reception.selectors.yearly_obligation_met``;
* ``conventions.open_yearly_reviews``: the yearly review of each village convention in force ([ND61]
  art. 15(4)), from ``conventions.selectors.reviews_due``;
* ``plans.open_yearly_plans_and_reports``: the unit's plan for the new year, and its six-monthly and annual
  report once the period's cut-off has come, or before the due date the unit's plan sets (law.md §5), from
  ``plans.selectors.report_draft_opens_on`` / ``plans.services.report_due_on``.

Every job opens a draft the officer completes. The plans job makes the new year's draft plan
(``plans.services.plan_draft_yearly``, copied from last year's issued plan) and each period's draft report
(``plans.services.report_prepare``), both with ``actor=None`` (the system) and audited. The workplace conference,
the workplace dialogue and the convention review open an ``ObligationDraft`` of this app
(``services.obligation_draft_open``): their own records need a day, a place or a meeting held that only a person can
give (``conference_create`` checks the day against the work year, ``review_record`` refuses a day to come), and
neither app has a draft state, so the draft keeps the proposed values (the kind, the work year, the latest lawful
day, the dialogue's topics of Labour Code art. 64(1), the review day) and its page
(``notifications:draft_complete``) shows the owning app's own form filled with them; saving calls that app's service
and marks the draft completed. The notification links to the draft, and so does the dashboard's "việc cần làm"
(``workplaces.tasks``, ``conventions.tasks``, ``reception.apps.dialogue_tasks``). The commune chair's dialogue
conference opens a draft of the conference's plan the same way (title, the topics of Law 10/2022 art. 32(1), the last
working day of the year, the co-chairs; the place left to the chair), completed through
``reception.services.conference_plan``.

Idempotent: each notification has a ``dedupe_key`` naming the obligation and its year (unique in the database), each
``ObligationDraft`` a unique ``key`` of the same, and each plan or report draft is made only while the unit has none
(a plan of the year, a report of the period; checked under a row lock), so a second run makes nothing. Working days:
a job opens nothing on a day off (weekend, Tết, a holiday of the state calendar); it reads "is the obligation open
by today", never "is today the day", so the first working day after a holiday catches up.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import formats

from grassroots.core import clock
from grassroots.jobs.registry import DAILY, register_job
from grassroots.notifications import kinds
from grassroots.notifications.models import ObligationDraft, ObligationKind
from grassroots.notifications.rules import dialogue_draft_key, review_draft_key, workplace_draft_key
from grassroots.notifications.services import Entry, notify_batch, obligation_draft_open

OPEN_HOUR = 6
"""The jobs run from 6 a.m. Vietnam time (before the 7 a.m. digest, so the news is in that day's digest)."""

PLANS_CITATION = "Nghị định số 09/2019/NĐ-CP (kỳ số liệu báo cáo); kế hoạch của tỉnh"
"""The data cut-off of periodic reports is Decree 09/2019's; the report and plan deadlines themselves are set by each
province's yearly plan (law.md §5, UNCERTAIN), hence ``plans.services.report_due_on``."""

WORKPLACE_YEARLY_CODES = ("annual_conference", "periodic_dialogue")
"""The yearly obligations of ``workplaces.selectors.obligations`` (its six-monthly resolution check is not yearly:
the reminders job covers it from the dashboard)."""


DIALOGUE_TOPICS = (
    "1. Tình hình sản xuất, kinh doanh của người sử dụng lao động.\n"
    "2. Việc thực hiện hợp đồng lao động, thỏa ước lao động tập thể, nội quy lao động, quy chế và cam kết, "
    "thỏa thuận khác tại nơi làm việc.\n"
    "3. Điều kiện làm việc.\n"
    "4. Yêu cầu của người lao động, tổ chức đại diện người lao động đối với người sử dụng lao động.\n"
    "5. Yêu cầu của người sử dụng lao động đối với người lao động, tổ chức đại diện người lao động.\n"
    "6. Nội dung khác mà một hoặc các bên quan tâm."
)
"""The periodic dialogue's draft topics: the contents of Labour Code art. 64(1); the officer edits them."""

COMMUNE_DIALOGUE_TOPICS = (
    "1. Tình hình hoạt động của Ủy ban nhân dân xã trong năm; những việc đã làm, chưa làm được và hướng khắc phục.\n"
    "2. Việc thực hiện quyền và nghĩa vụ của công dân trên địa bàn xã.\n"
    "3. Những vấn đề Nhân dân quan tâm: phản ánh, kiến nghị của cử tri và người dân gửi đến xã.\n"
    "4. Nội dung khác theo đề nghị của Ủy ban Mặt trận Tổ quốc Việt Nam xã."
)
"""The commune dialogue conference's draft topics: "on its activities and on citizens' rights and duties" (Law
10/2022 art. 32(1)); the chair edits them."""

COMMUNE_DIALOGUE_CO_CHAIRS = "Đại diện Thường trực Hội đồng nhân dân xã; Ủy ban Mặt trận Tổ quốc Việt Nam xã"
"""Co-chaired with a People's Council Standing representative, held with the Front (Law 10/2022 art. 32(1); [LGO25]
art. 43 as reported, law.md §4.2: UNCERTAIN); the chair edits it."""

DIALOGUE_CITATION = "Khoản 1 Điều 32 Luật số 10/2022/QH15"

DRAFT_KINDS = {
    "annual_conference": ObligationKind.WORKPLACE_CONFERENCE,
    "periodic_dialogue": ObligationKind.WORKPLACE_DIALOGUE,
}


def _draft_url(draft: ObligationDraft) -> str:
    return reverse("notifications:draft_complete", args=[draft.pk])


def _workplace_proposal(code: str, organisation: Any, due_on: dt.date) -> dict[str, Any]:
    """The values the owning form starts from: the latest lawful day, the officer moves it."""
    if code == "annual_conference":
        from grassroots.workplaces.models import ConferenceFormat, ConferenceKind, ConferenceProposer
        from grassroots.workplaces.selectors import profile_of

        end_month = profile_of(organisation).work_year_end_month
        # The work year whose conference falls due on ``due_on``, as ``workplaces.selectors.obligations`` counts it.
        work_year = due_on.year - 1 if end_month == 12 else due_on.year
        return {
            "kind": ConferenceKind.ANNUAL.value,
            "work_year": work_year,
            "scheduled_on": due_on.isoformat(),
            "conference_format": ConferenceFormat.PLENARY.value,
            "proposer": ConferenceProposer.HEAD.value,
            "place": "",
        }
    from grassroots.workplaces.models import DialogueKind

    return {"kind": DialogueKind.PERIODIC.value, "scheduled_on": due_on.isoformat(), "topics": DIALOGUE_TOPICS}


def _day_text(day: dt.date | None) -> str:
    return formats.date_format(day, "d/m/Y") if day else ""


def is_open_day(today: dt.date) -> bool:
    """Whether the jobs open obligations today: a working day of the public-sector calendar."""
    from grassroots.calendar.rules import is_working_day
    from grassroots.calendar.selectors import working_calendar

    return is_working_day(today, working_calendar(years=[today.year]))


def _entries(
    user_ids: list[int], *, title: str, due: dt.date | None, citation: str, url: str, key: str, unit_id: int | None
) -> list[Entry]:
    params = {"title": title, "due": _day_text(due) or "—", "citation": citation}
    return [
        Entry(user_id=user_id, params=params, url=url, unit_id=unit_id, dedupe_key=key[:200])
        for user_id in sorted(set(user_ids))
    ]


def workplace_obligations(now: dt.datetime) -> int:
    """Open the annual conference and the periodic dialogue of each organisation ``workplaces.tasks.UPCOMING_DAYS``
    before they fall due (the dashboard shows them from then on), for those who run conferences or manage it."""
    from grassroots.accounts.models import RoleMembership
    from grassroots.accounts.rules import Action
    from grassroots.accounts.selectors import user_can_in_organisation
    from grassroots.units.models import Organisation
    from grassroots.workplaces import selectors
    from grassroots.workplaces.tasks import UPCOMING_DAYS

    today = clock.localdate(now)
    if not is_open_day(today):
        return 0
    horizon = today + dt.timedelta(days=UPCOMING_DAYS)
    memberships = RoleMembership.objects.active_on(today).filter(organisation__isnull=False, user__is_active=True)
    created = 0
    organisations = Organisation.objects.filter(pk__in=memberships.values("organisation_id")).select_related("unit")
    for organisation in organisations.order_by("pk"):
        people = [
            membership.user for membership in memberships.filter(organisation=organisation).select_related("user")
        ]
        recipients = [
            user.pk
            for user in people
            if user_can_in_organisation(user, Action.RUN_STAFF_CONFERENCES, organisation, today)
            or user_can_in_organisation(user, Action.MANAGE_WORKPLACE, organisation, today)
        ]
        if not recipients:
            continue
        for year in (today.year, today.year + 1):
            for obligation in selectors.obligations(organisation, year, today):
                if (
                    obligation.code not in WORKPLACE_YEARLY_CODES
                    or not obligation.is_required
                    or obligation.done_on is not None
                    or obligation.due_on is None
                    or obligation.due_on > horizon
                ):
                    continue
                title = f"{obligation.label} — {organisation.name}"
                key = workplace_draft_key(organisation.pk, obligation.code, obligation.due_on.isoformat())
                draft, made = obligation_draft_open(
                    kind=DRAFT_KINDS[obligation.code],
                    key=key,
                    unit_id=organisation.unit_id,
                    organisation_id=organisation.pk,
                    title=title,
                    year=obligation.due_on.year,
                    due_on=obligation.due_on,
                    citation=obligation.citation,
                    proposal=_workplace_proposal(obligation.code, organisation, obligation.due_on),
                    now=now,
                )
                entries = _entries(
                    recipients,
                    title=title,
                    due=obligation.due_on,
                    citation=obligation.citation,
                    url=_draft_url(draft),
                    key=f"yearly:{key}",
                    unit_id=organisation.unit_id,
                )
                created += int(made) + notify_batch(kind=kinds.YEARLY_OBLIGATION, entries=entries, now=now)
    return created


def _last_working_day_of(year: int) -> dt.date:
    """The last working day of ``year`` (the latest lawful day of a yearly obligation due 31 December)."""
    from grassroots.calendar.rules import add_working_days
    from grassroots.calendar.selectors import working_calendar

    return add_working_days(dt.date(year + 1, 1, 1), -1, working_calendar(years=[year, year + 1]))


def _dialogue_proposal(commune: Any, year: int) -> dict[str, Any]:
    """The values the chair's plan of the conference starts from (``reception.forms.ConferenceForm``): the title,
    the topics of art. 32(1), the latest lawful day, in person, the co-chairs; the place only a person can give."""
    from grassroots.reception.models import DialogueMethod

    return {
        "title": f"Hội nghị đối thoại giữa Chủ tịch Ủy ban nhân dân {commune.name} với Nhân dân năm {year}",
        "topics": COMMUNE_DIALOGUE_TOPICS,
        "planned_on": _last_working_day_of(year).isoformat(),
        "place": "",
        "method": DialogueMethod.IN_PERSON.value,
        "co_chairs": COMMUNE_DIALOGUE_CO_CHAIRS,
    }


def reception_dialogue(now: dt.datetime) -> int:
    """Open the year's dialogue conference for each commune chair while the commune has held none this year
    (due 31 December, as on the dashboard): a draft of the conference's plan (``ObligationDraft`` of kind
    ``commune_dialogue``, completed through ``reception.services.conference_plan``) and a notification linking to
    it. Returns the drafts and notifications made."""
    from grassroots.accounts.models import Role, RoleMembership
    from grassroots.reception import selectors
    from grassroots.units.models import AdministrativeUnit, UnitLevel

    today = clock.localdate(now)
    if not is_open_day(today):
        return 0
    chairs = RoleMembership.objects.active_on(today).filter(role=Role.COMMUNE_CHAIR, user__is_active=True)
    chaired: dict[int, list[int]] = {}
    for unit_id, user_id in chairs.values_list("unit_id", "user_id"):
        chaired.setdefault(unit_id, []).append(user_id)
    created = 0
    communes = AdministrativeUnit.objects.filter(pk__in=list(chaired), level=UnitLevel.COMMUNE).order_by("pk")
    for commune in communes:
        if selectors.yearly_obligation_met(commune, today.year):
            continue
        title = f"Hội nghị đối thoại với Nhân dân năm {today.year} — {commune.name}"
        due_on = dt.date(today.year, 12, 31)
        draft, made = obligation_draft_open(
            kind=ObligationKind.COMMUNE_DIALOGUE,
            key=dialogue_draft_key(commune.pk, today.year),
            unit_id=commune.pk,
            title=title,
            year=today.year,
            due_on=due_on,
            citation=DIALOGUE_CITATION,
            proposal=_dialogue_proposal(commune, today.year),
            now=now,
        )
        entries = _entries(
            chaired[commune.pk],
            title=title,
            due=due_on,
            citation=DIALOGUE_CITATION,
            url=_draft_url(draft)
            if draft.is_open
            else reverse("reception:dialogue_list", kwargs={"commune_slug": commune.slug}),
            key=f"yearly:reception:dialogue:{commune.pk}:{today.year}",
            unit_id=commune.pk,
        )
        created += int(made) + notify_batch(kind=kinds.YEARLY_OBLIGATION, entries=entries, now=now)
    return created


def convention_reviews(now: dt.datetime) -> int:
    """Open the yearly review of each convention in force when ``conventions.selectors.reviews_due`` says so
    (two weeks before its review day), for the village heads who manage conventions there."""
    from grassroots.accounts.rules import Action
    from grassroots.accounts.selectors import holders_of
    from grassroots.conventions import selectors
    from grassroots.conventions.models import Convention

    today = clock.localdate(now)
    if not is_open_day(today):
        return 0
    community_ids = sorted(set(Convention.objects.values_list("community_id", flat=True)))
    created = 0
    for convention, day in selectors.reviews_due(community_ids, today):
        recipients = list(
            holders_of(Action.MANAGE_CONVENTIONS, convention.community_id, today).values_list("pk", flat=True)
        )
        title = f"Rà soát hằng năm hương ước, quy ước: {convention.title} — {convention.community.name}"
        citation = "Khoản 4 Điều 15 Nghị định số 61/2023/NĐ-CP"
        key = review_draft_key(convention.pk, today.year)
        draft, made = obligation_draft_open(
            kind=ObligationKind.CONVENTION_REVIEW,
            key=key,
            unit_id=convention.community_id,
            convention_id=convention.pk,
            title=title,
            year=today.year,
            due_on=day,
            citation=citation,
            proposal={"held_on": day.isoformat(), "findings": "", "proposals": ""},
            now=now,
        )
        entries = _entries(
            recipients,
            title=title,
            due=day,
            citation=citation,
            url=_draft_url(draft),
            key=f"yearly:{key}",
            unit_id=convention.community_id,
        )
        created += int(made) + notify_batch(kind=kinds.YEARLY_OBLIGATION, entries=entries, now=now)
    return created


def plans_and_reports(now: dt.datetime) -> int:
    """Open the new year's plan for each unit that issued one last year and has none yet: the draft itself, copied
    from last year's (``plans.services.plan_draft_yearly``; no legal date: shown without one), and each period's
    report once it opens for every unit with an issued plan of the year and no report of that period yet: the draft
    report with its figures (``plans.services.report_prepare``, due as ``report_due_on`` says). A report opens at the
    cut-off of the province's schedule (settings, Decree 09/2019 defaults 14/6 and 14/12), or earlier when the unit's
    own plan sets the report's due date: ``plans.selectors.report_draft_opens_on``.
    Each draft is told to the unit's plan managers once. Returns the drafts and notifications made."""
    from grassroots.accounts.rules import Action
    from grassroots.accounts.selectors import holders_of
    from grassroots.plans.models import Plan, PlanReport, PlanStatus, ReportPeriod
    from grassroots.plans.selectors import report_draft_opens_on
    from grassroots.plans.services import plan_draft_yearly, report_prepare
    from grassroots.units.models import AdministrativeUnit

    today = clock.localdate(now)
    if not is_open_day(today):
        return 0
    year = today.year
    issued = Plan.objects.filter(status=PlanStatus.ISSUED)
    this_year = set(
        Plan.objects.filter(year=year).exclude(status=PlanStatus.CANCELLED).values_list("unit_id", flat=True)
    )
    last_year = set(issued.filter(year=year - 1).values_list("unit_id", flat=True))
    units = {unit.pk: unit for unit in AdministrativeUnit.objects.filter(pk__in=last_year)}
    created = 0

    def tell(unit: AdministrativeUnit, *, title: str, due: dt.date | None, key: str, url: str) -> int:
        recipients = list(holders_of(Action.MANAGE_PLANS, unit, today).values_list("pk", flat=True))
        entries = _entries(recipients, title=title, due=due, citation=PLANS_CITATION, url=url, key=key, unit_id=unit.pk)
        return notify_batch(kind=kinds.YEARLY_OBLIGATION, entries=entries, now=now)

    for unit_id in sorted(last_year - this_year):
        unit = units[unit_id]
        draft = plan_draft_yearly(unit=unit, year=year, actor=None, now=now)
        if draft is None:
            continue
        created += 1 + tell(
            unit,
            title=f"Kế hoạch thực hiện dân chủ ở cơ sở năm {year} — {unit.name}",
            due=None,
            key=f"yearly:plans:plan:{unit_id}:{year}",
            url=reverse("plans:plan_detail", args=[draft.pk]),
        )
    # Last year's reports too: the annual cut-off (14/12) leaves little of December, and a run missed then
    # (a server down over the holidays) must still open it in January.
    for report_year in (year - 1, year):
        planned = set(issued.filter(year=report_year).values_list("unit_id", flat=True))
        reported = set(PlanReport.objects.filter(year=report_year).values_list("unit_id", "period"))
        for unit in AdministrativeUnit.objects.filter(pk__in=planned).order_by("pk"):
            for period in (ReportPeriod.SEMIANNUAL, ReportPeriod.ANNUAL):
                if (unit.pk, str(period)) in reported or today < report_draft_opens_on(unit, period, report_year):
                    continue
                report = report_prepare(unit=unit, period=period, year=report_year, actor=None, now=now)
                created += 1 + tell(
                    unit,
                    title=f"{period.label} năm {report_year} — {unit.name}",
                    due=report.due_on,
                    key=f"yearly:plans:report:{unit.pk}:{period}:{report_year}",
                    url=reverse("plans:report_detail", args=[report.pk]),
                )
    return created


def register() -> None:
    register_job(
        "workplaces.open_yearly_obligations",
        workplace_obligations,
        every=DAILY,
        hour=OPEN_HOUR,
        description="Mở việc hằng năm ở cơ quan, đơn vị, doanh nghiệp: hội nghị cán bộ, người lao động; đối thoại",
    )
    register_job(
        "reception.open_yearly_dialogue",
        reception_dialogue,
        every=DAILY,
        hour=OPEN_HOUR,
        description="Mở việc tổ chức hội nghị đối thoại hằng năm của Chủ tịch UBND xã",
    )
    register_job(
        "conventions.open_yearly_reviews",
        convention_reviews,
        every=DAILY,
        hour=OPEN_HOUR,
        description="Mở việc rà soát hằng năm hương ước, quy ước",
    )
    register_job(
        "plans.open_yearly_plans_and_reports",
        plans_and_reports,
        every=DAILY,
        hour=OPEN_HOUR,
        description="Mở việc lập kế hoạch năm và báo cáo 6 tháng, báo cáo năm",
    )
