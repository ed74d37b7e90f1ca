from __future__ import annotations

import datetime as dt

import pytest
from pytest_django import DjangoAssertNumQueries

from grassroots.units import rules, selectors
from grassroots.units.models import AdministrativeUnit, Household, HouseholdStatus, UnitLevel
from grassroots.units.tests.factories import (
    CommuneFactory,
    CommunityFactory,
    HouseholdFactory,
    OrganisationFactory,
    StaffHeadcountFactory,
    unit_kind,
)

pytestmark = pytest.mark.django_db
D = dt.date(2026, 3, 10)


def _moved(community: AdministrativeUnit, active_from: dt.date, active_until: dt.date | None) -> Household:
    return HouseholdFactory(
        community=community,
        active_from=active_from,
        active_until=active_until,
        status=HouseholdStatus.MOVED,
    )


def test_active_household_count_date_edges(
    village_one: AdministrativeUnit, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    HouseholdFactory(community=village_one, active_from=D)  # arrives on D: counts on D
    HouseholdFactory(community=village_one, active_from=D + dt.timedelta(days=1))  # arrives after D
    _moved(village_one, dt.date(2020, 1, 1), D)  # leaves on D: does not count on D
    _moved(village_one, dt.date(2020, 1, 1), D + dt.timedelta(days=1))  # leaves after D: counts
    _moved(village_one, dt.date(2020, 1, 1), D - dt.timedelta(days=1))  # left before D
    with django_assert_num_queries(1):
        assert selectors.active_household_count(village_one, D) == 2
    assert selectors.active_household_count(village_one, D - dt.timedelta(days=1)) == 2  # the two that leave later
    assert selectors.active_household_count(village_one, D + dt.timedelta(days=1)) == 2
    assert selectors.active_household_count(village_one, dt.date(2019, 12, 31)) == 0


def test_active_household_counts_across_commune(
    bare_commune: AdministrativeUnit,
    village_one: AdministrativeUnit,
    village_two: AdministrativeUnit,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    empty = CommunityFactory(parent=bare_commune, name="Thôn 3")
    HouseholdFactory.create_batch(3, community=village_one)
    HouseholdFactory(community=village_two)
    _moved(village_two, dt.date(2020, 1, 1), D)
    HouseholdFactory(community=CommunityFactory())  # another bare_commune
    with django_assert_num_queries(1):
        counts = selectors.active_household_counts(bare_commune, D)
    assert counts == {village_one.pk: 3, village_two.pk: 1, empty.pk: 0}
    assert selectors.active_household_counts(bare_commune, dt.date(2020, 6, 1)) == {
        village_one.pk: 3,
        village_two.pk: 2,
        empty.pk: 0,
    }


def test_communities_of_respects_validity(bare_commune: AdministrativeUnit, village_one: AdministrativeUnit) -> None:
    old = CommunityFactory(parent=bare_commune, name="Thôn Cũ", valid_until=dt.date(2026, 7, 1))
    assert set(selectors.communities_of(bare_commune)) == {village_one, old}
    assert list(selectors.communities_of(bare_commune, on=D)) == [village_one, old]
    assert list(selectors.communities_of(bare_commune, on=dt.date(2026, 7, 1))) == [village_one]


def test_ancestors_commune_of_and_units_under(
    bare_commune: AdministrativeUnit,
    village_one: AdministrativeUnit,
    village_two: AdministrativeUnit,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    province = bare_commune.parent
    assert province is not None
    assert selectors.unit_ancestors(village_one) == [province, bare_commune]
    assert selectors.unit_ancestors(province) == []
    assert selectors.commune_of(village_one) == bare_commune
    assert selectors.commune_of(bare_commune) == bare_commune
    assert selectors.commune_of(province) is None
    other = CommuneFactory(parent=province)
    with django_assert_num_queries(3):  # communes, communities, (no deeper level)
        under = selectors.units_under(province)
    assert under == {bare_commune.pk, village_one.pk, village_two.pk, other.pk}
    assert selectors.units_under(bare_commune) == {village_one.pk, village_two.pk}
    assert selectors.units_under(village_one.pk) == set()


def test_commune_by_key(bare_commune: AdministrativeUnit) -> None:
    assert selectors.commune_by_key("xa-tan-lap") == bare_commune
    assert selectors.commune_by_key(bare_commune.code) == bare_commune
    assert selectors.commune_by_key("khong-co") is None


def test_households_of_search(village_one: AdministrativeUnit) -> None:
    first = HouseholdFactory(community=village_one, code="HGD-001", representative__full_name="Nguyễn Văn An")
    second = HouseholdFactory(community=village_one, code="HGD-002", representative__full_name="Lê Thị Bình")
    assert list(selectors.households_of(village_one)) == [first, second]
    assert list(selectors.households_of(village_one, "002")) == [second]
    assert list(selectors.households_of(village_one, "Văn An")) == [first]


def test_headcount_on() -> None:
    organisation = OrganisationFactory()
    assert selectors.headcount_on(organisation, D) is None
    StaffHeadcountFactory(organisation=organisation, effective_from=dt.date(2026, 1, 1), headcount=40)
    StaffHeadcountFactory(organisation=organisation, effective_from=dt.date(2026, 6, 1), headcount=55)
    assert selectors.headcount_on(organisation, dt.date(2025, 12, 31)) is None
    assert selectors.headcount_on(organisation, D) == 40
    assert selectors.headcount_on(organisation, dt.date(2026, 6, 1)) == 55


INTERVALS = [
    (D, None),
    (D + dt.timedelta(days=1), None),
    (dt.date(2020, 1, 1), D),
    (dt.date(2020, 1, 1), D + dt.timedelta(days=1)),
    (dt.date(2020, 1, 1), D - dt.timedelta(days=1)),
]


@pytest.mark.parametrize(("active_from", "active_until"), INTERVALS)
def test_active_on_in_the_database_is_the_pure_rule(
    village_one: AdministrativeUnit, active_from: dt.date, active_until: dt.date | None
) -> None:
    household = (
        HouseholdFactory(community=village_one, active_from=active_from)
        if active_until is None
        else _moved(village_one, active_from, active_until)
    )
    for day in (D - dt.timedelta(days=1), D, D + dt.timedelta(days=1)):
        counted = Household.objects.active_on(day).filter(pk=household.pk).exists()
        assert counted is rules.household_is_active_on(active_from, active_until, day), day


def test_of_unit_on_covers_a_community_a_commune_and_a_province(
    village_one: AdministrativeUnit, village_two: AdministrativeUnit, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    HouseholdFactory.create_batch(2, community=village_one)
    HouseholdFactory(community=village_two)
    _moved(village_two, dt.date(2020, 1, 1), D)
    commune = village_one.parent
    assert commune is not None and commune.parent is not None
    province = commune.parent
    elsewhere = CommunityFactory(parent=CommuneFactory(parent=province))
    HouseholdFactory(community=elsewhere)
    HouseholdFactory(community=CommunityFactory())  # another province
    before_reform = {"valid_from": dt.date(2008, 8, 1), "valid_until": dt.date(2025, 7, 1)}
    district = CommuneFactory(parent=province, level=UnitLevel.DISTRICT, kind=unit_kind("huyen"), **before_reform)
    old_commune = CommuneFactory(parent=district, **before_reform)
    HouseholdFactory(community=CommunityFactory(parent=old_commune), active_until=D, status=HouseholdStatus.MOVED)
    with django_assert_num_queries(1):
        assert Household.objects.of_unit_on(village_one, D).count() == 2
    assert Household.objects.of_unit_on(village_two.pk, D).count() == 1
    assert Household.objects.of_unit_on(commune, D).count() == 3
    assert Household.objects.of_unit_on(commune, D - dt.timedelta(days=1)).count() == 4
    assert Household.objects.of_unit_on(district, D - dt.timedelta(days=1)).count() == 1
    assert Household.objects.of_unit_on(province, D).count() == 4
    assert Household.objects.of_unit_on(province, D - dt.timedelta(days=1)).count() == 6


def test_commune_counts_of_a_province(
    bare_commune: AdministrativeUnit,
    village_one: AdministrativeUnit,
    village_two: AdministrativeUnit,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    HouseholdFactory.create_batch(2, community=village_one)
    _moved(village_two, dt.date(2020, 1, 1), D)
    province = bare_commune.parent
    assert province is not None
    empty = CommuneFactory(parent=province)
    CommuneFactory(parent=province, valid_until=D)  # ended that day
    with django_assert_num_queries(3):
        rows = {row.commune: (row.communities, row.households) for row in selectors.commune_counts(province, D)}
    assert rows == {bare_commune: (2, 2), empty: (0, 0)}
