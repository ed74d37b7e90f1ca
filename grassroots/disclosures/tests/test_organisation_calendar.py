"""An organisation's internal-disclosure deadline is counted in its own working week (issue 10).

An enterprise resting on Sunday only works on Saturdays: a period ending on a Saturday ends there, not on
the next Monday as on the public-sector calendar (Civil Code arts 147–148; Labor Code art. 111; law.md §3.1).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.testing import PERSONA_PASSWORD, give_role, make_user
from grassroots.disclosures import services
from grassroots.disclosures.models import Disclosure, DisclosureCategory
from grassroots.disclosures.tests.conftest import at
from grassroots.units.models import AdministrativeUnit, Organisation, OrganisationKind

D = dt.date
pytestmark = pytest.mark.django_db

DECIDED = D(2026, 11, 6)  # a Friday: 15 days later is Saturday 21/11/2026
PUBLIC_DUE = D(2026, 11, 23)  # Saturday is a rest day of the public sector: the period runs to Monday
ENTERPRISE_DUE = D(2026, 11, 21)  # the enterprise works on Saturday: the period ends there


@pytest.fixture
def enterprise(commune: AdministrativeUnit) -> Organisation:
    return Organisation.objects.create(
        kind=OrganisationKind.STATE_OWNED_ENTERPRISE, name="Công ty Thủy nông", unit=commune, weekly_rest_days="6"
    )


def soe_draft(enterprise: Organisation, actor: object) -> Disclosure:
    return services.disclosure_create(
        unit=enterprise.unit,
        organisation=enterprise,
        category=DisclosureCategory.objects.get(code="S2"),
        title="Nội quy lao động sửa đổi",
        decided_on=DECIDED,
        actor=actor,
        now=at(2026, 11, 6),
    )


def test_soe_deadline_is_counted_in_its_own_week(enterprise: Organisation, commune_officer: object) -> None:
    item = soe_draft(enterprise, commune_officer)
    assert item.due_on == ENTERPRISE_DUE


def test_the_same_item_of_a_saturday_resting_enterprise_runs_to_monday(
    commune: AdministrativeUnit, commune_officer: object
) -> None:
    five_day_week = Organisation.objects.create(
        kind=OrganisationKind.STATE_OWNED_ENTERPRISE, name="Công ty Cấp nước", unit=commune, weekly_rest_days="5,6"
    )
    assert soe_draft(five_day_week, commune_officer).due_on == PUBLIC_DUE


def test_amending_a_draft_keeps_the_organisations_week(enterprise: Organisation, commune_officer: object) -> None:
    item = soe_draft(enterprise, commune_officer)
    updated = services.disclosure_update_draft(
        disclosure=item,
        title="Nội quy lao động",
        decided_on=D(2026, 11, 13),
        actor=commune_officer,
        now=at(2026, 11, 13),
    )
    assert updated.due_on == D(2026, 11, 28)  # Saturday 28/11 is one of its working days


def test_recompute_keeps_the_organisations_week(
    enterprise: Organisation, commune_officer: object, superuser: object
) -> None:
    item = soe_draft(enterprise, commune_officer)
    services.disclosure_due_dates_recompute(actor=superuser, now=at(2026, 11, 7))
    item.refresh_from_db()
    assert item.due_on == ENTERPRISE_DUE


def test_the_organisation_page_counts_days_left_in_its_week(
    client: Client, enterprise: Organisation, commune_officer: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grassroots.core import clock

    head = make_user("giam-doc")
    give_role(head, "agency_head", enterprise.unit, organisation=enterprise)
    item = soe_draft(enterprise, commune_officer)
    monkeypatch.setattr(clock, "now", lambda: at(2026, 11, 20))  # Friday
    assert client.login(username=head.username, password=PERSONA_PASSWORD)
    page = client.get(reverse("disclosures:organisation_detail", args=[enterprise.pk, item.pk]))
    assert "Hạn: 21/11/2026" in page.text
    assert "còn 1 ngày làm việc" in page.text  # Saturday is a working day of this enterprise
