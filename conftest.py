"""Project-wide test set-up: plain static storage (no collectstatic in tests), fixed language."""

from __future__ import annotations

import os

import pytest

pytest_plugins = ["grassroots.accounts.testing"]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's event loop + Django ORM in live_server tests


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
