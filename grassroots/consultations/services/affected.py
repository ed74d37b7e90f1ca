"""C8: the affected citizens' right to be heard and the signing of the decision ([L] art. 27)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.consultations import reports, rules
from grassroots.consultations.models import (
    AffectedPerson,
    Consultation,
    ConsultationMatter,
)
from grassroots.consultations.services.common import _enforce, _fail, _lock, _require_status
from grassroots.core import clock
from grassroots.core.services import audit_record

# --- The right to be heard (C8, [L] art. 27) ------------------------------------------------------


def affected_person_add(
    *, consultation: Consultation, full_name: str, notified_on: dt.date, actor: Any, now: dt.datetime | None = None
) -> AffectedPerson:
    """Record a citizen a C8 draft would burden, and the day they were informed."""
    moment = now or clock.now()
    if not full_name.strip():
        raise _fail("consultations.name_required")
    if notified_on > clock.localdate(moment):
        raise _fail("consultations.date_in_future")
    with transaction.atomic():
        locked = _lock(consultation)
        if locked.matter != ConsultationMatter.C8:
            raise _fail("consultations.not_c8")
        _require_status(
            locked, {*rules.EDITABLE_STATUSES, *rules.OPINION_ENTRY_STATUSES}, "consultations.bad_transition"
        )
        person = AffectedPerson.objects.create(
            consultation=locked, full_name=full_name.strip(), notified_on=notified_on
        )
        audit_record(
            code="consultations.affected_person.notified",
            actor=actor,
            unit=locked.commune_id,
            obj=locked,
            after={"person": person.pk, "notified_on": notified_on},
            now=moment,
        )
    return person


def affected_person_heard(
    *,
    person: AffectedPerson,
    actor: Any,
    heard_on: dt.date | None = None,
    views: str = "",
    declined: bool = False,
    now: dt.datetime | None = None,
) -> AffectedPerson:
    """Record that the person presented their views (on ``heard_on``) or did not ask to be heard."""
    moment = now or clock.now()
    if heard_on is not None and heard_on > clock.localdate(moment):
        raise _fail("consultations.date_in_future")
    if not declined and (heard_on is None or not views.strip()):
        raise _fail("consultations.explanation_required")
    with transaction.atomic():
        consultation = _lock(person.consultation_id)
        _require_status(
            consultation, {*rules.EDITABLE_STATUSES, *rules.OPINION_ENTRY_STATUSES}, "consultations.bad_transition"
        )
        locked = AffectedPerson.objects.select_for_update().get(pk=person.pk)
        before = {"heard_on": locked.heard_on, "declined": locked.declined}
        locked.declined = declined
        locked.heard_on = None if declined else heard_on
        locked.views = "" if declined else views.strip()
        locked.save(update_fields=["declined", "heard_on", "views"])
        audit_record(
            code="consultations.affected_person.heard",
            actor=actor,
            unit=consultation.commune_id,
            obj=consultation,
            before=before,
            after={"person": locked.pk, "heard_on": locked.heard_on, "declined": locked.declined},
            now=moment,
        )
    return locked


# --- After completion: the C8 decision is signed ([L] art. 27) ---------------------------------


def decision_sign(*, consultation: Consultation, actor: Any, now: dt.datetime | None = None) -> Consultation:
    """The Chair signs the C8 decision (the final decision of the completed consultation), issued through
    ``documents``; refused until the explanation report is issued and filed with it and every affected citizen
    was heard or declined ([L] art. 27). The report's number is cited in the decision ("filed with the draft")."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(consultation)
        if not account_selectors.user_can(actor, Action.COMPLETE_CONSULTATIONS, locked.commune_id, today):
            raise _fail("consultations.not_authorised")
        affected = list(locked.affected_people.all())
        _enforce(
            rules.check_decision_signing(
                matter=locked.matter,
                status=locked.status,
                has_explanation=locked.report_document_id is not None,
                already_signed=locked.decision_document_id is not None,
                unsettled=sum(1 for person in affected if not person.is_settled),
            )
        )
        document = reports.decision_issue(consultation=locked, affected=affected, actor=actor, now=moment)
        locked.decision_document = document
        locked.save(update_fields=["decision_document", "updated_at"])
        audit_record(
            code="consultations.consultation.decision_signed",
            actor=actor,
            unit=locked.commune_id,
            obj=locked,
            after={"decision_document": document.pk, "report_document": locked.report_document_id},
            now=moment,
        )
    return locked
