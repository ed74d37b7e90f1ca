"""Staff forms: communities, households, members, representatives, organisations (persona world)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core import clock
from grassroots.core.models import AuditEvent
from grassroots.units.models import AdministrativeUnit, Household, HouseholdStatus, Organisation, Resident
from grassroots.units.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _post(client: Client, name: str, data: dict[str, Any], **kwargs: Any) -> Any:
    return client.post(reverse(f"units:{name}", kwargs=kwargs), data)


def test_officer_creates_a_community_and_a_duplicate_is_refused(
    client: Client, commune_officer: User, commune: AdministrativeUnit, community: AdministrativeUnit
) -> None:
    client.force_login(commune_officer)
    form = client.get(reverse("units:community_create", kwargs={"commune_slug": commune.slug}))
    assert form.status_code == 200
    response = _post(
        client,
        "community_create",
        {"kind": "thon", "name": "Thôn Mới", "code": "09", "valid_from": "2026-11-01"},
        commune_slug=commune.slug,
    )
    assert response.status_code == 302
    created = AdministrativeUnit.objects.get(parent=commune, name="Thôn Mới")
    assert (created.code, created.valid_from) == ("09", dt.date(2026, 11, 1))
    again = _post(
        client,
        "community_create",
        {"kind": "thon", "name": "Thôn Mới", "code": "10", "valid_from": "2026-11-01"},
        commune_slug=commune.slug,
    )
    assert again.status_code == 200
    assert "trùng tên hoặc mã" in again.content.decode()


def test_ending_a_community_with_households_shows_the_reason(
    client: Client, commune_officer: User, commune: AdministrativeUnit, community: AdministrativeUnit
) -> None:
    client.force_login(commune_officer)
    response = _post(
        client, "community_end", {"on": "2026-12-01"}, commune_slug=commune.slug, community_id=community.pk
    )
    assert response.status_code == 200
    assert "hộ đang cư trú" in response.content.decode()
    community.refresh_from_db()
    assert community.valid_until is None


def test_rename_page(
    client: Client, commune_officer: User, commune: AdministrativeUnit, community: AdministrativeUnit
) -> None:
    client.force_login(commune_officer)
    response = _post(
        client,
        "community_rename",
        {"name": "Thôn Hòa Bình", "on": "2026-11-20", "decision_ref": "5/QĐ"},
        commune_slug=commune.slug,
        community_id=community.pk,
    )
    assert response.status_code == 302
    community.refresh_from_db()
    assert community.name == "Thôn Hòa Bình"


def test_household_journey_add_member_representative_move_out(
    client: Client, commune_officer: User, commune: AdministrativeUnit, community: AdministrativeUnit
) -> None:
    client.force_login(commune_officer)
    response = _post(
        client,
        "household_create",
        {"code": "H1-99", "address": "Xóm Giữa", "active_from": "2026-11-01"},
        commune_slug=commune.slug,
        community_id=community.pk,
    )
    household = Household.objects.get(community=community, code="H1-99")
    assert response.status_code == 302
    child = _post(
        client,
        "resident_create",
        {"full_name": "Trần Bé", "birth_date": "2015-03-01", "gender": "female", "make_representative": "on"},
        commune_slug=commune.slug,
        household_id=household.pk,
    )
    # A minor cannot represent the household, and the member is not half-written either.
    assert child.status_code == 200
    assert "đủ 18 tuổi" in child.content.decode()
    assert not Resident.objects.filter(household=household).exists()
    _post(
        client,
        "resident_create",
        {"full_name": "Trần Bé", "birth_date": "2015-03-01", "gender": "female"},
        commune_slug=commune.slug,
        household_id=household.pk,
    )
    adult = _post(
        client,
        "resident_create",
        {"full_name": "Trần Văn Lớn", "birth_date": "1975-03-01", "gender": "male", "phone": "0912345678"},
        commune_slug=commune.slug,
        household_id=household.pk,
    )
    assert adult.status_code == 302
    grown_up = Resident.objects.get(full_name="Trần Văn Lớn")
    minor = Resident.objects.get(full_name="Trần Bé")
    refused = _post(
        client, "representative", {"resident": minor.pk}, commune_slug=commune.slug, household_id=household.pk
    )
    assert "đủ 18 tuổi" in refused.content.decode()
    chosen = _post(
        client, "representative", {"resident": grown_up.pk}, commune_slug=commune.slug, household_id=household.pk
    )
    assert chosen.status_code == 302
    household.refresh_from_db()
    assert household.representative == grown_up
    bad_date = _post(
        client,
        "household_move_out",
        {"status": "moved", "on": "2026-10-01"},
        commune_slug=commune.slug,
        household_id=household.pk,
    )
    assert "phải sau ngày bắt đầu" in bad_date.content.decode()
    moved = _post(
        client,
        "household_move_out",
        {"status": "dissolved", "on": "2026-11-21"},
        commune_slug=commune.slug,
        household_id=household.pk,
    )
    assert moved.status_code == 302
    household.refresh_from_db()
    assert (household.status, household.active_until) == (HouseholdStatus.DISSOLVED, dt.date(2026, 11, 21))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("village_head", 403), ("board_member", 403), ("other_commune_officer", 404), ("commune_officer", 200)],
)
def test_form_permissions(
    client: Client,
    request: pytest.FixtureRequest,
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    persona: str,
    expected: Any,
) -> None:
    client.force_login(request.getfixturevalue(persona))
    household = Household.objects.filter(community=community).order_by("pk")[0]
    urls = [
        reverse("units:household_create", kwargs={"commune_slug": commune.slug, "community_id": community.pk}),
        reverse("units:resident_create", kwargs={"commune_slug": commune.slug, "household_id": household.pk}),
        reverse("units:community_end", kwargs={"commune_slug": commune.slug, "community_id": community.pk}),
    ]
    if persona != "village_head":
        urls.append(reverse("units:community_create", kwargs={"commune_slug": commune.slug}))
    for url in urls:
        assert client.get(url).status_code == expected, url


def test_organisations_list_create_headcount_and_rest_days(
    client: Client, commune_officer: User, commune: AdministrativeUnit
) -> None:
    client.force_login(commune_officer)
    created = _post(
        client,
        "organisation_create",
        {"kind": "state_owned_enterprise", "name": "Công ty Thủy lợi Hòa Phú", "short_name": ""},
        commune_slug=commune.slug,
    )
    assert created.status_code == 302
    company = Organisation.objects.get(name="Công ty Thủy lợi Hòa Phú")
    assert (
        _post(
            client,
            "organisation_headcount",
            {"effective_from": "2026-01-01", "headcount": "85"},
            commune_slug=commune.slug,
            organisation_id=company.pk,
        ).status_code
        == 302
    )
    assert (
        _post(
            client, "organisation_rest_days", {"days": ["6"]}, commune_slug=commune.slug, organisation_id=company.pk
        ).status_code
        == 302
    )
    company.refresh_from_db()
    assert company.weekly_rest_days == "6"
    listing = client.get(reverse("units:organisation_list", kwargs={"commune_slug": commune.slug}))
    body = listing.content.decode()
    assert "Công ty Thủy lợi Hòa Phú" in body
    assert "85" in body
    assert "Chủ nhật" in body
    every_day = _post(
        client,
        "organisation_rest_days",
        {"days": [str(day) for day in range(7)]},
        commune_slug=commune.slug,
        organisation_id=company.pk,
    )
    assert "ít nhất một ngày làm việc" in every_day.content.decode()


def test_organisation_of_another_commune_is_404(
    client: Client, commune_officer: User, commune: AdministrativeUnit, other_commune: AdministrativeUnit
) -> None:
    client.force_login(commune_officer)
    elsewhere = OrganisationFactory(unit=other_commune)
    url = reverse(
        "units:organisation_headcount", kwargs={"commune_slug": commune.slug, "organisation_id": elsewhere.pk}
    )
    assert client.get(url).status_code == 404


def test_board_member_sees_organisations_but_cannot_change_them(
    client: Client, board_member: User, commune: AdministrativeUnit
) -> None:
    client.force_login(board_member)
    company = OrganisationFactory(unit=commune)
    assert client.get(reverse("units:organisation_list", kwargs={"commune_slug": commune.slug})).status_code == 200
    url = reverse("units:organisation_rest_days", kwargs={"commune_slug": commune.slug, "organisation_id": company.pk})
    assert client.get(url).status_code == 403


def _leaver(community: AdministrativeUnit) -> tuple[Household, Resident]:
    household = Household.objects.get(community=community, code="H1-02")
    person = Resident.objects.create(
        household=household, full_name="Phạm Văn Đi", birth_date=dt.date(1990, 1, 1), registered_on=dt.date(2020, 1, 1)
    )
    return household, person


def test_officer_records_a_member_leaving_from_the_household_page(
    client: Client, commune_officer: User, commune: AdministrativeUnit, community: AdministrativeUnit
) -> None:
    household, person = _leaver(community)
    client.force_login(commune_officer)
    page = client.get(
        reverse("units:household_detail", kwargs={"commune_slug": commune.slug, "household_id": household.pk})
    )
    leave_url = reverse("units:resident_leave", kwargs={"commune_slug": commune.slug, "household_id": household.pk})
    assert leave_url in page.content.decode()
    assert client.get(leave_url).status_code == 200
    on = clock.today() - dt.timedelta(days=3)
    response = _post(
        client,
        "resident_leave",
        {"resident": person.pk, "on": on.isoformat()},
        commune_slug=commune.slug,
        household_id=household.pk,
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.household_id, person.left_on) == (household.pk, on)
    assert AuditEvent.objects.filter(code="units.resident.left", object_id=str(person.pk)).count() == 1
    # The member who left is no longer offered, nor listed on the household page.
    again = client.get(leave_url).content.decode()
    assert f'value="{person.pk}"' not in again


@pytest.mark.parametrize(
    ("persona", "expected"), [("resident", 403), ("village_head", 403), ("other_commune_officer", 404)]
)
def test_member_leaving_page_is_for_the_commune_office_only(
    client: Client,
    request: pytest.FixtureRequest,
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    persona: str,
    expected: int,
) -> None:
    household, person = _leaver(community)
    client.force_login(request.getfixturevalue(persona))
    url = reverse("units:resident_leave", kwargs={"commune_slug": commune.slug, "household_id": household.pk})
    assert client.get(url).status_code == expected
    response = client.post(url, {"resident": person.pk, "on": clock.today().isoformat()})
    assert response.status_code == expected
    person.refresh_from_db()
    assert person.left_on is None


@pytest.mark.parametrize(
    ("on", "message"),
    [
        ("future", "Ngày rời hộ ở tương lai."),
        ("2019-12-31", "Ngày rời hộ phải sau ngày vào hộ."),
        ("2026-02-31", "Nhập một ngày hợp lệ."),
    ],
)
def test_member_leaving_with_a_bad_date_is_refused_in_vietnamese(
    client: Client,
    commune_officer: User,
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    on: str,
    message: str,
) -> None:
    household, person = _leaver(community)
    client.force_login(commune_officer)
    value = (clock.today() + dt.timedelta(days=1)).isoformat() if on == "future" else on
    response = _post(
        client,
        "resident_leave",
        {"resident": person.pk, "on": value},
        commune_slug=commune.slug,
        household_id=household.pk,
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    person.refresh_from_db()
    assert person.left_on is None
    assert not AuditEvent.objects.filter(code="units.resident.left").exists()


def test_the_representative_cannot_be_recorded_as_leaving(
    client: Client,
    commune_officer: User,
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    household_representative: User,
) -> None:
    household = Household.objects.get(community=community, code="H1-01")
    client.force_login(commune_officer)
    response = _post(
        client,
        "resident_leave",
        {"resident": household.representative_id, "on": clock.today().isoformat()},
        commune_slug=commune.slug,
        household_id=household.pk,
    )
    assert response.status_code == 200
    assert "đang là đại diện hộ" in response.content.decode()
    assert household.representative_id is not None
    assert Resident.objects.get(pk=household.representative_id).left_on is None
