"""The dialogue outcome published through ``disclosures``, and an annual conference never held carried into the
next year as overdue (issue 17, audit gaps 2 and 3)."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.disclosures.models import Disclosure
from grassroots.units.models import AdministrativeUnit, Organisation, OrganisationKind
from grassroots.workplaces import selectors, services, tasks
from grassroots.workplaces.models import (
    Conference,
    ConferenceFormat,
    ConferenceKind,
    ConferenceProposer,
    ConferenceStatus,
    DialogueStatus,
    WorkplaceDialogue,
)
from grassroots.workplaces.tests.conftest import (
    CONTENT_SENT,
    NOW,
    TODAY,
    add_staff,
    fix_dialogue_members,
    make_organisation,
    org_persona,
    present_members,
)

pytestmark = pytest.mark.django_db


def _held_dialogue(organisation: Organisation, actor: User) -> WorkplaceDialogue:
    member_list = fix_dialogue_members(organisation, actor, workers=5)
    dialogue = services.dialogue_schedule(
        organisation=organisation,
        kind="periodic",
        scheduled_on=TODAY,
        content_sent_on=CONTENT_SENT,
        topics="Tiền lương 2027",
        actor=actor,
        now=NOW,
    )
    return services.dialogue_record(
        dialogue=dialogue,
        present=present_members(member_list, workers=4),
        outcome="Thống nhất tăng lương 5% từ 1/4/2027",
        actor=actor,
        now=NOW,
    )


def test_dialogue_outcome_is_published_through_disclosures(soe: Organisation, soe_director: User) -> None:
    held = _held_dialogue(soe, soe_director)
    published = services.dialogue_publish(dialogue=held, actor=soe_director, now=NOW)
    assert published.status == DialogueStatus.PUBLISHED
    assert published.published_on == TODAY
    assert published.result_disclosure_id is not None
    disclosure = Disclosure.objects.get(pk=published.result_disclosure_id)
    assert disclosure.organisation_id == soe.pk
    assert disclosure.category.code == "S8"
    assert disclosure.body == "Thống nhất tăng lương 5% từ 1/4/2027"
    assert disclosure.decided_on == TODAY
    assert disclosure.published_on == TODAY
    assert disclosure.title.startswith("Kết quả đối thoại")
    event = AuditEvent.objects.filter(code="workplaces.dialogue.published").get()
    assert (event.actor_id, event.unit_id) == (soe_director.pk, soe.unit_id)
    assert event.after is not None and event.after["disclosure"] == disclosure.pk


def test_dialogue_published_twice_is_refused_without_a_second_disclosure(soe: Organisation, soe_director: User) -> None:
    held = _held_dialogue(soe, soe_director)
    services.dialogue_publish(dialogue=held, actor=soe_director, now=NOW)
    before = Disclosure.objects.count()
    with pytest.raises(DomainError) as refusal:
        services.dialogue_publish(dialogue=held, actor=soe_director, now=NOW)
    assert refusal.value.code == "workplaces.dialogue.transition"
    assert Disclosure.objects.count() == before


def _company(commune: AdministrativeUnit) -> tuple[Organisation, User]:
    """30 staff from June 2026: the conference of work year 2026 is compulsory, 2025's is not (nobody then)."""
    organisation = make_organisation(commune, "Công ty Cổ phần May Hòa Phú", OrganisationKind.STATE_OWNED_ENTERPRISE)
    add_staff(organisation, 30, since=dt.date(2026, 6, 1))
    return organisation, org_persona("giam_doc_may", "agency_head", organisation, "Vũ Văn May")


def _codes(organisation: Organisation, today: dt.date) -> dict[str, list[dt.date | None]]:
    found: dict[str, list[dt.date | None]] = {}
    for item in selectors.obligations(organisation, today.year, today):
        found.setdefault(item.code, []).append(item.due_on)
    return found


def test_conference_never_held_is_carried_over_the_year_boundary(commune: AdministrativeUnit) -> None:
    organisation, head = _company(commune)
    # 31/12/2027: the work year 2026 conference (due 31/3/2027) is this year's own item, shown late.
    last_day = dt.date(2027, 12, 31)
    codes = _codes(organisation, last_day)
    assert codes["annual_conference"] == [dt.date(2027, 3, 31)]
    assert "annual_conference_overdue" not in codes
    # 2/1/2028: the calendar of 2028 shows work year 2027 and still the overdue 2026 one; 2025 had no staff.
    first_day = dt.date(2028, 1, 2)
    codes = _codes(organisation, first_day)
    assert codes["annual_conference"] == [dt.date(2028, 3, 31)]
    assert codes["annual_conference_overdue"] == [dt.date(2027, 3, 31)]
    overdue = next(i for i in selectors.obligations(organisation, 2028, first_day) if i.code.endswith("overdue"))
    assert overdue.state(first_day) == "late"
    assert "2026" in overdue.label
    # On the head's dashboard too, with the past due date.
    dues = sorted(item.due_date for item in tasks.obligation_tasks(head, first_day) if item.due_date is not None)
    assert dt.date(2027, 3, 31) in dues


def test_overdue_conference_leaves_the_calendar_once_held(commune: AdministrativeUnit) -> None:
    organisation, head = _company(commune)
    first_day = dt.date(2028, 1, 2)
    Conference.objects.create(
        organisation=organisation,
        kind=ConferenceKind.ANNUAL,
        work_year=2026,
        format=ConferenceFormat.PLENARY,
        proposer=ConferenceProposer.HEAD,
        scheduled_on=dt.date(2027, 11, 5),
        status=ConferenceStatus.PREPARING,
        created_by=head,
    )
    assert "annual_conference_overdue" in _codes(organisation, first_day)  # being prepared is not held
    Conference.objects.filter(organisation=organisation).update(status=ConferenceStatus.HELD)
    assert "annual_conference_overdue" not in _codes(organisation, first_day)
    dues = [item.due_date for item in tasks.obligation_tasks(head, first_day)]
    assert dt.date(2027, 3, 31) not in dues


def test_overdue_conference_is_not_carried_for_seven_staff_or_fewer(commune: AdministrativeUnit) -> None:
    organisation = make_organisation(commune, "Hộ kinh doanh Bảy Người", OrganisationKind.OTHER_EMPLOYER)
    add_staff(organisation, 7, since=dt.date(2026, 6, 1))
    assert "annual_conference_overdue" not in _codes(organisation, dt.date(2028, 1, 2))
    add_staff(organisation, 1, start=8, since=dt.date(2026, 6, 1))
    assert _codes(organisation, dt.date(2028, 1, 2))["annual_conference_overdue"] == [dt.date(2027, 3, 31)]


def test_overdue_conference_looks_back_three_years_only(commune: AdministrativeUnit) -> None:
    organisation = make_organisation(commune, "Trường Mầm non Cũ")
    add_staff(organisation, 20, since=dt.date(2015, 1, 1))
    registered = dt.datetime(2020, 1, 2, 8, 0, tzinfo=dt.UTC)
    Organisation.objects.filter(pk=organisation.pk).update(created_at=registered)  # set-up: on the platform since 2020
    organisation.refresh_from_db()
    codes = _codes(organisation, dt.date(2028, 1, 2))
    assert codes["annual_conference_overdue"] == [dt.date(2025, 3, 31), dt.date(2026, 3, 31), dt.date(2027, 3, 31)]


def test_no_overdue_conference_from_before_the_organisation_was_registered(commune: AdministrativeUnit) -> None:
    organisation = make_organisation(commune, "Trường Mầm non Mới Đăng Ký")
    add_staff(organisation, 20, since=dt.date(2015, 1, 1))
    registered = dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC)
    Organisation.objects.filter(pk=organisation.pk).update(created_at=registered)  # set-up: joined in December 2026
    organisation.refresh_from_db()
    codes = _codes(organisation, dt.date(2028, 1, 2))
    assert codes["annual_conference_overdue"] == [dt.date(2027, 3, 31)]  # 2025 and 2026 deadlines predate it
