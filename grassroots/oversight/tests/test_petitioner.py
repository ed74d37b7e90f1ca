"""The result of a board's verification of a citizen's case goes back to that citizen ([L] art. 39, law.md §1(c)):
at the conclusion and at the answer to a recommendation made from it, through the notifications service, once.

Attackers: a case filed without an account (nobody to tell), a refused conclusion (nothing told), a second run."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.notifications.models import Notification
from grassroots.oversight import notices, services
from grassroots.oversight.models import Board, Inspection, WorkKind
from grassroots.oversight.tests.conftest import NOW, VN
from grassroots.petitions import services as petition_services
from grassroots.petitions.models import Case
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db(transaction=False)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN)


def _case(commune: AdministrativeUnit, actor: User, *, user: User | None) -> Case:
    return petition_services.case_receive(
        unit=commune,
        kind="feedback",
        channel="online" if user is not None else "in_person",
        title="Thu tiền vệ sinh sai quy định",
        content="Thôn thu 50.000 đồng mỗi hộ không có quyết định.",
        citizen=petition_services.Citizen(full_name="Nguyễn Văn Dân", phone="0912345678", user=user),
        actor=actor,
        now=NOW,
    )


def _verification(board: Board, member: User, case: Case) -> Inspection:
    inspection = services.inspection_plan(
        board=board,
        kind=WorkKind.VERIFICATION,
        subject="Xác minh việc thu tiền vệ sinh",
        inspected_party="Thôn 1",
        planned_on=dt.date(2026, 12, 14),
        case=case,
        actor=member,
        now=NOW,
    )
    return services.inspection_notify(inspection=inspection, notified_on=NOW.date(), actor=member, now=NOW)


def test_conclusion_and_answer_reach_the_citizen_once(
    django_capture_on_commit_callbacks: object,
    active_board: Board,
    board_member: User,
    front_chair: User,
    commune_chair: User,
    commune: AdministrativeUnit,
    resident: User,
) -> None:
    case = _case(commune, resident, user=resident)
    inspection = _verification(active_board, board_member, case)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.inspection_conclude(
            inspection=inspection,
            conclusion="Khoản thu không có căn cứ; đề nghị trả lại cho các hộ.",
            actor=board_member,
            now=_at(dt.date(2026, 12, 15)),
        )
    told = Notification.objects.get(user=resident, kind=notices.RESULT_KIND)
    assert told.params["subject"] == "Xác minh việc thu tiền vệ sinh"
    assert "trả lại cho các hộ" in told.params["result"]
    assert told.url == reverse("petitions:my_case", kwargs={"pk": case.pk})

    recommendation = services.recommendation_draft(
        board=active_board,
        inspection=inspection,
        title="Trả lại tiền vệ sinh thu sai",
        content="Đề nghị UBND xã chỉ đạo thôn trả lại tiền.",
        addressee_name="Chủ tịch UBND xã",
        actor=board_member,
        now=NOW,
    )
    services.recommendation_confirm(recommendation=recommendation, actor=front_chair, now=NOW)
    services.recommendation_send(recommendation=recommendation, actor=board_member, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.recommendation_answer(
            recommendation=recommendation,
            answer="Đã chỉ đạo trả lại trong tháng 12.",
            disposition="accepted",
            actor=commune_chair,
            now=_at(dt.date(2026, 12, 20)),
        )
    results = list(Notification.objects.filter(user=resident, kind=notices.RESULT_KIND).order_by("pk"))
    assert len(results) == 2
    assert "Đã chỉ đạo trả lại" in results[1].params["result"]
    assert set(Notification.objects.filter(kind=notices.RESULT_KIND).values_list("user_id", flat=True)) == {resident.pk}


def test_a_case_filed_without_an_account_tells_nobody(
    django_capture_on_commit_callbacks: object,
    active_board: Board,
    board_member: User,
    commune: AdministrativeUnit,
    commune_officer: User,
) -> None:
    case = _case(commune, commune_officer, user=None)
    inspection = _verification(active_board, board_member, case)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.inspection_conclude(
            inspection=inspection, conclusion="Không có vi phạm.", actor=board_member, now=_at(dt.date(2026, 12, 15))
        )
    assert not Notification.objects.filter(kind=notices.RESULT_KIND).exists()


def test_a_refused_conclusion_tells_nothing(
    django_capture_on_commit_callbacks: object,
    active_board: Board,
    board_member: User,
    commune: AdministrativeUnit,
    resident: User,
) -> None:
    case = _case(commune, resident, user=resident)
    inspection = _verification(active_board, board_member, case)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError):  # type: ignore[operator]
        services.inspection_conclude(inspection=inspection, conclusion="  ", actor=board_member, now=NOW)
    assert not Notification.objects.filter(kind=notices.RESULT_KIND).exists()


def test_the_notice_is_made_once_per_event(
    django_capture_on_commit_callbacks: object, active_board: Board, commune: AdministrativeUnit, resident: User
) -> None:
    case = _case(commune, resident, user=resident)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        for _attempt in range(2):
            told = notices.result_to_petitioner(
                case_id=case.pk, board=active_board, subject="Xác minh", result="Kết luận", key="inspection:1", now=NOW
            )
            assert told == resident.pk
    assert Notification.objects.filter(user=resident, kind=notices.RESULT_KIND).count() == 1
    assert notices.petitioner_user_id(None) is None


def test_attack_a_board_cannot_plan_a_verification_of_another_communes_case(
    active_board: Board,
    board_member: User,
    other_commune: AdministrativeUnit,
    other_commune_officer: User,
) -> None:
    # A board member calling the service directly (no page in front) with a case filed in Xã Bình An: the board of
    # Xã Hòa Phú has no power there, and the case's petitioner would be told the result of someone else's work.
    foreign = _case(other_commune, other_commune_officer, user=None)
    with pytest.raises(DomainError) as refused:
        services.inspection_plan(
            board=active_board,
            kind=WorkKind.VERIFICATION,
            subject="Xác minh việc thu tiền vệ sinh",
            inspected_party="Thôn Đông",
            planned_on=dt.date(2026, 12, 14),
            case=foreign,
            actor=board_member,
            now=NOW,
        )
    assert refused.value.code == "oversight.inspection.case_outside"
    assert "xã của ban" in refused.value.message
    assert not Inspection.objects.exists()
    assert not AuditEvent.objects.filter(code="oversight.inspection.planned").exists()
