"""The conference's papers: minutes and resolution, chair and stand-in, cancellation, six-month review."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from grassroots.core import clock
from grassroots.core.services import audit_record, state_change
from grassroots.documents import rules as document_rules
from grassroots.documents.models import Document, DocumentType
from grassroots.documents.selectors import issuing_body_for
from grassroots.documents.services import document_issue
from grassroots.documents.spec import Recipients
from grassroots.units.models import Organisation
from grassroots.workplaces import rules, selectors
from grassroots.workplaces.models import (
    Conference,
    ConferenceStatus,
    HeadAuthorisation,
    ResolutionItem,
    ResolutionReview,
    StaffMember,
)
from grassroots.workplaces.services.base import _enforce, _refused, _vietnamese, democracy_regime_of, refuse
from grassroots.workplaces.services.conferences import _lock, conference_snapshot

LEGAL_BASES = ("Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;",)


def _signer(organisation: Organisation, actor: Any, conference: Conference | None = None) -> Any:
    """The chair signs the minutes and the resolution: the recorded chair when there is one (a deputy standing in
    signs "TUQ." for the head), else the head's account that issues them."""
    printed = issuing_body_for(organisation)
    chair = conference.chair if conference is not None else None
    if chair is not None and conference is not None and conference.chair_authorisation_id is not None:
        # Signed "TUQ." (by the head's written authorisation) above the deputy's own position: the documents app
        # reserves "KT." for its commune deputy roles; see the guide's limits.
        return document_rules.signature_block(
            issuer=printed,
            signer_role="staff_member",
            signer_name=chair.full_name,
            authority="TUQ",
            position=chair.position or "CẤP PHÓ",
            head_title=printed.head_title or "THỦ TRƯỞNG ĐƠN VỊ",
        )
    name = chair.full_name if chair is not None else str(getattr(actor, "full_name", "") or actor.get_username())
    return document_rules.signature_block(
        issuer=printed, signer_role="agency_head", signer_name=name, position="CHỦ TRÌ HỘI NGHỊ"
    )


def _conference_name(conference: Conference) -> str:
    if conference.organisation.kind in ("state_owned_enterprise", "other_employer"):
        return "Hội nghị người lao động"
    return "Hội nghị cán bộ, công chức, viên chức, người lao động"


def _minutes_body(conference: Conference, present: int, items: list[ResolutionItem]) -> list[dict[str, Any]]:
    rows = [
        [
            str(item.position),
            item.title,
            str(item.votes_for),
            str(item.votes_against),
            str(item.votes_abstain or 0),
            "Thông qua" if rules.passes(present=present, votes_for=item.votes_for or 0) else "Không thông qua",
        ]
        for item in items
    ]
    needed = rules.quorum_needed(conference.roll_size or 0)
    return [
        {
            "type": "section",
            "title": "Thành phần, số lượng",
            "children": [
                {
                    "type": "paragraph",
                    "text": (
                        f"Tổng số người được triệu tập: {conference.roll_size}; có mặt: {present} "
                        f"(cần tối thiểu {needed}, đủ hai phần ba theo "
                        f"{rules.conference_article(conference.organisation.kind)} Luật Thực hiện dân chủ ở cơ sở)."
                    ),
                }
            ],
        },
        {
            "type": "section",
            "title": "Trình tự hội nghị",
            "children": [{"type": "item", "title": _vietnamese(step), "text": ""} for step in rules.AGENDA],
        },
        {
            "type": "section",
            "title": "Kết quả biểu quyết",
            "children": [
                {
                    "type": "table",
                    "header": ["TT", "Nội dung", "Tán thành", "Không tán thành", "Không biểu quyết", "Kết quả"],
                    "rows": rows,
                    "widths": [1, 5, 2, 2, 2, 2],
                }
            ],
        },
    ]


def _disclose_resolution(
    conference: Conference, resolution: Document, passed: list[ResolutionItem], *, actor: Any, now: dt.datetime
) -> Any:
    """Publish the resolution inside the organisation through ``disclosures`` (its deadline, channels and the
    20-day posting are that app's rules), with the issued PDF attached."""
    from grassroots.disclosures import services as disclosure_services
    from grassroots.disclosures.models import DisclosureCategory

    organisation = conference.organisation
    with resolution.pdf_file.open("rb") as handle:
        pdf = handle.read()
    disclosure = disclosure_services.disclosure_create(
        unit=organisation.unit,
        organisation=organisation,
        category=DisclosureCategory.objects.get(
            code=rules.resolution_category(organisation.kind, democracy_regime_of(organisation))
        ),
        title=f"Nghị quyết {_conference_name(conference).lower()} năm {conference.work_year}",
        body="\n".join(f"{item.position}. {item.title}" for item in passed),
        decision_number=f"{resolution.number}/{resolution.symbol}",
        decided_on=resolution.issued_on,
        attachments=[("nghi-quyet.pdf", pdf)],
        actor=actor,
        now=now,
    )
    return disclosure_services.disclosure_publish(disclosure=disclosure, actor=actor, now=now)


def head_authorisation_record(
    *,
    organisation: Organisation,
    deputy: StaffMember,
    valid_from: dt.date,
    valid_until: dt.date,
    reference: str,
    reason: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> HeadAuthorisation:
    """Record the head's written authorisation of a deputy for the days the head is absent (giấy ủy quyền)."""
    moment = now or clock.now()
    reference, reason = " ".join(reference.split()), " ".join(reason.split())
    if not reference or not reason:
        raise refuse("workplaces.stand_in.details_required")
    if valid_until < valid_from:
        raise refuse("workplaces.stand_in.period")
    with transaction.atomic():
        member = StaffMember.objects.select_for_update().get(pk=deputy.pk)
        if member.organisation_id != organisation.pk:
            raise refuse("workplaces.wrong_organisation")
        if member.is_head:
            raise refuse("workplaces.stand_in.head_needs_none")
        if member.active_from > valid_from or (member.active_until is not None and member.active_until <= valid_until):
            raise refuse("workplaces.stand_in.inactive")
        authorisation = HeadAuthorisation.objects.create(
            organisation=organisation,
            deputy=member,
            valid_from=valid_from,
            valid_until=valid_until,
            reference=reference[:100],
            reason=reason[:300],
            created_by=actor,
        )
        audit_record(
            code="workplaces.stand_in.authorised",
            actor=actor,
            unit=organisation.unit_id,
            obj=authorisation,
            after={
                "deputy": member.pk,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "reference": authorisation.reference,
            },
            now=moment,
        )
    return authorisation


CHAIR_STATUSES = (ConferenceStatus.PREPARING, ConferenceStatus.OPEN, ConferenceStatus.HELD)
"""The chair may be named or changed until the resolution is issued."""


def conference_chair_set(
    *, conference: Conference, chair: StaffMember, actor: Any, now: dt.datetime | None = None
) -> Conference:
    """Name who chairs the conference: the head, or while the head is absent a deputy whose written authorisation
    covers the conference day (kept on the conference; the chair signs its minutes and resolution)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(conference)
        if locked.status not in CHAIR_STATUSES:
            raise refuse("workplaces.conference.transition")
        member = StaffMember.objects.get(pk=chair.pk)
        if member.organisation_id != locked.organisation_id:
            raise refuse("workplaces.wrong_organisation")
        authorisation = (
            None if member.is_head else selectors.authorisation_on(locked.organisation_id, member, locked.scheduled_on)
        )
        _enforce(rules.check_stand_in(is_head=member.is_head, authorised=authorisation is not None))
        before = {"chair": locked.chair_id, "chair_authorisation": locked.chair_authorisation_id}
        locked.chair = member
        locked.chair_authorisation = authorisation
        locked.save(update_fields=["chair", "chair_authorisation", "updated_at"])
        audit_record(
            code="workplaces.conference.chair_set",
            actor=actor,
            unit=locked.organisation.unit_id,
            obj=locked,
            before=before,
            after={"chair": member.pk, "chair_authorisation": getattr(authorisation, "pk", None)},
            now=moment,
        )
    return locked


def conference_issue(*, conference: Conference, actor: Any, now: dt.datetime | None = None) -> Conference:
    """Issue the minutes and the resolution (the matters that passed) through ``documents``, then close."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(conference)
        _enforce(rules.check_conference_transition(locked.status, ConferenceStatus.ISSUED))
        items = list(locked.items.order_by("position"))
        if not items:
            raise refuse("workplaces.conference.no_items")
        if any(item.voted_at is None for item in items):
            raise refuse("workplaces.conference.items_unvoted")
        present = selectors.present_count(locked)
        organisation = locked.organisation
        name = _conference_name(locked)
        signer = _signer(organisation, actor, locked)
        recipients = Recipients(copies=("Công đoàn cơ sở", "Toàn thể cán bộ, người lao động"), archive_unit="VP")
        minutes = document_issue(
            kind=DocumentType.MINUTES,
            issuer=organisation,
            summary=f"{name} năm {locked.work_year}",
            body=_minutes_body(locked, present, items),
            signer=signer,
            recipients=recipients,
            legal_bases=LEGAL_BASES,
            signer_user=actor,
            actor=actor,
            now=moment,
        )
        passed = [item for item in items if rules.passes(present=present, votes_for=item.votes_for or 0)]
        articles = [{"type": "article", "title": item.title, "text": item.text} for item in passed] or [
            {"type": "paragraph", "text": "Hội nghị không thông qua nội dung nào."}
        ]
        resolution = document_issue(
            kind=DocumentType.RESOLUTION,
            issuer=organisation,
            summary=f"{name} năm {locked.work_year}",
            body=articles,
            signer=signer,
            recipients=recipients,
            legal_bases=(*LEGAL_BASES, f"Căn cứ Biên bản {name.lower()} năm {locked.work_year};"),
            enacting_authority=name.upper(),
            enacting_word="QUYẾT NGHỊ:",
            signer_user=actor,
            actor=actor,
            now=moment,
        )
        locked.minutes_document = minutes
        locked.resolution_document = resolution
        locked.resolution_disclosure = _disclose_resolution(locked, resolution, passed, actor=actor, now=moment)
        locked.issued_at = moment
        state_change(
            locked,
            code="workplaces.conference.issued",
            actor=actor,
            unit=organisation.unit_id,
            snapshot=lambda item: {**conference_snapshot(item), "passed": [row.pk for row in passed]},
            now=moment,
            target=ConferenceStatus.ISSUED,
            check=rules.check_conference_transition,
            refused=_refused,
        )
    return locked


def conference_cancel(*, conference: Conference, reason: str, actor: Any, now: dt.datetime | None = None) -> Conference:
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(conference)
        locked.cancel_reason = reason.strip()
        state_change(
            locked,
            code="workplaces.conference.cancelled",
            actor=actor,
            unit=locked.organisation.unit_id,
            snapshot=conference_snapshot,
            now=moment,
            target=ConferenceStatus.CANCELLED,
            check=rules.check_conference_transition,
            refused=_refused,
        )
    return locked


def resolution_review_record(
    *, conference: Conference, findings: str, actor: Any, now: dt.datetime | None = None
) -> ResolutionReview:
    """The six-monthly check of the resolution with the union, notified to all staff ([L] arts 52(3), 70(3))."""
    moment = now or clock.now()
    findings = findings.strip()
    if not findings:
        raise refuse("workplaces.consultation.explanation_required")
    with transaction.atomic():
        locked = _lock(conference)
        if locked.status != ConferenceStatus.ISSUED:
            raise refuse("workplaces.conference.not_issued")
        notice: Document = document_issue(
            kind=DocumentType.NOTICE,
            issuer=locked.organisation,
            summary=f"Kết quả kiểm tra việc thực hiện nghị quyết hội nghị năm {locked.work_year}",
            body=[{"type": "paragraph", "text": findings}],
            signer=document_rules.signature_block(
                issuer=issuing_body_for(locked.organisation),
                signer_role="agency_head",
                signer_name=str(getattr(actor, "full_name", "") or actor.get_username()),
            ),
            recipients=Recipients(copies=("Công đoàn cơ sở", "Toàn thể cán bộ, người lao động"), archive_unit="VP"),
            signer_user=actor,
            actor=actor,
            now=moment,
        )
        review = ResolutionReview.objects.create(
            conference=locked,
            reviewed_on=clock.localdate(moment),
            findings=findings,
            notice_document=notice,
            recorded_by=actor,
        )
        audit_record(
            code="workplaces.resolution.reviewed",
            actor=actor,
            unit=locked.organisation.unit_id,
            obj=locked,
            after={"review": review.pk, "notice": notice.pk},
            now=moment,
        )
    return review
