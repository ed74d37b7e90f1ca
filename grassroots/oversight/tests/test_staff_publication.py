"""An agency's or SOE's board publishes its results to the staff of its organisation ([L] arts 46(8), 47–48,
61–63, 64(1)(h), 65–66, 79–81; law.md §2, §3.1): a public recommendation with the head's answer, a conclusion the
board chose to publish, and a periodic report, each as the organisation's internal disclosure (A8 for an agency,
S8 for an SOE) published the same day, read by the organisation's staff and nobody else, audited.

Attackers: the staff of another organisation, an officer of the commune, a second publication of the same report,
a commune board's report (goes to the Front, not to a staff), an outsider publishing the report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import give_role, make_persona, make_user
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.disclosures.models import Disclosure
from grassroots.oversight import services
from grassroots.oversight.models import Board, BoardReport, Position, Recommendation
from grassroots.oversight.tests.conftest import NOW, VN
from grassroots.units.models import AdministrativeUnit, Organisation, StaffHeadcount

pytestmark = pytest.mark.django_db


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN)


def _organisation_board(union: User, organisation: Organisation, commune: AdministrativeUnit, kind: str) -> Board:
    board = services.board_create(
        kind=kind,
        name=f"Ban Thanh tra nhân dân {organisation.name}",
        unit=commune,
        organisation=organisation,
        term_start=dt.date(2026, 1, 5),
        elected_on=dt.date(2026, 1, 5),
        actor=union,
        now=_at(dt.date(2026, 1, 5)),
    )
    for index, name in enumerate(["Vũ Văn An", "Lý Thị Bình", "Tạ Văn Cường"]):
        services.board_member_add(
            board=board,
            full_name=name,
            position=Position.HEAD if index == 0 else Position.MEMBER,
            joined_on=dt.date(2026, 1, 5),
            actor=union,
            now=_at(dt.date(2026, 1, 6)),
        )
    return services.board_recognise(board=board, actor=union, now=_at(dt.date(2026, 1, 7)))


@pytest.fixture
def agency_board(union_chair: User, agency: Organisation, commune: AdministrativeUnit) -> Board:
    return _organisation_board(union_chair, agency, commune, "agency_inspection")


@pytest.fixture
def agency_staff(commune: AdministrativeUnit, agency: Organisation) -> User:
    user = make_user("giao_vien", full_name="Đỗ Thị Giáo Viên")
    give_role(user, Role.STAFF_MEMBER, commune, organisation=agency)
    return user


@pytest.fixture
def other_agency_staff(commune: AdministrativeUnit) -> User:
    other = Organisation.objects.create(kind="agency", name="Trạm Y tế Hòa Phú", unit=commune)
    user = make_user("y_si", full_name="Phan Văn Y Sĩ")
    give_role(user, Role.STAFF_MEMBER, commune, organisation=other)
    return user


def _answered(board: Board, union: User, head: User, organisation: Organisation) -> Recommendation:
    recommendation = services.recommendation_draft(
        board=board,
        title="Công khai quỹ phúc lợi",
        content="Đề nghị công khai chi quỹ phúc lợi năm 2026.",
        addressee_name="Hiệu trưởng",
        addressee_organisation=organisation,
        actor=union,
        now=NOW,
    )
    services.recommendation_send(recommendation=recommendation, actor=union, now=NOW)
    return services.recommendation_answer(
        recommendation=recommendation,
        answer="Đã niêm yết chi quỹ phúc lợi tại phòng hội đồng.",
        disposition="accepted",
        actor=head,
        now=_at(dt.date(2026, 12, 1)),
    )


def _listing(user: User, organisation: Organisation) -> tuple[int, str]:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("disclosures:organisation_index", args=[organisation.pk]))
    return response.status_code, response.content.decode()


def test_answered_recommendation_reaches_the_staff_as_item_a8(
    agency_board: Board,
    union_chair: User,
    agency_head: User,
    agency: Organisation,
    agency_staff: User,
    other_agency_staff: User,
    commune: AdministrativeUnit,
) -> None:
    recommendation = _answered(agency_board, union_chair, agency_head, agency)
    disclosure = recommendation.public_disclosure
    assert disclosure is not None
    assert disclosure.organisation == agency and disclosure.category.code == "A8"
    assert disclosure.status == "published" and disclosure.published_on == dt.date(2026, 12, 1)
    assert "Đã niêm yết chi quỹ phúc lợi" in disclosure.body
    status, page = _listing(agency_staff, agency)
    assert status == 200 and "Công khai quỹ phúc lợi" in page
    detail = Client()
    detail.force_login(agency_staff)
    assert detail.get(reverse("disclosures:organisation_detail", args=[agency.pk, disclosure.pk])).status_code == 200
    assert _listing(other_agency_staff, agency)[0] == 404
    public = Client().get(reverse("disclosures:index", args=[commune.slug])).content.decode()
    assert "Công khai quỹ phúc lợi" not in public


def test_conclusion_published_to_the_staff(
    agency_board: Board, union_chair: User, agency: Organisation, agency_staff: User
) -> None:
    inspection = services.inspection_plan(
        board=agency_board,
        subject="Giám sát thu chi quỹ công đoàn",
        inspected_party="Kế toán trường",
        planned_on=dt.date(2026, 12, 14),
        actor=union_chair,
        now=NOW,
    )
    services.inspection_notify(inspection=inspection, notified_on=NOW.date(), actor=union_chair, now=NOW)
    concluded = services.inspection_conclude(
        inspection=inspection,
        conclusion="Thu chi đúng quy định.",
        publish=True,
        actor=union_chair,
        now=_at(dt.date(2026, 12, 15)),
    )
    disclosure = concluded.public_disclosure
    assert disclosure is not None and disclosure.organisation == agency and disclosure.category.code == "A8"
    assert disclosure.attachments.count() == 1
    assert "Giám sát thu chi quỹ công đoàn" in _listing(agency_staff, agency)[1]


def test_soe_board_publishes_as_item_s8(commune: AdministrativeUnit) -> None:
    soe = Organisation.objects.create(kind="state_owned_enterprise", name="Công ty TNHH MTV Thủy lợi", unit=commune)
    StaffHeadcount.objects.create(organisation=soe, effective_from=dt.date(2026, 1, 1), headcount=120)
    union = make_user("cong_doan_ct", full_name="Trịnh Văn Công Đoàn")
    give_role(union, Role.UNION_CHAIR, commune, organisation=soe)
    director = make_user("giam_doc", full_name="Mạc Văn Giám Đốc")
    give_role(director, Role.AGENCY_HEAD, commune, organisation=soe)
    board = _organisation_board(union, soe, commune, "enterprise_inspection")
    recommendation = _answered(board, union, director, soe)
    assert recommendation.public_disclosure is not None
    assert recommendation.public_disclosure.category.code == "S8"
    assert recommendation.public_disclosure.organisation == soe


def _report(board: Board, actor: User) -> BoardReport:
    return services.board_report_issue(
        board=board, year=2026, period="Q3", assessment="Quý III: 1 cuộc giám sát.", actor=actor, now=NOW
    )


def test_report_published_to_the_staff_once_and_audited(
    agency_board: Board, union_chair: User, agency: Organisation, agency_staff: User
) -> None:
    report = _report(agency_board, union_chair)
    assert report.staff_disclosure is None and not Disclosure.objects.exists()
    published = services.board_report_publish(report=report, actor=union_chair, now=NOW)
    disclosure = published.staff_disclosure
    assert disclosure is not None and disclosure.organisation == agency and disclosure.category.code == "A8"
    assert disclosure.status == "published" and disclosure.attachments.count() == 1
    assert disclosure.decision_number == report.document.number_label
    event = AuditEvent.objects.get(code="oversight.report.published_to_staff")
    assert (event.after or {})["staff_disclosure"] == disclosure.pk and (event.after or {})["category"] == "A8"
    status, page = _listing(agency_staff, agency)
    assert status == 200 and agency_board.name in page
    with pytest.raises(DomainError) as again:
        services.board_report_publish(report=report, actor=union_chair, now=NOW)
    assert again.value.code == "oversight.report.already_published"
    assert Disclosure.objects.count() == 1


def test_report_of_a_commune_board_is_not_published_to_a_staff(active_board: Board, board_member: User) -> None:
    report = _report(active_board, board_member)
    with pytest.raises(DomainError) as refused:
        services.board_report_publish(report=report, actor=board_member, now=NOW)
    assert refused.value.code == "oversight.report.not_organisation"
    report.refresh_from_db()
    assert report.staff_disclosure is None and not Disclosure.objects.exists()


def test_outsider_cannot_publish_the_report(
    agency_board: Board, union_chair: User, agency_staff: User, commune: AdministrativeUnit
) -> None:
    report = _report(agency_board, union_chair)
    officer = make_persona("can_bo_xa_pub", Role.COMMUNE_OFFICER, commune, full_name="Cán Bộ Xã")
    for outsider in (agency_staff, officer):
        with pytest.raises(DomainError) as refused:
            services.board_report_publish(report=report, actor=outsider, now=NOW)
        assert refused.value.code == "oversight.not_authorised"
    assert not Disclosure.objects.exists()
    assert not AuditEvent.objects.filter(code="oversight.report.published_to_staff").exists()


def test_report_page_button_publishes(agency_board: Board, union_chair: User, agency_staff: User) -> None:
    report = _report(agency_board, union_chair)
    client = Client()
    client.force_login(union_chair)
    page = reverse("oversight:board_report", kwargs={"pk": agency_board.pk, "year": 2026})
    publish = reverse("oversight:report_publish", kwargs={"pk": report.pk})
    assert publish in client.get(page).content.decode()
    assert client.post(publish).status_code == 302
    report.refresh_from_db()
    assert report.staff_disclosure is not None
    assert publish not in client.get(page).content.decode()
    staff = Client()
    staff.force_login(agency_staff)
    assert staff.post(publish).status_code in (403, 404)


def test_an_organisation_s_results_stay_off_the_commune_s_public_page(
    agency_board: Board, union_chair: User, agency_head: User, agency: Organisation, commune: AdministrativeUnit
) -> None:
    _answered(agency_board, union_chair, agency_head, agency)
    pending = services.recommendation_draft(
        board=agency_board,
        title="Sửa mái phòng học",
        content="Đề nghị sửa mái.",
        addressee_name="Hiệu trưởng",
        addressee_organisation=agency,
        actor=union_chair,
        now=NOW,
    )
    services.recommendation_send(recommendation=pending, actor=union_chair, now=NOW)
    page = Client().get(reverse("oversight:public_list", args=[commune.slug])).content.decode()
    assert "Công khai quỹ phúc lợi" not in page and "Sửa mái phòng học" not in page
