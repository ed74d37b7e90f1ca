"""The API: a valid OpenAPI 3 document, the pages' selectors behind every list, clear errors, the anonymous
rate limit, tokens, and every staff write refused to whoever the matrix refuses (tested as an attacker)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import make_persona
from grassroots.api import services
from grassroots.api.models import ApiToken
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _token(user: User) -> str:
    _row, raw = services.api_token_create(user=user, name="Cổng tỉnh", actor=user)
    return raw


def _bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


# --- schema and docs ---------------------------------------------------------------------------


def test_the_schema_is_valid_openapi_3(client: Client) -> None:
    import schemathesis

    document = client.get("/api/schema/").json()
    schemathesis.openapi.from_dict(document).validate()  # the OpenAPI 3.x meta-schema; raises when invalid
    assert document["openapi"].startswith("3.")
    paths = set(document["paths"])
    assert {
        "/api/communes",
        "/api/communes/{slug}/disclosures",
        "/api/communes/{slug}/consultations",
        "/api/communities/{community_id}/vote-results",
        "/api/communes/{slug}/cases",
        "/api/communes/{slug}/calendar.ics",
        "/api/organisations/{organisation_id}/calendar.ics",
        "/api/staff/disclosures/{pk}/publish",
        "/api/plans",
        "/api/plans/{pk}",
        "/api/provinces/{unit_id}/scorecard",
        "/api/communes/{slug}/vote-results.atom",
        "/api/staff/consultations/{consultation_id}/open",
        "/api/staff/cases/{pk}/accept",
        "/api/staff/cases/{pk}/start",
        "/api/staff/cases/{pk}/answer",
        "/api/staff/cases/{pk}/close",
        "/api/staff/plans/{pk}/issue",
        "/api/staff/plan-tasks/{pk}/status",
    } <= paths
    vote_results = document["paths"]["/api/communities/{community_id}/vote-results"]["get"]
    assert {parameter["name"] for parameter in vote_results["parameters"]} >= {"since", "until"}
    assert "400" in vote_results["responses"]
    assert "security" not in document["paths"]["/api/plans"]["get"]  # public: no token asked
    assert "security" not in document["paths"]["/api/provinces/{unit_id}/scorecard"]["get"]
    assert document["paths"]["/api/staff/plans"]["get"]["security"]


def test_the_docs_load_no_script_from_elsewhere(client: Client) -> None:
    page = client.get("/api/docs/").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "unpkg" not in page.lower()


# --- public reads ------------------------------------------------------------------------------


def test_lists_read_the_pages_selectors(client: Client, world: dict[str, Any]) -> None:
    slug = world["commune"].slug
    communes = client.get("/api/communes").json()
    assert [row["slug"] for row in communes["items"]] == [slug]
    items = client.get(f"/api/communes/{slug}/disclosures").json()["items"]
    assert [row["id"] for row in items] == [world["disclosure"].pk]  # the draft is not public
    assert client.get(f"/api/communes/{slug}/disclosures/{world['draft'].pk}").status_code == 404
    consultations = client.get(f"/api/communes/{slug}/consultations").json()
    assert consultations["count"] == 1
    cases = client.get(f"/api/communes/{slug}/cases").json()["items"]
    assert [row["id"] for row in cases] == [world["case"].pk]
    assert "citizen" not in json.dumps(cases) and world["case"].identity.full_name not in json.dumps(cases)


def test_filters_by_date(client: Client, world: dict[str, Any]) -> None:
    slug = world["commune"].slug
    assert client.get(f"/api/communes/{slug}/disclosures?since=2026-11-22").json()["count"] == 1
    assert client.get(f"/api/communes/{slug}/disclosures?since=2026-11-23").json()["count"] == 0
    assert client.get(f"/api/communes/{slug}/disclosures?until=2026-11-21").json()["count"] == 0


def test_errors_have_a_code_and_a_message_in_the_callers_language(client: Client, world: dict[str, Any]) -> None:
    missing = client.get("/api/communes/khong-co/disclosures")
    assert missing.status_code == 404
    assert missing.json() == {"code": "not_found", "message": "Không tìm thấy dữ liệu."}
    english = client.get("/api/communes/khong-co/disclosures", headers={"Accept-Language": "en"})
    assert english.json()["message"] == "No data found."
    invalid = client.get(f"/api/communes/{world['commune'].slug}/disclosures?since=31-02-2026")
    assert invalid.status_code == 422
    assert invalid.json()["code"] == "invalid"


def test_anonymous_clients_are_rate_limited(client: Client, settings: Any, world: dict[str, Any]) -> None:
    settings.API_ANONYMOUS_RATE = "3/m"
    codes = [client.get("/api/communes").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert client.get("/api/communes").json()["code"] == "rate_limited"


def test_calendar_feed(client: Client, world: dict[str, Any]) -> None:
    response = client.get(f"/api/communes/{world['commune'].slug}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert f"UID:consultation-{world['consultation'].pk}-closes@" in body
    assert "DTSTART;VALUE=DATE:20261212" in body


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_bulk_export(client: Client, world: dict[str, Any], file_format: str) -> None:
    response = client.get(f"/api/communes/{world['commune'].slug}/export.{file_format}")
    assert response.status_code == 200
    title = world["disclosure"].title
    if file_format == "json":
        data = json.loads(response.content)
        assert [row["title"] for row in data["disclosures"]] == [title]
        assert len(data["cases"]) == 1
    elif file_format == "csv":
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert [row["title"] for row in rows] == [title]
    else:
        book = load_workbook(io.BytesIO(response.content))
        assert book.sheetnames == ["disclosures", "consultations", "votes", "cases"]
        assert book["disclosures"]["E2"].value == title


def test_export_refuses_unknown_formats(client: Client, world: dict[str, Any]) -> None:
    assert client.get(f"/api/communes/{world['commune'].slug}/export.pdf").status_code == 404
    assert client.get(f"/api/communes/{world['commune'].slug}/export.csv?dataset=users").status_code == 404


# --- tokens ------------------------------------------------------------------------------------


def test_only_staff_get_tokens_and_only_the_hash_is_stored(resident: User, commune_officer: User) -> None:
    with pytest.raises(DomainError) as refused:
        services.api_token_create(user=resident, name="x", actor=resident)
    assert refused.value.code == "api.token.staff_only"
    raw = _token(commune_officer)
    row = ApiToken.objects.get(user=commune_officer)
    assert raw not in {row.key_hash, row.prefix, row.name} and row.key_hash == services.token_hash(raw)
    assert AuditEvent.objects.filter(code="api.token.created").count() == 1


def test_a_revoked_or_forged_token_is_refused(client: Client, commune_officer: User) -> None:
    raw = _token(commune_officer)
    assert client.get("/api/staff/me", headers=_bearer(raw)).json()["username"] == commune_officer.username
    assert client.get("/api/staff/me", headers=_bearer(raw + "x")).status_code == 401
    assert client.get("/api/staff/me", headers=_bearer(ApiToken.objects.get().key_hash)).status_code == 401
    services.api_token_revoke(token=ApiToken.objects.get(), actor=commune_officer)
    assert client.get("/api/staff/me", headers=_bearer(raw)).status_code == 401
    commune_officer.is_active = False
    commune_officer.save()
    assert client.get("/api/staff/me", headers=_bearer(_fresh_token_of_inactive(commune_officer))).status_code == 401


def _fresh_token_of_inactive(user: User) -> str:
    import secrets

    from grassroots.core import clock

    raw = secrets.token_urlsafe(8)
    ApiToken.objects.create(
        user=user, name="cũ", prefix=raw[:8], key_hash=services.token_hash(raw), created_at=clock.now()
    )
    return raw


# --- staff writes: every endpoint, every attacker -------------------------------------------------


def _writes(world: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        ("publish", f"/api/staff/disclosures/{world['draft'].pk}/publish", {}),
        ("acknowledge", f"/api/staff/cases/{world['case'].pk}/acknowledge", {"outcome": "accepted"}),
        ("close", f"/api/staff/consultations/{world['consultation'].pk}/close", {}),
    ]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_anonymous_cannot_write(client: Client, world: dict[str, Any], index: int) -> None:
    _name, url, body = _writes(world)[index]
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


@pytest.mark.parametrize("index", [0, 1, 2])
def test_an_officer_of_another_commune_sees_nothing(
    client: Client, world: dict[str, Any], other_commune_officer: User, index: int
) -> None:
    _name, url, body = _writes(world)[index]
    headers = _bearer(_token(other_commune_officer))
    events = AuditEvent.objects.count()
    response = client.post(url, body, content_type="application/json", headers=headers)
    assert response.status_code == 404
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("index", [0, 1, 2])
def test_a_board_member_of_the_commune_is_forbidden(client: Client, world: dict[str, Any], index: int) -> None:
    """A commune inspection board member sees the commune's objects and is refused by the matrix: 403."""
    board = make_persona("ban-tt", Role.INSPECTION_BOARD_MEMBER, world["commune"])
    raw = _token(board)
    _name, url, body = _writes(world)[index]
    events = AuditEvent.objects.count()
    response = client.post(url, body, content_type="application/json", headers=_bearer(raw))
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("index", [0, 1, 2])
def test_the_commune_officer_writes_through_the_service(
    client: Client, world: dict[str, Any], commune_officer: User, index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from grassroots.api.tests.conftest import NOW
    from grassroots.core import clock

    raw = _token(commune_officer)
    name, url, body = _writes(world)[index]
    if name == "close":  # a consultation closes after its last day (Law art. 28)
        monkeypatch.setattr(clock, "now", lambda: NOW + dt.timedelta(days=21))
    before = AuditEvent.objects.count()
    response = client.post(url, body, content_type="application/json", headers=_bearer(raw))
    assert response.status_code == 200, response.content
    assert response.json()["status"] in {"published", "acknowledged", "closed"}
    assert AuditEvent.objects.count() > before
    again = client.post(url, body, content_type="application/json", headers=_bearer(raw))
    assert again.status_code == 400  # the service refuses a second time, with its code
    assert again.json()["code"]
    assert again.json()["message"]


def test_a_nul_byte_matches_nothing_and_is_never_sent_to_the_database(client: Client, world: dict[str, Any]) -> None:
    """Found by the fuzz run on PostgreSQL, which refuses NUL in text (a 500 before the fix)."""
    assert client.get("/api/communes", {"q": "Hòa\x00"}).status_code == 200
    assert client.get("/api/communes/xa-hoa-phu%00/disclosures").status_code == 404
    slug = world["commune"].slug
    assert client.get(f"/api/communes/{slug}/disclosures", {"category": "K\x002"}).status_code == 200
