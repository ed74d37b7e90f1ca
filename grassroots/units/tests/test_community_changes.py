"""Communities created, renamed, ended and merged by the commune; households keep their history."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units import selectors, services
from grassroots.units.models import AdministrativeUnit, CommunityChange, Household, HouseholdStatus, Resident
from grassroots.units.tests.factories import HouseholdFactory, OrganisationFactory, ResidentFactory

pytestmark = pytest.mark.django_db
MERGE_DAY = dt.date(2026, 7, 1)


def test_rename_keeps_history_and_refuses_a_duplicate(
    bare_commune: AdministrativeUnit,
    village_one: AdministrativeUnit,
    village_two: AdministrativeUnit,
    actor: User,
    now: dt.datetime,
) -> None:
    services.community_rename(
        community=village_one, name="Thôn Đông", on=dt.date(2026, 6, 1), decision_ref="12/QĐ-UBND", actor=actor, now=now
    )
    village_one.refresh_from_db()
    assert village_one.name == "Thôn Đông"
    change = CommunityChange.objects.get()
    assert (change.kind, change.old_name, change.new_name, change.decision_ref) == (
        "rename",
        "Thôn 1",
        "Thôn Đông",
        "12/QĐ-UBND",
    )
    assert AuditEvent.objects.filter(code="units.community.renamed").count() == 1
    with pytest.raises(DomainError) as refused:
        services.community_rename(community=village_two, name="thôn đông", on=dt.date(2026, 6, 1), actor=actor, now=now)
    assert refused.value.code == "units.community.duplicate_name"


def test_end_is_refused_while_households_live_there(
    bare_commune: AdministrativeUnit, village_one: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    household = HouseholdFactory(community=village_one, active_from=dt.date(2020, 1, 1))
    with pytest.raises(DomainError) as refused:
        services.community_end(community=village_one, on=dt.date(2026, 12, 1), actor=actor, now=now)
    assert refused.value.code == "units.community.has_households"
    assert "1 hộ" in refused.value.message
    services.household_move_out(household=household, on=dt.date(2026, 11, 1), status="moved", actor=actor, now=now)
    services.community_end(community=village_one, on=dt.date(2026, 12, 1), actor=actor, now=now)
    village_one.refresh_from_db()
    assert village_one.valid_until == dt.date(2026, 12, 1)
    assert village_one not in selectors.communities_of(bare_commune, on=dt.date(2026, 12, 1))
    assert village_one in selectors.communities_of(bare_commune, on=dt.date(2026, 11, 30))
    with pytest.raises(DomainError) as again:
        services.community_end(community=village_one, on=dt.date(2026, 12, 2), actor=actor, now=now)
    assert again.value.code == "units.community.ended"


def test_merge_keeps_earlier_denominators_and_moves_households(
    bare_commune: AdministrativeUnit,
    village_one: AdministrativeUnit,
    village_two: AdministrativeUnit,
    actor: User,
    now: dt.datetime,
) -> None:
    old = HouseholdFactory(community=village_one, code="H-01", active_from=dt.date(2020, 1, 1))
    member = ResidentFactory(household=old, birth_date=dt.date(1980, 1, 1))
    old.representative = member
    old.save()
    HouseholdFactory(community=village_one, code="H-02", active_from=dt.date(2020, 1, 1))
    gone = HouseholdFactory(
        community=village_one,
        code="H-03",
        active_from=dt.date(2020, 1, 1),
        active_until=dt.date(2024, 1, 1),
        status=HouseholdStatus.MOVED,
    )
    HouseholdFactory(community=village_two, code="H-02", active_from=dt.date(2021, 1, 1))
    day_before = MERGE_DAY - dt.timedelta(days=1)
    assert selectors.active_household_count(village_one, day_before) == 2
    assert selectors.active_household_count(village_two, day_before) == 1

    change = services.community_merge(
        sources=[village_one], target=village_two, on=MERGE_DAY, decision_ref="30/NQ-HĐND", actor=actor, now=now
    )

    assert change.kind == "merge"
    assert list(change.sources.all()) == [village_one]
    assert selectors.active_household_count(village_one, day_before) == 2
    assert selectors.active_household_count(village_two, day_before) == 1
    assert selectors.active_household_count(village_one, MERGE_DAY) == 0
    assert selectors.active_household_count(village_two, MERGE_DAY) == 3
    village_one.refresh_from_db()
    assert village_one.valid_until == MERGE_DAY
    old.refresh_from_db()
    assert (old.status, old.active_until) == (HouseholdStatus.MERGED, MERGE_DAY)
    successor = Household.objects.get(previous=old)
    assert (successor.community, successor.code, successor.representative) == (village_two, "H-01", member)
    assert Resident.objects.get(pk=member.pk).household == successor
    # The target already had an H-02: the merged one gets a suffix.
    assert Household.objects.filter(community=village_two, code="H-02-2").exists()
    gone.refresh_from_db()
    assert gone.active_until == dt.date(2024, 1, 1)
    assert not Household.objects.filter(previous=gone).exists()
    assert AuditEvent.objects.filter(code="units.community.merged").count() == 1
    assert list(selectors.community_changes_of(bare_commune)) == [change]


def test_merge_refusals(
    bare_commune: AdministrativeUnit, village_one: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    with pytest.raises(DomainError) as itself:
        services.community_merge(
            sources=[village_one], target=village_one, on=MERGE_DAY, decision_ref="", actor=actor, now=now
        )
    assert itself.value.code == "units.community.merge_into_itself"
    with pytest.raises(DomainError) as empty:
        services.community_merge(sources=[], target=village_one, on=MERGE_DAY, decision_ref="", actor=actor, now=now)
    assert empty.value.code == "units.community.merge_no_source"


def test_rest_days_are_validated_and_audited(bare_commune: AdministrativeUnit, actor: User, now: dt.datetime) -> None:
    enterprise = OrganisationFactory(unit=bare_commune, kind="state_owned_enterprise")
    services.organisation_set_rest_days(organisation=enterprise, weekly_rest_days=[6], actor=actor, now=now)
    enterprise.refresh_from_db()
    assert enterprise.rest_weekdays == (6,)
    with pytest.raises(DomainError) as refused:
        services.organisation_set_rest_days(organisation=enterprise, weekly_rest_days=range(7), actor=actor, now=now)
    assert refused.value.code == "units.organisation.no_working_day"
    assert AuditEvent.objects.filter(code="units.organisation.rest_days_set").count() == 1


def test_create_and_rename_share_one_name_rule(
    bare_commune: AdministrativeUnit, village_one: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    """A name differing only in Vietnamese case (Đ/đ) is the same name, when creating as when renaming."""
    services.community_rename(community=village_one, name="Thôn Đông", on=dt.date(2026, 6, 1), actor=actor, now=now)
    with pytest.raises(DomainError) as created:
        services.community_create(commune=bare_commune, name="thôn đông", kind_code="thon", actor=actor, now=now)
    assert created.value.code == "units.community.duplicate"
    with pytest.raises(DomainError) as blank:
        services.community_create(commune=bare_commune, name="   ", kind_code="thon", actor=actor, now=now)
    assert blank.value.code == "units.community.name_required"
    assert AuditEvent.objects.filter(code="units.community.created").count() == 0


def test_organisation_create_keeps_one_working_day(
    bare_commune: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    with pytest.raises(DomainError) as refused:
        services.organisation_create(
            kind="other_employer",
            name="Xưởng Mộc",
            unit=bare_commune,
            weekly_rest_days="0,1,2,3,4,5,6",
            actor=actor,
            now=now,
        )
    assert refused.value.code == "units.organisation.no_working_day"
    created = services.organisation_create(
        kind="other_employer", name="Xưởng Mộc", unit=bare_commune, weekly_rest_days="6, 6,5", actor=actor, now=now
    )
    assert created.weekly_rest_days == "5,6"
