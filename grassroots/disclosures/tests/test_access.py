"""Every disclosure page declares its Action; the matrix decides (issue 10).

For each Action added for disclosures (``READ_DISCLOSURE_COMPLIANCE``, ``ACKNOWLEDGE_RELAY``) a role without it
gets 403 and a role with it gets 200; superusers pass through the matrix, not through a check in a view.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.authorize import PUBLIC, SIGNED_IN, declared_access
from grassroots.accounts.rules import Action
from grassroots.accounts.testing import PERSONA_PASSWORD, give_role, make_user
from grassroots.disclosures import services, urls
from grassroots.disclosures.models import DisclosureCategory, RelayTask
from grassroots.disclosures.tests.conftest import at
from grassroots.units.models import AdministrativeUnit, Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def login(client: Client, user: Any) -> None:
    assert client.login(username=user.username, password=PERSONA_PASSWORD)


EXPECTED_ACCESS = {
    "staff_index": SIGNED_IN,
    "organisation_list": SIGNED_IN,
    "organisation_index": Action.VIEW_UNIT,
    "organisation_detail": Action.VIEW_UNIT,
    "organisation_create": Action.MANAGE_DISCLOSURES,
    "organisation_publish": Action.MANAGE_DISCLOSURES,
    "organisation_withdraw": Action.MANAGE_DISCLOSURES,
    "relay_acknowledge": Action.ACKNOWLEDGE_RELAY,
    "province_rollup": Action.READ_DISCLOSURE_COMPLIANCE,
    "dashboard": Action.READ_DISCLOSURE_COMPLIANCE,
    "profile": Action.VIEW_UNIT,  # 404 outside the user's units first; MANAGE_DISCLOSURES checked inside
    "index": PUBLIC,
    "feed": PUBLIC,
    "category_feed": PUBLIC,
    "detail": PUBLIC,
    "notice_pdf": PUBLIC,
    "attachment": PUBLIC,
}


@pytest.mark.parametrize("pattern", urls.urlpatterns, ids=[str(p.name) for p in urls.urlpatterns])
def test_each_page_declares_the_expected_access(pattern: Any) -> None:
    expected = EXPECTED_ACCESS.get(str(pattern.name), Action.MANAGE_DISCLOSURES)
    assert declared_access(pattern.callback) == expected


@pytest.mark.parametrize(
    ("persona", "status"),
    [("commune_officer", 200), ("commune_chair", 200), ("board_member", 403), ("village_head", 403)],
)
def test_compliance_dashboard_needs_read_disclosure_compliance(
    client: Client, request: pytest.FixtureRequest, commune: AdministrativeUnit, persona: str, status: int
) -> None:
    login(client, request.getfixturevalue(persona))
    assert client.get(reverse("disclosures:dashboard", args=[commune.slug])).status_code == status


@pytest.mark.parametrize(("persona", "status"), [("provincial_officer", 200), ("board_member", 403)])
def test_province_rollup_needs_read_disclosure_compliance(
    client: Client, request: pytest.FixtureRequest, province: AdministrativeUnit, persona: str, status: int
) -> None:
    login(client, request.getfixturevalue(persona))
    assert client.get(reverse("disclosures:province_rollup", args=[province.slug])).status_code == status


def test_the_front_chair_reads_the_compliance_of_the_commune(client: Client, commune: AdministrativeUnit) -> None:
    front_chair = make_user("chu-tich-mat-tran")
    give_role(front_chair, "front_chair", commune)
    login(client, front_chair)
    assert client.get(reverse("disclosures:dashboard", args=[commune.slug])).status_code == 200


def test_an_agency_head_does_not_read_the_communes_compliance(client: Client, commune: AdministrativeUnit) -> None:
    agency = Organisation.objects.create(kind=OrganisationKind.AGENCY, name="Trạm Y tế xã", unit=commune)
    head = make_user("truong-tram")
    give_role(head, "agency_head", commune, organisation=agency)
    login(client, head)
    assert client.get(reverse("disclosures:dashboard", args=[commune.slug])).status_code == 403


@pytest.fixture
def relay_task(commune: AdministrativeUnit, community: AdministrativeUnit, commune_officer: Any) -> RelayTask:
    item = services.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K8"),
        title="Hỗ trợ hộ bị thiệt hại do bão",
        decided_on=dt.date(2026, 11, 16),
        actor=commune_officer,
        now=at(2026, 11, 16),
    )
    services.disclosure_publish(disclosure=item, actor=commune_officer, now=at(2026, 11, 17))
    return RelayTask.objects.get(disclosure=item, community=community)


@pytest.mark.parametrize(("persona", "status"), [("village_head", 200), ("commune_officer", 403), ("resident", 403)])
def test_relay_acknowledgement_needs_acknowledge_relay(
    client: Client, request: pytest.FixtureRequest, relay_task: RelayTask, persona: str, status: int
) -> None:
    login(client, request.getfixturevalue(persona))
    assert client.get(reverse("disclosures:relay_acknowledge", args=[relay_task.pk])).status_code == status


def test_a_superuser_passes_through_the_matrix(
    client: Client, superuser: Any, commune: AdministrativeUnit, relay_task: RelayTask
) -> None:
    client.force_login(superuser)
    assert client.get(reverse("disclosures:dashboard", args=[commune.slug])).status_code == 200
    assert client.get(reverse("disclosures:relay_acknowledge", args=[relay_task.pk])).status_code == 200


@pytest.mark.parametrize("name", ["staff_index", "organisation_list"])
def test_own_start_pages_need_only_a_sign_in(client: Client, name: str) -> None:
    assert client.get(reverse(f"disclosures:{name}")).status_code == 302
    client.force_login(make_user("chua-co-vai-tro"))
    assert client.get(reverse(f"disclosures:{name}")).status_code == 200
