"""Stored deadlines follow the working calendar: recompute them after the holiday table changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from grassroots.calendar import rules as calendar_rules
from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.disclosures import rules
from grassroots.disclosures.models import Disclosure, InformationRequest, InformationRequestStatus
from grassroots.disclosures.services._shared import calendar_of
from grassroots.units.models import AdministrativeUnit


def _store_if_changed(
    row: Disclosure | InformationRequest, values: dict[str, Any], *, code: str, actor: Any, moment: dt.datetime
) -> bool:
    """Write ``values`` onto ``row`` and audit old and new dates, unless nothing changed."""
    before = {name: getattr(row, name) for name in values}
    if before == values:
        return False
    type(row).objects.filter(pk=row.pk).update(**values)
    audit_record(code=code, actor=actor, unit=row.unit_id, obj=row, before=before, after=values, now=moment)
    return True


def disclosure_due_dates_recompute(
    *, unit: AdministrativeUnit | None = None, actor: Any, now: dt.datetime | None = None
) -> int:
    """Recompute every stored deadline (disclosures' ``due_on``, open information requests' due dates)
    from the current working calendar, e.g. after a holiday override was added. Returns how many rows
    changed; each change is audited with the old and new date. ``unit`` limits it to one unit.

    An organisation's internal disclosure is counted in its own working week (``calendar_of``)."""
    moment = now or clock.now()
    changed = 0
    disclosures = Disclosure.objects.select_related("category", "organisation").order_by("pk")
    requests = InformationRequest.objects.exclude(status=InformationRequestStatus.ANSWERED).order_by("pk")
    if unit is not None:
        disclosures = disclosures.filter(unit=unit)
        requests = requests.filter(unit=unit)
    with transaction.atomic():
        for disclosure in disclosures.select_for_update(of=("self",)):
            calendar = calendar_of(disclosure.organisation)
            try:
                due_on = rules.category_deadline(disclosure.category.as_rule(), disclosure.decided_on, calendar)
            except calendar_rules.CalendarRangeError:
                continue  # outside the calendar's years: keep what was stored
            changed += _store_if_changed(
                disclosure, {"due_on": due_on}, code="disclosures.disclosure.due_recomputed", actor=actor, moment=moment
            )
        calendar = calendar_of(None)  # a citizen's request to the commune: the public-sector calendar
        for request in requests.select_for_update():
            try:
                due_on = rules.information_request_due(request.received_on, calendar)
                extended = rules.information_request_extended_due(due_on, calendar) if request.extended_due_on else None
            except calendar_rules.CalendarRangeError:
                continue
            changed += _store_if_changed(
                request,
                {"due_on": due_on, "extended_due_on": extended},
                code="disclosures.information_request.due_recomputed",
                actor=actor,
                moment=moment,
            )
    return changed


def recompute_after_calendar_change(actor: Any) -> None:
    """Listener of the calendar's override table: stored due dates follow the new holidays."""
    disclosure_due_dates_recompute(actor=actor)
