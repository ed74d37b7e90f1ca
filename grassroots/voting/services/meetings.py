"""Meetings ([ND59] art. 3): documents delivered to each household before a D1–D3 meeting, the attendance
register, the secretary and counting board approved by those present, and cluster sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction

from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.units.models import Household
from grassroots.voting import rules
from grassroots.voting.models import (
    ClusterSession,
    CommunityVote,
    DocumentDelivery,
    MeetingAttendance,
    MeetingOfficer,
    OfficerRole,
    VoteForm,
    VoteRollEntry,
    VoteStatus,
)
from grassroots.voting.services.common import fail, local_date, locked, refuse
from grassroots.voting.services.roll import roll_entry_for

# --- Documents delivered to each household before a D1–D3 meeting ([ND59] art. 3(4)) -------------


def documents_delivered_in_time(vote: CommunityVote) -> int:
    """Households on the vote's roll whose documents arrived ≥ 2 days before the meeting day."""
    latest = rules.documents_latest_day(local_date(vote.starts_at))
    on_roll = VoteRollEntry.objects.filter(vote=vote, is_active=True).values("household_id")
    return DocumentDelivery.objects.filter(vote=vote, delivered_on__lte=latest, household_id__in=on_roll).count()


def deliveries_write(
    vote: CommunityVote,
    households: Sequence[Household],
    *,
    delivered_on: dt.date,
    method: str,
    actor: Any,
    moment: dt.datetime,
) -> int:
    """Upsert one delivery record per household (the latest entry wins)."""
    existing = {d.household_id: d for d in DocumentDelivery.objects.filter(vote=vote, household__in=households)}
    changed = []
    for delivery in existing.values():
        delivery.delivered_on, delivery.method = delivered_on, method
        delivery.recorded_by, delivery.recorded_at = actor, moment
        changed.append(delivery)
    DocumentDelivery.objects.bulk_update(changed, ["delivered_on", "method", "recorded_by", "recorded_at"])
    DocumentDelivery.objects.bulk_create(
        DocumentDelivery(
            vote=vote,
            household=household,
            delivered_on=delivered_on,
            method=method,
            recorded_by=actor,
            recorded_at=moment,
        )
        for household in households
        if household.pk not in existing
    )
    return len(households)


def _delivery_target(vote: CommunityVote) -> CommunityVote:
    current = locked(vote)
    if current.form != VoteForm.MEETING or not rules.needs_documents(matter=current.matter, purpose=current.purpose):
        raise fail("decisions.delivery.not_needed")
    if current.status not in (VoteStatus.DRAFT, VoteStatus.SCHEDULED):
        raise fail("decisions.delivery.locked")
    return current


def documents_deliveries_record(
    *,
    vote: CommunityVote,
    delivered_on: dt.date,
    method: str,
    actor: Any,
    households: Sequence[Household] | None = None,
    except_households: Sequence[Household] = (),
    now: dt.datetime | None = None,
) -> int:
    """Record that the meeting documents reached households on ``delivered_on``; returns how many.

    ``households=None`` means every household active in the community today, minus ``except_households``
    (the ones not reached that day, recorded one by one later). Allowed while the meeting is being
    prepared (draft or scheduled); opening the meeting checks the register ([ND59] art. 3(4)).
    """
    moment = now or clock.now()
    today = local_date(moment)
    if delivered_on > today:
        raise fail("decisions.delivery.future")
    with transaction.atomic():
        current = _delivery_target(vote)
        if households is None:
            chosen = list(Household.objects.of_unit_on(current.unit_id, today).order_by("code"))
        else:
            chosen = list(households)
        if any(household.community_id != current.unit_id for household in [*chosen, *except_households]):
            raise fail("decisions.delivery.not_in_community")
        skipped = {household.pk for household in except_households}
        chosen = [household for household in chosen if household.pk not in skipped]
        count = deliveries_write(current, chosen, delivered_on=delivered_on, method=method, actor=actor, moment=moment)
        audit_record(
            code="decisions.meeting.documents_delivered",
            actor=actor,
            unit=current.unit_id,
            obj=current,
            after={
                "delivered_on": delivered_on,
                "method": method,
                "count": count,
                "households": [household.pk for household in chosen] if households is not None else "all",
                "except": sorted(skipped),
            },
            now=moment,
        )
    return count


def documents_delivery_clear(
    *, vote: CommunityVote, household: Household, actor: Any, now: dt.datetime | None = None
) -> bool:
    """Remove a household's delivery record (entered by mistake); returns whether one existed."""
    moment = now or clock.now()
    with transaction.atomic():
        current = _delivery_target(vote)
        deleted, _rows = DocumentDelivery.objects.filter(vote=current, household=household).delete()
        if deleted:
            audit_record(
                code="decisions.meeting.documents_delivery_cleared",
                actor=actor,
                unit=current.unit_id,
                obj=current,
                after={"household": household.pk},
                now=moment,
            )
    return bool(deleted)


# --- The meeting itself ------------------------------------------------------------------------


def meeting_attendance_set(
    *,
    vote: CommunityVote,
    household: Household,
    present: bool,
    actor: Any,
    session: ClusterSession | None = None,
    now: dt.datetime | None = None,
) -> bool:
    """Mark a household present (or not) in the meeting's attendance register; idempotent."""
    moment = now or clock.now()
    with transaction.atomic():
        current = CommunityVote.objects.get(pk=vote.pk)
        if current.form != VoteForm.MEETING or current.status != VoteStatus.OPEN:
            raise fail("decisions.vote.not_open")
        if current.counted_at is not None:
            raise fail("decisions.vote.count_recorded")
        if roll_entry_for(current, household) is None:
            raise fail("decisions.vote.not_eligible")
        if session is not None and session.vote_id != current.pk:
            raise fail("decisions.meeting.wrong_session")
        if present and session is None and current.sessions.exists():
            raise fail("decisions.meeting.session_required")
        existing = MeetingAttendance.objects.filter(vote=current, household=household)
        if present == existing.exists():
            return present
        if present:
            try:
                with transaction.atomic():
                    MeetingAttendance.objects.create(
                        vote=current, household=household, session=session, recorded_by=actor
                    )
            except IntegrityError:
                return True
        else:
            if current.participations.filter(household=household).exists():
                raise fail("decisions.vote.attendance_locked")
            existing.delete()
        audit_record(
            code="decisions.meeting.attendance_" + ("marked" if present else "unmarked"),
            actor=actor,
            unit=current.unit_id,
            obj=current,
            after={"household": household.pk, "present": present, "session": getattr(session, "pk", None)},
            now=moment,
        )
    return present


def meeting_officers_approve(
    *,
    vote: CommunityVote,
    secretary: str,
    approving: int,
    actor: Any,
    counting_board: Sequence[str] = (),
    witnesses: Sequence[Household] = (),
    now: dt.datetime | None = None,
) -> CommunityVote:
    """Record the secretary (and counting board with 2 household witnesses) approved by > 50% present."""
    moment = now or clock.now()
    with transaction.atomic():
        current = locked(vote)
        if current.form != VoteForm.MEETING or current.status != VoteStatus.OPEN:
            raise fail("decisions.vote.not_open")
        if not secretary.strip():
            raise fail("decisions.meeting.secretary_required")
        present = current.attendances.count()
        board = [name.strip() for name in counting_board if name.strip()]
        if current.is_secret or board or witnesses:
            refuse(
                rules.check_officers(
                    counting_board=len(board), witnesses=len(witnesses), approving=approving, present=present
                )
            )
        elif not rules.procedural_majority(approving=approving, present=present):
            raise fail("decisions.meeting.officers_not_approved")
        current.officers.filter(
            role__in=[OfficerRole.SECRETARY, OfficerRole.COUNTING_BOARD, OfficerRole.WITNESS]
        ).delete()
        MeetingOfficer.objects.create(vote=current, role=OfficerRole.SECRETARY, full_name=secretary.strip())
        for index, name in enumerate(board):
            MeetingOfficer.objects.create(
                vote=current, role=OfficerRole.COUNTING_BOARD, full_name=name, is_leader=index == 0
            )
        for household in witnesses:
            name = household.representative.full_name if household.representative else household.code
            MeetingOfficer.objects.create(vote=current, role=OfficerRole.WITNESS, full_name=name, household=household)
        current.officers_approved_yes = approving
        current.save(update_fields=["officers_approved_yes", "updated_at"])
        audit_record(
            code="decisions.meeting.officers_approved",
            actor=actor,
            unit=current.unit_id,
            obj=current,
            after={
                "secretary": secretary.strip(),
                "board": board,
                "witnesses": [h.pk for h in witnesses],
                "approving": approving,
                "present": present,
            },
            now=moment,
        )
    return current


def cluster_session_add(
    *,
    vote: CommunityVote,
    name: str,
    chair_name: str,
    held_at: dt.datetime,
    actor: Any,
    now: dt.datetime | None = None,
) -> ClusterSession:
    """Add a cluster session to a meeting of a large or scattered community ([L] art. 18(3))."""
    moment = now or clock.now()
    with transaction.atomic():
        current = locked(vote)
        if current.form != VoteForm.MEETING or current.status not in (
            VoteStatus.DRAFT,
            VoteStatus.SCHEDULED,
            VoteStatus.OPEN,
        ):
            raise fail("decisions.vote.not_meeting")
        households = current.eligible_count
        if households is None:
            households = Household.objects.of_unit_on(current.unit_id, local_date(moment)).count()
        if not rules.may_cluster(households=households, is_scattered=current.is_scattered_settlement):
            raise fail("decisions.meeting.cluster_not_allowed")
        session = ClusterSession.objects.create(vote=current, name=name, chair_name=chair_name, held_at=held_at)
        current.is_clustered = True
        current.save(update_fields=["is_clustered", "updated_at"])
        audit_record(
            code="decisions.meeting.cluster_added",
            actor=actor,
            unit=current.unit_id,
            obj=current,
            after={"session": session.pk, "name": name, "chair": chair_name},
            now=moment,
        )
    return session


def households_for(vote: CommunityVote, codes: Sequence[str]) -> list[Household]:
    """Households of the vote's community by code (for commands and bulk entry)."""
    return list(Household.objects.filter(community_id=vote.unit_id, code__in=list(codes)).order_by("code"))
