"""Screenshots of every demo role's main pages: ``python manage.py screenshots OUTDIR``.

For each login (the demo's 18 by default, or ``--user``) it opens the task page and the entry pages of its
shortcuts (``dashboard.navigation.nav_links``, the same list the task page shows), on a phone (360×740) and
on a desktop (1280×800), and writes ``OUTDIR/<login>/<nn>-<page>-phone.png`` and ``-desktop.png``.

It serves the current database itself (a WSGI server in a thread, static files included) and drives
Debian's chromium through Playwright; run ``seed_demo`` first. Sessions are opened directly, so no
password is needed. Screenshots show the first screen (``--full-page`` for the whole page).
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.accounts.models import User
from grassroots.core import clock
from grassroots.dashboard.navigation import nav_links
from grassroots.dashboard.selectors import memberships_active
from grassroots.demo import data

CHROMIUM = "/usr/bin/chromium"
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"


class Command(BaseCommand):
    help = "Write phone (360×740) and desktop (1280×800) screenshots of every demo role's main pages to OUTDIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("outdir", type=Path)
        parser.add_argument("--user", action="append", dest="users", help="a login to take (repeatable)")
        parser.add_argument("--full-page", action="store_true", help="the whole page, not only the first screen")
        parser.add_argument("--chromium", default=CHROMIUM, help="the chromium executable")

    def handle(self, *args: Any, **options: Any) -> None:
        usernames = options["users"] or [seed.username for seed in data.ROLE_USERS] + [data.ADMIN_USERNAME]
        users = {user.username: user for user in User.objects.filter(username__in=usernames)}
        missing = [name for name in usernames if name not in users]
        if missing:
            raise CommandError(f"No such users: {', '.join(missing)} (run seed_demo first).")
        # Every database read happens here, before Playwright starts its event loop in this thread.
        today = clock.today()
        plans = []
        for name in usernames:
            user = users[name]
            pages = [("viec-can-lam", "/can-bo/")] + [
                (_slug(link.url_name.split(":")[-1]), link.url)
                for link in nav_links(user, list(memberships_active(user, today)), today)
            ]
            plans.append((name, self._session_key(user), pages))
        # Playwright's sync API refuses to run where an asyncio loop is running (a test process that already
        # drives a browser): it gets a thread of its own.
        outcome: dict[str, Any] = {}

        def shoot() -> None:
            try:
                outcome["written"] = self._shoot(
                    plans, options["outdir"], full_page=options["full_page"], chromium=options["chromium"]
                )
            except BaseException as error:  # re-raised in the command's thread
                outcome["error"] = error

        worker = threading.Thread(target=shoot)
        worker.start()
        worker.join()
        if "error" in outcome:
            raise outcome["error"]
        written = int(outcome["written"])
        self.stdout.write(self.style.SUCCESS(f"Wrote {written} screenshots to {options['outdir']}."))

    @staticmethod
    def _session_key(user: User) -> str:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        assert session.session_key is not None
        return session.session_key

    def _shoot(self, plans: list[tuple[str, str, list[tuple[str, str]]]], outdir: Path, **options: Any) -> int:
        from playwright.sync_api import sync_playwright

        application = StaticFilesHandler(WSGIHandler())
        server = make_server("127.0.0.1", 0, application, server_class=_ThreadingServer, handler_class=_QuietHandler)
        host, port = server.server_address[:2]
        base = f"http://{host!s}:{port}"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        written = 0
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=options["chromium"], args=["--no-sandbox"])
                for username, session_key, pages in plans:
                    folder = outdir / username
                    folder.mkdir(parents=True, exist_ok=True)
                    for device, viewport in VIEWPORTS.items():
                        context = browser.new_context(viewport=viewport, locale="vi-VN")  # type: ignore[arg-type]
                        cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session_key, "url": base}
                        context.add_cookies([cookie])  # type: ignore[list-item]
                        page = context.new_page()
                        for number, (name, path) in enumerate(pages, start=1):
                            page.goto(base + path)
                            target = folder / f"{number:02d}-{name}-{device}.png"
                            page.screenshot(path=str(target), full_page=options["full_page"])
                            written += 1
                        context.close()
                    self.stdout.write(f"{username}: {len(pages)} pages")
                browser.close()
        finally:
            server.shutdown()
        return written
