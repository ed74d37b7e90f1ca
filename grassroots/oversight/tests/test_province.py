"""A recommendation sent on to the province after two unanswered 15-day periods: the province's officer answers it.

Attackers: the province's officer before it reached the province (refused, 403), the officer of another province
(404 on the page, refused by the service), the commune chair of another commune."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import make_persona, make_unit
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.oversight import selectors, services
from grassroots.oversight.models import Board, Recommendation, RecommendationStatus
from grassroots.oversight.tests.conftest import NOW, VN
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def other_province_officer(db: object) -> User:
    other = make_unit("province", "Tỉnh Khác")
    return make_persona("other_province_officer", Role.PROVINCIAL_OFFICER, other, full_name="Lý Văn Tỉnh Khác")


def _sent(board: Board, member: User, front: User) -> Recommendation:
    recommendation = services.recommendation_draft(
        board=board,
        title="Công khai dự toán xây trường",
        content="Đề nghị công khai dự toán.",
        addressee_name="Chủ tịch UBND xã",
        actor=member,
        now=NOW,
    )
    services.recommendation_confirm(recommendation=recommendation, actor=front, now=NOW)
    return services.recommendation_send(recommendation=recommendation, actor=member, now=NOW)


def _at_province(board: Board, member: User, front: User) -> Recommendation:
    """Sent on 23/11/2026 to the commune; 15 days run out on 08/12; sent on to the province on 09/12."""
    recommendation = _sent(board, member, front)
    escalation = services.recommendation_escalate(
        recommendation=recommendation, actor=member, now=_at(dt.date(2026, 12, 9))
    )
    assert escalation.addressee_unit == board.unit.parent
    return recommendation


def test_province_answers_only_once_the_recommendation_reached_it(
    active_board: Board, board_member: User, front_chair: User, provincial_officer: User, province: AdministrativeUnit
) -> None:
    recommendation = _sent(active_board, board_member, front_chair)
    assert selectors.answering_level(recommendation) == active_board.unit_id
    assert not selectors.may_answer(provincial_officer, recommendation, dt.date(2026, 12, 1))
    with pytest.raises(DomainError) as refused:
        services.recommendation_answer(
            recommendation=recommendation, answer="Đã xem.", disposition="accepted", actor=provincial_officer, now=NOW
        )
    assert refused.value.code == "oversight.not_authorised"
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.SENT and recommendation.answer == ""

    services.recommendation_escalate(recommendation=recommendation, actor=board_member, now=_at(dt.date(2026, 12, 9)))
    assert selectors.answering_level(recommendation) == province.pk
    assert recommendation in selectors.recommendations_to_answer(provincial_officer, dt.date(2026, 12, 10))
    answered = services.recommendation_answer(
        recommendation=recommendation,
        answer="UBND tỉnh chỉ đạo xã công khai dự toán trong tháng 12.",
        disposition="accepted",
        actor=provincial_officer,
        now=_at(dt.date(2026, 12, 10)),
    )
    assert answered.status == RecommendationStatus.ANSWERED and answered.answered_by == provincial_officer
    event = AuditEvent.objects.get(code="oversight.recommendation.answered")
    assert event.unit_id == active_board.unit_id  # recorded against the addressed commune, as every answer


def test_commune_chair_may_still_answer_after_sending_on(
    active_board: Board, board_member: User, front_chair: User, commune_chair: User
) -> None:
    recommendation = _at_province(active_board, board_member, front_chair)
    assert selectors.may_answer(commune_chair, recommendation, dt.date(2026, 12, 10))


def test_another_province_s_officer_is_refused(
    active_board: Board, board_member: User, front_chair: User, other_province_officer: User
) -> None:
    recommendation = _at_province(active_board, board_member, front_chair)
    assert not selectors.may_answer(other_province_officer, recommendation, dt.date(2026, 12, 10))
    assert recommendation not in selectors.recommendations_to_answer(other_province_officer, dt.date(2026, 12, 10))
    with pytest.raises(DomainError) as refused:
        services.recommendation_answer(
            recommendation=recommendation,
            answer="Không thuộc thẩm quyền.",
            disposition="rejected",
            actor=other_province_officer,
            now=_at(dt.date(2026, 12, 10)),
        )
    assert refused.value.code == "oversight.not_authorised"
    client = _client(other_province_officer)
    for name in ("oversight:recommendation_detail", "oversight:recommendation_answer"):
        assert client.get(reverse(name, args=[recommendation.pk])).status_code == 404
    response = client.post(
        reverse("oversight:recommendation_answer", args=[recommendation.pk]),
        {"answer": "x", "disposition": "accepted"},
    )
    assert response.status_code == 404
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.SENT


def test_province_pages_403_before_and_answer_form_after(
    active_board: Board, board_member: User, front_chair: User, provincial_officer: User, settings: object
) -> None:
    recommendation = _sent(active_board, board_member, front_chair)
    client = _client(provincial_officer)
    answer_url = reverse("oversight:recommendation_answer", args=[recommendation.pk])
    assert client.get(answer_url).status_code == 403
    assert client.post(answer_url, {"answer": "x", "disposition": "accepted"}).status_code == 403
    assert client.get(reverse("oversight:recommendation_detail", args=[recommendation.pk])).status_code == 403

    services.recommendation_escalate(recommendation=recommendation, actor=board_member, now=_at(dt.date(2026, 12, 9)))
    detail = client.get(reverse("oversight:recommendation_detail", args=[recommendation.pk]))
    assert detail.status_code == 200
    assert answer_url in detail.content.decode()
    response = client.post(answer_url, {"answer": "Tỉnh đã chỉ đạo xã.", "disposition": "accepted"})
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.ANSWERED


def test_other_commune_chair_cannot_answer_a_province_level_recommendation(
    active_board: Board, board_member: User, front_chair: User, other_commune: AdministrativeUnit
) -> None:
    recommendation = _at_province(active_board, board_member, front_chair)
    other_chair = make_persona("other_chair", Role.COMMUNE_CHAIR, other_commune)
    assert not selectors.may_answer(other_chair, recommendation, dt.date(2026, 12, 10))
