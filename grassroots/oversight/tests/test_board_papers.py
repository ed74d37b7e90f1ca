"""Every paper of a board is issued as a Document whose issuing body is the board itself: its reports, its
inspections' results, its recommendations (issued when sent) and its letters sending them on."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.documents.models import Document, IssuingBodyKind
from grassroots.oversight import papers, selectors, services
from grassroots.oversight.models import Board, BoardKind, Recommendation
from grassroots.oversight.tests.conftest import NOW, VN

pytestmark = pytest.mark.django_db


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN)


def _draft(board: Board, member: User) -> Recommendation:
    return services.recommendation_draft(
        board=board,
        title="Sửa cống thoát nước thôn 1",
        content="Đề nghị sửa cống trước mùa mưa.",
        addressee_name="Chủ tịch UBND xã",
        actor=member,
        now=NOW,
    )


def test_sending_issues_the_recommendation_as_the_board_s_letter(
    active_board: Board, board_member: User, front_chair: User
) -> None:
    recommendation = _draft(active_board, board_member)
    services.recommendation_confirm(recommendation=recommendation, actor=front_chair, now=NOW)
    sent = services.recommendation_send(recommendation=recommendation, actor=board_member, now=NOW)
    document = sent.document
    assert document is not None
    assert document.issuing_body == IssuingBodyKind.INSPECTION_BOARD
    assert document.kind == "official_letter" and document.number_label == "01/BTTND-KN"
    assert document.series == papers.series_of(active_board)
    assert document in selectors.board_documents(active_board)


def test_a_refused_send_issues_nothing(active_board: Board, board_member: User) -> None:
    recommendation = _draft(active_board, board_member)  # not confirmed by the Front
    with pytest.raises(DomainError):
        services.recommendation_send(recommendation=recommendation, actor=board_member, now=NOW)
    recommendation.refresh_from_db()
    assert recommendation.document is None and not Document.objects.exists()


def test_every_paper_of_the_board_names_the_board_as_issuer(
    active_board: Board, board_member: User, front_chair: User
) -> None:
    inspection = services.inspection_plan(
        board=active_board,
        subject="Kiểm tra chợ",
        inspected_party="Ban quản lý chợ",
        planned_on=dt.date(2026, 12, 14),
        actor=board_member,
        now=NOW,
    )
    services.inspection_notify(inspection=inspection, notified_on=NOW.date(), actor=board_member, now=NOW)
    services.inspection_conclude(
        inspection=inspection, conclusion="Đạt.", actor=board_member, now=_at(dt.date(2026, 12, 15))
    )
    recommendation = _draft(active_board, board_member)
    services.recommendation_confirm(recommendation=recommendation, actor=front_chair, now=NOW)
    services.recommendation_send(recommendation=recommendation, actor=board_member, now=NOW)
    services.recommendation_escalate(recommendation=recommendation, actor=board_member, now=_at(dt.date(2026, 12, 9)))
    services.board_report_issue(board=active_board, year=2026, period="Q3", actor=board_member, now=NOW)
    bodies = set(Document.objects.values_list("issuing_body", flat=True))
    assert Document.objects.count() == 4
    assert bodies == {IssuingBodyKind.INSPECTION_BOARD}


def test_an_investment_board_issues_as_itself() -> None:
    board = Board(kind=BoardKind.INVESTMENT_SUPERVISION)
    assert papers.issuing_body_of(board) == IssuingBodyKind.INVESTMENT_BOARD
    assert papers.issuing_body_of(Board(kind=BoardKind.AGENCY_INSPECTION)) == IssuingBodyKind.INSPECTION_BOARD
