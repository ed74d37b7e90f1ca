"""An optional location on the online form: an address, and a point typed or filled by "use my location"; never a
point without an address; coordinates out of range are refused with a Vietnamese message."""

from __future__ import annotations

import decimal

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.petitions import rules
from grassroots.petitions.forms import CitizenCaseForm
from grassroots.petitions.models import Case
from grassroots.petitions.tests.conftest import file_online
from grassroots.units.models import AdministrativeUnit

DEC = decimal.Decimal
LATITUDE_MESSAGE = "Vĩ độ ở Việt Nam là từ 6,5 đến 23,5 (ví dụ 21.028511)."
LONGITUDE_MESSAGE = "Kinh độ ở Việt Nam là từ 102 đến 118 (ví dụ 105.804817)."


@pytest.mark.parametrize(
    ("latitude", "longitude", "code"),
    [
        (None, None, "ok"),
        ("21.028511", None, "petitions.location.both_or_neither"),
        (None, "105.804817", "petitions.location.both_or_neither"),
        ("21.028511", "105.804817", "ok"),  # Hà Nội
        ("23.5", "118", "ok"),  # the box's corners are inside
        ("6.5", "102", "ok"),
        ("8.645", "111.92", "ok"),  # Trường Sa
        ("16.5", "112.3", "ok"),  # Hoàng Sa
        ("23.500001", "105", "petitions.location.latitude_out_of_range"),  # China
        ("6.499999", "105", "petitions.location.latitude_out_of_range"),
        ("21", "101.999999", "petitions.location.longitude_out_of_range"),  # Laos
        ("21", "118.000001", "petitions.location.longitude_out_of_range"),
        ("105.804817", "21.028511", "petitions.location.latitude_out_of_range"),  # swapped
        ("-21.028511", "105.804817", "petitions.location.latitude_out_of_range"),  # sign lost
        ("0", "0", "petitions.location.latitude_out_of_range"),
        ("90", "180", "petitions.location.latitude_out_of_range"),
        ("NaN", "105", "petitions.location.latitude_out_of_range"),
        ("21", "Infinity", "petitions.location.longitude_out_of_range"),
    ],
)
def test_coordinates_table(latitude: str | None, longitude: str | None, code: str) -> None:
    result = rules.check_coordinates(
        latitude=DEC(latitude) if latitude is not None else None,
        longitude=DEC(longitude) if longitude is not None else None,
    )
    assert result.code == code


def _form(**values: str) -> CitizenCaseForm:
    data = {"kind": "feedback", "title": "Ổ gà", "content": "Đường có ổ gà.", "location_address": "Thôn 1"}
    data.update(values)
    return CitizenCaseForm(data)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"latitude": "91", "longitude": "105"}, "latitude", LATITUDE_MESSAGE),
        ({"latitude": "21", "longitude": "-181"}, "longitude", LONGITUDE_MESSAGE),
        ({"latitude": "48.8566", "longitude": "2.3522"}, "latitude", LATITUDE_MESSAGE),  # Paris
        ({"latitude": "21.0285", "longitude": "100.5"}, "longitude", LONGITUDE_MESSAGE),
        ({"latitude": "21", "longitude": ""}, "longitude", "Hãy nhập cả vĩ độ và kinh độ, hoặc để trống cả hai."),
        ({"latitude": "abc", "longitude": "105"}, "latitude", "Hãy nhập một số, ví dụ 21.028511."),
        (
            {"latitude": "21", "longitude": "105", "location_address": ""},
            "location_address",
            "Hãy ghi địa chỉ của địa điểm; không chỉ chọn trên bản đồ.",
        ),
    ],
)
def test_form_refuses_bad_coordinates_in_vietnamese(values: dict[str, str], field: str, message: str) -> None:
    form = _form(**values)
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_form_accepts_a_point_with_an_address_and_rounds_it() -> None:
    form = _form(latitude="21.02851149", longitude="105.8048172")
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["latitude"], form.cleaned_data["longitude"]) == (DEC("21.028511"), DEC("105.804817"))
    assert _form().is_valid()  # address alone, no point: fine


@pytest.mark.django_db
def test_attack_service_refuses_out_of_range_coordinates_and_writes_nothing(
    resident: User, commune: AdministrativeUnit
) -> None:
    before = Case.objects.count()
    with pytest.raises(DomainError) as refusal:
        file_online(resident, commune, location_address="Thôn 1", latitude=DEC("95"), longitude=DEC("105"))
    assert refusal.value.code == "petitions.location.latitude_out_of_range"
    assert Case.objects.count() == before


@pytest.mark.django_db
def test_online_form_saves_the_point_with_the_address(
    client: Client, resident: User, commune: AdministrativeUnit
) -> None:
    client.force_login(resident)
    url = reverse("petitions:case_file", args=[commune.slug])
    page = client.get(url).content.decode()
    assert "data-geolocate" in page and 'name="location_address"' in page and 'name="latitude"' in page
    response = client.post(
        url,
        {
            "kind": "feedback",
            "title": "Đèn đường hỏng",
            "content": "Đèn trước cổng trường không sáng.",
            "location_address": "Cổng trường tiểu học Thôn 2",
            "latitude": "21.0285114",
            "longitude": "105.8048172",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(title="Đèn đường hỏng")
    assert (case.location_address, case.latitude, case.longitude) == (
        "Cổng trường tiểu học Thôn 2",
        DEC("21.028511"),
        DEC("105.804817"),
    )


@pytest.mark.django_db
def test_online_form_out_of_range_keeps_the_input_and_writes_nothing(
    client: Client, resident: User, commune: AdministrativeUnit
) -> None:
    client.force_login(resident)
    response = client.post(
        reverse("petitions:case_file", args=[commune.slug]),
        {
            "kind": "feedback",
            "title": "Đèn đường hỏng",
            "content": "Đèn không sáng.",
            "location_address": "Thôn 2",
            "latitude": "210.5",
            "longitude": "105.8",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert LATITUDE_MESSAGE in page and 'value="210.5"' in page
    assert not Case.objects.filter(title="Đèn đường hỏng").exists()


def test_map_link_opens_the_point_and_is_empty_without_one() -> None:
    assert rules.map_link(DEC("21.028511"), DEC("105.804817")) == (
        "https://www.openstreetmap.org/?mlat=21.028511&mlon=105.804817#map=18/21.028511/105.804817"
    )
    assert rules.map_link(None, None) == ""
    assert rules.map_link(DEC("21"), None) == ""


@pytest.mark.django_db
def test_attack_open311_point_outside_vietnam_is_a_400_and_writes_nothing(
    client: Client, commune: AdministrativeUnit
) -> None:
    before = Case.objects.count()
    response = client.post(
        reverse("petitions:open311_requests", args=[commune.slug]),
        {
            "service_code": "feedback",
            "description": "Ổ gà",
            "address_string": "Thôn 1",
            "lat": "40.7128",
            "long": "-74.006",
            "first_name": "An",
            "last_name": "Nguyễn",
        },
    )
    assert response.status_code == 400
    assert response.json()[0]["description"] == LATITUDE_MESSAGE
    assert Case.objects.count() == before


@pytest.mark.django_db
def test_the_point_is_shown_with_a_map_link_on_the_residents_page(
    client: Client, resident: User, commune: AdministrativeUnit
) -> None:
    case = file_online(resident, commune, location_address="Thôn 1", latitude=DEC("21.0285"), longitude=DEC("105.8048"))
    client.force_login(resident)
    page = client.get(reverse("petitions:my_case", args=[case.pk])).content.decode()
    assert "https://www.openstreetmap.org/?mlat=21.028500&amp;mlon=105.804800" in page
    form_page = client.get(reverse("petitions:case_file", args=[commune.slug])).content.decode()
    assert "data-map-link" in form_page
