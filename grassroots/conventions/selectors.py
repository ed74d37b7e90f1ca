"""Reads of village conventions: public lists, the text in force, deadlines, counts by status, staff tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet

from grassroots.calendar import selectors as calendar_selectors
from grassroots.conventions import rules
from grassroots.conventions.models import (
    Convention,
    ConventionMeasure,
    ConventionReport,
    ConventionReview,
    ConventionStatus,
    ConventionVersion,
    MeasureKind,
    SignerRole,
    VersionStatus,
)
from grassroots.units.models import AdministrativeUnit
from grassroots.voting.models import CommunityVote


def public_conventions(commune: AdministrativeUnit) -> QuerySet[Convention]:
    """Every convention of the commune's villages (the public sees all of them, with their status)."""
    return (
        Convention.objects.filter(community__parent=commune)
        .select_related("community")
        .order_by("community__name", "pk")
    )


def community_conventions(community: AdministrativeUnit) -> QuerySet[Convention]:
    return Convention.objects.filter(community=community).order_by("pk")


def text_in_force(convention: Convention) -> ConventionVersion | None:
    """The recognised text (the newest), or ``None``."""
    return convention.versions.filter(status=VersionStatus.RECOGNISED).order_by("-number").first()


def version_in_progress(convention: Convention) -> ConventionVersion | None:
    return convention.versions.filter(status__in=rules.IN_PROGRESS).order_by("-number").first()


def adoption_votes(version: ConventionVersion) -> QuerySet[CommunityVote]:
    """D3 votes of the village not yet opened: what the finalised text may be linked to."""
    return CommunityVote.objects.filter(
        unit_id=version.convention.community_id,
        matter=rules.ADOPTION_MATTER,
        status__in=["draft", "scheduled"],
        opened_at__isnull=True,
    ).order_by("-starts_at")


@dataclass(frozen=True)
class Deadlines:
    dossier_due: dt.date | None
    dossier_late: bool
    recognition_due: dt.date | None
    recognition_late: bool


def deadlines(version: ConventionVersion, today: dt.date) -> Deadlines:
    """The two chained 5-working-day clocks ([ND61] art. 11(3)), counted from the stored calendar when shown."""
    calendar = calendar_selectors.working_calendar()
    dossier = rules.dossier_due(version.adopted_on, calendar) if version.adopted_on else None
    recognition = rules.recognition_due(version.dossier_sent_on, calendar) if version.dossier_sent_on else None
    return Deadlines(
        dossier_due=dossier,
        dossier_late=rules.is_late(dossier, version.dossier_sent_on, today),
        recognition_due=recognition,
        recognition_late=rules.is_late(recognition, version.decided_on, today),
    )


def measure_due(kind: str, received_on: dt.date) -> dt.date:
    return rules.measure_due(kind, received_on, calendar_selectors.working_calendar())


def report_due(report: ConventionReport) -> dt.date:
    """The last day to decide on a received report, counted in the stored public calendar when read."""
    return rules.report_due(report.ground, report.received_on, calendar_selectors.working_calendar())


@dataclass(frozen=True)
class Clock:
    """One report or decision with its working-day deadline ([ND61] arts 12(2), 14(3))."""

    item: ConventionReport | ConventionMeasure
    due_on: dt.date
    late: bool


def pending_reports(convention: Convention, today: dt.date) -> list[Clock]:
    """Reports the commune People's Committee has not decided on yet, the nearest deadline first."""
    calendar = calendar_selectors.working_calendar()
    clocks = []
    for report in convention.reports.filter(measure__isnull=True).order_by("received_on", "pk"):
        due = rules.report_due(report.ground, report.received_on, calendar)
        clocks.append(Clock(item=report, due_on=due, late=rules.is_late(due, None, today)))
    return sorted(clocks, key=lambda clock: (clock.due_on, clock.item.pk))


def measure_clocks(convention: Convention) -> list[Clock]:
    """Each decision with the day it was due and whether it came late (decided after that day)."""
    calendar = calendar_selectors.working_calendar()
    clocks = []
    for measure in convention.measures.select_related("report").order_by("decided_on", "pk"):
        report = getattr(measure, "report", None)
        if report is not None:
            due = rules.report_due(report.ground, measure.basis_received_on, calendar)
        else:
            due = rules.measure_due(measure.kind, measure.basis_received_on, calendar)
        clocks.append(Clock(item=measure, due_on=due, late=rules.is_late(due, measure.decided_on, measure.decided_on)))
    return clocks


def reports_awaiting_decision(commune_ids: Iterable[int]) -> QuerySet[ConventionReport]:
    """Reports of the communes' conventions still without a decision (the People's Committee's due items)."""
    return (
        ConventionReport.objects.filter(convention__community__parent_id__in=list(commune_ids), measure__isnull=True)
        .select_related("convention", "convention__community")
        .order_by("received_on", "pk")
    )


def status_counts(commune: AdministrativeUnit | int, year: int | None = None) -> dict[str, int]:
    """Counts for the yearly report ([ND61] art. 16): conventions by status; texts recognised, refused and amended;
    suspensions and abolitions (in ``year`` when given). The database counts."""
    conventions = Convention.objects.filter(community__parent=commune)
    counts = dict.fromkeys(ConventionStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in conventions.values("status").annotate(n=Count("pk")).order_by()})
    versions = ConventionVersion.objects.filter(convention__in=conventions)
    if year is not None:
        versions = versions.filter(decided_on__year=year)
    decided = {row["status"]: row["n"] for row in versions.values("status").annotate(n=Count("pk")).order_by()}
    recognised = decided.get(VersionStatus.RECOGNISED, 0) + decided.get(VersionStatus.SUPERSEDED, 0)
    amended = versions.filter(number__gt=1, status__in=[VersionStatus.RECOGNISED, VersionStatus.SUPERSEDED]).count()
    measures = _measure_counts(conventions, year)
    return {
        **counts,
        "recognised": recognised,
        "refused": decided.get(VersionStatus.REFUSED, 0),
        "amended": amended,
        "suspended": measures.get(MeasureKind.SUSPENSION_FULL, 0) + measures.get(MeasureKind.SUSPENSION_PARTIAL, 0),
        "abolished": measures.get(MeasureKind.ABOLITION_FULL, 0) + measures.get(MeasureKind.ABOLITION_PARTIAL, 0),
    }


def _measure_counts(conventions: QuerySet[Convention], year: int | None) -> dict[str, int]:
    rows = ConventionMeasure.objects.filter(convention__in=conventions)
    if year is not None:
        rows = rows.filter(decided_on__year=year)
    return {row["kind"]: row["n"] for row in rows.values("kind").annotate(n=Count("pk")).order_by()}


def versions_awaiting_recognition(commune_ids: Iterable[int]) -> QuerySet[ConventionVersion]:
    return ConventionVersion.objects.filter(
        convention__community__parent_id__in=list(commune_ids), status=VersionStatus.SUBMITTED
    ).select_related("convention", "convention__community")


def versions_to_advance(community_ids: Iterable[int]) -> QuerySet[ConventionVersion]:
    """Texts the village head has to move on: comments to close or answer, a vote to link, a dossier to send."""
    return ConventionVersion.objects.filter(
        convention__community_id__in=list(community_ids),
        status__in=[VersionStatus.COMMENTING, VersionStatus.FINALISED, VersionStatus.ADOPTED],
    ).select_related("convention", "convention__community", "consultation")


def reviews_due(community_ids: Iterable[int], today: dt.date) -> list[tuple[Convention, dt.date]]:
    """Conventions in force whose yearly review day of this year has come and that have no review this year."""
    rows = _with_first_recognition(
        Convention.objects.filter(
            community_id__in=list(community_ids), status__in=[ConventionStatus.IN_FORCE, ConventionStatus.SUSPENDED]
        ).exclude(reviews__year=today.year)
    )
    due = []
    for convention in rows.select_related("community"):
        day = rules.review_date(today.year, convention.review_month, convention.review_day)
        owed = rules.review_owed(review_day=day, first_recognised_on=getattr(convention, "first_recognised_on", None))
        if owed and day - dt.timedelta(days=14) <= today:
            due.append((convention, day))
    return due


def _with_first_recognition(rows: QuerySet[Convention]) -> QuerySet[Convention]:
    """``first_recognised_on``: the day of the convention's first recognition decision (None before it)."""
    return rows.annotate(
        first_recognised_on=Min(
            "versions__decided_on",
            filter=Q(versions__status__in=[VersionStatus.RECOGNISED, VersionStatus.SUPERSEDED]),
        )
    )


def yearly_report_working_days() -> int:
    """The setting ``CONVENTIONS_YEARLY_REPORT_WORKING_DAYS`` (default ``rules.YEARLY_REPORT_WORKING_DAYS``)."""
    return int(getattr(settings, "CONVENTIONS_YEARLY_REPORT_WORKING_DAYS", rules.YEARLY_REPORT_WORKING_DAYS))


def yearly_report_due(convention: Convention, year: int) -> dt.date:
    """The last day of ``convention``'s yearly report of ``year`` (its review day, plus the setting's working days)."""
    day = rules.review_date(year, convention.review_month, convention.review_day)
    return rules.yearly_report_due(day, yearly_report_working_days(), calendar_selectors.working_calendar())


@dataclass(frozen=True)
class OverdueReport:
    """A convention whose yearly review and report ([ND61] arts 15(4), 19) of ``year`` is past its last day."""

    convention: Convention
    year: int
    due_on: dt.date


def overdue_yearly_reports(
    today: dt.date, *, community_ids: Iterable[int] | None = None, commune_ids: Iterable[int] | None = None
) -> list[OverdueReport]:
    """Conventions in force (or suspended) of the given villages or communes (all when neither is given) whose
    latest due yearly report is missing: the commune's and the village head's overdue items, and the daily job's."""
    rows = Convention.objects.filter(status__in=[ConventionStatus.IN_FORCE, ConventionStatus.SUSPENDED])
    if community_ids is not None:
        rows = rows.filter(community_id__in=list(community_ids))
    if commune_ids is not None:
        rows = rows.filter(community__parent_id__in=list(commune_ids))
    reviewed = ConventionReview.objects.filter(convention=OuterRef("pk"))
    rows = (
        _with_first_recognition(rows)
        .annotate(
            reported_this_year=Exists(reviewed.filter(year=today.year)),
            reported_last_year=Exists(reviewed.filter(year=today.year - 1)),
        )
        .select_related("community")
    )
    working_days = yearly_report_working_days()
    calendar = calendar_selectors.working_calendar()
    overdue = []
    for convention in rows.order_by("community__name", "pk"):
        this_year = rules.review_date(today.year, convention.review_month, convention.review_day)
        year = rules.report_year(today, rules.yearly_report_due(this_year, working_days, calendar))
        review_day = rules.review_date(year, convention.review_month, convention.review_day)
        due_on = rules.yearly_report_due(review_day, working_days, calendar)
        if rules.yearly_report_overdue(
            review_day=review_day,
            due_on=due_on,
            today=today,
            first_recognised_on=getattr(convention, "first_recognised_on", None),
            reported=bool(getattr(convention, "reported_this_year" if year == today.year else "reported_last_year")),
        ):
            overdue.append(OverdueReport(convention=convention, year=year, due_on=due_on))
    return overdue


@dataclass(frozen=True)
class DossierItem:
    key: str
    label: str
    present: bool


def dossier_checklist(version: ConventionVersion) -> list[DossierItem]:
    """The recognition dossier's documents ([ND61] art. 11(1)), each marked present or missing, for the village
    head's sending step and the commune's recognition step."""
    sent = set(version.dossier_items)
    return [DossierItem(key, str(label), key in sent) for key, label in rules.DOSSIER_ITEMS.items()]


@dataclass(frozen=True)
class Signatory:
    role: str
    role_label: str
    name: str


def signatures(version: ConventionVersion) -> list[Signatory]:
    """The signatures block of a text ([ND61] art. 4), in the order of the roles (village head first)."""
    order = {role: index for index, role in enumerate(SignerRole.values)}
    rows = sorted(version.signatories, key=lambda row: order.get(str(row.get("role", "")), len(order)))
    return [
        Signatory(str(row["role"]), str(SignerRole(row["role"]).label), str(row.get("name", "")))
        for row in rows
        if row.get("role") in order
    ]
