"""The board's yearly report at the year-end conference: window rules, draft → presented (issued as a document),
one per community and year, the dashboard task with its due day, and the staff page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.documents.models import Document, IssuingBodyKind
from grassroots.oversight import rules, selectors, services
from grassroots.oversight.models import Board, ConferenceReport, ConferenceReportStatus, Position
from grassroots.oversight.services import conference
from grassroots.oversight.tasks import oversight_tasks
from grassroots.oversight.tests.conftest import NOW, TODAY, VN
from grassroots.units.models import AdministrativeUnit, Organisation

pytestmark = pytest.mark.django_db


# --- rules ---------------------------------------------------------------------------------------


def test_commune_window_is_the_calendar_year() -> None:
    assert rules.conference_report_window(is_commune=True, year=2026) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_organisation_window_ends_three_months_into_next_year() -> None:
    assert rules.conference_report_window(is_commune=False, year=2026) == (dt.date(2026, 1, 1), dt.date(2027, 3, 31))


@pytest.mark.parametrize(
    ("is_commune", "presented_on", "code"),
    [
        (True, dt.date(2026, 12, 31), ""),
        (True, dt.date(2027, 1, 1), "oversight.conference_report.outside_window"),
        (False, dt.date(2027, 3, 31), ""),
        (False, dt.date(2027, 4, 1), "oversight.conference_report.outside_window"),
        (True, dt.date(2025, 12, 31), "oversight.conference_report.outside_window"),
    ],
)
def test_presentation_day_in_window(is_commune: bool, presented_on: dt.date, code: str) -> None:
    result = rules.check_conference_presentation(
        is_commune=is_commune, year=2026, presented_on=presented_on, today=dt.date(2027, 6, 1)
    )
    assert result.code == code if code else bool(result)


def test_presentation_not_in_future() -> None:
    result = rules.check_conference_presentation(
        is_commune=True, year=2026, presented_on=dt.date(2026, 12, 20), today=dt.date(2026, 12, 19)
    )
    assert result.code == "oversight.conference_report.in_future"


def test_transition_table_is_one_way() -> None:
    assert rules.check_transition("conference_report", "draft", "presented")
    assert not rules.check_transition("conference_report", "presented", "draft")
    assert not rules.check_transition("conference_report", "presented", "presented")


# --- services ------------------------------------------------------------------------------------


def _community(commune: AdministrativeUnit) -> AdministrativeUnit:
    return commune.children.order_by("name").first()  # type: ignore[return-value]


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN)


def test_draft_then_present_issues_the_board_s_report(
    active_board: Board, board_member: User, commune: AdministrativeUnit
) -> None:
    village = _community(commune)
    report = conference.conference_report_draft(
        board=active_board, year=2026, community=village, content="Năm nay ban đã kiểm tra 2 việc.", actor=board_member
    )
    assert report.status == ConferenceReportStatus.DRAFT and report.document is None
    assert report.figures["inspections"] == 0
    presented = conference.conference_report_present(
        report=report,
        conference_name=f"Hội nghị cuối năm {village.name}",
        presented_on=dt.date(2026, 12, 20),
        actor=board_member,
        now=_at(dt.date(2026, 12, 21)),
    )
    assert presented.status == ConferenceReportStatus.PRESENTED
    document = presented.document
    assert document is not None and document.kind == "report"
    assert document.issuing_body == IssuingBodyKind.INSPECTION_BOARD
    assert document in selectors.board_documents(active_board)
    codes = list(
        AuditEvent.objects.filter(code__startswith="oversight.conference_report").values_list("code", flat=True)
    )
    assert sorted(codes) == ["oversight.conference_report.drafted", "oversight.conference_report.presented"]


def test_one_report_per_community_and_year(
    active_board: Board, board_member: User, commune: AdministrativeUnit
) -> None:
    village = _community(commune)
    conference.conference_report_draft(
        board=active_board, year=2026, community=village, content="A", actor=board_member
    )
    with pytest.raises(DomainError) as refused:
        conference.conference_report_draft(
            board=active_board, year=2026, community=village, content="B", actor=board_member
        )
    assert refused.value.code == "oversight.conference_report.exists"
    assert ConferenceReport.objects.count() == 1


def test_commune_board_needs_a_community_with_a_member(
    active_board: Board, board_member: User, other_commune: AdministrativeUnit
) -> None:
    for community in (None, other_commune.children.first()):
        with pytest.raises(DomainError) as refused:
            conference.conference_report_draft(
                board=active_board, year=2026, community=community, content="A", actor=board_member
            )
        assert refused.value.code == "oversight.conference_report.community_required"
    assert not ConferenceReport.objects.exists()


def test_a_refused_presentation_issues_nothing(
    active_board: Board, board_member: User, commune: AdministrativeUnit
) -> None:
    report = conference.conference_report_draft(
        board=active_board, year=2026, community=_community(commune), content="A", actor=board_member
    )
    with pytest.raises(DomainError) as refused:
        conference.conference_report_present(
            report=report, conference_name="Hội nghị", presented_on=dt.date(2026, 12, 20), actor=board_member
        )  # today is 23/11: the conference has not happened
    assert refused.value.code == "oversight.conference_report.in_future"
    report.refresh_from_db()
    assert report.status == "draft" and not Document.objects.exists()


def test_presenting_twice_is_refused(active_board: Board, board_member: User, commune: AdministrativeUnit) -> None:
    report = conference.conference_report_draft(
        board=active_board, year=2026, community=_community(commune), content="A", actor=board_member
    )
    conference.conference_report_present(
        report=report, conference_name="Hội nghị", presented_on=TODAY, actor=board_member
    )
    with pytest.raises(DomainError) as refused:
        conference.conference_report_present(
            report=report, conference_name="Hội nghị", presented_on=TODAY, actor=board_member
        )
    assert refused.value.code == "oversight.conference_report.bad_transition"
    assert Document.objects.count() == 1


def test_outsider_cannot_draft(active_board: Board, other_front_chair: User, commune: AdministrativeUnit) -> None:
    with pytest.raises(DomainError) as refused:
        conference.conference_report_draft(
            board=active_board, year=2026, community=_community(commune), content="A", actor=other_front_chair
        )
    assert refused.value.code == "oversight.not_authorised"


@pytest.fixture
def agency_board(union_chair: User, agency: Organisation, commune: AdministrativeUnit) -> Board:
    board = services.board_create(
        kind="agency_inspection",
        name="Ban TTND Trường Tiểu học",
        unit=commune,
        organisation=agency,
        term_start=dt.date(2026, 1, 5),
        elected_on=dt.date(2026, 1, 5),
        actor=union_chair,
        now=_at(dt.date(2026, 1, 5)),
    )
    for index, name in enumerate(["Vũ Văn An", "Lý Thị Bình", "Tạ Văn Cường"]):
        services.board_member_add(
            board=board,
            full_name=name,
            position=Position.HEAD if index == 0 else Position.MEMBER,
            joined_on=dt.date(2026, 1, 5),
            actor=union_chair,
            now=_at(dt.date(2026, 1, 6)),
        )
    return services.board_recognise(board=board, actor=union_chair, now=_at(dt.date(2026, 1, 7)))


def test_agency_board_reports_once_at_the_staff_conference(agency_board: Board, union_chair: User) -> None:
    report = conference.conference_report_draft(board=agency_board, year=2026, content="Báo cáo", actor=union_chair)
    assert report.community is None
    with pytest.raises(DomainError) as refused:
        conference.conference_report_draft(board=agency_board, year=2026, content="Lần 2", actor=union_chair)
    assert refused.value.code == "oversight.conference_report.exists"
    presented = conference.conference_report_present(
        report=report,
        conference_name="Hội nghị cán bộ, viên chức năm 2027",
        presented_on=dt.date(2027, 3, 31),
        actor=union_chair,
        now=_at(dt.date(2027, 4, 2)),
    )
    assert presented.document is not None


def test_investment_board_has_no_conference_report(front_chair: User, commune: AdministrativeUnit) -> None:
    board = services.board_create(
        kind="investment_supervision",
        name="Ban GSĐTCĐ đường thôn",
        unit=commune,
        term_start=dt.date(2026, 1, 5),
        elected_on=dt.date(2026, 1, 5),
        project_name="Đường bê tông thôn 1",
        investor_name="UBND xã",
        actor=front_chair,
        now=NOW,
    )
    with pytest.raises(DomainError) as refused:
        conference.conference_report_draft(board=board, year=2026, content="A", actor=front_chair)
    assert refused.value.code in {"oversight.conference_report.not_applicable", "oversight.board.ended"}
    assert selectors.conference_reports_missing(board, TODAY) == []


# --- dashboard task ------------------------------------------------------------------------------


def test_task_from_first_of_november_due_on_31_december(
    active_board: Board, board_member: User, commune: AdministrativeUnit
) -> None:
    assert selectors.conference_reports_missing(active_board, dt.date(2026, 10, 31)) == []
    missing = selectors.conference_reports_missing(active_board, TODAY)
    assert [(year, getattr(community, "pk", None), due) for year, community, due in missing] == [
        (2026, community.pk, dt.date(2026, 12, 31)) for community in commune.children.order_by("name")
    ]
    tasks = [task for task in oversight_tasks(board_member, TODAY) if "hội nghị cuối năm" in task.title]
    assert len(tasks) == commune.children.count()
    assert {task.due_date for task in tasks} == {dt.date(2026, 12, 31)}


def test_task_goes_when_presented(active_board: Board, board_member: User, commune: AdministrativeUnit) -> None:
    village = _community(commune)
    report = conference.conference_report_draft(
        board=active_board, year=2026, community=village, content="A", actor=board_member
    )
    conference.conference_report_present(
        report=report, conference_name="Hội nghị", presented_on=TODAY, actor=board_member
    )
    left = [
        getattr(community, "pk", None)
        for _year, community, _due in selectors.conference_reports_missing(active_board, TODAY)
    ]
    assert village.pk not in left and len(left) == commune.children.count() - 1


def test_agency_task_due_31_march_and_overdue_after(agency_board: Board) -> None:
    assert selectors.conference_reports_missing(agency_board, dt.date(2027, 2, 1)) == [
        (2026, None, dt.date(2027, 3, 31))
    ]
    # Still listed (overdue) after the day, until presented.
    assert selectors.conference_reports_missing(agency_board, dt.date(2027, 4, 10))[0] == (
        2026,
        None,
        dt.date(2027, 3, 31),
    )


# --- views ---------------------------------------------------------------------------------------


def test_page_and_draft_post(
    client: Client, active_board: Board, board_member: User, commune: AdministrativeUnit
) -> None:
    client.force_login(board_member)
    url = reverse("oversight:conference_reports", kwargs={"pk": active_board.pk, "year": 2026})
    assert client.get(url).status_code == 200
    village = _community(commune)
    response = client.post(url, {"community": village.pk, "content": "Báo cáo năm"})
    assert response.status_code == 302
    report = ConferenceReport.objects.get()
    present = reverse("oversight:conference_report_present", kwargs={"pk": report.pk})
    response = client.post(present, {"conference_name": "Hội nghị thôn", "presented_on": "2026-11-22"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "presented" and report.presented_on == dt.date(2026, 11, 22)


def test_page_of_another_commune_is_404(client: Client, active_board: Board, other_front_chair: User) -> None:
    client.force_login(other_front_chair)
    url = reverse("oversight:conference_reports", kwargs={"pk": active_board.pk, "year": 2026})
    assert client.get(url).status_code == 404
