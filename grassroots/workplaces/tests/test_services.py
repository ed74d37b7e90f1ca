"""Service tests: the conference from preparation to its issued resolution, and the attacks on it."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.documents.models import Document, DocumentType
from grassroots.units.models import Organisation
from grassroots.workplaces import selectors, services
from grassroots.workplaces.models import (
    Attendance,
    Conference,
    ConferenceStatus,
    DialogueStatus,
    StaffMember,
)
from grassroots.workplaces.tests.conftest import (
    CONTENT_SENT,
    NOW,
    TODAY,
    add_staff,
    fix_dialogue_members,
    prepared,
    present_members,
)

pytestmark = pytest.mark.django_db


def _conference(school: Organisation, actor: User, **extra: object) -> Conference:
    values: dict[str, object] = {"kind": "annual", "work_year": 2026, "scheduled_on": TODAY}
    values.update(extra)
    return services.conference_create(organisation=school, actor=actor, now=NOW, **values)  # type: ignore[arg-type]


def _open(school: Organisation, actor: User) -> Conference:
    conference = _conference(school, actor)
    prepared(conference, actor)
    return services.conference_open(conference=conference, actor=actor, now=NOW)


def _attend(conference: Conference, actor: User, count: int) -> None:
    for member in selectors.roll_members(conference).order_by("code")[:count]:
        services.attendance_record(conference=conference, staff_member=member, actor=actor, now=NOW)


def test_a_whole_conference_issues_minutes_and_resolution(school: Organisation, principal: User) -> None:
    conference = _open(school, principal)
    assert conference.roll_size == 30
    _attend(conference, principal, 20)
    conference = services.conference_close_attendance(conference=conference, actor=principal, now=NOW)
    assert conference.status == ConferenceStatus.HELD
    item = services.resolution_item_add(
        conference=conference,
        matter="conference_resolution",
        title="Nghị quyết hội nghị",
        text="…",
        actor=principal,
        now=NOW,
    )
    services.resolution_item_vote(item=item, votes_for=11, votes_against=9, actor=principal, now=NOW)
    issued = services.conference_issue(conference=conference, actor=principal, now=NOW)
    assert issued.status == ConferenceStatus.ISSUED
    assert issued.resolution_document is not None and issued.resolution_document.kind == DocumentType.RESOLUTION
    assert issued.minutes_document is not None and issued.minutes_document.kind == DocumentType.MINUTES
    assert AuditEvent.objects.filter(code="workplaces.conference.issued").count() == 1
    disclosure = issued.resolution_disclosure
    assert disclosure is not None and disclosure.category.code == "A12" and disclosure.organisation_id == school.pk
    assert disclosure.attachments.count() == 1 and disclosure.published_on == TODAY
    assert selectors.annual_conference_done_on(school, 2026) == TODAY


def test_exactly_two_thirds_is_a_quorum_one_less_is_not(school: Organisation, principal: User) -> None:
    conference = _open(school, principal)
    _attend(conference, principal, 19)
    failed = services.conference_close_attendance(conference=conference, actor=principal, now=NOW)
    assert failed.status == ConferenceStatus.NO_QUORUM
    second = _conference(school, principal)
    assert second.convening == 2
    prepared(second, principal)
    second = services.conference_open(conference=second, actor=principal, now=NOW)
    _attend(second, principal, 20)
    assert services.conference_close_attendance(conference=second, actor=principal, now=NOW).status == "held"


def test_two_failed_convenings_turn_to_ballots(school: Organisation, principal: User) -> None:
    for _round in range(2):
        conference = _conference(school, principal)
        prepared(conference, principal)
        services.conference_open(conference=conference, actor=principal, now=NOW)
        services.conference_close_attendance(conference=conference, actor=principal, now=NOW)
    with pytest.raises(DomainError) as refusal:
        _conference(school, principal)
    assert refusal.value.code == "workplaces.conference.too_many_convenings"
    assert selectors.failed_convenings(school, 2026, "annual") == 2


def test_attack_attendance_stuffed_after_attendance_closed(school: Organisation, principal: User) -> None:
    conference = _open(school, principal)
    _attend(conference, principal, 19)
    conference = services.conference_close_attendance(conference=conference, actor=principal, now=NOW)
    late = selectors.roll_members(conference).exclude(pk__in=Attendance.objects.values("staff_member_id")).first()
    assert late is not None
    with pytest.raises(DomainError) as refusal:
        services.attendance_record(conference=conference, staff_member=late, actor=principal, now=NOW)
    assert refusal.value.code == "workplaces.attendance.closed"
    # Written around the services, straight into the table, the row still does not count.
    Attendance.objects.create(
        conference=conference, staff_member=late, recorded_at=NOW + dt.timedelta(minutes=5), recorded_by=principal
    )
    conference.refresh_from_db()
    assert selectors.present_count(conference) == 19
    assert not selectors.outcome(conference).quorum


def test_attack_attendance_before_opening_or_after_issue(school: Organisation, principal: User) -> None:
    conference = _conference(school, principal)
    member = StaffMember.objects.filter(organisation=school).first()
    assert member is not None
    with pytest.raises(DomainError):
        services.attendance_record(conference=conference, staff_member=member, actor=principal, now=NOW)
    assert not Attendance.objects.exists()


def test_attack_quorum_faked_by_an_admin_edit(school: Organisation, principal: User) -> None:
    """A clerk with database access shrinks the frozen roll after a failed conference: the status does not move,
    no service reopens it, and the admin has no change form."""
    conference = _open(school, principal)
    _attend(conference, principal, 15)
    conference = services.conference_close_attendance(conference=conference, actor=principal, now=NOW)
    assert conference.status == ConferenceStatus.NO_QUORUM
    Conference.objects.filter(pk=conference.pk).update(roll_size=20)
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.NO_QUORUM
    with pytest.raises(DomainError):
        services.conference_close_attendance(conference=conference, actor=principal, now=NOW)
    with pytest.raises(DomainError):
        services.resolution_item_add(
            conference=conference, matter="other", title="X", text="", actor=principal, now=NOW
        )
    with pytest.raises(DomainError):
        services.conference_issue(conference=conference, actor=principal, now=NOW)
    assert not Document.objects.filter(kind=DocumentType.RESOLUTION).exists()


def test_attack_person_of_another_organisation_cannot_be_marked_present(
    school: Organisation, principal: User, soe: Organisation
) -> None:
    conference = _open(school, principal)
    outsider = StaffMember.objects.filter(organisation=soe).first()
    assert outsider is not None
    with pytest.raises(DomainError) as refusal:
        services.attendance_record(conference=conference, staff_member=outsider, actor=principal, now=NOW)
    assert refusal.value.code == "workplaces.attendance.not_on_roll"


def test_attack_someone_who_joined_after_the_conference_day_is_not_on_the_roll(
    school: Organisation, principal: User
) -> None:
    newcomer = add_staff(school, 1, start=900, since=TODAY + dt.timedelta(days=1))[0]
    conference = _open(school, principal)
    assert conference.roll_size == 30
    with pytest.raises(DomainError):
        services.attendance_record(conference=conference, staff_member=newcomer, actor=principal, now=NOW)


def test_attack_the_same_person_twice(school: Organisation, principal: User) -> None:
    conference = _open(school, principal)
    member = selectors.roll_members(conference).first()
    assert member is not None
    services.attendance_record(conference=conference, staff_member=member, actor=principal, now=NOW)
    with pytest.raises(DomainError) as refusal:
        services.attendance_record(conference=conference, staff_member=member, actor=principal, now=NOW)
    assert refusal.value.code == "workplaces.attendance.duplicate"
    assert Attendance.objects.count() == 1


def test_votes_above_attendance_are_refused(school: Organisation, principal: User) -> None:
    conference = _open(school, principal)
    _attend(conference, principal, 20)
    conference = services.conference_close_attendance(conference=conference, actor=principal, now=NOW)
    item = services.resolution_item_add(
        conference=conference, matter="other", title="Quỹ", text="", actor=principal, now=NOW
    )
    with pytest.raises(DomainError) as refusal:
        services.resolution_item_vote(item=item, votes_for=20, votes_against=1, actor=principal, now=NOW)
    assert refusal.value.code == "workplaces.votes.above_present"
    item.refresh_from_db()
    assert item.voted_at is None


def test_exactly_half_of_those_present_does_not_pass(school: Organisation, principal: User) -> None:
    conference = _open(school, principal)
    _attend(conference, principal, 20)
    conference = services.conference_close_attendance(conference=conference, actor=principal, now=NOW)
    passed = services.resolution_item_add(
        conference=conference, matter="other", title="A", text="A", actor=principal, now=NOW
    )
    failed = services.resolution_item_add(
        conference=conference, matter="other", title="B", text="B", actor=principal, now=NOW
    )
    services.resolution_item_vote(item=passed, votes_for=11, votes_against=9, actor=principal, now=NOW)
    services.resolution_item_vote(item=failed, votes_for=10, votes_against=10, actor=principal, now=NOW)
    issued = services.conference_issue(conference=conference, actor=principal, now=NOW)
    event = AuditEvent.objects.get(code="workplaces.conference.issued")
    assert event.after is not None and event.after["passed"] == [passed.pk]
    assert issued.status == ConferenceStatus.ISSUED


def test_open_refused_without_the_required_steps_or_on_another_day(school: Organisation, principal: User) -> None:
    conference = _conference(school, principal)
    with pytest.raises(DomainError) as refusal:
        services.conference_open(conference=conference, actor=principal, now=NOW)
    assert refusal.value.code == "workplaces.conference.steps_missing"
    prepared(conference, principal)
    with pytest.raises(DomainError) as refusal:
        services.conference_open(conference=conference, actor=principal, now=NOW + dt.timedelta(days=1))
    assert refusal.value.code == "workplaces.conference.not_today"
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.PREPARING and conference.roll_size is None


def test_delegates_conference_only_from_one_hundred(
    school: Organisation, principal: User, soe: Organisation, soe_director: User
) -> None:
    with pytest.raises(DomainError) as refusal:
        _conference(school, principal, conference_format="delegates")
    assert refusal.value.code == "workplaces.conference.plenary_required"
    conference = services.conference_create(
        organisation=soe,
        kind="annual",
        work_year=2026,
        scheduled_on=TODAY,
        conference_format="delegates",
        actor=soe_director,
        now=NOW,
    )
    delegates = list(StaffMember.objects.filter(organisation=soe).order_by("code")[:30])
    services.conference_delegates_set(conference=conference, staff_members=delegates, actor=soe_director, now=NOW)
    prepared(conference, soe_director)
    conference = services.conference_open(conference=conference, actor=soe_director, now=NOW)
    assert conference.roll_size == 30
    not_delegate = StaffMember.objects.filter(organisation=soe).order_by("code")[50]
    with pytest.raises(DomainError):
        services.attendance_record(conference=conference, staff_member=not_delegate, actor=soe_director, now=NOW)


def test_extraordinary_conference_on_a_third_of_staff(school: Organisation, principal: User) -> None:
    with pytest.raises(DomainError) as refusal:
        _conference(school, principal, kind="extraordinary", proposer="staff", supporters=9)
    assert refusal.value.code == "workplaces.conference.petition_too_small"
    assert _conference(school, principal, kind="extraordinary", proposer="staff", supporters=10).supporters == 10


def test_annual_conference_before_year_end_refused(school: Organisation, principal: User) -> None:
    with pytest.raises(DomainError) as refusal:
        _conference(school, principal, work_year=2027)
    assert refusal.value.code == "workplaces.conference.before_year_end"


def test_review_issues_a_notice_to_all_staff(school: Organisation, principal: User) -> None:
    conference = _open(school, principal)
    _attend(conference, principal, 25)
    conference = services.conference_close_attendance(conference=conference, actor=principal, now=NOW)
    item = services.resolution_item_add(
        conference=conference, matter="other", title="A", text="A", actor=principal, now=NOW
    )
    services.resolution_item_vote(item=item, votes_for=25, votes_against=0, actor=principal, now=NOW)
    services.conference_issue(conference=conference, actor=principal, now=NOW)
    review = services.resolution_review_record(
        conference=conference, findings="Đã thực hiện 8/10 chỉ tiêu.", actor=principal, now=NOW + dt.timedelta(days=180)
    )
    assert review.notice_document is not None and review.notice_document.kind == DocumentType.NOTICE


# --- staff register and import -----------------------------------------------------------------


def test_headcount_by_date_follows_the_register(school: Organisation, principal: User) -> None:
    member = StaffMember.objects.filter(organisation=school).first()
    assert member is not None
    services.staff_member_leave(staff_member=member, on=dt.date(2027, 1, 1), actor=principal, now=NOW)
    assert selectors.headcount_on(school, dt.date(2026, 12, 31)) == 30
    assert selectors.headcount_on(school, dt.date(2027, 1, 1)) == 29


def test_one_head_at_a_time(school: Organisation, principal: User) -> None:
    services.staff_member_add(
        organisation=school,
        code="HT",
        full_name="Hiệu trưởng",
        active_from=TODAY,
        is_head=True,
        actor=principal,
        now=NOW,
    )
    with pytest.raises(DomainError) as refusal:
        services.staff_member_add(
            organisation=school,
            code="HT2",
            full_name="Người khác",
            active_from=TODAY,
            is_head=True,
            actor=principal,
            now=NOW,
        )
    assert refusal.value.code == "workplaces.staff.head_taken"


# --- staff consultation and dialogue -------------------------------------------------------------


def test_matter_must_belong_to_the_organisation_kind(school: Organisation, principal: User) -> None:
    with pytest.raises(DomainError) as refusal:
        services.staff_consultation_create(
            organisation=school,
            matter="DN1",
            title="x",
            draft="x",
            opens_on=TODAY,
            closes_on=TODAY + dt.timedelta(days=5),
            actor=principal,
            now=NOW,
        )
    assert refusal.value.code == "workplaces.consultation.unknown_matter"


def test_dialogue_valid_only_above_seventy_percent(soe: Organisation, soe_director: User) -> None:
    member_list = fix_dialogue_members(soe, soe_director, workers=5)
    dialogue = services.dialogue_schedule(
        organisation=soe,
        kind="periodic",
        scheduled_on=TODAY,
        content_sent_on=CONTENT_SENT,
        topics="Tiền lương 2027",
        actor=soe_director,
        now=NOW,
    )
    assert (dialogue.member_list, dialogue.employer_representatives, dialogue.worker_representatives) == (
        member_list,
        3,
        5,
    )
    held = services.dialogue_record(
        dialogue=dialogue,
        present=present_members(member_list, workers=4),
        outcome="Thống nhất",
        actor=soe_director,
        now=NOW,
    )
    assert (held.status, held.workers_present, held.legal_representative_present) == (DialogueStatus.HELD, 4, True)
    assert held.minutes_document is not None
    assert services.dialogue_publish(dialogue=held, actor=soe_director, now=NOW).status == DialogueStatus.PUBLISHED
    second = services.dialogue_schedule(
        organisation=soe,
        kind="periodic",
        scheduled_on=TODAY,
        content_sent_on=CONTENT_SENT,
        topics="x",
        actor=soe_director,
        now=NOW,
    )
    invalid = services.dialogue_record(
        dialogue=second, present=present_members(member_list, workers=3), outcome="", actor=soe_director, now=NOW
    )
    assert invalid.status == DialogueStatus.INVALID and invalid.minutes_document is None
    third = services.dialogue_schedule(
        organisation=soe,
        kind="periodic",
        scheduled_on=TODAY,
        content_sent_on=CONTENT_SENT,
        topics="x",
        actor=soe_director,
        now=NOW,
    )
    without_head = services.dialogue_record(
        dialogue=third,
        present=present_members(member_list, workers=5, legal_representative=False),
        outcome="",
        actor=soe_director,
        now=NOW,
    )
    assert without_head.status == DialogueStatus.INVALID and without_head.legal_representative_present is False


def test_dialogue_request_needs_thirty_percent_and_agencies_hold_none(
    soe: Organisation, soe_director: User, school: Organisation, principal: User
) -> None:
    fix_dialogue_members(soe, soe_director, workers=7)
    with pytest.raises(DomainError) as refusal:
        services.dialogue_schedule(
            organisation=soe,
            kind="on_request",
            scheduled_on=TODAY,
            topics="x",
            request_supporters=2,
            requested_on=TODAY,
            actor=soe_director,
            now=NOW,
        )
    assert refusal.value.code == "workplaces.dialogue.request_too_small"
    on_request = services.dialogue_schedule(
        organisation=soe,
        kind="on_request",
        scheduled_on=TODAY,
        topics="x",
        request_supporters=3,
        requested_on=TODAY - dt.timedelta(days=7),
        actor=soe_director,
        now=NOW,
    )
    assert on_request.worker_representatives == 7
    # Received Wednesday 13/1/2027: the reply fixing time and place is due 5 working days later, Wednesday 20/1.
    assert services.dialogue_reply_due_on(on_request) == dt.date(2027, 1, 20)
    with pytest.raises(DomainError) as refusal:
        services.dialogue_schedule(
            organisation=soe,
            kind="on_request",
            scheduled_on=TODAY,
            topics="x",
            request_supporters=3,
            actor=soe_director,
            now=NOW,
        )
    assert refusal.value.code == "workplaces.dialogue.requested_on_required"
    with pytest.raises(DomainError) as refusal:
        services.dialogue_schedule(
            organisation=school,
            kind="periodic",
            scheduled_on=TODAY,
            content_sent_on=CONTENT_SENT,
            topics="x",
            actor=principal,
            now=NOW,
        )
    assert refusal.value.code == "workplaces.dialogue.not_employer"


def test_obligations_of_the_year(school: Organisation, soe: Organisation) -> None:
    school_items = {item.code: item for item in selectors.obligations(school, 2027, TODAY)}
    assert school_items["annual_conference"].due_on == dt.date(2027, 3, 31)
    assert school_items["annual_conference"].state(TODAY) == "due"
    assert school_items["annual_conference"].state(dt.date(2027, 4, 1)) == "late"
    assert "periodic_dialogue" not in school_items
    soe_items = {item.code: item for item in selectors.obligations(soe, 2027, TODAY)}
    assert soe_items["periodic_dialogue"].due_on == dt.date(2027, 12, 31)


def test_small_unit_conference_is_optional(commune: object) -> None:
    from grassroots.workplaces.tests.conftest import make_organisation

    small = make_organisation(commune, "Tổ dịch vụ")  # type: ignore[arg-type]
    add_staff(small, 7)
    item = selectors.obligations(small, 2027, TODAY)[0]
    assert not item.is_required and item.state(dt.date(2027, 4, 1)) == "optional"
    add_staff(small, 1, start=8)
    assert selectors.obligations(small, 2027, TODAY)[0].is_required


def test_dialogue_content_goes_out_five_working_days_before(soe: Organisation, soe_director: User) -> None:
    fix_dialogue_members(soe, soe_director, workers=4)
    day = dt.date(2027, 2, 1)  # a Monday: five working days before is Monday 25/1
    with pytest.raises(DomainError) as refusal:
        services.dialogue_schedule(
            organisation=soe,
            kind="periodic",
            scheduled_on=day,
            topics="x",
            content_sent_on=dt.date(2027, 1, 26),
            actor=soe_director,
            now=NOW,
        )
    assert refusal.value.code == "workplaces.dialogue.content_late"
    in_time = services.dialogue_schedule(
        organisation=soe,
        kind="periodic",
        scheduled_on=day,
        topics="x",
        content_sent_on=dt.date(2027, 1, 25),
        actor=soe_director,
        now=NOW,
    )
    assert in_time.content_sent_on == dt.date(2027, 1, 25)
