"""Open311 GeoReport v2 conformance: a small client written from the specification (wiki.open311.org/GeoReport_v2),
not from our code, walks discovery → services → POST a request → GET it back, checking every field's presence and
type as the specification lists them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client

from grassroots.accounts.models import User
from grassroots.petitions.models import Case, CaseIdentity
from grassroots.petitions.tests.conftest import file_online
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

SERVICE_FIELDS = {
    "service_code": str,
    "service_name": str,
    "description": str,
    "metadata": bool,
    "type": str,
    "keywords": str,
    "group": str,
}
REQUEST_FIELDS = {
    "service_request_id": str,
    "status": str,
    "status_notes": (str, type(None)),
    "service_name": str,
    "service_code": str,
    "description": str,
    "agency_responsible": str,
    "service_notice": str,
    "requested_datetime": str,
    "updated_datetime": (str, type(None)),
    "expected_datetime": (str, type(None)),
    "address": str,
    "address_id": str,
    "zipcode": str,
    "lat": (float, type(None)),
    "long": (float, type(None)),
    "media_url": str,
}


class GeoReportClient:
    """What a civic app does: find the endpoint in discovery, then append the documented paths to its URL."""

    def __init__(self, http: Client, discovery_url: str) -> None:
        self.http = http
        document = self._json(self.http.get(discovery_url), 200)
        assert isinstance(document["changeset"], str) and isinstance(document["contact"], str)
        endpoint = next(
            item
            for item in document["endpoints"]
            if item["specification"] == "http://wiki.open311.org/GeoReport_v2" and "application/json" in item["formats"]
        )
        assert endpoint["type"] in {"production", "test"}
        self.base = urlsplit(endpoint["url"]).path.rstrip("/")

    @staticmethod
    def _json(response: Any, status: int) -> Any:
        assert response.status_code == status, response.content
        assert response["Content-Type"].startswith("application/json")
        return response.json()

    def services(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._json(self.http.get(f"{self.base}/services.json"), 200)
        return result

    def post_request(self, **fields: str) -> Any:
        response = self.http.post(f"{self.base}/requests.json", fields)
        return response.status_code, response.json()

    def get_request(self, request_id: str) -> dict[str, Any]:
        items = self._json(self.http.get(f"{self.base}/requests/{request_id}.json"), 200)
        assert isinstance(items, list) and len(items) == 1
        result: dict[str, Any] = items[0]
        return result

    def get_requests(self, **params: str) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._json(self.http.get(f"{self.base}/requests.json", params), 200)
        return result


def _check_fields(item: dict[str, Any], fields: dict[str, Any]) -> None:
    for name, kind in fields.items():
        assert name in item, name
        assert isinstance(item[name], kind), (name, item[name])


def _iso8601(value: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value)
    assert moment.tzinfo is not None
    return moment


@pytest.fixture
def client_311(commune: AdministrativeUnit) -> GeoReportClient:
    return GeoReportClient(
        Client(enforce_csrf_checks=True), f"/phan-anh-kien-nghi/open311/{commune.slug}/discovery.json"
    )


def test_service_list(client_311: GeoReportClient) -> None:
    services = client_311.services()
    assert {item["service_code"] for item in services} == {"feedback", "petition"}
    for item in services:
        _check_fields(item, SERVICE_FIELDS)
        assert item["type"] in {"realtime", "batch", "blackbox"}


def test_post_then_get_a_request(client_311: GeoReportClient, commune: AdministrativeUnit) -> None:
    status, body = client_311.post_request(
        service_code="feedback",
        description="Cống thoát nước bị tắc ở ngõ 5.",
        address_string="Ngõ 5, Thôn 1",
        lat="16.047079",
        long="108.206230",
        first_name="Bình",
        last_name="Trần",
        phone="0901234567",
        **{"attribute[public]": "true"},
    )
    assert status == 201
    assert isinstance(body, list) and isinstance(body[0]["service_request_id"], str)
    request_id = body[0]["service_request_id"]
    item = client_311.get_request(request_id)
    _check_fields(item, REQUEST_FIELDS)
    assert item["status"] in {"open", "closed"} and item["status"] == "open"
    assert item["address"] == "Ngõ 5, Thôn 1" and item["lat"] == pytest.approx(16.047079)
    _iso8601(item["requested_datetime"])
    assert _iso8601(item["expected_datetime"]).date() == dt.date(2027, 2, 24)  # acknowledgement across Tết
    listed = client_311.get_requests(service_request_id=request_id)
    assert [entry["service_request_id"] for entry in listed] == [request_id]
    assert client_311.get_requests(status="closed") == []
    # The sender is recorded but never returned.
    case = Case.objects.get(pk=int(request_id))
    assert CaseIdentity.objects.get(case=case).full_name == "Trần Bình"
    assert case.channel == "open311" and case.is_public
    assert "Trần" not in str(listed) and "0901234567" not in str(listed)


@pytest.mark.parametrize(
    ("fields", "needle"),
    [
        ({"service_code": "pothole"}, "service_code"),
        ({"service_code": "feedback", "description": "x", "lat": "16.0", "long": "108.2"}, "address_string"),
        (
            {"service_code": "feedback", "description": "x", "address_string": "a", "lat": "1e309", "long": "1"},
            "lat",
        ),
        ({"service_code": "feedback", "description": "x", "address_string": "a"}, "first_name"),
        ({"service_code": "feedback", "address_string": "a", "first_name": "A"}, "description"),
    ],
)
def test_errors_are_open311_error_lists(client_311: GeoReportClient, fields: dict[str, str], needle: str) -> None:
    status, body = client_311.post_request(**fields)
    assert status == 400
    assert isinstance(body, list) and body[0]["code"] == 400 and needle in body[0]["description"]
    assert not Case.objects.exists()


def test_get_shows_only_public_requests(
    client_311: GeoReportClient, resident: User, commune: AdministrativeUnit
) -> None:
    private = file_online(resident, commune)
    public = file_online(resident, commune, is_public=True)
    ids = [item["service_request_id"] for item in client_311.get_requests()]
    assert ids == [str(public.pk)]
    response = client_311.http.get(f"{client_311.base}/requests/{private.pk}.json")
    assert response.status_code == 404 and response.json()[0]["code"] == 404


def test_service_definition_and_unknown_service(client_311: GeoReportClient) -> None:
    """``GET services/<code>.json`` for each listed service (the specification's service definition); a service that
    is not listed, a denunciation above all, is a 404 error list."""
    for item in client_311.services():
        definition = client_311._json(
            client_311.http.get(f"{client_311.base}/services/{item['service_code']}.json"), 200
        )
        assert item["metadata"] is True
        assert definition["service_code"] == item["service_code"]
        (attribute,) = definition["attributes"]
        assert attribute["code"] == "public" and attribute["required"] is False
        assert attribute["datatype"] == "singlevaluelist"
        assert {value["key"] for value in attribute["values"]} == {"true", "false"}
    response = client_311.http.get(f"{client_311.base}/services/denunciation.json")
    assert response.status_code == 404 and response.json()[0]["code"] == 404


def test_request_id_ignores_other_parameters_and_status_may_be_a_list(
    client_311: GeoReportClient, resident: User, commune: AdministrativeUnit
) -> None:
    """The specification: with ``service_request_id`` every other parameter is ignored; ``status`` and
    ``service_code`` may be comma delimited; ``jurisdiction_id`` is accepted on POST."""
    status, body = client_311.post_request(
        jurisdiction_id=commune.slug,
        service_code="petition",
        description="Đề nghị lắp đèn đường.",
        address_string="Đầu ngõ 3",
        first_name="An",
        last_name="Lê",
        **{"attribute[public]": "true"},
    )
    assert status == 201
    request_id = body[0]["service_request_id"]
    listed = client_311.get_requests(service_request_id=request_id, status="closed", service_code="feedback")
    assert [item["service_request_id"] for item in listed] == [request_id]
    assert [item["service_request_id"] for item in client_311.get_requests(status="open,closed")] == [request_id]
    assert client_311.get_requests(service_code="feedback,petition")[0]["service_code"] == "petition"
    assert client_311.get_requests(status="closed") == []


def test_attack_a_denunciation_cannot_be_filed_or_read_through_open311(
    client_311: GeoReportClient, commune: AdministrativeUnit, commune_officer: User
) -> None:
    from grassroots.petitions.tests.conftest import enter_denunciation

    status, body = client_311.post_request(
        service_code="denunciation", description="x", address_string="a", first_name="A", last_name="B"
    )
    assert status == 400 and body[0]["code"] == 400
    case = enter_denunciation(commune_officer, commune)
    response = client_311.http.get(f"{client_311.base}/requests/{case.pk}.json")
    assert response.status_code == 404
    everything = client_311.get_requests(service_request_id=str(case.pk)) + client_311.get_requests(
        service_code="denunciation"
    )
    assert everything == []


SENDER = {
    "service_code": "feedback",
    "description": "Đèn đường ngõ 7 không sáng.",
    "address_string": "Ngõ 7, Thôn 2",
    "first_name": "Hoa",
    "last_name": "Phạm",
}


@pytest.mark.parametrize("choice", [None, "", "false", "FALSE"])
def test_a_request_is_private_unless_its_sender_chooses(client_311: GeoReportClient, choice: str | None) -> None:
    """Audit of issue 14: Open311 no longer publishes every request; without ``attribute[public]=true`` it is
    private, so GET does not show it."""
    fields = dict(SENDER) if choice is None else {**SENDER, "attribute[public]": choice}
    status, body = client_311.post_request(**fields)
    assert status == 201
    case = Case.objects.get(pk=int(body[0]["service_request_id"]))
    assert case.is_public is False
    assert client_311.get_requests() == []
    response = client_311.http.get(f"{client_311.base}/requests/{case.pk}.json")
    assert response.status_code == 404 and response.json()[0]["code"] == 404


def test_a_sender_who_chooses_public_is_published(client_311: GeoReportClient) -> None:
    status, body = client_311.post_request(**SENDER, **{"attribute[public]": "true"})
    assert status == 201
    case = Case.objects.get(pk=int(body[0]["service_request_id"]))
    assert case.is_public is True
    assert [item["service_request_id"] for item in client_311.get_requests()] == [str(case.pk)]


def test_an_unknown_public_choice_is_refused(client_311: GeoReportClient) -> None:
    status, body = client_311.post_request(**SENDER, **{"attribute[public]": "yes"})
    assert status == 400 and body[0]["code"] == 400 and "attribute[public]" in body[0]["description"]
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "path",
    ["discovery.json", "v2", "v2/services.json", "v2/services/feedback.json", "v2/requests.json", "v2/requests/1.json"],
)
def test_an_unknown_commune_is_an_open311_error_list(path: str, commune: AdministrativeUnit) -> None:
    """Audit of issue 14: a civic app that asks for a commune that does not exist gets JSON, not an HTML page."""
    response = Client().get(f"/phan-anh-kien-nghi/open311/khong-co-xa-nay/{path}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()[0]["code"] == 404
    posted = Client().post("/phan-anh-kien-nghi/open311/khong-co-xa-nay/v2/requests.json", SENDER)
    assert posted.status_code == 404 and posted.json()[0]["code"] == 404
    assert not Case.objects.exists()


def test_media_url_is_never_fetched_nor_a_photo_published(client_311: GeoReportClient) -> None:
    """The attacks: a media_url pointing into the server's own network (the platform must not fetch it), and a
    reader of a public request looking for the sender's photo."""
    status, body = client_311.post_request(
        **SENDER, media_url="http://169.254.169.254/latest/meta-data/", **{"attribute[public]": "true"}
    )
    assert status == 201
    case = Case.objects.get(pk=int(body[0]["service_request_id"]))
    assert not case.attachments.exists()
    case.attachments.create(file="cases/anh.jpg", original_name="nha-toi.jpg", content_type="image/jpeg", size=10)
    published = client_311.get_request(str(case.pk))
    assert published["media_url"] == ""
    assert "nha-toi" not in json.dumps(client_311.get_requests())
