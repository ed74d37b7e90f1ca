"""Figures of commune–people dialogue conferences for the plans reports (issue 16).

Read-only; grouped by commune in one query per group of figures (``grassroots.plans.grouping``); registered by
``PlansConfig.ready``. The on-time rule is this app's own (``rules.results_due``, the results days setting).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from grassroots.reception import rules, selectors
from grassroots.reception.models import DialogueConference, DialogueStatus

HELD_STATUSES = (DialogueStatus.HELD, DialogueStatus.PUBLISHED)


def _held(starts_on: dt.date, ends_on: dt.date) -> Any:
    return DialogueConference.objects.filter(held_on__gte=starts_on, held_on__lte=ends_on, status__in=HELD_STATUSES)


def _results_due() -> Any:
    calendar = selectors.public_calendar()
    days = selectors.results_days()
    return lambda held_on: rules.results_due(held_on, days, calendar)


def dialogue_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Any]:
    """Dialogue conferences held in the period ([L] art. 32(1): at least one a year) and their results announced
    within the results days (LGO 2025 art. 43, ``rules.DEFAULT_RESULTS_DAYS``)."""
    from grassroots.plans.grouping import figure, grouped_counts, on_time_by_unit

    held = _held(starts_on, ends_on)
    counts = grouped_counts(held, "unit", unit_ids, held=Count("pk"))
    published_on_time = on_time_by_unit(
        held, "unit", unit_ids, start="held_on", done="results_published_on", deadline=_results_due()
    )
    yield figure("reception.dialogues_held", _("Hội nghị đối thoại với Nhân dân đã tổ chức"), counts["held"])
    yield figure(
        "reception.dialogue_results_on_time",
        _("Hội nghị đối thoại thông báo kết quả đúng hạn"),
        published_on_time,
        part_of="reception.dialogues_held",
    )


def dialogue_records(key: str, unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Any:
    from grassroots.plans.figures import FigureRecords
    from grassroots.plans.grouping import in_communes, on_time_records

    held = _held(starts_on, ends_on).filter(in_communes("unit", unit_ids))
    if key == "reception.dialogues_held":
        return FigureRecords(held, "unit")
    if key == "reception.dialogue_results_on_time":
        on_time = on_time_records(held, start="held_on", done="results_published_on", deadline=_results_due())
        return FigureRecords(on_time, "unit")
    return None
