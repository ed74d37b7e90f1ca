"""Phone journeys of every demo role (issue 21): log in at 360×740, read the task page, open every page it links.

Each page is checked as ``phone_checks`` says (no sideways scroll, no text cut off, tap targets ≥ 44 px, the
main action in view) and by axe-core (``axe-playwright-python``, bundled, no network): no serious or critical
violation. The demo commune is seeded once for the module into its own SQLite file and served by
``manage.py runserver`` in a child process: the journeys only read, so every role sees the same data. The
seeded file is kept in ``var/`` under a key of the code and the day, and copied by the next run.

A page that renders the same main content for several roles (the commune's public page, the template
gallery) is measured once and its result reused: the cells still count per role × page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .phone_checks import PAGE_CHECK, problems, serious_violations

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = ROOT / "var"
"""Seeded demo databases, one per version of the code and day: a run copies one instead of seeding again."""
DEMO_PASSWORD = "matkhau-demo"
LOGINS = [
    "chutich",
    "phochutich",
    "canbo",
    "truongthon1",
    "truongthonlamthoi",
    "mttq",
    "mttqthon",
    "bantt",
    "daidienho",
    "nguoidan",
    "thutruong",
    "congdoan",
    "nhanvien",
    "hieutruong",
    "giamdoc",
    "sonoivu",
    "truongthon14",
    "admin",
]
SKIPPED_PREFIXES = (
    "/admin/",  # Django's own admin: not our pages (superusers only, desktop work)
    "/tai-khoan/dang-xuat/",  # a POST form, not a page
    "/ngon-ngu/",  # the language switch: sets a cookie and goes back (the journeys read the Vietnamese pages)
)
SKIPPED_SUFFIXES = (".pdf", ".docx", ".xlsx", ".csv")  # downloads, not pages
RESIDENT_LOGINS = ("daidienho", "nguoidan")
JOURNEY_SUMMARY: list[str] = []
"""Lines for the end of the run (``conftest.pytest_terminal_summary``)."""
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@dataclass
class Site:
    url: str
    cells: list[tuple[str, str]] = field(default_factory=list)
    audited: dict[tuple[str, str], tuple[list[str], list[str], int]] = field(default_factory=dict)


def _code_fingerprint() -> str:
    """The seeded demo depends on the code (models, services, demo data) and on the day: a key for both."""
    digest = hashlib.sha256(str(dt.date.today()).encode())  # noqa: DTZ011 - a cache key, not a domain date
    for folder in ("grassroots", "config"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "tests" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The demo commune in a fresh SQLite file, served on a free port for the module's journeys."""
    database = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "true",  # runserver serves the static files (no collectstatic in tests)
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    started = time.perf_counter()
    cached = CACHE_DIR / f"browser-demo-{_code_fingerprint()}.sqlite3"
    source = f"copied from {cached.name}" if cached.exists() else "seeded"
    if not cached.exists():
        # One process for both (one Django start-up less).
        script = "from django.core.management import call_command as run; run('migrate', verbosity=0); run('seed_demo')"
        command = [sys.executable, "manage.py", "shell", "-c", script]
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        CACHE_DIR.mkdir(exist_ok=True)
        partial = cached.with_suffix(".partial")
        shutil.copyfile(database, partial)
        partial.replace(cached)
    else:
        shutil.copyfile(cached, database)
    seeded = time.perf_counter() - started
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    site = Site(url=f"http://127.0.0.1:{port}")
    try:
        for _attempt in range(100):
            try:
                with urllib.request.urlopen(f"{site.url}/healthz", timeout=2) as answer:  # noqa: S310 - local
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the demo server did not start")
        yield site
    finally:
        server.terminate()
        server.wait(timeout=10)
    serious = sum(len(result[1]) for result in site.audited.values())
    every = sum(result[2] for result in site.audited.values())
    JOURNEY_SUMMARY.append(
        f"phone journeys: {len(site.cells)} role × page cells, {len(site.audited)} distinct pages measured and "
        f"audited with axe-core: {serious} serious/critical violations ({every} of any impact); "
        f"demo ready in {seeded:.0f} s ({source})"
    )
    audited = {f"{path} {digest}": result for (path, digest), result in site.audited.items()}
    summary = {"cells": site.cells, "audited": audited}
    (tmp_path_factory.getbasetemp() / "phone-journeys.json").write_text(json.dumps(summary, ensure_ascii=False))


def _log_in(page: Page, site: Site, username: str) -> None:
    page.goto(f"{site.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(f"{site.url}/can-bo/")


def _linked_pages(page: Page) -> list[str]:
    """The task page and every page of this site its header and main content link to, once each."""
    hrefs: list[str] = page.eval_on_selector_all(
        "header a[href], main a[href]", "links => links.map(link => link.getAttribute('href'))"
    )
    paths = ["/can-bo/"]
    for href in hrefs:
        parts = urlsplit(href)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(SKIPPED_PREFIXES) or parts.path.endswith(SKIPPED_SUFFIXES) or "/atom/" in parts.path:
            continue
        if target not in paths:
            paths.append(target)
    return paths


def _open(page: Page, url: str) -> int:
    response = page.goto(url)
    assert response is not None
    return response.status


def _measure(page: Page, axe: Axe) -> tuple[list[str], list[str], int]:
    measured: dict[str, Any] = page.evaluate(PAGE_CHECK)
    violations = axe.run(page).response
    return problems(measured), serious_violations(violations), len(violations["violations"])


@pytest.mark.parametrize("username", LOGINS)
def test_role_journey_on_a_phone(demo_site: Site, page: Page, username: str) -> None:
    axe = Axe()
    # The Content Security Policy forbids inline script and <style>: the browser reports each refusal.
    refused: list[str] = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    _log_in(page, demo_site, username)
    task_page = page.inner_text("main")
    if username in RESIDENT_LOGINS:
        assert "Quá hạn" not in task_page, "residents are never overdue"
    assert "Lối tắt" in task_page
    failures: list[str] = []
    for path in _linked_pages(page):
        # The task page is already open (the login led there): measured as it is, not loaded twice.
        status = 200 if path == "/can-bo/" else _open(page, f"{demo_site.url}{path}")
        demo_site.cells.append((username, path))
        if status != 200:
            failures.append(f"{path}: HTTP {status}")
            continue
        main = CSRF_TOKEN.sub("", page.inner_html("main"))  # a fresh token each time: not content
        digest = hashlib.sha1(main.encode(), usedforsecurity=False).hexdigest()
        key = (path, digest)
        if key not in demo_site.audited:
            demo_site.audited[key] = _measure(page, axe)
        layout, accessibility, _all = demo_site.audited[key]
        failures.extend(f"{path}: {problem}" for problem in layout + accessibility)
    failures.extend(f"refused by the Content Security Policy: {text}" for text in refused)
    assert failures == [], f"{username}: {failures}"
