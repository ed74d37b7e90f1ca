"""Workplace dialogue (Labour Code art. 63; Decree 145/2020 arts 38–41)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from grassroots.calendar.selectors import working_calendar_of
from grassroots.core import clock
from grassroots.core.services import audit_record, state_change
from grassroots.documents import rules as document_rules
from grassroots.documents.models import DocumentType
from grassroots.documents.selectors import issuing_body_for
from grassroots.documents.services import document_issue
from grassroots.documents.spec import Recipients
from grassroots.units.models import Organisation
from grassroots.workplaces import rules, selectors
from grassroots.workplaces.models import (
    DialogueKind,
    DialogueMember,
    DialogueMemberList,
    DialoguePresence,
    DialogueSide,
    DialogueStatus,
    StaffMember,
    WorkplaceDialogue,
)
from grassroots.workplaces.services.base import _enforce, _refused, democracy_regime_of, refuse

# ---------------------------------------------------------------------------------------------
# Workplace dialogue (Labour Code art. 63; Decree 145/2020 arts 38–41)
# ---------------------------------------------------------------------------------------------


def _dialogue_snapshot(item: WorkplaceDialogue) -> dict[str, Any]:
    return {
        "status": item.status,
        "scheduled_on": item.scheduled_on,
        "workers_present": item.workers_present,
        "legal_representative_present": item.legal_representative_present,
    }


def dialogue_schedule(
    *,
    organisation: Organisation,
    kind: str,
    scheduled_on: dt.date,
    topics: str,
    content_sent_on: dt.date | None = None,
    request_supporters: int = 0,
    requested_on: dt.date | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> WorkplaceDialogue:
    """Schedule a dialogue between the members of the list in force on its day (Decree 145 art. 38): the sides'
    sizes are the list's; the content goes to the other side at least 5 working days before (art. 39(3)); a
    worker-side request needs ≥ 30 % of the worker-side members and the day it was received (art. 40(1)–(2))."""
    moment = now or clock.now()
    if not rules.holds_dialogue(organisation_kind=organisation.kind):
        raise refuse("workplaces.dialogue.not_employer")
    if kind not in DialogueKind.values:
        kind = DialogueKind.PERIODIC
    member_list = selectors.member_list_in_force(organisation, scheduled_on)
    if member_list is None:
        raise refuse("workplaces.dialogue.no_member_list")
    employer_representatives = member_list.members.filter(side=DialogueSide.EMPLOYER).count()
    worker_representatives = member_list.members.filter(side=DialogueSide.WORKERS).count()
    if kind == DialogueKind.ON_REQUEST and not rules.dialogue_request_is_supported(
        supporters=request_supporters, worker_representatives=worker_representatives
    ):
        raise refuse("workplaces.dialogue.request_too_small")
    calendar = working_calendar_of(organisation)
    if content_sent_on is not None and not rules.content_sent_in_time(
        content_sent_on=content_sent_on, scheduled_on=scheduled_on, calendar=calendar
    ):
        raise refuse("workplaces.dialogue.content_late")
    if kind == DialogueKind.ON_REQUEST and requested_on is None:
        raise refuse("workplaces.dialogue.requested_on_required")
    if requested_on is not None and requested_on > clock.localdate(moment):
        raise refuse("workplaces.date_in_future")
    topics = topics.strip()
    if not topics:
        raise refuse("workplaces.consultation.explanation_required")
    with transaction.atomic():
        dialogue = WorkplaceDialogue.objects.create(
            requested_on=requested_on if kind == DialogueKind.ON_REQUEST else None,
            organisation=organisation,
            kind=kind,
            year=scheduled_on.year,
            scheduled_on=scheduled_on,
            topics=topics,
            content_sent_on=content_sent_on,
            employer_representatives=employer_representatives,
            worker_representatives=worker_representatives,
            member_list=member_list,
            created_by=actor,
        )
        audit_record(
            code="workplaces.dialogue.scheduled",
            actor=actor,
            unit=organisation.unit_id,
            obj=dialogue,
            after=_dialogue_snapshot(dialogue),
            now=moment,
        )
    return dialogue


def dialogue_record(
    *,
    dialogue: WorkplaceDialogue,
    present: Iterable[DialogueMember],
    outcome: str,
    content_sent_on: dt.date | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> WorkplaceDialogue:
    """Record who of the list was present and the outcome: valid with the legal representative and more than
    70 % of the worker side (Decree 145 art. 39(4)); otherwise recorded as not valid. Valid minutes are issued
    through ``documents``. A periodic dialogue or one on a matter is refused unless its content went to the other
    side at least 5 working days before (Decree 145 art. 39(3)); ``content_sent_on`` fills in a day not yet
    recorded."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = WorkplaceDialogue.objects.select_for_update().select_related("organisation__unit").get(pk=dialogue.pk)
        _enforce(rules.check_dialogue_transition(locked.status, DialogueStatus.HELD))
        if locked.content_sent_on is None:
            locked.content_sent_on = content_sent_on
        if rules.content_notice_required(locked.kind):
            if locked.content_sent_on is None:
                raise refuse("workplaces.dialogue.content_not_sent")
            if not rules.content_sent_in_time(
                content_sent_on=locked.content_sent_on,
                scheduled_on=min(locked.scheduled_on, clock.localdate(moment)),
                calendar=working_calendar_of(locked.organisation),
            ):
                raise refuse("workplaces.dialogue.content_late")
        members = list(dict.fromkeys(present))
        if any(member.member_list_id != locked.member_list_id for member in members):
            raise refuse("workplaces.dialogue.not_a_member")
        # The dialogue was held on its scheduled day (or today, if recorded before it): never the day the result is
        # typed in, or a late entry would restart the 3 working days of publication (Decree 145 art. 39(5)).
        held_on = min(locked.scheduled_on, clock.localdate(moment))
        DialoguePresence.objects.bulk_create([DialoguePresence(dialogue=locked, member=member) for member in members])
        workers_present = sum(1 for member in members if member.side == DialogueSide.WORKERS)
        legal_representative_present = any(member.is_legal_representative for member in members)
        stand_in = None
        if not legal_representative_present:
            # The legal representative is absent: an employer-side member holding their written authorisation for
            # the day stands in (Decree 145 art. 39(4)), and the authorisation is kept on the dialogue.
            for member in members:
                if member.side == DialogueSide.EMPLOYER:
                    stand_in = selectors.authorisation_on(locked.organisation_id, member.staff_member_id, held_on)
                    if stand_in is not None:
                        break
            legal_representative_present = stand_in is not None
        locked.stand_in_authorisation = stand_in
        valid = rules.dialogue_is_valid(
            legal_representative_present=legal_representative_present,
            workers_present=workers_present,
            worker_representatives=locked.worker_representatives,
        )
        locked.workers_present = workers_present
        locked.legal_representative_present = legal_representative_present
        locked.outcome = outcome.strip()
        locked.held_on = held_on
        if valid:
            names = ", ".join(
                f"{member.staff_member.full_name} ({member.get_side_display()})"
                for member in DialogueMember.objects.filter(pk__in=[member.pk for member in members])
                .select_related("staff_member")
                .order_by("side", "-is_legal_representative", "staff_member__full_name")
            )
            locked.minutes_document = document_issue(
                kind=DocumentType.MINUTES,
                issuer=locked.organisation,
                summary=f"{locked.get_kind_display()} tại nơi làm việc",
                body=[
                    {
                        "type": "section",
                        "title": "Nội dung đối thoại",
                        "children": [{"type": "paragraph", "text": locked.topics}],
                    },
                    {
                        "type": "section",
                        "title": "Thành phần",
                        "children": [
                            {
                                "type": "paragraph",
                                "text": (
                                    f"Bên người sử dụng lao động: {locked.employer_representatives} người, có người "
                                    f"đại diện theo pháp luật. Bên người lao động: {workers_present}/"
                                    f"{locked.worker_representatives} thành viên có mặt."
                                ),
                            },
                            {"type": "paragraph", "text": f"Có mặt: {names}."},
                        ],
                    },
                    {
                        "type": "section",
                        "title": "Kết quả",
                        "children": [{"type": "paragraph", "text": locked.outcome or "—"}],
                    },
                ],
                signer=document_rules.signature_block(
                    issuer=issuing_body_for(locked.organisation),
                    signer_role="agency_head",
                    signer_name=str(getattr(actor, "full_name", "") or actor.get_username()),
                ),
                recipients=Recipients(
                    copies=("Tổ chức đại diện người lao động", "Lưu hồ sơ đối thoại"), archive_unit="VP"
                ),
                legal_bases=("Căn cứ Bộ luật Lao động ngày 20 tháng 11 năm 2019;",),
                signer_user=actor,
                actor=actor,
                now=moment,
            )
        state_change(
            locked,
            code="workplaces.dialogue.recorded",
            actor=actor,
            unit=locked.organisation.unit_id,
            snapshot=_dialogue_snapshot,
            now=moment,
            target=DialogueStatus.HELD if valid else DialogueStatus.INVALID,
            check=rules.check_dialogue_transition,
            refused=_refused,
        )
    return locked


def dialogue_publish(*, dialogue: WorkplaceDialogue, actor: Any, now: dt.datetime | None = None) -> WorkplaceDialogue:
    """Publish the main content of the dialogue at the workplace (due within 3 working days, Decree 145 arts
    39(4), 40(3)) through the ``disclosures`` service, inside the organisation: item S8 for an SOE ("other
    information", [L] art. 64(1)(h)), else the organisation's "other items" category; the signed minutes attached."""
    from grassroots.disclosures import services as disclosure_services
    from grassroots.disclosures.models import DisclosureCategory

    moment = now or clock.now()
    with transaction.atomic():
        locked = (
            WorkplaceDialogue.objects.select_for_update(of=("self",))
            .select_related("organisation", "organisation__unit", "minutes_document")
            .get(pk=dialogue.pk)
        )
        _enforce(rules.check_dialogue_transition(locked.status, DialogueStatus.PUBLISHED))
        organisation = locked.organisation
        minutes = locked.minutes_document
        attachments: list[Any] = []
        number = ""
        if minutes is not None:
            number = f"{minutes.number}/{minutes.symbol}" if minutes.number else ""
            if minutes.pdf_file:
                with minutes.pdf_file.open("rb") as handle:
                    attachments = [("bien-ban-doi-thoai.pdf", handle.read())]
        held_on = locked.held_on or clock.localdate(moment)
        disclosure = disclosure_services.disclosure_create(
            unit=organisation.unit,
            organisation=organisation,
            category=DisclosureCategory.objects.get(
                code=rules.dialogue_category(organisation.kind, democracy_regime_of(organisation))
            ),
            title=f"Kết quả {locked.get_kind_display().lower()} ngày {held_on:%d/%m/%Y}"[:300],
            body=locked.outcome or locked.topics,
            decision_number=number,
            decided_on=held_on,
            attachments=attachments,
            actor=actor,
            now=moment,
        )
        published = disclosure_services.disclosure_publish(disclosure=disclosure, actor=actor, now=moment)
        locked.result_disclosure = published
        locked.published_on = clock.localdate(moment)
        state_change(
            locked,
            code="workplaces.dialogue.published",
            actor=actor,
            unit=organisation.unit_id,
            snapshot=lambda item: {**_dialogue_snapshot(item), "disclosure": item.result_disclosure_id},
            now=moment,
            target=DialogueStatus.PUBLISHED,
            check=rules.check_dialogue_transition,
            refused=_refused,
        )
    return locked


def dialogue_reply_due_on(dialogue: WorkplaceDialogue) -> dt.date | None:
    """When the written reply to a requested dialogue was due (Decree 145 art. 40(2)), or None."""
    if dialogue.requested_on is None:
        return None
    return rules.request_reply_due_on(dialogue.requested_on, working_calendar_of(dialogue.organisation))


def dialogue_publication_due_on(dialogue: WorkplaceDialogue) -> dt.date | None:
    if dialogue.held_on is None:
        return None
    return rules.publication_due_on(dialogue.held_on, working_calendar_of(dialogue.organisation))


def dialogue_published_late(dialogue: WorkplaceDialogue) -> bool:
    """Whether the outcome was published after its 3 working days (shown as late on the dialogue's page)."""
    if dialogue.held_on is None or dialogue.published_on is None:
        return False
    return rules.publication_is_late(
        held_on=dialogue.held_on,
        published_on=dialogue.published_on,
        calendar=working_calendar_of(dialogue.organisation),
    )


def dialogue_member_list_set(
    *,
    organisation: Organisation,
    fixed_on: dt.date,
    published_on: dt.date,
    employer_members: Iterable[StaffMember],
    worker_members: Iterable[StaffMember],
    legal_representative: StaffMember,
    actor: Any,
    now: dt.datetime | None = None,
) -> DialogueMemberList:
    """Fix the members of both sides for the next 2 years and record their publication at the workplace
    (Decree 145 art. 38): at least 3 on the employer side with the legal representative, the worker side sized
    by the workforce on ``fixed_on``; everyone on the staff register that day, on one side only."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if not rules.holds_dialogue(organisation_kind=organisation.kind):
        raise refuse("workplaces.dialogue.not_employer")
    if fixed_on > today or published_on > today:
        raise refuse("workplaces.date_in_future")
    employer = list(dict.fromkeys([*employer_members, legal_representative]))
    workers = list(dict.fromkeys(worker_members))
    everyone = [*employer, *workers]
    if len({member.pk for member in everyone}) != len(everyone):
        raise refuse("workplaces.dialogue.member_twice")
    if any(member.organisation_id != organisation.pk for member in everyone):
        raise refuse("workplaces.wrong_organisation")
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        active = set(
            selectors.staff_on(organisation, fixed_on)
            .filter(pk__in=[member.pk for member in everyone])
            .values_list("pk", flat=True)
        )
        if len(active) != len(everyone):
            raise refuse("workplaces.dialogue.member_not_on_staff")
        headcount = selectors.headcount_on(organisation, fixed_on)
        _enforce(
            rules.check_member_list(
                headcount=headcount, employer=len(employer), workers=len(workers), legal_representatives=1
            )
        )
        member_list = DialogueMemberList.objects.create(
            organisation=organisation,
            fixed_on=fixed_on,
            valid_until=rules.member_list_valid_until(fixed_on),
            published_on=published_on,
            headcount=headcount,
            created_by=actor,
        )
        DialogueMember.objects.bulk_create(
            [
                DialogueMember(
                    member_list=member_list,
                    staff_member=member,
                    side=DialogueSide.EMPLOYER,
                    is_legal_representative=member.pk == legal_representative.pk,
                )
                for member in employer
            ]
            + [
                DialogueMember(member_list=member_list, staff_member=member, side=DialogueSide.WORKERS)
                for member in workers
            ]
        )
        audit_record(
            code="workplaces.dialogue.members_fixed",
            actor=actor,
            unit=organisation.unit_id,
            obj=member_list,
            after={
                "fixed_on": fixed_on,
                "valid_until": member_list.valid_until,
                "employer": sorted(member.pk for member in employer),
                "workers": sorted(member.pk for member in workers),
                "legal_representative": legal_representative.pk,
            },
            now=moment,
        )
    return member_list
