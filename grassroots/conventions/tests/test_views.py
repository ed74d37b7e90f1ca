"""View tests: the door of every page kind, one happy POST per side, bad input kept."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.conventions.models import Convention, ConventionVersion, VersionStatus
from grassroots.conventions.tests.conftest import DECIDED, DOSSIER, adopt, first_version, recognise, submit_dossier

pytestmark = pytest.mark.django_db


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_public_pages_show_the_text_in_force(convention: Convention, village_head: User, commune_chair: User) -> None:
    recognise(convention, village_head, commune_chair)
    slug = convention.community.parent.slug  # type: ignore[union-attr]
    listing = _client().get(reverse("conventions:public_list", args=[slug]))
    assert listing.status_code == 200 and convention.title in listing.content.decode()
    detail = _client().get(reverse("conventions:public_detail", args=[convention.pk]))
    body = detail.content.decode()
    assert detail.status_code == 200
    assert "Không mở loa sau 22 giờ" in body or "không mở loa sau 22 giờ" in body
    assert "Giữ 22 giờ" in body  # the answer to the comment on article 3 is public


def test_staff_detail_is_404_for_another_commune_and_403_for_a_resident(
    convention: Convention, other_commune_officer: User, resident: User, village_head: User
) -> None:
    url = reverse("conventions:staff_detail", args=[convention.pk])
    assert _client(other_commune_officer).get(url).status_code == 404
    assert _client(resident).get(url).status_code == 403
    assert _client(village_head).get(url).status_code == 200
    assert _client().get(url).status_code == 302


def test_village_head_adds_an_article_and_bad_input_is_kept(convention: Convention, village_head: User) -> None:
    version = first_version(convention)
    url = reverse("conventions:article_save", args=[version.pk])
    empty = _client(village_head).post(url, {"heading": "Điều 4. Khuyến học", "text": ""})
    assert empty.status_code == 200 and "Điều 4. Khuyến học" in empty.content.decode()
    done = _client(village_head).post(url, {"heading": "Điều 4. Khuyến học", "text": "Khen thưởng học sinh giỏi."})
    assert done.status_code == 302
    assert version.articles.count() == 4


def test_comment_period_too_short_shows_the_message(convention: Convention, village_head: User) -> None:
    url = reverse("conventions:comments_open", args=[first_version(convention).pk])
    response = _client(village_head).post(url, {"closes_on": "2026-12-01"})
    assert response.status_code == 200
    assert "30" in response.content.decode()
    assert first_version(convention).status == VersionStatus.DRAFTING


def test_only_the_commune_recognises_through_the_page(
    convention: Convention, village_head: User, commune_chair: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grassroots.core import clock

    version = submit_dossier(adopt(convention, village_head), village_head, now=DOSSIER)
    monkeypatch.setattr(clock, "now", lambda: DECIDED)
    url = reverse("conventions:recognise", args=[version.pk])
    assert _client(village_head).post(url, {}).status_code == 403
    assert _client(commune_chair).post(url, {}).status_code == 302
    assert ConventionVersion.objects.get(pk=version.pk).status == VersionStatus.RECOGNISED
    slug = convention.community.parent.slug  # type: ignore[union-attr]
    listing = _client(commune_chair).get(reverse("conventions:staff_list", args=[slug]))
    assert listing.status_code == 200
