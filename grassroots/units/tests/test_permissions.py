"""The units app's household-page predicates over the accounts role matrix (persona world)."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import give_role, make_user
from grassroots.units import permissions, selectors
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 22)


def test_viewer_roles_are_the_staff_roles_that_view_units() -> None:
    assert Role.VILLAGE_HEAD in permissions.HOUSEHOLD_VIEWER_ROLES
    assert Role.COMMUNE_OFFICER in permissions.HOUSEHOLD_VIEWER_ROLES
    assert Role.RESIDENT not in permissions.HOUSEHOLD_VIEWER_ROLES
    assert Role.HOUSEHOLD_REPRESENTATIVE not in permissions.HOUSEHOLD_VIEWER_ROLES
    assert Role.STAFF_MEMBER not in permissions.HOUSEHOLD_VIEWER_ROLES


@pytest.mark.parametrize(
    ("persona", "commune_allowed", "community_allowed", "other_allowed"),
    [
        ("resident", False, False, False),
        ("village_head", False, True, False),
        ("board_member", True, True, False),
        ("commune_officer", True, True, False),
        ("other_commune_officer", False, False, True),
        ("provincial_officer", True, True, True),
        ("superuser", True, True, True),
    ],
)
def test_can_view_households(
    request: pytest.FixtureRequest,
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    other_commune: AdministrativeUnit,
    persona: str,
    commune_allowed: bool,
    community_allowed: bool,
    other_allowed: bool,
) -> None:
    user = request.getfixturevalue(persona)
    assert permissions.can_view_households(user, commune, DAY) is commune_allowed
    assert permissions.can_view_households(user, community.pk, DAY) is community_allowed
    assert permissions.can_view_households(user, other_commune, DAY) is other_allowed


def test_a_resident_role_does_not_borrow_a_staff_role_held_elsewhere(
    community: AdministrativeUnit, other_commune: AdministrativeUnit
) -> None:
    user = make_user("dan-va-can-bo")
    give_role(user, Role.RESIDENT, community)
    give_role(user, Role.COMMUNE_OFFICER, other_commune)
    assert not permissions.can_view_households(user, community, DAY)
    assert permissions.can_view_households(user, other_commune, DAY)


def test_anonymous_and_ended_roles_see_nothing(commune: AdministrativeUnit) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.can_view_households(AnonymousUser(), commune, DAY)
    assert permissions.household_unit_ids(AnonymousUser(), DAY) == set()
    user = make_user("can-bo-cu")
    give_role(user, Role.COMMUNE_OFFICER, commune, valid_until=dt.date(2026, 1, 1))
    assert not permissions.can_view_households(user, commune, DAY)
    assert permissions.household_unit_ids(user, DAY) == set()


def test_household_unit_ids_and_the_finder_selectors(
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    other_commune: AdministrativeUnit,
    village_head: User,
    resident: User,
) -> None:
    assert permissions.household_unit_ids(resident, DAY) == set()
    village_ids = permissions.household_unit_ids(village_head, DAY)
    assert village_ids == {community.pk}
    assert list(selectors.communes_search("", within=village_ids)) == []
    assert list(selectors.communities_without_their_commune(village_ids)) == [community]


def test_finder_selectors_for_commune_staff(
    commune: AdministrativeUnit, other_commune: AdministrativeUnit, commune_officer: User, superuser: User
) -> None:
    unit_ids = permissions.household_unit_ids(commune_officer, DAY)
    assert unit_ids == {commune.pk, *commune.children.values_list("pk", flat=True)}
    assert list(selectors.communes_search("", within=unit_ids)) == [commune]
    assert list(selectors.communes_search("Bình", within=unit_ids)) == []
    assert list(selectors.communities_without_their_commune(unit_ids)) == []
    assert permissions.household_unit_ids(superuser, DAY) is None
    assert list(selectors.communes_search("", within=None)) == [other_commune, commune]
