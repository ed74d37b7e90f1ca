"""View tests of citizen initiatives."""

from __future__ import annotations

import pytest
from django.test import Client

from grassroots.accounts.models import User
from grassroots.initiatives.models import Initiative, InitiativeSignature
from grassroots.units.models import AdministrativeUnit
from grassroots.voting.testing import decision_url

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs: object) -> str:
    return decision_url(name, **kwargs)


# --- Initiatives -------------------------------------------------------------------------------


def test_initiative_flow(
    client: Client,
    community: AdministrativeUnit,
    household_representative: User,
    resident: User,
    front_head: User,
    other_commune_officer: User,
) -> None:
    client.force_login(resident)
    assert client.get(url("initiative_new", community_id=community.pk)).status_code == 403
    client.force_login(other_commune_officer)
    assert client.get(url("initiative_list", community_id=community.pk)).status_code == 404
    client.force_login(household_representative)
    bad = client.post(
        url("initiative_new", community_id=community.pk), {"matter": "D6", "title": "Đèn đường", "description": ""}
    )
    assert bad.status_code == 200 and "Đèn đường" in bad.content.decode() and Initiative.objects.count() == 0
    response = client.post(
        url("initiative_new", community_id=community.pk),
        {"matter": "D6", "title": "Đèn đường", "description": "Lắp đèn"},
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and InitiativeSignature.objects.count() == 1
    page = client.get(url("initiative_detail", initiative_id=initiative.pk)).content.decode()
    assert "1/3 hộ" in page and "22/02/2027" in page
    client.post(url("initiative_sign", initiative_id=initiative.pk))
    assert InitiativeSignature.objects.count() == 1
    client.force_login(front_head)
    assert client.post(url("initiative_approve", initiative_id=initiative.pk)).status_code == 302
    initiative.refresh_from_db()
    assert initiative.front_approved
    assert client.post(url("initiative_submit", initiative_id=initiative.pk)).status_code == 403
    client.force_login(household_representative)
    assert client.post(url("initiative_submit", initiative_id=initiative.pk)).status_code == 302
