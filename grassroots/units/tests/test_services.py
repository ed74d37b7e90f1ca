from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units import services
from grassroots.units.models import AdministrativeUnit, Household, HouseholdStatus, Resident, StaffHeadcount
from grassroots.units.tests.factories import HouseholdFactory, OrganisationFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def _codes() -> list[str]:
    return list(AuditEvent.objects.values_list("code", flat=True))


def test_community_create_audited(bare_commune: AdministrativeUnit, actor: User, now: dt.datetime) -> None:
    community = services.community_create(
        commune=bare_commune, name=" Tổ  dân phố 5 ", kind_code="to_dan_pho", code="05", actor=actor, now=now
    )
    assert (community.parent, community.level, community.kind.code, community.name) == (
        bare_commune,
        "community",
        "to_dan_pho",
        "Tổ dân phố 5",
    )
    event = AuditEvent.objects.get()
    assert (event.code, event.unit_id, event.actor_id) == ("units.community.created", bare_commune.pk, actor.pk)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"name": "Thôn 1", "kind_code": "thon"}, "units.community.duplicate"),
        ({"name": "Thôn mới", "kind_code": "thon", "code": "01"}, "units.community.duplicate"),
        ({"name": "Thôn mới", "kind_code": "xa"}, "units.community.bad_kind"),
        ({"name": "  ", "kind_code": "thon"}, "units.community.name_required"),
    ],
)
def test_community_create_refusals(
    bare_commune: AdministrativeUnit,
    village_one: AdministrativeUnit,
    now: dt.datetime,
    kwargs: dict[str, Any],
    code: str,
) -> None:
    before = AdministrativeUnit.objects.count()
    with pytest.raises(DomainError) as refusal:
        services.community_create(commune=bare_commune, actor=None, now=now, **kwargs)
    assert refusal.value.code == code
    assert AdministrativeUnit.objects.count() == before
    assert not AuditEvent.objects.exists()


def test_community_create_needs_commune(village_one: AdministrativeUnit, now: dt.datetime) -> None:
    with pytest.raises(DomainError) as refusal:
        services.community_create(commune=village_one, name="X", kind_code="thon", actor=None, now=now)
    assert refusal.value.code == "units.unit.not_commune"


def test_household_and_residents_and_representative(
    village_one: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    household = services.household_create(
        community=village_one, code="HGD-9", address="Số 9", active_from=dt.date(2026, 1, 5), actor=actor, now=now
    )
    adult = services.resident_create(
        household=household,
        full_name="Phạm Văn Đức",
        birth_date=dt.date(1990, 4, 1),
        gender="male",
        phone="+84 912 345 678",
        actor=actor,
        now=now,
    )
    child = services.resident_create(
        household=household, full_name="Phạm Bé", birth_date=dt.date(2015, 1, 1), actor=actor, now=now
    )
    assert adult.phone == "0912345678"
    with pytest.raises(DomainError) as refusal:
        services.household_set_representative(household=household, resident=child, actor=actor, now=now)
    assert refusal.value.code == "units.representative.minor"
    services.household_set_representative(household=household, resident=adult, actor=actor, now=now)
    household.refresh_from_db()
    assert household.representative == adult
    assert _codes() == [
        "units.household.created",
        "units.resident.created",
        "units.resident.created",
        "units.household.representative_set",
    ]
    last = AuditEvent.objects.latest("id")
    assert last.before is not None and last.after is not None
    assert last.before["representative"] is None and last.after["representative"] == adult.pk


def test_representative_must_be_member(village_one: AdministrativeUnit, now: dt.datetime) -> None:
    household = HouseholdFactory(community=village_one)
    stranger = ResidentFactory()
    with pytest.raises(DomainError) as refusal:
        services.household_set_representative(household=household, resident=stranger, actor=None, now=now)
    assert refusal.value.code == "units.representative.not_member"
    household.refresh_from_db()
    assert household.representative != stranger


def test_representative_age_counted_on_given_date(village_one: AdministrativeUnit, now: dt.datetime) -> None:
    household = HouseholdFactory(community=village_one, representative=False)
    teen = ResidentFactory(household=household, birth_date=dt.date(2008, 12, 1))
    with pytest.raises(DomainError):
        services.household_set_representative(
            household=household, resident=teen, on=dt.date(2026, 11, 30), actor=None, now=now
        )
    services.household_set_representative(
        household=household, resident=teen, on=dt.date(2026, 12, 1), actor=None, now=now
    )
    assert Household.objects.get(pk=household.pk).representative == teen


def test_household_create_refuses_duplicate_code_in_commune(
    bare_commune: AdministrativeUnit, village_one: AdministrativeUnit, village_two: AdministrativeUnit, now: dt.datetime
) -> None:
    HouseholdFactory(community=village_one, code="HGD-1")
    with pytest.raises(DomainError) as refusal:
        services.household_create(
            community=village_two, code="hgd-1", active_from=dt.date(2026, 1, 1), actor=None, now=now
        )
    assert refusal.value.code == "units.household.duplicate_code"


def test_household_move_out(village_one: AdministrativeUnit, actor: User, now: dt.datetime) -> None:
    household = HouseholdFactory(community=village_one, active_from=dt.date(2020, 1, 1))
    services.household_move_out(
        household=household, on=dt.date(2026, 10, 1), status=HouseholdStatus.MOVED, actor=actor, now=now
    )
    household.refresh_from_db()
    assert (household.status, household.active_until) == ("moved", dt.date(2026, 10, 1))
    event = AuditEvent.objects.get()
    assert event.code == "units.household.moved"
    assert event.before is not None and event.after is not None
    assert (event.before["status"], event.after["status"]) == ("active", "moved")
    with pytest.raises(DomainError) as refusal:
        services.household_move_out(
            household=household, on=dt.date(2026, 11, 1), status=HouseholdStatus.DISSOLVED, actor=None, now=now
        )
    assert refusal.value.code == "units.household.bad_transition"
    assert AuditEvent.objects.count() == 1


def test_household_move_out_refuses_date_before_arrival(village_one: AdministrativeUnit, now: dt.datetime) -> None:
    household = HouseholdFactory(community=village_one, active_from=dt.date(2026, 5, 1))
    with pytest.raises(DomainError) as refusal:
        services.household_move_out(
            household=household, on=dt.date(2026, 5, 1), status=HouseholdStatus.DISSOLVED, actor=None, now=now
        )
    assert refusal.value.code == "units.household.until_before_from"
    household.refresh_from_db()
    assert household.status == "active"


def test_resident_create_refusals(village_one: AdministrativeUnit, now: dt.datetime) -> None:
    household = HouseholdFactory(community=village_one)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"full_name": ""}, "units.resident.name_required"),
        ({"full_name": "A", "phone": "123"}, "units.resident.bad_phone"),
        ({"full_name": "A", "birth_date": dt.date(2027, 1, 1)}, "units.resident.birth_in_future"),
        ({"full_name": "A", "gender": "x"}, "units.resident.bad_gender"),
    ]
    for kwargs, code in cases:
        with pytest.raises(DomainError) as refusal:
            services.resident_create(household=household, actor=None, now=now, **kwargs)
        assert refusal.value.code == code
    assert Resident.objects.filter(household=household).count() == 1


def test_organisation_and_headcount(bare_commune: AdministrativeUnit, actor: User, now: dt.datetime) -> None:
    organisation = services.organisation_create(
        kind="public_service_unit", name="Trường Tiểu học Hòa Phú", unit=bare_commune, actor=actor, now=now
    )
    services.headcount_set(
        organisation=organisation, effective_from=dt.date(2026, 1, 1), headcount=30, actor=actor, now=now
    )
    services.headcount_set(
        organisation=organisation, effective_from=dt.date(2026, 1, 1), headcount=32, actor=actor, now=now
    )
    assert list(StaffHeadcount.objects.values_list("headcount", flat=True)) == [32]
    assert _codes() == ["units.organisation.created", "units.headcount.set", "units.headcount.set"]
    assert AuditEvent.objects.latest("id").before == {"headcount": 30, "effective_from": "2026-01-01"}
    with pytest.raises(DomainError) as refusal:
        services.organisation_create(kind="club", name="X", unit=bare_commune, actor=None, now=now)
    assert refusal.value.code == "units.organisation.bad_kind"
    with pytest.raises(DomainError):
        services.headcount_set(
            organisation=OrganisationFactory(), effective_from=dt.date(2026, 1, 1), headcount=-1, actor=None, now=now
        )


def test_household_member_add_is_both_or_neither(
    village_one: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    household = HouseholdFactory(community=village_one, representative=False)
    with pytest.raises(DomainError) as refusal:
        services.household_member_add(
            household=household,
            full_name="Trần Bé",
            birth_date=dt.date(2015, 3, 1),
            is_representative=True,
            actor=actor,
            now=now,
        )
    assert refusal.value.code == "units.representative.minor"
    assert not Resident.objects.filter(household=household).exists()
    assert _codes() == []
    adult = services.household_member_add(
        household=household,
        full_name="Trần Văn Lớn",
        birth_date=dt.date(1975, 3, 1),
        is_representative=True,
        actor=actor,
        now=now,
    )
    household.refresh_from_db()
    assert household.representative == adult
    assert _codes() == ["units.resident.created", "units.household.representative_set"]
