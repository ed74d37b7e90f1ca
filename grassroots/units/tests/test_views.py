from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grassroots.units.models import Household, Resident
from grassroots.units.tests.factories import CommuneFactory, HouseholdFactory

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "mau_nhap_ho_gia_dinh.csv"


def _urls(commune, household):
    slug = commune.slug
    return [
        reverse("units:index"),
        reverse("units:commune_detail", kwargs={"commune_slug": slug}),
        reverse("units:community_households", kwargs={"commune_slug": slug, "community_id": household.community_id}),
        reverse("units:household_detail", kwargs={"commune_slug": slug, "household_id": household.pk}),
        reverse("units:household_import", kwargs={"commune_slug": slug}),
        reverse("units:import_template_xlsx"),
        reverse("units:import_template_csv"),
    ]


def test_anonymous_is_sent_to_login(client, commune, village_one):
    household = HouseholdFactory(community=village_one)
    for url in _urls(commune, household):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_non_staff_is_refused(client, plain_user, commune, village_one):
    household = HouseholdFactory(community=village_one)
    client.force_login(plain_user)
    for url in _urls(commune, household)[:5]:
        assert client.get(url).status_code == 403


def test_staff_pages(client, staff_user, commune, village_one, village_two, frozen_clock):
    household = HouseholdFactory(community=village_one, code="HGD-777", representative__full_name="Đinh Văn Tám")
    HouseholdFactory.create_batch(2, community=village_two)
    client.force_login(staff_user)
    page = client.get(reverse("units:commune_detail", kwargs={"commune_slug": commune.slug}))
    assert page.status_code == 200
    assert page.context["total"] == 3
    assert [(community.name, count) for community, count in page.context["rows"]] == [("Thôn 1", 1), ("Thôn 2", 2)]
    listing = client.get(
        reverse("units:community_households", kwargs={"commune_slug": commune.slug, "community_id": village_one.pk}),
        {"q": "Tám"},
    )
    assert list(listing.context["page"].object_list) == [household]
    partial = client.get(
        reverse("units:community_households", kwargs={"commune_slug": commune.slug, "community_id": village_one.pk}),
        {"q": "777"},
        headers={"HX-Request": "true"},
    )
    assert partial.status_code == 200
    assert b"<html" not in partial.content and b"HGD-777" in partial.content
    detail = client.get(
        reverse("units:household_detail", kwargs={"commune_slug": commune.slug, "household_id": household.pk})
    )
    assert detail.status_code == 200 and "Đinh Văn Tám" in detail.content.decode()
    search = client.get(reverse("units:index"), {"q": "Hòa Phú"})
    assert list(search.context["communes"]) == [commune]


def test_objects_of_another_commune_are_404(client, staff_user, commune, village_one):
    other = HouseholdFactory(community__parent=CommuneFactory())
    client.force_login(staff_user)
    url = reverse("units:household_detail", kwargs={"commune_slug": commune.slug, "household_id": other.pk})
    assert client.get(url).status_code == 404
    url = reverse(
        "units:community_households", kwargs={"commune_slug": commune.slug, "community_id": other.community_id}
    )
    assert client.get(url).status_code == 404
    assert client.get(reverse("units:commune_detail", kwargs={"commune_slug": "khong-co"})).status_code == 404


def test_upload_happy_path(client, staff_user, commune, village_one, village_two, frozen_clock):
    client.force_login(staff_user)
    url = reverse("units:household_import", kwargs={"commune_slug": commune.slug})
    upload = SimpleUploadedFile("ds.csv", FIXTURE.read_bytes(), content_type="text/csv")
    response = client.post(url, {"file": upload}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("units:commune_detail", kwargs={"commune_slug": commune.slug})
    assert (Household.objects.count(), Resident.objects.count()) == (2, 4)


def test_upload_with_errors_lists_rows_and_writes_nothing(client, staff_user, commune, village_one, frozen_clock):
    client.force_login(staff_user)
    url = reverse("units:household_import", kwargs={"commune_slug": commune.slug})
    content = FIXTURE.read_bytes()  # Thôn 2 does not exist in this commune
    response = client.post(url, {"file": SimpleUploadedFile("ds.csv", content)})
    assert response.status_code == 200
    assert [error.row for error in response.context["row_errors"]] == [5]
    assert 'role="alert"' in response.content.decode()
    assert not Household.objects.exists() and not Resident.objects.exists()


def test_upload_refuses_other_file_types(client, staff_user, commune):
    client.force_login(staff_user)
    url = reverse("units:household_import", kwargs={"commune_slug": commune.slug})
    response = client.post(url, {"file": SimpleUploadedFile("ds.pdf", b"%PDF")})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_templates_download(client, staff_user):
    client.force_login(staff_user)
    xlsx = client.get(reverse("units:import_template_xlsx"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    csv = client.get(reverse("units:import_template_csv"))
    assert csv.content.startswith("\ufeffMã hộ".encode())


def test_upload_xlsx_template(client, staff_user, commune, village_one, village_two, frozen_clock):
    from grassroots.units.importing import template_xlsx

    client.force_login(staff_user)
    url = reverse("units:household_import", kwargs={"commune_slug": commune.slug})
    response = client.post(url, {"file": SimpleUploadedFile("mau.xlsx", template_xlsx())})
    assert response.status_code == 302
    assert (Household.objects.count(), Resident.objects.count()) == (2, 4)
