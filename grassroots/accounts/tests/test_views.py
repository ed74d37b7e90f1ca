"""Login (with lockout), logout, own password change, staff password reset."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from pytest_django import Settings

from grassroots.accounts.models import RoleMembership, User
from grassroots.accounts.testing import PERSONA_PASSWORD
from grassroots.core import clock
from grassroots.core.models import AuditEvent
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

LOGIN = "/tai-khoan/dang-nhap/"
NOW = dt.datetime(2026, 11, 22, 2, 0, tzinfo=dt.UTC)  # 09:00 in Hà Nội


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> type:
    """A settable clock: ``frozen.moment`` is what ``clock.now()`` returns."""

    class Clock:
        moment = NOW

    monkeypatch.setattr(clock, "now", lambda: Clock.moment)
    return Clock


def _error_codes(response: Any) -> list[str]:
    return [error.code for error in response.context["form"].non_field_errors().as_data()]


def _post_login(client: Client, login: str, password: str) -> Any:
    return client.post(LOGIN, {"username": login, "password": password})


def test_login_page_renders_accessibly(client: Client) -> None:
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'autocomplete="username"' in html and 'autocomplete="current-password"' in html
    assert "error-summary" not in html


@pytest.mark.parametrize("login", ["resident", "RESIDENT", "0912345678", "0912 345 678", "+84912345678", "84912345678"])
def test_login_by_username_or_phone_in_any_format(client: Client, resident: User, login: str) -> None:
    response = _post_login(client, login, PERSONA_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")
    assert int(client.session["_auth_user_id"]) == resident.pk


def test_wrong_password_shows_error_summary_and_keeps_input(client: Client, resident: User) -> None:
    response = _post_login(client, "0912 345 678", "sai-mat-khau")
    assert response.status_code == 200
    assert _error_codes(response) == ["invalid_login"]
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'value="0912 345 678"' in html


def test_empty_form_lists_both_fields(client: Client) -> None:
    response = client.post(LOGIN, {"username": "", "password": ""})
    form = response.context["form"]
    assert set(form.errors) == {"username", "password"}
    assert 'href="#id_username"' in response.content.decode()


@override_settings(LOGIN_MAX_FAILURES=5, LOGIN_LOCKOUT_MINUTES=15)
def test_lockout_through_the_login_page(client: Client, resident: User, frozen: Any) -> None:
    for _attempt in range(4):
        assert _error_codes(_post_login(client, "resident", "sai")) == ["invalid_login"]
    fifth = _post_login(client, "resident", "sai")
    assert _error_codes(fifth) == ["locked"]
    assert "09:15" in fifth.content.decode()  # when to try again, in Vietnam time
    assert AuditEvent.objects.filter(code="accounts.user.locked", object_id=str(resident.pk)).count() == 1
    # the right password is refused while locked, by phone too
    frozen.moment = NOW + dt.timedelta(minutes=14, seconds=59)
    assert _error_codes(_post_login(client, "+84912345678", PERSONA_PASSWORD)) == ["locked"]
    assert "_auth_user_id" not in client.session
    # after the lock expires, the right password works and resets the counter
    frozen.moment = NOW + dt.timedelta(minutes=15)
    assert _post_login(client, "resident", PERSONA_PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(4):
        assert _error_codes(_post_login(client, "resident", "sai")) == ["invalid_login"]


@override_settings(LOGIN_MAX_FAILURES=2, LOGIN_LOCKOUT_MINUTES=15)
def test_lock_of_one_account_does_not_lock_another(
    client: Client, resident: User, village_head: User, frozen: Any
) -> None:
    _post_login(client, "resident", "sai")
    assert _error_codes(_post_login(client, "resident", "sai")) == ["locked"]
    assert _post_login(client, "village_head", PERSONA_PASSWORD).status_code == 302


def test_inactive_user_cannot_log_in(client: Client, resident: User) -> None:
    User.objects.filter(pk=resident.pk).update(is_active=False)
    assert _error_codes(_post_login(client, "resident", PERSONA_PASSWORD)) == ["invalid_login"]


def test_logout_is_post_only(client: Client, resident: User) -> None:
    client.force_login(resident)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_forced_password_change_after_login(client: Client, resident: User) -> None:
    User.objects.filter(pk=resident.pk).update(must_change_password=True)
    response = _post_login(client, "resident", PERSONA_PASSWORD)
    assert response["Location"].startswith(reverse("accounts:password_change"))
    page = client.get(response["Location"])
    assert page.context["forced"] is True
    done = client.post(
        response["Location"],
        {
            "old_password": PERSONA_PASSWORD,
            "new_password1": "mat-khau-rieng-2026",
            "new_password2": "mat-khau-rieng-2026",
        },
    )
    assert done.status_code == 302
    resident.refresh_from_db()
    assert resident.must_change_password is False
    assert resident.check_password("mat-khau-rieng-2026")
    assert "_auth_user_id" in client.session  # still logged in after the change


def test_password_change_errors_are_listed(client: Client, resident: User) -> None:
    client.force_login(resident)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "sai", "new_password1": "123", "new_password2": "456"},
    )
    assert response.status_code == 200
    assert {"old_password", "new_password2"} <= set(response.context["form"].errors)
    resident.refresh_from_db()
    assert resident.check_password(PERSONA_PASSWORD)


def test_must_change_password_middleware(client: Client, resident: User, settings: Settings) -> None:
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "grassroots.accounts.middleware.MustChangePasswordMiddleware"]
    User.objects.filter(pk=resident.pk).update(must_change_password=True)
    client.force_login(resident)
    response = client.get("/can-bo/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:password_change"))
    assert client.get(reverse("accounts:password_change")).status_code == 200


# --- staff reset -------------------------------------------------------------------------------


def _reset_url(user: User) -> str:
    return reverse("accounts:password_reset", args=[user.pk])


def test_user_list_for_officers(
    client: Client, commune_officer: User, resident: User, other_commune_officer: User
) -> None:
    client.force_login(commune_officer)
    response = client.get(reverse("accounts:user_list"), {"q": "Dân"})
    assert response.status_code == 200
    assert list(response.context["users"]) == [resident]
    assert other_commune_officer not in client.get(reverse("accounts:user_list")).context["users"]


def test_user_list_refused_to_residents(client: Client, resident: User) -> None:
    client.force_login(resident)
    assert client.get(reverse("accounts:user_list")).status_code == 403


def test_officer_generates_a_temporary_password(client: Client, commune_officer: User, resident: User) -> None:
    client.force_login(commune_officer)
    assert client.get(_reset_url(resident)).status_code == 200
    response = client.post(_reset_url(resident), {"method": "generate"})
    assert response.status_code == 200
    password = response.context["password"]
    assert password in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    resident.refresh_from_db()
    assert resident.check_password(password) and resident.must_change_password
    assert AuditEvent.objects.filter(code="accounts.password.reset", actor_id=commune_officer.pk).count() == 1


def test_chair_types_a_temporary_password(client: Client, commune_chair: User, household_representative: User) -> None:
    client.force_login(commune_chair)
    response = client.post(_reset_url(household_representative), {"method": "type", "new_password": "tam-thoi-2026"})
    assert response.status_code == 200
    household_representative.refresh_from_db()
    assert household_representative.check_password("tam-thoi-2026")


def test_typed_password_must_be_valid(client: Client, commune_officer: User, resident: User) -> None:
    client.force_login(commune_officer)
    response = client.post(_reset_url(resident), {"method": "type", "new_password": "12345678"})
    assert response.status_code == 200
    assert "new_password" in response.context["form"].errors
    response = client.post(_reset_url(resident), {"method": "type", "new_password": ""})
    assert "new_password" in response.context["form"].errors
    resident.refresh_from_db()
    assert resident.check_password(PERSONA_PASSWORD)
    assert not AuditEvent.objects.filter(code="accounts.password.reset").exists()


def test_other_commune_officer_gets_404(client: Client, other_commune_officer: User, resident: User) -> None:
    client.force_login(other_commune_officer)
    assert client.get(_reset_url(resident)).status_code == 404
    assert client.post(_reset_url(resident), {"method": "generate"}).status_code == 404
    resident.refresh_from_db()
    assert resident.check_password(PERSONA_PASSWORD)


def test_visible_but_not_resettable_gets_403(
    client: Client, commune_officer: User, resident: User, other_commune: AdministrativeUnit
) -> None:
    RoleMembership.objects.create(
        user=resident, role="village_head", unit=other_commune.children.get(), valid_from=dt.date(2025, 1, 1)
    )
    client.force_login(commune_officer)
    assert client.get(_reset_url(resident)).status_code == 403
    assert client.post(_reset_url(resident), {"method": "generate"}).status_code == 403


def test_village_head_cannot_reset(client: Client, village_head: User, resident: User) -> None:
    client.force_login(village_head)
    assert client.get(_reset_url(resident)).status_code == 403


def test_anonymous_is_sent_to_login(client: Client, resident: User) -> None:
    response = client.get(_reset_url(resident))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_admin_is_for_superusers(client: Client, superuser: User, commune_officer: User) -> None:
    User.objects.filter(pk=commune_officer.pk).update(is_staff=True)
    client.force_login(commune_officer)
    assert client.get("/admin/accounts/user/").status_code == 403
    client.force_login(superuser)
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get(f"/admin/accounts/user/{commune_officer.pk}/change/").status_code == 200
    assert client.get("/admin/accounts/rolemembership/").status_code == 200
