"""The roll page, its correction form, and the online-agreement form: who may, what they see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.voting import services
from grassroots.voting.models import OnlineFormAgreement, RollAmendment
from grassroots.voting.testing import NOW, open_meeting

pytestmark = pytest.mark.django_db


def test_roll_page_lists_households_and_lets_the_convenor_amend_with_a_reason(
    client: Client, community: AdministrativeUnit, village_head: User, resident: User
) -> None:
    vote = open_meeting(community, village_head)
    Household.objects.create(community=community, code="H1-04", address="x", active_from=dt.date(2026, 11, 1))
    url = reverse("voting:roll", kwargs={"vote_id": vote.pk})
    client.force_login(resident)
    page = client.get(url).content.decode()
    assert "H1-01" in page and "H1-04" not in page and 'name="reason"' not in page
    assert client.post(reverse("voting:roll_amend", kwargs={"vote_id": vote.pk}), {}).status_code == 403
    client.force_login(village_head)
    amend = reverse("voting:roll_amend", kwargs={"vote_id": vote.pk})
    response = client.post(amend, {"household_code": "H1-04", "kind": "add", "reason": ""}, follow=True)
    assert not RollAmendment.objects.exists() and response.status_code == 200
    response = client.post(amend, {"household_code": "H1-04", "kind": "add", "reason": "Nhập sổ muộn"}, follow=True)
    page = response.content.decode()
    assert RollAmendment.objects.count() == 1 and 'data-testid="roll-amendments"' in page and "Nhập sổ muộn" in page
    detail = client.get(reverse("voting:vote_detail", kwargs={"vote_id": vote.pk})).content.decode()
    assert "4 hộ trong danh sách" in detail


def test_online_agreement_form_on_the_draft_page(
    client: Client, community: AdministrativeUnit, village_head: User, front_head: User
) -> None:
    adoption = open_meeting(community, village_head, matter="D6", purpose="online_adoption")
    for household in Household.objects.filter(community=community):
        services.meeting_attendance_set(vote=adoption, household=household, present=True, actor=village_head)
        services.vote_cast(
            vote=adoption, household=household, option_key="agree", channel="meeting_hands", actor=village_head
        )
    services.meeting_officers_approve(vote=adoption, secretary="T", approving=3, actor=village_head)
    services.vote_close(vote=adoption, actor=village_head)
    online = services.vote_create(
        unit=community,
        matter="D6",
        form="online",
        title="Ngày hội",
        question="?",
        starts_at=NOW + dt.timedelta(days=3),
        ends_at=NOW + dt.timedelta(days=5),
        convenor_role="village_head",
        actor=village_head,
    )
    client.force_login(village_head)
    detail = reverse("voting:vote_detail", kwargs={"vote_id": online.pk})
    page = client.get(detail).content.decode()
    assert f'value="{front_head.pk}"' in page and 'name="agreed_on"' in page
    url = reverse("voting:online_agreement", kwargs={"vote_id": online.pk})
    data = {"village_head": village_head.pk, "front_head": front_head.pk, "agreed_on": "2026-11-22"}
    assert client.post(url, data).status_code == 302
    agreement = OnlineFormAgreement.objects.get(vote=online)
    assert (agreement.village_head, agreement.front_head) == (village_head, front_head)
    assert 'data-testid="online-agreement"' in client.get(detail).content.decode()
