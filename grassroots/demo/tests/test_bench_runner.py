"""bench/run.py: the healthz baseline, ratios, the JSON shape and failure reporting (tiny sizes)."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from django.conf import settings
from django.core import signals
from django.db import close_old_connections

# Django's request_started handler checks open connections, so each test may touch the test database.
pytestmark = pytest.mark.django_db

RUNNER = Path(settings.BASE_DIR) / "bench" / "run.py"

FAKE_OK = """
def run():
    return {"name": "fake", "operations": 10, "seconds": 0.001}
"""
FAKE_BROKEN = """
def run():
    raise ValueError("broken on purpose")
"""


@pytest.fixture(autouse=True)
def keep_test_connection() -> Iterator[None]:
    """Like Django's test Client, stop the request cycle from closing the test transaction's connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_runner_under_test", RUNNER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_runner_prints_json_with_healthz_and_ratios(
    runner: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bench_fake.py").write_text(FAKE_OK)
    out = tmp_path / "figures.json"
    code = runner.main(["--bench-dir", str(tmp_path), "--only", "fake", "--healthz-requests", "30", "--out", str(out)])
    assert code == 0
    document = json.loads(capsys.readouterr().out)
    assert json.loads(out.read_text()) == document
    assert set(document) == {"timestamp", "machine", "results", "failed"}
    assert document["failed"] == []
    assert {"python", "db_vendor", "cpu_count"} <= set(document["machine"])
    healthz = document["results"]["healthz"]
    assert healthz["operations"] == 30
    assert healthz["requests_per_second"] > 0
    assert 0 < healthz["p50_us"] <= healthz["p95_us"]
    fake = document["results"]["fake"]
    assert fake["per_operation_us"] == 100.0
    assert fake["ratio_to_healthz"] > 0
    assert "households_by_date" not in document["results"]


def test_a_failing_module_is_reported_and_exits_non_zero(
    runner: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bench_fake.py").write_text(FAKE_OK)
    (tmp_path / "bench_broken.py").write_text(FAKE_BROKEN)
    code = runner.main(["--bench-dir", str(tmp_path), "--healthz-requests", "5", "--only", "fake", "--only", "broken"])
    assert code == 1
    document = json.loads(capsys.readouterr().out)
    assert document["failed"] == ["broken"]
    assert document["results"]["broken"]["error"] == "ValueError: broken on purpose"
    assert "ratio_to_healthz" in document["results"]["fake"]


def test_household_figure_needs_the_demo_commune(
    runner: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = runner.main(["--bench-dir", str(tmp_path), "--healthz-requests", "5", "--only", "households_by_date"])
    assert code == 1
    document = json.loads(capsys.readouterr().out)
    assert "demo commune is missing" in document["results"]["households_by_date"]["error"]
