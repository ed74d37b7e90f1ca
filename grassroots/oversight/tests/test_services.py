"""Services: the new state and its audit event; on refusal, nothing changed. Attackers: a direct service call by
someone without the power, an officer or Front of another commune, a clerk with the admin, raw SQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import give_role, make_persona
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.oversight import selectors, services
from grassroots.oversight.models import Board, BoardMember, Position, Recommendation, Vacancy
from grassroots.oversight.tests.conftest import NOW, TODAY, commune_board
from grassroots.units.models import AdministrativeUnit, Organisation, StaffHeadcount

pytestmark = pytest.mark.django_db


def _codes() -> list[str]:
    return list(AuditEvent.objects.filter(code__startswith="oversight.").values_list("code", flat=True))


# --- boards ---------------------------------------------------------------------------------------


def test_commune_board_term_follows_village_heads_and_is_audited(
    front_chair: User, commune: AdministrativeUnit
) -> None:
    board = commune_board(front_chair, commune)
    assert board.term_end == dt.date(2031, 7, 1)  # the default 60-month village-head term
    assert board.community_count == 2
    assert _codes() == ["oversight.board.created"]


def test_recognition_needs_a_lawful_board(front_chair: User, commune: AdministrativeUnit) -> None:
    board = commune_board(front_chair, commune)
    for name in ("A", "B", "C", "D"):
        services.board_member_add(
            board=board,
            full_name=name,
            community=commune.children.first(),
            position=Position.HEAD if name == "A" else Position.MEMBER,
            joined_on=TODAY,
            actor=front_chair,
            now=NOW,
        )
    with pytest.raises(DomainError) as refused:
        services.board_recognise(board=board, actor=front_chair, now=NOW)
    assert refused.value.code == "oversight.board.size"
    board.refresh_from_db()
    assert board.is_forming and board.recognised_on is None


def test_recognise_and_the_recognition_clock(active_board: Board) -> None:
    assert active_board.is_active
    assert active_board.recognised_on == TODAY
    assert "oversight.board.recognised" in _codes()


def test_commune_officer_cannot_sit_on_the_commune_board(
    front_chair: User, commune: AdministrativeUnit, commune_officer: User
) -> None:
    board = commune_board(front_chair, commune)
    with pytest.raises(DomainError) as refused:
        services.board_member_add(
            board=board, full_name="Cán bộ", user=commune_officer, joined_on=TODAY, actor=front_chair, now=NOW
        )
    assert refused.value.code == "oversight.member.ineligible_post"
    assert not BoardMember.objects.exists()


def test_village_head_cannot_sit_on_the_commune_board(
    front_chair: User, commune: AdministrativeUnit, village_head: User
) -> None:
    board = commune_board(front_chair, commune)
    with pytest.raises(DomainError):
        services.board_member_add(
            board=board, full_name="Trưởng thôn", user=village_head, joined_on=TODAY, actor=front_chair, now=NOW
        )


def test_agency_head_cannot_sit_on_the_agency_board(
    union_chair: User, agency_head: User, agency: Organisation, commune: AdministrativeUnit
) -> None:
    board = services.board_create(
        kind="agency_inspection",
        name="Ban TTND Trường Tiểu học",
        unit=commune,
        organisation=agency,
        term_start=TODAY,
        elected_on=TODAY,
        actor=union_chair,
        now=NOW,
    )
    assert board.term_end == dt.date(2028, 11, 23)
    assert board.staff_headcount == 40
    with pytest.raises(DomainError) as refused:
        services.board_member_add(
            board=board, full_name="x", user=agency_head, joined_on=TODAY, actor=union_chair, now=NOW
        )
    assert refused.value.code == "oversight.member.ineligible_post"


@pytest.mark.parametrize(("headcount", "allowed"), [(7, False), (8, True)])
def test_no_agency_board_at_seven_staff(
    union_chair: User, agency: Organisation, commune: AdministrativeUnit, headcount: int, allowed: bool
) -> None:
    StaffHeadcount.objects.create(organisation=agency, effective_from=dt.date(2026, 11, 1), headcount=headcount)
    kwargs: dict[str, Any] = {
        "kind": "agency_inspection",
        "name": "Ban",
        "unit": commune,
        "organisation": agency,
        "term_start": TODAY,
        "elected_on": TODAY,
        "actor": union_chair,
        "now": NOW,
    }
    if allowed:
        assert services.board_create(**kwargs).staff_headcount == 8
    else:
        with pytest.raises(DomainError) as refused:
            services.board_create(**kwargs)
        assert refused.value.code == "oversight.board.unit_too_small"
        assert not Board.objects.exists()


def test_headcount_hook_answers_first(union_chair: User, agency: Organisation, commune: AdministrativeUnit) -> None:
    source = selectors.register_headcount_source(lambda organisation, on: 5)
    try:
        with pytest.raises(DomainError):
            services.board_create(
                kind="agency_inspection",
                name="Ban",
                unit=commune,
                organisation=agency,
                term_start=TODAY,
                elected_on=TODAY,
                actor=union_chair,
                now=NOW,
            )
    finally:
        selectors.HEADCOUNT_SOURCES.remove(source)


def test_union_chair_cannot_direct_the_commune_board(union_chair: User, commune: AdministrativeUnit) -> None:
    with pytest.raises(DomainError) as refused:
        commune_board(union_chair, commune)
    assert refused.value.code == "oversight.not_authorised"


def test_front_of_another_commune_is_refused_by_the_service(other_front_chair: User, active_board: Board) -> None:
    with pytest.raises(DomainError):
        services.board_member_add(board=active_board, full_name="x", joined_on=TODAY, actor=other_front_chair, now=NOW)
    with pytest.raises(DomainError):
        services.board_end(board=active_board, ended_on=TODAY, actor=other_front_chair, now=NOW)


def test_vacancy_with_six_months_left_opens_a_by_election(active_board: Board, front_chair: User) -> None:
    member = active_board.members.exclude(position=Position.HEAD).first()
    assert member is not None
    vacancy = services.board_member_leave(
        member=member, left_on=dt.date(2026, 12, 1), reason="Xin thôi vì sức khỏe", actor=front_chair, now=NOW
    )
    assert vacancy is not None and vacancy.community_id == member.community_id
    filled = services.board_member_add(
        board=active_board,
        full_name="Người bầu bổ sung",
        community=member.community,
        joined_on=dt.date(2026, 12, 20),
        vacancy=vacancy,
        actor=front_chair,
        now=NOW,
    )
    vacancy.refresh_from_db()
    assert vacancy.filled_by == filled


def test_vacancy_with_less_than_six_months_left_opens_nothing(active_board: Board, front_chair: User) -> None:
    member = active_board.members.exclude(position=Position.HEAD).first()
    assert member is not None and active_board.term_end is not None
    day = active_board.term_end - dt.timedelta(days=150)
    assert services.board_member_leave(member=member, left_on=day, reason="x", actor=front_chair, now=NOW) is None
    assert not Vacancy.objects.exists()


def test_investment_board_and_45_day_notice(front_chair: User, commune: AdministrativeUnit) -> None:
    board = services.board_create(
        kind="investment_supervision",
        name="Ban Giám sát đầu tư đường liên thôn",
        unit=commune,
        term_start=TODAY,
        elected_on=TODAY,
        project_name="Đường bê tông liên thôn 1–2",
        investor_name="Ban Quản lý dự án xã",
        supervision_start=dt.date(2027, 1, 7),  # TODAY + 45 days
        actor=front_chair,
        now=NOW,
    )
    assert board.term_end is None
    next_day = NOW + dt.timedelta(days=1)
    with pytest.raises(DomainError) as refused:
        services.board_investor_notify(board=board, notified_on=dt.date(2026, 11, 24), actor=front_chair, now=next_day)
    assert refused.value.code == "oversight.investment.notice_too_late"
    with pytest.raises(DomainError) as future:
        services.board_investor_notify(board=board, notified_on=dt.date(2026, 11, 24), actor=front_chair, now=NOW)
    assert future.value.code == "oversight.investment.notified_in_future"
    services.board_investor_notify(board=board, notified_on=TODAY, actor=front_chair, now=NOW)
    board.refresh_from_db()
    assert board.investor_notified_on == TODAY
    with pytest.raises(DomainError) as again:
        services.board_investor_notify(board=board, notified_on=dt.date(2026, 11, 20), actor=front_chair, now=NOW)
    assert again.value.code == "oversight.investment.already_notified"
    board.refresh_from_db()
    assert board.investor_notified_on == TODAY


def test_investment_member_with_conflicting_relative_is_refused(front_chair: User, commune: AdministrativeUnit) -> None:
    board = services.board_create(
        kind="investment_supervision",
        name="Ban",
        unit=commune,
        term_start=TODAY,
        elected_on=TODAY,
        project_name="Dự án",
        investor_name="Chủ đầu tư",
        actor=front_chair,
        now=NOW,
    )
    with pytest.raises(DomainError) as refused:
        services.board_member_add(
            board=board, full_name="x", has_conflicting_relative=True, joined_on=TODAY, actor=front_chair, now=NOW
        )
    assert refused.value.code == "oversight.member.conflicting_relative"


# --- inspections and recommendations --------------------------------------------------------------


def _recommendation(board: Board, actor: User) -> Recommendation:
    return services.recommendation_draft(
        board=board,
        title="Sửa chữa cống thoát nước thôn 1",
        content="Đề nghị UBND xã sửa cống trước mùa mưa.",
        addressee_name="Chủ tịch UBND xã",
        actor=actor,
        now=NOW,
    )


def test_inspection_plan_notice_and_findings(active_board: Board, board_member: User) -> None:
    inspection = services.inspection_plan(
        board=active_board,
        subject="Kiểm tra thu, chi quỹ xây dựng nhà văn hóa",
        inspected_party="Ban phát triển thôn 1",
        planned_on=dt.date(2026, 12, 14),
        actor=board_member,
        now=NOW,
    )
    later = dt.datetime(2026, 12, 8, 9, 0, tzinfo=NOW.tzinfo)
    with pytest.raises(DomainError) as refused:
        services.inspection_notify(
            inspection=inspection, notified_on=dt.date(2026, 12, 8), actor=board_member, now=later
        )
    assert refused.value.code == "oversight.inspection.notice_too_late"
    services.inspection_notify(inspection=inspection, notified_on=dt.date(2026, 12, 7), actor=board_member, now=later)
    services.finding_record(
        inspection=inspection, text="Chi 3 khoản không có chứng từ.", evidence="Sổ quỹ trang 4", actor=board_member
    )
    services.inspection_conclude(inspection=inspection, conclusion="Đề nghị bổ sung chứng từ.", actor=board_member)
    with pytest.raises(DomainError):
        services.finding_record(inspection=inspection, text="late", evidence="", actor=board_member)


def test_attack_inspection_notice_dated_in_the_future_refused(active_board: Board, board_member: User) -> None:
    # Today is 23/11; a notice "sent" on 7/12 (5 working days before 14/12) has not been sent yet: claiming it now
    # would make the plan look lawfully notified before anyone received it.
    inspection = services.inspection_plan(
        board=active_board,
        subject="Kiểm tra thu, chi quỹ xây dựng nhà văn hóa",
        inspected_party="Ban phát triển thôn 1",
        planned_on=dt.date(2026, 12, 14),
        actor=board_member,
        now=NOW,
    )
    with pytest.raises(DomainError) as refused:
        services.inspection_notify(inspection=inspection, notified_on=dt.date(2026, 12, 7), actor=board_member, now=NOW)
    assert refused.value.code == "oversight.inspection.notified_in_future"
    assert "sau hôm nay" in refused.value.message
    inspection.refresh_from_db()
    assert inspection.status == "planned" and inspection.plan_notified_on is None
    assert not AuditEvent.objects.filter(code="oversight.inspection.notified").exists()
    done = services.inspection_notify(inspection=inspection, notified_on=NOW.date(), actor=board_member, now=NOW)
    assert done.plan_notified_on == NOW.date()


def test_a_board_member_role_alone_is_not_membership_of_this_board(
    active_board: Board, commune: AdministrativeUnit
) -> None:
    stranger = make_persona("stranger_member", Role.INSPECTION_BOARD_MEMBER, commune)
    with pytest.raises(DomainError) as refused:
        _recommendation(active_board, stranger)
    assert refused.value.code == "oversight.not_authorised"


def test_recommendation_journey(
    active_board: Board, board_member: User, front_chair: User, commune_chair: User
) -> None:
    recommendation = _recommendation(active_board, board_member)
    with pytest.raises(DomainError) as refused:
        services.recommendation_send(recommendation=recommendation, actor=board_member, now=NOW)
    assert refused.value.code == "oversight.recommendation.not_confirmed"
    services.recommendation_confirm(recommendation=recommendation, actor=front_chair, now=NOW)
    services.recommendation_send(recommendation=recommendation, actor=board_member, now=NOW)
    recommendation.refresh_from_db()
    assert recommendation.sent_on == TODAY
    assert selectors.recommendation_due(recommendation) == dt.date(2026, 12, 8)
    assert selectors.sent_record_intact(recommendation) is True
    assert not selectors.is_overdue(recommendation, dt.date(2026, 12, 8))
    assert selectors.is_overdue(recommendation, dt.date(2026, 12, 9))
    services.recommendation_answer(
        recommendation=recommendation,
        answer="UBND xã đã giao công chức địa chính khảo sát, sửa trong tháng 12.",
        disposition="accepted",
        actor=commune_chair,
        now=NOW,
    )
    services.recommendation_close(recommendation=recommendation, note="Đã sửa xong.", actor=board_member, now=NOW)
    recommendation.refresh_from_db()
    assert recommendation.status == "closed"
    assert _codes()[-5:] == [
        "oversight.recommendation.drafted",
        "oversight.recommendation.confirmed",
        "oversight.recommendation.sent",
        "oversight.recommendation.answered",
        "oversight.recommendation.closed",
    ]


def _sent(board: Board, member: User, front: User) -> Recommendation:
    recommendation = _recommendation(board, member)
    services.recommendation_confirm(recommendation=recommendation, actor=front, now=NOW)
    return services.recommendation_send(recommendation=recommendation, actor=member, now=NOW)


def test_sent_recommendation_cannot_be_edited_through_the_service(
    active_board: Board, board_member: User, front_chair: User
) -> None:
    recommendation = _sent(active_board, board_member, front_chair)
    with pytest.raises(DomainError) as refused:
        services.recommendation_edit(
            recommendation=recommendation, title="Khác", content="Nội dung khác", actor=board_member, now=NOW
        )
    assert refused.value.code == "oversight.recommendation.not_editable"
    recommendation.refresh_from_db()
    assert recommendation.content == "Đề nghị UBND xã sửa cống trước mùa mưa."


def test_edit_in_the_database_after_sending_is_detected(
    active_board: Board, board_member: User, front_chair: User
) -> None:
    """Someone reading and writing the whole database changes the sent text, and even its stored hash: the hash in
    the hash-chained audit trail still tells."""
    recommendation = _sent(active_board, board_member, front_chair)
    forged = "Nội dung đã bị sửa."
    from grassroots.oversight import rules

    forged_hash = rules.content_hash(
        title=recommendation.title,
        content=forged,
        addressee_name=recommendation.addressee_name,
        addressee_unit_id=recommendation.addressee_unit_id,
        sent_on=recommendation.sent_on,  # type: ignore[arg-type]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE oversight_recommendation SET content = %s, content_hash = %s WHERE id = %s",
            [forged, forged_hash, recommendation.pk],
        )
    recommendation.refresh_from_db()
    assert selectors.sent_record_intact(recommendation) is False


def test_only_the_addressed_body_answers(
    active_board: Board,
    board_member: User,
    front_chair: User,
    commune_officer: User,
    other_commune_officer: User,
    agency_head: User,
) -> None:
    recommendation = _sent(active_board, board_member, front_chair)
    other_chair = make_persona("other_chair", Role.COMMUNE_CHAIR, AdministrativeUnit.objects.get(slug="xa-binh-an"))
    for attacker in (commune_officer, other_commune_officer, other_chair, agency_head, board_member):
        with pytest.raises(DomainError) as refused:
            services.recommendation_answer(
                recommendation=recommendation, answer="x", disposition="accepted", actor=attacker, now=NOW
            )
        assert refused.value.code == "oversight.not_authorised"
    recommendation.refresh_from_db()
    assert recommendation.is_awaiting_answer and recommendation.answer == ""


def test_unanswered_by_addressee_lists_who_ignored_what(
    active_board: Board, board_member: User, front_chair: User, commune: AdministrativeUnit
) -> None:
    recommendation = _sent(active_board, board_member, front_chair)
    groups = selectors.unanswered_by_addressee(commune, dt.date(2026, 12, 9))
    assert groups == [("Chủ tịch UBND xã", [(recommendation, dt.date(2026, 12, 8), True)])]


def test_board_created_from_a_recognised_election_refuses_one_not_recognised(
    active_board: Board, front_chair: User, community: AdministrativeUnit
) -> None:
    from grassroots.elections.models import Election

    election = Election.objects.create(
        community=community,
        kind="inspection_board",
        status="elected",
        election_date=dt.date(2026, 11, 1),
        created_by=front_chair,
    )
    with pytest.raises(DomainError) as refused:
        services.board_members_from_election(board=active_board, election=election, actor=front_chair, now=NOW)
    assert refused.value.code == "oversight.election.not_recognised"


def test_board_members_from_a_recognised_election(
    front_chair: User, commune: AdministrativeUnit, community: AdministrativeUnit
) -> None:
    from grassroots.elections.models import Candidate, Election

    board = commune_board(front_chair, commune)
    election = Election.objects.create(
        community=community,
        kind="inspection_board",
        status="recognised",
        election_date=dt.date(2026, 11, 1),
        recognised_on=dt.date(2026, 11, 5),
        created_by=front_chair,
    )
    Candidate.objects.create(election=election, full_name="Nguyễn Văn Trúng", is_elected=True)
    Candidate.objects.create(election=election, full_name="Lê Văn Trượt", is_elected=False)
    added = services.board_members_from_election(board=board, election=election, actor=front_chair, now=NOW)
    assert [member.full_name for member in added] == ["Nguyễn Văn Trúng"]
    assert added[0].community == community and added[0].joined_on == dt.date(2026, 11, 5)
    with pytest.raises(DomainError):
        services.board_members_from_election(board=board, election=election, actor=front_chair, now=NOW)


def test_union_of_another_organisation_cannot_direct_the_agency_board(
    union_chair: User, agency: Organisation, commune: AdministrativeUnit
) -> None:
    board = services.board_create(
        kind="agency_inspection",
        name="Ban",
        unit=commune,
        organisation=agency,
        term_start=TODAY,
        elected_on=TODAY,
        actor=union_chair,
        now=NOW,
    )
    other = Organisation.objects.create(kind="agency", name="Trạm Y tế", unit=commune)
    other_union = make_persona("other_union", Role.STAFF_MEMBER, commune)
    give_role(other_union, Role.UNION_CHAIR, commune, organisation=other)
    with pytest.raises(DomainError):
        services.board_member_add(board=board, full_name="x", joined_on=TODAY, actor=other_union, now=NOW)
