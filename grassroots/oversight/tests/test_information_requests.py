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


# --- the one extension (Access to Information Law art. 29(2) by analogy) and the fixed due day --------------


def _extend(request: InformationRequest, actor: User, **extra: Any) -> InformationRequest:
    values: dict[str, Any] = {
        "request": request,
        "working_days": 10,
        "reason": "Tài liệu lưu trữ ở kho huyện cũ, cần thu thập.",
        "extended_on": TODAY,
        "actor": actor,
        "now": NOW,
    }
    values.update(extra)
    return information.information_request_extend(**values)


def test_extension_once_by_up_to_ten_working_days_audited(
    active_board: Board, board_member: User, commune_chair: User
) -> None:
    sent = _send(active_board, board_member)
    extended = _extend(sent, commune_chair)
    assert extended.extension_working_days == 10 and extended.extended_by == commune_chair
    assert selectors.information_due(extended) == dt.date(2026, 12, 21)
    event = AuditEvent.objects.get(code="oversight.information.extended")
    assert (event.before or {})["due"] == "2026-12-07" and (event.after or {})["due"] == "2026-12-21"
    assert (event.after or {})["extension_reason"] == "Tài liệu lưu trữ ở kho huyện cũ, cần thu thập."
    assert selectors.information_deadline_intact(extended)
    with pytest.raises(DomainError) as again:
        _extend(extended, commune_chair, working_days=1)
    assert again.value.code == "oversight.information.already_extended"
    extended.refresh_from_db()
    assert extended.extension_working_days == 10
    assert AuditEvent.objects.filter(code="oversight.information.extended").count() == 1


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"working_days": 11}, "oversight.information.extension_too_long"),
        ({"working_days": 0}, "oversight.information.extension_too_long"),
        ({"reason": "   "}, "oversight.information.extension_reason_required"),
        ({"extended_on": dt.date(2026, 11, 24)}, "oversight.information.extended_in_future"),
        ({"extended_on": dt.date(2026, 11, 22)}, "oversight.information.extended_before_sent"),
    ],
)
def test_bad_extension_refused_and_nothing_written(
    active_board: Board, board_member: User, commune_chair: User, extra: dict[str, Any], code: str
) -> None:
    sent = _send(active_board, board_member)
    with pytest.raises(DomainError) as refused:
        _extend(sent, commune_chair, **extra)
    assert refused.value.code == code
    sent.refresh_from_db()
    assert sent.extension_working_days == 0 and sent.extended_on is None
    assert selectors.information_due(sent) == dt.date(2026, 12, 7)
    assert not AuditEvent.objects.filter(code="oversight.information.extended").exists()


def test_extension_on_the_last_day_allowed_the_day_after_refused(
    active_board: Board, board_member: User, commune_chair: User
) -> None:
    first = _send(active_board, board_member)
    second = _send(active_board, board_member, subject="Khác")
    last_day = dt.datetime(2026, 12, 7, 16, 0, tzinfo=VN)
    on_time = _extend(first, commune_chair, extended_on=dt.date(2026, 12, 7), now=last_day)
    assert selectors.information_due(on_time) == dt.date(2026, 12, 21)
    day_after = dt.datetime(2026, 12, 8, 8, 0, tzinfo=VN)
    with pytest.raises(DomainError) as late:
        _extend(second, commune_chair, extended_on=dt.date(2026, 12, 8), now=day_after)
    assert late.value.code == "oversight.information.extension_after_due"
    second.refresh_from_db()
    assert selectors.information_overdue(second, dt.date(2026, 12, 8))


def test_attack_expired_request_not_revived_by_a_backdated_extension(
    active_board: Board, board_member: User, commune_chair: User
) -> None:
    # The due day is Monday 7/12; on 8/12 the body asked claims its notice was dated 7/12: the period has expired,
    # whatever date the notice bears, so nothing is written and the request stays overdue.
    sent = _send(active_board, board_member)
    day_after = dt.datetime(2026, 12, 8, 8, 0, tzinfo=VN)
    with pytest.raises(DomainError) as late:
        _extend(sent, commune_chair, extended_on=dt.date(2026, 12, 7), now=day_after)
    assert late.value.code == "oversight.information.extension_after_due"
    sent.refresh_from_db()
    assert sent.extension_working_days == 0 and sent.extended_on is None and sent.extended_by is None
    assert selectors.information_due(sent) == dt.date(2026, 12, 7)
    assert selectors.information_overdue(sent, dt.date(2026, 12, 8))
    assert not AuditEvent.objects.filter(code="oversight.information.extended").exists()


def test_rule_refuses_an_extension_recorded_after_the_due_day() -> None:
    values: dict[str, Any] = {
        "status": "sent",
        "already_extended": False,
        "working_days": 5,
        "max_working_days": 10,
        "reason": "Lý do.",
        "sent_on": dt.date(2026, 11, 23),
        "extended_on": dt.date(2026, 12, 7),
        "due": dt.date(2026, 12, 7),
    }
    assert rules.check_information_extension(**values, today=dt.date(2026, 12, 7))
    late = rules.check_information_extension(**values, today=dt.date(2026, 12, 8))
    assert not late and late.code == "oversight.information.extension_after_due"


def test_setting_caps_the_extension(
    active_board: Board, board_member: User, commune_chair: User, settings: Settings
) -> None:
    settings.OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS = 5
    sent = _send(active_board, board_member)
    with pytest.raises(DomainError) as refused:
        _extend(sent, commune_chair, working_days=6)
    assert refused.value.code == "oversight.information.extension_too_long"
    assert _extend(sent, commune_chair, working_days=5).extension_working_days == 5


def test_attack_a_setting_above_ten_working_days_is_clamped_to_the_law(
    active_board: Board, board_member: User, commune_chair: User, settings: Settings
) -> None:
    # Access to Information Law art. 29(2): up to 10 working days. A server configured with 30 must not let the
    # body asked push the due day 30 working days away.
    settings.OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS = 30
    sent = _send(active_board, board_member)
    with pytest.raises(DomainError) as refused:
        _extend(sent, commune_chair, working_days=11)
    assert refused.value.code == "oversight.information.extension_too_long"
    sent.refresh_from_db()
    assert sent.extension_working_days == 0
    assert selectors.information_due(sent) == dt.date(2026, 12, 7)
    assert _extend(sent, commune_chair, working_days=10).extension_working_days == 10


def test_outsider_cannot_extend_and_answered_request_cannot_be_extended(
    active_board: Board, board_member: User, commune_chair: User, other_front_chair: User
) -> None:
    sent = _send(active_board, board_member)
    with pytest.raises(DomainError) as outsider:
        _extend(sent, other_front_chair)
    assert outsider.value.code == "oversight.not_authorised"
    information.information_request_answer(
        request=sent, answer="Đã gửi.", answered_on=TODAY, actor=commune_chair, now=NOW
    )
    with pytest.raises(DomainError) as closed:
        _extend(sent, commune_chair)
    assert closed.value.code == "oversight.information_request.bad_transition"


def test_attack_clerk_in_the_admin_cannot_move_the_due_day(
    client: Client, active_board: Board, board_member: User, superuser: User
) -> None:
    sent = _send(active_board, board_member)
    client.force_login(superuser)
    change = reverse("admin:oversight_informationrequest_change", args=[sent.pk])
    response = client.post(change, {"reply_working_days": 30, "sent_on": "2026-12-20", "extension_working_days": 10})
    assert response.status_code == 403
    delete = client.post(reverse("admin:oversight_informationrequest_delete", args=[sent.pk]), {"post": "yes"})
    assert delete.status_code == 403
    sent.refresh_from_db()
    assert sent.reply_working_days == 10 and sent.sent_on == TODAY and sent.extension_working_days == 0
    assert selectors.information_due(sent) == dt.date(2026, 12, 7)


def test_attack_database_writer_moving_the_due_day_is_detected(
    active_board: Board, board_member: User, commune_chair: User
) -> None:
    """Someone writing the table directly lengthens the period (or fakes an extension without its reason, which
    the database refuses): the due day no longer matches the one in the hash-chained audit trail."""
    from django.db import IntegrityError, connection, transaction

    sent = _send(active_board, board_member)
    assert selectors.information_deadline_intact(sent)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE oversight_informationrequest SET reply_working_days = 20 WHERE id = %s", [sent.pk])
    sent.refresh_from_db()
    assert selectors.information_due(sent) == dt.date(2026, 12, 21)
    assert selectors.information_deadline_intact(sent) is False
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE oversight_informationrequest SET extension_working_days = 5 WHERE id = %s", [sent.pk])


def test_extend_page(client: Client, active_board: Board, board_member: User, commune_chair: User) -> None:
    sent = _send(active_board, board_member)
    detail = reverse("oversight:information_detail", kwargs={"pk": sent.pk})
    client.force_login(commune_chair)
    assert reverse("oversight:information_extend", kwargs={"pk": sent.pk}) in client.get(detail).content.decode()
    response = client.post(
        reverse("oversight:information_extend", kwargs={"pk": sent.pk}),
        {"working_days": "11", "reason": "Cần thu thập", "extended_on": "2026-11-23"},
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.extension_working_days == 0
    response = client.post(
        reverse("oversight:information_extend", kwargs={"pk": sent.pk}),
        {"working_days": "3", "reason": "Cần thu thập", "extended_on": "2026-11-23"},
    )
    sent.refresh_from_db()
    assert sent.extension_working_days == 3
    assert reverse("oversight:information_extend", kwargs={"pk": sent.pk}) not in client.get(detail).content.decode()
