"""Preparation and the period: the draft, the plan sent to the Council and the Front, open, close, cancel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.consultations import reports, rules
from grassroots.consultations.models import (
    Consultation,
    ConsultationSection,
    ConsultationStatus,
)
from grassroots.consultations.services.common import _enforce, _fail, _lock, _require_status, _save, _snapshot
from grassroots.consultations.services.opinions import _check_channel
from grassroots.core import clock
from grassroots.core.services import audit_record, state_change
from grassroots.units.models import AdministrativeUnit, Organisation, UnitLevel

# --- Preparation ------------------------------------------------------------------------------


def consultation_create(
    *,
    commune: AdministrativeUnit,
    matter: str,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    actor: Any,
    summary: str = "",
    plan_content: str = "",
    forms_used: Sequence[str] = (),
    plan_timeline: str = "",
    plan_owner: str = "",
    accepts_unsigned_opinions: bool = False,
    village: AdministrativeUnit | None = None,
    minimum_days: int = rules.MIN_CONSULTATION_DAYS_COMMUNE,
    organisation: Organisation | None = None,
    now: dt.datetime | None = None,
) -> Consultation:
    """A consultation in preparation; the planned period is already checked against the 20 days.

    ``accepts_unsigned_opinions``: the commune lets people give opinions online with their name and community
    without signing in (moderation handles abuse).
    ``village`` and ``minimum_days``: the comment period of a village convention's draft ([ND61] art. 9): only
    that village's people comment, for at least ``minimum_days`` (30) days, with no Council/Front plan.
    ``organisation``: a staff consultation of that agency, unit or enterprise ([L] arts 53, 71); ``commune`` is then
    the organisation's own area, no Council/Front plan, and the caller (``workplaces``) checked the period."""
    moment = now or clock.now()
    if organisation is not None:
        if commune.pk != organisation.unit_id or village is not None:
            raise _fail("consultations.not_commune")
    elif commune.level != UnitLevel.COMMUNE:
        raise _fail("consultations.not_commune")
    if village is not None and village.parent_id != commune.pk:
        raise _fail("consultations.not_resident")
    if not title.strip():
        raise _fail("consultations.title_required")
    if closes_on <= opens_on:
        raise _fail("consultations.dates_unordered")
    if organisation is None:
        _enforce(rules.check_period(published_on=opens_on, closes_on=closes_on, minimum_days=minimum_days))
    with transaction.atomic():
        consultation = Consultation.objects.create(
            commune=commune,
            matter=matter,
            title=title.strip(),
            summary=summary.strip(),
            opens_on=opens_on,
            closes_on=closes_on,
            plan_content=plan_content.strip(),
            forms_used=list(forms_used),
            plan_timeline=plan_timeline.strip(),
            plan_owner=plan_owner.strip(),
            accepts_unsigned_opinions=accepts_unsigned_opinions,
            village=village,
            minimum_days=max(minimum_days, rules.MIN_CONSULTATION_DAYS_COMMUNE),
            organisation=organisation,
            created_by=actor,
        )
        audit_record(
            code="consultations.consultation.created",
            actor=actor,
            unit=commune,
            obj=consultation,
            after={**_snapshot(consultation), "matter": matter, "forms_used": list(forms_used)},
            now=moment,
        )
    return consultation


def section_add(
    *, consultation: Consultation, heading: str, text: str, actor: Any, now: dt.datetime | None = None
) -> ConsultationSection:
    """Add the next part of the draft (before publication)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(consultation)
        _require_status(locked, rules.EDITABLE_STATUSES, "consultations.not_editable")
        position = (locked.sections.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        section = ConsultationSection.objects.create(
            consultation=locked, position=position, heading=heading.strip(), text=text.strip()
        )
        audit_record(
            code="consultations.section.added",
            actor=actor,
            unit=locked.commune_id,
            obj=locked,
            after={"section": section.pk, "position": position, "heading": section.heading},
            now=moment,
        )
    return section


def plan_record_sent(
    *,
    consultation: Consultation,
    sent_to_council_on: dt.date,
    sent_to_front_on: dt.date,
    actor: Any,
    now: dt.datetime | None = None,
) -> Consultation:
    """Record the days a plan made outside the platform went to the People's Council and the Front ([L] art.
    28(1)); ``plan_issue`` issues it here instead."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if sent_to_council_on > today or sent_to_front_on > today:
        raise _fail("consultations.date_in_future")
    with transaction.atomic():
        locked = _lock(consultation)
        _require_status(locked, rules.EDITABLE_STATUSES, "consultations.not_editable")
        if locked.plan_document_id is not None:  # the issued paper's day stands; a typed day would contradict it
            raise _fail("consultations.plan_already_issued")
        locked.plan_sent_to_council_on = sent_to_council_on
        locked.plan_sent_to_front_on = sent_to_front_on
        _save(locked, verb="plan_sent", actor=actor, moment=moment)
    return locked


def _plan_snapshot(consultation: Consultation) -> dict[str, Any]:
    return {
        **_snapshot(consultation),
        "plan_content": consultation.plan_content,
        "forms_used": list(consultation.forms_used),
        "plan_timeline": consultation.plan_timeline,
        "plan_owner": consultation.plan_owner,
    }


def plan_update(
    *,
    consultation: Consultation,
    plan_content: str,
    forms_used: Sequence[str],
    plan_timeline: str,
    plan_owner: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> Consultation:
    """Correct the plan (content, forms, timeline, owner; [L] art. 28(1)) of a commune consultation until it closes.

    Staff of the commune only (``MANAGE_CONSULTATIONS``), audited with the plan before and after. Before opening, a
    plan already sent to the People's Council and the Front (issued here or recorded as sent on paper) is marked
    unsent, so the corrected plan is sent again before the consultation opens (the old paper stays in the history).
    While open, the forms already published stay: a form may be added, not taken away (people may be using it).
    Refusals: ``consultations.not_authorised_plan``, ``consultations.plan_closed``, ``consultations.no_plan_needed``,
    ``consultations.bad_channel``, ``consultations.plan_forms_required``, ``consultations.plan_form_removed``."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    chosen = list(dict.fromkeys(forms_used))
    for channel in chosen:
        _check_channel(channel)
    if not chosen:
        raise _fail("consultations.plan_forms_required")
    with transaction.atomic():
        locked = _lock(consultation)
        if not account_selectors.user_can(actor, Action.MANAGE_CONSULTATIONS, locked.commune_id, today):
            raise _fail("consultations.not_authorised_plan")
        _enforce(
            rules.check_plan_update(
                status=locked.status,
                is_commune_consultation=locked.village_id is None and locked.organisation_id is None,
            )
        )
        if locked.status == ConsultationStatus.OPEN and not set(locked.forms_used) <= set(chosen):
            raise _fail("consultations.plan_form_removed")
        changed = (
            locked.plan_content != plan_content.strip()
            or list(locked.forms_used) != chosen
            or locked.plan_timeline != plan_timeline.strip()
            or locked.plan_owner != plan_owner.strip()
        )
        locked.plan_content = plan_content.strip()
        locked.forms_used = chosen
        locked.plan_timeline = plan_timeline.strip()
        locked.plan_owner = plan_owner.strip()
        if changed and locked.status == ConsultationStatus.DRAFT:
            locked.plan_document = None
            locked.plan_sent_to_council_on = None
            locked.plan_sent_to_front_on = None
        state_change(
            locked,
            code="consultations.consultation.plan_updated",
            actor=actor,
            unit=locked.commune_id,
            snapshot=_plan_snapshot,
            now=moment,
        )
    return locked


PLAN_PART_LABELS: Mapping[str, Any] = {
    "content": _("nội dung"),
    "forms": _("hình thức lấy ý kiến"),
    "timeline": _("tiến độ"),
    "owner": _("người, bộ phận chủ trì"),
}


def plan_issue(*, consultation: Consultation, actor: Any, now: dt.datetime | None = None) -> Consultation:
    """Issue the plan (content, forms, timeline, owner) as a paper of the People's Committee addressed to the
    commune People's Council and the Front ([L] art. 28(1)), and record both sending days as today.

    Signed by the actor when they are the Chair or a Vice-Chair, else by the Chair. Refusals:
    ``consultations.not_authorised_plan``, ``consultations.not_editable``, ``consultations.no_plan_needed``,
    ``consultations.plan_incomplete`` (``parts``: what is missing), ``consultations.plan_already_issued``,
    ``consultations.no_signer``; ``documents.incomplete`` from the documents app."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(consultation)
        if not account_selectors.user_can(actor, Action.MANAGE_CONSULTATIONS, locked.commune_id, today):
            raise _fail("consultations.not_authorised_plan")
        _require_status(locked, rules.EDITABLE_STATUSES, "consultations.not_editable")
        result = rules.check_plan_issuable(
            content=locked.plan_content,
            forms=locked.forms_used,
            timeline=locked.plan_timeline,
            owner=locked.plan_owner,
            is_commune_consultation=locked.village_id is None and locked.organisation_id is None,
        )
        if not result:
            missing = list(result.params.get("missing", []))
            parts = ", ".join(str(PLAN_PART_LABELS[part]) for part in missing)
            raise _fail(result.code, missing=missing, parts=parts)
        if locked.plan_document_id is not None:
            raise _fail("consultations.plan_already_issued")
        signer = reports.plan_signer(locked, actor, today)
        if signer is None:
            raise _fail("consultations.no_signer")
        locked.plan_document = reports.plan_issue(
            consultation=locked, signer=signer[0], signer_role=signer[1], actor=actor, now=moment
        )
        locked.plan_sent_to_council_on = today
        locked.plan_sent_to_front_on = today
        _save(locked, verb="plan_issued", actor=actor, moment=moment)
    return locked


def consultation_open(*, consultation: Consultation, actor: Any, now: dt.datetime | None = None) -> Consultation:
    """Publish the draft today: the 20 days run from the day of ``now`` (the clock, not a typed date)."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(consultation)
        _enforce(rules.check_transition(locked.status, ConsultationStatus.OPEN))
        if not locked.sections.exists():
            raise _fail("consultations.no_sections")
        _enforce(
            rules.check_plan_sent(
                sent_to_council_on=locked.plan_sent_to_council_on,
                sent_to_front_on=locked.plan_sent_to_front_on,
                is_village_convention=locked.village_id is not None or locked.organisation_id is not None,
            )
        )
        if locked.organisation_id is None:
            _enforce(
                rules.check_period(published_on=today, closes_on=locked.closes_on, minimum_days=locked.minimum_days)
            )
        elif today > locked.closes_on:
            raise _fail("consultations.dates_unordered")
        locked.published_on = today
        _save(locked, verb="opened", actor=actor, moment=moment, target=ConsultationStatus.OPEN)
    return locked


def consultation_close(*, consultation: Consultation, actor: Any, now: dt.datetime | None = None) -> Consultation:
    """Stop taking opinions once the announced last day is over; dispositions may then be given."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(consultation)
        _enforce(rules.check_transition(locked.status, ConsultationStatus.CLOSED))
        _enforce(rules.check_close(closes_on=locked.closes_on, today=today))
        locked.closed_on = today
        _save(locked, verb="closed", actor=actor, moment=moment, target=ConsultationStatus.CLOSED)
    return locked


def consultation_cancel(
    *, consultation: Consultation, reason: str, actor: Any, now: dt.datetime | None = None
) -> Consultation:
    """Cancel before closing, with a reason (kept and shown; the opinions already given stay)."""
    moment = now or clock.now()
    if not reason.strip():
        raise _fail("consultations.reason_required")
    with transaction.atomic():
        locked = _lock(consultation)
        locked.cancel_reason = reason.strip()
        _save(locked, verb="cancelled", actor=actor, moment=moment, target=ConsultationStatus.CANCELLED)
    return locked
