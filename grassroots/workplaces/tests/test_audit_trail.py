"""The audit trail of the conference, dialogue, ballot and import services (issue 17): each state change leaves its
event with the code, the person who acted and the organisation's commune, in the order it happened; a refused act
leaves none. The staff register services are asserted in ``test_audit_events.py``."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units.models import Organisation
from grassroots.units.rules import RawRow
from grassroots.workplaces import ballots, selectors, services
from grassroots.workplaces.tests.conftest import CONTENT_SENT, NOW, TODAY, fix_dialogue_members, present_members
from grassroots.workplaces.tests.test_ballots import _ballot, _failed_twice

pytestmark = pytest.mark.django_db


def _trail(since: int, organisation: Organisation) -> list[tuple[str, int | None, int | None]]:
    """(code, actor, unit) of the workplaces events written after event ``since``."""
    return [
        (event.code, event.actor_id, event.unit_id)
        for event in AuditEvent.objects.filter(pk__gt=since, code__startswith="workplaces.").order_by("pk")
    ]


def _mark() -> int:
    last = AuditEvent.objects.order_by("-pk").first()
    return last.pk if last else 0


def test_a_conference_from_creation_to_review_leaves_each_event(school: Organisation, principal: User) -> None:
    start = _mark()
    conference = services.conference_create(
        organisation=school, kind="annual", work_year=2026, scheduled_on=TODAY, actor=principal, now=NOW
    )
    for code in ("agree_with_union", "notice_sent"):
        services.conference_step_record(conference=conference, code=code, done_on=TODAY, actor=principal, now=NOW)
    services.conference_open(conference=conference, actor=principal, now=NOW)
    for member in selectors.roll_members(conference).order_by("code")[:20]:
        services.attendance_record(conference=conference, staff_member=member, actor=principal, now=NOW)
    services.conference_close_attendance(conference=conference, actor=principal, now=NOW)
    item = services.resolution_item_add(
        conference=conference, matter="other", title="Nội quy", text="…", actor=principal, now=NOW
    )
    services.resolution_item_vote(item=item, votes_for=15, votes_against=5, actor=principal, now=NOW)
    services.conference_issue(conference=conference, actor=principal, now=NOW)
    services.resolution_review_record(
        conference=conference, findings="Đã thực hiện.", actor=principal, now=NOW + dt.timedelta(days=180)
    )
    codes = [code for code, _actor, _unit in _trail(start, school)]
    expected = [
        "workplaces.conference.created",
        "workplaces.conference.step_recorded",
        "workplaces.conference.step_recorded",
        "workplaces.conference.opened",
        *["workplaces.attendance.recorded"] * 20,
        "workplaces.conference.attendance_closed",
        "workplaces.resolution_item.added",
        "workplaces.resolution_item.voted",
        "workplaces.conference.issued",
        "workplaces.resolution.reviewed",
    ]
    assert codes == expected
    assert {(actor, unit) for _code, actor, unit in _trail(start, school)} == {(principal.pk, school.unit_id)}


def test_refused_acts_leave_no_event(school: Organisation, principal: User) -> None:
    conference = services.conference_create(
        organisation=school, kind="annual", work_year=2026, scheduled_on=TODAY, actor=principal, now=NOW
    )
    start = _mark()
    with pytest.raises(DomainError):
        services.conference_open(conference=conference, actor=principal, now=NOW)  # steps not done
    with pytest.raises(DomainError):
        services.conference_step_record(conference=conference, code="no_such_step", done_on=TODAY, actor=principal)
    with pytest.raises(services.StaffImportError):
        services.staff_import(
            organisation=school, rows=[RawRow(2, {"code": "", "full_name": ""})], actor=principal, now=NOW
        )
    assert _trail(start, school) == []


def test_cancelling_a_conference_and_importing_staff_are_audited(school: Organisation, principal: User) -> None:
    conference = services.conference_create(
        organisation=school, kind="annual", work_year=2026, scheduled_on=TODAY, actor=principal, now=NOW
    )
    start = _mark()
    services.conference_cancel(conference=conference, reason="Trùng lịch thi", actor=principal, now=NOW)
    services.staff_import(
        organisation=school,
        rows=[
            RawRow(2, {"code": "GV-501", "full_name": "Lý Thị Mới"}),
            RawRow(3, {"code": "GV-502", "full_name": "Võ Văn Hai"}),
        ],
        actor=principal,
        now=NOW,
    )
    trail = _trail(start, school)
    assert [code for code, _a, _u in trail] == ["workplaces.conference.cancelled", "workplaces.staff.imported"]
    assert {(actor, unit) for _code, actor, unit in trail} == {(principal.pk, school.unit_id)}
    cancelled = AuditEvent.objects.get(code="workplaces.conference.cancelled")
    assert (cancelled.after or {}).get("status") == "cancelled"


def test_ballots_opened_or_cancelled_leave_each_event(school: Organisation, principal: User) -> None:
    _failed_twice(school, principal)
    start = _mark()
    opened = _ballot(school, principal)
    ballots.staff_ballot_open(ballot=opened, actor=principal, now=NOW)
    with pytest.raises(DomainError):
        ballots.staff_ballot_cancel(ballot=opened, actor=principal, now=NOW)  # sent out: it can only be counted
    dropped = _ballot(school, principal, title="Nghị quyết năm 2026 (bản khác)")
    ballots.staff_ballot_cancel(ballot=dropped, actor=principal, now=NOW)
    trail = _trail(start, school)
    assert [code for code, _a, _u in trail] == [
        "workplaces.ballot.created",
        "workplaces.ballot.opened",
        "workplaces.ballot.created",
        "workplaces.ballot.cancelled",
    ]
    assert {(actor, unit) for _code, actor, unit in trail} == {(principal.pk, school.unit_id)}


def test_a_dialogue_scheduled_and_recorded_is_audited(soe: Organisation, soe_director: User) -> None:
    member_list = fix_dialogue_members(soe, soe_director, workers=5)
    start = _mark()
    dialogue = services.dialogue_schedule(
        organisation=soe,
        kind="periodic",
        scheduled_on=TODAY,
        content_sent_on=CONTENT_SENT,
        topics="Tiền lương 2027",
        actor=soe_director,
        now=NOW,
    )
    services.dialogue_record(
        dialogue=dialogue,
        present=present_members(member_list, workers=4),
        outcome="Thống nhất",
        actor=soe_director,
        now=NOW,
    )
    trail = _trail(start, soe)
    assert [code for code, _a, _u in trail] == ["workplaces.dialogue.scheduled", "workplaces.dialogue.recorded"]
    assert {(actor, unit) for _code, actor, unit in trail} == {(soe_director.pk, soe.unit_id)}
