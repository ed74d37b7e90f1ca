"""A merge keeps the history of the households it moves; the representative is designated under lock.

Attack tests: a page opened before a member left (a stale copy of the resident) must not make them the
household's representative; a merge must not carry former members into the new village's register.
"""

from __future__ import annotations

import datetime as dt
import unittest.mock
from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units import services
from grassroots.units.models import AdministrativeUnit, Household, HouseholdStatus, Resident
from grassroots.units.tests.factories import CommunityFactory, HouseholdFactory, ResidentFactory

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
    # Exactly those: a resident has one household, so the old household's register on an earlier day loses the
    # members who moved (head and child were members on ``history_day``; they are now read through ``successor``).
    assert _members_on(old, history_day) == {moved_away.pk, died.pk}
    # ``members_on`` reads only the person's own dates, not the household's: on that earlier day they are listed
    # under the successor, a household that did not exist yet (a known limit, not a guarantee of history).
    assert _members_on(successor, history_day) == {head.pk, child.pk}
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


def test_a_back_dated_merge_moves_who_was_still_a_member_on_the_merge_date(
    village_one: AdministrativeUnit, village_two: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    """A merge recorded in November with effect from 1 July: a person who left in September was a member of the
    household on 1 July, so they belong to the new village's register from that day (with their leaving day);
    only one who had left by 1 July stays with the old household."""
    old = HouseholdFactory(community=village_one, code="H-05", active_from=dt.date(2020, 1, 1), representative=False)
    head = ResidentFactory(household=old, birth_date=dt.date(1970, 1, 1))
    old.representative = head
    old.save()
    left_after = ResidentFactory(household=old, left_on=dt.date(2026, 9, 1))
    left_that_day = ResidentFactory(household=old, left_on=MERGE_DAY)
    left_before = ResidentFactory(household=old, left_on=dt.date(2026, 3, 1))

    services.community_merge(
        sources=[village_one], target=village_two, on=MERGE_DAY, decision_ref="32/NQ-HĐND", actor=actor, now=now
    )

    successor = Household.objects.get(previous=old)
    assert set(successor.members.values_list("pk", flat=True)) == {head.pk, left_after.pk}
    assert Resident.objects.get(pk=left_after.pk).left_on == dt.date(2026, 9, 1)  # their leaving day is kept
    assert _members_on(successor, MERGE_DAY) == {head.pk, left_after.pk}
    assert _members_on(successor, dt.date(2026, 10, 1)) == {head.pk}
    assert set(Resident.objects.filter(household=old).values_list("pk", flat=True)) == {
        left_that_day.pk,
        left_before.pk,
    }
    event = AuditEvent.objects.get(code="units.household.merged", object_id=str(old.pk))
    assert event.after is not None
    assert event.after["members_moved"] == sorted([head.pk, left_after.pk])
    assert event.after["members_kept"] == sorted([left_that_day.pk, left_before.pk])


# ---------------------------------------------------------------------------------------------
# One lock order: households before residents, so two writers never wait on each other in a cycle
# ---------------------------------------------------------------------------------------------


def _locked_tables(queries: list[dict[str, str]]) -> list[str]:
    """The tables locked, in the order their ``SELECT … FOR UPDATE`` ran (households and residents only)."""
    order = []
    for query in queries:
        sql = query["sql"]
        if "FOR UPDATE" not in sql:
            continue
        table = sql.split(" FROM ", 1)[1].split()[0].strip('"')
        if table in (Household._meta.db_table, Resident._meta.db_table):
            order.append(table)
    return order


def _households_then_residents(order: list[str]) -> bool:
    return bool(order) and order == sorted(order, key=lambda table: table != Household._meta.db_table)


def test_every_writer_locks_households_before_residents(
    village_one: AdministrativeUnit,
    village_two: AdministrativeUnit,
    actor: User,
    now: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``household_set_representative``, ``resident_leave`` and ``community_merge`` all take the household lock
    before the resident lock: one taking resident → household against another taking household → resident is
    the deadlock the audit found. Read from the SQL each one sends (no timing)."""
    household = HouseholdFactory(community=village_one, active_from=dt.date(2020, 1, 1))
    adult = ResidentFactory(household=household, birth_date=dt.date(1980, 1, 1))
    leaving = ResidentFactory(household=household, birth_date=dt.date(1990, 1, 1))
    assert village_one.parent is not None
    village_three = CommunityFactory(parent=village_one.parent, name="Thôn 3", code="03")
    neighbour = HouseholdFactory(community=village_three, active_from=dt.date(2020, 1, 1))
    ResidentFactory(household=neighbour)  # two sources: a merge must not lock household, resident, household…
    asked: list[str] = []
    if not connection.features.has_select_for_update:
        # SQLite sends no FOR UPDATE (one database-wide write lock): read the order the code asks for the locks in.
        real = QuerySet.select_for_update

        def spy(self: QuerySet[Any], *args: Any, **kwargs: Any) -> QuerySet[Any]:
            if self.model in (Household, Resident):
                asked.append(self.model._meta.db_table)
            return real(self, *args, **kwargs)

        monkeypatch.setattr(QuerySet, "select_for_update", spy)
    orders = {}
    with CaptureQueriesContext(connection) as designation:
        services.household_set_representative(household=household, resident=adult, actor=actor, now=now)
    orders["representative"] = _locked_tables(designation.captured_queries) or asked[:]
    asked.clear()
    with CaptureQueriesContext(connection) as leave:
        services.resident_leave(resident=leaving, on=dt.date(2026, 11, 1), actor=actor, now=now)
    orders["leave"] = _locked_tables(leave.captured_queries) or asked[:]
    asked.clear()
    with CaptureQueriesContext(connection) as merge:
        services.community_merge(
            sources=[village_one, village_three],
            target=village_two,
            on=MERGE_DAY,
            decision_ref="33/NQ-HĐND",
            actor=actor,
            now=now,
        )
    orders["merge"] = _locked_tables(merge.captured_queries) or asked[:]
    for name, order in orders.items():
        assert _households_then_residents(order), (name, order)


def test_a_leave_recorded_for_a_person_a_merge_just_moved_is_refused(
    village_one: AdministrativeUnit, village_two: AdministrativeUnit, actor: User, now: dt.datetime
) -> None:
    """The household read before its lock is no longer the person's (a merge committed in between): the leave is
    refused, nothing written, instead of locking the new household after the person."""
    household = HouseholdFactory(community=village_one, active_from=dt.date(2020, 1, 1))
    person = ResidentFactory(household=household, birth_date=dt.date(1990, 1, 1))
    other = HouseholdFactory(community=village_two, active_from=dt.date(2020, 1, 1))
    events = AuditEvent.objects.count()
    real_get = Resident.objects.select_for_update

    def moved_then_locked() -> object:  # the merge commits between the two reads
        Resident.objects.filter(pk=person.pk).update(household=other)
        return real_get()

    with (
        unittest.mock.patch.object(Resident.objects, "select_for_update", moved_then_locked),
        pytest.raises(DomainError) as refusal,
    ):
        services.resident_leave(resident=person, on=dt.date(2026, 11, 1), actor=actor, now=now)
    assert refusal.value.code == "units.resident.household_changed"
    assert Resident.objects.get(pk=person.pk).left_on is None
    assert AuditEvent.objects.count() == events
