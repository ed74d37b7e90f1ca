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


@pytest.mark.parametrize(
    ("latitude", "longitude", "code"),
    [
        (None, None, "ok"),
        ("21.028511", None, "petitions.location.both_or_neither"),
        (None, "105.804817", "petitions.location.both_or_neither"),
        ("90", "180", "ok"),
        ("-90", "-180", "ok"),
        ("90.000001", "0", "petitions.location.latitude_out_of_range"),
        ("-90.000001", "0", "petitions.location.latitude_out_of_range"),
        ("0", "180.000001", "petitions.location.longitude_out_of_range"),
        ("0", "-180.000001", "petitions.location.longitude_out_of_range"),
        ("NaN", "0", "petitions.location.latitude_out_of_range"),
        ("0", "Infinity", "petitions.location.longitude_out_of_range"),
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
        ({"latitude": "91", "longitude": "105"}, "latitude", "Vĩ độ phải từ -90 đến 90."),
        ({"latitude": "21", "longitude": "-181"}, "longitude", "Kinh độ phải từ -180 đến 180."),
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
    assert "Vĩ độ phải từ -90 đến 90." in page and 'value="210.5"' in page
    assert not Case.objects.filter(title="Đèn đường hỏng").exists()
