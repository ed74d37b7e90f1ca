"""The units state machines: one literal table each, tested pair by pair; services and pages obey them."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units import rules, services
from grassroots.units.models import AdministrativeUnit, CommunityChange, Household, HouseholdStatus
from grassroots.units.tests.factories import HouseholdFactory

NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
MERGE_DAY = dt.date(2026, 12, 1)

HOUSEHOLD_PAIRS = list(itertools.product(HouseholdStatus.values, repeat=2))
COMMUNITY_PAIRS = list(itertools.product([state.value for state in rules.CommunityState], repeat=2))


@pytest.mark.parametrize(("current", "target"), HOUSEHOLD_PAIRS)
def test_household_transitions_are_the_table(current: str, target: str) -> None:
    result = rules.check_household_transition(current, target)
    if (current, target) in rules.HOUSEHOLD_TRANSITIONS:
        assert result.allowed
    else:
        assert (result.allowed, result.code) == (False, "units.household.bad_transition")


def test_merged_is_reached_from_active_and_every_status_is_reachable() -> None:
    assert rules.check_household_transition(HouseholdStatus.ACTIVE, HouseholdStatus.MERGED).allowed
    targets = {target for _current, target in rules.HOUSEHOLD_TRANSITIONS}
    assert targets | {HouseholdStatus.ACTIVE} == set(HouseholdStatus.values)


def test_household_transition_audit_codes() -> None:
    assert dict(rules.HOUSEHOLD_TRANSITIONS) == {
        ("active", "moved"): "units.household.moved",
        ("active", "dissolved"): "units.household.dissolved",
        ("active", "merged"): "units.household.merged",
    }
    assert sorted(rules.MOVE_OUT_STATUSES) == ["dissolved", "moved"]


@pytest.mark.parametrize(("current", "target"), COMMUNITY_PAIRS)
def test_community_transitions_are_the_table(current: str, target: str) -> None:
    result = rules.check_community_transition(current, target)
    if (current, target) in rules.COMMUNITY_TRANSITIONS:
        assert result.allowed
    elif current == rules.CommunityState.ENDED:
        assert (result.allowed, result.code) == (False, "units.community.ended")
    else:
        assert (result.allowed, result.code) == (False, "units.community.bad_transition")


@pytest.mark.parametrize(
    ("valid_until", "state"),
    [(None, "current"), (dt.date(2026, 12, 1), "ended"), (dt.date(2020, 1, 1), "ended")],
)
def test_community_state_is_read_from_its_end_date(valid_until: dt.date | None, state: str) -> None:
    assert rules.community_state(valid_until) == state


@pytest.mark.django_db
def test_merge_goes_through_the_household_table(
    village_one: AdministrativeUnit, village_two: AdministrativeUnit
) -> None:
    """A household recorded as leaving after the merge day is refused, not left behind in an ended village."""
    HouseholdFactory(community=village_one, active_from=dt.date(2020, 1, 1))
    HouseholdFactory(
        community=village_one,
        code="DI-SAU",
        active_from=dt.date(2020, 1, 1),
        active_until=MERGE_DAY + dt.timedelta(days=10),
        status=HouseholdStatus.MOVED,
    )
    with pytest.raises(DomainError) as refused:
        services.community_merge(
            sources=[village_one], target=village_two, on=MERGE_DAY, decision_ref="", actor=None, now=NOW
        )
    assert refused.value.code == "units.household.bad_transition"
    village_one.refresh_from_db()
    assert village_one.valid_until is None
    assert not CommunityChange.objects.exists()
    assert not AuditEvent.objects.exists()
    assert set(Household.objects.values_list("status", flat=True)) == {"active", "moved"}


@pytest.mark.django_db
def test_move_out_cannot_mark_a_household_merged(village_one: AdministrativeUnit) -> None:
    household = HouseholdFactory(community=village_one, active_from=dt.date(2020, 1, 1))
    with pytest.raises(DomainError) as refused:
        services.household_move_out(
            household=household, on=dt.date(2026, 11, 1), status=HouseholdStatus.MERGED, actor=None, now=NOW
        )
    assert refused.value.code == "units.household.bad_move_out_status"
    household.refresh_from_db()
    assert (household.status, household.active_until) == ("active", None)
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_pages_ask_the_model_for_the_actions_its_state_allows(
    client: Client, commune_officer: User, commune: AdministrativeUnit, community: AdministrativeUnit
) -> None:
    rename = reverse("units:community_rename", kwargs={"commune_slug": commune.slug, "community_id": community.pk})
    page = reverse("units:community_households", kwargs={"commune_slug": commune.slug, "community_id": community.pk})
    household = Household.objects.filter(community=community).order_by("code").first()
    assert household is not None
    move_out = reverse("units:household_move_out", kwargs={"commune_slug": commune.slug, "household_id": household.pk})
    detail = reverse("units:household_detail", kwargs={"commune_slug": commune.slug, "household_id": household.pk})
    client.force_login(commune_officer)
    assert rename in client.get(page).content.decode()
    assert move_out in client.get(detail).content.decode()

    services.household_move_out(household=household, on=dt.date(2026, 11, 1), status="moved", actor=None, now=NOW)
    assert move_out not in client.get(detail).content.decode()
    Household.objects.filter(community=community, status="active").update(
        status=HouseholdStatus.DISSOLVED, active_until=dt.date(2026, 11, 1)
    )
    services.community_end(community=community, on=dt.date(2026, 11, 20), actor=None, now=NOW)
    community.refresh_from_db()
    assert (community.is_current, community.can_end) == (False, False)
    assert rename not in client.get(page).content.decode()
    assert client.get(rename).status_code == 404


@pytest.mark.django_db
def test_the_admin_does_not_edit_a_household_status(
    client: Client, superuser: User, community: AdministrativeUnit
) -> None:
    household = Household.objects.filter(community=community).order_by("code").first()
    assert household is not None
    client.force_login(superuser)
    page = client.get(reverse("admin:units_household_change", args=[household.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="active_from"' in html
    assert 'name="status"' not in html and 'name="active_until"' not in html
