"""The token page, the plans and scorecard endpoints, and the Atom feeds of consultations and vote results."""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.api import services
from grassroots.api.models import ApiToken
from grassroots.core.models import AuditEvent
from grassroots.units.models import AdministrativeUnit

ATOM = "{http://www.w3.org/2005/Atom}"

PLAN_TEXT = """ỦY BAN NHÂN DÂN TỈNH

Số: 49/KH-UBND

Tỉnh, ngày 10 tháng 02 năm 2026

KẾ HOẠCH

Thực hiện dân chủ ở cơ sở trên địa bàn tỉnh năm 2026

I. NỘI DUNG THỰC HIỆN

1. Tuyên truyền Luật Thực hiện dân chủ ở cơ sở

- Cơ quan chủ trì: Sở Nội vụ.
- Thời gian thực hiện: trước ngày 31/3/2026.
"""


def _bearer(user: User) -> dict[str, str]:
    _row, raw = services.api_token_create(user=user, name="Cổng tỉnh", actor=user)
    return {"Authorization": f"Bearer {raw}"}


# --- the token page --------------------------------------------------------------------------------


def test_a_staff_member_makes_sees_and_revokes_a_token(client: Client, commune_officer: User) -> None:
    client.force_login(commune_officer)
    made = client.post(reverse("api:tokens"), {"name": "Cổng tỉnh"})
    assert made.status_code == 200
    assert "no-store" in made["Cache-Control"]
    token = ApiToken.objects.get(user=commune_officer)
    raw = made.context["raw"]
    assert raw.startswith(token.prefix) and services.token_hash(raw) == token.key_hash
    assert raw in made.content.decode()
    page = client.get(reverse("api:tokens")).content.decode()
    assert raw not in page  # shown once, then only its prefix
    assert f"{token.prefix}…" in page
    assert client.get("/api/staff/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    revoked = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert revoked.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(code="api.token.revoked", object_id=str(token.pk)).count() == 1
    assert client.get("/api/staff/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_an_empty_name_is_refused_with_a_message_and_no_token(client: Client, commune_officer: User) -> None:
    client.force_login(commune_officer)
    response = client.post(reverse("api:tokens"), {"name": "  "})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_resident_gets_no_token_from_the_page(client: Client, resident: User) -> None:
    client.force_login(resident)
    assert client.get(reverse("api:tokens")).status_code == 200
    response = client.post(reverse("api:tokens"), {"name": "Điện thoại"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_nobody_revokes_another_persons_token(
    client: Client, commune_officer: User, other_commune_officer: User
) -> None:
    token, _raw = services.api_token_create(user=commune_officer, name="Cổng", actor=commune_officer)
    client.force_login(other_commune_officer)
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    client.logout()
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 302  # to the login page
    token.refresh_from_db()
    assert token.revoked_at is None


# --- plans and scorecard ---------------------------------------------------------------------------


@pytest.fixture
def plan(province: AdministrativeUnit, provincial_officer: User) -> Any:
    from grassroots.plans import services as plan_services
    from grassroots.plans.parsing import parse_text

    made = plan_services.plan_import(unit=province, parsed=parse_text(PLAN_TEXT), actor=provincial_officer)
    return plan_services.plan_issue(plan=made, actor=provincial_officer, issue_document=False)


def test_plans_are_read_by_those_who_read_them_on_the_pages(
    client: Client, plan: Any, provincial_officer: User, commune_officer: User
) -> None:
    listed = client.get("/api/staff/plans", headers=_bearer(provincial_officer))
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["items"]] == [plan.pk]
    assert client.get("/api/staff/plans?year=2025", headers=_bearer(provincial_officer)).json()["count"] == 0
    detail = client.get(f"/api/staff/plans/{plan.pk}", headers=_bearer(provincial_officer)).json()
    assert detail["year"] == 2026 and detail["status"] == "issued"
    assert [item["ref"] for item in detail["items"] if item["depth"] > 0] == ["1"]
    # A commune officer may manage plans but sees only their own units: the province's plan is not theirs.
    assert client.get("/api/staff/plans", headers=_bearer(commune_officer)).json()["count"] == 0
    assert client.get(f"/api/staff/plans/{plan.pk}", headers=_bearer(commune_officer)).status_code == 404


def test_plans_refuse_the_anonymous_and_those_without_the_action(
    client: Client, plan: Any, village_head: User, province: AdministrativeUnit
) -> None:
    from grassroots.accounts.models import Role
    from grassroots.accounts.testing import make_persona

    assert client.get("/api/staff/plans").status_code == 401
    assert client.get(f"/api/staff/plans/{plan.pk}").status_code == 401
    agency_head = make_persona("giam-doc", Role.AGENCY_HEAD, province)  # sees the province, no plan action
    assert client.get("/api/staff/plans", headers=_bearer(agency_head)).status_code == 403
    assert client.get(f"/api/staff/plans/{plan.pk}", headers=_bearer(agency_head)).status_code == 403


def test_the_scorecard_follows_the_page(
    client: Client,
    province: AdministrativeUnit,
    commune: AdministrativeUnit,
    provincial_officer: User,
    commune_officer: User,
    other_commune_officer: User,
) -> None:
    response = client.get(
        f"/api/staff/provinces/{province.pk}/scorecard?period=annual&year=2026", headers=_bearer(provincial_officer)
    )
    assert response.status_code == 200
    body = response.json()
    assert body["period"] == "annual" and body["year"] == 2026
    assert commune.pk in [row["commune_id"] for row in body["rows"]]
    assert all(row["report_status"] is None for row in body["rows"])
    # A commune officer does not see the province (404), as on the page; a commune is not a province (404).
    assert (
        client.get(f"/api/staff/provinces/{province.pk}/scorecard", headers=_bearer(commune_officer)).status_code == 404
    )
    assert (
        client.get(f"/api/staff/provinces/{commune.pk}/scorecard", headers=_bearer(commune_officer)).status_code == 404
    )
    assert client.get(f"/api/staff/provinces/{province.pk}/scorecard").status_code == 401


def test_issued_plans_are_public_without_a_token(
    client: Client, plan: Any, province: AdministrativeUnit, provincial_officer: User
) -> None:
    from grassroots.plans import services as plan_services
    from grassroots.plans.parsing import parse_text

    draft = plan_services.plan_import(
        unit=province, parsed=parse_text(PLAN_TEXT.replace("49/KH", "50/KH")), actor=provincial_officer
    )
    type(plan).objects.filter(pk=plan.pk).update(signer_name="Nguyễn Văn Ký")
    listed = client.get("/api/plans")
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["items"]] == [plan.pk]  # the draft is not public
    assert client.get(f"/api/plans?unit_id={province.pk}&year=2026").json()["count"] == 1
    assert client.get("/api/plans?year=2025").json()["count"] == 0
    detail = client.get(f"/api/plans/{plan.pk}")
    assert detail.status_code == 200
    body = detail.json()
    assert body["year"] == 2026 and body["unit_id"] == province.pk and body["number"] == "49/KH-UBND"
    assert [item["ref"] for item in body["items"] if item["depth"] > 0] == ["1"]
    assert "Nguyễn Văn Ký" not in detail.content.decode()  # the signer is a person: never in the public answer
    assert not {"signer_name", "created_by", "notes", "status"} & set(body)
    assert client.get(f"/api/plans/{draft.pk}").status_code == 404
    assert client.get(f"/api/plans/{draft.pk}").json()["code"] == "not_found"
    assert client.get("/api/plans/999999").status_code == 404


def test_a_cancelled_plan_is_not_public(client: Client, plan: Any) -> None:
    type(plan).objects.filter(pk=plan.pk).update(status="cancelled")
    assert client.get("/api/plans").json()["count"] == 0
    assert client.get(f"/api/plans/{plan.pk}").status_code == 404


def test_the_scorecard_is_public_for_provinces_only(
    client: Client, province: AdministrativeUnit, commune: AdministrativeUnit
) -> None:
    response = client.get(f"/api/provinces/{province.pk}/scorecard?period=annual&year=2026")
    assert response.status_code == 200
    body = response.json()
    assert body["province_id"] == province.pk and body["period"] == "annual" and body["year"] == 2026
    assert commune.pk in [row["commune_id"] for row in body["rows"]]
    assert client.get(f"/api/provinces/{commune.pk}/scorecard").status_code == 404
    assert client.get("/api/provinces/999999/scorecard").status_code == 404


def test_public_plans_keep_the_anonymous_rate_limit(
    client: Client, settings: Any, plan: Any, province: AdministrativeUnit
) -> None:
    settings.API_ANONYMOUS_RATE = "2/m"
    assert [client.get("/api/plans").status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(f"/api/provinces/{province.pk}/scorecard").json()["code"] == "rate_limited"


# --- feeds -----------------------------------------------------------------------------------------


def _entries(body: bytes) -> list[ElementTree.Element]:
    root = ElementTree.fromstring(body)  # noqa: S314 - our own server's answer, in a test
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


def test_the_consultation_feed_lists_published_consultations(
    client: Client, commune: AdministrativeUnit, commune_officer: User
) -> None:
    from grassroots.consultations import services as consultations

    now = dt.datetime(2026, 11, 22, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    draft = consultations.consultation_create(
        commune=commune,
        matter="C5",
        title="Dự thảo quy định vệ sinh môi trường",
        opens_on=dt.date(2026, 11, 22),
        closes_on=dt.date(2026, 12, 12),
        actor=commune_officer,
        now=now,
    )
    url = reverse("api:consultations_feed", kwargs={"slug": commune.slug})
    assert _entries(client.get(url).content) == []  # a draft is not public
    consultations.section_add(consultation=draft, heading="Điều 1", text="Phạm vi.", actor=commune_officer, now=now)
    consultations.plan_record_sent(
        consultation=draft,
        sent_to_council_on=dt.date(2026, 11, 22),
        sent_to_front_on=dt.date(2026, 11, 22),
        actor=commune_officer,
        now=now,
    )
    consultations.consultation_open(consultation=draft, actor=commune_officer, now=now)
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = _entries(response.content)
    assert len(entries) == 1
    assert entries[0].findtext(f"{ATOM}title", "").startswith("Dự thảo quy định vệ sinh môi trường")
    link = entries[0].find(f"{ATOM}link")
    assert link is not None and link.get("href", "").endswith(f"/tham-gia-y-kien/{draft.pk}/")
    page = client.get(reverse("consultations:public_list", kwargs={"commune_slug": commune.slug})).content.decode()
    assert url in page
    assert client.get("/api/communes/khong-co/consultations.atom").status_code == 404


def test_the_vote_result_feed_follows_the_result_page(client: Client, community: AdministrativeUnit) -> None:
    url = reverse("api:vote_results_feed", kwargs={"community_id": community.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert _entries(response.content) == []
    page = client.get(reverse("voting:public_results", kwargs={"community_id": community.pk})).content.decode()
    assert url in page
    commune_id = community.parent_id
    assert client.get(f"/api/communities/{commune_id}/vote-results.atom").status_code == 404


def test_the_calendar_carries_announced_dialogue_conferences_only(
    client: Client, monkeypatch: pytest.MonkeyPatch, commune: AdministrativeUnit, commune_chair: User
) -> None:
    from grassroots.core import clock
    from grassroots.reception import services as reception

    now = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    monkeypatch.setattr(clock, "now", lambda: now)
    planned = reception.conference_plan(
        unit=commune,
        title="Đối thoại về đất đai",
        topics="Cấp giấy chứng nhận",
        planned_on=dt.date(2026, 11, 27),
        place="Hội trường xã",
        method="in_person",
        actor=commune_chair,
        now=now,
    )
    url = f"/api/communes/{commune.slug}/calendar.ics"
    assert f"UID:dialogue-{planned.pk}@" not in client.get(url).content.decode()  # planned, not yet announced
    reception.conference_announce(conference=planned, actor=commune_chair, now=now)
    body = client.get(url).content.decode()
    assert f"UID:dialogue-{planned.pk}@" in body
    assert "DTSTART;VALUE=DATE:20261127" in body
