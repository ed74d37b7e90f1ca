"""What a cache hit of each public page may cost: one SQL statement (the content version), nothing more.

The vote-day pages (home, commune, disclosure list, detail, search, feed, a village's vote results) are served
from ``core.pagecache`` to anonymous visitors. A later change that adds a statement to a hit (a middleware that
reads the session, a version function that looks a unit up again) fails here, page by page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core import pagecache
from grassroots.disclosures import services
from grassroots.disclosures.models import DisclosureCategory
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

HIT_STATEMENTS = 1
"""The content version (the heads of the commune's and the ``system`` audit chains) and nothing else."""


def _vn(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture
def published(commune: AdministrativeUnit, commune_officer: User) -> Any:
    item = services.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K2"),
        title="Công khai ngân sách xã năm 2026",
        body="Nội dung.",
        decision_number="15/NQ-HĐND",
        decided_on=dt.date(2026, 11, 16),
        actor=commune_officer,
        now=_vn(2026, 11, 16),
    )
    return services.disclosure_publish(disclosure=item, actor=commune_officer, now=_vn(2026, 11, 18))


def _pages(commune: AdministrativeUnit, community: AdministrativeUnit, disclosure: Any) -> dict[str, str]:
    index = reverse("disclosures:index", args=[commune.slug])
    return {
        "home": reverse("portal:home"),
        "commune": reverse("portal:commune", args=[commune.slug]),
        "disclosure_list": index,
        "disclosure_detail": reverse("disclosures:detail", args=[commune.slug, disclosure.pk]),
        "search": f"{index}?q=ngan+sach",
        "feed": reverse("disclosures:feed", args=[commune.slug]),
        "vote_results": reverse("voting:public_results", args=[community.pk]),
    }


@pytest.mark.parametrize(
    "name", ["home", "commune", "disclosure_list", "disclosure_detail", "search", "feed", "vote_results"]
)
def test_a_cache_hit_of_each_public_page_runs_one_statement(
    client: Client,
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    published: Any,
    name: str,
    django_assert_num_queries: Any,
) -> None:
    url = _pages(commune, community, published)[name]
    fresh = client.get(url)
    assert fresh.status_code == 200
    with django_assert_num_queries(HIT_STATEMENTS):
        hit = client.get(url)
    assert hit.status_code == 200
    assert hit.content == fresh.content
    assert hit["ETag"] == fresh["ETag"]
    # A revalidation with the ETag costs the same single statement and sends no page.
    with django_assert_num_queries(HIT_STATEMENTS):
        revalidated = client.get(url, headers={"if-none-match": hit["ETag"]})
    assert revalidated.status_code == 304 and revalidated.content == b""


def test_a_hit_is_served_from_the_process_memory_without_the_shared_cache(
    client: Client, commune: AdministrativeUnit, published: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Repeats come from this process's own copy; the shared cache (Redis in production) is read once."""
    url = reverse("disclosures:index", args=[commune.slug])
    fresh = client.get(url)
    pagecache.local_clear()
    reads: list[str] = []
    shared = caches[pagecache.CACHE_ALIAS]
    original = shared.get

    def counting_get(key: str, *args: Any, **kwargs: Any) -> Any:
        reads.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(shared, "get", counting_get)
    pages = [client.get(url) for _ in range(3)]
    assert [page.content for page in pages] == [fresh.content] * 3
    assert len(reads) == 1  # the first repeat fetched it from the shared cache, the others did not


def test_the_process_copy_never_outlives_a_change(client: Client, commune: AdministrativeUnit, published: Any) -> None:
    """The process copy is found by the same key as the shared one: a write changes the key, never the copy."""
    from grassroots.core.services import audit_record

    url = reverse("disclosures:index", args=[commune.slug])
    client.get(url)
    before = client.get(url)
    audit_record(code="test.this_commune.changed", unit=commune)
    with CaptureQueriesContext(connection) as captured:
        after = client.get(url)
    assert after["ETag"] != before["ETag"]
    assert len(captured.captured_queries) > HIT_STATEMENTS  # rendered again, not served from memory


def test_the_process_copy_is_bounded() -> None:
    pagecache.local_clear()
    for index in range(pagecache.LOCAL_ENTRIES + 5):
        pagecache._local_put(f"page:{index}", (b"x", {}, 0.0))
    assert len(pagecache._local) <= pagecache.LOCAL_ENTRIES
