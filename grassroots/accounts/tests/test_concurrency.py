"""Simultaneous wrong guesses on PostgreSQL: the row lock makes every failure count."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from grassroots.accounts import services
from grassroots.accounts.models import LoginThrottle, ThrottleScope
from grassroots.accounts.testing import make_user
from grassroots.core.models import AuditEvent

IS_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not IS_POSTGRES, reason="row locking across connections needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

NOW = dt.datetime(2026, 11, 22, 2, 0, tzinfo=dt.UTC)
THREADS = 8


@override_settings(LOGIN_MAX_FAILURES=5, LOGIN_LOCKOUT_MINUTES=15)
def test_parallel_failures_are_all_counted_and_lock_once() -> None:
    user = make_user("song-song")
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def guess() -> None:
        try:
            start.wait()
            services.login_failure_record(login="song-song", address="203.0.113.7", now=NOW)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=guess) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    account = LoginThrottle.objects.get(scope=ThrottleScope.ACCOUNT, key=str(user.pk))
    address = LoginThrottle.objects.get(scope=ThrottleScope.ADDRESS, key="203.0.113.7")
    # 5 failures lock the account; the 3 that arrive while locked are not counted
    assert account.failure_count == 5
    assert account.locked_until == NOW + dt.timedelta(minutes=15)
    assert address.failure_count == THREADS
    assert AuditEvent.objects.filter(code="accounts.user.locked").count() == 1
