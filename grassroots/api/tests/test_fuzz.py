"""A schema-driven fuzz run (schemathesis): every operation of the OpenAPI document, with generated paths,
queries and bodies, with a staff token; no answer may be a server error.

The operations are walked by hand with Hypothesis (schemathesis' pytest plugin does not load under pytest 9).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from grassroots.accounts.models import User
from grassroots.api import services

EXAMPLES_PER_OPERATION = 25


@pytest.mark.django_db
def test_no_operation_answers_with_a_server_error(world: dict[str, Any], settings: Any, commune_officer: User) -> None:
    settings.API_ANONYMOUS_RATE = "100000/m"  # the fuzz run must reach the views, not the limit
    _row, raw = services.api_token_create(user=commune_officer, name="fuzz", actor=commune_officer)
    # A WSGI handler closes the database connection after each request; inside the test's transaction on
    # PostgreSQL that would end the test's own connection (Django's test client does the same disconnect).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        _fuzz(raw)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _fuzz(raw: str) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())
    schema.validate()
    failures: list[str] = []
    operations = 0
    calls = 0
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]  # an invalid operation raises here, failing the test
        operations += 1

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            nonlocal calls
            calls += 1
            response = case.call(headers={"Authorization": f"Bearer {raw}"})
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query}: {response.status_code}")

        run()
    print(f"\nfuzz: {calls} cases over {operations} operations")
    assert operations >= 10
    assert calls >= operations * 5  # the run really generated cases
    assert not failures, "\n".join(failures[:50])
