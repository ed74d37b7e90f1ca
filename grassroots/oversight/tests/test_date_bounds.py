"""Dates outside 2000–2100 (year 1, year 9999) are refused with a Vietnamese message by the services and by the
pages: never an overflow in the date arithmetic (45 days before, 24 months after), a 500 or a written record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.oversight import rules, services
from grassroots.oversight.models import Board, BoardVote, InformationRequest, SupervisedProject
from grassroots.oversight.services import information, projects
from grassroots.oversight.tests.conftest import NOW, TODAY, commune_board
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

YEAR_ONE = dt.date(1, 1, 10)
YEAR_9999 = dt.date(9999, 6, 1)


def test_rule_bounds_are_inclusive() -> None:
    assert rules.check_date_bounds(dt.date(2000, 1, 1), dt.date(2100, 12, 31), None)
    for day in (dt.date(1999, 12, 31), dt.date(2101, 1, 1), YEAR_ONE, YEAR_9999):
        refused = rules.check_date_bounds(TODAY, day)
        assert not refused and refused.code == "oversight.date_out_of_range"


@pytest.fixture
def investment_board(front_chair: User, commune: AdministrativeUnit) -> Board:
    return services.board_create(
        kind="investment_supervision",
        name="Ban Giám sát đầu tư của cộng đồng xã",
        unit=commune,
        term_start=TODAY,
        elected_on=TODAY,
        project_name="Đường bê tông liên thôn 1–2",
        investor_name="Ban Quản lý dự án xã",
        actor=front_chair,
        now=NOW,
    )


def _add_project(board: Board, actor: User, **extra: Any) -> SupervisedProject:
    values: dict[str, Any] = {
        "board": board,
        "name": "Nhà văn hóa thôn 3",
        "investor_name": "UBND xã",
        "location": "Thôn 3",
        "value_vnd": Decimal("1200000000"),
        "works_start": dt.date(2027, 2, 1),
        "works_end": dt.date(2027, 6, 30),
        "supervision_start": dt.date(2027, 1, 7),
        "actor": actor,
        "now": NOW,
    }
    values.update(extra)
    return projects.project_add(**values)


@pytest.mark.parametrize(
    "extra",
    [
        {"supervision_start": YEAR_ONE},
        {"supervision_start": YEAR_9999},
        {"works_start": YEAR_ONE},
        {"works_end": YEAR_9999},
        {"investor_notified_on": YEAR_ONE},
    ],
)
def test_attack_project_with_a_year_one_date_refused_by_the_service(
    investment_board: Board, front_chair: User, extra: dict[str, Any]
) -> None:
    with pytest.raises(DomainError) as refused:
        _add_project(investment_board, front_chair, **extra)
    assert refused.value.code == "oversight.date_out_of_range"
    assert "2000" in refused.value.message
    assert not SupervisedProject.objects.exists()
    assert not AuditEvent.objects.filter(code="oversight.project.added").exists()


def test_attack_project_notice_in_year_one_refused(investment_board: Board, front_chair: User) -> None:
    project = _add_project(investment_board, front_chair)
    with pytest.raises(DomainError) as refused:
        projects.project_investor_notify(project=project, notified_on=YEAR_ONE, actor=front_chair, now=NOW)
    assert refused.value.code == "oversight.date_out_of_range"
    project.refresh_from_db()
    assert project.investor_notified_on is None


@pytest.mark.parametrize("extra", [{"term_start": YEAR_9999}, {"elected_on": YEAR_ONE}, {"term_start": YEAR_ONE}])
def test_attack_board_with_a_term_in_year_9999_refused_by_the_service(
    front_chair: User, commune: AdministrativeUnit, extra: dict[str, Any]
) -> None:
    with pytest.raises(DomainError) as refused:
        commune_board(front_chair, commune, **extra)
    assert refused.value.code == "oversight.date_out_of_range"
    assert not Board.objects.exists()
    assert not AuditEvent.objects.filter(code="oversight.board.created").exists()


def test_attack_organisation_board_in_year_9999_refused(union_chair: User, agency: Any) -> None:
    with pytest.raises(DomainError) as refused:
        services.board_create(
            kind="agency_inspection",
            name="Ban TTND trường",
            unit=agency.unit,
            organisation=agency,
            term_start=YEAR_9999,
            elected_on=TODAY,
            actor=union_chair,
            now=NOW,
        )
    assert refused.value.code == "oversight.date_out_of_range"
    assert not Board.objects.exists()


def test_other_services_refuse_out_of_range_dates(active_board: Board, board_member: User) -> None:
    with pytest.raises(DomainError) as sent:
        information.information_request_send(
            board=active_board,
            addressee="commune",
            addressee_name="UBND xã",
            subject="Hồ sơ",
            documents="Dự toán.",
            actor=board_member,
            sent_on=YEAR_ONE,
            now=NOW,
        )
    assert sent.value.code == "oversight.date_out_of_range"
    assert not InformationRequest.objects.exists()
    with pytest.raises(DomainError) as vote:
        services.board_vote_record(
            board=active_board,
            subject="Kế hoạch",
            held_on=YEAR_ONE,
            votes_for=3,
            votes_against=0,
            abstentions=0,
            actor=board_member,
            now=NOW,
        )
    assert vote.value.code == "oversight.date_out_of_range"
    assert not BoardVote.objects.exists()


def test_attack_pages_refuse_year_one_and_9999_without_a_500(
    front_chair: User, commune: AdministrativeUnit, investment_board: Board
) -> None:
    client = Client()
    client.force_login(front_chair)
    new_board = reverse("oversight:board_new", args=[commune.slug])
    response = client.post(
        new_board,
        {"kind": "commune_inspection", "name": "Ban TTND", "elected_on": "2026-11-20", "term_start": "9999-06-01"},
    )
    assert response.status_code == 200 and "2100" in response.text
    assert Board.objects.count() == 1  # only the investment board of the fixture
    new_project = reverse("oversight:board_project_new", kwargs={"pk": investment_board.pk})
    response = client.post(
        new_project,
        {
            "name": "Nhà văn hóa thôn 3",
            "investor_name": "UBND xã",
            "location": "Thôn 3",
            "value_vnd": "1200000000",
            "works_start": "2027-02-01",
            "works_end": "2027-06-30",
            "supervision_start": "0001-01-10",
        },
    )
    assert response.status_code == 200 and "2100" in response.text
    assert not SupervisedProject.objects.exists()
