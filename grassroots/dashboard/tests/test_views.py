"""The staff dashboard: login required, the user's roles, the provincial roll-up, the task partial."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.dashboard import registry
from grassroots.dashboard.registry import TaskItem
from grassroots.dashboard.selectors import province_rollup

from .conftest import DAY

NOW = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[Any]:
    with mock.patch("grassroots.core.clock.now", return_value=NOW):
        yield


@pytest.mark.django_db
def test_login_required(client: Client) -> None:
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_officer_sees_roles_commune_and_empty_state(client: Client, officer: User, tree: Any) -> None:
    client.force_login(officer)
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    assert response.context["commune"] == tree["commune"]
    assert [m.role for m in response.context["memberships"]] == ["commune_officer"]
    assert response.context["tasks"].total == 0
    assert response.context["rollups"] == []
    html = response.content.decode()
    assert "Xã Hòa Thử" in html
    assert 'lang="vi"' in html


def test_registered_tasks_show_with_deadline(client: Client, officer: User) -> None:
    saved = registry.registered_providers()
    registry.register_task_provider(
        "test", lambda user, today: [TaskItem("Niêm yết dự toán", "/x", dt.date(2026, 11, 24), unit="Xã Hòa Thử")]
    )
    try:
        client.force_login(officer)
        response = client.get(reverse("dashboard:home"))
    finally:
        registry._providers.clear()
        registry._providers.update(saved)
    groups = response.context["tasks"]
    assert [item.title for item in groups.due_soon] == ["Niêm yết dự toán"]
    assert groups.due_soon[0].working_days_left == 2
    html = response.content.decode()
    assert "badge-soon" in html
    assert "24/11/2026" in html


def test_task_partial_for_htmx(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.get(reverse("dashboard:home") + "?part=tasks", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.templates[0].name == "dashboard/_tasks.html"
    assert b"<html" not in response.content


def test_provincial_rollup_numbers(client: Client, provincial_officer: User, tree: Any) -> None:
    client.force_login(provincial_officer)
    response = client.get(reverse("dashboard:home"))
    [rollup] = response.context["rollups"]
    rows = {row.commune.code: (row.communities, row.households) for row in rollup.rows}
    # Thôn Hai's moved household left on 01/01/2026, so 3 + 1 households count today.
    assert rows == {"X9901": (2, 4), "X9902": (0, 0)}
    assert rollup.total_households == 4
    assert "Xã Trống" in response.content.decode()


def test_rollup_counts_by_date(tree: Any) -> None:
    rollup = province_rollup(tree["province"], dt.date(2025, 12, 31))
    assert {row.commune.code: row.households for row in rollup.rows}["X9901"] == 5
    assert province_rollup(tree["province"], DAY).total_households == 4


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("commune_officer", {"units:index", "accounts:user_list", "documents:list"}),
        ("village_head", {"units:index", "documents:list", "voting:vote_list", "elections:election_list"}),
        ("resident", set()),
    ],
)
def test_quick_links_only_lead_to_pages_the_user_may_open(
    client: Client, request: pytest.FixtureRequest, persona: Any, expected: Any
) -> None:
    user = request.getfixturevalue(persona)
    client.force_login(user)
    response = client.get(reverse("dashboard:home"))
    hrefs = {link.url for link in response.context["quick_links"]}
    assert {reverse(name) for name in expected} <= hrefs
    forbidden = {
        "units:index",
        "calendar:override_list",
        "accounts:user_list",
        "documents:list",
        "voting:vote_list",
        "elections:election_list",
    } - expected
    assert not hrefs & {reverse(name) for name in forbidden}
