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
from grassroots.disclosures.services._shared import public_calendar
from grassroots.units.models import AdministrativeUnit


def disclosure_due_dates_recompute(
    *, unit: AdministrativeUnit | None = None, actor: Any, now: dt.datetime | None = None
) -> int:
    """Recompute every stored deadline (disclosures' ``due_on``, open information requests' due dates)
    from the current working calendar, e.g. after a holiday override was added. Returns how many rows
    changed; each change is audited with the old and new date. ``unit`` limits it to one unit."""
    moment = now or clock.now()
    calendar = public_calendar()
    changed = 0
    disclosures = Disclosure.objects.select_related("category").order_by("pk")
    requests = InformationRequest.objects.exclude(status=InformationRequestStatus.ANSWERED).order_by("pk")
    if unit is not None:
        disclosures = disclosures.filter(unit=unit)
        requests = requests.filter(unit=unit)
    with transaction.atomic():
        for disclosure in disclosures.select_for_update(of=("self",)):
            try:
                due_on = rules.category_deadline(disclosure.category.as_rule(), disclosure.decided_on, calendar)
            except calendar_rules.CalendarRangeError:
                continue  # outside the calendar's years: keep what was stored
            if due_on == disclosure.due_on:
                continue
            before = disclosure.due_on
            Disclosure.objects.filter(pk=disclosure.pk).update(due_on=due_on)
            changed += 1
            audit_record(
                code="disclosures.disclosure.due_recomputed",
                actor=actor,
                unit=disclosure.unit_id,
                obj=disclosure,
                before={"due_on": before},
                after={"due_on": due_on},
                now=moment,
            )
        for request in requests.select_for_update():
            try:
                due_on = rules.information_request_due(request.received_on, calendar)
                extended = rules.information_request_extended_due(due_on, calendar) if request.extended_due_on else None
            except calendar_rules.CalendarRangeError:
                continue
            if (due_on, extended) == (request.due_on, request.extended_due_on):
                continue
            before_dates = {"due_on": request.due_on, "extended_due_on": request.extended_due_on}
            InformationRequest.objects.filter(pk=request.pk).update(due_on=due_on, extended_due_on=extended)
            changed += 1
            audit_record(
                code="disclosures.information_request.due_recomputed",
                actor=actor,
                unit=request.unit_id,
                obj=request,
                before=before_dates,
                after={"due_on": due_on, "extended_due_on": extended},
                now=moment,
            )
    return changed


def recompute_after_calendar_change(actor: Any) -> None:
    """Listener of the calendar's override table: stored due dates follow the new holidays."""
    disclosure_due_dates_recompute(actor=actor)
