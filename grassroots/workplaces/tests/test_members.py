"""Dialogue members (Decree 145 art. 38) and the delegates of a delegates' conference ([L] art. 51(2)(b))."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units.models import Organisation
from grassroots.workplaces import rules, selectors, services
from grassroots.workplaces.forms import DelegatesForm, DialogueMembersForm
from grassroots.workplaces.models import ConferenceDelegate, DialogueMemberList, StaffMember
from grassroots.workplaces.tests.conftest import (
    CONTENT_SENT,
    NOW,
    TODAY,
    add_staff,
    fix_dialogue_members,
    present_members,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fixed_on", "valid_until"),
    [
        (dt.date(2027, 1, 20), dt.date(2029, 1, 20)),
        (dt.date(2024, 2, 29), dt.date(2026, 2, 28)),
        (dt.date(2026, 12, 31), dt.date(2028, 12, 31)),
    ],
)
def test_a_list_lasts_two_years(fixed_on: dt.date, valid_until: dt.date) -> None:
    assert rules.member_list_valid_until(fixed_on) == valid_until


def _staff(organisation: Organisation) -> list[StaffMember]:
    return list(StaffMember.objects.filter(organisation=organisation).order_by("code"))


def test_member_list_sized_by_the_workforce(soe: Organisation, soe_director: User) -> None:
    staff = _staff(soe)  # 120 workers: the worker side has 4 to 8 members
    for workers, allowed in ((3, False), (4, True), (8, True), (9, False)):
        call = {
            "organisation": soe,
            "fixed_on": TODAY,
            "published_on": TODAY,
            "legal_representative": staff[0],
            "employer_members": staff[1:3],
            "worker_members": staff[3 : 3 + workers],
            "actor": soe_director,
            "now": NOW,
        }
        if allowed:
            assert services.dialogue_member_list_set(**call).members.filter(side="workers").count() == workers  # type: ignore[arg-type]
        else:
            with pytest.raises(DomainError) as refusal:
                services.dialogue_member_list_set(**call)  # type: ignore[arg-type]
            assert refusal.value.code == "workplaces.dialogue.worker_side_size"
    with pytest.raises(DomainError) as refusal:
        services.dialogue_member_list_set(
            organisation=soe,
            fixed_on=TODAY,
            published_on=TODAY,
            legal_representative=staff[0],
            employer_members=staff[1:2],
            worker_members=staff[3:8],
            actor=soe_director,
            now=NOW,
        )
    assert refusal.value.code == "workplaces.dialogue.employer_side_small"


def test_member_list_refuses_two_sides_leavers_and_outsiders(
    soe: Organisation, soe_director: User, school: Organisation
) -> None:
    staff = _staff(soe)
    base = {
        "organisation": soe,
        "fixed_on": TODAY,
        "published_on": TODAY,
        "legal_representative": staff[0],
        "employer_members": staff[1:3],
        "actor": soe_director,
        "now": NOW,
    }
    with pytest.raises(DomainError) as refusal:
        services.dialogue_member_list_set(worker_members=[staff[2], *staff[3:7]], **base)  # type: ignore[arg-type]
    assert refusal.value.code == "workplaces.dialogue.member_twice"
    with pytest.raises(DomainError) as refusal:
        services.dialogue_member_list_set(worker_members=[_staff(school)[0], *staff[3:7]], **base)  # type: ignore[arg-type]
    assert refusal.value.code == "workplaces.wrong_organisation"
    services.staff_member_leave(staff_member=staff[5], on=TODAY, actor=soe_director, now=NOW)
    with pytest.raises(DomainError) as refusal:
        services.dialogue_member_list_set(worker_members=staff[3:8], **base)  # type: ignore[arg-type]
    assert refusal.value.code == "workplaces.dialogue.member_not_on_staff"
    assert not DialogueMemberList.objects.exists()


def test_dialogue_needs_a_list_in_force_and_renewal_is_on_the_calendar(soe: Organisation, soe_director: User) -> None:
    with pytest.raises(DomainError) as refusal:
        services.dialogue_schedule(
            organisation=soe,
            kind="periodic",
            scheduled_on=TODAY,
            content_sent_on=CONTENT_SENT,
            topics="x",
            actor=soe_director,
            now=NOW,
        )
    assert refusal.value.code == "workplaces.dialogue.no_member_list"
    items = {item.code: item for item in selectors.obligations(soe, 2027, TODAY)}
    assert items["dialogue_members"].state(TODAY) == "due"
    member_list = fix_dialogue_members(soe, soe_director, workers=4)
    assert member_list.valid_until == dt.date(2029, 1, 20)
    assert AuditEvent.objects.filter(code="workplaces.dialogue.members_fixed").count() == 1
    assert selectors.member_list_in_force(soe, dt.date(2029, 1, 20)) == member_list
    assert selectors.member_list_in_force(soe, dt.date(2029, 1, 21)) is None
    assert {item.code: item for item in selectors.obligations(soe, 2027, TODAY)}["dialogue_members"].done_on == TODAY
    assert "dialogue_members" not in {item.code for item in selectors.obligations(soe, 2028, TODAY)}
    renewal = {item.code: item for item in selectors.obligations(soe, 2029, TODAY)}["dialogue_members"]
    assert (renewal.due_on, renewal.done_on) == (dt.date(2029, 1, 20), None)
    # A dialogue after the list expired is refused until the list is renewed.
    with pytest.raises(DomainError) as refusal:
        services.dialogue_schedule(
            organisation=soe,
            kind="periodic",
            scheduled_on=dt.date(2029, 2, 1),
            topics="x",
            actor=soe_director,
            now=NOW,
        )
    assert refusal.value.code == "workplaces.dialogue.no_member_list"


def test_attack_presence_of_someone_outside_the_list(soe: Organisation, soe_director: User) -> None:
    first = fix_dialogue_members(soe, soe_director, workers=4)
    dialogue = services.dialogue_schedule(
        organisation=soe,
        kind="periodic",
        scheduled_on=TODAY,
        content_sent_on=CONTENT_SENT,
        topics="x",
        actor=soe_director,
        now=NOW,
    )
    staff = _staff(soe)
    other = services.dialogue_member_list_set(
        organisation=soe,
        fixed_on=TODAY,
        published_on=TODAY,
        legal_representative=staff[10],
        employer_members=staff[11:13],
        worker_members=staff[13:19],
        actor=soe_director,
        now=NOW,
    )
    with pytest.raises(DomainError) as refusal:
        services.dialogue_record(
            dialogue=dialogue,
            present=present_members(first, workers=1) + present_members(other, workers=6),
            outcome="",
            actor=soe_director,
            now=NOW,
        )
    assert refusal.value.code == "workplaces.dialogue.not_a_member"
    dialogue.refresh_from_db()
    assert dialogue.status == "planned" and not dialogue.presences.exists()
    # Exactly 70 % is not more than 70 %: 7 of 10 worker members fails, 8 of 10 passes.
    assert not rules.dialogue_is_valid(legal_representative_present=True, workers_present=7, worker_representatives=10)


def test_delegates_form_checks_the_register(commune: object, principal: User) -> None:
    from grassroots.workplaces.tests.conftest import make_organisation

    big = make_organisation(commune, "Bệnh viện Hòa Phú")  # type: ignore[arg-type]
    staff = add_staff(big, 120)
    conference = services.conference_create(
        organisation=big,
        kind="annual",
        work_year=2026,
        scheduled_on=TODAY,
        conference_format="delegates",
        actor=principal,
        now=NOW,
    )
    services.staff_member_leave(staff_member=staff[5], on=TODAY, actor=principal, now=NOW)
    form = DelegatesForm(
        {"codes": "NV-001\nnv-002, NV-003\nNV-006\nKHONG-CO"}, organisation=big, day=conference.scheduled_on
    )
    assert not form.is_valid()
    assert "NV-006" in form.errors["codes"][0] and "KHONG-CO" in form.errors["codes"][0]
    form = DelegatesForm({"codes": "NV-001\nnv-002; NV-003\nNV-001"}, organisation=big, day=conference.scheduled_on)
    assert form.is_valid(), form.errors
    assert [member.code for member in form.cleaned_data["codes"]] == ["NV-001", "NV-002", "NV-003"]
    assert (
        services.conference_delegates_set(
            conference=conference, staff_members=form.cleaned_data["codes"], actor=principal, now=NOW
        )
        == 3
    )
    # The service checks the register too (a crafted call around the form).
    with pytest.raises(DomainError) as refusal:
        services.conference_delegates_set(conference=conference, staff_members=[staff[5]], actor=principal, now=NOW)
    assert refusal.value.code == "workplaces.conference.delegate_not_on_staff"
    assert ConferenceDelegate.objects.filter(conference=conference).count() == 3
    conference.refresh_from_db()
    assert selectors.roll_members(conference).count() == 3


def test_dialogue_members_form_resolves_codes_on_the_day_fixed(soe: Organisation) -> None:
    data = {
        "fixed_on": "2027-01-20",
        "published_on": "2027-01-20",
        "legal_representative": "NV-001",
        "employer_codes": "NV-002\nNV-003",
        "worker_codes": "NV-004\nNV-005\nNV-006\nNV-007",
    }
    form = DialogueMembersForm(data, organisation=soe, day=TODAY)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["legal_representative"].code == "NV-001"
    early = DialogueMembersForm({**data, "fixed_on": "2019-01-01"}, organisation=soe, day=TODAY)
    assert not early.is_valid() and "worker_codes" in early.errors  # nobody worked there yet in 2019


def test_oversight_sizes_the_board_from_the_staff_register(school: Organisation, principal: User) -> None:
    from grassroots.oversight.selectors import organisation_headcount

    assert organisation_headcount(school, TODAY) == 30
    services.staff_member_leave(
        staff_member=StaffMember.objects.filter(organisation=school).first(),  # type: ignore[arg-type]
        on=TODAY,
        actor=principal,
        now=NOW,
    )
    assert organisation_headcount(school, TODAY) == 29
    assert organisation_headcount(school, TODAY - dt.timedelta(days=1)) == 30
    assert selectors.inspection_board_hook(school) is None
