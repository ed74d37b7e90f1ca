"""Search without diacritics (issue 11): folding edge cases, hostile queries, newest-first pages on every path.

The same tests run on SQLite (FTS5 keyed by the search key) and PostgreSQL (stored ``search_vector``, the
bounded count choosing between the GIN index and the newest-first walk).
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.disclosures import selectors, services
from grassroots.disclosures.models import Disclosure, DisclosureCategory, Status
from grassroots.disclosures.tests.conftest import at
from grassroots.units.models import AdministrativeUnit

D = dt.date
pytestmark = pytest.mark.django_db

TITLES = {
    "road": "Đường giao thông liên thôn Đông Hòa",
    "budget": "Công khai ngân sách xã năm 2026",
    "market": "Mức thu phí chợ Đồng Xoài",
    "school": "Sửa chữa trường mầm non Hoà Bình",
}

HOSTILE_QUERIES = [
    '"',
    '""',
    "*",
    "-",
    ":",
    "ngan*",
    '"ngan sach',
    "ngan -sach",
    "title:ngan",
    "ngan:*",
    "NEAR(ngan sach)",
    "ngan AND sach",
    "ngan OR",
    "NOT",
    "'; DROP TABLE disclosures_disclosure; --",
    "ngân & sách | !đường",
    "(ngan)",
    "^ngan",
    "{ngan}",
    "\\",
    "%",
    "_",
    "ngan\x00sach",
]


def _create(unit: AdministrativeUnit, actor: User, title: str, day: D, code: str = "K4", body: str = "") -> Any:
    return services.disclosure_create(
        unit=unit,
        category=DisclosureCategory.objects.get(code=code),
        title=title,
        body=body,
        decided_on=day,
        actor=actor,
        now=at(day.year, day.month, day.day),
    )


def _publish(item: Any, actor: User, day: D) -> Any:
    return services.disclosure_publish(disclosure=item, actor=actor, now=at(day.year, day.month, day.day))


@pytest.fixture
def items(commune: AdministrativeUnit, commune_officer: User) -> dict[str, Any]:
    """Four published items; the first created is published last, so newest first is not id order."""
    created = {key: _create(commune, commune_officer, title, D(2026, 3, 2)) for key, title in TITLES.items()}
    for offset, key in enumerate(reversed(list(created))):
        created[key] = _publish(created[key], commune_officer, D(2026, 3, 10 + offset))
    return created


def _found(commune: AdministrativeUnit, query: str) -> list[str]:
    return [item.title for item in selectors.search(selectors.public_disclosures(commune), query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("duong", ["road"]),
        ("đường", ["road"]),
        ("ĐƯỜNG", ["road"]),
        ("dUoNg", ["road"]),
        ("dong hoa", ["road"]),
        ("đông hòa", ["road"]),
        ("dong xoai", ["market"]),  # "Đồng": the same letters as "Đông" once folded
        ("dong", ["market", "road"]),
        ("hoa", ["school", "road"]),  # "Hòa" and "Hoà" (tone mark on either vowel) fold alike
        ("hoà", ["school", "road"]),
        ("ho\u0300a", ["school", "road"]),  # a decomposed tone mark
        ("mam non", ["school"]),
        ("mầm non", ["school"]),
        ("thong giao duong", ["road"]),  # every word, in any order
        ("cong khai ngan sach xa", ["budget"]),
        ("ngan sa", ["budget"]),  # the last word may be a prefix
        ("sa ngan", []),  # only the last one
        ("ngan sach cho", []),  # all words must match
        ("khong co gi", []),
        ("2026", ["budget"]),
        ("k4", ["budget", "school", "market", "road"]),  # the category code is searched too
    ],
)
def test_search_folding(commune: AdministrativeUnit, items: dict[str, Any], query: str, expected: list[str]) -> None:
    """Results come newest first: "road" was created first and published last."""
    order = ["road", "budget", "market", "school"]  # published on 13, 12, 11, 10 March
    assert _found(commune, query) == [TITLES[key] for key in order if key in expected]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_do_not_fail(
    client: Client, commune: AdministrativeUnit, items: dict[str, Any], query: str
) -> None:
    found = _found(commune, query)
    assert all(title in TITLES.values() for title in found)
    page = selectors.public_search_page(selectors.public_disclosures(commune), query, 1, page_size=2, count_limit=3)
    assert [item.title for item in page.object_list] == found[:2]
    response = client.get(reverse("disclosures:index", args=[commune.slug]), {"q": query})
    assert response.status_code == 200


def test_query_with_only_punctuation_lists_everything(commune: AdministrativeUnit, items: dict[str, Any]) -> None:
    assert len(_found(commune, '" * - :')) == len(TITLES)


def test_search_stays_inside_the_commune_and_its_public_items(
    commune: AdministrativeUnit, other_commune: AdministrativeUnit, commune_officer: User, items: dict[str, Any]
) -> None:
    _create(commune, commune_officer, "Đường giao thông dự thảo", D(2026, 3, 2))  # a draft: never listed
    assert _found(commune, "duong giao") == [TITLES["road"]]
    assert _found(other_commune, "duong giao") == []


def test_first_publication_moves_an_item_to_the_top(
    commune: AdministrativeUnit, commune_officer: User, items: dict[str, Any]
) -> None:
    """SQLite keys its FTS5 rows by the first publication day: publishing must re-key the row."""
    draft = _create(commune, commune_officer, "Đường nội đồng", D(2026, 3, 2))
    assert _found(commune, "duong") == [TITLES["road"]]
    _publish(draft, commune_officer, D(2026, 3, 20))
    assert _found(commune, "duong") == ["Đường nội đồng", TITLES["road"]]


def _bulk_published(unit: AdministrativeUnit, count: int) -> list[int]:
    """``count`` published rows, two per day, all matching "thong tin"; returns their ids newest first."""
    category = DisclosureCategory.objects.get(code="K2")
    rows = []
    for number in range(count):
        day = D(2026, 1, 1) + dt.timedelta(days=number // 2)
        rows.append(
            Disclosure(
                unit=unit,
                category=category,
                status=Status.PUBLISHED,
                title=f"Thông tin số {number:03d}",
                decided_on=day,
                due_on=day + dt.timedelta(days=7),
                first_published_on=day,
                published_on=day,
                search_text=f"thong tin so {number:03d}",
            )
        )
    Disclosure.objects.bulk_create(rows)
    services.search_index_rebuild()
    return list(
        Disclosure.objects.filter(unit=unit).order_by("-first_published_on", "-pk").values_list("pk", flat=True)
    )


def _all_pages(unit: AdministrativeUnit, query: str, *, pages: int, count_limit: int) -> list[int]:
    queryset = selectors.public_disclosures(unit)
    seen: list[int] = []
    for number in range(1, pages + 1):
        page = selectors.public_search_page(queryset, query, number, page_size=10, count_limit=count_limit)
        seen.extend(item.pk for item in page.object_list)
    return seen


@pytest.mark.parametrize(
    ("probe_rows", "walk_rows"),
    [
        (1000, 10_000),  # dense: the walk counts and pages
        (5, 15),  # dense, but the walk is too short for page 2: the GIN index pages
        (2, 11),  # sparse: the GIN index counts, a walk pages
        (5, 8),  # sparse, and the walk is too short: the GIN index counts and pages
    ],
)
def test_search_pages_are_newest_first_on_every_path(
    commune: AdministrativeUnit, monkeypatch: pytest.MonkeyPatch, probe_rows: int, walk_rows: int
) -> None:
    """More matches than the count limit. PostgreSQL: every path of ``public_search_page``; SQLite reads
    FTS5 newest first whatever the settings. Pages are the same."""
    expected = _bulk_published(commune, 45)
    monkeypatch.setattr(selectors, "PUBLIC_SEARCH_PROBE_ROWS", probe_rows)
    monkeypatch.setattr(selectors, "PUBLIC_SEARCH_WALK_ROWS", walk_rows)
    assert _all_pages(commune, "thong ti", pages=5, count_limit=12) == expected
    queryset = selectors.public_disclosures(commune)
    first = selectors.public_search_page(queryset, "thong", 1, page_size=10, count_limit=12)
    assert first.count_exceeds and first.has_next and first.num_pages is None
    exact = selectors.public_search_page(queryset, "so 01", 9, page_size=10)
    assert (exact.count, exact.number, exact.has_next) == (10, 1, False)  # 010–019, past the end: the last page
    assert [item.pk for item in exact.object_list] == [pk for pk in expected if pk in set(expected[25:35])]


def test_search_page_with_category_and_no_match(commune: AdministrativeUnit, items: dict[str, Any]) -> None:
    queryset = selectors.public_disclosures(commune, category_code="K3")
    page = selectors.public_search_page(queryset, "duong", 1, page_size=20)
    assert (page.count, page.object_list, page.has_next) == (0, [], False)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table exists on SQLite only")
def test_sqlite_search_key_is_the_same_in_the_migration_and_the_service(
    commune: AdministrativeUnit, items: dict[str, Any]
) -> None:
    from grassroots.disclosures.services import search as search_service

    migration = importlib.import_module("grassroots.disclosures.migrations.0009_search_newest_first")
    assert migration.SQLITE_SEARCH_KEY == search_service.SQLITE_SEARCH_KEY

    def keys() -> list[tuple[int, str]]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid, search_text FROM disclosures_search ORDER BY rowid")
            return list(cursor.fetchall())

    incremental = keys()
    assert len(incremental) == len(TITLES)
    assert services.search_index_rebuild() == len(TITLES)
    assert keys() == incremental
    road = items["road"]
    assert incremental[-1][0] == ((road.first_published_on.toordinal() + 1_721_424) << 32) | road.pk


@pytest.mark.parametrize("matches", [1, 30])
def test_search_page_query_count_does_not_grow(
    client: Client,
    commune: AdministrativeUnit,
    commune_officer: User,
    django_assert_max_num_queries: Any,
    matches: int,
) -> None:
    """The commune, the bounded count, the page and the category list; PostgreSQL adds the probe and a walk
    or the GIN index for the page's ids (``public_search_page``): never one query per row."""
    _bulk_published(commune, matches)
    url = reverse("disclosures:index", args=[commune.slug])
    with django_assert_max_num_queries(7) as captured:
        response = client.get(url, {"q": "thong tin"})
    assert response.status_code == 200 and response.text.count('class="card"') == min(matches, 20)
    assert len(captured) >= 4  # the capture saw the request's queries
    with django_assert_max_num_queries(7) as captured:
        assert client.get(url, {"q": "thong tin", "trang": "2"}, headers={"HX-Request": "true"}).status_code == 200
    assert len(captured) >= 2
