"""Completion, the K11 report, the summary sent up and the higher authority's decision ([L] art. 28(3)–(4))."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.consultations import reports, rules
from grassroots.consultations.models import (
    Consultation,
    ConsultationStatus,
    Opinion,
    OpinionStance,
)
from grassroots.consultations.services.common import _enforce, _fail, _lock, _save
from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.disclosures import services as disclosure_services
from grassroots.disclosures.models import DisclosureCategory

# --- Completion ---------------------------------------------------------------------------------


def stance_counts(consultation: Consultation) -> dict[str, int]:
    """Visible opinions per stance (what the majority rule reads)."""
    rows = (
        Opinion.objects.filter(consultation=consultation, is_hidden=False)
        .values("stance")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(OpinionStance.values, 0)
    counts.update({row["stance"]: row["count"] for row in rows})
    return counts


def consultation_complete(
    *,
    consultation: Consultation,
    final_decision: str,
    adopts_draft: bool,
    actor: Any,
    majority_justification: str = "",
    now: dt.datetime | None = None,
) -> Consultation:
    """The Chair completes the consultation: every visible opinion answered, the decision recorded (with a
    reason when it goes against the majority), the report issued and published as K11 ([L] art. 28(3)–(4))."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if not final_decision.strip():
        raise _fail("consultations.decision_required")
    with transaction.atomic():
        locked = _lock(consultation)
        if not account_selectors.user_can(actor, Action.COMPLETE_CONSULTATIONS, locked.commune_id, today):
            raise _fail("consultations.not_authorised")
        if locked.village_id is not None or locked.organisation_id is not None:
            # A village convention's comments are answered by its drafting team, a staff consultation by its
            # organisation (``consultation_complete_comments``): no commune K11 report for either.
            raise _fail("consultations.bad_transition")
        _enforce(rules.check_transition(locked.status, ConsultationStatus.COMPLETED))
        missing = Opinion.objects.filter(consultation=locked, is_hidden=False, disposition="").count()
        _enforce(rules.check_completion(opinions_without_disposition=missing))
        affected = list(locked.affected_people.all())
        _enforce(
            rules.check_right_to_be_heard(
                matter=locked.matter,
                affected=len(affected),
                unsettled=sum(1 for person in affected if not person.is_settled),
            )
        )
        against = rules.is_against_majority(counts=stance_counts(locked), adopts_draft=adopts_draft)
        _enforce(rules.check_majority_justification(against_majority=against, justification=majority_justification))
        locked.final_decision = final_decision.strip()
        locked.adopts_draft = adopts_draft
        locked.against_majority = against
        locked.majority_justification = majority_justification.strip() if against else ""
        locked.completed_on = today
        document = reports.report_issue(consultation=locked, actor=actor, now=moment)
        disclosure = disclosure_services.disclosure_create(
            unit=locked.commune,
            category=DisclosureCategory.objects.get(code=rules.REPORT_DISCLOSURE_CATEGORY),
            title=str(_("Tổng hợp, tiếp thu, giải trình ý kiến Nhân dân: %(title)s") % {"title": locked.title}),
            body=reports.disclosure_body(locked),
            decision_number=document.number_label,
            decided_on=today,
            attachments=[(f"bao-cao-{document.number:02d}.pdf", reports.report_pdf(document))],
            actor=actor,
            now=moment,
        )
        disclosure = disclosure_services.disclosure_publish(disclosure=disclosure, actor=actor, now=moment)
        locked.report_document = document
        locked.report_disclosure = disclosure
        _save(locked, verb="completed", actor=actor, moment=moment, target=ConsultationStatus.COMPLETED)
    return locked


def consultation_complete_comments(
    *, consultation: Consultation, actor: Any, now: dt.datetime | None = None
) -> Consultation:
    """Complete a village convention's comment period: every visible opinion answered ([ND61] art. 9(3)).

    The caller (``conventions``) checked who may do it; no K11 report: the commune's summary report is for
    the Law art. 25 matters, and the convention's answers are published on its page. A commune consultation
    is completed only through ``consultation_complete``. A staff consultation ([L] arts 53–55, 71–72, 74) is
    completed here too, by ``workplaces``, which publishes its explanation inside the organisation.
    """
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(consultation)
        if locked.village_id is None and locked.organisation_id is None:
            raise _fail("consultations.not_authorised")
        _enforce(rules.check_transition(locked.status, ConsultationStatus.COMPLETED))
        missing = Opinion.objects.filter(consultation=locked, is_hidden=False, disposition="").count()
        _enforce(rules.check_completion(opinions_without_disposition=missing))
        locked.completed_on = clock.localdate(moment)
        _save(locked, verb="completed", actor=actor, moment=moment, target=ConsultationStatus.COMPLETED)
    return locked


# --- A matter decided by a higher authority ([L] art. 28(4)) ------------------------------------


def summary_send_up(
    *, consultation: Consultation, authority: str, sent_on: dt.date, actor: Any, now: dt.datetime | None = None
) -> Consultation:
    """Record that the commune sent the summary (its issued report) to the higher authority deciding the matter."""
    moment = now or clock.now()
    if not authority.strip():
        raise _fail("consultations.authority_required")
    if sent_on > clock.localdate(moment):
        raise _fail("consultations.date_in_future")
    with transaction.atomic():
        locked = _lock(consultation)
        _enforce(
            rules.check_send_up(
                status=locked.status,
                is_village_convention=locked.village_id is not None or locked.organisation_id is not None,
                already_sent=locked.sent_up_on is not None,
            )
        )
        if locked.completed_on is not None and sent_on < locked.completed_on:
            raise _fail("consultations.opinion_outside_period")
        locked.higher_authority = authority.strip()
        locked.sent_up_on = sent_on
        locked.save(update_fields=["higher_authority", "sent_up_on", "updated_at"])
        audit_record(
            code="consultations.consultation.sent_up",
            actor=actor,
            unit=locked.commune_id,
            obj=locked,
            after={"higher_authority": locked.higher_authority, "sent_up_on": sent_on},
            now=moment,
        )
    return locked


def higher_decision_record(
    *,
    consultation: Consultation,
    decision: str,
    adopts_draft: bool,
    decided_on: dt.date,
    actor: Any,
    justification: str = "",
    now: dt.datetime | None = None,
) -> Consultation:
    """Record the higher authority's decision; when it goes against the majority of the opinions its explanation
    is required. Both come back to the commune and are published as a K11 disclosure ([L] art. 28(4))."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if not decision.strip():
        raise _fail("consultations.decision_required")
    if decided_on > today:
        raise _fail("consultations.date_in_future")
    with transaction.atomic():
        locked = _lock(consultation)
        _enforce(
            rules.check_higher_decision(
                sent_up=locked.sent_up_on is not None, already_recorded=locked.higher_decided_on is not None
            )
        )
        assert locked.sent_up_on is not None
        if decided_on < locked.sent_up_on:
            raise _fail("consultations.opinion_outside_period")
        against = rules.is_against_majority(counts=stance_counts(locked), adopts_draft=adopts_draft)
        if against and not justification.strip():
            raise _fail("consultations.higher_justification_required")
        locked.higher_decision = decision.strip()
        locked.higher_decided_on = decided_on
        locked.higher_adopts_draft = adopts_draft
        locked.higher_against_majority = against
        locked.higher_justification = justification.strip() if against else ""
        disclosure = disclosure_services.disclosure_create(
            unit=locked.commune,
            category=DisclosureCategory.objects.get(code=rules.REPORT_DISCLOSURE_CATEGORY),
            title=str(
                _("Quyết định của %(authority)s về: %(title)s")
                % {"authority": locked.higher_authority, "title": locked.title}
            ),
            body=reports.higher_disclosure_body(locked),
            decided_on=decided_on,
            actor=actor,
            now=moment,
        )
        locked.higher_disclosure = disclosure_services.disclosure_publish(
            disclosure=disclosure, actor=actor, now=moment
        )
        locked.save(
            update_fields=[
                "higher_decision",
                "higher_decided_on",
                "higher_adopts_draft",
                "higher_against_majority",
                "higher_justification",
                "higher_disclosure",
                "updated_at",
            ]
        )
        audit_record(
            code="consultations.consultation.higher_decision",
            actor=actor,
            unit=locked.commune_id,
            obj=locked,
            after={
                "higher_decided_on": decided_on,
                "higher_against_majority": against,
                "higher_disclosure": locked.higher_disclosure.pk,
            },
            now=moment,
        )
    return locked
