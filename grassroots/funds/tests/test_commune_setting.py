"""The commune decides whether households' individual amounts are public (issue 18), and only through the audit.

Attacker tests: an anonymous visitor and another household's representative do not see amounts while the
commune says no; a village head, a resident, another commune's officer cannot change the setting; a clerk with
the admin or with the database cannot flip it without an audit event (the admin refuses, the database refuses an
UPDATE, and ``funds_verify`` names a row inserted behind the service's back).
"""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.funds import selectors, services
from grassroots.funds.models import CommuneFundSetting, Fund
from grassroots.funds.tests.conftest import NOW, TODAY
from grassroots.units.models import AdministrativeUnit, Household

pytestmark = pytest.mark.django_db

AMOUNTS_COLUMN = 'scope="col">Đã nộp</th>'


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def paid(fund: Fund, community: AdministrativeUnit, village_head: User) -> Fund:
    """H1-01 paid 123.456 đ, H1-02 100.000 đ: 123.456 appears on the page only when the amounts are shown
    (the totals read 223.456)."""
    for code, amount in (("H1-01", 123_456), ("H1-02", 100_000)):
        household = Household.objects.get(community=community, code=code)
        services.receipt_record(fund=fund, household=household, amount=amount, received_on=TODAY, actor=village_head)
    return fund


def _set(commune: AdministrativeUnit, value: bool, actor: User) -> CommuneFundSetting:
    return services.commune_fund_setting_change(
        commune=commune, shows_household_amounts=value, basis="Quyết định 12/QĐ-UBND", actor=actor, now=NOW
    )


def test_amounts_hidden_until_the_commune_decides(
    paid: Fund, commune: AdministrativeUnit, household_representative: User, resident: User
) -> None:
    """No setting row: hidden on the page, on the printable statement, to anyone and to another household."""
    assert selectors.commune_shows_household_amounts(commune.pk) is False
    for client in (_client(), _client(resident)):
        for name in ("funds:public_detail", "funds:public_print"):
            page = client.get(reverse(name, args=[paid.pk])).content.decode()
            assert "123.456" not in page
            assert AMOUNTS_COLUMN not in page
    lines = selectors.public_lines(paid)
    assert {line.money_paid for line in lines} == {None}


def test_the_commune_officer_turns_amounts_on_and_off_each_time_audited(
    paid: Fund, commune: AdministrativeUnit, commune_officer: User
) -> None:
    first = _set(commune, True, commune_officer)
    page = _client().get(reverse("funds:public_detail", args=[paid.pk])).content.decode()
    assert "123.456" in page and AMOUNTS_COLUMN in page
    second = _set(commune, False, commune_officer)
    page = _client().get(reverse("funds:public_detail", args=[paid.pk])).content.decode()
    assert "123.456" not in page
    events = list(AuditEvent.objects.filter(code="funds.commune_setting.changed").order_by("id"))
    assert [(event.object_id, event.before, (event.after or {})["shows_household_amounts"]) for event in events] == [
        (str(first.pk), {"shows_household_amounts": False}, True),
        (str(second.pk), {"shows_household_amounts": True}, False),
    ]
    assert events[0].unit_id == commune.pk and events[0].actor_id == commune_officer.pk
    call_command("funds_verify", stdout=None)


def test_the_setting_of_one_commune_does_not_open_another(
    paid: Fund, other_commune: AdministrativeUnit, other_commune_officer: User
) -> None:
    _set(other_commune, True, other_commune_officer)
    assert "123.456" not in _client().get(reverse("funds:public_detail", args=[paid.pk])).content.decode()


@pytest.mark.parametrize("who", ["village_head", "resident", "household_representative", "other_commune_officer"])
def test_who_cannot_change_the_setting(
    paid: Fund, commune: AdministrativeUnit, who: str, request: pytest.FixtureRequest
) -> None:
    """A village head manages its village's funds, not the commune's setting; residents and outsiders nothing."""
    actor = request.getfixturevalue(who)
    with pytest.raises(DomainError) as refused:
        _set(commune, True, actor)
    assert refused.value.code == "funds.not_authorised"
    url = reverse("funds:commune_setting", args=[commune.slug])
    response = _client(actor).post(url, {"shows_household_amounts": "on", "basis": "tự ý"})
    assert response.status_code in (403, 404)
    assert not CommuneFundSetting.objects.exists()
    assert not AuditEvent.objects.filter(code="funds.commune_setting.changed").exists()


@pytest.mark.parametrize(
    ("value", "basis", "code"),
    [(False, "QĐ 12", "funds.setting_unchanged"), (True, "   ", "funds.setting_basis_required")],
)
def test_refusals_write_nothing(
    commune: AdministrativeUnit, commune_officer: User, value: bool, basis: str, code: str
) -> None:
    with pytest.raises(DomainError) as refused:
        services.commune_fund_setting_change(
            commune=commune, shows_household_amounts=value, basis=basis, actor=commune_officer, now=NOW
        )
    assert refused.value.code == code
    assert not CommuneFundSetting.objects.exists()


def test_a_village_is_not_a_commune(community: AdministrativeUnit, commune_officer: User) -> None:
    with pytest.raises(DomainError) as refused:
        _set(community, True, commune_officer)
    assert refused.value.code == "funds.setting_not_commune"


def test_the_page_changes_the_setting(paid: Fund, commune: AdministrativeUnit, commune_officer: User) -> None:
    url = reverse("funds:commune_setting", args=[commune.slug])
    client = _client(commune_officer)
    assert client.get(url).status_code == 200
    assert "funds:commune_setting" not in client.get(reverse("funds:staff_list")).content.decode()
    assert url in client.get(reverse("funds:staff_list")).content.decode()
    # No basis: the form says so and nothing is written.
    response = client.post(url, {"shows_household_amounts": "on", "basis": ""})
    assert response.status_code == 200 and not CommuneFundSetting.objects.exists()
    response = client.post(url, {"shows_household_amounts": "on", "basis": "Quyết định 12/QĐ-UBND"})
    assert response.status_code == 302
    assert selectors.commune_shows_household_amounts(commune.pk) is True
    assert "Quyết định 12/QĐ-UBND" in client.get(url).content.decode()


def test_a_clerk_cannot_flip_the_setting_without_an_audit_event(
    paid: Fund, commune: AdministrativeUnit, commune_officer: User, superuser: User
) -> None:
    _set(commune, True, commune_officer)
    _set(commune, False, commune_officer)
    latest = selectors.commune_setting(commune.pk)
    assert latest is not None
    admin = _client(superuser)
    # The admin reads the settings and changes nothing: no add, no change, no delete.
    assert admin.get(reverse("admin:funds_communefundsetting_changelist")).status_code == 200
    assert (
        admin.post(
            reverse("admin:funds_communefundsetting_add"),
            {"commune": commune.pk, "shows_household_amounts": "on", "basis": "x"},
        ).status_code
        == 403
    )
    change = reverse("admin:funds_communefundsetting_change", args=[latest.pk])
    assert admin.post(change, {"shows_household_amounts": "on", "basis": "x"}).status_code == 403
    delete = reverse("admin:funds_communefundsetting_delete", args=[latest.pk])
    assert admin.post(delete, {"post": "yes"}).status_code == 403
    # The ORM refuses an edit, and so does the database itself.
    latest.shows_household_amounts = True
    with pytest.raises(PermissionError):
        latest.save()
    with pytest.raises(PermissionError):
        CommuneFundSetting.objects.filter(pk=latest.pk).update(shows_household_amounts=True)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE funds_communefundsetting SET shows_household_amounts = %s WHERE id = %s", [True, latest.pk]
        )
    assert selectors.commune_shows_household_amounts(commune.pk) is False
    assert "123.456" not in _client().get(reverse("funds:public_detail", args=[paid.pk])).content.decode()
    # A row inserted straight into the database has no audit event: the verification names it.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO funds_communefundsetting (commune_id, shows_household_amounts, basis, set_by_id, set_at) "
            "VALUES (%s, %s, %s, %s, %s)",
            [commune.pk, True, "chèn thẳng", superuser.pk, NOW],
        )
    with pytest.raises(CommandError):
        call_command("funds_verify", stdout=None, stderr=None)
