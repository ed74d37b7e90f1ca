"""A board member flags an item the commune disclosed and makes a recommendation from it (issue 15: recommendations
may come from disclosures; [L] art. 38: the board reads the disclosures).

Attackers: another commune's disclosure, a draft never published (refused, nothing written; 404 on the page)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.disclosures import services as disclosure_services
from grassroots.disclosures.models import Disclosure, DisclosureCategory
from grassroots.oversight import selectors, services
from grassroots.oversight.models import Board, Recommendation
from grassroots.oversight.tests.conftest import NOW
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def _disclosure(unit: AdministrativeUnit, actor: User, *, publish: bool = True) -> Disclosure:
    disclosure = disclosure_services.disclosure_create(
        unit=unit,
        category=DisclosureCategory.objects.get(code="K14"),
        title="Dự toán thu chi ngân sách xã năm 2027",
        body="Tổng thu 12 tỷ đồng.",
        decided_on=dt.date(2026, 11, 20),
        actor=actor,
        now=NOW,
    )
    if publish:
        disclosure = disclosure_services.disclosure_publish(disclosure=disclosure, actor=actor, now=NOW)
    return disclosure


def test_member_flags_a_published_item_and_drafts_a_recommendation_from_it(
    active_board: Board, board_member: User, commune: AdministrativeUnit, commune_officer: User
) -> None:
    disclosure = _disclosure(commune, commune_officer)
    assert disclosure in list(selectors.disclosures_to_review(active_board))
    client = Client()
    client.force_login(board_member)
    page = client.get(reverse("oversight:board_detail", args=[active_board.pk])).content.decode()
    new_url = reverse("oversight:board_recommendation_new", args=[active_board.pk]) + f"?cong-khai={disclosure.pk}"
    assert new_url in page
    form = client.get(new_url)
    assert form.status_code == 200 and disclosure.title in form.content.decode()
    response = client.post(
        new_url,
        {
            "title": "Kiến nghị công khai chi tiết dự toán",
            "content": "Dự toán chưa ghi các khoản chi cho thôn.",
            "addressee_name": "Chủ tịch UBND xã",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    assert recommendation.disclosure == disclosure
    detail = client.get(reverse("oversight:recommendation_detail", args=[recommendation.pk])).content.decode()
    assert reverse("disclosures:detail", args=[commune.slug, disclosure.pk]) in detail


@pytest.mark.parametrize("which", ["other_commune", "draft"])
def test_another_commune_s_or_an_unpublished_item_is_refused(
    which: str,
    active_board: Board,
    board_member: User,
    commune: AdministrativeUnit,
    other_commune: AdministrativeUnit,
    commune_officer: User,
    other_commune_officer: User,
) -> None:
    disclosure = (
        _disclosure(other_commune, other_commune_officer)
        if which == "other_commune"
        else _disclosure(commune, commune_officer, publish=False)
    )
    with pytest.raises(DomainError) as refused:
        services.recommendation_draft(
            board=active_board,
            title="Kiến nghị",
            content="Nội dung",
            addressee_name="Chủ tịch UBND xã",
            disclosure=disclosure,
            actor=board_member,
            now=NOW,
        )
    assert refused.value.code == "oversight.recommendation.disclosure_outside"
    assert not Recommendation.objects.exists()
    client = Client()
    client.force_login(board_member)
    url = reverse("oversight:board_recommendation_new", args=[active_board.pk]) + f"?cong-khai={disclosure.pk}"
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "x", "content": "y", "addressee_name": "z"}).status_code == 404
    assert not Recommendation.objects.exists()
