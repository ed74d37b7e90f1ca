"""One benchmark runner: prints one JSON document with every figure.

    python bench/run.py [--only NAME ...] [--out FILE] [--prepare] [--healthz-requests N]

It measures the in-process ``/healthz`` baseline (a WSGI call through the whole middleware stack,
no socket), a built-in household count by date across the demo commune, then imports every
``bench/bench_*.py`` and calls its ``run() -> dict``. Each figure with ``seconds`` and
``operations`` gets ``ratio_to_healthz``: time per operation divided by time per healthz request.
A module that fails is reported with its error and the runner exits 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import io
import json
import os
import platform
import statistics
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
HEALTHZ_REQUESTS = 20_000
HOUSEHOLD_COUNT_DAYS = 500


def setup_django() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def prepare() -> None:
    """Migrate and load the demo commune (both are idempotent)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0, stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())


def _percentile(sorted_values: list[int], share: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(share * (len(sorted_values) - 1))))
    return sorted_values[index]


def bench_healthz(requests: int = HEALTHZ_REQUESTS) -> dict[str, Any]:
    """``GET /healthz`` through Django's WSGI handler, in process: the floor every figure is compared to."""
    from django.core.wsgi import get_wsgi_application

    with warnings.catch_warnings():
        # WhiteNoise warns when collectstatic has not run; /healthz serves no static file.
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        application = get_wsgi_application()
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[..., None]:
        statuses.append(status)
        return lambda data: None

    def environ() -> dict[str, Any]:
        return {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": "/healthz",
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }

    for _ in range(min(200, requests)):  # warm-up: imports, URL resolver, translation catalogues
        b"".join(application(environ(), start_response))
    statuses.clear()
    durations: list[int] = []
    clock = time.perf_counter_ns
    began = clock()
    for _ in range(requests):
        start = clock()
        body = b"".join(application(environ(), start_response))
        durations.append(clock() - start)
    seconds = (clock() - began) / 1e9
    if not statuses or any(not status.startswith("200") for status in statuses):
        raise RuntimeError(f"/healthz did not answer 200 (got {statuses[:1]})")
    durations.sort()
    return {
        "name": "healthz",
        "operations": requests,
        "seconds": round(seconds, 4),
        "requests_per_second": round(requests / seconds) if seconds else None,
        "p50_us": round(_percentile(durations, 0.50) / 1000, 1),
        "p95_us": round(_percentile(durations, 0.95) / 1000, 1),
        "mean_us": round(statistics.fmean(durations) / 1000, 1),
        "body_bytes": len(body),
    }


def bench_households_by_date(days: int = HOUSEHOLD_COUNT_DAYS) -> dict[str, Any]:
    """Active households across the demo commune on ``days`` different dates (one COUNT query each).

    The count is ``Household.objects.in_unit(commune).active_on(day)``: the one statement of the rule.
    """
    from grassroots.demo import data
    from grassroots.units.models import AdministrativeUnit, Household, UnitLevel

    commune = AdministrativeUnit.objects.filter(
        level=UnitLevel.COMMUNE, code=data.COMMUNE_CODE, valid_until__isnull=True
    ).first()
    if commune is None:
        raise RuntimeError("the demo commune is missing: run `python manage.py seed_demo` or pass --prepare")
    first_day = dt.date(2025, 1, 1)
    dates = [first_day + dt.timedelta(days=offset) for offset in range(days)]
    households = Household.objects.in_unit(commune)
    counts: list[int] = []
    durations: list[int] = []
    began = time.perf_counter_ns()
    for day in dates:
        start = time.perf_counter_ns()
        counts.append(households.active_on(day).count())
        durations.append(time.perf_counter_ns() - start)
    seconds = (time.perf_counter_ns() - began) / 1e9
    durations.sort()
    return {
        "name": "households_by_date",
        "operations": days,
        "seconds": round(seconds, 4),
        "p50_us": round(_percentile(durations, 0.50) / 1000, 1),
        "p95_us": round(_percentile(durations, 0.95) / 1000, 1),
        "households_total": households.count(),
        "count_first_day": counts[0],
        "count_last_day": counts[-1],
        "distinct_counts": len(set(counts)),
    }


def load_module(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(f"grassroots_bench_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _module_runner(path: Path) -> Callable[[], dict[str, Any]]:
    def run() -> dict[str, Any]:
        return dict(load_module(path).run())

    return run


def add_ratio(result: dict[str, Any], healthz_seconds_per_request: float | None) -> None:
    seconds, operations = result.get("seconds"), result.get("operations")
    if not healthz_seconds_per_request or not isinstance(seconds, int | float) or not operations:
        return
    per_operation = seconds / operations
    result["per_operation_us"] = round(per_operation * 1e6, 3)
    result["ratio_to_healthz"] = round(per_operation / healthz_seconds_per_request, 4)


def machine_info() -> dict[str, Any]:
    from django.db import connection

    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "db_vendor": connection.vendor,
        "db_name": str(connection.settings_dict.get("NAME", "")),
    }


def _error(name: str, exc: BaseException) -> dict[str, Any]:
    return {"name": name, "error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc(limit=5)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", default=[], help="run only this figure (repeatable)")
    parser.add_argument("--out", type=Path, help="also write the JSON to this file")
    parser.add_argument("--prepare", action="store_true", help="run migrate and seed_demo first")
    parser.add_argument("--healthz-requests", type=int, default=HEALTHZ_REQUESTS)
    parser.add_argument("--bench-dir", type=Path, default=BENCH_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    wanted = {name.removeprefix("bench_") for name in args.only}

    setup_django()
    if args.prepare:
        prepare()

    results: dict[str, dict[str, Any]] = {}
    failed: list[str] = []
    try:
        healthz = bench_healthz(args.healthz_requests)
    except Exception as exc:
        healthz = _error("healthz", exc)
        failed.append("healthz")
    results["healthz"] = healthz
    healthz_per_request = (
        healthz["seconds"] / healthz["operations"] if "error" not in healthz and healthz["operations"] else None
    )

    figures: list[tuple[str, Callable[[], dict[str, Any]]]] = [("households_by_date", bench_households_by_date)]
    for path in sorted(args.bench_dir.glob("bench_*.py")):
        figures.append((path.stem.removeprefix("bench_"), _module_runner(path)))

    for name, run in figures:
        if wanted and name not in wanted:
            continue
        try:
            result = dict(run())
            add_ratio(result, healthz_per_request)
        except Exception as exc:
            result = _error(name, exc)
            failed.append(name)
        results[name] = result

    unknown = sorted(wanted - set(results))
    if unknown:
        failed.extend(unknown)
        for name in unknown:
            results[name] = {"name": name, "error": "no such figure"}
    document = {
        "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "results": results,
        "failed": failed,
    }
    text = json.dumps(document, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
