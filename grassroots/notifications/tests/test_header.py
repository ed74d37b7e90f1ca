"""The inbox link in the site header: the unread count, read with one query per request."""

from __future__ import annotations

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.notifications import services
from grassroots.notifications.kinds import REMINDER


def _header(html: str) -> str:
    found = re.search(r'<header class="site-header">(.*?)</header>', html, re.S)
    assert found is not None
    return found.group(1)


def test_the_header_links_to_the_inbox_with_the_unread_count(client: Client, resident: User) -> None:
    for number in range(3):
        services.notify(users=[resident], kind=REMINDER, params={"title": f"Việc {number}", "days": 1, "due": ""})
    client.force_login(resident)
    header = _header(client.get(reverse("dashboard:home")).content.decode())
    assert f'href="{reverse("notifications:inbox")}"' in header
    assert '<span class="nav-count">3<span class="visually-hidden"> chưa đọc</span></span>' in header
    client.post(reverse("notifications:read_all"))
    header = _header(client.get(reverse("dashboard:home")).content.decode())
    assert "nav-count" not in header
    assert f'href="{reverse("notifications:inbox")}"' in header


def test_anonymous_visitors_see_no_inbox_link(client: Client, db: None) -> None:
    header = _header(client.get(reverse("portal:home")).content.decode())
    assert reverse("notifications:inbox") not in header


def test_the_count_costs_one_query_per_request(client: Client, resident: User) -> None:
    from grassroots.notifications.templatetags.notifications_tags import unread_notifications

    services.notify(users=[resident], kind=REMINDER, params={"title": "Việc", "days": 1, "due": ""})
    request = client.get(reverse("portal:home")).wsgi_request  # a request object to hang the count on
    request.user = resident
    with CaptureQueriesContext(connection) as queries:
        counts = [unread_notifications({"request": request}) for _ in range(3)]
    assert counts == [1, 1, 1]
    assert len([q for q in queries.captured_queries if "notifications_notification" in q["sql"]]) == 1
