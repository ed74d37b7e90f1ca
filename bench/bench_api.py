"""Benchmark: API list throughput against the ``/healthz`` floor, and a reminder run over 200,000 open items.

Everything runs in a throwaway database (created without migrations, the tables straight from the models,
dropped at the end), in process through Django's WSGI handler (no socket), single-threaded:

- ``healthz``: ``GET /healthz`` (the floor, measured in the same run);
- ``api_disclosures``: ``GET /api/communes/<slug>/disclosures?page=N`` (50 rows a page, pages cycling over
  ``DISCLOSURES`` published items) through the portal's own selector; ``ratio_to_healthz`` = time per API
  request ÷ time per healthz request;
- ``api_communes``: ``GET /api/communes``;
- ``reminders``: ``notifications.jobs.deadline_reminders`` over ``USERS`` staff members with
  ``ITEMS_PER_USER`` dashboard tasks each (200,000 open items, due dates spread over 60 working days), run
  twice: the first run writes the reminders due, the second must write none (idempotent).

    python bench/bench_api.py            # or: python bench/run.py --only api
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

HEALTHZ_REQUESTS = 2000
API_REQUESTS = 300
DISCLOSURES = 2000
USERS = 20
ITEMS_PER_USER = 10_000


def _application() -> Any:
    from django.core.wsgi import get_wsgi_application

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        return get_wsgi_application()


def _timed_gets(application: Any, paths: list[str]) -> dict[str, Any]:
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[..., None]:
        statuses.append(status)
        return lambda data: None

    def environ(path: str) -> dict[str, Any]:
        route, _sep, query = path.partition("?")
        return {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": route,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }

    for path in paths[:50]:  # warm-up
        b"".join(application(environ(path), start_response))
    statuses.clear()
    began = time.perf_counter()
    size = 0
    for path in paths:
        size = len(b"".join(application(environ(path), start_response)))
    seconds = time.perf_counter() - began
    bad = [status for status in statuses if not status.startswith("200")]
    if bad:
        raise RuntimeError(f"{paths[0]} answered {bad[0]}")
    return {
        "operations": len(paths),
        "seconds": round(seconds, 4),
        "requests_per_second": round(len(paths) / seconds, 1),
        "mean_us": round(seconds / len(paths) * 1e6, 1),
        "body_bytes": size,
    }


def _world() -> tuple[Any, list[int]]:
    from grassroots.accounts.models import Role
    from grassroots.accounts.testing import give_role, make_user
    from grassroots.disclosures.models import Disclosure, DisclosureCategory, Status
    from grassroots.units.models import AdministrativeUnit, UnitKind, UnitLevel

    def kind(code: str, level: str) -> UnitKind:
        return UnitKind.objects.get_or_create(code=code, defaults={"name": code, "level": level})[0]

    province = AdministrativeUnit.objects.create(
        level=UnitLevel.PROVINCE, code="BAPI-P", name="Tỉnh Đo API", kind=kind("tinh", "province")
    )
    commune = AdministrativeUnit.objects.create(
        level=UnitLevel.COMMUNE,
        code="BAPI-X",
        name="Xã Đo API",
        slug="xa-do-api",
        parent=province,
        kind=kind("xa", "commune"),
    )
    AdministrativeUnit.objects.create(
        level=UnitLevel.COMMUNITY, code="01", name="Thôn 1", parent=commune, kind=kind("thon", "community")
    )
    category = DisclosureCategory.objects.create(
        code="K2",
        regime="commune",
        number=2,
        name="Dự toán ngân sách",
        legal_basis="Luật 10/2022 điều 11",
        deadline_mode="working",
        deadline_days=5,
        deadline_basis="điều 12",
        min_posting_days=30,
    )
    first = dt.date(2020, 1, 1)
    Disclosure.objects.bulk_create(
        [
            Disclosure(
                unit=commune,
                category=category,
                status=Status.PUBLISHED,
                title=f"Thông tin công khai số {index}",
                body="Nội dung " * 40,
                decided_on=first + dt.timedelta(days=index),
                first_published_on=first + dt.timedelta(days=index),
                published_on=first + dt.timedelta(days=index),
            )
            for index in range(DISCLOSURES)
        ],
        batch_size=500,
    )
    users = []
    for index in range(USERS):
        user = make_user(f"can-bo-{index}")
        give_role(user, Role.COMMUNE_OFFICER, commune)
        users.append(user.pk)
    return commune, users


def _reminders(user_ids: list[int]) -> dict[str, Any]:
    from grassroots.calendar.selectors import add_working_days, working_calendar
    from grassroots.dashboard.registry import TaskItem, register_task_provider, unregister_task_provider
    from grassroots.notifications.jobs import deadline_reminders
    from grassroots.notifications.models import Notification

    today = dt.date(2026, 12, 1)
    calendar = working_calendar()
    due_days = [add_working_days(today, offset % 60, calendar=calendar) for offset in range(60)]
    items = {
        user_id: [
            TaskItem(title=f"Việc {index}", url=f"/can-bo/viec/{user_id}/{index}/", due_date=due_days[index % 60])
            for index in range(ITEMS_PER_USER)
        ]
        for user_id in user_ids
    }
    register_task_provider("bench.many", lambda user, day: items.get(user.pk, []))
    now = dt.datetime.combine(today, dt.time(5, 0), tzinfo=dt.timezone(dt.timedelta(hours=7)))
    try:
        began = time.perf_counter()
        first = deadline_reminders(now, user_ids=user_ids)
        first_seconds = time.perf_counter() - began
        began = time.perf_counter()
        second = deadline_reminders(now, user_ids=user_ids)
        second_seconds = time.perf_counter() - began
    finally:
        unregister_task_provider("bench.many")
    total = USERS * ITEMS_PER_USER
    return {
        "open_items": total,
        "users": USERS,
        "first_run_seconds": round(first_seconds, 2),
        "first_run_reminders_written": first,
        "first_run_items_per_second": round(total / first_seconds),
        "second_run_seconds": round(second_seconds, 2),
        "second_run_reminders_written": second,
        "notifications_stored": Notification.objects.count(),
    }


def run() -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    settings.API_ANONYMOUS_RATE = "1000000/m"
    database = settings.DATABASES["default"]
    database.setdefault("TEST", {})["MIGRATE"] = False
    if connection.vendor != "sqlite":
        database["TEST"]["NAME"] = f"{database['NAME']}_bench"
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        commune, user_ids = _world()
        application = _application()
        healthz = _timed_gets(application, ["/healthz"] * HEALTHZ_REQUESTS)
        pages = DISCLOSURES // 50
        disclosures = _timed_gets(
            application,
            [f"/api/communes/{commune.slug}/disclosures?page={index % pages + 1}" for index in range(API_REQUESTS)],
        )
        communes = _timed_gets(application, ["/api/communes"] * API_REQUESTS)
        for figures in (disclosures, communes):
            figures["ratio_to_healthz"] = round(figures["mean_us"] / healthz["mean_us"], 1)
        reminders = _reminders(user_ids)
    finally:
        connection.close()
        teardown_databases(old_config, verbosity=0)
    return {
        "name": "api",
        "database": connection.vendor,
        "healthz": healthz,
        "api_disclosures": disclosures,
        "api_communes": communes,
        "reminders": reminders,
    }


if __name__ == "__main__":
    import json

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    print(json.dumps(run(), indent=2, ensure_ascii=False))
