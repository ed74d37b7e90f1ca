import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_healthz_is_tiny_and_touches_no_database(client: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert len(queries) == 0


@pytest.mark.django_db
def test_portal_home_renders_in_vietnamese(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"


@pytest.mark.django_db
def test_browser_language_does_not_override_vietnamese(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"


@pytest.mark.django_db
def test_language_switch_cookie_selects_english(client: Client) -> None:
    response = client.get("/ngon-ngu/en/", {"next": "/cong-khai/"})
    assert response.status_code == 302
    assert response["Location"] == "/cong-khai/"
    assert client.get("/")["Content-Language"] == "en"
    client.cookies["django_language"] = "xx"
    assert client.get("/")["Content-Language"] == "vi"


@pytest.mark.django_db
def test_language_switch_never_sends_anyone_to_another_site(client: Client) -> None:
    response = client.get("/ngon-ngu/en/", {"next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/ngon-ngu/xx/").status_code == 404
    assert client.post("/ngon-ngu/en/").status_code == 405
