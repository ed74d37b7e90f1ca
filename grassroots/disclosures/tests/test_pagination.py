"""The portal list's pagination: a bounded count, next/previous links and the newest-first order."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.disclosures import selectors
from grassroots.disclosures.models import Disclosure, DisclosureCategory, Status
from grassroots.units.models import AdministrativeUnit

D = dt.date
pytestmark = pytest.mark.django_db


def make_published(unit: AdministrativeUnit, count: int) -> list[Disclosure]:
    """``count`` published disclosures, two per day, so that the order needs the id as tie-breaker."""
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
                body="Nội dung.",
                decision_number=f"{number}/QĐ-UBND",
                decided_on=day,
                due_on=day + dt.timedelta(days=7),
                first_published_on=day,
                published_on=day,
                search_text=f"thong tin so {number:03d}",
            )
        )
    return Disclosure.objects.bulk_create(rows)


def test_public_page_counts_and_neighbours(commune: AdministrativeUnit) -> None:
    make_published(commune, 45)
    queryset = selectors.public_disclosures(commune)
    first = selectors.public_page(queryset, "1", page_size=20)
    assert (first.count, first.num_pages, first.count_exceeds) == (45, 3, False)
    assert len(first.object_list) == 20 and first.has_next and not first.has_previous
    assert first.next_page_number == 2
    last = selectors.public_page(queryset, 3, page_size=20)
    assert len(last.object_list) == 5 and not last.has_next and last.has_previous
    assert last.previous_page_number == 2
    # Past the end: the last page; nonsense: the first.
    assert selectors.public_page(queryset, 99, page_size=20).number == 3
    assert selectors.public_page(queryset, "abc", page_size=20).number == 1
    assert selectors.public_page(queryset, "-4", page_size=20).number == 1
    # Every item appears exactly once across the pages, newest first with the id breaking ties.
    seen = [item.pk for n in (1, 2, 3) for item in selectors.public_page(queryset, n, page_size=20).object_list]
    expected = list(
        Disclosure.objects.filter(unit=commune).order_by("-first_published_on", "-pk").values_list("pk", flat=True)
    )
    assert seen == expected


def test_public_page_stops_counting_at_the_limit(commune: AdministrativeUnit) -> None:
    make_published(commune, 25)
    queryset = selectors.public_disclosures(commune)
    page = selectors.public_page(queryset, 2, page_size=10, count_limit=12)
    assert page.count_exceeds and page.num_pages is None and page.count == 13
    assert page.number == 2 and page.has_next and page.has_previous
    # Beyond the counted rows the number is kept (the count is not exact), and the list may be empty.
    far = selectors.public_page(queryset, 4, page_size=10, count_limit=12)
    assert far.number == 4 and far.object_list == [] and not far.has_next
    huge = selectors.public_page(queryset, "9" * 40, page_size=10, count_limit=12)
    assert huge.number == selectors.PUBLIC_MAX_PAGE and huge.object_list == []


def test_portal_list_links_to_next_and_previous_pages(client: Client, commune: AdministrativeUnit) -> None:
    make_published(commune, 25)
    url = reverse("disclosures:index", args=[commune.slug])
    first = client.get(url)
    assert first.status_code == 200
    assert "25 thông tin" in first.text and "Trang 1/2" in first.text
    assert 'rel="next"' in first.text and "trang=2" in first.text and 'rel="prev"' not in first.text
    assert "Thông tin số 024" in first.text and "Thông tin số 004" not in first.text
    second = client.get(url, {"trang": "2"})
    assert second.status_code == 200 and "Trang 2/2" in second.text
    assert 'rel="prev"' in second.text and "trang=1" in second.text and 'rel="next"' not in second.text
    assert "Thông tin số 004" in second.text and "Thông tin số 024" not in second.text
    assert client.get(url, {"trang": "x"}).status_code == 200
    assert "Trang 2/2" in client.get(url, {"trang": "999"}).text


def test_portal_list_says_more_than_the_limit(
    client: Client, commune: AdministrativeUnit, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_published(commune, 25)
    monkeypatch.setattr(selectors, "PUBLIC_COUNT_LIMIT", 12)
    real = selectors.public_page
    monkeypatch.setattr(
        selectors, "public_page", lambda q, n, page_size: real(q, n, page_size=page_size, count_limit=12)
    )
    response = client.get(reverse("disclosures:index", args=[commune.slug]))
    assert "Hơn 12 thông tin" in response.text and "Trang 1" in response.text and "Trang 1/" not in response.text
    assert 'rel="next"' in response.text
