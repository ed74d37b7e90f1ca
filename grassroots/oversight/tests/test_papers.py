"""The boards' papers read back (Decree 30 layout), work programmes and their reminders, and sending an unanswered
recommendation on to the next level after its 15 days. Attackers: a board member of no board, the Front of another
commune, a second report for the same period, an escalation one day early."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from pytest_django import Settings

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import make_persona
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.documents.layout import build_layout
from grassroots.documents.models import Document
from grassroots.documents.selectors import document_spec
from grassroots.oversight import jobs, selectors, services
from grassroots.oversight.models import Board, BoardReport, Escalation, Inspection, Recommendation
from grassroots.oversight.tests.conftest import NOW, VN
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN)


def _text(document: Document) -> str:
    return build_layout(document_spec(document)).all_text()


def _concluded(board: Board, member: User) -> Inspection:
    inspection = services.inspection_plan(
        board=board,
        subject="Kiểm tra thu, chi quỹ xây dựng nhà văn hóa",
        inspected_party="Ban phát triển thôn 1",
        planned_on=dt.date(2026, 12, 14),
        actor=member,
        now=NOW,
    )
    services.inspection_notify(inspection=inspection, notified_on=NOW.date(), actor=member, now=NOW)
    services.finding_record(
        inspection=inspection, text="Chi 3 khoản không có chứng từ.", evidence="Sổ quỹ trang 4", actor=member, now=NOW
    )
    return services.inspection_conclude(
        inspection=inspection, conclusion="Đề nghị bổ sung chứng từ.", actor=member, now=_at(dt.date(2026, 12, 15))
    )


def _sent(board: Board, member: User, front: User, **extra: object) -> Recommendation:
    recommendation = services.recommendation_draft(
        board=board,
        title="Sửa chữa cống thoát nước thôn 1",
        content="Đề nghị sửa cống trước mùa mưa.",
        addressee_name="Chủ tịch UBND xã",
        actor=member,
        now=NOW,
        **extra,  # type: ignore[arg-type]
    )
    services.recommendation_confirm(recommendation=recommendation, actor=front, now=NOW)
    return services.recommendation_send(recommendation=recommendation, actor=member, now=NOW)


# --- the results of an inspection, issued when it is concluded ----------------------------------------


def test_conclusion_issues_the_results_report_in_the_board_s_own_header_and_series(
    active_board: Board, board_member: User
) -> None:
    inspection = _concluded(active_board, board_member)
    document = inspection.conclusion_document
    assert document is not None
    assert document.kind == "report"
    assert document.number_label == "01/BC-BTTND"
    assert document.series == f"oversight-board-{active_board.pk}"
    spec = document_spec(document)
    assert spec.issuer.parent_lines == ("ỦY BAN MTTQ VIỆT NAM XÃ HÒA PHÚ",)
    assert spec.issuer.name_lines == ("BAN THANH TRA NHÂN DÂN",)
    assert spec.signatures[0].lines == ("TM. BAN THANH TRA NHÂN DÂN", "TRƯỞNG BAN")
    assert spec.signatures[0].signer_name == "Bùi Quang Sơn"  # the board's head
    assert spec.recipients.addressees == ("Ủy ban Mặt trận Tổ quốc Việt Nam Xã Hòa Phú",)
    text = _text(document)
    assert "Chi 3 khoản không có chứng từ." in text and "Sổ quỹ trang 4" in text
    assert "Đề nghị bổ sung chứng từ." in text
    with document.pdf_file.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    with document.docx_file.open("rb") as docx, zipfile.ZipFile(docx) as archive:
        assert "BAN THANH TRA NHÂN DÂN" in archive.read("word/document.xml").decode("utf-8")
    event = AuditEvent.objects.filter(code="oversight.inspection.concluded").get()
    assert (event.after or {})["conclusion_document"] == document.pk


def test_a_refused_conclusion_issues_no_paper(active_board: Board, board_member: User) -> None:
    inspection = services.inspection_plan(
        board=active_board, subject="x", inspected_party="y", planned_on=dt.date(2026, 12, 14), actor=board_member
    )
    with pytest.raises(DomainError) as refused:  # still only planned: the plan was never sent
        services.inspection_conclude(inspection=inspection, conclusion="z", actor=board_member, now=NOW)
    assert refused.value.code == "oversight.inspection.bad_transition"
    assert not Document.objects.exists()
    inspection.refresh_from_db()
    assert inspection.conclusion_document is None and inspection.status == "planned"


# --- periodic reports ---------------------------------------------------------------------------------


def test_quarter_report_is_refused_until_the_quarter_is_over_even_on_its_last_day(
    active_board: Board, board_member: User
) -> None:
    for day in (NOW.date(), dt.date(2026, 12, 31)):
        with pytest.raises(DomainError) as refused:
            services.board_report_issue(board=active_board, year=2026, period="Q4", actor=board_member, now=_at(day))
        assert refused.value.code == "oversight.report.period_not_over"
    assert not BoardReport.objects.exists() and not Document.objects.exists()


def test_quarter_report_issued_once_with_the_recorded_figures(
    active_board: Board, board_member: User, front_chair: User, commune_chair: User
) -> None:
    _concluded(active_board, board_member)
    recommendation = _sent(active_board, board_member, front_chair)
    services.recommendation_answer(
        recommendation=recommendation,
        answer="Đã giao địa chính khảo sát.",
        disposition="partly",
        actor=commune_chair,
        now=_at(dt.date(2026, 12, 1)),
    )
    report = services.board_report_issue(
        board=active_board,
        year=2026,
        period="Q4",
        assessment="Ban hoạt động đúng chương trình.",
        actor=board_member,
        now=_at(dt.date(2027, 1, 4)),
    )
    assert (report.first_day, report.last_day) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert report.figures["inspections"] == 1 and report.figures["findings"] == 1
    assert report.figures["sent"] == 1 and report.figures["answered_on_time"] == 1 and report.figures["partly"] == 1
    document = report.document
    assert document.number_label == "01/BC-BTTND"  # a new year: the series starts again at 01 (Decree 30)
    assert document.summary == "Kết quả hoạt động quý iv năm 2026 của Ban Thanh tra nhân dân xã Hòa Phú"
    text = _text(document)
    assert "Số kiến nghị đã gửi" in text and "Ban hoạt động đúng chương trình." in text
    assert "Kiểm tra thu, chi quỹ xây dựng nhà văn hóa" in text
    assert AuditEvent.objects.filter(code="oversight.report.issued", after__document=document.pk).exists()
    with pytest.raises(DomainError) as refused:
        services.board_report_issue(
            board=active_board, year=2026, period="Q4", actor=board_member, now=_at(dt.date(2027, 1, 5))
        )
    assert refused.value.code == "oversight.report.already_issued"
    assert BoardReport.objects.count() == 1


def test_report_of_a_stranger_is_refused(active_board: Board, commune: AdministrativeUnit) -> None:
    stranger = make_persona("stranger_member", Role.INSPECTION_BOARD_MEMBER, commune)
    with pytest.raises(DomainError) as refused:
        services.board_report_issue(board=active_board, year=2026, period="Q3", actor=stranger, now=NOW)
    assert refused.value.code == "oversight.not_authorised"
    assert not Document.objects.exists()


def test_unknown_period_is_refused(active_board: Board, board_member: User) -> None:
    with pytest.raises(DomainError) as refused:
        services.board_report_issue(board=active_board, year=2026, period="Q7", actor=board_member, now=NOW)
    assert refused.value.code == "oversight.report.period_unknown"


# --- sending an unanswered recommendation on ------------------------------------------------------


def test_escalation_refused_on_the_last_day_then_sent_to_the_next_level_with_a_letter(
    active_board: Board, board_member: User, front_chair: User, community: AdministrativeUnit, commune_chair: User
) -> None:
    recommendation = _sent(active_board, board_member, front_chair, addressee_unit=community)
    assert selectors.recommendation_due(recommendation) == dt.date(2026, 12, 8)
    with pytest.raises(DomainError) as refused:
        services.recommendation_escalate(
            recommendation=recommendation, actor=board_member, now=_at(dt.date(2026, 12, 8))
        )
    assert refused.value.code == "oversight.recommendation.not_overdue"
    assert not Escalation.objects.exists()
    assert list(Document.objects.all()) == [recommendation.document]  # only the letter sent with it

    escalation = services.recommendation_escalate(
        recommendation=recommendation, actor=board_member, now=_at(dt.date(2026, 12, 9))
    )
    assert escalation.level == 1
    assert escalation.addressee_unit == active_board.unit  # the village's → the commune's chair
    assert escalation.addressee_name == "Chủ tịch Ủy ban nhân dân Xã Hòa Phú"
    assert escalation.document is not None and escalation.document.kind == "official_letter"
    assert escalation.document.number_label == "02/BTTND-KN"  # 01 was the recommendation itself
    assert "quá thời hạn trả lời 15 ngày" in _text(escalation.document)
    recommendation.refresh_from_db()
    assert recommendation.status == "sent"
    assert selectors.sent_record_intact(recommendation) is True  # the sent text is untouched
    assert selectors.current_due(recommendation) == dt.date(2026, 12, 24)
    assert not selectors.is_overdue(recommendation, dt.date(2026, 12, 10))
    assert selectors.may_answer(commune_chair, recommendation, dt.date(2026, 12, 10))
    with pytest.raises(DomainError) as again:  # the new level's 15 days have not run out
        services.recommendation_escalate(
            recommendation=recommendation, actor=board_member, now=_at(dt.date(2026, 12, 10))
        )
    assert again.value.code == "oversight.recommendation.not_overdue"
    assert AuditEvent.objects.filter(code="oversight.recommendation.escalated").count() == 1


def test_escalation_by_the_front_of_another_commune_is_refused(
    active_board: Board, board_member: User, front_chair: User, other_front_chair: User
) -> None:
    recommendation = _sent(active_board, board_member, front_chair)
    with pytest.raises(DomainError) as refused:
        services.recommendation_escalate(
            recommendation=recommendation, actor=other_front_chair, now=_at(dt.date(2026, 12, 9))
        )
    assert refused.value.code == "oversight.not_authorised"
    assert not Escalation.objects.exists()


def test_answered_recommendation_cannot_be_sent_on(
    active_board: Board, board_member: User, front_chair: User, commune_chair: User
) -> None:
    recommendation = _sent(active_board, board_member, front_chair)
    services.recommendation_answer(
        recommendation=recommendation, answer="Không có kinh phí.", disposition="rejected", actor=commune_chair
    )
    with pytest.raises(DomainError) as refused:
        services.recommendation_escalate(
            recommendation=recommendation, actor=board_member, now=_at(dt.date(2027, 1, 9))
        )
    assert refused.value.code == "oversight.recommendation.not_awaiting"


def test_daily_job_tells_the_front_the_board_and_the_chair_once(
    active_board: Board, board_member: User, front_chair: User, commune_chair: User
) -> None:
    from grassroots.notifications.models import Notification

    recommendation = _sent(active_board, board_member, front_chair)
    assert jobs.overdue_recommendations(_at(dt.date(2026, 12, 8))) == 0
    created = jobs.overdue_recommendations(_at(dt.date(2026, 12, 9)))
    users = set(Notification.objects.filter(kind=jobs.OVERDUE_KIND).values_list("user_id", flat=True))
    assert users == {front_chair.pk, commune_chair.pk, board_member.pk}
    assert created == 3
    assert jobs.overdue_recommendations(_at(dt.date(2026, 12, 10))) == 0  # idempotent
    assert not Escalation.objects.filter(recommendation=recommendation).exists()  # not sent on by default


def test_daily_job_sends_on_when_configured(
    settings: Settings, active_board: Board, board_member: User, front_chair: User
) -> None:
    settings.OVERSIGHT_AUTO_ESCALATE = True
    recommendation = _sent(active_board, board_member, front_chair)
    jobs.overdue_recommendations(_at(dt.date(2026, 12, 9)))
    escalation = Escalation.objects.get(recommendation=recommendation)
    assert escalation.created_by is None and escalation.addressee_unit == active_board.unit.parent
    jobs.overdue_recommendations(_at(dt.date(2026, 12, 10)))
    assert Escalation.objects.filter(recommendation=recommendation).count() == 1


# --- work programmes --------------------------------------------------------------------------------


def test_programme_items_are_due_items_reminded_before_their_date(active_board: Board, board_member: User) -> None:
    from grassroots.dashboard.registry import collect_tasks
    from grassroots.notifications.jobs import deadline_reminders
    from grassroots.notifications.models import Notification

    programme = services.programme_create(
        board=active_board, kind="quarter", year=2026, number=4, actor=board_member, now=NOW
    )
    assert (programme.first_day, programme.last_day) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    with pytest.raises(DomainError) as refused:
        services.programme_item_add(
            programme=programme, text="Giám sát chợ", due_on=dt.date(2027, 1, 2), actor=board_member, now=NOW
        )
    assert refused.value.code == "oversight.programme.due_outside"
    item = services.programme_item_add(
        programme=programme, text="Giám sát việc thu phí chợ", due_on=dt.date(2026, 11, 25), actor=board_member, now=NOW
    )
    groups = collect_tasks(board_member, NOW.date())
    due = [task for task in [*groups.due_soon, *groups.later, *groups.overdue] if "thu phí chợ" in task.title]
    assert [task.due_date for task in due] == [dt.date(2026, 11, 25)]
    assert deadline_reminders(NOW, user_ids=[board_member.pk]) >= 1
    titles = [row.params.get("title", "") for row in Notification.objects.filter(user=board_member)]
    assert any("thu phí chợ" in title for title in titles)
    services.programme_item_done(item=item, actor=board_member, now=NOW)
    with pytest.raises(DomainError) as twice:
        services.programme_item_done(item=item, actor=board_member, now=NOW)
    assert twice.value.code == "oversight.programme.item_done"
    with pytest.raises(DomainError) as duplicate:
        services.programme_create(board=active_board, kind="quarter", year=2026, number=4, actor=board_member)
    assert duplicate.value.code == "oversight.programme.exists"
