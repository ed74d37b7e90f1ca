from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts import selectors
from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.accounts.rules import Action
from grassroots.accounts.testing import make_user
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 22)


def test_active_memberships_respect_dates(commune: AdministrativeUnit) -> None:
    user = make_user("theo-ngay")
    RoleMembership.objects.create(
        user=user,
        role=Role.COMMUNE_OFFICER,
        unit=commune,
        valid_from=dt.date(2026, 1, 1),
        valid_until=dt.date(2026, 6, 1),
    )
    assert selectors.active_memberships(user, dt.date(2026, 1, 1)).count() == 1
    assert selectors.active_memberships(user, dt.date(2026, 5, 31)).count() == 1
    assert selectors.active_memberships(user, dt.date(2026, 6, 1)).count() == 0  # the end date is exclusive
    assert selectors.active_memberships(user, dt.date(2025, 12, 31)).count() == 0


def test_user_unit_ids_include_descendants(
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    second_community: AdministrativeUnit,
    commune_officer: User,
    village_head: User,
) -> None:
    assert selectors.user_unit_ids(commune_officer, DAY) == {commune.pk, community.pk, second_community.pk}
    assert selectors.user_unit_ids(village_head, DAY) == {community.pk}


def test_provincial_officer_sees_the_whole_province(
    province: AdministrativeUnit,
    commune: AdministrativeUnit,
    other_commune: AdministrativeUnit,
    provincial_officer: User,
) -> None:
    ids = selectors.user_unit_ids(provincial_officer, DAY)
    assert {province.pk, commune.pk, other_commune.pk} <= ids
    assert set(commune.children.values_list("pk", flat=True)) <= ids
    assert set(other_commune.children.values_list("pk", flat=True)) <= ids


def test_user_unit_ids_for_anonymous_and_superuser(commune: AdministrativeUnit, superuser: User) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert selectors.user_unit_ids(AnonymousUser()) == set()
    assert commune.pk in selectors.user_unit_ids(superuser)


def test_has_role(commune: AdministrativeUnit, community: AdministrativeUnit, commune_officer: User) -> None:
    assert selectors.has_role(commune_officer, Role.COMMUNE_OFFICER, commune, DAY)
    assert selectors.has_role(commune_officer, Role.COMMUNE_OFFICER, None, DAY)
    assert not selectors.has_role(commune_officer, Role.COMMUNE_OFFICER, community, DAY)
    assert not selectors.has_role(commune_officer, Role.COMMUNE_CHAIR, commune, DAY)
    assert not selectors.has_role(commune_officer, Role.COMMUNE_OFFICER, commune, dt.date(2024, 1, 1))


def test_unit_path_and_user_can(
    province: AdministrativeUnit,
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    other_commune: AdministrativeUnit,
    commune_officer: User,
    village_head: User,
) -> None:
    assert selectors.unit_path(community) == [province.pk, commune.pk, community.pk]
    assert selectors.user_can(commune_officer, Action.MANAGE_HOUSEHOLDS, community, DAY)
    assert not selectors.user_can(commune_officer, Action.MANAGE_HOUSEHOLDS, other_commune, DAY)
    assert selectors.user_can(village_head, Action.VIEW_UNIT, community.pk, DAY)
    assert not selectors.user_can(village_head, Action.MANAGE_HOUSEHOLDS, community, DAY)
    assert not selectors.user_can(commune_officer, Action.EDIT_CALENDAR, None, DAY)
    assert not selectors.user_can(village_head, Action.EDIT_CALENDAR, None, DAY)


def test_roles_by_unit(commune: AdministrativeUnit, community: AdministrativeUnit, commune_officer: User) -> None:
    RoleMembership.objects.create(
        user=commune_officer, role=Role.RESIDENT, unit=community, valid_from=dt.date(2025, 1, 1)
    )
    assert selectors.roles_by_unit(commune_officer, DAY) == {
        commune.pk: {"commune_officer"},
        community.pk: {"resident"},
    }


def test_users_visible_to(
    commune_officer: User,
    resident: User,
    household_representative: User,
    village_head: User,
    other_commune_officer: User,
) -> None:
    visible = set(selectors.users_visible_to(commune_officer, DAY))
    assert {resident, household_representative, village_head, commune_officer} <= visible
    assert other_commune_officer not in visible
    assert list(selectors.users_visible_to(commune_officer, DAY, search="0912 345 678")) == [resident]
    assert list(selectors.users_visible_to(commune_officer, DAY, search="Trưởng")) == [village_head]
    assert resident not in set(selectors.users_visible_to(other_commune_officer, DAY))


def test_is_staff_user(commune_officer: User, resident: User, board_member: User) -> None:
    assert selectors.is_staff_user(commune_officer, DAY)
    assert selectors.is_staff_user(board_member, DAY)
    assert not selectors.is_staff_user(resident, DAY)
