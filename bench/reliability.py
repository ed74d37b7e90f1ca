"""The reliability figures of issue 20 from one command: access matrix, bad input, crash, restore, load.

    python bench/reliability.py                       # on SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/reliability.py
    python bench/reliability.py --quick               # smaller crash and load runs

Runs, each in its own process and its own throwaway database:

1. ``tests/test_access_matrix.py``: every URL × 14 personas against the expected status;
2. ``tests/test_no_server_errors.py``, the form property tests (``tests/test_form_properties.py``), the hostile
   uploads (``tests/test_uploads.py``) and the API fuzz tests (``grassroots/api/tests``, schemathesis and
   hypothesis, when the API app is installed): junk to every URL and endpoint, server errors found;
3. ``tests/test_backup_restore.py``: a backup restored into an empty database, counts and chains checked;
4. ``bench/crash_safety.py``: votes and cases under SIGKILL, acknowledged vs stored;
5. ``bench/http_bench.py``: a vote day on the demo commune (public pages, then casting) against ``/healthz``.

Prints each step's own figure line as it goes, then one JSON summary line.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _run(command: list[str], timeout: int = 1800) -> tuple[int, str]:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    output = result.stdout + result.stderr
    print(f"# {' '.join(command)}: exit {result.returncode} in {time.perf_counter() - started:.0f} s", flush=True)
    return result.returncode, output


def _pytest(*paths: str) -> tuple[int, str]:
    return _run([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", *paths])


def _last_json(output: str) -> dict[str, Any]:
    lines = [line for line in output.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {}


def _passed(output: str) -> tuple[int, int]:
    passed = re.search(r"(\d+) passed", output)
    failed = re.search(r"(\d+) failed", output)
    return int(passed.group(1)) if passed else 0, int(failed.group(1)) if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    summary: dict[str, Any] = {}
    status = 0

    code, output = _pytest("tests/test_access_matrix.py")
    match = re.search(r"access matrix: (\d+) URLs x (\d+) personas = (\d+) cells checked", output)
    summary["access_matrix_cells"] = int(match.group(3)) if match else None
    summary["access_matrix_ok"] = code == 0
    print(match.group(0) if match else output[-2000:], flush=True)
    status |= code

    fuzz = [
        "tests/test_no_server_errors.py",
        "tests/test_form_properties.py",
        "tests/test_service_properties.py",
        "tests/test_uploads.py",
    ]
    if (ROOT / "grassroots/api/tests").is_dir():
        fuzz.append("grassroots/api/tests")
    code, output = _pytest(*fuzz)
    crawl = re.search(r"crawled (\d+) URL patterns with (\d+) requests", output)
    schema = re.findall(r"fuzz: (\d+) cases", output)
    forms = re.search(r"form properties: (\d+) forms x (\d+) examples", output)
    uploads = re.search(r"uploads: (\d+) checkers x (\d+) hostile files", output)
    summary["form_property_cases"] = int(forms.group(1)) * int(forms.group(2)) if forms else None
    summary["upload_cases"] = int(uploads.group(1)) * int(uploads.group(2)) if uploads else None
    services = re.findall(r"service properties: (\w+) (\d+) (?:accepted of|households after) (\d+)", output)
    summary["service_property_cases"] = sum(int(total) for _name, _ok, total in services) if services else None
    passed, failed = _passed(output)
    summary["crawl_requests"] = int(crawl.group(2)) if crawl else None
    summary["api_fuzz_cases"] = sum(int(count) for count in schema) if schema else None
    summary["bad_input_tests_passed"], summary["bad_input_tests_failed"] = passed, failed
    summary["server_errors_found"] = 0 if code == 0 else "see output"
    print(crawl.group(0) if crawl else "", *(f"fuzz: {count} cases" for count in schema), flush=True)
    print(forms.group(0) if forms else "", uploads.group(0) if uploads else "", flush=True)
    status |= code

    code, output = _pytest("tests/test_backup_restore.py")
    restored = re.search(r"OK: restored .*", output)
    summary["restore_check"] = restored.group(0) if restored and code == 0 else "FAILED"
    print(summary["restore_check"], flush=True)
    status |= code

    size = ["--households", "600", "--cases", "150"] if args.quick else ["--households", "3000", "--cases", "600"]
    code, output = _run([sys.executable, "bench/crash_safety.py", *size, "--kills", "3"])
    crash = _last_json(output)
    print(json.dumps(crash, ensure_ascii=False), flush=True)
    summary["crash"] = {
        key: crash.get(key)
        for key in ("votes_acknowledged", "votes_stored", "votes_lost", "double_votes", "cases_acknowledged")
    } | {key: crash.get(key) for key in ("cases_stored", "cases_lost", "audit_intact", "promises_kept")}
    status |= code

    load = ["--seconds", "3", "--households", "1500"] if args.quick else ["--seconds", "8", "--households", "6000"]
    code, output = _run([sys.executable, "bench/http_bench.py", *load])
    rows = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    for row in rows:
        print(json.dumps(row, ensure_ascii=False), flush=True)
    summary["load"] = rows[-1] if rows else "FAILED"
    status |= code

    summary["ok"] = status == 0
    print(json.dumps({"name": "reliability", **summary}, ensure_ascii=False))
    return 0 if status == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
