"""A merge keeps the history of the households it moves; the representative is designated under lock.

Attack tests: a page opened before a member left (a stale copy of the resident) must not make them the
household's representative; a merge must not carry former members into the new village's register.
"""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units import services
from grassroots.units.models import AdministrativeUnit, Household, HouseholdStatus, Resident
from grassroots.units.tests.factories import HouseholdFactory, ResidentFactory

pytestmark = pytest.mark.django_db
MERGE_DAY = dt.date(2026, 7, 1)


def _members_on(household: Household, day: dt.date) -> set[int]:
    return set(Resident.objects.members_on(day).filter(household=household).values_list("pk", flat=True))


# ---------------------------------------------------------------------------------------------
# Merge: only current members move; the old household keeps its past members
# ---------------------------------------------------------------------------------------------


def test_merge_moves_only_current_members_and_keeps_the_old_household_history(
    village_one: AdministrativeUnit, village_two: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    old = HouseholdFactory(community=village_one, code="H-01", active_from=dt.date(2020, 1, 1), representative=False)
    head = ResidentFactory(household=old, full_name="Chủ Hộ", birth_date=dt.date(1970, 1, 1))
    old.representative = head
    old.save()
    child = ResidentFactory(household=old, full_name="Con", birth_date=dt.date(2010, 1, 1))
    moved_away = ResidentFactory(
        household=old, full_name="Đã chuyển đi", registered_on=dt.date(2020, 1, 1), left_on=dt.date(2024, 3, 1)
    )
    died = ResidentFactory(household=old, full_name="Đã mất", left_on=dt.date(2025, 5, 1))
    history_day = dt.date(2024, 1, 15)
    assert _members_on(old, history_day) == {head.pk, child.pk, moved_away.pk, died.pk}

    services.community_merge(
        sources=[village_one], target=village_two, on=MERGE_DAY, decision_ref="30/NQ-HĐND", actor=actor, now=now
    )

    successor = Household.objects.get(previous=old)
    # Current members moved to the new household, with the representative.
    assert set(successor.members.values_list("pk", flat=True)) == {head.pk, child.pk}
    assert successor.representative_id == head.pk
    # Past members stay with the household they left: its register on an earlier day is unchanged for them.
    assert Resident.objects.get(pk=moved_away.pk).household_id == old.pk
    assert Resident.objects.get(pk=died.pk).household_id == old.pk
    assert {moved_away.pk, died.pk} <= _members_on(old, history_day)
    # Nobody who had left appears in the new village's register.
    assert _members_on(successor, MERGE_DAY) == {head.pk, child.pk}
    # The merged household is kept as a record, pointing to its successor, with the move audited.
    old.refresh_from_db()
    assert (old.status, old.active_until) == (HouseholdStatus.MERGED, MERGE_DAY)
    assert old.successor == successor
    event = AuditEvent.objects.get(code="units.household.merged", object_id=str(old.pk))
    assert event.after is not None
    assert (event.after["successor"], event.after["members_moved"], event.after["members_kept"]) == (
        successor.pk,
        sorted([head.pk, child.pk]),
        sorted([moved_away.pk, died.pk]),
    )


def test_merge_of_a_household_whose_members_all_left_keeps_them_all(
    village_one: AdministrativeUnit, village_two: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    old = HouseholdFactory(community=village_one, code="H-09", active_from=dt.date(2020, 1, 1), representative=False)
    gone = ResidentFactory(household=old, left_on=dt.date(2025, 1, 1))

    services.community_merge(
        sources=[village_one], target=village_two, on=MERGE_DAY, decision_ref="31/NQ-HĐND", actor=actor, now=now
    )

    successor = Household.objects.get(previous=old)
    assert not successor.members.exists()
    assert successor.representative_id is None
    assert Resident.objects.get(pk=gone.pk).household_id == old.pk


# ---------------------------------------------------------------------------------------------
# household_set_representative: locked, read again, refused for a former member
# ---------------------------------------------------------------------------------------------


def test_a_stale_copy_of_a_member_who_has_left_is_refused_as_representative(
    village_one: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    household = HouseholdFactory(community=village_one, active_from=dt.date(2020, 1, 1))
    before = household.representative_id
    stale = ResidentFactory(household=household, birth_date=dt.date(1985, 1, 1))
    # The form was opened, then the person left the household (another clerk, another tab).
    services.resident_leave(resident=Resident.objects.get(pk=stale.pk), on=dt.date(2026, 11, 1), actor=actor, now=now)
    assert stale.left_on is None  # the copy in hand still says "member"
    events = AuditEvent.objects.count()

    with pytest.raises(DomainError) as refusal:
        services.household_set_representative(household=household, resident=stale, actor=actor, now=now)

    assert refusal.value.code == "units.representative.not_member"
    assert Household.objects.get(pk=household.pk).representative_id == before
    assert AuditEvent.objects.count() == events


def test_a_stale_copy_of_a_member_moved_to_another_household_is_refused(
    village_one: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    household = HouseholdFactory(community=village_one, active_from=dt.date(2020, 1, 1))
    before = household.representative_id
    other = HouseholdFactory(community=village_one, active_from=dt.date(2020, 1, 1))
    stale = ResidentFactory(household=household, birth_date=dt.date(1985, 1, 1))
    Resident.objects.filter(pk=stale.pk).update(household=other)
    events = AuditEvent.objects.count()

    with pytest.raises(DomainError) as refusal:
        services.household_set_representative(household=household, resident=stale, actor=actor, now=now)

    assert refusal.value.code == "units.representative.not_member"
    assert Household.objects.get(pk=household.pk).representative_id == before
    assert AuditEvent.objects.count() == events


def test_a_member_who_left_after_the_given_date_is_still_refused(
    village_one: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    """Backdating the designation to a day the person was still a member does not bring back one who has left."""
    household = HouseholdFactory(community=village_one, active_from=dt.date(2020, 1, 1))
    former = ResidentFactory(household=household, birth_date=dt.date(1985, 1, 1), left_on=dt.date(2026, 10, 1))
    with pytest.raises(DomainError) as refusal:
        services.household_set_representative(
            household=household, resident=former, on=dt.date(2026, 9, 1), actor=actor, now=now
        )
    assert refusal.value.code == "units.representative.not_member"


def test_the_representative_is_read_again_under_the_lock(
    village_one: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    """What is stored is the row read under the lock, not the copy passed in (whose birth date was edited since)."""
    household = HouseholdFactory(community=village_one, active_from=dt.date(2020, 1, 1))
    person = ResidentFactory(household=household, birth_date=dt.date(1985, 1, 1))
    Resident.objects.filter(pk=person.pk).update(birth_date=dt.date(2015, 1, 1))  # corrected: a child
    with pytest.raises(DomainError) as refusal:
        services.household_set_representative(household=household, resident=person, actor=actor, now=now)
    assert refusal.value.code == "units.representative.minor"
