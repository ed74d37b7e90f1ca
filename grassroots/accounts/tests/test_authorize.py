"""Outside the user's units → 404; visible but not changeable → 403; allowed → 200."""

from __future__ import annotations

import pytest
from django.test import Client

from grassroots.accounts.models import User
from grassroots.accounts.testing import PERSONA_PASSWORD
from grassroots.units.models import AdministrativeUnit, Household

pytestmark = [pytest.mark.django_db, pytest.mark.urls("grassroots.accounts.tests.urls_for_tests")]


def _login(client: Client, user: User) -> None:
    assert client.login(username=user.username, password=PERSONA_PASSWORD)


@pytest.mark.parametrize(
    ("persona", "get_status", "post_status"),
    [
        ("commune_officer", 200, 200),
        ("commune_chair", 200, 200),
        ("village_head", 200, 403),  # sees Thôn 1 but does not manage households
        ("board_member", 200, 403),
        ("resident", 200, 403),
        ("provincial_officer", 200, 403),
        ("other_commune_officer", 404, 404),
        ("superuser", 200, 200),
    ],
)
def test_unit_page_by_persona(
    request: pytest.FixtureRequest,
    client: Client,
    community: AdministrativeUnit,
    persona: str,
    get_status: int,
    post_status: int,
) -> None:
    _login(client, request.getfixturevalue(persona))
    assert client.get(f"/test-unit/{community.pk}/").status_code == get_status
    assert client.post(f"/test-unit/{community.pk}/").status_code == post_status


def test_unit_by_slug(
    client: Client, commune: AdministrativeUnit, commune_officer: User, other_commune: AdministrativeUnit
) -> None:
    _login(client, commune_officer)
    assert client.get("/test-unit/xa-hoa-phu/").status_code == 200
    assert client.get("/test-unit/xa-binh-an/").status_code == 404
    assert client.get("/test-unit/khong-co/").status_code == 404


def test_village_head_cannot_see_the_commune_or_the_other_village(
    client: Client, commune: AdministrativeUnit, second_community: AdministrativeUnit, village_head: User
) -> None:
    _login(client, village_head)
    assert client.get(f"/test-unit/{commune.pk}/").status_code == 404
    assert client.get(f"/test-unit/{second_community.pk}/").status_code == 404


def test_object_in_units(
    client: Client,
    community: AdministrativeUnit,
    other_commune: AdministrativeUnit,
    commune_officer: User,
    village_head: User,
) -> None:
    mine = Household.objects.filter(community=community).order_by("pk")[0]
    theirs = Household.objects.get(community__parent=other_commune)
    _login(client, commune_officer)
    assert client.get(f"/test-household/{mine.pk}/").status_code == 200
    assert client.post(f"/test-household/{mine.pk}/").status_code == 200
    assert client.get(f"/test-household/{theirs.pk}/").status_code == 404
    assert client.get("/test-household/999999/").status_code == 404
    client.logout()
    _login(client, village_head)
    assert client.get(f"/test-household/{mine.pk}/").status_code == 200
    assert client.post(f"/test-household/{mine.pk}/").status_code == 403


def test_role_required(client: Client, commune_officer: User, board_member: User, resident: User) -> None:
    response = client.get("/test-officers/")
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
    _login(client, commune_officer)
    assert client.get("/test-officers/").status_code == 200
    client.logout()
    _login(client, board_member)
    assert client.get("/test-officers/").status_code == 403
    assert client.get("/test-staff/").status_code == 200
    client.logout()
    _login(client, resident)
    assert client.get("/test-staff/").status_code == 403


@pytest.mark.parametrize(
    ("persona", "mine", "theirs"),
    [
        ("commune_officer", 200, 404),
        ("village_head", 200, 404),
        ("resident", 403, 404),  # no VIEW_HOUSEHOLDS: 404 outside first, 403 on their own village
        ("other_commune_officer", 404, 200),
    ],
)
def test_per_object_check_puts_the_404_first(
    request: pytest.FixtureRequest,
    client: Client,
    community: AdministrativeUnit,
    other_commune: AdministrativeUnit,
    persona: str,
    mine: int,
    theirs: int,
) -> None:
    own = Household.objects.filter(community=community).order_by("pk")[0]
    elsewhere = Household.objects.get(community__parent=other_commune)
    _login(client, request.getfixturevalue(persona))
    assert client.get(f"/test-per-object/{own.pk}/").status_code == mine
    assert client.get(f"/test-per-object/{elsewhere.pk}/").status_code == theirs


def test_per_object_view_that_never_asks_fails_loudly(
    client: Client, community: AdministrativeUnit, commune_officer: User
) -> None:
    from django.core.exceptions import ImproperlyConfigured

    own = Household.objects.filter(community=community).order_by("pk")[0]
    _login(client, commune_officer)
    with pytest.raises(ImproperlyConfigured):
        client.get(f"/test-forgets/{own.pk}/")
    client.logout()
    response = client.get(f"/test-forgets/{own.pk}/")
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_form_page_one_path(client: Client, community: AdministrativeUnit, commune_officer: User) -> None:
    from django.contrib.messages import get_messages

    _login(client, commune_officer)
    url = f"/test-form/{community.pk}/"
    assert client.get(url).status_code == 200
    done = client.post(url, {"name": "Thôn Mới"})
    assert (done.status_code, done["Location"]) == (302, "/xong/")
    assert [str(message) for message in get_messages(done.wsgi_request)] == ["ok Thôn Mới"]
    refused = client.post(url, {"name": "sai"})
    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors() == ["Bị từ chối"]
    assert refused.context["refused_code"] == "test.refused"
    assert 'value="sai"' in refused.content.decode()
    invalid = client.post(url, {"name": ""})
    assert (invalid.status_code, list(invalid.context["form"].errors)) == (200, ["name"])
    assert "refused_code" not in invalid.context


@pytest.mark.parametrize(
    ("persona", "open_status", "closed_status"),
    [
        ("commune_officer", 200, 404),  # allowed, but the object's state offers no such form
        ("village_head", 403, 403),  # sees Thôn 1, may not manage it: 403 before the state's 404
        ("other_commune_officer", 404, 404),  # outside their units
    ],
)
def test_form_page_order_of_refusals(
    request: pytest.FixtureRequest,
    client: Client,
    community: AdministrativeUnit,
    persona: str,
    open_status: int,
    closed_status: int,
) -> None:
    _login(client, request.getfixturevalue(persona))
    assert client.get(f"/test-form/{community.pk}/").status_code == open_status
    assert client.get(f"/test-form/{community.pk}/?closed=1").status_code == closed_status
    assert client.post(f"/test-form/{community.pk}/?closed=1", {"name": "x"}).status_code == closed_status
