"""Information requests (yêu cầu cung cấp thông tin): art. 14(2); Law on Access to Information art. 29."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename

from grassroots.calendar import rules as calendar_rules
from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.disclosures import rules
from grassroots.disclosures.models import DisclosureCategory, InformationRequest
from grassroots.disclosures.services._shared import actor_or_none, enforce, local_date, public_calendar, refuse
from grassroots.units.models import AdministrativeUnit


def _request_due(received_on: dt.date) -> dt.date:
    try:
        return rules.information_request_due(received_on, public_calendar())
    except calendar_rules.CalendarRangeError as error:
        raise refuse("disclosures.decision_outside_calendar") from error


def information_request_receive(
    *,
    unit: AdministrativeUnit,
    requester_name: str,
    requester_contact: str,
    subject: str,
    received_on: dt.date | None = None,
    category: DisclosureCategory | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> InformationRequest:
    moment = now or clock.now()
    today = local_date(moment)
    day = received_on or today
    if not requester_name.strip() or not requester_contact.strip():
        raise refuse("disclosures.request_requester_required")
    if not subject.strip():
        raise refuse("disclosures.request_subject_required")
    if day > today:
        raise refuse("disclosures.request_received_in_future")
    with transaction.atomic():
        request = InformationRequest.objects.create(
            unit=unit,
            requester_name=requester_name.strip(),
            requester_contact=requester_contact.strip(),
            subject=subject.strip(),
            category=category,
            received_on=day,
            due_on=_request_due(day),
            created_by=actor_or_none(actor),
        )
        audit_record(
            code="disclosures.information_request.received",
            actor=actor,
            unit=unit,
            obj=request,
            after={"received_on": day, "due_on": request.due_on},
            now=moment,
        )
    return request


def information_request_extend(
    *, request: InformationRequest, reason: str, actor: Any, now: dt.datetime | None = None
) -> InformationRequest:
    """Extend once by 10 working days, with a written reason, before the first deadline passes."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = InformationRequest.objects.select_for_update().get(pk=request.pk)
        result = rules.check_information_request_extension(
            status=locked.status,
            extensions_used=1 if locked.extended_due_on else 0,
            reason=reason,
            due_on=locked.due_on,
            today=local_date(moment),
        )
        enforce(result)
        locked.extended_due_on = rules.information_request_extended_due(locked.due_on, public_calendar())
        locked.extension_reason = reason.strip()
        locked.status = result.params["target"]
        locked.save()
        audit_record(
            code="disclosures.information_request.extended",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={"extended_due_on": locked.extended_due_on, "reason": locked.extension_reason},
            now=moment,
        )
    return locked


def information_request_answer(
    *,
    request: InformationRequest,
    answer: str,
    attachment: tuple[str, bytes] | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> InformationRequest:
    """Record the answer (text, optionally a PDF/DOCX/image file); whether it was on time is audited.

    The answer is dated the day of ``now``, never a typed date: a late answer cannot look on time.
    """
    moment = now or clock.now()
    day = local_date(moment)
    attachment_kind = ""
    if attachment is not None:
        result = rules.check_upload(name=attachment[0], content=attachment[1])
        enforce(result)
        attachment_kind = str(result.params["kind"])
    with transaction.atomic():
        locked = InformationRequest.objects.select_for_update().get(pk=request.pk)
        result = rules.check_information_request_answer(
            status=locked.status, answer=answer, answered_on=day, received_on=locked.received_on
        )
        enforce(result)
        before = {"status": locked.status}
        locked.status = result.params["target"]
        locked.answer = answer.strip()
        locked.answered_on = day
        if attachment is not None:
            locked.answer_attachment_name = attachment[0][:255]
            locked.answer_attachment.save(
                get_valid_filename(attachment[0]) or "tra-loi", ContentFile(attachment[1]), save=False
            )
        locked.save()
        audit_record(
            code="disclosures.information_request.answered",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            before=before,
            after={
                "status": locked.status,
                "answered_on": day,
                "on_time": day <= locked.current_due_on,
                "attachment": attachment_kind,
            },
            now=moment,
        )
    return locked
