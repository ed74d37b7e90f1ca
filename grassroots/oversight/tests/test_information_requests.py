"""Requests for information: the working-day clock (exact last day, across Tết), the overdue flag, the answer by
the body asked, withdrawal, audit events, refusals that change nothing, tasks and the staff pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import make_persona
from grassroots.calendar import rules as calendar_rules
from grassroots.calendar import selectors as calendar_selectors
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.oversight import rules, selectors
from grassroots.oversight.models import Board, InformationRequest
from grassroots.oversight.services import information
from grassroots.oversight.tasks import oversight_tasks
from grassroots.oversight.tests.conftest import NOW, TODAY, VN
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def _calendar() -> calendar_rules.WorkingCalendar:
    holidays, extra = calendar_selectors.base_holidays(
        years=[2026, 2027], weekly_rest_days=calendar_rules.PUBLIC_SECTOR_REST_DAYS, scope="public"
    )
    return calendar_rules.build_calendar(
        first_day=dt.date(2026, 1, 1), last_day=dt.date(2027, 12, 31), holidays=holidays, extra_working_days=extra
    )


def test_ten_working_days_from_a_monday_end_on_the_monday_two_weeks_later() -> None:
    assert rules.information_due(dt.date(2026, 11, 23), 10, _calendar()) == dt.date(2026, 12, 7)


def test_the_clock_skips_tet() -> None:
    # Sent Monday 1/2/2027; Tết 2027 closes 4–10/2: the 10th working day is Monday 22/2, not 15/2.
    assert rules.information_due(dt.date(2027, 2, 1), 10, _calendar()) == dt.date(2027, 2, 22)


@pytest.mark.parametrize(("today", "overdue"), [(dt.date(2026, 12, 7), False), (dt.date(2026, 12, 8), True)])
def test_overdue_only_after_the_last_day(today: dt.date, overdue: bool) -> None:
    assert rules.is_information_overdue(status="sent", due=dt.date(2026, 12, 7), today=today) is overdue
    assert rules.is_information_overdue(status="answered", due=dt.date(2026, 12, 7), today=today) is False


def test_transitions() -> None:
    assert rules.check_transition("information_request", "sent", "answered")
    assert rules.check_transition("information_request", "sent", "withdrawn")
    assert not rules.check_transition("information_request", "answered", "sent")
    assert not rules.check_transition("information_request", "withdrawn", "answered")


def _send(board: Board, actor: User, **extra: Any) -> InformationRequest:
    values: dict[str, Any] = {
        "board": board,
        "addressee": "commune",
        "addressee_name": "Ủy ban nhân dân xã Hòa Phú",
        "subject": "Hồ sơ dự toán đường thôn 1",
        "documents": "Dự toán, biên bản nghiệm thu.",
        "actor": actor,
        "now": NOW,
    }
    values.update(extra)
    return information.information_request_send(**values)


@pytest.fixture
def commune_chair(commune: AdministrativeUnit) -> User:
    return make_persona("info_chair", Role.COMMUNE_CHAIR, commune, full_name="Trịnh Văn Chủ Tịch")


def test_send_stores_the_period_and_audits(active_board: Board, board_member: User) -> None:
    sent = _send(active_board, board_member)
    assert sent.status == "sent" and sent.reply_working_days == 10 and sent.sent_on == TODAY
    assert selectors.information_due(sent) == dt.date(2026, 12, 7)
    event = AuditEvent.objects.get(code="oversight.information.sent")
    assert (event.after or {})["due"] == "2026-12-07"


def test_setting_changes_the_period_of_new_requests_only(
    active_board: Board, board_member: User, settings: Settings
) -> None:
    first = _send(active_board, board_member)
    settings.OVERSIGHT_INFORMATION_REPLY_WORKING_DAYS = 5
    second = _send(active_board, board_member, subject="Khác")
    first.refresh_from_db()
    assert first.reply_working_days == 10 and selectors.information_due(first) == dt.date(2026, 12, 7)
    assert second.reply_working_days == 5 and selectors.information_due(second) == dt.date(2026, 11, 30)


def test_commune_board_cannot_address_an_investor(active_board: Board, board_member: User) -> None:
    with pytest.raises(DomainError) as refused:
        _send(active_board, board_member, addressee="investor")
    assert refused.value.code == "oversight.information.addressee_kind"
    assert not InformationRequest.objects.exists()


def test_outsider_cannot_send(active_board: Board, other_front_chair: User) -> None:
    with pytest.raises(DomainError) as refused:
        _send(active_board, other_front_chair)
    assert refused.value.code == "oversight.not_authorised"
    assert not InformationRequest.objects.exists()


def test_commune_answers_and_the_task_goes(active_board: Board, board_member: User, commune_chair: User) -> None:
    sent = _send(active_board, board_member)
    tasks = [task for task in oversight_tasks(commune_chair, TODAY) if task.url.endswith(f"/{sent.pk}/")]
    assert [task.due_date for task in tasks] == [dt.date(2026, 12, 7)]
    later = dt.datetime(2026, 12, 7, 10, 0, tzinfo=VN)
    answered = information.information_request_answer(
        request=sent, answer="Gửi kèm dự toán.", answered_on=dt.date(2026, 12, 7), actor=commune_chair, now=later
    )
    assert answered.status == "answered" and answered.answered_by == commune_chair
    assert not selectors.information_overdue(answered, dt.date(2026, 12, 20))
    assert AuditEvent.objects.filter(code="oversight.information.answered").count() == 1
    assert not [task for task in oversight_tasks(commune_chair, TODAY) if task.url.endswith(f"/{sent.pk}/")]


def test_answer_twice_and_bad_dates_refused(active_board: Board, board_member: User, commune_chair: User) -> None:
    sent = _send(active_board, board_member)
    for day, code in [
        (dt.date(2026, 11, 22), "oversight.information.answered_before_sent"),
        (dt.date(2026, 11, 24), "oversight.information.answered_in_future"),
    ]:
        with pytest.raises(DomainError) as refused:
            information.information_request_answer(
                request=sent, answer="x", answered_on=day, actor=commune_chair, now=NOW
            )
        assert refused.value.code == code
    sent.refresh_from_db()
    assert sent.status == "sent" and sent.answered_on is None
    information.information_request_answer(request=sent, answer="x", answered_on=TODAY, actor=commune_chair, now=NOW)
    with pytest.raises(DomainError) as refused:
        information.information_request_answer(request=sent, answer="y", answered_on=TODAY, actor=commune_chair)
    assert refused.value.code == "oversight.information_request.bad_transition"


def test_overdue_request_is_a_task_for_the_board(active_board: Board, board_member: User) -> None:
    sent = _send(active_board, board_member)
    assert selectors.information_overdue(sent, dt.date(2026, 12, 8))
    tasks = [task for task in oversight_tasks(board_member, dt.date(2026, 12, 8)) if "quá hạn" in task.title]
    assert [task.due_date for task in tasks] == [dt.date(2026, 12, 7)]


def test_withdraw_needs_a_reason(active_board: Board, board_member: User) -> None:
    sent = _send(active_board, board_member)
    with pytest.raises(DomainError) as refused:
        information.information_request_withdraw(request=sent, reason="  ", actor=board_member, now=NOW)
    assert refused.value.code == "oversight.information.reason_required"
    withdrawn = information.information_request_withdraw(
        request=sent, reason="Đã có tài liệu", actor=board_member, now=NOW
    )
    assert withdrawn.status == "withdrawn"
    assert AuditEvent.objects.filter(code="oversight.information.withdrawn").count() == 1


def test_staff_pages(client: Client, active_board: Board, board_member: User, commune_chair: User) -> None:
    client.force_login(board_member)
    new = reverse("oversight:information_new", kwargs={"pk": active_board.pk})
    assert client.get(new).status_code == 200
    response = client.post(
        new,
        {"addressee": "commune", "addressee_name": "UBND xã", "subject": "Hồ sơ", "documents": "Dự toán"},
    )
    assert response.status_code == 302
    sent = InformationRequest.objects.get()
    detail = reverse("oversight:information_detail", kwargs={"pk": sent.pk})
    assert client.get(detail).status_code == 200
    client.force_login(commune_chair)
    response = client.post(
        reverse("oversight:information_answer", kwargs={"pk": sent.pk}),
        {"answer": "Đã gửi", "answered_on": "2026-11-23"},
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == "answered"


def test_page_of_another_commune_is_404(
    client: Client, active_board: Board, board_member: User, other_front_chair: User
) -> None:
    sent = _send(active_board, board_member)
    client.force_login(other_front_chair)
    assert client.get(reverse("oversight:information_detail", kwargs={"pk": sent.pk})).status_code == 404
