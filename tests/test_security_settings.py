"""Security headers, the Content Security Policy, CSRF on every form, and `check --deploy` in production.

Each test is written as the attack it stops: a script injected into a page finds no inline-script
allowance, a form posted from another site finds no token-less door, a production deployment that
forgot HTTPS settings fails the deploy check.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)


def _template_files() -> list[Path]:
    dirs = [ROOT / "templates", *sorted((ROOT / "grassroots").glob("*/templates"))]
    return sorted(path for folder in dirs for path in folder.rglob("*.html"))


def _policy(response: Any) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    policy: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


@pytest.mark.django_db
def test_public_and_staff_pages_carry_a_policy_without_inline_script(client: Client, django_user_model: Any) -> None:
    staff = django_user_model.objects.create_superuser(username="csp-admin", password="x-Secret-123456")
    pages = [(client, reverse("portal:home"))]
    signed_in = Client()
    signed_in.force_login(staff)
    pages.append((signed_in, reverse("dashboard:home")))
    for browser, url in pages:
        response = browser.get(url)
        assert response.status_code == 200, url
        policy = _policy(response)
        assert policy["script-src"] == ["'self'"], url
        assert policy["default-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        for directive in ("script-src", "style-src", "default-src"):
            assert "'unsafe-inline'" not in policy[directive], (url, directive)
            assert "'unsafe-eval'" not in policy[directive], (url, directive)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "same-origin"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.I)


def test_no_template_holds_inline_script_handlers_or_style_elements() -> None:
    """The policy allows no inline script, so a template that relies on one is broken in the browser.

    Behaviour goes through ``static/js/app.js`` (``data-print``, ``data-autosubmit``).
    """
    offenders = []
    # Rendered by WeasyPrint into a PDF on the server (documents/render_pdf.py), never served as a page.
    pdf_only = ROOT / "grassroots/documents/templates/documents/print"
    files = [path for path in _template_files() if pdf_only not in path.parents]
    assert len(files) > 50, "the template scan found too few templates to be looking in the right place"
    for path in files:
        text = path.read_text(encoding="utf-8")
        for pattern, what in (
            (INLINE_SCRIPT, "inline <script>"),
            (HANDLER, "on*= handler"),
            (STYLE_ELEMENT, "<style> element"),
            (JS_URL, "javascript: URL"),
        ):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert not offenders, "\n".join(offenders)


def test_the_scan_finds_what_it_looks_for() -> None:
    """The patterns above catch the forms of inline script they are meant to catch."""
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/app.js" defer></script>')
    assert HANDLER.search('<select name="x" onchange="this.form.submit()">')
    assert not HANDLER.search('<select name="x" data-autosubmit>')
    assert STYLE_ELEMENT.search("<style>body{}</style>")
    assert JS_URL.search('<a href="javascript:void(0)">')


FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.I | re.S)
INCLUDE = re.compile(r"{%\s*include\s+[\"']([^\"']+)[\"']")


def _template_text(name: str) -> str:
    for folder in [ROOT / "templates", *sorted((ROOT / "grassroots").glob("*/templates"))]:
        path = folder / name
        if path.exists():
            return path.read_text(encoding="utf-8")
    return ""


def test_every_post_form_carries_a_csrf_token() -> None:
    missing = []
    checked = 0
    for path in _template_files():
        text = path.read_text(encoding="utf-8")
        for match in FORM.finditer(text):
            attributes, body = match.groups()
            if not re.search(r"method\s*=\s*[\"']post[\"']", attributes, re.I):
                continue
            checked += 1
            included = "".join(_template_text(name) for name in INCLUDE.findall(body))
            if "csrf_token" not in body and "csrf_token" not in included:
                line = text.count("\n", 0, match.start()) + 1
                missing.append(f"{path.relative_to(ROOT)}:{line}")
    assert checked > 20
    assert not missing, "POST forms without {% csrf_token %}:\n" + "\n".join(missing)


@pytest.mark.django_db
def test_a_cross_site_post_without_the_token_is_refused(django_user_model: Any) -> None:
    """A page on another site makes a signed-in officer's browser post: CSRF refuses it."""
    officer = django_user_model.objects.create_superuser(username="csrf-admin", password="x-Secret-123456")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(officer)
    response = browser.post(reverse("accounts:logout"))
    assert response.status_code == 403
    assert "_auth_user_id" in browser.session


def test_only_the_open311_api_is_exempt_from_csrf() -> None:
    """Token-less endpoints are machine APIs that never rely on a session cookie."""
    exempt = []
    for path in sorted((ROOT / "grassroots").rglob("*.py")):
        if "tests" in path.parts:
            continue
        if "@csrf_exempt" in path.read_text(encoding="utf-8"):
            exempt.append(str(path.relative_to(ROOT)))
    allowed = {"grassroots/petitions/open311.py", "grassroots/api/views.py", "grassroots/api/auth.py"}
    assert set(exempt) <= allowed, exempt


def _deploy_check(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "BEHIND_", "EMAIL_")) and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "dancu.example.gov.vn",
            "EMAIL_HOST": "smtp.example.gov.vn",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = _deploy_check({})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in (result.stdout + result.stderr)


def test_check_deploy_fails_when_production_turns_https_off() -> None:
    """The check is not vacuous: a deployment without HTTPS cookies and HSTS is reported."""
    result = _deploy_check({"SECURE_COOKIES": "false", "SECURE_HSTS_SECONDS": "0", "SECURE_SSL_REDIRECT": "false"})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for code in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert code in output, code


def _setting(name: str, extra_env: dict[str, str]) -> str:
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", **extra_env})
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return result.stdout.strip()


def test_sessions_are_read_from_the_shared_redis_only_when_there_is_one() -> None:
    """A per-process session cache would keep a logged-out session alive in another worker."""
    assert _setting("SESSION_ENGINE", {}) == "django.contrib.sessions.backends.db"
    shared = _setting("SESSION_ENGINE", {"REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert shared == "django.contrib.sessions.backends.cached_db"
