"""Figures of workplace democracy (agencies, public service units, enterprises) for the plans reports (issue 16).

Read-only; an organisation counts for the commune where it sits (``Organisation.unit``). Grouped by commune in
one query per group of figures (``grassroots.plans.grouping``); registered by ``PlansConfig.ready``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from grassroots.workplaces import rules
from grassroots.workplaces.models import (
    Conference,
    ConferenceKind,
    ConferenceStatus,
    DialogueStatus,
    WorkplaceDialogue,
)


def workplace_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Any]:
    """Conferences held (resolution issued), split into the annual and the extraordinary ones, and annual ones held
    by the end of the third month after the work year (a share of the annual ones) ([L] arts 51, 69); dialogues
    held and their results published within 3 working days (Decree 145/2020 art. 41)."""
    from grassroots.calendar import selectors as calendar_selectors
    from grassroots.plans.grouping import commune_of, figure, grouped_counts, in_communes, on_time_by_unit
    from grassroots.units.models import Organisation

    held = Conference.objects.filter(
        status=ConferenceStatus.ISSUED, scheduled_on__gte=starts_on, scheduled_on__lte=ends_on
    )
    # Extraordinary conferences ([L] arts 51(1), 69(1)) are counted apart from the annual one: neither stands in
    # for the other, and only the annual one has a deadline.
    conferences = grouped_counts(
        held,
        "organisation__unit",
        unit_ids,
        held=Count("pk"),
        annual=Count("pk", filter=Q(kind=ConferenceKind.ANNUAL)),
        extraordinary=Count("pk", filter=Q(kind=ConferenceKind.EXTRAORDINARY)),
    )
    annual_on_time: dict[int, int] = defaultdict(int)
    annual = (
        held.filter(in_communes("organisation__unit", unit_ids), kind=ConferenceKind.ANNUAL)
        .annotate(plans_commune=commune_of("organisation__unit", unit_ids))
        .order_by()
        .values_list("plans_commune", "work_year", "organisation__workplace__work_year_end_month", "scheduled_on")
        .annotate(n=Count("pk"))
    )
    for commune, work_year, end_month, scheduled_on, n in annual:
        if scheduled_on <= rules.annual_conference_due_on(work_year, end_month or 12):
            annual_on_time[commune] += n
    dialogues_held = WorkplaceDialogue.objects.filter(
        held_on__gte=starts_on,
        held_on__lte=ends_on,
        status__in=(DialogueStatus.HELD, DialogueStatus.PUBLISHED),
    )
    dialogues = grouped_counts(dialogues_held, "organisation__unit", unit_ids, held=Count("pk"))
    calendars: dict[int, Any] = {}

    def publication_due(held_on: dt.date, organisation_id: int) -> dt.date:
        if organisation_id not in calendars:
            calendars[organisation_id] = calendar_selectors.working_calendar_of(
                Organisation.objects.get(pk=organisation_id)
            )
        return rules.publication_due_on(held_on, calendars[organisation_id])

    published_on_time = on_time_by_unit(
        dialogues_held,
        "organisation__unit",
        unit_ids,
        start="held_on",
        done="published_on",
        extra=("organisation_id",),
        deadline=publication_due,
    )
    yield figure("workplaces.conferences", _("Hội nghị cán bộ, người lao động đã tổ chức"), conferences["held"])
    yield figure(
        "workplaces.conferences_annual",
        _("Hội nghị thường niên đã tổ chức"),
        conferences["annual"],
        part_of="workplaces.conferences",
        detail=True,
    )
    yield figure(
        "workplaces.conferences_on_time",
        _("Hội nghị thường niên tổ chức đúng hạn"),
        annual_on_time,
        part_of="workplaces.conferences_annual",
    )
    yield figure(
        "workplaces.conferences_extraordinary",
        _("Hội nghị bất thường đã tổ chức"),
        conferences["extraordinary"],
        part_of="workplaces.conferences",
        detail=True,
    )
    yield figure("workplaces.dialogues", _("Cuộc đối thoại tại nơi làm việc đã tổ chức"), dialogues["held"])
    yield figure(
        "workplaces.dialogues_published_on_time",
        _("Kết quả đối thoại phổ biến đúng hạn"),
        published_on_time,
        part_of="workplaces.dialogues",
    )


def workplace_records(key: str, unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Any:
    """The conferences and dialogues behind each figure of ``workplace_figures``."""
    from grassroots.calendar import selectors as calendar_selectors
    from grassroots.plans.figures import FigureRecords
    from grassroots.plans.grouping import in_communes, on_time_records
    from grassroots.units.models import Organisation

    held = Conference.objects.filter(
        status=ConferenceStatus.ISSUED, scheduled_on__gte=starts_on, scheduled_on__lte=ends_on
    ).filter(in_communes("organisation__unit", unit_ids))
    dialogues = WorkplaceDialogue.objects.filter(
        held_on__gte=starts_on,
        held_on__lte=ends_on,
        status__in=(DialogueStatus.HELD, DialogueStatus.PUBLISHED),
    ).filter(in_communes("organisation__unit", unit_ids))
    if key == "workplaces.conferences":
        return FigureRecords(held, "organisation__unit")
    if key == "workplaces.conferences_annual":
        return FigureRecords(held.filter(kind=ConferenceKind.ANNUAL), "organisation__unit")
    if key == "workplaces.conferences_extraordinary":
        return FigureRecords(held.filter(kind=ConferenceKind.EXTRAORDINARY), "organisation__unit")
    if key == "workplaces.conferences_on_time":
        annual = held.filter(kind=ConferenceKind.ANNUAL)
        on_time = [
            pk
            for pk, work_year, end_month, scheduled_on in annual.values_list(
                "pk", "work_year", "organisation__workplace__work_year_end_month", "scheduled_on"
            )
            if scheduled_on <= rules.annual_conference_due_on(work_year, end_month or 12)
        ]
        return FigureRecords(annual.filter(pk__in=on_time), "organisation__unit")
    if key == "workplaces.dialogues":
        return FigureRecords(dialogues, "organisation__unit")
    if key == "workplaces.dialogues_published_on_time":
        calendars: dict[int, Any] = {}

        def publication_due(held_on: dt.date, organisation_id: int) -> dt.date:
            if organisation_id not in calendars:
                calendars[organisation_id] = calendar_selectors.working_calendar_of(
                    Organisation.objects.get(pk=organisation_id)
                )
            return rules.publication_due_on(held_on, calendars[organisation_id])

        published = on_time_records(
            dialogues, start="held_on", done="published_on", deadline=publication_due, extra=("organisation_id",)
        )
        return FigureRecords(published, "organisation__unit")
    return None
