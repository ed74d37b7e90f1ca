"""People's Inspection Board members who become ineligible ([L] arts 60(2), 77(2)): promoted to head, deputy head or
chief accountant (an enterprise: also legal representative or manager), they are flagged on the organisation's page
and among the dashboard's due items."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.dashboard.registry import registered_providers
from grassroots.oversight.models import Board, BoardKind, BoardMember, BoardStatus
from grassroots.units.models import Organisation
from grassroots.workplaces import rules, selectors, services
from grassroots.workplaces.models import StaffMember
from grassroots.workplaces.tests.conftest import NOW, TODAY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "is_head", "post", "barred"),
    [
        (BoardKind.AGENCY_INSPECTION, False, "none", []),
        (BoardKind.AGENCY_INSPECTION, True, "none", ["head"]),
        (BoardKind.AGENCY_INSPECTION, False, "deputy_head", ["deputy_head"]),
        (BoardKind.AGENCY_INSPECTION, False, "chief_accountant", ["chief_accountant"]),
        # A manager or the legal representative bars only from an enterprise board (art. 77(2), not art. 60(2)).
        (BoardKind.AGENCY_INSPECTION, False, "manager", []),
        (BoardKind.ENTERPRISE_INSPECTION, False, "manager", ["manager"]),
        (BoardKind.ENTERPRISE_INSPECTION, False, "legal_representative", ["legal_representative"]),
    ],
)
def test_barred_posts_by_board_kind(kind: str, is_head: bool, post: str, barred: list[str]) -> None:
    assert rules.barred_posts(board_kind=kind, is_head=is_head, post=post) == barred


def _board(organisation: Organisation, actor: User, kind: str, names: list[str]) -> Board:
    board = Board.objects.create(
        kind=kind,
        name="Ban Thanh tra nhân dân",
        unit=organisation.unit,
        organisation=organisation,
        status=BoardStatus.ACTIVE,
        term_start=dt.date(2026, 1, 1),
        elected_on=dt.date(2025, 12, 20),
        created_by=actor,
    )
    for name in names:
        BoardMember.objects.create(board=board, full_name=name, joined_on=dt.date(2026, 1, 1))
    return board


def _staff(organisation: Organisation, number: int) -> StaffMember:
    return StaffMember.objects.get(organisation=organisation, code=f"NV-{number:03d}")


def test_a_member_promoted_to_deputy_head_is_flagged_on_the_calendar(school: Organisation, principal: User) -> None:
    _board(school, principal, BoardKind.AGENCY_INSPECTION, ["Nhân viên 3", "Nhân viên 4", "Nhân viên 5"])
    assert selectors.ineligible_board_members(school, TODAY) == []
    promoted = services.staff_member_set_post(
        staff_member=_staff(school, 4), is_head=False, post="deputy_head", actor=principal, now=NOW
    )
    assert AuditEvent.objects.filter(code="workplaces.staff.post_changed", object_id=str(promoted.pk)).exists()
    found = selectors.ineligible_board_members(school, TODAY)
    assert [(item.member.full_name, item.posts) for item in found] == [("Nhân viên 4", ("deputy_head",))]
    flagged = [item for item in selectors.obligations(school, TODAY.year, TODAY) if item.code.startswith("board_")]
    assert len(flagged) == 1 and flagged[0].state(TODAY) == "due" and "Nhân viên 4" in flagged[0].label
    # Next year's calendar does not repeat today's flag.
    assert not [item for item in selectors.obligations(school, TODAY.year + 1, TODAY) if item.code.startswith("board_")]


def test_a_member_who_left_the_board_is_not_flagged(school: Organisation, principal: User) -> None:
    board = _board(school, principal, BoardKind.AGENCY_INSPECTION, ["Nhân viên 4"])
    BoardMember.objects.filter(board=board).update(left_on=TODAY)
    services.staff_member_set_post(staff_member=_staff(school, 4), is_head=True, post="none", actor=principal, now=NOW)
    assert selectors.ineligible_board_members(school, TODAY) == []


def test_an_soe_manager_is_flagged_but_an_agency_manager_is_not(
    school: Organisation, principal: User, soe: Organisation, soe_director: User
) -> None:
    _board(school, principal, BoardKind.AGENCY_INSPECTION, ["Nhân viên 6"])
    _board(soe, soe_director, BoardKind.ENTERPRISE_INSPECTION, ["Nhân viên 6"])
    services.staff_member_set_post(
        staff_member=_staff(school, 6), is_head=False, post="manager", actor=principal, now=NOW
    )
    services.staff_member_set_post(
        staff_member=_staff(soe, 6), is_head=False, post="manager", actor=soe_director, now=NOW
    )
    assert selectors.ineligible_board_members(school, TODAY) == []
    assert [item.posts for item in selectors.ineligible_board_members(soe, TODAY)] == [("manager",)]


def test_a_second_head_is_refused_without_a_write(school: Organisation, principal: User) -> None:
    services.staff_member_set_post(staff_member=_staff(school, 1), is_head=True, post="none", actor=principal, now=NOW)
    with pytest.raises(DomainError) as refusal:
        services.staff_member_set_post(
            staff_member=_staff(school, 2), is_head=True, post="none", actor=principal, now=NOW
        )
    assert refusal.value.code == "workplaces.staff.head_taken"
    assert _staff(school, 2).is_head is False
    with pytest.raises(DomainError) as refusal:
        services.staff_member_set_post(
            staff_member=_staff(school, 2), is_head=False, post="king", actor=principal, now=NOW
        )
    assert refusal.value.code == "workplaces.staff.post_unknown"


def test_the_flag_shows_on_the_page_and_in_the_dashboard(
    school: Organisation, principal: User, client: Client, settings: object
) -> None:
    _board(school, principal, BoardKind.AGENCY_INSPECTION, ["Nhân viên 7"])
    services.staff_member_set_post(
        staff_member=_staff(school, 7), is_head=False, post="chief_accountant", actor=principal, now=NOW
    )
    provider = registered_providers()["workplaces.obligations"]
    titles = [item.title for item in provider(principal, TODAY)]
    assert any("Nhân viên 7" in title and "kế toán trưởng" in title for title in titles)
    client.force_login(principal)
    page = client.get(reverse("workplaces:organisation_home", args=[school.pk])).content.decode()
    assert "Thành viên Ban Thanh tra nhân dân không còn đủ điều kiện" in page and "NV-007" in page
