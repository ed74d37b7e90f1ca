"""Staff pages of the units app, authorised by the accounts role matrix.

The world is the persona world of ``grassroots.accounts.testing``: Xã Hòa Phú (``commune``) with
Thôn 1 (``community``, households H1-01…03) and Thôn 2 (``second_community``, H2-01…02), and Xã Bình
An (``other_commune``). Outside the user's units → 404; visible but not allowed → 403.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponseRedirect
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.accounts.testing import give_role, make_user
from grassroots.units.models import AdministrativeUnit, Household, Resident
from grassroots.units.tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "mau_nhap_ho_gia_dinh.csv"

PAGES = ("index", "commune", "community", "household", "import", "template_xlsx", "template_csv")
"""Every page of the app, in the order of the ``PERMISSIONS`` rows; Thôn 1 and its household H1-01."""

PERMISSIONS = {
    # persona:               index commune community household import xlsx  csv
    "resident": (403, 403, 403, 403, 403, 403, 403),
    "household_representative": (403, 403, 403, 403, 403, 403, 403),
    "village_head": (200, 403, 200, 200, 403, 403, 403),
    "board_member": (200, 200, 200, 200, 403, 403, 403),
    "commune_officer": (200, 200, 200, 200, 200, 200, 200),
    "commune_chair": (200, 200, 200, 200, 200, 200, 200),
    "other_commune_officer": (200, 404, 404, 404, 404, 200, 200),
    "provincial_officer": (200, 200, 200, 200, 403, 403, 403),
    "superuser": (200, 200, 200, 200, 200, 200, 200),
}
"""Role × page → status. Residents use the portal: their ``VIEW_UNIT`` does not open staff pages."""

OTHER_VILLAGE = {
    # persona:        Thôn 2 page, its household H2-01
    "resident": (404, 404),
    "village_head": (404, 404),
    "board_member": (200, 200),
    "commune_officer": (200, 200),
    "other_commune_officer": (404, 404),
}
"""A village head or resident of Thôn 1 does not see Thôn 2 at all (404), commune staff do."""


def _url(
    page_name: str,
    commune: AdministrativeUnit,
    community: AdministrativeUnit | None = None,
    household: Household | None = None,
) -> str:
    slug = commune.slug
    if page_name == "index":
        return reverse("units:index")
    if page_name == "commune":
        return reverse("units:commune_detail", kwargs={"commune_slug": slug})
    if page_name == "community":
        assert community is not None
        return reverse("units:community_households", kwargs={"commune_slug": slug, "community_id": community.pk})
    if page_name == "household":
        assert household is not None
        return reverse("units:household_detail", kwargs={"commune_slug": slug, "household_id": household.pk})
    if page_name == "import":
        return reverse("units:household_import", kwargs={"commune_slug": slug})
    return reverse(f"units:import_{page_name}")


@pytest.mark.parametrize(("persona", "page_name"), [(persona, name) for persona in PERMISSIONS for name in PAGES])
def test_permission_matrix(
    client: Client,
    request: pytest.FixtureRequest,
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    persona: str,
    page_name: str,
) -> None:
    client.force_login(request.getfixturevalue(persona))
    household = Household.objects.get(community=community, code="H1-01")
    response = client.get(_url(page_name, commune, community, household))
    assert response.status_code == PERMISSIONS[persona][PAGES.index(page_name)]


@pytest.mark.parametrize(
    ("persona", "page_name"), [(persona, name) for persona in OTHER_VILLAGE for name in ("community", "household")]
)
def test_other_village_of_the_same_commune(
    client: Client,
    request: pytest.FixtureRequest,
    commune: AdministrativeUnit,
    second_community: AdministrativeUnit,
    persona: str,
    page_name: str,
) -> None:
    client.force_login(request.getfixturevalue(persona))
    household = Household.objects.get(community=second_community, code="H2-01")
    response = client.get(_url(page_name, commune, second_community, household))
    assert response.status_code == OTHER_VILLAGE[persona][("community", "household").index(page_name)]


@pytest.mark.parametrize("page_name", PAGES)
def test_anonymous_is_sent_to_login(
    client: Client, commune: AdministrativeUnit, community: AdministrativeUnit, page_name: str
) -> None:
    household = Household.objects.get(community=community, code="H1-01")
    response = client.get(_url(page_name, commune, community, household))
    assert response.status_code == 302
    assert isinstance(response, HttpResponseRedirect)
    assert response.url.startswith(reverse("accounts:login"))


def test_objects_of_another_commune_are_404_even_under_the_right_slug(
    client: Client, superuser: User, commune: AdministrativeUnit, other_commune: AdministrativeUnit
) -> None:
    stranger = Household.objects.get(code="D-01")
    client.force_login(superuser)
    household_url = reverse(
        "units:household_detail", kwargs={"commune_slug": commune.slug, "household_id": stranger.pk}
    )
    assert client.get(household_url).status_code == 404
    community_url = reverse(
        "units:community_households", kwargs={"commune_slug": commune.slug, "community_id": stranger.community_id}
    )
    assert client.get(community_url).status_code == 404
    assert client.get(reverse("units:commune_detail", kwargs={"commune_slug": "khong-co"})).status_code == 404


def test_finder_lists_only_the_communes_the_user_can_see(
    client: Client, commune: AdministrativeUnit, other_commune: AdministrativeUnit, commune_officer: User
) -> None:
    client.force_login(commune_officer)
    assert client.get(reverse("units:index")).context["communes"] == [commune]
    assert client.get(reverse("units:index"), {"q": "Bình An"}).context["communes"] == []


def test_finder_of_a_provincial_officer_and_a_superuser(
    client: Client,
    commune: AdministrativeUnit,
    other_commune: AdministrativeUnit,
    provincial_officer: User,
    superuser: User,
) -> None:
    client.force_login(provincial_officer)
    assert client.get(reverse("units:index")).context["communes"] == [other_commune, commune]
    client.force_login(superuser)
    assert client.get(reverse("units:index"), {"q": "Hòa Phú"}).context["communes"] == [commune]


def test_finder_of_a_village_head_lists_their_village(
    client: Client, commune: AdministrativeUnit, community: AdministrativeUnit, village_head: User
) -> None:
    client.force_login(village_head)
    response = client.get(reverse("units:index"))
    assert (response.context["communes"], response.context["communities"]) == ([], [community])
    page = client.get(_url("community", commune, community))
    assert page.status_code == 200
    assert page.context["can_view_commune"] is False


def test_commune_pages_for_an_officer(
    client: Client,
    commune_officer: User,
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    second_community: AdministrativeUnit,
    frozen_clock: dt.datetime,
) -> None:
    household = HouseholdFactory(community=community, code="HGD-777", representative__full_name="Đinh Văn Tám")
    client.force_login(commune_officer)
    page = client.get(_url("commune", commune))
    assert page.status_code == 200
    assert (page.context["total"], page.context["can_import"]) == (6, True)
    assert [(unit.name, count) for unit, count in page.context["rows"]] == [("Thôn 1", 4), ("Thôn 2", 2)]
    listing = client.get(_url("community", commune, community), {"q": "Tám"})
    assert list(listing.context["page"].object_list) == [household]
    partial = client.get(_url("community", commune, community), {"q": "777"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert b"<html" not in partial.content and b"HGD-777" in partial.content
    detail = client.get(_url("household", commune, household=household))
    assert detail.status_code == 200 and "Đinh Văn Tám" in detail.content.decode()


def test_viewer_without_import_right_sees_no_import_button(
    client: Client, board_member: User, commune: AdministrativeUnit
) -> None:
    client.force_login(board_member)
    page = client.get(_url("commune", commune))
    assert page.context["can_import"] is False
    assert reverse("units:household_import", kwargs={"commune_slug": commune.slug}) not in page.content.decode()


def test_upload_happy_path(
    client: Client, commune_officer: User, commune: AdministrativeUnit, frozen_clock: dt.datetime
) -> None:
    before = (Household.objects.count(), Resident.objects.count())
    client.force_login(commune_officer)
    upload = SimpleUploadedFile("ds.csv", FIXTURE.read_bytes(), content_type="text/csv")
    response = client.post(_url("import", commune), {"file": upload}, follow=True)
    assert response.redirect_chain[-1][0] == _url("commune", commune)
    assert (Household.objects.count(), Resident.objects.count()) == (before[0] + 2, before[1] + 4)
    assert set(Household.objects.filter(code__startswith="HGD-").values_list("community__parent", flat=True)) == {
        commune.pk
    }


@pytest.mark.parametrize("persona", ["provincial_officer", "board_member"])
def test_upload_refused_writes_nothing(
    client: Client, request: pytest.FixtureRequest, commune: AdministrativeUnit, persona: str
) -> None:
    client.force_login(request.getfixturevalue(persona))
    before = (Household.objects.count(), Resident.objects.count())
    response = client.post(_url("import", commune), {"file": SimpleUploadedFile("ds.csv", FIXTURE.read_bytes())})
    assert response.status_code == 403
    assert (Household.objects.count(), Resident.objects.count()) == before


@pytest.fixture
def bare_commune_officer(bare_commune: AdministrativeUnit) -> User:
    """An officer of Xã Tân Lập (the units tests' own commune), built with the accounts helpers."""
    user = make_user("can-bo-tan-lap")
    give_role(user, "commune_officer", bare_commune)
    return user


def test_upload_with_errors_lists_rows_and_writes_nothing(
    client: Client,
    bare_commune_officer: User,
    bare_commune: AdministrativeUnit,
    village_one: AdministrativeUnit,
    frozen_clock: dt.datetime,
) -> None:
    client.force_login(bare_commune_officer)
    content = FIXTURE.read_bytes()  # Thôn 2 does not exist in Xã Tân Lập
    response = client.post(_url("import", bare_commune), {"file": SimpleUploadedFile("ds.csv", content)})
    assert response.status_code == 200
    assert [error.row for error in response.context["row_errors"]] == [5]
    assert 'role="alert"' in response.content.decode()
    assert not Household.objects.exists() and not Resident.objects.exists()


def test_upload_refuses_other_file_types(
    client: Client, bare_commune_officer: User, bare_commune: AdministrativeUnit
) -> None:
    client.force_login(bare_commune_officer)
    response = client.post(_url("import", bare_commune), {"file": SimpleUploadedFile("ds.pdf", b"%PDF")})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_templates_download(client: Client, bare_commune_officer: User) -> None:
    client.force_login(bare_commune_officer)
    xlsx = client.get(reverse("units:import_template_xlsx"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    csv = client.get(reverse("units:import_template_csv"))
    assert csv.content.startswith("\ufeffMã hộ".encode())


def test_upload_xlsx_template(
    client: Client,
    bare_commune_officer: User,
    bare_commune: AdministrativeUnit,
    village_one: AdministrativeUnit,
    village_two: AdministrativeUnit,
    frozen_clock: dt.datetime,
) -> None:
    from grassroots.units.importing import template_xlsx

    client.force_login(bare_commune_officer)
    response = client.post(_url("import", bare_commune), {"file": SimpleUploadedFile("mau.xlsx", template_xlsx())})
    assert response.status_code == 302
    assert (Household.objects.count(), Resident.objects.count()) == (2, 4)


def test_ended_role_no_longer_opens_the_pages(
    client: Client, commune: AdministrativeUnit, frozen_clock: dt.datetime
) -> None:
    user = make_user("can-bo-cu")
    give_role(user, "commune_officer", commune, valid_from=dt.date(2025, 7, 1), valid_until=dt.date(2026, 1, 1))
    client.force_login(user)
    assert client.get(_url("commune", commune)).status_code == 404
    assert client.get(reverse("units:index")).status_code == 403
