"""The boards' public results go through the disclosure service: a public recommendation with its answer, and a
conclusion the board chose to publish (K14, published the same day, listed on the oversight public page too).

Attackers: a recommendation not public, a citizen's case verification asked to be published (refused, nothing
written: no disclosure, no report, no conclusion)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.disclosures.models import Disclosure
from grassroots.documents.models import Document
from grassroots.oversight import services
from grassroots.oversight.models import Board, Inspection, InspectionStatus, Recommendation, WorkKind
from grassroots.oversight.tests.conftest import NOW, VN
from grassroots.petitions import services as petition_services
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN)


def _answered(board: Board, member: User, front: User, chair: User, *, is_public: bool) -> Recommendation:
    recommendation = services.recommendation_draft(
        board=board,
        title="Sửa cống thoát nước thôn 1",
        content="Đề nghị sửa cống trước mùa mưa.",
        addressee_name="Chủ tịch UBND xã",
        is_public=is_public,
        actor=member,
        now=NOW,
    )
    services.recommendation_confirm(recommendation=recommendation, actor=front, now=NOW)
    services.recommendation_send(recommendation=recommendation, actor=member, now=NOW)
    return services.recommendation_answer(
        recommendation=recommendation,
        answer="Đã bố trí kinh phí sửa cống trong quý I.",
        disposition="accepted",
        actor=chair,
        now=_at(dt.date(2026, 12, 1)),
    )


def _notified(board: Board, member: User, **extra: object) -> Inspection:
    inspection = services.inspection_plan(
        board=board,
        subject="Kiểm tra thu chi quỹ đường",
        inspected_party="Ban phát triển thôn 1",
        planned_on=dt.date(2026, 12, 14),
        actor=member,
        now=NOW,
        **extra,  # type: ignore[arg-type]
    )
    return services.inspection_notify(inspection=inspection, notified_on=NOW.date(), actor=member, now=NOW)


def test_public_recommendation_and_its_answer_are_published_as_a_disclosure(
    active_board: Board, board_member: User, front_chair: User, commune_chair: User, commune: AdministrativeUnit
) -> None:
    recommendation = _answered(active_board, board_member, front_chair, commune_chair, is_public=True)
    disclosure = recommendation.public_disclosure
    assert disclosure is not None
    assert disclosure.category.code == "K14" and disclosure.unit == commune
    assert disclosure.status == "published" and disclosure.published_on == dt.date(2026, 12, 1)
    assert "Đã bố trí kinh phí" in disclosure.body and recommendation.title in disclosure.title
    page = Client().get(reverse("oversight:public_list", args=[commune.slug])).content.decode()
    assert reverse("disclosures:detail", args=[commune.slug, disclosure.pk]) in page


def test_a_recommendation_not_public_is_not_published(
    active_board: Board, board_member: User, front_chair: User, commune_chair: User
) -> None:
    recommendation = _answered(active_board, board_member, front_chair, commune_chair, is_public=False)
    assert recommendation.public_disclosure is None
    assert not Disclosure.objects.exists()


def test_a_conclusion_the_board_publishes_carries_its_report(
    active_board: Board, board_member: User, commune: AdministrativeUnit
) -> None:
    inspection = _notified(active_board, board_member)
    services.finding_record(
        inspection=inspection, text="Thiếu 2 chứng từ.", evidence="Sổ quỹ", actor=board_member, now=NOW
    )
    concluded = services.inspection_conclude(
        inspection=inspection,
        conclusion="Đề nghị bổ sung chứng từ.",
        publish=True,
        actor=board_member,
        now=_at(dt.date(2026, 12, 15)),
    )
    disclosure = concluded.public_disclosure
    assert disclosure is not None and disclosure.status == "published"
    assert "Thiếu 2 chứng từ." in disclosure.body and "Đề nghị bổ sung chứng từ." in disclosure.body
    assert disclosure.decision_number == concluded.conclusion_document.number_label  # type: ignore[union-attr]
    assert disclosure.attachments.count() == 1
    page = Client().get(reverse("oversight:public_list", args=[commune.slug])).content.decode()
    assert "Kiểm tra thu chi quỹ đường" in page


def test_a_conclusion_not_asked_to_be_published_stays_with_the_board(active_board: Board, board_member: User) -> None:
    inspection = _notified(active_board, board_member)
    concluded = services.inspection_conclude(
        inspection=inspection, conclusion="Không có vi phạm.", actor=board_member, now=_at(dt.date(2026, 12, 15))
    )
    assert concluded.public_disclosure is None and not Disclosure.objects.exists()


def test_a_citizen_case_verification_is_never_published(
    active_board: Board, board_member: User, commune: AdministrativeUnit, resident: User
) -> None:
    case = petition_services.case_receive(
        unit=commune,
        kind="feedback",
        channel="online",
        title="Thu tiền sai",
        content="Thôn thu tiền không có quyết định.",
        citizen=petition_services.Citizen(full_name="Nguyễn Văn Dân", user=resident),
        actor=resident,
        now=NOW,
    )
    inspection = _notified(active_board, board_member, kind=WorkKind.VERIFICATION, case=case)
    documents_before = Document.objects.count()
    with pytest.raises(DomainError) as refused:
        services.inspection_conclude(
            inspection=inspection, conclusion="Có sai phạm.", publish=True, actor=board_member, now=NOW
        )
    assert refused.value.code == "oversight.inspection.not_publishable"
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.NOTIFIED and inspection.conclusion == ""
    assert Document.objects.count() == documents_before and not Disclosure.objects.exists()
