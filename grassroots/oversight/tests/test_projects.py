"""The projects an investment supervision board supervises and the notice to the investor ≥ 45 calendar days
before supervision starts ([L] art. 45(1)(b)): the exact 45th day is in time, the 44th is not; the record, its
audit, refusals that write nothing, who may record it, and the pages."""

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
from grassroots.oversight import services
from grassroots.oversight.models import Board, SupervisedProject
from grassroots.oversight.services import projects
from grassroots.oversight.tests.conftest import NOW, TODAY
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

START_45 = TODAY + dt.timedelta(days=45)  # 2027-01-07: notified today, exactly 45 days before
START_44 = TODAY + dt.timedelta(days=44)


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


def _add(board: Board, actor: User, **extra: Any) -> SupervisedProject:
    values: dict[str, Any] = {
        "board": board,
        "name": "Đường bê tông liên thôn 1–2",
        "investor_name": "Ban Quản lý dự án đầu tư xây dựng xã",
        "location": "Thôn 1 và thôn 2",
        "value_vnd": Decimal("4500000000"),
        "works_start": dt.date(2027, 2, 1),
        "works_end": dt.date(2027, 8, 31),
        "supervision_start": START_45,
        "actor": actor,
        "now": NOW,
    }
    values.update(extra)
    return projects.project_add(**values)


def test_exactly_45_days_before_is_in_time() -> None:
    from grassroots.oversight import rules

    assert dt.date(2027, 1, 7) == START_45
    assert rules.check_investor_notice(notified_on=TODAY, supervision_start=START_45)
    late = rules.check_investor_notice(notified_on=TODAY, supervision_start=START_44)
    assert not late and late.code == "oversight.investment.notice_too_late"


def test_project_recorded_with_its_facts_and_audited(investment_board: Board, front_chair: User) -> None:
    project = _add(investment_board, front_chair)
    assert project.location == "Thôn 1 và thôn 2" and project.value_vnd == Decimal("4500000000")
    assert project.investor_notified_on is None
    event = AuditEvent.objects.get(code="oversight.project.added")
    after = event.after or {}
    assert after["value_vnd"] == "4500000000" and after["investor_notice_latest"] == "2026-11-23"


def test_notice_on_the_45th_day_before_is_recorded(investment_board: Board, front_chair: User) -> None:
    project = _add(investment_board, front_chair)
    notified = projects.project_investor_notify(project=project, notified_on=TODAY, actor=front_chair, now=NOW)
    assert notified.investor_notified_on == TODAY
    assert AuditEvent.objects.filter(code="oversight.project.investor_notified").count() == 1
    with pytest.raises(DomainError) as again:
        projects.project_investor_notify(project=project, notified_on=TODAY, actor=front_chair, now=NOW)
    assert again.value.code == "oversight.project.already_notified"


def test_notice_44_days_before_is_refused_and_nothing_written(investment_board: Board, front_chair: User) -> None:
    project = _add(investment_board, front_chair, supervision_start=START_44)
    with pytest.raises(DomainError) as refused:
        projects.project_investor_notify(project=project, notified_on=TODAY, actor=front_chair, now=NOW)
    assert refused.value.code == "oversight.investment.notice_too_late"
    project.refresh_from_db()
    assert project.investor_notified_on is None
    assert not AuditEvent.objects.filter(code="oversight.project.investor_notified").exists()


def test_a_late_notice_given_with_the_record_refuses_the_whole_record(
    investment_board: Board, front_chair: User
) -> None:
    with pytest.raises(DomainError) as refused:
        _add(investment_board, front_chair, supervision_start=START_44, investor_notified_on=TODAY)
    assert refused.value.code == "oversight.investment.notice_too_late"
    assert not SupervisedProject.objects.exists()
    assert _add(investment_board, front_chair, investor_notified_on=TODAY).investor_notified_on == TODAY


def test_a_notice_dated_in_the_future_is_refused(investment_board: Board, front_chair: User) -> None:
    project = _add(investment_board, front_chair, supervision_start=dt.date(2027, 6, 1))
    with pytest.raises(DomainError) as refused:
        projects.project_investor_notify(
            project=project, notified_on=TODAY + dt.timedelta(days=1), actor=front_chair, now=NOW
        )
    assert refused.value.code == "oversight.project.notified_in_future"


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"location": "  "}, "oversight.project.fields_required"),
        ({"investor_name": ""}, "oversight.project.fields_required"),
        ({"value_vnd": Decimal("-1")}, "oversight.project.value_negative"),
        ({"works_end": dt.date(2027, 1, 31)}, "oversight.project.timeline"),
    ],
)
def test_bad_project_refused(investment_board: Board, front_chair: User, extra: dict[str, Any], code: str) -> None:
    with pytest.raises(DomainError) as refused:
        _add(investment_board, front_chair, **extra)
    assert refused.value.code == code
    assert not SupervisedProject.objects.exists()


def test_only_an_investment_board_and_only_its_front(
    active_board: Board, investment_board: Board, front_chair: User, other_front_chair: User, board_member: User
) -> None:
    with pytest.raises(DomainError) as wrong_kind:
        _add(active_board, front_chair)
    assert wrong_kind.value.code == "oversight.board.not_investment"
    for outsider in (other_front_chair, board_member):
        with pytest.raises(DomainError) as refused:
            _add(investment_board, outsider)
        assert refused.value.code == "oversight.not_authorised"
    assert not SupervisedProject.objects.exists()


def test_pages_add_and_notify(investment_board: Board, front_chair: User, other_front_chair: User) -> None:
    client = Client()
    client.force_login(front_chair)
    new = reverse("oversight:board_project_new", kwargs={"pk": investment_board.pk})
    assert client.get(new).status_code == 200
    data = {
        "name": "Nhà văn hóa thôn 3",
        "investor_name": "UBND xã",
        "location": "Thôn 3",
        "value_vnd": "1200000000",
        "works_start": "2027-02-01",
        "works_end": "2027-01-01",
        "supervision_start": "2027-01-07",
    }
    kept = client.post(new, data)
    assert kept.status_code == 200 and "Nhà văn hóa thôn 3" in kept.content.decode()
    assert not SupervisedProject.objects.exists()
    response = client.post(new, {**data, "works_end": "2027-06-30"})
    assert response.status_code == 302
    project = SupervisedProject.objects.get()
    detail = client.get(reverse("oversight:board_detail", kwargs={"pk": investment_board.pk})).content.decode()
    assert "Nhà văn hóa thôn 3" in detail and "Thôn 3" in detail
    notify = reverse("oversight:project_investor_notify", kwargs={"pk": project.pk})
    assert notify in detail
    assert client.post(notify, {"notified_on": "2026-11-23"}).status_code == 302
    project.refresh_from_db()
    assert project.investor_notified_on == TODAY
    assert client.get(notify).status_code == 404
    other = Client()
    other.force_login(other_front_chair)
    assert other.get(new).status_code == 404
