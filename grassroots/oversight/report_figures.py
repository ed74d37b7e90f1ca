"""Figures of People's Inspection Boards and investment supervision boards for the plans reports (issue 16).

Read-only: counts in one query per group of figures, grouped by commune (``grassroots.plans.grouping``).
Registered by ``PlansConfig.ready`` when both apps are installed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from grassroots.oversight import rules
from grassroots.oversight.models import Board, Inspection, InspectionStatus, Recommendation
from grassroots.units.models import Organisation


def oversight_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Any]:
    """Boards recognised, inspections carried out, recommendations sent and answered within 15 days
    ([ND59] arts 14, 18; [L] art. 41: the People's Committee answers within 15 days, law.md §4.2)."""
    from grassroots.calendar import selectors as calendar_selectors
    from grassroots.plans.grouping import figure, grouped_counts, on_time_by_unit

    boards = grouped_counts(
        Board.objects.filter(recognised_on__gte=starts_on, recognised_on__lte=ends_on),
        "unit",
        unit_ids,
        recognised=Count("pk"),
    )
    inspections = grouped_counts(
        Inspection.objects.filter(planned_on__gte=starts_on, planned_on__lte=ends_on).exclude(
            status=InspectionStatus.CANCELLED
        ),
        "board__unit",
        unit_ids,
        held=Count("pk"),
        concluded=Count("pk", filter=Q(status=InspectionStatus.CONCLUDED)),
    )
    sent = Recommendation.objects.filter(sent_on__gte=starts_on, sent_on__lte=ends_on)
    recommendations = grouped_counts(
        sent, "addressee_unit", unit_ids, sent=Count("pk"), answered=Count("pk", filter=Q(answered_on__isnull=False))
    )
    calendars: dict[int | None, Any] = {}

    def due(sent_on: dt.date, organisation_id: int | None) -> dt.date:
        # The board's own calendar, as oversight.selectors.calendar_of counts it (an agency may rest other days).
        if organisation_id not in calendars:
            organisation = Organisation.objects.get(pk=organisation_id) if organisation_id else None
            calendars[organisation_id] = calendar_selectors.working_calendar_of(organisation)
        return rules.recommendation_due(sent_on, calendars[organisation_id])

    answered_on_time = on_time_by_unit(
        sent,
        "addressee_unit",
        unit_ids,
        start="sent_on",
        done="answered_on",
        extra=("board__organisation_id",),
        deadline=due,
    )
    yield figure(
        "oversight.boards_recognised", _("Ban Thanh tra nhân dân, Ban giám sát được công nhận"), boards["recognised"]
    )
    yield figure("oversight.inspections", _("Cuộc kiểm tra, giám sát đã tiến hành"), inspections["held"])
    yield figure(
        "oversight.inspections_concluded",
        _("Cuộc kiểm tra, giám sát đã kết luận"),
        inspections["concluded"],
        part_of="oversight.inspections",
    )
    yield figure("oversight.recommendations_sent", _("Kiến nghị của Ban đã gửi"), recommendations["sent"])
    yield figure(
        "oversight.recommendations_answered",
        _("Kiến nghị đã được trả lời"),
        recommendations["answered"],
        part_of="oversight.recommendations_sent",
    )
    yield figure(
        "oversight.recommendations_on_time",
        _("Kiến nghị được trả lời trong 15 ngày"),
        answered_on_time,
        part_of="oversight.recommendations_sent",
    )


def oversight_records(key: str, unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Any:
    """The boards, inspections and recommendations behind each figure of ``oversight_figures``."""
    from grassroots.calendar import selectors as calendar_selectors
    from grassroots.plans.figures import FigureRecords
    from grassroots.plans.grouping import in_communes, on_time_records

    boards = Board.objects.filter(recognised_on__gte=starts_on, recognised_on__lte=ends_on)
    inspections = (
        Inspection.objects.filter(planned_on__gte=starts_on, planned_on__lte=ends_on)
        .exclude(status=InspectionStatus.CANCELLED)
        .filter(in_communes("board__unit", unit_ids))
    )
    sent = Recommendation.objects.filter(sent_on__gte=starts_on, sent_on__lte=ends_on).filter(
        in_communes("addressee_unit", unit_ids)
    )
    if key == "oversight.boards_recognised":
        return FigureRecords(boards.filter(in_communes("unit", unit_ids)), "unit")
    if key == "oversight.inspections":
        return FigureRecords(inspections, "board__unit")
    if key == "oversight.inspections_concluded":
        return FigureRecords(inspections.filter(status=InspectionStatus.CONCLUDED), "board__unit")
    if key == "oversight.recommendations_sent":
        return FigureRecords(sent, "addressee_unit")
    if key == "oversight.recommendations_answered":
        return FigureRecords(sent.filter(answered_on__isnull=False), "addressee_unit")
    if key == "oversight.recommendations_on_time":
        calendars: dict[int | None, Any] = {}

        def due(sent_on: dt.date, organisation_id: int | None) -> dt.date:
            if organisation_id not in calendars:
                organisation = Organisation.objects.get(pk=organisation_id) if organisation_id else None
                calendars[organisation_id] = calendar_selectors.working_calendar_of(organisation)
            return rules.recommendation_due(sent_on, calendars[organisation_id])

        on_time = on_time_records(
            sent, start="sent_on", done="answered_on", deadline=due, extra=("board__organisation_id",)
        )
        return FigureRecords(on_time, "addressee_unit")
    return None
