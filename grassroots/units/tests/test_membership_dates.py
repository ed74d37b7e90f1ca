"""Dated household membership: who is a member of a household on a given day, and how a member leaves.

The rule (``models.resident_is_member_on``) is the household's own half-open period: a member counts on
``D`` when ``registered_on <= D < left_on`` (an empty ``registered_on`` counts from always, an empty
``left_on`` means still a member).
"""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units import importing, selectors, services
from grassroots.units.models import AdministrativeUnit, Household, Resident
from grassroots.units.tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 6, 1)


def _member(household: Household, name: str, *, joined: dt.date | None, left: dt.date | None = None) -> Resident:
    return Resident.objects.create(household=household, full_name=name, registered_on=joined, left_on=left)


@pytest.mark.parametrize(
    ("joined", "left", "counts"),
    [
        (None, None, True),  # recorded before membership dates existed: counted
        (DAY - dt.timedelta(days=1), None, True),
        (DAY, None, True),  # registered on the day itself: counted (same rule as a household's active_from)
        (DAY + dt.timedelta(days=1), None, False),
        (None, DAY + dt.timedelta(days=1), True),  # left after the day: still counted on it
        (None, DAY, False),  # left on the day: no longer a member that day
        (DAY - dt.timedelta(days=10), DAY - dt.timedelta(days=1), False),
    ],
)
def test_members_on_a_day(
    village_one: AdministrativeUnit, joined: dt.date | None, left: dt.date | None, counts: bool
) -> None:
    household = HouseholdFactory(community=village_one, representative=False)
    person = _member(household, "Người Thử", joined=joined, left=left)
    assert (person in selectors.household_members_on(household, DAY)) is counts
    assert selectors.member_counts_on([household], DAY).get(household.pk, 0) == (1 if counts else 0)


def test_member_counts_on_group_per_household(village_one: AdministrativeUnit) -> None:
    first = HouseholdFactory(community=village_one, representative=False)
    second = HouseholdFactory(community=village_one, representative=False)
    for name in ("A", "B"):
        _member(first, name, joined=None)
    _member(first, "Mới sinh", joined=DAY + dt.timedelta(days=3))
    _member(second, "Đã đi", joined=None, left=DAY + dt.timedelta(days=3))
    assert selectors.member_counts_on([first, second.pk], DAY) == {first.pk: 2, second.pk: 1}
    assert selectors.member_counts_on([first, second], DAY + dt.timedelta(days=3)) == {first.pk: 3}


def test_today_members_exclude_those_who_left(village_one: AdministrativeUnit) -> None:
    household = HouseholdFactory(community=village_one, representative=False)
    _member(household, "Ở lại", joined=None)
    _member(household, "Đã đi", joined=None, left=DAY)
    assert [person.full_name for person in selectors.household_members(household)] == ["Ở lại"]


def test_database_refuses_a_period_ending_before_it_starts(village_one: AdministrativeUnit) -> None:
    from django.db import IntegrityError, transaction

    household = HouseholdFactory(community=village_one, representative=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        _member(household, "Sai ngày", joined=DAY, left=DAY)


def test_member_add_records_registered_on(village_one: AdministrativeUnit, actor: User, now: dt.datetime) -> None:
    household = HouseholdFactory(community=village_one, representative=False)
    person = services.household_member_add(
        household=household, full_name="Trẻ Mới Sinh", birth_date=DAY, registered_on=DAY, actor=actor, now=now
    )
    assert person.registered_on == DAY
    event = AuditEvent.objects.get(code="units.resident.created")
    assert isinstance(event.after, dict)
    assert event.after["registered_on"] == DAY.isoformat()


@pytest.mark.parametrize(
    ("birth", "joined", "code"),
    [
        (None, dt.date(2026, 11, 23), "units.resident.registered_in_future"),
        (DAY, DAY - dt.timedelta(days=1), "units.resident.registered_before_birth"),
    ],
)
def test_member_add_refuses_impossible_dates(
    village_one: AdministrativeUnit, actor: User, now: dt.datetime, birth: dt.date | None, joined: dt.date, code: str
) -> None:
    household = HouseholdFactory(community=village_one, representative=False)
    with pytest.raises(DomainError) as refusal:
        services.household_member_add(
            household=household, full_name="Ai Đó", birth_date=birth, registered_on=joined, actor=actor, now=now
        )
    assert refusal.value.code == code
    assert not Resident.objects.filter(household=household).exists()


def test_resident_leave_records_the_date_and_keeps_the_person(
    village_one: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    household = HouseholdFactory(community=village_one, representative=False)
    person = _member(household, "Chuyển Đi", joined=dt.date(2020, 1, 1))
    services.resident_leave(resident=person, on=DAY, actor=actor, now=now)
    person.refresh_from_db()
    assert (person.household_id, person.left_on) == (household.pk, DAY)
    assert person in selectors.household_members_on(household, DAY - dt.timedelta(days=1))
    assert person not in selectors.household_members_on(household, DAY)
    event = AuditEvent.objects.get(code="units.resident.left")
    assert isinstance(event.before, dict) and isinstance(event.after, dict)
    assert (event.unit_id, event.before["left_on"], event.after["left_on"]) == (village_one.pk, None, DAY.isoformat())


@pytest.mark.parametrize(
    ("joined", "left_before", "on", "code"),
    [
        (None, DAY, DAY + dt.timedelta(days=1), "units.resident.already_left"),
        (None, None, dt.date(2026, 11, 23), "units.resident.left_in_future"),
        (DAY, None, DAY, "units.resident.left_before_registered"),
    ],
)
def test_resident_leave_refusals_change_nothing(
    village_one: AdministrativeUnit,
    actor: User,
    now: dt.datetime,
    joined: dt.date | None,
    left_before: dt.date | None,
    on: dt.date,
    code: str,
) -> None:
    household = HouseholdFactory(community=village_one, representative=False)
    person = _member(household, "Ai Đó", joined=joined, left=left_before)
    with pytest.raises(DomainError) as refusal:
        services.resident_leave(resident=person, on=on, actor=actor, now=now)
    assert refusal.value.code == code
    person.refresh_from_db()
    assert person.left_on == left_before
    assert not AuditEvent.objects.filter(code="units.resident.left").exists()


def test_the_representative_cannot_leave_and_one_who_left_cannot_represent(
    village_one: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    household = HouseholdFactory(community=village_one)
    representative = household.representative
    assert representative is not None
    with pytest.raises(DomainError) as refusal:
        services.resident_leave(resident=representative, on=DAY, actor=actor, now=now)
    assert refusal.value.code == "units.resident.is_representative"
    representative.refresh_from_db()
    assert representative.left_on is None
    gone = Resident.objects.create(household=household, full_name="Đã Đi", birth_date=dt.date(1980, 1, 1), left_on=DAY)
    with pytest.raises(DomainError) as refusal:
        services.household_set_representative(household=household, resident=gone, actor=actor, now=now)
    assert refusal.value.code == "units.representative.not_member"
    household.refresh_from_db()
    assert household.representative_id == representative.pk


def test_import_reads_arrival_and_leaving_dates_per_member(
    bare_commune: AdministrativeUnit, village_one: AdministrativeUnit, now: dt.datetime
) -> None:
    text = (
        "Mã hộ,Thôn/Tổ dân phố,Họ và tên,Ngày sinh,Đại diện hộ,Ngày đến cư trú,Ngày rời hộ\n"
        "B1,Thôn 1,Chủ Hộ,01/01/1960,x,01/01/2000,\n"
        "B1,Thôn 1,Con Dâu,01/01/1995,,15/06/2026,\n"
        "B1,Thôn 1,Con Gái,01/01/1990,,,01/03/2026\n"
    )
    services.household_import(commune=bare_commune, rows=importing.read_csv(text.encode()).rows, actor=None, now=now)
    people = {person.full_name: (person.registered_on, person.left_on) for person in Resident.objects.all()}
    assert people == {
        "Chủ Hộ": (dt.date(2000, 1, 1), None),
        "Con Dâu": (dt.date(2026, 6, 15), None),
        "Con Gái": (None, dt.date(2026, 3, 1)),
    }
    household = Household.objects.get(code="B1")
    assert selectors.member_counts_on([household], DAY) == {household.pk: 1}


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("B2,Thôn 1,Người A,01/01/1960,x,,01/01/2020\n", "left_on"),  # the representative has left
        ("B2,Thôn 1,Người A,01/01/1960,,01/01/2020,01/01/2020\n", "left_on"),  # left the day they came
        ("B2,Thôn 1,Người A,01/01/1960,,,01/01/2030\n", "left_on"),  # in the future
        ("B2,Thôn 1,Người A,01/01/1960,,,hôm qua\n", "left_on"),  # not a date
    ],
)
def test_import_refuses_bad_leaving_dates(
    bare_commune: AdministrativeUnit, village_one: AdministrativeUnit, now: dt.datetime, row: str, column: str
) -> None:
    text = (
        "Mã hộ,Thôn/Tổ dân phố,Họ và tên,Ngày sinh,Đại diện hộ,Ngày đến cư trú,Ngày rời hộ\n"
        "B2,Thôn 1,Chủ Hộ,01/01/1950,x,,\n" + row
    )
    if "x,,01/01/2020" in row:
        text = "Mã hộ,Thôn/Tổ dân phố,Họ và tên,Ngày sinh,Đại diện hộ,Ngày đến cư trú,Ngày rời hộ\n" + row
    with pytest.raises(services.HouseholdImportError) as refusal:
        services.household_import(
            commune=bare_commune, rows=importing.read_csv(text.encode()).rows, actor=None, now=now
        )
    assert column in [error.column for error in refusal.value.errors]
    assert not Resident.objects.exists()


def test_template_has_the_leaving_column() -> None:
    assert importing.template_headers()[-1] == "Ngày rời hộ"
    assert all(len(row) == len(importing.template_headers()) for row in importing.TEMPLATE_EXAMPLE_ROWS)


def test_the_admin_neither_deletes_a_member_nor_edits_membership_dates(
    village_one: AdministrativeUnit, superuser: User
) -> None:
    from django.test import Client
    from django.urls import reverse

    household = HouseholdFactory(community=village_one)
    client = Client()
    client.force_login(superuser)
    page = client.get(reverse("admin:units_household_change", args=[household.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="members-0-full_name"' in html  # the inline is there
    assert "members-0-DELETE" not in html
    assert 'name="members-0-left_on"' not in html and 'name="members-0-registered_on"' not in html
