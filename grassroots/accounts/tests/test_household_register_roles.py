"""Which village a person belongs to follows the household register: who has left no longer belongs.

Attack tests: a resident who moved away (``Resident.left_on``) keeps their account and their old role row; they
try to give an opinion in the old village, open its village-only page, be counted as one of its people.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts import selectors
from grassroots.accounts.models import User
from grassroots.accounts.rules import Action
from grassroots.accounts.testing import make_persona
from grassroots.core import clock
from grassroots.core.models import AuditEvent
from grassroots.units import services as unit_services
from grassroots.units.models import AdministrativeUnit, Household, Resident

pytestmark = pytest.mark.django_db

VN = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 11, 10, 9, 0, tzinfo=VN)
TODAY = dt.date(2026, 11, 10)
LEFT_ON = dt.date(2026, 11, 1)


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def _leave(user: User, on: dt.date = LEFT_ON) -> None:
    unit_services.resident_leave(resident=Resident.objects.get(user=user), on=on, actor=None, now=NOW)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_resident_belongs_to_the_village_of_their_household_until_they_leave(
    resident: User, community: AdministrativeUnit
) -> None:
    assert community.pk in selectors.target_unit_ids(resident, TODAY)
    assert selectors.user_can(resident, Action.GIVE_OPINION, community, TODAY)

    _leave(resident)

    assert selectors.target_unit_ids(resident, TODAY) == set()
    assert not selectors.user_can(resident, Action.GIVE_OPINION, community, TODAY)
    assert not selectors.user_can(resident, Action.VIEW_UNIT, community, TODAY)
    assert community.pk not in selectors.user_unit_ids(resident, TODAY)
    assert not selectors.roles_by_unit(resident, TODAY)
    # The days before they left are unchanged: the history stays true.
    day_before = LEFT_ON - dt.timedelta(days=1)
    assert community.pk in selectors.target_unit_ids(resident, day_before)
    assert selectors.user_can(resident, Action.GIVE_OPINION, community, day_before)
    assert not selectors.user_can(resident, Action.GIVE_OPINION, community, LEFT_ON)  # left_on is the first day out


def test_the_representative_of_a_household_that_moved_away_no_longer_belongs(
    household_representative: User, community: AdministrativeUnit
) -> None:
    household = Household.objects.get(community=community, code="H1-01")
    unit_services.household_move_out(household=household, on=LEFT_ON, status="moved", actor=None, now=NOW)
    assert selectors.target_unit_ids(household_representative, TODAY) == set()
    assert not selectors.user_can(household_representative, Action.GIVE_OPINION, community, TODAY)
    assert selectors.user_can(household_representative, Action.GIVE_OPINION, community, LEFT_ON - dt.timedelta(1))


def test_who_moved_to_another_village_belongs_there_not_to_the_old_one(
    resident: User, community: AdministrativeUnit, second_community: AdministrativeUnit
) -> None:
    """The old role row stays (nobody ended it); the register says Thôn 2: only Thôn 2 counts."""
    old = Resident.objects.get(user=resident)
    _leave(resident)
    Resident.objects.filter(pk=old.pk).update(user=None)
    new_home = Household.objects.filter(community=second_community).order_by("code").first()
    Resident.objects.create(household=new_home, full_name=resident.full_name, user=resident, registered_on=LEFT_ON)
    assert selectors.target_unit_ids(resident, TODAY) == {second_community.pk}
    assert not selectors.user_can(resident, Action.GIVE_OPINION, community, TODAY)


def test_an_account_linked_to_nobody_keeps_the_role_it_was_given(community: AdministrativeUnit) -> None:
    """Roles granted without a register link (a resident not yet linked) are the grantor's decision: unchanged."""
    person = make_persona("unlinked_resident", "resident", community)
    assert selectors.user_can(person, Action.GIVE_OPINION, community, TODAY)
    assert selectors.target_unit_ids(person, TODAY) == {community.pk}


def test_staff_roles_do_not_depend_on_the_register(village_head: User, community: AdministrativeUnit) -> None:
    """A village head who is also on the register and moved away keeps the office until it is ended."""
    household = Household.objects.get(community=community, code="H1-03")
    Resident.objects.create(household=household, full_name=village_head.full_name, user=village_head, left_on=LEFT_ON)
    assert selectors.user_can(village_head, Action.RUN_COMMUNITY_VOTES, community, TODAY)


def test_the_village_no_longer_lists_who_moved_away(
    resident: User, village_head: User, community: AdministrativeUnit
) -> None:
    assert resident in selectors.users_visible_to(village_head, TODAY)
    _leave(resident)
    assert resident not in selectors.users_visible_to(village_head, TODAY)
    assert resident not in {membership.user for membership in selectors.active_memberships_in(community, TODAY)}


def test_attack_who_moved_away_cannot_give_an_opinion_in_the_old_village(
    resident: User, commune: AdministrativeUnit, commune_officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grassroots.consultations import services as consultation_services

    created = dt.datetime(2026, 11, 2, 8, 0, tzinfo=VN)
    consultation = consultation_services.consultation_create(
        commune=commune,
        matter="C5",
        title="Dự thảo quy định giữ gìn vệ sinh môi trường xã",
        opens_on=dt.date(2026, 11, 2),
        closes_on=dt.date(2026, 11, 22),
        forms_used=["online"],
        plan_owner="Văn phòng UBND xã",
        actor=commune_officer,
        now=created,
    )
    consultation_services.section_add(
        consultation=consultation, heading="Điều 1", text="Phạm vi.", actor=commune_officer, now=created
    )
    consultation_services.plan_record_sent(
        consultation=consultation,
        sent_to_council_on=dt.date(2026, 11, 2),
        sent_to_front_on=dt.date(2026, 11, 2),
        actor=commune_officer,
        now=created,
    )
    consultation_services.consultation_open(consultation=consultation, actor=commune_officer, now=created)
    url = reverse("consultations:opinion_new", args=[consultation.pk])
    assert _client(resident).get(url).status_code == 200

    _leave(resident)

    client = _client(resident)
    assert client.get(url).status_code in (403, 404)
    sent = client.post(url, {"section": "", "stance": "agree", "text": "Tôi vẫn muốn góp ý."})
    assert sent.status_code in (403, 404)
    assert not consultation.opinions.exists()


@pytest.mark.urls("grassroots.accounts.tests.urls_for_tests")
def test_attack_who_moved_away_cannot_open_the_old_village_page(resident: User, community: AdministrativeUnit) -> None:
    assert _client(resident).get(f"/test-unit/{community.pk}/").status_code == 200
    _leave(resident)
    assert _client(resident).get(f"/test-unit/{community.pk}/").status_code == 404


def test_a_merge_recorded_ahead_keeps_the_residents_in_their_village_until_the_merge_day(
    resident: User, community: AdministrativeUnit, second_community: AdministrativeUnit
) -> None:
    """Thôn 1 merges into Thôn 2 from 1/12/2026, recorded on 10/11: the members move at once to the new households,
    which count only from 1/12. Until then the residents still belong to Thôn 1 (where the register still counts
    their old household); from 1/12 no longer, as for anyone whose household was merged away."""
    merge_day = dt.date(2026, 12, 1)
    assert selectors.user_can(resident, Action.GIVE_OPINION, community, TODAY)
    unit_services.community_merge(
        sources=[community], target=second_community, on=merge_day, decision_ref="QĐ 9/UBND", actor=None, now=NOW
    )
    moved = Resident.objects.get(user=resident)
    assert moved.household is not None
    assert moved.household.community_id == second_community.pk and moved.household.previous is not None
    for day in (TODAY, merge_day - dt.timedelta(days=1)):
        assert selectors.user_can(resident, Action.GIVE_OPINION, community, day), day
        assert community.pk in selectors.target_unit_ids(resident, day)
    assert not selectors.user_can(resident, Action.GIVE_OPINION, community, merge_day)
    # The role followed the person to Thôn 2 from the merge day (ended and granted through the audited services).
    assert not selectors.user_can(resident, Action.GIVE_OPINION, second_community, TODAY)
    assert selectors.user_can(resident, Action.GIVE_OPINION, second_community, merge_day)
    assert second_community.pk in selectors.target_unit_ids(resident, merge_day)
    assert AuditEvent.objects.filter(code="accounts.membership.ended", unit_id=community.pk).count() >= 1
    merged = AuditEvent.objects.get(code="units.community.merged")
    assert (merged.after or {})["roles_carried"] >= 1
