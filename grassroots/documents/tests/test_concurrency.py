"""Twenty clerks issuing at once get numbers 1..20: the counter row lock on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connection

from grassroots.accounts.models import User
from grassroots.documents.models import Document
from grassroots.documents.services import document_issue
from grassroots.units.models import AdministrativeUnit

from .conftest import plan_kwargs

IS_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
CONCURRENT_ISSUES = 20

# SQLite serialises writers (one write transaction at a time), so it cannot show a race; the
# uniqueness constraint that backs the lock is tested on every database in test_services.py.
pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not IS_POSTGRES, reason="row locking across connections needs PostgreSQL"),
]


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_gapless_unique_numbers(commune: AdministrativeUnit, chair: User) -> None:
    barrier = threading.Barrier(CONCURRENT_ISSUES)
    numbers: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def issue() -> None:
        try:
            barrier.wait()
            document = document_issue(**plan_kwargs(commune, chair))
            with lock:
                numbers.append(document.number)
        except BaseException as error:  # reported below, never swallowed
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(CONCURRENT_ISSUES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, CONCURRENT_ISSUES + 1))
    assert Document.objects.count() == CONCURRENT_ISSUES
