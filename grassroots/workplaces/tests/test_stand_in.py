"""The head's stand-in ([L] arts 51(2), 69(2); Decree 145/2020 art. 39(4)): while the head, the legal
representative, is absent, a deputy with a written authorisation for the day chairs the conference, signs its
papers and counts as the employer's representative at dialogue; the authorisation is recorded on each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units.models import Organisation
from grassroots.workplaces import rules, selectors, services
from grassroots.workplaces.models import Conference, DialogueStatus, HeadAuthorisation, StaffMember
from grassroots.workplaces.services import resolutions
from grassroots.workplaces.tests.conftest import (
    CONTENT_SENT,
    NOW,
    TODAY,
    fix_dialogue_members,
    prepared,
    present_members,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("on", "covered"),
    [
        (dt.date(2027, 1, 19), False),
        (dt.date(2027, 1, 20), True),
        (dt.date(2027, 1, 22), True),
        (dt.date(2027, 1, 23), False),
    ],
)
def test_an_authorisation_covers_its_first_and_last_day_only(on: dt.date, covered: bool) -> None:
    assert (
        rules.authorisation_covers(valid_from=dt.date(2027, 1, 20), valid_until=dt.date(2027, 1, 22), on=on) is covered
    )


@pytest.mark.parametrize(
    ("is_head", "authorised", "allowed"), [(True, False, True), (False, True, True), (False, False, False)]
)
def test_only_the_head_or_an_authorised_deputy_stands(is_head: bool, authorised: bool, allowed: bool) -> None:
    result = rules.check_stand_in(is_head=is_head, authorised=authorised)
    assert result.allowed is allowed
    assert allowed or result.code == "workplaces.stand_in.not_authorised"


def _deputy(organisation: Organisation) -> StaffMember:
    member = StaffMember.objects.filter(organisation=organisation).order_by("code")[1]
    member.position = "Phó Hiệu trưởng"
    member.save(update_fields=["position"])
    return member


def _authorise(organisation: Organisation, deputy: StaffMember, actor: User, **extra: object) -> HeadAuthorisation:
    values: dict[str, object] = {
        "valid_from": TODAY,
        "valid_until": TODAY + dt.timedelta(days=2),
        "reference": "01/GUQ-THHP ngày 18/01/2027",
        "reason": "Hiệu trưởng đi công tác",
    }
    values.update(extra)
    return services.head_authorisation_record(
        organisation=organisation,
        deputy=deputy,
        actor=actor,
        now=NOW,
        **values,  # type: ignore[arg-type]
    )


def _conference(school: Organisation, actor: User, scheduled_on: dt.date = TODAY) -> Conference:
    return services.conference_create(
        organisation=school, kind="annual", work_year=2026, scheduled_on=scheduled_on, actor=actor, now=NOW
    )


def test_an_authorisation_is_recorded_and_audited(school: Organisation, principal: User) -> None:
    deputy = _deputy(school)
    authorisation = _authorise(school, deputy, principal)
    assert selectors.authorisation_on(school, deputy, TODAY) == authorisation
    assert selectors.authorisation_on(school, deputy, TODAY + dt.timedelta(days=3)) is None
    event = AuditEvent.objects.get(code="workplaces.stand_in.authorised")
    assert event.object_id == str(authorisation.pk)


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"reference": "  "}, "workplaces.stand_in.details_required"),
        ({"reason": ""}, "workplaces.stand_in.details_required"),
        ({"valid_until": TODAY - dt.timedelta(days=1)}, "workplaces.stand_in.period"),
    ],
)
def test_bad_authorisations_are_refused_without_a_write(
    school: Organisation, principal: User, extra: dict[str, object], code: str
) -> None:
    with pytest.raises(DomainError) as refusal:
        _authorise(school, _deputy(school), principal, **extra)
    assert refusal.value.code == code
    assert not HeadAuthorisation.objects.exists()


def test_someone_of_another_organisation_cannot_be_authorised(
    school: Organisation, soe: Organisation, principal: User
) -> None:
    outsider = StaffMember.objects.filter(organisation=soe).first()
    assert outsider is not None
    with pytest.raises(DomainError) as refusal:
        _authorise(school, outsider, principal)
    assert refusal.value.code == "workplaces.wrong_organisation"
    assert not HeadAuthorisation.objects.exists()


def test_a_deputy_without_authorisation_cannot_chair(school: Organisation, principal: User) -> None:
    conference = _conference(school, principal)
    deputy = _deputy(school)
    _authorise(
        school, deputy, principal, valid_from=TODAY + dt.timedelta(days=1), valid_until=TODAY + dt.timedelta(days=2)
    )
    with pytest.raises(DomainError) as refusal:
        services.conference_chair_set(conference=conference, chair=deputy, actor=principal, now=NOW)
    assert refusal.value.code == "workplaces.stand_in.not_authorised"
    conference.refresh_from_db()
    assert conference.chair_id is None and conference.chair_authorisation_id is None


def test_the_head_chairs_without_any_authorisation(school: Organisation, principal: User) -> None:
    head = StaffMember.objects.filter(organisation=school).order_by("code").first()
    assert head is not None
    head.is_head = True
    head.save(update_fields=["is_head"])
    conference = services.conference_chair_set(
        conference=_conference(school, principal), chair=head, actor=principal, now=NOW
    )
    assert conference.chair == head and conference.chair_authorisation is None


def test_an_authorised_deputy_chairs_and_signs_the_resolution(school: Organisation, principal: User) -> None:
    deputy = _deputy(school)
    authorisation = _authorise(school, deputy, principal)
    conference = _conference(school, principal)
    conference = services.conference_chair_set(conference=conference, chair=deputy, actor=principal, now=NOW)
    assert conference.chair_authorisation == authorisation
    event = AuditEvent.objects.get(code="workplaces.conference.chair_set")
    assert event.after == {"chair": deputy.pk, "chair_authorisation": authorisation.pk}
    signature = resolutions._signer(school, principal, conference)
    assert signature.signer_name == deputy.full_name
    assert signature.lines[0].startswith("TUQ.") and signature.lines[-1] == "PHÓ HIỆU TRƯỞNG"
    prepared(conference, principal)
    conference = services.conference_open(conference=conference, actor=principal, now=NOW)
    for member in selectors.roll_members(conference).order_by("code")[:20]:
        services.attendance_record(conference=conference, staff_member=member, actor=principal, now=NOW)
    conference = services.conference_close_attendance(conference=conference, actor=principal, now=NOW)
    item = services.resolution_item_add(
        conference=conference, matter="conference_resolution", title="Nghị quyết", text="…", actor=principal, now=NOW
    )
    services.resolution_item_vote(item=item, votes_for=15, votes_against=5, actor=principal, now=NOW)
    issued = services.conference_issue(conference=conference, actor=principal, now=NOW)
    assert issued.resolution_document is not None and issued.resolution_document.signer_name == deputy.full_name
    assert issued.minutes_document is not None and issued.minutes_document.signer_name == deputy.full_name


def test_a_stand_in_with_authorisation_makes_the_dialogue_valid(soe: Organisation, soe_director: User) -> None:
    member_list = fix_dialogue_members(soe, soe_director, workers=5)
    stand_in = member_list.members.filter(side="employer", is_legal_representative=False).order_by("pk").first()
    without = services.dialogue_schedule(
        organisation=soe,
        kind="periodic",
        scheduled_on=TODAY,
        content_sent_on=CONTENT_SENT,
        topics="Tiền lương",
        actor=soe_director,
        now=NOW,
    )
    refused = services.dialogue_record(
        dialogue=without,
        present=present_members(member_list, workers=5, legal_representative=False),
        outcome="",
        actor=soe_director,
        now=NOW,
    )
    assert refused.status == DialogueStatus.INVALID and refused.stand_in_authorisation is None
    authorisation = _authorise(soe, stand_in.staff_member, soe_director)
    dialogue = services.dialogue_schedule(
        organisation=soe,
        kind="periodic",
        scheduled_on=TODAY,
        content_sent_on=CONTENT_SENT,
        topics="Tiền lương",
        actor=soe_director,
        now=NOW,
    )
    held = services.dialogue_record(
        dialogue=dialogue,
        present=present_members(member_list, workers=5, legal_representative=False),
        outcome="Thống nhất",
        actor=soe_director,
        now=NOW,
    )
    assert held.status == DialogueStatus.HELD
    assert held.legal_representative_present is True and held.stand_in_authorisation == authorisation


def test_the_authorisation_page_records_one_and_refuses_a_reversed_period(
    school: Organisation, principal: User, client: Client
) -> None:
    from grassroots.core import clock

    today = clock.today()
    url = reverse("workplaces:authorisation_new", args=[school.pk])
    client.force_login(principal)
    data = {
        "valid_from": today.strftime("%d/%m/%Y"),
        "valid_until": (today - dt.timedelta(days=1)).strftime("%d/%m/%Y"),
        "deputy": "NV-002",
        "reference": "02/GUQ",
        "reason": "Nghỉ phép",
    }
    refused = client.post(url, data)
    assert refused.status_code < 500 and not HeadAuthorisation.objects.exists()
    data["valid_until"] = (today + dt.timedelta(days=2)).strftime("%d/%m/%Y")
    done = client.post(url, data)
    assert done.status_code == 302
    saved = HeadAuthorisation.objects.get()
    assert (saved.deputy.code, saved.valid_from, saved.reference) == ("NV-002", today, "02/GUQ")
