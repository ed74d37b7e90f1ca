"""Project-wide test set-up: plain static storage (no collectstatic in tests), fixed language."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from pytest_django import DjangoDbBlocker

pytest_plugins = ["grassroots.accounts.testing"]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's event loop + Django ORM in live_server tests


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background tasks run inline in tests: enqueueing is running.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _vietnamese_by_default() -> Iterator[None]:
    """Every test starts in the default language: a view test that switched to English must not
    leak English messages into the next test (translations are per thread)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_caches() -> Iterator[None]:
    """Every test starts with empty caches. The page cache is keyed by the audit chain's last sequence,
    which a rolled-back test hands out again: another test's page must never be read under it."""
    from django.core.cache import caches

    from grassroots.core.pagecache import local_clear

    for cache in caches.all():
        cache.clear()
    local_clear()
    yield


@pytest.fixture(autouse=True)
def _fresh_audit_chain_keys() -> None:
    """Unit ids come back after a rollback on SQLite: a remembered unit → chain key must not outlive its test."""
    from grassroots.core.services import audit_chain_cache_clear

    audit_chain_cache_clear()


@pytest.fixture(scope="session", autouse=True)
def _no_stray_postgres_connections(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """Before the test database is dropped, end connections that threads of concurrency and
    live-server tests may still be closing (PostgreSQL refuses to drop a database in use).
    Each one found is reported, so a real leak stays visible."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, state, left(query, 120) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        stray = cursor.fetchall()
        for pid, state, query in stray:
            print(f"\nstray PostgreSQL connection {pid} ({state}): {query}")
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep data-migration rows (unit kinds, holiday overrides, disclosure categories) available.

    A transactional test (live server, concurrency) empties every table when it ends. Marking it
    ``serialized_rollback`` makes Django reload the rows the migrations wrote before it runs, so
    the order of transactional tests does not matter.

    pytest-playwright parametrises any test that takes a fixture of its own (``page``,
    ``browser``…) by browser and regroups those tests, which would move transactional tests
    among ordinary ones: only browser-marked tests may use its fixtures.
    """
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "browser_name" in fixtures and item.get_closest_marker("browser") is None:
            raise pytest.UsageError(
                f"{item.nodeid} uses a pytest-playwright fixture (a parameter named 'page'?) "
                "without @pytest.mark.browser: rename the parameter or mark the test."
            )
        marker = item.get_closest_marker("django_db")
        transactional = (
            (marker is not None and marker.kwargs.get("transaction"))
            or "transactional_db" in fixtures
            or "live_server" in fixtures
        )
        if transactional:
            kwargs = {**(marker.kwargs if marker else {}), "transaction": True, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)
