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


def _decide(community: AdministrativeUnit, head: User, opened: dt.datetime, *, agree: bool = True) -> Any:
    """A real meeting vote on a D3 matter in ``community``: every household present and voting, closed 2 h later."""
    from grassroots.units.models import Household
    from grassroots.voting import services as voting
    from grassroots.voting.testing import open_meeting

    vote = open_meeting(community, head, matter="D3", now=opened)
    members = list(Household.objects.filter(community=community))
    later = opened + dt.timedelta(hours=1)
    for household in members:
        voting.meeting_attendance_set(vote=vote, household=household, present=True, actor=head, now=later)
    for household in members:
        voting.vote_cast(
            vote=vote,
            household=household,
            option_key="agree" if agree else "disagree",
            channel="meeting_hands",
            actor=head,
            now=later,
        )
    voting.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=len(members), actor=head, now=later)
    return voting.vote_close(vote=vote, actor=head, now=opened + dt.timedelta(hours=2))


VN = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def decided(community: AdministrativeUnit, second_community: AdministrativeUnit, village_head: User) -> dict[str, Any]:
    """Three closed votes: Thôn 1 on 20/11 (passed), Thôn 2 on 21/11 (not passed), Thôn 1 on 23/11 late evening
    (22:30 Vietnam time, still 23/11 here but 15:30 UTC), plus an open one in Thôn 1 (never public)."""
    from grassroots.accounts.testing import make_persona
    from grassroots.voting.testing import open_meeting

    second_head = make_persona("truong-thon-2", "village_head", second_community)
    first = _decide(community, village_head, dt.datetime(2026, 11, 20, 8, tzinfo=VN))
    second = _decide(second_community, second_head, dt.datetime(2026, 11, 21, 8, tzinfo=VN), agree=False)
    third = _decide(community, village_head, dt.datetime(2026, 11, 23, 20, 30, tzinfo=VN))
    running = open_meeting(community, village_head, matter="D3", now=dt.datetime(2026, 11, 24, 8, tzinfo=VN))
    return {"first": first, "second": second, "third": third, "running": running}


def test_the_commune_vote_result_feed_lists_every_village_newest_first(
    client: Client, commune: AdministrativeUnit, decided: dict[str, Any]
) -> None:
    url = reverse("api:commune_vote_results_feed", kwargs={"slug": commune.slug})
    assert url == f"/api/communes/{commune.slug}/vote-results.atom"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = _entries(response.content)
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert ids == [f"vote-result-{decided[key].pk}" for key in ("third", "second", "first")]  # the open one: absent
    titles = [entry.findtext(f"{ATOM}title", "") for entry in entries]
    assert titles[0].startswith("Thôn 1 — ") and titles[0].endswith("Thông qua")
    assert titles[1].startswith("Thôn 2 — ") and titles[1].endswith("Không thông qua")
    links = [entry.find(f"{ATOM}link") for entry in entries]
    hrefs = [link.get("href", "") if link is not None else "" for link in links]
    for href, key in zip(hrefs, ("third", "second", "first"), strict=True):
        vote = decided[key]
        page = reverse("voting:public_results", kwargs={"community_id": vote.unit_id})
        assert href.endswith(f"{page}#vote-{vote.pk}")
    assert client.get("/api/communes/khong-co/vote-results.atom").status_code == 404


def test_the_commune_feed_leaves_out_other_communes(
    client: Client, commune: AdministrativeUnit, other_commune: AdministrativeUnit, decided: dict[str, Any]
) -> None:
    response = client.get(reverse("api:commune_vote_results_feed", kwargs={"slug": other_commune.slug}))
    assert response.status_code == 200
    assert _entries(response.content) == []


def test_the_community_feed_carries_its_own_closed_votes(
    client: Client, community: AdministrativeUnit, decided: dict[str, Any]
) -> None:
    entries = _entries(client.get(reverse("api:vote_results_feed", kwargs={"community_id": community.pk})).content)
    assert [entry.findtext(f"{ATOM}id") for entry in entries] == [
        f"vote-result-{decided['third'].pk}",
        f"vote-result-{decided['first'].pk}",
    ]


def test_vote_results_filter_on_the_closing_day_in_vietnam_time(
    client: Client, community: AdministrativeUnit, decided: dict[str, Any]
) -> None:
    url = f"/api/communities/{community.pk}/vote-results"

    def ids(query: str) -> list[int]:
        response = client.get(url + query)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["items"]]

    first, third = decided["first"].pk, decided["third"].pk
    assert ids("") == [third, first]
    assert ids("?since=2026-11-21") == [third]
    assert ids("?until=2026-11-22") == [first]
    assert ids("?since=2026-11-20&until=2026-11-20") == [first]  # both ends included
    assert ids("?since=2026-11-23&until=2026-11-23") == [third]  # closed 22:30 Vietnam time: 23/11, not 24/11
    assert ids("?since=2026-11-24") == []


@pytest.mark.parametrize("query", ["since=20-11-2026", "until=2026-02-30", "since=2026-11", "until=hom-nay"])
def test_a_bad_date_is_a_400_with_a_vietnamese_message(
    client: Client, community: AdministrativeUnit, query: str
) -> None:
    response = client.get(f"/api/communities/{community.pk}/vote-results?{query}")
    assert response.status_code == 400
    assert response.json()["code"] == "api.date_invalid"
    assert response.json()["message"].startswith("Ngày không hợp lệ ở tham số")
    english = client.get(f"/api/communities/{community.pk}/vote-results?{query}&lang=en")
    assert english.json()["message"].startswith("Invalid date")


def test_since_after_until_is_refused(client: Client, community: AdministrativeUnit) -> None:
    response = client.get(f"/api/communities/{community.pk}/vote-results?since=2026-11-23&until=2026-11-20")
    assert response.status_code == 400
    assert response.json()["code"] == "api.date_range_invalid"


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
