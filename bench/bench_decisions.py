"""Benchmark: the vote engine at scale.

1. Tally of 1,000,000 household votes on PostgreSQL (100,000 on SQLite; ``households`` says which):
   households and participations are inserted with one ``INSERT … SELECT`` each, then the tally
   (``selectors.tally_counts``: two GROUP BYs, as ``vote_close`` runs them) is timed next to a bare
   ``COUNT(*)`` of the same participation rows, as are opening the vote (the roll of every household frozen
   in one ``INSERT … SELECT``) and the whole ``vote_close`` (tally + the one outcome rule + option counts +
   audit event). A secret variant times the GROUP BY over ``SecretChoice`` rows (random UUID keys).
2. HTTP cast-vote throughput and latency at 32 concurrent keep-alive connections under **gunicorn**
   (``config.wsgi``, gthread, ``GUNICORN_WORKERS`` x ``GUNICORN_THREADS``, DEBUG off), started as a
   subprocess on 127.0.0.1 and a free port against the same throwaway database, and always stopped at the
   end. 32 client threads each POST the online vote's "check your answers" step for distinct households
   (logged-in sessions prepared in advance), bounded by ``HTTP_MAX_CASTS`` and ``HTTP_MAX_SECONDS``.
   ``GET /healthz`` is measured the same way on the same server; ``cast_to_healthz_*`` are the ratios.
   ``http_in_process`` repeats the older figure under Django's in-process ThreadedWSGIServer.

Everything runs in a throwaway test database (``django.test.utils.setup_databases``) dropped at the
end: the casts write audit events, which are append-only and must not land in a real database.

    python bench/run.py --only decisions
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

HOUSEHOLDS_POSTGRES = 1_000_000
HOUSEHOLDS_SQLITE = 100_000
TALLY_REPEATS = 3
HTTP_CONNECTIONS = 32
HTTP_HOUSEHOLDS = 3_000
HTTP_MAX_CASTS = 3_000
HTTP_MAX_SECONDS = 25.0
HEALTHZ_MAX_REQUESTS = 3_000
CSRF_SECRET = "b" * 32
ROOT = Path(__file__).resolve().parent.parent
GUNICORN_WORKERS = 4
GUNICORN_THREADS = 4
GUNICORN_START_SECONDS = 30.0
IN_PROCESS_HTTP = True
"""Also measure the old figure (Django's ThreadedWSGIServer in this process) for comparison."""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def _world(label: str) -> tuple[Any, Any, Any]:
    from grassroots.accounts.models import User
    from grassroots.units.models import AdministrativeUnit, UnitKind, UnitLevel

    def kind(code: str, level: str) -> UnitKind:
        return UnitKind.objects.get_or_create(code=code, defaults={"name": code, "level": level})[0]

    province = AdministrativeUnit.objects.get_or_create(
        level=UnitLevel.PROVINCE, code="BQ-P", defaults={"name": "Tỉnh Đo", "kind": kind("tinh", "province")}
    )[0]
    commune = AdministrativeUnit.objects.get_or_create(
        level=UnitLevel.COMMUNE,
        code="BQ-X",
        defaults={"name": "Xã Đo", "parent": province, "kind": kind("xa", "commune"), "slug": "xa-do-bq"},
    )[0]
    community = AdministrativeUnit.objects.create(
        level=UnitLevel.COMMUNITY, name=f"Thôn {label}", code=label, parent=commune, kind=kind("thon", "community")
    )
    actor = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        username="bench-admin", password=None
    )
    return commune, community, actor


def _insert_households(community_id: int, count: int, prefix: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO units_household (created_at, updated_at, community_id, code, address, status, active_from)"
                " SELECT now(), now(), %s, %s || lpad(g::text, 7, '0'), 'Số ' || g::text, 'active', DATE '2020-01-01'"
                " FROM generate_series(1, %s) AS g",
                [community_id, prefix, count],
            )
        else:
            cursor.execute(
                "INSERT INTO units_household (created_at, updated_at, community_id, code, address, status, active_from)"
                " WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < %s)"
                " SELECT datetime('now'), datetime('now'), %s, %s || printf('%%07d', x), 'Số ' || x, 'active',"
                " '2020-01-01' FROM g",
                [count, community_id, prefix],
            )


def _open_ballot_vote(community: Any, actor: Any, now: dt.datetime) -> Any:
    from grassroots.voting import services

    vote = services.vote_create(
        unit=community,
        matter="D6",
        form="household_ballot",
        title="Đo hiệu năng",
        question="Đồng ý?",
        starts_at=now,
        ends_at=now + dt.timedelta(days=2),
        convenor_role="village_head",
        actor=actor,
        now=now - dt.timedelta(days=5),
    )
    for name in ("A", "B", "C"):
        services.vote_officer_add(vote=vote, role="ballot_team", full_name=name, actor=actor, now=now)
    services.vote_schedule(vote=vote, notice_given_at=now - dt.timedelta(days=3), actor=actor, now=now)
    return vote


def _bench_tally(now: dt.datetime) -> dict[str, Any]:
    from django.db import connection, transaction

    from grassroots.voting import selectors, services
    from grassroots.voting.models import VoteOption, VoteParticipation

    households = HOUSEHOLDS_POSTGRES if connection.vendor == "postgresql" else HOUSEHOLDS_SQLITE
    _commune, community, actor = _world("TALLY")
    started = time.perf_counter()
    _insert_households(community.pk, households, "T")
    households_seconds = time.perf_counter() - started
    vote = _open_ballot_vote(community, actor, now)
    # vote_open freezes the roll (one INSERT … SELECT) and prints one ballot per household.
    started = time.perf_counter()
    with transaction.atomic():
        vote = services.vote_open(vote=vote, actor=actor, now=now)
    open_seconds = time.perf_counter() - started
    agree = VoteOption.objects.get(vote=vote, key="agree").pk
    disagree = VoteOption.objects.get(vote=vote, key="disagree").pk
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO decisions_voteparticipation (vote_id, household_id, roll_entry_id, channel, option_id,"
            " other_opinion, entered_by_id, is_on_behalf, recorded_at)"
            " SELECT %s, household_id, id, 'paper_ballot', CASE WHEN id %% 3 = 0 THEN %s ELSE %s END, '', %s, TRUE, %s"
            " FROM voting_voterollentry WHERE vote_id = %s",
            [vote.pk, disagree, agree, actor.pk, now, vote.pk],
        )
    participations_seconds = time.perf_counter() - started
    runs, bare = [], []
    for _ in range(TALLY_REPEATS):
        started = time.perf_counter()
        participations, counts, _channels = selectors.tally_counts(vote)
        runs.append(time.perf_counter() - started)
        started = time.perf_counter()
        counted = VoteParticipation.objects.filter(vote=vote).count()
        bare.append(time.perf_counter() - started)
    started = time.perf_counter()
    with transaction.atomic():
        closed = services.vote_close(vote=vote, actor=actor, now=now + dt.timedelta(days=3))
    close_seconds = time.perf_counter() - started
    outcome = selectors.outcome_of(closed)
    assert participations == sum(counts.values()) == counted == households == outcome.eligible

    # Secret variant: the same number of anonymous choices, keyed by random UUIDs.
    secret = _open_ballot_vote(community, actor, now)
    secret_agree = VoteOption.objects.get(vote=secret, key="agree").pk
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO decisions_secretchoice (id, vote_id, option_id)"
                " SELECT gen_random_uuid(), %s, %s FROM generate_series(1, %s)",
                [secret.pk, secret_agree, households],
            )
        else:
            cursor.execute(
                "INSERT INTO decisions_secretchoice (id, vote_id, option_id)"
                " WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < %s)"
                " SELECT lower(hex(randomblob(16))), %s, %s FROM g",
                [households, secret.pk, secret_agree],
            )
    secret_insert_seconds = time.perf_counter() - started
    secret.is_secret = True
    secret.save(update_fields=["is_secret"])
    secret_runs = []
    for _ in range(TALLY_REPEATS):
        started = time.perf_counter()
        _p, secret_counts, _c = selectors.tally_counts(secret)
        secret_runs.append(time.perf_counter() - started)
    assert sum(secret_counts.values()) == households
    return {
        "households": households,
        "insert_households_seconds": round(households_seconds, 3),
        "open_and_freeze_roll_seconds": round(open_seconds, 3),
        "insert_votes_seconds": round(participations_seconds, 3),
        "tally_seconds_min": round(min(runs), 4),
        "tally_seconds_median": round(statistics.median(runs), 4),
        "bare_count_seconds_min": round(min(bare), 4),
        "tally_to_bare_count": round(min(runs) / min(bare), 2) if min(bare) else None,
        "close_seconds": round(close_seconds, 4),
        "yes": closed.yes_count,
        "required_yes": closed.required_yes,
        "passed": closed.passed,
        "option_counts": {str(k): v for k, v in counts.items()},
        "secret_insert_seconds": round(secret_insert_seconds, 3),
        "secret_tally_seconds_min": round(min(secret_runs), 4),
    }


def _prepare_online_vote(now: dt.datetime, label: str = "HTTP") -> tuple[Any, list[str]]:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from grassroots.accounts.models import User
    from grassroots.units.models import Household, Resident
    from grassroots.voting import services
    from grassroots.voting.models import CommunityVote, OnlineFormAgreement

    _commune, community, actor = _world(label)
    _insert_households(community.pk, HTTP_HOUSEHOLDS, label[0])
    households = list(Household.objects.filter(community=community).order_by("code"))
    users = User.objects.bulk_create(
        User(username=f"bq-{household.code}", password="!", full_name=f"Đại diện {household.code}")  # noqa: S106
        for household in households
    )
    residents = Resident.objects.bulk_create(
        Resident(household=household, full_name=user.full_name, user=user)
        for household, user in zip(households, users, strict=True)
    )
    for household, resident in zip(households, residents, strict=True):
        household.representative = resident
    Household.objects.bulk_update(households, ["representative"], batch_size=1000)
    CommunityVote.objects.create(
        unit=community,
        matter="D6",
        form="meeting",
        purpose="online_adoption",
        title="Chọn biểu quyết trực tuyến",
        question="?",
        convened_by=actor,
        convenor_role="village_head",
        starts_at=now - dt.timedelta(days=10),
        status="closed",
        passed=True,
        closed_at=now - dt.timedelta(days=10),
    )
    vote = services.vote_create(
        unit=community,
        matter="D6",
        form="online",
        title="Đo hiệu năng trực tuyến",
        question="Đồng ý?",
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(days=2),
        convenor_role="village_head",
        actor=actor,
    )
    for name in ("A", "B", "C"):
        services.vote_officer_add(vote=vote, role="online_team", full_name=name, actor=actor)
    OnlineFormAgreement.objects.create(
        vote=vote, village_head=actor, front_head=actor, agreed_on=now.date(), recorded_by=actor, recorded_at=now
    )
    services.vote_schedule(vote=vote, notice_given_at=now - dt.timedelta(days=3), actor=actor)
    services.vote_open(vote=vote, actor=actor)
    session_keys = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "grassroots.accounts.backends.UsernameOrPhoneBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        session_keys.append(str(session.session_key))
    return vote, session_keys


CAST_BODY = "option=agree&other_opinion="
"""The check page's form: the household's checked choice (it never sits in the session)."""


def _load(port: int, requests: list[tuple[str, str, dict[str, str]]], max_seconds: float) -> dict[str, Any]:
    """Send ``requests`` over ``HTTP_CONNECTIONS`` keep-alive client connections; bounded by count and time."""
    lock = threading.Lock()
    cursor = iter(requests)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: list[str] = []
    deadline = time.perf_counter() + max_seconds

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            while time.perf_counter() < deadline:
                with lock:
                    item = next(cursor, None)
                if item is None:
                    return
                method, path, headers = item
                started = time.perf_counter()
                try:
                    connection.request(method, path, body=CAST_BODY if method == "POST" else None, headers=headers)
                    response = connection.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as exc:
                    connection.close()  # reconnects on the next request
                    with lock:
                        errors.append(type(exc).__name__)
                    continue
                elapsed = time.perf_counter() - started
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                with lock:
                    latencies.append(elapsed)
                    statuses[response.status] = statuses.get(response.status, 0) + 1
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(HTTP_CONNECTIONS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "seconds": round(wall, 3),
        "requests_per_second": round(len(latencies) / wall, 1) if wall else 0.0,
        "p50_ms": round(_percentile(latencies, 0.50) * 1000, 1),
        "p95_ms": round(_percentile(latencies, 0.95) * 1000, 1),
        "p99_ms": round(_percentile(latencies, 0.99) * 1000, 1),
        "statuses": {str(code): count for code, count in sorted(statuses.items())},
        "errors": len(errors),
    }


_logs: dict[int, IO[bytes]] = {}
"""The stderr file of each gunicorn started here, by pid."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _database_url() -> str:
    """The URL of the database this process uses now (the throwaway test database)."""
    from django.db import connection

    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(str(config['NAME'])).resolve()}"
    user = quote(str(config.get("USER") or ""), safe="")
    password = quote(str(config.get("PASSWORD") or ""), safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = config.get("HOST") or "127.0.0.1"
    port = f":{config['PORT']}" if config.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{config['NAME']}"


def _start_gunicorn(port: int, secret_key: str) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": _database_url(),
        "DEBUG": "false",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "false",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback: no TLS proxy in front of the bench
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(GUNICORN_WORKERS),
        "--worker-class",
        "gthread",
        "--threads",
        str(GUNICORN_THREADS),
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.perf_counter() + GUNICORN_START_SECONDS
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}: {_log_tail(process)}")
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/healthz")
            if probe.getresponse().status == 200:
                probe.close()
                return process
            probe.close()
        except OSError:
            pass
        time.sleep(0.2)
    _stop(process)
    raise RuntimeError(f"gunicorn did not answer /healthz within {GUNICORN_START_SECONDS} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the gunicorn master started here (it stops its own workers); kill it if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    log = _logs.pop(process.pid, None)
    if log is not None:
        log.close()


def _log_tail(process: subprocess.Popen[bytes], size: int = 2000) -> str:
    log = _logs.get(process.pid)
    if log is None:
        return ""
    log.seek(0)
    return log.read().decode(errors="replace")[-size:]


def _cast_requests(vote: Any, session_keys: list[str]) -> list[tuple[str, str, dict[str, str]]]:
    path = f"/ban-va-quyet-dinh/bieu-quyet/{vote.pk}/kiem-tra/"
    return [
        (
            "POST",
            path,
            {
                "Cookie": f"sessionid={key}; csrftoken={CSRF_SECRET}",
                "X-CSRFToken": CSRF_SECRET,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        for key in session_keys[:HTTP_MAX_CASTS]
    ]


def _bench_gunicorn(now: dt.datetime) -> dict[str, Any]:
    """Cast-vote and ``/healthz`` over HTTP under gunicorn (the production server) on 127.0.0.1."""
    from django.test import override_settings

    from grassroots.voting.models import VoteParticipation

    # Sessions and their auth hashes are signed with SECRET_KEY: the server must share this process's key.
    secret_key = secrets.token_urlsafe(50)
    with override_settings(SECRET_KEY=secret_key):
        vote, session_keys = _prepare_online_vote(now, label="GU")
    port = _free_port()
    process = _start_gunicorn(port, secret_key)
    try:
        healthz = _load(port, [("GET", "/healthz", {})] * HEALTHZ_MAX_REQUESTS, HTTP_MAX_SECONDS)
        cast = _load(port, _cast_requests(vote, session_keys), HTTP_MAX_SECONDS)
        server_log = _log_tail(process, 1000)
    finally:
        _stop(process)
    stored = VoteParticipation.objects.filter(vote=vote).count()
    cast_rps, healthz_rps = cast["requests_per_second"], healthz["requests_per_second"]
    return {
        "connections": HTTP_CONNECTIONS,
        "server": f"gunicorn gthread, {GUNICORN_WORKERS} workers x {GUNICORN_THREADS} threads, 127.0.0.1, DEBUG off",
        "cast_vote": {**cast, "votes_stored": stored},
        "healthz_http": healthz,
        "cast_to_healthz_throughput": round(cast_rps / healthz_rps, 3) if healthz_rps else None,
        "cast_to_healthz_p50": round(cast["p50_ms"] / healthz["p50_ms"], 2) if healthz["p50_ms"] else None,
        "server_log_tail": server_log,
    }


def _bench_http(now: dt.datetime) -> dict[str, Any]:
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    from grassroots.voting.models import VoteParticipation

    vote, session_keys = _prepare_online_vote(now, label="IP")

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=True)
    server.set_app(get_wsgi_application())
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    try:
        healthz = _load(port, [("GET", "/healthz", {})] * HEALTHZ_MAX_REQUESTS, HTTP_MAX_SECONDS)
        cast = _load(port, _cast_requests(vote, session_keys), HTTP_MAX_SECONDS)
    finally:
        server.shutdown()
        server.server_close()
    stored = VoteParticipation.objects.filter(vote=vote).count()
    return {
        "connections": HTTP_CONNECTIONS,
        "server": "django ThreadedWSGIServer on 127.0.0.1 (in process)",
        "cast_vote": {**cast, "votes_stored": stored},
        "healthz_http": healthz,
    }


def run() -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    from grassroots.core import clock

    if connection.vendor == "sqlite":
        # A file, not :memory:, so the server's threads see the same database.
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = tempfile.mktemp(suffix=".sqlite3")  # noqa: S306
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        now = clock.now()
        tally = _bench_tally(now)
        gunicorn_figures = _bench_gunicorn(now)
        http_figures = _bench_http(now) if IN_PROCESS_HTTP else None
    finally:
        connection.close()
        teardown_databases(old_config, verbosity=0)
    return {
        "name": "decisions",
        "database": connection.vendor,
        "operations": tally["households"],
        "seconds": tally["tally_seconds_median"],
        "tally": tally,
        "http_gunicorn": gunicorn_figures,
        "http_in_process": http_figures,
    }
