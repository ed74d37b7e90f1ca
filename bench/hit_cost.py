"""What a cache hit of each public page costs against ``/healthz``, counted rather than timed.

    python bench/hit_cost.py                 # on DATABASE_URL (default var/db.sqlite3, after seed_demo)
    python bench/hit_cost.py --requests 300  # more requests per path for the in-process timing

Each path (the same as ``bench/http_bench.py``) is requested once to fill the page cache, then measured
through Django's WSGI handler in process (no socket) as an anonymous visitor:

- ``sql``: SQL statements of one cache hit (a ``connection.execute_wrapper``);
- ``calls``: Python function calls of one cache hit (``cProfile``; the same for every run on the same code,
  whatever the machine's load), and ``calls_ratio`` against ``/healthz``;
- ``mean_us`` and ``time_ratio``: mean wall time over ``--requests`` hits (noisy on a shared machine).

The last path is the cast-vote POST of one household (``sql`` and ``calls`` of one cast). Prints one JSON line per
path. Reads the data only, except the cast, which writes one household's vote to a vote it creates.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import json
import os
import pstats
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _environ(path: str, method: str = "GET", cookie: str = "", body: bytes = b"") -> dict[str, Any]:
    route, _sep, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    if body or method == "POST":
        environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        environ["CONTENT_LENGTH"] = str(len(body))
    return environ


def _call(application: Any, environ: dict[str, Any]) -> str:
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[..., None]:
        statuses.append(status)
        return lambda data: None

    result = application(environ, start_response)
    b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return statuses[0]


class Statements:
    """The SQL statements run while it is entered (a ``connection.execute_wrapper``: Django's own
    ``CaptureQueriesContext`` loses them, as the WSGI handler resets the query log at each request)."""

    def __init__(self) -> None:
        self.captured: list[str] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.captured.append(sql[:160])
        return execute(sql, params, many, context)

    def __enter__(self) -> Statements:
        from django.db import connection

        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._wrapper.__exit__(*exc)


def measure(application: Any, make_environ: Callable[[], dict[str, Any]], requests: int) -> dict[str, Any]:
    status = _call(application, make_environ())  # fills the page cache
    with Statements() as queries:
        _call(application, make_environ())
    profile = cProfile.Profile()
    profile.enable()
    _call(application, make_environ())
    profile.disable()
    calls = pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
    began = time.perf_counter()
    for _ in range(requests):
        _call(application, make_environ())
    mean_us = (time.perf_counter() - began) / requests * 1e6
    return {
        "status": status,
        "sql": len(queries.captured),
        "statements": queries.captured,
        "calls": calls,
        "mean_us": round(mean_us, 1),
    }


def cast_cost(application: Any, base: dict[str, Any]) -> dict[str, Any]:
    """SQL statements and Python calls of one online cast (the vote's "check your answers" POST)."""
    import secrets

    from django.conf import settings
    from django.test import override_settings

    from bench import bench_decisions
    from grassroots.accounts.models import User
    from grassroots.core import clock

    bench_decisions.HTTP_HOUSEHOLDS = 3
    # Household codes start with the label's first letter: one no earlier run used.
    letter = next(c for c in "KLMNOPQRSTUVWXYZ" if not User.objects.filter(username__startswith=f"bq-{c}").exists())
    with override_settings(SECRET_KEY=settings.SECRET_KEY):
        vote, keys = bench_decisions._prepare_online_vote(clock.now(), label=f"{letter}{secrets.token_hex(2)}")
    path = f"/ban-va-quyet-dinh/bieu-quyet/{vote.pk}/kiem-tra/"
    csrf = "b" * 32

    def environ(key: str) -> dict[str, Any]:
        made = _environ(path, "POST", f"sessionid={key}; csrftoken={csrf}", b"option=agree")
        made["HTTP_X_CSRFTOKEN"] = csrf
        return made

    status = _call(application, environ(keys[0]))
    with Statements() as queries:
        _call(application, environ(keys[1]))
    profile = cProfile.Profile()
    profile.enable()
    _call(application, environ(keys[2]))
    profile.disable()
    calls = pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
    return {
        "name": "cast_vote",
        "path": path,
        "status": status,
        "sql": len(queries.captured),
        "statements": queries.captured,
        "calls": calls,
        "calls_ratio": round(calls / base["calls"], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--no-cast", action="store_true", help="leave out the cast-vote POST (it writes)")
    parser.add_argument("--top", type=int, default=0, help="print the N costliest functions of each hit")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings

    # As in the tests: static files served from the source folders, no collectstatic manifest needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.wsgi import get_wsgi_application

    from bench.http_bench import public_paths

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        application = get_wsgi_application()
    paths = {"healthz": "/healthz", **public_paths()}
    rows = []
    for name, path in paths.items():
        make = functools.partial(_environ, path)
        rows.append({"name": name, "path": path, **measure(application, make, args.requests)})
    base = rows[0]
    for row in rows:
        row["calls_ratio"] = round(row["calls"] / base["calls"], 2)
        row["time_ratio"] = round(row["mean_us"] / base["mean_us"], 2)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    if not args.no_cast:
        rows.append(cast_cost(application, base))
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    if args.top:
        for name, path in paths.items():
            profile = cProfile.Profile()
            profile.enable()
            _call(application, _environ(path))
            profile.disable()
            print(f"--- {name}")
            pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
