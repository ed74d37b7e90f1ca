"""Every capability the matrix grants a demo role is reachable from its task page (issue 21).

The task page's links (site menu and shortcuts) are resolved to URL names; each action the role holds must
have an entry in ``ACTION_ENTRY_PAGES`` and at least one of its entry pages linked. Every linked page of
the site must open (no shortcut that ends in a 403 or a 404).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from html.parser import HTMLParser
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from grassroots.accounts.models import User
from grassroots.accounts.rules import Action, allows_anywhere
from grassroots.accounts.selectors import user_roles
from grassroots.dashboard.navigation import ACTION_ENTRY_PAGES, PAGES
from grassroots.demo import data
from grassroots.demo import services as demo_services

NOW = dt.datetime(2026, 11, 25, 3, 0, tzinfo=dt.UTC)
LOGINS = [seed.username for seed in data.ROLE_USERS] + [data.ADMIN_USERNAME]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def linked_pages(html: str) -> dict[str, str]:
    """URL name → path of every link to a page of this site."""
    parser = _Links()
    parser.feed(html)
    pages: dict[str, str] = {}
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        try:
            match = resolve(parts.path)
        except Resolver404:
            continue
        pages.setdefault(match.view_name, parts.path)
    return pages


@pytest.fixture
def demo_roles(db: None) -> Iterator[None]:
    """The demo's 18 logins in a small commune: 12 households a community, no activity (it needs more)."""
    small = [(name, 12) for name, _count in data.COMMUNITIES]
    with (
        mock.patch.object(data, "COMMUNITIES", small),
        mock.patch.object(demo_services, "demo_activity_seed", return_value={}),
        mock.patch("grassroots.core.clock.now", return_value=NOW),
    ):
        demo_services.demo_seed()
        yield


def test_every_action_has_entry_pages_with_labels() -> None:
    missing = [action.name for action in Action if not ACTION_ENTRY_PAGES.get(action)]
    assert missing == [], f"Actions without an entry page in ACTION_ENTRY_PAGES: {missing}"
    unlabelled = {name for pages in ACTION_ENTRY_PAGES.values() for name in pages} - set(PAGES)
    assert unlabelled == set()


def test_demo_has_eighteen_logins() -> None:
    assert len(set(LOGINS)) == 18


@pytest.mark.parametrize("username", LOGINS)
def test_every_granted_capability_is_linked_from_the_task_page(client: Client, demo_roles: None, username: str) -> None:
    user = User.objects.get(username=username)
    client.force_login(user)
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    pages = linked_pages(response.content.decode())
    roles = user_roles(user)
    granted = [action for action in Action if allows_anywhere(action, roles=roles, is_superuser=user.is_superuser)]
    assert granted, f"{username} holds no action at all"
    unreachable = []
    for action in granted:
        entries = ACTION_ENTRY_PAGES.get(action)
        if not entries:
            unreachable.append(f"{action.name}: no entry page in ACTION_ENTRY_PAGES")
        elif not set(entries) & set(pages):
            unreachable.append(f"{action.name}: none of {entries} is linked")
    assert unreachable == [], f"{username} cannot reach: {unreachable}"
    broken = {
        name: client.get(path).status_code
        for name, path in pages.items()
        if name not in ("accounts:logout", "language")  # a POST form; the language switch redirects back
    }
    assert {name: status for name, status in broken.items() if status != 200} == {}
