"""Pages: the door (404 outside the commune, 403 visible but not allowed), one happy POST per step, the public list,
and the admin refusing a change to a sent recommendation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import make_persona
from grassroots.oversight import selectors, services
from grassroots.oversight.models import Board, Recommendation
from grassroots.oversight.tests.conftest import NOW
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sent(board: Board, member: User, front: User) -> Recommendation:
    recommendation = services.recommendation_draft(
        board=board,
        title="Sửa cống thoát nước thôn 1",
        content="Đề nghị sửa cống trước mùa mưa.",
        addressee_name="Chủ tịch UBND xã",
        actor=member,
        now=NOW,
    )
    services.recommendation_confirm(recommendation=recommendation, actor=front, now=NOW)
    return services.recommendation_send(recommendation=recommendation, actor=member, now=NOW)


def test_journey_finding_recommendation_answer_close(
    active_board: Board, board_member: User, front_chair: User, commune_chair: User
) -> None:
    member = _client(board_member)
    response = member.post(
        reverse("oversight:board_inspection_new", args=[active_board.pk]),
        {
            "kind": "inspection",
            "subject": "Kiểm tra thu chi quỹ",
            "inspected_party": "Thôn 1",
            "planned_on": "2026-12-14",
        },
    )
    assert response.status_code == 302
    inspection = active_board.inspections.get()
    response = member.post(
        reverse("oversight:inspection_finding", args=[inspection.pk]), {"text": "Thiếu chứng từ", "evidence": "Sổ quỹ"}
    )
    assert response.status_code == 302 and inspection.findings.count() == 1
    response = member.post(
        reverse("oversight:board_recommendation_new", args=[active_board.pk]) + f"?cuoc={inspection.pk}",
        {
            "title": "Bổ sung chứng từ",
            "addressee_name": "Chủ tịch UBND xã",
            "content": "Đề nghị bổ sung.",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    recommendation = active_board.recommendations.get()
    assert recommendation.inspection == inspection
    assert (
        _client(front_chair).post(reverse("oversight:recommendation_confirm", args=[recommendation.pk])).status_code
        == 302
    )
    assert member.post(reverse("oversight:recommendation_send", args=[recommendation.pk])).status_code == 302
    chair = _client(commune_chair)
    page = chair.get(reverse("oversight:recommendation_detail", args=[recommendation.pk]))
    assert page.status_code == 200 and reverse("oversight:recommendation_answer", args=[recommendation.pk]) in page.text
    response = chair.post(
        reverse("oversight:recommendation_answer", args=[recommendation.pk]),
        {"disposition": "partly", "answer": "Đã bổ sung 2/3 chứng từ; khoản còn lại đang xác minh."},
    )
    assert response.status_code == 302
    response = member.post(reverse("oversight:recommendation_close", args=[recommendation.pk]), {"note": "Đã đủ."})
    recommendation.refresh_from_db()
    assert recommendation.status == "closed" and recommendation.disposition == "partly"


def test_answer_form_keeps_input_on_bad_data(
    active_board: Board, board_member: User, front_chair: User, commune_chair: User
) -> None:
    recommendation = _sent(active_board, board_member, front_chair)
    response = _client(commune_chair).post(
        reverse("oversight:recommendation_answer", args=[recommendation.pk]), {"disposition": "partly", "answer": ""}
    )
    assert response.status_code == 200
    recommendation.refresh_from_db()
    assert recommendation.is_awaiting_answer


def test_other_commune_gets_404_everywhere(
    active_board: Board, board_member: User, front_chair: User, other_commune_officer: User, other_front_chair: User
) -> None:
    recommendation = _sent(active_board, board_member, front_chair)
    for user in (other_commune_officer, other_front_chair):
        client = _client(user)
        for url in (
            reverse("oversight:board_detail", args=[active_board.pk]),
            reverse("oversight:recommendation_detail", args=[recommendation.pk]),
        ):
            assert client.get(url).status_code in (403, 404)
        assert client.post(
            reverse("oversight:recommendation_answer", args=[recommendation.pk]),
            {"disposition": "accepted", "answer": "Xong"},
        ).status_code in (403, 404)
        assert client.post(reverse("oversight:board_recognise", args=[active_board.pk])).status_code in (403, 404)
    recommendation.refresh_from_db()
    assert recommendation.is_awaiting_answer


def test_commune_officer_sees_but_cannot_answer(
    active_board: Board, board_member: User, front_chair: User, commune_officer: User
) -> None:
    recommendation = _sent(active_board, board_member, front_chair)
    response = _client(commune_officer).post(
        reverse("oversight:recommendation_answer", args=[recommendation.pk]), {"disposition": "accepted", "answer": "x"}
    )
    assert response.status_code == 403


def test_clerk_with_the_admin_cannot_change_a_sent_recommendation(
    active_board: Board, board_member: User, front_chair: User, superuser: User
) -> None:
    recommendation = _sent(active_board, board_member, front_chair)
    admin = _client(superuser)
    url = reverse("admin:oversight_recommendation_change", args=[recommendation.pk])
    response = admin.post(url, {"title": "Đã sửa", "content": "Đã sửa", "status": "draft"})
    assert response.status_code == 403
    delete = admin.post(reverse("admin:oversight_recommendation_delete", args=[recommendation.pk]), {"post": "yes"})
    assert delete.status_code == 403
    recommendation.refresh_from_db()
    assert recommendation.title == "Sửa cống thoát nước thôn 1" and recommendation.status == "sent"


def test_public_list_names_who_has_not_answered(
    active_board: Board, board_member: User, front_chair: User, commune: AdministrativeUnit
) -> None:
    _sent(active_board, board_member, front_chair)
    page = Client().get(reverse("oversight:public_list", args=[commune.slug]))
    assert page.status_code == 200
    assert "Chủ tịch UBND xã" in page.text and "Sửa cống thoát nước thôn 1" in page.text


def test_attack_private_and_draft_recommendations_never_reach_the_public_page(
    active_board: Board, board_member: User, front_chair: User, commune: AdministrativeUnit
) -> None:
    public = _sent(active_board, board_member, front_chair)
    private = services.recommendation_draft(
        board=active_board,
        title="Kiến nghị kín về cán bộ thôn 2",
        content="Không công khai.",
        addressee_name="Chủ tịch UBND xã",
        is_public=False,
        actor=board_member,
        now=NOW,
    )
    services.recommendation_confirm(recommendation=private, actor=front_chair, now=NOW)
    services.recommendation_send(recommendation=private, actor=board_member, now=NOW)
    draft = services.recommendation_draft(
        board=active_board,
        title="Bản nháp chưa gửi thôn 1",
        content="Còn đang soạn.",
        addressee_name="Chủ tịch UBND xã",
        actor=board_member,
        now=NOW,
    )
    confirmed = services.recommendation_draft(
        board=active_board,
        title="Đã xác nhận nhưng chưa gửi",
        content="Chờ gửi.",
        addressee_name="Chủ tịch UBND xã",
        actor=board_member,
        now=NOW,
    )
    services.recommendation_confirm(recommendation=confirmed, actor=front_chair, now=NOW)
    assert list(selectors.public_recommendations(commune)) == [public]
    page = Client().get(reverse("oversight:public_list", args=[commune.slug]))
    assert page.status_code == 200 and public.title in page.text
    for hidden in (private, draft, confirmed):
        assert hidden.title not in page.text and hidden.content not in page.text
        assert reverse("oversight:recommendation_detail", args=[hidden.pk]) not in page.text


def test_staff_index_and_board_pages(
    active_board: Board, front_chair: User, board_member: User, commune: AdministrativeUnit
) -> None:
    for user in (front_chair, board_member):
        client = _client(user)
        assert client.get(reverse("oversight:staff_index", args=[commune.slug])).status_code == 200
        assert client.get(reverse("oversight:board_detail", args=[active_board.pk])).status_code == 200
    resident_like = make_persona("plain_staff", Role.STAFF_MEMBER, commune)
    assert _client(resident_like).get(reverse("oversight:staff_index", args=[commune.slug])).status_code == 403


def test_front_creates_a_board_and_a_bad_date_is_kept(front_chair: User, commune: AdministrativeUnit) -> None:
    client = _client(front_chair)
    url = reverse("oversight:board_new", args=[commune.slug])
    response = client.post(
        url, {"kind": "commune_inspection", "name": "Ban TTND", "elected_on": "31/02/2026", "term_start": "2026-07-01"}
    )
    assert response.status_code == 200 and "Ban TTND" in response.text
    response = client.post(
        url, {"kind": "commune_inspection", "name": "Ban TTND", "elected_on": "2026-11-20", "term_start": "2026-07-01"}
    )
    assert response.status_code == 302
    assert Board.objects.get().term_end == dt.date(2031, 7, 1)


def test_union_creates_the_agency_board_from_its_organisation_page(union_chair: User, agency: object) -> None:
    client = _client(union_chair)
    assert client.get(reverse("oversight:organisation_index")).status_code == 200
    response = client.post(
        reverse("oversight:organisation_board_new", args=[agency.pk]),  # type: ignore[attr-defined]
        {
            "kind": "agency_inspection",
            "name": "Ban TTND trường",
            "elected_on": "2026-11-20",
            "term_start": "2026-11-20",
        },
    )
    assert response.status_code == 302
    assert Board.objects.get().organisation_id == agency.pk  # type: ignore[attr-defined]


def test_report_figures_count_sent_answered_and_overdue(
    active_board: Board, board_member: User, front_chair: User, commune_chair: User
) -> None:
    from grassroots.oversight import selectors

    first = _sent(active_board, board_member, front_chair)
    _sent(active_board, board_member, front_chair)
    services.recommendation_answer(
        recommendation=first, answer="Không tiếp thu vì chưa có kinh phí.", disposition="rejected", actor=commune_chair
    )
    figures = selectors.report_figures(active_board, dt.date(2026, 10, 1), dt.date(2026, 12, 31), dt.date(2026, 12, 9))
    assert figures["sent"] == 2 and figures["answered"] == 1 and figures["answered_on_time"] == 1
    assert figures["overdue_unanswered"] == 1 and figures["rejected"] == 1
    page = _client(front_chair).get(reverse("oversight:board_report", args=[active_board.pk, 2026]))
    assert page.status_code == 200
    assert _client(front_chair).get(reverse("oversight:board_report", args=[active_board.pk, 1900])).status_code == 404


# --- reports, programmes, sending on -----------------------------------------------------------------


def test_report_page_issues_a_past_quarter_and_serves_its_pdf_to_the_board_only(
    active_board: Board, board_member: User, other_commune_officer: User, commune_officer: User
) -> None:
    member = _client(board_member)
    response = member.post(
        reverse("oversight:board_report_issue", args=[active_board.pk, 2026]), {"period": "Q3", "assessment": "Tốt."}
    )
    assert response.status_code == 302
    report = active_board.reports.get()
    page = member.get(reverse("oversight:board_report", args=[active_board.pk, 2026]))
    assert report.document.number_label in page.content.decode()
    url = reverse("oversight:board_document", args=[active_board.pk, report.document_id])
    download = member.get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
    assert _client(other_commune_officer).get(url).status_code == 404
    assert _client(commune_officer).get(url).status_code == 403
    refused = member.post(reverse("oversight:board_report_issue", args=[active_board.pk, 2026]), {"period": "Q4"})
    assert refused.status_code == 302 and active_board.reports.count() == 1  # Q4 is not over: a message, nothing


def test_programme_page_creates_adds_and_completes(active_board: Board, board_member: User) -> None:
    member = _client(board_member)
    url = reverse("oversight:board_programmes", args=[active_board.pk])
    assert member.post(url, {"kind": "quarter", "year": 2026, "number": 4}).status_code == 302
    programme = active_board.programmes.get()
    response = member.post(
        reverse("oversight:programme_item_add", args=[programme.pk]), {"text": "Giám sát chợ", "due_on": "2026-12-10"}
    )
    assert response.status_code == 302
    item = programme.items.get()
    assert member.post(reverse("oversight:programme_item_done", args=[item.pk])).status_code == 302
    item.refresh_from_db()
    assert item.done_on == NOW.date()
    assert "Giám sát chợ" in member.get(url).content.decode()


def test_chair_may_read_programmes_but_not_write_them(active_board: Board, commune_chair: User) -> None:
    url = reverse("oversight:board_programmes", args=[active_board.pk])
    chair = _client(commune_chair)
    assert chair.get(url).status_code == 200
    assert chair.post(url, {"kind": "year", "year": 2026, "number": 1}).status_code == 403
    assert not active_board.programmes.exists()


def test_escalate_button_refuses_before_the_deadline(
    active_board: Board, board_member: User, front_chair: User
) -> None:
    recommendation = _sent(active_board, board_member, front_chair)
    response = _client(board_member).post(reverse("oversight:recommendation_escalate", args=[recommendation.pk]))
    assert response.status_code == 302
    assert not recommendation.escalations.exists()
