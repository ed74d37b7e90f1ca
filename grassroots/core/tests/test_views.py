import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_healthz_is_tiny_and_touches_no_database(client) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert len(queries) == 0


@pytest.mark.django_db
def test_portal_home_renders_in_vietnamese(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
