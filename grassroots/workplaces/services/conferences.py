"""The annual or extraordinary staff/employee conference: creation, steps, delegates, attendance, votes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from grassroots.core import clock
from grassroots.core.services import audit_record, state_change
from grassroots.units.models import Organisation
from grassroots.workplaces import rules, selectors
from grassroots.workplaces.models import (
    Attendance,
    Conference,
    ConferenceDelegate,
    ConferenceFormat,
    ConferenceKind,
    ConferenceProposer,
    ConferenceStatus,
    ConferenceStep,
    ResolutionItem,
    StaffDecisionMatter,
    StaffMember,
)
from grassroots.workplaces.services.base import _enforce, _refused, refuse

# ---------------------------------------------------------------------------------------------
# The annual (or extraordinary) staff or employee conference
# ---------------------------------------------------------------------------------------------


def conference_snapshot(conference: Conference) -> dict[str, Any]:
    return {
        "status": conference.status,
        "kind": conference.kind,
        "work_year": conference.work_year,
        "convening": conference.convening,
        "format": conference.format,
        "scheduled_on": conference.scheduled_on,
        "roll_size": conference.roll_size,
    }


def conference_create(
    *,
    organisation: Organisation,
    kind: str,
    work_year: int,
    scheduled_on: dt.date,
    conference_format: str = ConferenceFormat.PLENARY,
    proposer: str = ConferenceProposer.HEAD,
    supporters: int = 0,
    place: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> Conference:
    """Plan a conference: the annual one after the work year ends, or an extraordinary one on a proposal.

    A second convening of the same annual conference follows one without quorum; after two, the law
    turns to staff ballots ([L] art. 50(2)).
    """
    moment = now or clock.now()
    profile = selectors.profile_of(organisation)
    headcount = selectors.headcount_on(organisation, scheduled_on)
    _enforce(rules.check_format(conference_format=conference_format, headcount=headcount))
    if kind not in ConferenceKind.values:
        kind = ConferenceKind.ANNUAL
    if proposer not in ConferenceProposer.values:
        proposer = ConferenceProposer.HEAD
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        convening = 1
        if kind == ConferenceKind.ANNUAL:
            _enforce(
                rules.check_annual_date(
                    scheduled_on=scheduled_on, work_year=work_year, end_month=profile.work_year_end_month
                )
            )
            same_year = Conference.objects.filter(organisation=organisation, work_year=work_year, kind=kind)
            if same_year.exclude(status__in=[ConferenceStatus.NO_QUORUM, ConferenceStatus.CANCELLED]).exists():
                raise refuse("workplaces.conference.duplicate")
            failed = same_year.filter(status=ConferenceStatus.NO_QUORUM).count()
            if rules.ballots_allowed(failed_convenings=failed):
                raise refuse("workplaces.conference.too_many_convenings")
            convening = failed + 1
        elif proposer == ConferenceProposer.STAFF and not rules.staff_petition_is_enough(
            supporters=supporters, headcount=headcount
        ):
            raise refuse("workplaces.conference.petition_too_small")
        conference = Conference.objects.create(
            organisation=organisation,
            kind=kind,
            work_year=work_year,
            convening=convening,
            format=conference_format,
            proposer=proposer,
            supporters=supporters if proposer == ConferenceProposer.STAFF else 0,
            scheduled_on=scheduled_on,
            place=place.strip()[:255],
            created_by=actor,
        )
        audit_record(
            code="workplaces.conference.created",
            actor=actor,
            unit=organisation.unit_id,
            obj=conference,
            after=conference_snapshot(conference),
            now=moment,
        )
    return conference


def _lock(conference: Conference) -> Conference:
    return (
        Conference.objects.select_for_update()
        .select_related("organisation", "organisation__unit")
        .get(pk=conference.pk)
    )


def conference_step_record(
    *, conference: Conference, code: str, done_on: dt.date, note: str = "", actor: Any, now: dt.datetime | None = None
) -> ConferenceStep:
    """Record one preparation step as done (once); only while the conference is being prepared."""
    moment = now or clock.now()
    if code not in rules.STEP_CODES:
        raise refuse("workplaces.conference.transition")
    if done_on > clock.localdate(moment):
        raise refuse("workplaces.date_in_future")
    with transaction.atomic():
        locked = _lock(conference)
        if locked.status != ConferenceStatus.PREPARING:
            raise refuse("workplaces.conference.transition")
        step, _created = ConferenceStep.objects.update_or_create(
            conference=locked,
            code=code,
            defaults={"done_on": done_on, "note": note.strip()[:500], "recorded_by": actor},
        )
        audit_record(
            code="workplaces.conference.step_recorded",
            actor=actor,
            unit=locked.organisation.unit_id,
            obj=locked,
            after={"step": code, "done_on": done_on},
            now=moment,
        )
    return step


def conference_delegates_set(
    *, conference: Conference, staff_members: Iterable[StaffMember], actor: Any, now: dt.datetime | None = None
) -> int:
    """Name the delegates summoned to a delegates' conference (replacing the list), while preparing."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(conference)
        if locked.status != ConferenceStatus.PREPARING:
            raise refuse("workplaces.conference.transition")
        if locked.format != ConferenceFormat.DELEGATES:
            raise refuse("workplaces.conference.not_delegates")
        members = list(dict.fromkeys(staff_members))
        if not members:
            raise refuse("workplaces.conference.no_delegates")
        if any(member.organisation_id != locked.organisation_id for member in members):
            raise refuse("workplaces.wrong_organisation")
        on_staff = set(
            selectors.staff_on(locked.organisation_id, locked.scheduled_on)
            .filter(pk__in=[member.pk for member in members])
            .values_list("pk", flat=True)
        )
        if len(on_staff) != len(members):
            raise refuse("workplaces.conference.delegate_not_on_staff")
        ConferenceDelegate.objects.filter(conference=locked).delete()
        ConferenceDelegate.objects.bulk_create(
            [ConferenceDelegate(conference=locked, staff_member=member) for member in members]
        )
        audit_record(
            code="workplaces.conference.delegates_set",
            actor=actor,
            unit=locked.organisation.unit_id,
            obj=locked,
            after={"delegates": sorted(member.pk for member in members)},
            now=moment,
        )
    return len(members)


def conference_open(*, conference: Conference, actor: Any, now: dt.datetime | None = None) -> Conference:
    """Open the conference on its day: the roll (all staff, or the delegates) is frozen; attendance starts."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(conference)
        roll = selectors.roll_members(locked).count()
        steps = set(ConferenceStep.objects.filter(conference=locked).values_list("code", flat=True))
        if locked.status == ConferenceStatus.PREPARING:
            _enforce(
                rules.check_open(
                    steps_done=steps, scheduled_on=locked.scheduled_on, today=clock.localdate(moment), roll_size=roll
                )
            )
        locked.roll_size = roll
        locked.opened_at = moment
        state_change(
            locked,
            code="workplaces.conference.opened",
            actor=actor,
            unit=locked.organisation.unit_id,
            snapshot=conference_snapshot,
            now=moment,
            target=ConferenceStatus.OPEN,
            check=rules.check_conference_transition,
            refused=_refused,
        )
    return locked


def attendance_record(
    *, conference: Conference, staff_member: StaffMember, actor: Any, now: dt.datetime | None = None
) -> Attendance:
    """Mark one person of the roll present, only while the conference is open (not before, not after closing)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(conference)
        if locked.status != ConferenceStatus.OPEN:
            raise refuse("workplaces.attendance.closed")
        if not selectors.roll_members(locked).filter(pk=staff_member.pk).exists():
            raise refuse("workplaces.attendance.not_on_roll")
        if Attendance.objects.filter(conference=locked, staff_member=staff_member).exists():
            raise refuse("workplaces.attendance.duplicate")
        try:
            with transaction.atomic():
                row = Attendance.objects.create(
                    conference=locked, staff_member=staff_member, recorded_at=moment, recorded_by=actor
                )
        except IntegrityError as error:
            raise refuse("workplaces.attendance.duplicate") from error
        audit_record(
            code="workplaces.attendance.recorded",
            actor=actor,
            unit=locked.organisation.unit_id,
            obj=locked,
            after={"staff_member": staff_member.pk},
            now=moment,
        )
    return row


def conference_close_attendance(*, conference: Conference, actor: Any, now: dt.datetime | None = None) -> Conference:
    """Close attendance: with at least two thirds of the roll present the conference is held, else it failed."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(conference)
        locked.attendance_closed_at = moment
        present = selectors.counted_attendance(locked).count()
        quorum = rules.has_quorum(roll_size=locked.roll_size or 0, present=present)
        target = ConferenceStatus.HELD if quorum else ConferenceStatus.NO_QUORUM
        state_change(
            locked,
            code="workplaces.conference.attendance_closed",
            actor=actor,
            unit=locked.organisation.unit_id,
            snapshot=lambda item: {**conference_snapshot(item), "present": present},
            now=moment,
            target=target,
            check=rules.check_conference_transition,
            refused=_refused,
        )
    return locked


def resolution_item_add(
    *, conference: Conference, matter: str, title: str, text: str, actor: Any, now: dt.datetime | None = None
) -> ResolutionItem:
    """Add a matter to vote on ([L] arts 49, 67), before the resolution is issued."""
    moment = now or clock.now()
    if matter not in StaffDecisionMatter.values:
        matter = StaffDecisionMatter.OTHER
    title = " ".join(title.split())
    if not title:
        raise refuse("workplaces.staff.name_required")
    with transaction.atomic():
        locked = _lock(conference)
        if locked.status not in (ConferenceStatus.PREPARING, ConferenceStatus.OPEN, ConferenceStatus.HELD):
            raise refuse("workplaces.conference.transition")
        position = (locked.items.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        item = ResolutionItem.objects.create(
            conference=locked, position=position, matter=matter, title=title[:300], text=text.strip()
        )
        audit_record(
            code="workplaces.resolution_item.added",
            actor=actor,
            unit=locked.organisation.unit_id,
            obj=locked,
            after={"item": item.pk, "matter": matter, "title": item.title},
            now=moment,
        )
    return item


def resolution_item_vote(
    *,
    item: ResolutionItem,
    votes_for: int,
    votes_against: int,
    votes_abstain: int = 0,
    actor: Any,
    now: dt.datetime | None = None,
) -> ResolutionItem:
    """Record the show of hands on one matter; it passes with more than half of those present."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(item.conference)
        if locked.status != ConferenceStatus.HELD:
            raise refuse("workplaces.votes.not_held")
        present = selectors.present_count(locked)
        _enforce(
            rules.check_votes(
                present=present, votes_for=votes_for, votes_against=votes_against, votes_abstain=votes_abstain
            )
        )
        row = ResolutionItem.objects.select_for_update().get(pk=item.pk, conference=locked)
        before = {"for": row.votes_for, "against": row.votes_against, "abstain": row.votes_abstain}
        row.votes_for, row.votes_against, row.votes_abstain = votes_for, votes_against, votes_abstain
        row.voted_at = moment
        row.save()
        audit_record(
            code="workplaces.resolution_item.voted",
            actor=actor,
            unit=locked.organisation.unit_id,
            obj=locked,
            before=before,
            after={
                "item": row.pk,
                "for": votes_for,
                "against": votes_against,
                "abstain": votes_abstain,
                "present": present,
                "passed": rules.passes(present=present, votes_for=votes_for),
            },
            now=moment,
        )
    return row
