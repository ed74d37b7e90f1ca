"""The village head decides a submitted initiative."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.initiatives import services as initiative_services
from grassroots.initiatives.models import InitiativeStatus
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.voting.testing import NOW

pytestmark = pytest.mark.django_db

# --- 4. initiatives: the village head decides ---------------------------------------------------------


def test_village_head_decides_a_submitted_initiative(
    client: Client, community: AdministrativeUnit, village_head: User, household_representative: User
) -> None:
    household = Household.objects.get(community=community, code="H1-01")
    initiative = initiative_services.initiative_create(
        community=community, title="Đèn đường", description="Lắp đèn", actor=household_representative
    )
    initiative_services.initiative_sign(initiative=initiative, household=household, actor=household_representative)
    initiative_services.initiative_submit(initiative=initiative, actor=household_representative)
    url = reverse("initiatives:initiative_decide", kwargs={"initiative_id": initiative.pk})
    client.force_login(household_representative)
    assert client.post(url, {"accepted": "1"}).status_code == 403
    client.force_login(village_head)
    page = client.get(reverse("initiatives:initiative_detail", kwargs={"initiative_id": initiative.pk}))
    assert "Ghi nhận quyết định" in page.content.decode()
    assert client.post(url, {"accepted": "0", "note": ""}).status_code == 200  # a refusal needs a reason
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.SUBMITTED
    assert client.post(url, {"accepted": "0", "note": "Đã có trong kế hoạch của xã"}).status_code == 302
    initiative.refresh_from_db()
    assert (initiative.status, initiative.decided_on) == (InitiativeStatus.REJECTED, NOW.date())
    page = client.get(reverse("initiatives:initiative_detail", kwargs={"initiative_id": initiative.pk}))
    assert "Đã có trong kế hoạch của xã" in page.content.decode()
