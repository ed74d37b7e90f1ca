"""Public portal: commune list with search (full page and HTMX partial) and a commune's home page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

NOW = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[Any]:
    with mock.patch("grassroots.core.clock.now", return_value=NOW):
        yield


def test_home_lists_only_communes_with_communities(client: Client, tree: Any) -> None:
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    [group] = response.context["groups"]
    assert group.province == tree["province"]
    assert [c.slug for c in group.communes] == ["hoa-thu"]
    assert group.communes[0].community_count == 2
    assert reverse("portal:commune", args=["hoa-thu"]) in response.content.decode()


def test_search_filters_and_htmx_returns_the_partial(client: Client, tree: Any) -> None:
    response = client.get(reverse("portal:home"), {"q": "không có"})
    assert response.context["groups"] == []
    response = client.get(
        reverse("portal:home"), {"q": "hòa thử"}, headers={"HX-Request": "true", "HX-Target": "commune-results"}
    )
    assert response.status_code == 200
    assert response.templates[0].name == "portal/_commune_results.html"
    assert "Xã Hòa Thử" in response.content.decode()


def test_commune_page_shows_communities_and_counts(client: Client, tree: Any) -> None:
    response = client.get(reverse("portal:commune", args=["hoa-thu"]))
    assert response.status_code == 200
    counts = [(row.community.name, row.households) for row in response.context["communities"]]
    assert counts == [("Thôn Một", 3), ("Thôn Hai", 1)]
    assert response.context["total_households"] == 4
    html = response.content.decode()
    assert 'id="cong-khai"' in html
    assert "Tỉnh Thử" in html


@pytest.mark.django_db
def test_unknown_commune_is_404(client: Client) -> None:
    assert client.get(reverse("portal:commune", args=["khong-co"])).status_code == 404


@pytest.mark.django_db
def test_english_portal(client: Client) -> None:
    client.cookies["django_language"] = "en"  # chosen with the language switch
    response = client.get(reverse("portal:home"), headers={"Accept-Language": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Grassroots democracy public portal" in html
    assert "Skip to main content" in html
