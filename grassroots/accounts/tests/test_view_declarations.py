"""Every accounts page declares its access: public, signed in, or ``Action.RESET_PASSWORD``."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import resolve, reverse

from grassroots.accounts.authorize import PUBLIC, SIGNED_IN, declared_access
from grassroots.accounts.models import User
from grassroots.accounts.rules import Action

pytestmark = pytest.mark.django_db

DECLARED = {
    "login": PUBLIC,
    "logout": PUBLIC,
    "password_change": SIGNED_IN,
    "user_list": Action.RESET_PASSWORD.value,
    "password_reset": Action.RESET_PASSWORD.value,
}


def _url(name: str, target: User) -> str:
    return reverse(f"accounts:{name}", args=[target.pk] if name == "password_reset" else [])


def test_the_table_covers_every_page_of_the_app() -> None:
    from grassroots.accounts.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == set(DECLARED)


@pytest.mark.parametrize(("name", "access"), DECLARED.items())
def test_page_declares_its_access(resident: User, name: str, access: str) -> None:
    assert declared_access(resolve(_url(name, resident)).func) == access


@pytest.mark.parametrize("name", ["user_list", "password_reset"])
@pytest.mark.parametrize(
    ("persona", "status"), [("village_head", 403), ("board_member", 403), ("commune_officer", 200)]
)
def test_reset_pages_need_the_reset_action(
    client: Client, request: pytest.FixtureRequest, resident: User, name: str, persona: str, status: int
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(name, resident)).status_code == status


def test_own_password_change_needs_a_signed_in_user(client: Client, resident: User) -> None:
    url = reverse("accounts:password_change")
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, f"{reverse('accounts:login')}?next={url}")
    client.force_login(resident)
    assert client.get(url).status_code == 200


def test_login_and_logout_are_open_to_anonymous_visitors(client: Client) -> None:
    assert client.get(reverse("accounts:login")).status_code == 200
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not response["Location"].startswith(reverse("accounts:login"))
