"""Staff consultation ([L] arts 53–55, 71–72, 74), explained and disclosed through ``disclosures``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from grassroots.consultations import services as consultation_services
from grassroots.consultations.models import Consultation, Disposition, Opinion, OpinionChannel, OpinionStance
from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.units.models import Organisation
from grassroots.workplaces import rules
from grassroots.workplaces.models import (
    StaffMember,
)
from grassroots.workplaces.services.base import democracy_regime_of, refuse

# ---------------------------------------------------------------------------------------------
# Staff consultation ([L] arts 53–55, 71–72, 74), explained and disclosed through ``disclosures``
# ---------------------------------------------------------------------------------------------


def staff_consultation_create(
    *,
    organisation: Organisation,
    matter: str,
    title: str,
    draft: str,
    opens_on: dt.date,
    closes_on: dt.date,
    actor: Any,
    now: dt.datetime | None = None,
) -> Consultation:
    """Put a draft to all staff: a ``consultations.Consultation`` owned by the organisation, its draft one section,
    opened today through the consultations services (the staff are its audience; no Council/Front plan)."""
    moment = now or clock.now()
    if matter not in rules.consultation_matters(organisation.kind):
        raise refuse("workplaces.consultation.unknown_matter")
    if closes_on <= opens_on or closes_on < clock.localdate(moment):
        raise refuse("workplaces.consultation.dates")
    title = " ".join(title.split())
    if not title or not draft.strip():
        raise refuse("workplaces.staff.name_required")
    with transaction.atomic():
        consultation = consultation_services.consultation_create(
            commune=organisation.unit,
            organisation=organisation,
            matter=matter,
            title=title[:300],
            opens_on=opens_on,
            closes_on=closes_on,
            forms_used=[OpinionChannel.MEETING, OpinionChannel.LETTER, OpinionChannel.COMMENT_BOX],
            actor=actor,
            now=moment,
        )
        consultation_services.section_add(
            consultation=consultation, heading=title[:300], text=draft.strip(), actor=actor, now=moment
        )
        consultation = consultation_services.consultation_open(consultation=consultation, actor=actor, now=moment)
    return consultation


def staff_opinion_add(
    *,
    consultation: Consultation,
    text: str,
    received_on: dt.date,
    author: StaffMember | None = None,
    channel: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> Opinion:
    """Record one staff member's opinion (entered by the organisation's officer) through the consultations service;
    the author must be on this organisation's staff."""
    if consultation.organisation_id is None:
        raise refuse("workplaces.wrong_organisation")
    if author is not None and author.organisation_id != consultation.organisation_id:
        raise refuse("workplaces.wrong_organisation")
    return consultation_services.opinion_enter(
        consultation=consultation,
        channel=OpinionChannel.LETTER,
        stance=OpinionStance.SUGGESTION,
        text=text,
        received_on=received_on,
        source=channel.strip()[:300],
        author_name=author.full_name if author is not None else "",
        actor=actor,
        now=now,
    )


def staff_consultation_close(*, consultation: Consultation, actor: Any, now: dt.datetime | None = None) -> Consultation:
    if consultation.organisation_id is None:
        raise refuse("workplaces.wrong_organisation")
    return consultation_services.consultation_close(consultation=consultation, actor=actor, now=now)


def staff_opinion_answer(
    *, opinion: Opinion, accepted: bool, answer: str, actor: Any, now: dt.datetime | None = None
) -> Opinion:
    """Accept an opinion or explain why not (the consultations disposition, after closing)."""
    disposition = Disposition.ACCEPTED if accepted else Disposition.NOT_ACCEPTED
    return consultation_services.opinion_dispose(
        opinion=opinion, disposition=disposition, explanation=answer, actor=actor, now=now
    )


def staff_consultation_complete(
    *, consultation: Consultation, explanation: str, actor: Any, now: dt.datetime | None = None
) -> Consultation:
    """Summarise and explain, then publish the explanation inside the organisation ([L] arts 53(3), 74):
    item A10 for agencies, S8 for SOEs, through the disclosure service (deadline and posting rules there).
    Completion (every opinion answered) is the consultations service's; one transaction for both."""
    from grassroots.disclosures import services as disclosure_services
    from grassroots.disclosures.models import DisclosureCategory

    moment = now or clock.now()
    explanation = explanation.strip()
    if not explanation:
        raise refuse("workplaces.consultation.explanation_required")
    if consultation.organisation_id is None:
        raise refuse("workplaces.wrong_organisation")
    with transaction.atomic():
        completed = consultation_services.consultation_complete_comments(
            consultation=consultation, actor=actor, now=moment
        )
        organisation = Organisation.objects.select_related("unit").get(pk=consultation.organisation_id)
        category = DisclosureCategory.objects.get(
            code=rules.explanation_category(organisation.kind, democracy_regime_of(organisation))
        )
        disclosure = disclosure_services.disclosure_create(
            unit=organisation.unit,
            organisation=organisation,
            category=category,
            title=f"Tổng hợp ý kiến và giải trình: {completed.title}",
            body=explanation,
            decided_on=clock.localdate(moment),
            actor=actor,
            now=moment,
        )
        disclosure = disclosure_services.disclosure_publish(disclosure=disclosure, actor=actor, now=moment)
        completed.report_disclosure = disclosure
        completed.save(update_fields=["report_disclosure", "updated_at"])
        audit_record(
            code="workplaces.consultation.explanation_published",
            actor=actor,
            unit=organisation.unit_id,
            obj=completed,
            after={"disclosure": disclosure.pk, "category": category.code},
            now=moment,
        )
    return completed
