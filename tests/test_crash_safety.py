"""No acknowledged write is lost when the server is killed with SIGKILL mid-load (``bench/crash_safety.py``).

Runs a small version of the bench in its own process against its own throwaway database of the suite's
engine: 240 households vote and 60 cases are filed over HTTP while gunicorn (master and workers) is killed
twice. The bench's own checks decide ``promises_kept``; the test also holds the figures to the promises one
by one, so a failure names the promise that broke.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return ""  # the bench makes its own SQLite file
    auth = f"{db.get('USER') or 'postgres'}" + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    name = str(db["NAME"])  # the bench creates test_<name> next to it, never touching this one
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"


def test_no_acknowledged_vote_or_case_is_lost_when_the_server_is_killed() -> None:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    if url := _database_url():
        env["DATABASE_URL"] = url
    result = subprocess.run(
        [sys.executable, "bench/crash_safety.py", "--households", "240", "--cases", "60", "--kills", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, result.stdout + result.stderr
    figures = json.loads(lines[-1])
    print(lines[-1])
    assert figures["votes_lost"] == 0
    assert figures["cases_lost"] == 0
    assert figures["double_votes"] == 0
    assert figures["votes_without_audit_event"] == 0
    assert figures["audit_intact"] is True
    assert figures["votes_acknowledged"] + figures["refused_after_retry"] == figures["households"] == 240
    assert figures["no_answer"] > 0, "the kills happened while requests were in flight"
    assert result.returncode == 0, result.stderr[-2000:]
