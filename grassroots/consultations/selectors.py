"""Reads of consultations: public lists, per-section counts, opinions to answer, staff tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from grassroots.consultations import rules
from grassroots.consultations.models import (
    Consultation,
    ConsultationMatter,
    ConsultationSection,
    ConsultationStatus,
    Opinion,
    OpinionStance,
)
from grassroots.units.models import AdministrativeUnit


def public_consultations(commune: AdministrativeUnit) -> QuerySet[Consultation]:
    """What the public sees of a commune: every consultation once published (open, closed, completed, cancelled)."""
    return Consultation.objects.filter(commune=commune, organisation__isnull=True, published_on__isnull=False).order_by(
        "-published_on", "-pk"
    )


def staff_consultations(commune: AdministrativeUnit) -> QuerySet[Consultation]:
    return Consultation.objects.filter(commune=commune, organisation__isnull=True).annotate(
        opinion_count=Count("opinions", filter=Q(opinions__is_hidden=False)),
        missing_count=Count("opinions", filter=Q(opinions__is_hidden=False, opinions__disposition="")),
    )


@dataclass(frozen=True)
class SectionCount:
    section: ConsultationSection
    opinions: int


def sections_with_counts(consultation: Consultation) -> list[SectionCount]:
    """The draft's parts with how many visible opinions each received (two queries: the counts are grouped on the
    covering index ``opinion_visible_counts_idx``, not joined and counted per section)."""
    counts = dict(
        Opinion.objects.filter(consultation=consultation, is_hidden=False, section__isnull=False)
        .values("section")
        .annotate(visible=Count("pk"))
        .order_by()
        .values_list("section", "visible")
    )
    return [
        SectionCount(section=row, opinions=counts.get(row.pk, 0)) for row in consultation.sections.order_by("position")
    ]


OPINIONS_PER_PAGE = 50
"""Opinions per page on the officer's list and the public explanation (a 20,000-opinion consultation stays light on
a phone; not a legal number)."""


def opinion_summary(consultation: Consultation) -> dict[str, int]:
    """Visible opinions by stance, without a disposition, and on the draft as a whole: one aggregate query."""
    visible = Q(is_hidden=False)
    row = Opinion.objects.filter(consultation=consultation).aggregate(
        agree=Count("pk", filter=visible & Q(stance=OpinionStance.AGREE)),
        disagree=Count("pk", filter=visible & Q(stance=OpinionStance.DISAGREE)),
        suggestion=Count("pk", filter=visible & Q(stance=OpinionStance.SUGGESTION)),
        missing=Count("pk", filter=visible & Q(disposition="")),
        general=Count("pk", filter=visible & Q(section__isnull=True)),
    )
    return {key: int(value or 0) for key, value in row.items()}


def general_opinion_count(consultation: Consultation) -> int:
    return Opinion.objects.filter(consultation=consultation, section__isnull=True, is_hidden=False).count()


def opinions(
    consultation: Consultation,
    *,
    section_id: int | None = None,
    disposition: str | None = None,
    include_hidden: bool = True,
) -> QuerySet[Opinion]:
    """Opinions of a consultation, filtered by section and by disposition (``"none"``: not yet answered)."""
    rows = Opinion.objects.filter(consultation=consultation).select_related("section", "group", "author_community")
    if not include_hidden:
        rows = rows.filter(is_hidden=False)
    if section_id is not None:
        rows = rows.filter(section_id=section_id)
    if disposition == "none":
        rows = rows.filter(disposition="", is_hidden=False)
    elif disposition:
        rows = rows.filter(disposition=disposition)
    return rows.order_by("section__position", "received_on", "pk")


def public_opinions(consultation: Consultation) -> QuerySet[Opinion]:
    """The opinions shown publicly with their answers: only once the report is published."""
    if consultation.status != ConsultationStatus.COMPLETED:
        return Opinion.objects.none()
    return opinions(consultation)


def own_opinions(consultation: Consultation, user: object) -> QuerySet[Opinion]:
    return Opinion.objects.filter(consultation=consultation, author_id=getattr(user, "pk", None)).order_by("pk")


def closing_soon(commune_ids: Iterable[int], today: dt.date) -> QuerySet[Consultation]:
    """Open consultations whose last day is within ``CLOSING_SOON_DAYS`` or already past (to close)."""
    horizon = today + dt.timedelta(days=rules.CLOSING_SOON_DAYS)
    return Consultation.objects.filter(
        commune_id__in=list(commune_ids),
        organisation__isnull=True,
        status=ConsultationStatus.OPEN,
        closes_on__lte=horizon,
    ).select_related("commune")


def awaiting_dispositions(commune_ids: Iterable[int]) -> QuerySet[Consultation]:
    """Closed consultations, with how many visible opinions still lack an answer."""
    return (
        Consultation.objects.filter(
            commune_id__in=list(commune_ids), organisation__isnull=True, status=ConsultationStatus.CLOSED
        )
        .annotate(missing_count=Count("opinions", filter=Q(opinions__is_hidden=False, opinions__disposition="")))
        .select_related("commune")
    )


def awaiting_higher_decision(commune_ids: Iterable[int]) -> QuerySet[Consultation]:
    """Summaries sent to the higher authority whose decision has not been recorded yet ([L] art. 28(4))."""
    return Consultation.objects.filter(
        commune_id__in=list(commune_ids),
        status=ConsultationStatus.COMPLETED,
        sent_up_on__isnull=False,
        higher_decided_on__isnull=True,
    ).select_related("commune")


def awaiting_signature(commune_ids: Iterable[int]) -> QuerySet[Consultation]:
    """Completed C8 consultations whose decision is not signed yet: the explanation is filed, the Chair signs
    ([L] art. 27)."""
    return Consultation.objects.filter(
        commune_id__in=list(commune_ids),
        status=ConsultationStatus.COMPLETED,
        matter=ConsultationMatter.C8,
        decision_document__isnull=True,
    ).select_related("commune")
