"""The public page cache (core.pagecache) on the disclosure pages: fast repeats, never a stale or personal page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.accounts.testing import PERSONA_PASSWORD
from grassroots.core import clock
from grassroots.disclosures import services
from grassroots.disclosures.models import DisclosureCategory
from grassroots.disclosures.tests.conftest import at
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
D = dt.date


def _publish(commune: AdministrativeUnit, officer: User, title: str, day: int = 18) -> Any:
    item = services.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K2"),
        title=title,
        body="Nội dung.",
        decision_number="15/NQ-HĐND",
        decided_on=D(2026, 11, 16),
        actor=officer,
        now=at(2026, 11, 16),
    )
    return services.disclosure_publish(disclosure=item, actor=officer, now=at(2026, 11, day))


@pytest.fixture
def first(commune: AdministrativeUnit, commune_officer: User) -> Any:
    return _publish(commune, commune_officer, "Công khai ngân sách xã năm 2026")


def _queries(client: Client, url: str, **headers: str) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    return response, len(captured.captured_queries)


def test_a_repeat_is_served_from_the_cache_with_one_version_query(
    client: Client, commune: AdministrativeUnit, first: Any
) -> None:
    url = reverse("disclosures:index", args=[commune.slug])
    fresh, fresh_queries = _queries(client, url)
    repeat, repeat_queries = _queries(client, url)
    assert fresh.status_code == repeat.status_code == 200
    assert repeat.content == fresh.content
    assert fresh_queries > 1
    assert repeat_queries == 1  # the content version, nothing else
    assert repeat["ETag"] == fresh["ETag"]
    assert repeat["Cache-Control"] == "public, no-cache"
    assert "Cookie" in repeat["Vary"]


def test_a_publication_shows_at_once_on_the_list_and_changes_the_etag(
    client: Client, commune: AdministrativeUnit, commune_officer: User, first: Any
) -> None:
    url = reverse("disclosures:index", args=[commune.slug])
    before = client.get(url)
    _publish(commune, commune_officer, "Kế hoạch sử dụng đất năm 2027", day=19)
    after = client.get(url)
    assert "Kế hoạch sử dụng đất năm 2027" not in before.text
    assert "Kế hoạch sử dụng đất năm 2027" in after.text
    assert after["ETag"] != before["ETag"]


def test_a_withdrawal_shows_at_once_on_the_detail_page(
    client: Client, commune: AdministrativeUnit, commune_officer: User, first: Any
) -> None:
    url = reverse("disclosures:detail", args=[commune.slug, first.pk])
    before = client.get(url)
    services.disclosure_withdraw(disclosure=first, reason="Nhầm số liệu", actor=commune_officer, now=at(2026, 12, 19))
    after = client.get(url)
    assert before.status_code == after.status_code == 200
    assert after.content != before.content
    assert after["ETag"] != before["ETag"]


def test_the_etag_answers_304_without_rendering(client: Client, commune: AdministrativeUnit, first: Any) -> None:
    url = reverse("disclosures:detail", args=[commune.slug, first.pk])
    etag = client.get(url)["ETag"]
    response, queries = _queries(client, url, if_none_match=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert queries == 1
    stale, _ = _queries(client, url, if_none_match='"0000"')
    assert stale.status_code == 200


def test_an_old_etag_gets_the_new_page_after_a_change(
    client: Client, commune: AdministrativeUnit, commune_officer: User, first: Any
) -> None:
    url = reverse("disclosures:index", args=[commune.slug])
    old = client.get(url)["ETag"]
    _publish(commune, commune_officer, "Quyết toán ngân sách năm 2025", day=19)
    response = client.get(url, headers={"if-none-match": old})
    assert response.status_code == 200
    assert "Quyết toán ngân sách năm 2025" in response.text


def test_a_new_day_is_a_new_key(
    client: Client, commune: AdministrativeUnit, first: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = reverse("disclosures:detail", args=[commune.slug, first.pk])
    monkeypatch.setattr(clock, "now", lambda: at(2026, 11, 20, 23))
    evening = client.get(url)["ETag"]
    monkeypatch.setattr(clock, "now", lambda: at(2026, 11, 21, 1))
    _response, queries = _queries(client, url)
    assert _response["ETag"] != evening
    assert queries > 1  # rendered again: "còn N ngày" changes at midnight without any write


def test_languages_do_not_share_a_page(client: Client, commune: AdministrativeUnit, first: Any) -> None:
    url = reverse("disclosures:index", args=[commune.slug])
    vietnamese = client.get(url)
    client.cookies["django_language"] = "en"  # chosen with the language switch
    english = client.get(url)
    assert vietnamese["ETag"] != english["ETag"]
    assert vietnamese["Content-Language"] == "vi"
    assert english["Content-Language"] == "en"


def test_search_pages_are_cached_per_query(client: Client, commune: AdministrativeUnit, first: Any) -> None:
    url = reverse("disclosures:index", args=[commune.slug])
    found = client.get(url, {"q": "ngan sach"})
    missing = client.get(url, {"q": "dat dai"})
    assert "Công khai ngân sách xã năm 2026" in found.text
    assert "Công khai ngân sách xã năm 2026" not in missing.text
    again, queries = _queries(client, f"{url}?q=dat+dai")
    assert again.content == missing.content and queries == 1


def test_a_signed_in_person_never_gets_the_anonymous_copy(
    client: Client, commune: AdministrativeUnit, commune_officer: User, first: Any
) -> None:
    url = reverse("disclosures:index", args=[commune.slug])
    anonymous = client.get(url)
    assert client.login(username=commune_officer.username, password=PERSONA_PASSWORD)
    response, queries = _queries(client, url)
    assert queries > 1  # rendered for this person
    assert "ETag" not in response
    assert "Đăng xuất" in response.text and "Đăng xuất" not in anonymous.text


def test_a_signed_in_page_never_reaches_anonymous_visitors(
    client: Client, commune: AdministrativeUnit, commune_officer: User, first: Any
) -> None:
    url = reverse("disclosures:index", args=[commune.slug])
    assert client.login(username=commune_officer.username, password=PERSONA_PASSWORD)
    personal = client.get(url)
    anonymous = Client().get(url)
    assert "Đăng xuất" in personal.text  # the signed-in header
    assert "Đăng xuất" not in anonymous.text
    assert "csrfmiddlewaretoken" not in anonymous.text


def test_one_commune_never_gets_another_communes_page(
    client: Client,
    commune: AdministrativeUnit,
    other_commune: AdministrativeUnit,
    commune_officer: User,
    first: Any,
) -> None:
    client.get(reverse("disclosures:index", args=[commune.slug]))
    other = client.get(reverse("disclosures:index", args=[other_commune.slug]))
    assert other.status_code == 200
    assert "Công khai ngân sách xã năm 2026" not in other.text


def test_a_missing_page_is_not_cached(client: Client, commune: AdministrativeUnit) -> None:
    response = client.get(reverse("disclosures:detail", args=[commune.slug, 999_999]))
    assert response.status_code == 404
    assert "ETag" not in response


def test_the_feed_follows_a_publication(
    client: Client, commune: AdministrativeUnit, commune_officer: User, first: Any
) -> None:
    url = reverse("disclosures:feed", args=[commune.slug])
    before = client.get(url)
    _publish(commune, commune_officer, "Kế hoạch sử dụng đất năm 2027", day=19)
    after = client.get(url)
    assert "Kế hoạch sử dụng đất năm 2027" not in before.text
    assert "Kế hoạch sử dụng đất năm 2027" in after.text
    assert after["Content-Type"].startswith("application/atom+xml")


def test_another_communes_writes_leave_this_communes_pages_cached(
    client: Client, commune: AdministrativeUnit, other_commune: AdministrativeUnit, first: Any
) -> None:
    from grassroots.core.services import audit_record

    url = reverse("disclosures:index", args=[commune.slug])
    before = client.get(url)["ETag"]
    audit_record(code="test.other_commune.changed", unit=other_commune)
    _response, queries = _queries(client, url)
    assert _response["ETag"] == before and queries == 1
    audit_record(code="test.this_commune.changed", unit=commune)
    assert client.get(url)["ETag"] != before


def test_a_system_write_changes_every_page(client: Client, commune: AdministrativeUnit, first: Any) -> None:
    """The calendar, accounts and the gazetteer write to the ``system`` chain; their changes show everywhere."""
    from grassroots.core.services import audit_record

    pages = [reverse("disclosures:index", args=[commune.slug]), reverse("portal:home")]
    before = [client.get(page)["ETag"] for page in pages]
    audit_record(code="test.calendar.changed", unit=None)
    after = [client.get(page)["ETag"] for page in pages]
    assert all(old != new for old, new in zip(before, after, strict=True))


def test_the_list_of_communes_follows_any_write(
    client: Client, commune: AdministrativeUnit, other_commune: AdministrativeUnit
) -> None:
    from grassroots.core.services import audit_record

    before = client.get(reverse("portal:home"))["ETag"]
    audit_record(code="test.other_commune.changed", unit=other_commune)
    assert client.get(reverse("portal:home"))["ETag"] != before
