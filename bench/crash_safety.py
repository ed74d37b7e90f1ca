"""Crash safety: households vote and citizens file cases while the server is killed with SIGKILL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/crash_safety.py
    python bench/crash_safety.py --households 2000 --cases 600 --kills 3 --clients 16   # SQLite: the file

A throwaway database (``setup_databases``, dropped at the end) gets an online vote with ``--households``
signed-in household representatives (as ``bench/http_bench.py`` prepares it). gunicorn (DEBUG off) serves
it; ``--clients`` threads cast every household's vote (the check page's POST) and file ``--cases`` cases
through Open311, retrying whatever got no answer. Meanwhile the whole server (master and workers) is killed
with SIGKILL ``--kills`` times and started again.

Afterwards, from the database:

* every write the server **acknowledged** (a cast answered by the "done" redirect, a case answered 201 with
  its id) is stored: ``lost`` must be 0;
* no household has two votes (``double_votes`` 0), and every stored vote has its audit event;
* the audit chains verify (``audit_intact``).

Prints one JSON line with the figures; exits 1 when a promise is broken. Writes that were sent but never
answered (the kill came first) may or may not be stored: a retry then finds the vote already cast.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import queue
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
CSRF_SECRET = "b" * 32
GIVE_UP_SECONDS = 240
"""A request still unanswered after this long (the server did not come back) is counted, not retried forever."""


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


class Server:
    """gunicorn in its own process group, so that one SIGKILL takes the master and every worker at once."""

    def __init__(self, port: int, secret_key: str, workers: int) -> None:
        from bench import bench_decisions

        self.port = port
        self.workers = workers
        self.environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": bench_decisions._database_url(),
            "DEBUG": "false",
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_COOKIES": "false",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": "CRITICAL",
            # Every case comes from 127.0.0.1: the intake limit per address would refuse all but 10.
            "GRASSROOTS_PETITIONS_INTAKE_LIMIT": "1000000",
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop)

    def start(self) -> None:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--reuse-port",
        ]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.environment, stdout=self.log, stderr=self.log, start_new_session=True
        )
        deadline = time.monotonic() + 180  # a loaded 2-core machine can take long to import Django
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        self.log.seek(0)
        raise RuntimeError("gunicorn did not start: " + self.log.read().decode(errors="replace")[-2000:])

    def kill(self) -> None:
        """SIGKILL to the whole process group: no graceful shutdown, no request finishes."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def _send(port: int, method: str, path: str, body: str, headers: dict[str, str]) -> tuple[int, str, bytes] | None:
    """One request on a fresh connection; None when the server did not answer (refused, reset, killed)."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        connection.close()
        return response.status, response.getheader("Location", ""), payload
    except (OSError, http.client.HTTPException):
        return None


def run(args: argparse.Namespace) -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import setup_databases, teardown_databases
    from django.urls import reverse

    from bench import bench_decisions
    from grassroots.core import clock
    from grassroots.core.models import AuditEvent
    from grassroots.core.selectors import audit_chain_verify
    from grassroots.petitions.models import Case
    from grassroots.units.models import Household
    from grassroots.voting.models import VoteParticipation

    bench_decisions.HTTP_HOUSEHOLDS = args.households
    if connection.vendor == "sqlite":
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = tempfile.mktemp(suffix=".sqlite3")  # noqa: S306
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        secret_key = secrets.token_urlsafe(50)
        with override_settings(SECRET_KEY=secret_key):
            vote, session_keys = bench_decisions._prepare_online_vote(clock.now(), label="CR")
        households = list(Household.objects.filter(community=vote.unit).order_by("code").values_list("pk", flat=True))
        assert len(households) == len(session_keys)
        commune = vote.unit.parent
        cast_path = reverse("voting:online_check", kwargs={"vote_id": vote.pk})
        done_path = reverse("voting:online_done", kwargs={"vote_id": vote.pk})
        case_path = reverse("petitions:open311_requests", kwargs={"commune_slug": commune.slug})
        connection.close()

        work: queue.Queue[tuple[str, int]] = queue.Queue()
        for index in range(len(session_keys)):
            work.put(("vote", index))
        for index in range(args.cases):
            work.put(("case", index))
        acknowledged_votes: set[int] = set()
        acknowledged_cases: set[int] = set()
        counts = {
            "requests": 0,
            "no_answer": 0,
            "refused_after_retry": 0,
            "other_status": 0,
            "rate_limited": 0,
            "given_up": 0,
        }
        problems: list[str] = []
        lock = threading.Lock()
        finished = threading.Event()

        def worker() -> None:
            while True:
                try:
                    kind, index = work.get_nowait()
                except queue.Empty:
                    return
                if kind == "vote":
                    headers = {
                        "Cookie": f"sessionid={session_keys[index]}; csrftoken={CSRF_SECRET}",
                        "X-CSRFToken": CSRF_SECRET,
                        "Content-Type": "application/x-www-form-urlencoded",
                    }
                    body = "option=agree&other_opinion="
                    path = cast_path
                else:
                    headers = {"Content-Type": "application/x-www-form-urlencoded"}
                    body = urlencode(
                        {
                            "service_code": "feedback",
                            "description": f"Đèn đường số {index} không sáng (kiểm thử sự cố)",
                            "address_string": f"Ngõ {index}, thôn CR",
                            "first_name": "Văn A",
                            "last_name": "Nguyễn",
                        }
                    )
                    path = case_path
                give_up_at = time.monotonic() + GIVE_UP_SECONDS
                while True:
                    if time.monotonic() > give_up_at:
                        with lock:
                            counts["given_up"] += 1  # never answered: the run is judged broken below
                        break
                    answer = _send(server.port, "POST", path, body, headers)
                    with lock:
                        counts["requests"] += 1
                    if answer is None:
                        with lock:
                            counts["no_answer"] += 1
                        time.sleep(0.05)
                        continue
                    status, location, payload = answer
                    if status == 429:
                        with lock:
                            counts["rate_limited"] += 1  # refused, not acknowledged: not retried
                        break
                    with lock:
                        if kind == "vote" and status == 302 and location.endswith(done_path):
                            acknowledged_votes.add(households[index])
                        elif kind == "vote" and status == 302:
                            counts["refused_after_retry"] += 1  # an earlier attempt got through, unanswered
                        elif kind == "case" and status == 201:
                            acknowledged_cases.add(int(json.loads(payload)[0]["service_request_id"]))
                        else:
                            counts["other_status"] += 1
                    break

        server = Server(bench_decisions._free_port(), secret_key, args.workers)
        server.start()
        started = time.perf_counter()
        threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.clients)]
        for thread in threads:
            thread.start()

        def killer() -> None:
            total = len(session_keys) + args.cases
            for kill in range(args.kills):
                # Kill when roughly (kill+1)/(kills+1) of the work has been handed out.
                target = total * (kill + 1) / (args.kills + 1)
                while total - work.qsize() < target and not finished.is_set():
                    time.sleep(0.02)
                if finished.is_set():
                    return
                server.kill()
                time.sleep(args.down_seconds)
                try:
                    server.start()
                except RuntimeError as error:
                    problems.append(str(error)[-500:])
                    return

        killer_thread = threading.Thread(target=killer, daemon=True)
        killer_thread.start()
        for thread in threads:
            thread.join()
        finished.set()
        killer_thread.join()
        elapsed = time.perf_counter() - started
        server.stop()

        stored_votes = set(VoteParticipation.objects.filter(vote=vote).values_list("household_id", flat=True))
        participation_rows = VoteParticipation.objects.filter(vote=vote).count()
        cast_events = AuditEvent.objects.filter(code="decisions.vote.participation_recorded").count()
        stored_cases = set(Case.objects.filter(unit=commune).values_list("pk", flat=True))
        verdict = audit_chain_verify()
        figures = {
            "name": "crash_safety",
            "database": connection.vendor,
            "kills": args.kills,
            "seconds": round(elapsed, 1),
            "households": len(session_keys),
            "votes_acknowledged": len(acknowledged_votes),
            "votes_stored": len(stored_votes),
            "votes_lost": len(acknowledged_votes - stored_votes),
            "double_votes": participation_rows - len(stored_votes),
            "votes_without_audit_event": participation_rows - cast_events,
            "cases_acknowledged": len(acknowledged_cases),
            "cases_stored": len(stored_cases),
            "cases_lost": len(acknowledged_cases - stored_cases),
            # Open311 has no idempotency key: a case whose answer the kill swallowed is filed again on retry.
            "cases_filed_twice_by_a_retry": len(stored_cases) - len(acknowledged_cases),
            **counts,
            "audit_events_verified": verdict.checked,
            "audit_intact": verdict.intact,
            "problems": problems,
        }
        figures["promises_kept"] = (
            figures["votes_lost"] == 0
            and figures["double_votes"] == 0
            and figures["votes_without_audit_event"] == 0
            and figures["cases_lost"] == 0
            and verdict.intact
            and not problems
            and counts["given_up"] == 0
            and figures["votes_acknowledged"] + figures["refused_after_retry"] == len(session_keys)
        )
        return figures
    finally:
        connection.close()
        teardown_databases(old_config, verbosity=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=1500)
    parser.add_argument("--cases", type=int, default=400)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--down-seconds", type=float, default=0.5, help="how long the server stays dead")
    args = parser.parse_args()
    _setup()
    figures = run(args)
    print(json.dumps(figures, ensure_ascii=False))
    return 0 if figures["promises_kept"] else 1


if __name__ == "__main__":
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
    sys.exit(main())
