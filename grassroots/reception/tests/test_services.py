"""Service tests: the new state, the audit event, and on refusal that nothing changed; attacks on every guarantee."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.disclosures.models import Disclosure
from grassroots.disclosures.models import Status as DisclosureStatus
from grassroots.documents.models import Document, DocumentType
from grassroots.petitions.models import Case, CaseIdentity
from grassroots.reception import selectors, services
from grassroots.reception.models import (
    DialogueConference,
    DialogueStatus,
    ReceptionSchedule,
    ReceptionSession,
    ReceptionVisit,
)
from grassroots.reception.tests.conftest import NOW, TODAY
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
D = dt.date


def _schedule(unit: AdministrativeUnit, actor: User, **extra: object) -> ReceptionSchedule:
    values: dict[str, object] = {
        "unit": unit,
        "weekday": 1,
        "weeks": (),
        "start_time": dt.time(7, 30),
        "end_time": dt.time(11, 0),
        "place": "Phòng tiếp công dân, trụ sở UBND xã",
        "valid_from": TODAY,
        "actor": actor,
        "now": NOW,
    }
    values.update(extra)
    return services.schedule_set(**values)  # type: ignore[arg-type]


def _session(unit: AdministrativeUnit, receiver: User, actor: User, **extra: object) -> ReceptionSession:
    values: dict[str, object] = {
        "unit": unit,
        "held_on": D(2026, 12, 8),
        "kind": "regular",
        "receiver": receiver,
        "place": "Phòng tiếp công dân",
        "actor": actor,
        "now": NOW,
    }
    values.update(extra)
    return services.session_record(**values)  # type: ignore[arg-type]


# --- schedule -----------------------------------------------------------------------------------


def test_schedule_set_is_audited_and_replaces_the_previous(commune: AdministrativeUnit, commune_chair: User) -> None:
    first = _schedule(commune, commune_chair, valid_from=TODAY)
    second = _schedule(commune, commune_chair, weekday=3, weeks=(1, 3), valid_from=D(2027, 1, 1))
    first.refresh_from_db()
    assert first.valid_until == D(2027, 1, 1)
    assert second.weeks == "1,3" and second.valid_until is None
    assert AuditEvent.objects.filter(code="reception.schedule.set").count() == 2
    assert selectors.current_schedule(commune, D(2027, 1, 5)) == second


def test_an_earlier_new_schedule_never_overlaps_an_ended_one(commune: AdministrativeUnit, commune_chair: User) -> None:
    first = _schedule(commune, commune_chair, valid_from=TODAY)
    _schedule(commune, commune_chair, weekday=3, valid_from=D(2027, 3, 1))
    third = _schedule(commune, commune_chair, weekday=4, valid_from=D(2027, 2, 1))
    rows = list(ReceptionSchedule.objects.filter(unit=commune).order_by("valid_from"))
    assert [(row.pk, row.valid_from, row.valid_until) for row in rows] == [
        (first.pk, TODAY, D(2027, 2, 1)),
        (third.pk, D(2027, 2, 1), None),
    ]


def test_schedule_below_the_monthly_minimum_is_refused(commune: AdministrativeUnit, commune_chair: User) -> None:
    with pytest.raises(DomainError) as refusal:
        _schedule(commune, commune_chair, weeks=(2,))
    assert refusal.value.code == "reception.schedule.below_minimum"
    assert not ReceptionSchedule.objects.exists()


def test_schedule_minimum_follows_the_setting(
    commune: AdministrativeUnit, commune_chair: User, settings: Settings
) -> None:
    settings.GRASSROOTS_RECEPTION_MIN_DAYS_PER_MONTH = 3
    with pytest.raises(DomainError):
        _schedule(commune, commune_chair, weeks=(1, 3))
    assert _schedule(commune, commune_chair, weeks=(1, 2, 3)).weeks == "1,2,3"


def test_schedule_cannot_start_in_the_past(commune: AdministrativeUnit, commune_chair: User) -> None:
    with pytest.raises(DomainError) as refusal:
        _schedule(commune, commune_chair, valid_from=TODAY - dt.timedelta(days=1))
    assert refusal.value.code == "reception.schedule.starts_in_past"


def test_attack_officer_of_another_commune_cannot_set_the_schedule(
    commune: AdministrativeUnit, other_commune_officer: User
) -> None:
    with pytest.raises(DomainError) as refusal:
        _schedule(commune, other_commune_officer)
    assert refusal.value.code == "reception.not_authorised"
    assert not ReceptionSchedule.objects.exists()


def test_attack_resident_cannot_record_a_session(
    commune: AdministrativeUnit, resident: User, commune_chair: User
) -> None:
    with pytest.raises(DomainError):
        _session(commune, commune_chair, resident)
    assert not ReceptionSession.objects.exists()


# --- sessions and missed days -------------------------------------------------------------------


def test_session_by_the_chair_counts_and_by_the_vice_chair_does_not(
    commune: AdministrativeUnit, commune_chair: User, vice_chair: User, commune_officer: User
) -> None:
    by_chair = _session(commune, commune_chair, commune_officer)
    by_vice = _session(commune, vice_chair, commune_officer, held_on=D(2026, 12, 1))
    assert by_chair.receiver_is_chair and not by_vice.receiver_is_chair
    assert selectors.chair_days(commune, D(2026, 12, 1), D(2026, 12, 31)) == [D(2026, 12, 8)]
    event = AuditEvent.objects.get(code="reception.session.recorded", object_id=str(by_chair.pk))
    assert event.after is not None and event.after["receiver_is_chair"] is True


def test_attack_a_clerk_cannot_type_the_chair_flag(
    commune: AdministrativeUnit, vice_chair: User, commune_officer: User
) -> None:
    """``receiver_is_chair`` is decided from the roles, not passed: the service has no such parameter."""
    with pytest.raises(TypeError):
        services.session_record(  # type: ignore[call-arg]
            unit=commune,
            held_on=D(2026, 12, 8),
            kind="regular",
            receiver=vice_chair,
            receiver_is_chair=True,
            place="x",
            actor=commune_officer,
            now=NOW,
        )


def test_session_in_the_future_is_refused(commune: AdministrativeUnit, commune_chair: User) -> None:
    with pytest.raises(DomainError) as refusal:
        _session(commune, commune_chair, commune_chair, held_on=TODAY + dt.timedelta(days=1))
    assert refusal.value.code == "reception.session.in_future"


def test_receiver_must_be_a_receiver_of_this_commune(
    commune: AdministrativeUnit, other_commune_officer: User, resident: User, commune_chair: User
) -> None:
    for receiver in (other_commune_officer, resident):
        with pytest.raises(DomainError) as refusal:
            _session(commune, receiver, commune_chair)
        assert refusal.value.code == "reception.session.receiver_cannot_receive"


def test_online_session_before_1_july_2026_is_refused_and_the_database_agrees(
    commune: AdministrativeUnit, commune_chair: User
) -> None:
    with pytest.raises(DomainError) as refusal:
        _session(commune, commune_chair, commune_chair, kind="online", held_on=D(2026, 6, 30))
    assert refusal.value.code == "reception.session.online_too_early"
    assert _session(commune, commune_chair, commune_chair, kind="online", held_on=D(2026, 7, 1)).kind == "online"
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceptionSession.objects.filter(kind="online").update(held_on=D(2026, 6, 30))


def test_missed_days_are_the_scheduled_days_without_the_chair(
    commune: AdministrativeUnit, commune_chair: User, vice_chair: User
) -> None:
    ReceptionSchedule.objects.create(
        unit=commune,
        weekday=1,
        start_time=dt.time(7, 30),
        end_time=dt.time(11, 0),
        place="Trụ sở",
        valid_from=D(2026, 11, 1),
        created_by=commune_chair,
    )
    _session(commune, commune_chair, commune_chair, held_on=D(2026, 12, 1))
    _session(commune, vice_chair, vice_chair, held_on=D(2026, 12, 8))  # the vice chair does not replace the chair
    missed = selectors.missed_days(commune, TODAY)
    assert D(2026, 12, 8) in missed and D(2026, 12, 1) not in missed
    assert D(2026, 11, 3) in missed


def test_missed_day_shows_on_the_chairs_task_page(commune: AdministrativeUnit, commune_chair: User) -> None:
    from grassroots.reception.apps import reception_tasks

    ReceptionSchedule.objects.create(
        unit=commune,
        weekday=1,
        start_time=dt.time(7, 30),
        end_time=dt.time(11, 0),
        place="Trụ sở",
        valid_from=D(2026, 12, 1),
        created_by=commune_chair,
    )
    _session(commune, commune_chair, commune_chair, held_on=D(2026, 12, 1))
    tasks = list(reception_tasks(commune_chair, TODAY))
    assert [task.due_date for task in tasks] == [D(2026, 12, 8)]


def test_no_schedule_is_a_task_for_the_chair_only(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User
) -> None:
    from grassroots.reception.apps import reception_tasks

    assert [task.due_date for task in reception_tasks(commune_chair, TODAY)] == [TODAY]
    assert list(reception_tasks(commune_officer, TODAY)) == []


# --- visits and cases ---------------------------------------------------------------------------


def test_visit_with_guidance_only_keeps_the_identity(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User
) -> None:
    session = _session(commune, commune_chair, commune_officer)
    visit = services.visit_record(
        session=session,
        full_name="Nguyễn Văn Hỏi",
        id_number="001085001234",
        summary="Hỏi thủ tục tách thửa.",
        guidance="Hướng dẫn nộp hồ sơ tại bộ phận một cửa.",
        actor=commune_officer,
        now=NOW,
    )
    assert visit.case is None and visit.full_name == "Nguyễn Văn Hỏi"


def test_visit_becomes_a_case_on_the_reception_channel_from_the_session_day(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User
) -> None:
    session = _session(commune, commune_chair, commune_officer, held_on=D(2026, 12, 1))
    visit = services.visit_record(
        session=session,
        full_name="Trần Thị Khiếu",
        id_number="001185004321",
        summary="Khiếu nại quyết định thu hồi đất.",
        case_kind="complaint",
        case_title="Khiếu nại thu hồi đất",
        actor=commune_officer,
        now=NOW,
    )
    assert visit.case is not None
    case = visit.case
    assert (case.channel, case.kind, case.received_on) == ("reception", "complaint", D(2026, 12, 1))
    assert CaseIdentity.objects.get(case=case).full_name == "Trần Thị Khiếu"
    assert not visit.identity_withheld


def test_attack_denouncer_identity_is_nowhere_in_the_reception_tables_or_the_audit(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User
) -> None:
    """Someone reading the whole database outside ``CaseIdentity`` must not find the denouncer."""
    session = _session(commune, commune_chair, commune_officer)
    visit = services.visit_record(
        session=session,
        full_name="Lê Thị Bí Mật",
        phone="0987654321",
        address="Xóm Đồng Bí",
        id_number="001199009999",
        summary="Tố cáo cán bộ địa chính nhận tiền.",
        case_kind="denunciation",
        case_title="Tố cáo cán bộ",
        actor=commune_officer,
        now=NOW,
    )
    assert visit.identity_withheld and visit.case is not None and visit.case.is_confidential
    secrets = ("Bí Mật", "0987654321", "Đồng Bí", "001199009999")
    with connection.cursor() as cursor:
        for table in (
            ReceptionVisit._meta.db_table,
            ReceptionSession._meta.db_table,
            AuditEvent._meta.db_table,
        ):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            dump = repr(cursor.fetchall())
            assert not any(secret in dump for secret in secrets), table


def test_attack_the_database_refuses_a_withheld_visit_with_a_name(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User
) -> None:
    session = _session(commune, commune_chair, commune_officer)
    visit = services.visit_record(
        session=session,
        full_name="Lê Thị Bí Mật",
        id_number="001199009999",
        summary="Tố cáo.",
        case_kind="denunciation",
        case_title="Tố cáo",
        actor=commune_officer,
        now=NOW,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceptionVisit.objects.filter(pk=visit.pk).update(full_name="Lê Thị Bí Mật")


def test_visit_needs_an_id_from_1_july_2026_and_nothing_is_written(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User
) -> None:
    session = _session(commune, commune_chair, commune_officer)
    with pytest.raises(DomainError) as refusal:
        services.visit_record(
            session=session,
            full_name="Nguyễn Văn Không Giấy",
            summary="Kiến nghị sửa đường.",
            case_kind="petition",
            case_title="Sửa đường",
            actor=commune_officer,
            now=NOW,
        )
    assert refusal.value.code == "reception.visit.id_required"
    assert not ReceptionVisit.objects.exists() and not Case.objects.exists()


def test_visit_id_rule_follows_the_setting(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User, settings: Settings
) -> None:
    settings.GRASSROOTS_RECEPTION_VISITOR_ID_REQUIRED_FROM = ""
    session = _session(commune, commune_chair, commune_officer)
    visit = services.visit_record(
        session=session, full_name="Nguyễn Văn A", summary="Hỏi.", actor=commune_officer, now=NOW
    )
    assert visit.pk


def test_a_refused_case_leaves_no_visit(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User, other_commune: AdministrativeUnit
) -> None:
    from grassroots.accounts.testing import make_unit

    elsewhere = make_unit("community", "Thôn Khác", parent=other_commune)
    session = _session(commune, commune_chair, commune_officer)
    with pytest.raises(DomainError) as refusal:
        services.visit_record(
            session=session,
            full_name="Nguyễn Văn B",
            id_number="001",
            summary="Phản ánh.",
            case_kind="feedback",
            case_title="Đèn đường",
            community=elsewhere,
            actor=commune_officer,
            now=NOW,
        )
    assert refusal.value.code == "petitions.case.community_elsewhere"
    assert not ReceptionVisit.objects.exists() and not Case.objects.exists()


def test_attack_officer_of_another_commune_cannot_add_a_visit(
    commune: AdministrativeUnit, commune_chair: User, other_commune_officer: User
) -> None:
    session = _session(commune, commune_chair, commune_chair)
    with pytest.raises(DomainError):
        services.visit_record(
            session=session, full_name="X", id_number="1", summary="Y", actor=other_commune_officer, now=NOW
        )
    assert not ReceptionVisit.objects.exists()


# --- dialogue -----------------------------------------------------------------------------------


def _plan(unit: AdministrativeUnit, actor: User, **extra: object) -> DialogueConference:
    values: dict[str, object] = {
        "unit": unit,
        "title": "Hội nghị đối thoại năm 2026",
        "topics": "Kết quả thực hiện kế hoạch năm; quyền và nghĩa vụ của công dân.",
        "planned_on": D(2026, 12, 16),
        "place": "Hội trường UBND xã",
        "method": "in_person",
        "co_chairs": "Chủ tịch UBND xã; Chủ tịch UBMTTQ xã",
        "actor": actor,
        "now": NOW,
    }
    values.update(extra)
    return services.conference_plan(**values)  # type: ignore[arg-type]


def test_a_full_conference_issues_its_minutes_and_meets_the_year(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User
) -> None:
    conference = _plan(commune, commune_officer)
    assert not selectors.yearly_obligation_met(commune, 2026)
    conference = services.conference_announce(conference=conference, actor=commune_officer, now=NOW)
    assert conference.announced_on == TODAY and conference.status == DialogueStatus.ANNOUNCED
    question = services.question_add(
        conference=conference, question="Khi nào sửa đường liên thôn?", source="advance", actor=commune_officer, now=NOW
    )
    later = NOW + dt.timedelta(days=7)
    conference = services.conference_hold(
        conference=conference,
        held_on=D(2026, 12, 16),
        participants="Đại diện 6 thôn",
        attendance=120,
        actor=commune_officer,
        now=later,
    )
    assert selectors.yearly_obligation_met(commune, 2026)
    with pytest.raises(DomainError) as refusal:
        services.conference_results_publish(conference=conference, actor=commune_officer, now=later)
    assert refusal.value.code == "reception.dialogue.unanswered"
    services.question_answer(
        question=question,
        answer="Quý I/2027 khởi công.",
        commitment="Khởi công sửa đường liên thôn",
        commitment_due=D(2027, 3, 31),
        actor=commune_chair,
        now=later,
    )
    conference = services.conference_results_publish(conference=conference, actor=commune_officer, now=later)
    assert conference.status == DialogueStatus.PUBLISHED and conference.results_published_on == D(2026, 12, 16)
    assert conference.minutes is not None
    minutes = Document.objects.get(pk=conference.minutes.pk)
    assert minutes.kind == DocumentType.MINUTES
    assert AuditEvent.objects.filter(code="reception.dialogue.results_published").exists()
    # The results are public through the disclosure service: a published K14 item with the answer and commitment.
    assert conference.results_disclosure is not None
    disclosure = Disclosure.objects.get(pk=conference.results_disclosure.pk)
    assert disclosure.status == DisclosureStatus.PUBLISHED and disclosure.category.code == "K14"
    assert disclosure.unit_id == commune.pk and disclosure.published_on == D(2026, 12, 16)
    assert "Quý I/2027 khởi công." in disclosure.body and "Khởi công sửa đường liên thôn" in disclosure.body
    assert disclosure.attachments.count() == 1
    with pytest.raises(DomainError) as closed:
        services.question_add(
            conference=conference, question="Thêm?", source="advance", actor=commune_officer, now=later
        )
    assert closed.value.code == "reception.dialogue.questions_closed"
    done = services.commitment_complete(question=question, actor=commune_officer, now=later)
    assert done.commitment_done_on == D(2026, 12, 16)


def test_announcement_six_days_before_is_refused_and_nothing_changes(
    commune: AdministrativeUnit, commune_officer: User
) -> None:
    conference = _plan(commune, commune_officer, planned_on=D(2026, 12, 15))
    with pytest.raises(DomainError) as refusal:
        services.conference_announce(conference=conference, actor=commune_officer, now=NOW)
    assert refusal.value.code == "reception.dialogue.notice_too_late"
    conference.refresh_from_db()
    assert conference.status == DialogueStatus.PLANNED and conference.announced_on is None


def test_announcement_exactly_seven_days_before_is_accepted(commune: AdministrativeUnit, commune_officer: User) -> None:
    conference = _plan(commune, commune_officer, planned_on=D(2026, 12, 16))
    assert services.conference_announce(conference=conference, actor=commune_officer, now=NOW).announced_on == TODAY


def test_cannot_hold_a_conference_that_was_never_announced(commune: AdministrativeUnit, commune_officer: User) -> None:
    conference = _plan(commune, commune_officer)
    with pytest.raises(DomainError) as refusal:
        services.conference_hold(
            conference=conference, held_on=TODAY, participants="x", attendance=1, actor=commune_officer, now=NOW
        )
    assert refusal.value.code == "reception.dialogue.bad_transition"


def test_commitment_needs_a_due_date(commune: AdministrativeUnit, commune_officer: User) -> None:
    conference = _plan(commune, commune_officer)
    question = services.question_add(
        conference=conference, question="Câu hỏi", source="at_conference", actor=commune_officer, now=NOW
    )
    with pytest.raises(DomainError) as refusal:
        services.question_answer(question=question, answer="Trả lời", commitment="Sẽ làm", actor=commune_officer)
    assert refusal.value.code == "reception.dialogue.commitment_due_required"


def test_attack_officer_of_another_commune_cannot_touch_a_conference(
    commune: AdministrativeUnit, commune_officer: User, other_commune_officer: User
) -> None:
    conference = _plan(commune, commune_officer)
    for attempt in (
        lambda: services.conference_announce(conference=conference, actor=other_commune_officer, now=NOW),
        lambda: services.conference_cancel(conference=conference, actor=other_commune_officer, now=NOW),
        lambda: services.question_add(
            conference=conference, question="?", source="advance", actor=other_commune_officer, now=NOW
        ),
    ):
        with pytest.raises(DomainError):
            attempt()
    conference.refresh_from_db()
    assert conference.status == DialogueStatus.PLANNED and not conference.questions.exists()


def test_dialogue_tasks_yearly_notice_and_results(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User
) -> None:
    from grassroots.reception.apps import dialogue_tasks

    titles_due = [(task.title, task.due_date) for task in dialogue_tasks(commune_chair, TODAY)]
    assert titles_due == [("Tổ chức hội nghị đối thoại năm 2026", D(2026, 12, 31))]
    assert list(dialogue_tasks(commune_officer, TODAY)) == []
    conference = _plan(commune, commune_officer)
    due = [task.due_date for task in dialogue_tasks(commune_chair, TODAY)]
    assert due == [D(2026, 12, 31), D(2026, 12, 9)]  # the year, and the notice 7 days before 16/12
    services.conference_announce(conference=conference, actor=commune_officer, now=NOW)
    later = NOW + dt.timedelta(days=7)
    services.conference_hold(
        conference=conference,
        held_on=D(2026, 12, 16),
        participants="x",
        attendance=None,
        actor=commune_officer,
        now=later,
    )
    due = [task.due_date for task in dialogue_tasks(commune_officer, D(2026, 12, 16))]
    assert due == [D(2026, 12, 28)]  # 26/12 is a Saturday: results due Monday 28/12


def test_attack_a_resident_gets_no_reception_or_dialogue_tasks(commune: AdministrativeUnit, resident: User) -> None:
    from grassroots.reception.apps import dialogue_tasks, reception_tasks

    assert list(reception_tasks(resident, TODAY)) == []
    assert list(dialogue_tasks(resident, TODAY)) == []


def test_a_complaint_received_at_reception_91_days_after_the_act_is_flagged_late(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User
) -> None:
    """Law on Complaints art. 9: the filing period applies to a complaint raised at a reception session too."""
    session = _session(commune, commune_chair, commune_officer, held_on=D(2026, 12, 8))
    values: dict[str, object] = {
        "session": session,
        "full_name": "Trần Thị Khiếu",
        "id_number": "001185004321",
        "summary": "Khiếu nại quyết định thu hồi đất.",
        "case_kind": "complaint",
        "case_title": "Khiếu nại thu hồi đất",
        "actor": commune_officer,
        "now": NOW,
    }
    late = services.visit_record(act_known_on=D(2026, 9, 8), **values)  # type: ignore[arg-type]
    on_day_90 = services.visit_record(act_known_on=D(2026, 9, 9), **values)  # type: ignore[arg-type]
    excused = services.visit_record(
        act_known_on=D(2026, 9, 8),
        filing_obstacle_days=3,
        filing_obstacle_reason="Ốm nằm viện",
        **values,  # type: ignore[arg-type]
    )
    assert late.case is not None and on_day_90.case is not None and excused.case is not None
    assert (late.case.filed_late, on_day_90.case.filed_late, excused.case.filed_late) == (True, False, False)
