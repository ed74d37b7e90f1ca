"""The staff write endpoints added for issue 19: each one behind the same token and Action door as the first three
(``test_api.py``), each one a single call of the owning app's service, tested as every attacker: nobody, an
officer of another commune, a revoked token, a resident holding a token, a commune member without the Action."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import make_persona
from grassroots.api import services
from grassroots.api.models import ApiToken
from grassroots.api.tests.conftest import NOW
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PLAN_TEXT = """ỦY BAN NHÂN DÂN XÃ HÒA PHÚ

Số: 12/KH-UBND

Hòa Phú, ngày 20 tháng 11 năm 2026

KẾ HOẠCH

Thực hiện dân chủ ở cơ sở năm 2026

I. NỘI DUNG THỰC HIỆN

1. Niêm yết công khai dự toán ngân sách

- Cơ quan chủ trì: Văn phòng HĐND và UBND xã.
- Thời gian thực hiện: trước ngày 31/12/2026.
"""


@dataclass(frozen=True)
class Write:
    name: str
    prepare: Callable[[dict[str, Any]], tuple[str, dict[str, Any]]]
    """Bring the world to the state the write needs; returns (url, body)."""
    state: Callable[[dict[str, Any]], Any]
    """What the write changes, read from the database (compared before and after)."""
    service: tuple[str, str]
    """(module, function) of the owning app's service the endpoint must call."""
    status: str


def _bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def _token(user: User) -> str:
    _row, raw = services.api_token_create(user=user, name="Cổng tỉnh", actor=user)
    return raw


def _forged_token(user: User) -> str:
    """A token row written straight into the database (the service refuses residents one)."""
    raw = secrets.token_urlsafe(16)
    ApiToken.objects.create(user=user, name="lọt", prefix=raw[:8], key_hash=services.token_hash(raw), created_at=NOW)
    return raw


# --- the world of each write -----------------------------------------------------------------------


def _draft_consultation(world: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    from grassroots.consultations import services as consultations

    officer = world["officer"]
    draft = consultations.consultation_create(
        commune=world["commune"],
        matter="C5",
        title="Dự thảo quy chế sử dụng nhà văn hóa",
        opens_on=dt.date(2026, 11, 22),
        closes_on=dt.date(2026, 12, 12),
        actor=officer,
        now=NOW,
    )
    consultations.section_add(consultation=draft, heading="Điều 1", text="Phạm vi.", actor=officer, now=NOW)
    consultations.plan_record_sent(
        consultation=draft,
        sent_to_council_on=dt.date(2026, 11, 22),
        sent_to_front_on=dt.date(2026, 11, 22),
        actor=officer,
        now=NOW,
    )
    world["target"] = draft
    return f"/api/staff/consultations/{draft.pk}/open", {}


def _case_at(world: dict[str, Any], step: str) -> tuple[str, dict[str, Any]]:
    """The world's case acknowledged, assigned to the commune officer and taken as far as ``step`` needs."""
    from grassroots.petitions import services as petitions

    case, officer, chair = world["case"], world["officer"], world["chair"]
    world["target"] = case
    if step == "accept":
        petitions.case_acknowledge(case=case, outcome="more_time", note="Cần xác minh.", actor=officer, now=NOW)
        return f"/api/staff/cases/{case.pk}/accept", {}
    petitions.case_acknowledge(case=case, outcome="accepted", actor=officer, now=NOW)
    petitions.case_assign(case=case, handler=officer, actor=chair, now=NOW)
    if step == "start":
        return f"/api/staff/cases/{case.pk}/start", {}
    petitions.case_start(case=case, actor=officer, now=NOW)
    if step == "answer":
        return f"/api/staff/cases/{case.pk}/answer", {"answer": "Đã vá ổ gà ngày 25/11."}
    petitions.case_answer(case=case, answer="Đã vá ổ gà.", actor=officer, now=NOW)
    return f"/api/staff/cases/{case.pk}/close", {}


def _commune_plan(world: dict[str, Any], *, issued: bool) -> Any:
    from grassroots.plans import services as plans
    from grassroots.plans.parsing import parse_text

    plan = plans.plan_import(unit=world["commune"], parsed=parse_text(PLAN_TEXT), actor=world["officer"], now=NOW)
    if issued:
        plan = plans.plan_issue(plan=plan, actor=world["officer"], issue_document=False, now=NOW)
    return plan


def _draft_plan(world: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    plan = _commune_plan(world, issued=False)
    world["target"] = plan
    return f"/api/staff/plans/{plan.pk}/issue", {}


def _plan_task(world: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    task = _commune_plan(world, issued=True).items.filter(depth__gt=0).get()
    world["target"] = task
    return f"/api/staff/plan-tasks/{task.pk}/status", {"status": "in_progress"}


def _reread(world: dict[str, Any], *fields: str) -> tuple[Any, ...]:
    target = world["target"]
    fresh = type(target).objects.get(pk=target.pk)
    return tuple(getattr(fresh, field) for field in fields)


WRITES = [
    Write(
        "consultation_open",
        _draft_consultation,
        lambda world: _reread(world, "status", "published_on"),
        ("grassroots.consultations.services", "consultation_open"),
        "open",
    ),
    Write(
        "case_accept",
        lambda world: _case_at(world, "accept"),
        lambda world: _reread(world, "status", "accepted_on"),
        ("grassroots.petitions.services", "case_accept"),
        "acknowledged",
    ),
    Write(
        "case_start",
        lambda world: _case_at(world, "start"),
        lambda world: _reread(world, "status"),
        ("grassroots.petitions.services", "case_start"),
        "in_progress",
    ),
    Write(
        "case_answer",
        lambda world: _case_at(world, "answer"),
        lambda world: _reread(world, "status", "answer", "answered_on"),
        ("grassroots.petitions.services", "case_answer"),
        "answered",
    ),
    Write(
        "case_close",
        lambda world: _case_at(world, "close"),
        lambda world: _reread(world, "status", "closed_on"),
        ("grassroots.petitions.services", "case_close"),
        "closed",
    ),
    Write(
        "plan_issue",
        _draft_plan,
        lambda world: _reread(world, "status", "document_id"),
        ("grassroots.plans.services", "plan_issue"),
        "issued",
    ),
    Write(
        "task_status",
        _plan_task,
        lambda world: _reread(world, "status"),
        ("grassroots.plans.services", "task_status_change"),
        "in_progress",
    ),
]
NAMES = [write.name for write in WRITES]


@pytest.fixture
def staff_world(world: dict[str, Any], commune_officer: User, commune_chair: User) -> dict[str, Any]:
    return {**world, "officer": commune_officer, "chair": commune_chair}


def _write(name: str) -> Write:
    return next(write for write in WRITES if write.name == name)


def _refused_without_change(
    client: Client, staff_world: dict[str, Any], name: str, headers: dict[str, str], status: int
) -> dict[str, Any]:
    write = _write(name)
    url, body = write.prepare(staff_world)
    before, events = write.state(staff_world), AuditEvent.objects.count()
    response = client.post(url, body, content_type="application/json", headers=headers)
    assert response.status_code == status, response.content
    assert write.state(staff_world) == before
    assert AuditEvent.objects.count() == events
    answer: dict[str, Any] = response.json()
    return answer


# --- the happy path: the owning service, its audit event, its own refusal the second time ----------


@pytest.mark.parametrize("name", NAMES)
def test_the_commune_office_writes_through_the_service(client: Client, staff_world: dict[str, Any], name: str) -> None:
    write = _write(name)
    url, body = write.prepare(staff_world)
    raw = _token(staff_world["officer"])
    before, events = write.state(staff_world), AuditEvent.objects.count()
    response = client.post(url, body, content_type="application/json", headers=_bearer(raw))
    assert response.status_code == 200, response.content
    assert response.json() == {"id": staff_world["target"].pk, "status": write.status}
    assert write.state(staff_world) != before
    assert AuditEvent.objects.count() > events
    if name != "task_status":  # a task may be set to its own status again; every other step happens once
        again = client.post(url, body, content_type="application/json", headers=_bearer(raw))
        assert again.status_code == 400
        assert again.json()["code"] and again.json()["message"]


@pytest.mark.parametrize("name", NAMES)
def test_each_endpoint_only_calls_its_service(
    client: Client, staff_world: dict[str, Any], name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the service replaced by one that refuses, the endpoint changes nothing itself."""
    import importlib

    write = _write(name)
    module, function = write.service
    calls: list[dict[str, Any]] = []

    def refusing(**kwargs: Any) -> Any:
        calls.append(kwargs)
        raise DomainError("spy.refused")

    monkeypatch.setattr(importlib.import_module(module), function, refusing)
    answer = _refused_without_change(client, staff_world, name, _bearer(_token(staff_world["officer"])), 400)
    assert answer["code"] == "spy.refused"
    assert len(calls) == 1 and calls[0]["actor"] == staff_world["officer"]


# --- attackers -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_anonymous_cannot_write(client: Client, staff_world: dict[str, Any], name: str) -> None:
    answer = _refused_without_change(client, staff_world, name, {}, 401)
    assert answer["code"] == "unauthenticated"


@pytest.mark.parametrize("name", NAMES)
def test_an_officer_of_another_commune_finds_nothing(
    client: Client, staff_world: dict[str, Any], other_commune_officer: User, name: str
) -> None:
    answer = _refused_without_change(client, staff_world, name, _bearer(_token(other_commune_officer)), 404)
    assert answer["code"] == "not_found"


@pytest.mark.parametrize("name", NAMES)
def test_a_revoked_token_is_refused(client: Client, staff_world: dict[str, Any], name: str) -> None:
    officer = staff_world["officer"]
    raw = _token(officer)
    services.api_token_revoke(token=ApiToken.objects.get(user=officer), actor=officer)
    answer = _refused_without_change(client, staff_world, name, _bearer(raw), 401)
    assert answer["code"] == "unauthenticated"


@pytest.mark.parametrize("name", NAMES)
def test_a_residents_token_finds_nothing(
    client: Client, staff_world: dict[str, Any], resident: User, name: str
) -> None:
    """A resident cannot get a token; one forged into the database still opens nothing of the commune office."""
    answer = _refused_without_change(client, staff_world, name, _bearer(_forged_token(resident)), 404)
    assert answer["code"] == "not_found"


@pytest.mark.parametrize("name", NAMES)
def test_a_commune_member_without_the_action_is_forbidden(
    client: Client, staff_world: dict[str, Any], name: str
) -> None:
    board = make_persona("ban-tt", Role.INSPECTION_BOARD_MEMBER, staff_world["commune"])
    answer = _refused_without_change(client, staff_world, name, _bearer(_token(board)), 403)
    assert answer["code"] == "forbidden"


def test_an_officer_not_handling_the_case_is_refused_by_the_service(
    client: Client, staff_world: dict[str, Any]
) -> None:
    """The door lets a commune officer in (``HANDLE_CASES``); the service answers for the case's handler only."""
    second = make_persona("can-bo-2", Role.COMMUNE_OFFICER, staff_world["commune"])
    answer = _refused_without_change(client, staff_world, "case_start", _bearer(_token(second)), 400)
    assert answer["code"].startswith("petitions.")


def test_an_unknown_task_status_is_a_400_with_a_message(client: Client, staff_world: dict[str, Any]) -> None:
    url, _body = _plan_task(staff_world)
    response = client.post(
        url, {"status": "xong"}, content_type="application/json", headers=_bearer(_token(staff_world["officer"]))
    )
    assert response.status_code == 400
    assert response.json()["code"] == "api.task_status_invalid"
    assert response.json()["message"].startswith("Trạng thái nhiệm vụ không hợp lệ")


def test_an_empty_answer_is_refused(client: Client, staff_world: dict[str, Any]) -> None:
    url, _body = _case_at(staff_world, "answer")
    response = client.post(
        url, {"answer": "  "}, content_type="application/json", headers=_bearer(_token(staff_world["officer"]))
    )
    assert response.status_code == 400
    assert response.json()["code"] == "petitions.case.answer_required"
