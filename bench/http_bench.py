"""HTTP benchmark: every public page and the cast-vote path against ``/healthz``, on one server, in one run.

    python bench/http_bench.py                      # SQLite; DATABASE_URL=postgres://… for PostgreSQL
    python bench/http_bench.py --seconds 8 --connections 32 --workers 2 --out var/http.json

A throwaway database (``setup_databases``, dropped at the end) gets the demo commune (``seed_demo``) and an
online vote with ``--households`` logged-in household representatives. Static files are collected into a
temporary folder, then gunicorn (``config.wsgi``, DEBUG off) serves it on 127.0.0.1 and a free port. Each path
is driven for ``--seconds`` at ``--connections`` keep-alive connections by wrk (2 threads) where installed,
otherwise by a Python load generator; ``/healthz`` first (the ceiling of the stack), then every public page as
an anonymous visitor (the page cache is warm after the first request, as on a vote day), then casting votes
(each request is a distinct household's "check your answers" POST; a household can vote once, so the run
prepares more households than it can cast).

Each path is loaded in ``--rounds`` slices, each right after a slice of ``/healthz`` of the same length, and
its ratio is taken against those neighbouring slices (``paired``): on a shared machine the load of other work
drifts during a run, and a ceiling measured once at the start would flatter or punish whichever path ran at a
quiet or a busy moment.

Prints one JSON line per path: requests/s, p50, p95 and p99 in ms (p95 and p99 of the worst slice), statuses,
the ratio of its throughput to the ``/healthz`` slices alongside it, and for pages the bytes of the page and of
its first view (HTML + CSS + JS) gzip-compressed. The last line is a summary. Ratios, not absolute figures, are
what to compare between runs and machines.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import io
import json
import os
import posixpath
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_paths.lua"
CSRF_SECRET = "b" * 32


def _setup() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def public_paths() -> dict[str, str]:
    """The public pages of the demo commune: name → path."""
    from django.urls import reverse

    from grassroots.disclosures.models import Disclosure
    from grassroots.units.models import AdministrativeUnit, UnitLevel
    from grassroots.voting.models import CommunityVote
    from grassroots.voting.selectors import PUBLIC_STATUSES

    disclosure = Disclosure.objects.filter(first_published_on__isnull=False, organisation__isnull=True).first()
    assert disclosure is not None, "the demo has no published disclosure"
    commune = AdministrativeUnit.objects.get(pk=disclosure.unit_id)
    decided = CommunityVote.objects.filter(status__in=PUBLIC_STATUSES, unit__parent=commune).first()
    community = (
        decided.unit
        if decided is not None
        else AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.COMMUNITY).first()
    )
    assert community is not None
    return {
        "home": reverse("portal:home"),
        "commune": reverse("portal:commune", args=[commune.slug]),
        "disclosure_list": reverse("disclosures:index", args=[commune.slug]),
        "disclosure_detail": reverse("disclosures:detail", args=[commune.slug, disclosure.pk]),
        "search": reverse("disclosures:index", args=[commune.slug]) + "?q=ngan+sach",
        "feed": reverse("disclosures:feed", args=[commune.slug]),
        "vote_results": reverse("voting:public_results", args=[community.pk]),
    }


def _get(port: int, path: str) -> tuple[int, bytes, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read(), response.getheader("Content-Type", "")
    finally:
        connection.close()


def page_bytes(port: int, path: str) -> dict[str, int]:
    """The page's size, and its first view (the page, the CSS/JS it links and the fonts the CSS names)
    gzip-compressed at level 6, as a phone with an empty cache downloads it."""
    status, body, content_type = _get(port, path)
    if status != 200:
        return {"status": status}
    compressed = len(gzip.compress(body, 6))
    first_view = compressed
    if "html" in content_type:
        html = body.decode(errors="replace")
        assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(r'<script src="([^"]+)"', html)
        seen: set[str] = set()
        while assets:
            asset = assets.pop(0)
            if asset in seen:
                continue
            seen.add(asset)
            asset_status, asset_body, _type = _get(port, asset)
            if asset_status != 200:
                continue
            first_view += len(gzip.compress(asset_body, 6))
            if asset.endswith(".css"):
                # Fonts and images the stylesheet names (the browser fetches the ones the page uses; count all).
                for reference in re.findall(r'url\("?([^")]+)"?\)', asset_body.decode(errors="replace")):
                    assets.append(posixpath.normpath(posixpath.join(posixpath.dirname(asset), reference)))
    return {"bytes": len(body), "gzip_bytes": compressed, "first_view_gzip_bytes": first_view}


def _wrk_load(port: int, path: str, seconds: float, connections: int, cookies_file: str | None) -> dict[str, Any]:
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(WRK_SCRIPT),
        f"http://127.0.0.1:{port}{path}",
    ]
    if cookies_file:
        command += ["--", cookies_file, CSRF_SECRET]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    line = next(line for line in reversed(output.splitlines()) if line.startswith("{"))
    raw = json.loads(line)
    duration = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "seconds": round(duration, 2),
        "requests_per_second": round(raw["requests"] / duration, 1) if duration else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "statuses": raw["statuses"],
        "errors": raw["errors"],
        "generator": "wrk",
    }


def _python_load(port: int, path: str, seconds: float, connections: int, cookies: list[str] | None) -> dict[str, Any]:
    from bench import bench_decisions

    bench_decisions.HTTP_CONNECTIONS = connections
    requests: list[tuple[str, str, dict[str, str]]]
    if cookies is None:
        requests = [("GET", path, {})] * 1_000_000
    else:
        requests = [
            (
                "POST",
                path,
                {
                    "Cookie": cookie,
                    "X-CSRFToken": CSRF_SECRET,
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            for cookie in cookies
        ]
    figures = bench_decisions._load(port, requests, seconds)
    return {**figures, "generator": "python"}


def load(port: int, path: str, args: argparse.Namespace, cookies: list[str] | None = None) -> dict[str, Any]:
    if shutil.which("wrk") and not args.python_load:
        cookies_file = None
        if cookies is not None:
            handle = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)  # noqa: SIM115
            handle.write("\n".join(cookies) + "\n")
            handle.close()
            cookies_file = handle.name
        try:
            return _wrk_load(port, path, args.seconds, args.connections, cookies_file)
        finally:
            if cookies_file:
                os.unlink(cookies_file)
    return _python_load(port, path, args.seconds, args.connections, cookies)


def _combine(slices: list[dict[str, Any]]) -> dict[str, Any]:
    """One figure from several slices of load on one path: totals for throughput, the worst slice's tail."""
    requests = sum(int(part["requests"]) for part in slices)
    seconds = sum(float(part["seconds"]) for part in slices)
    statuses: dict[str, int] = {}
    for part in slices:
        for status, count in part["statuses"].items():
            statuses[status] = statuses.get(status, 0) + int(count)
    p50s = sorted(float(part["p50_ms"]) for part in slices)
    return {
        "requests": requests,
        "seconds": round(seconds, 2),
        "requests_per_second": round(requests / seconds, 1) if seconds else 0.0,
        "p50_ms": p50s[len(p50s) // 2],
        "p95_ms": max(float(part["p95_ms"]) for part in slices),
        "p99_ms": max(float(part["p99_ms"]) for part in slices),
        "statuses": statuses,
        "errors": sum(int(part["errors"]) for part in slices),
        "generator": slices[0]["generator"],
    }


def paired(
    port: int, path: str, args: argparse.Namespace, cookie_rounds: list[list[str]] | None = None
) -> dict[str, Any]:
    """Load ``path`` in ``--rounds`` slices, each right after a slice of ``/healthz`` of the same length.

    On a machine whose other work comes and goes, a ceiling measured once at the start is not the ceiling
    the path met minutes later; the ratio is taken against the ``/healthz`` slices next to it. The tail
    (p95, p99) is the worst slice's, never an average.
    """
    rounds = max(1, args.rounds)
    slice_args = argparse.Namespace(**{**vars(args), "seconds": max(1.0, args.seconds / rounds)})
    path_slices, healthz_slices = [], []
    for index in range(rounds):
        healthz_slices.append(load(port, "/healthz", slice_args))
        cookies = cookie_rounds[index] if cookie_rounds is not None else None
        path_slices.append(load(port, path, slice_args, cookies=cookies))
    figures, ceiling = _combine(path_slices), _combine(healthz_slices)
    ceiling_rps = ceiling["requests_per_second"] or 1.0
    return {
        **figures,
        "ratio_to_healthz": round(figures["requests_per_second"] / ceiling_rps, 3),
        "healthz_alongside_rps": ceiling_rps,
        "healthz_alongside_p99_ms": ceiling["p99_ms"],
    }


def _emit(row: dict[str, Any], out: list[dict[str, Any]]) -> None:
    out.append(row)
    print(json.dumps(row, ensure_ascii=False), flush=True)


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import setup_databases, teardown_databases

    from bench import bench_decisions
    from grassroots.core import clock
    from grassroots.voting.models import VoteParticipation

    bench_decisions.GUNICORN_WORKERS = args.workers
    bench_decisions.GUNICORN_THREADS = args.threads
    bench_decisions.HTTP_HOUSEHOLDS = args.households
    bench_decisions.GUNICORN_START_SECONDS = args.start_seconds
    if connection.vendor == "sqlite":
        # A file, not :memory:, so gunicorn's workers see the same database.
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = tempfile.mktemp(suffix=".sqlite3")  # noqa: S306
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    var_dir = tempfile.mkdtemp(prefix="grassroots-bench-")
    rows: list[dict[str, Any]] = []
    try:
        secret_key = secrets.token_urlsafe(50)
        with override_settings(SECRET_KEY=secret_key):
            call_command("seed_demo", stdout=io.StringIO())
            vote, session_keys = bench_decisions._prepare_online_vote(clock.now(), label="HB")
        paths = public_paths()
        os.environ["GRASSROOTS_VAR_DIR"] = var_dir
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env={**os.environ, "DEBUG": "false", "SECRET_KEY": secret_key},
            check=True,
        )
        port = bench_decisions._free_port()
        process = bench_decisions._start_gunicorn(port, secret_key)
        try:
            healthz = load(port, "/healthz", args)
            ceiling = healthz["requests_per_second"] or 1.0
            server = f"gunicorn gthread {args.workers}x{args.threads}, {connection.vendor}, DEBUG off"
            _emit({"path": "/healthz", "name": "healthz", **healthz, "ratio_to_healthz": 1.0, "server": server}, rows)
            for name, path in paths.items():
                sizes = page_bytes(port, path)  # also the first request: it fills the page cache
                _emit({"path": path, "name": name, **paired(port, path, args), **sizes}, rows)
            cast_path = f"/ban-va-quyet-dinh/bieu-quyet/{vote.pk}/kiem-tra/"
            cookies = [f"sessionid={key}; csrftoken={CSRF_SECRET}" for key in session_keys]
            rounds = max(1, args.rounds)
            # Each round casts for households no earlier round used: a household votes once.
            cookie_rounds = [cookies[index::rounds] for index in range(rounds)]
            before = VoteParticipation.objects.filter(vote=vote).count()
            cast = paired(port, cast_path, args, cookie_rounds=cookie_rounds)
            stored = VoteParticipation.objects.filter(vote=vote).count() - before
            _emit(
                {
                    "path": cast_path,
                    "name": "cast_vote",
                    **cast,
                    "votes_stored": stored,
                    "votes_per_second_stored": round(stored / cast["seconds"], 1) if cast["seconds"] else 0.0,
                    "households_prepared": len(session_keys),
                },
                rows,
            )
        finally:
            bench_decisions._stop(process)
        pages = [row for row in rows if row["name"] not in {"healthz", "cast_vote"}]
        _emit(
            {
                "name": "summary",
                "database": connection.vendor,
                "connections": args.connections,
                "healthz_rps": ceiling,
                "pages_min_ratio": min(row["ratio_to_healthz"] for row in pages),
                "pages_max_p99_ms": max(row["p99_ms"] for row in pages),
                "pages_max_first_view_gzip_bytes": max(row.get("first_view_gzip_bytes", 0) for row in pages),
                "cast_ratio": rows[-1]["ratio_to_healthz"],
                "cast_p99_ms": rows[-1]["p99_ms"],
            },
            rows,
        )
    finally:
        connection.close()
        teardown_databases(old_config, verbosity=0)
        shutil.rmtree(var_dir, ignore_errors=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="load per path (default 8)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument("--households", type=int, default=6000, help="households able to cast (default 6000)")
    parser.add_argument(
        "--rounds", type=int, default=2, help="slices per path, each after a /healthz slice (default 2)"
    )
    parser.add_argument(
        "--start-seconds",
        type=float,
        default=120.0,
        help="how long gunicorn may take to answer /healthz (default 120; 30 was too short on a loaded machine)",
    )
    parser.add_argument("--python-load", action="store_true", help="use the Python load generator even with wrk")
    parser.add_argument("--out", help="also write the JSON lines to this file")
    args = parser.parse_args()
    _setup()
    rows = run(args)
    if args.out:
        Path(args.out).write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
