"""iCalendar feeds: a commune's meetings and citizen-reception days (public), and a workplace's conferences for its own
staff through each person's signed link (nobody else reads them)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import give_role, make_user
from grassroots.api.calendar_feed import workplace_feed_token
from grassroots.units.models import AdministrativeUnit, Organisation, OrganisationKind

VN = dt.timezone(dt.timedelta(hours=7))
MOMENT = dt.datetime(2026, 12, 7, 9, 0, tzinfo=VN)
"""Monday 7/12/2026, 09:00 in Vietnam."""

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    from grassroots.core import clock

    monkeypatch.setattr(clock, "now", lambda: MOMENT)


def _events(body: bytes) -> dict[str, Any]:
    """The feed's events by UID (without the host part)."""
    calendar = Calendar.from_ical(body)
    return {str(event["uid"]).split("@", 1)[0]: event for event in calendar.walk("VEVENT")}


def _commune_feed(client: Client, commune: AdministrativeUnit) -> dict[str, Any]:
    response = client.get(f"/api/communes/{commune.slug}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return _events(response.content)


# --- meetings ------------------------------------------------------------------------------------------------------


def test_a_village_meeting_is_in_its_communes_feed_only(
    client: Client,
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    village_head: User,
    other_commune: AdministrativeUnit,
) -> None:
    from grassroots.voting.testing import open_meeting

    vote = open_meeting(community, village_head, now=MOMENT)
    events = _commune_feed(client, commune)
    meeting = events[f"vote-{vote.pk}"]
    assert meeting["dtstart"].dt == MOMENT
    assert meeting["dtend"].dt == MOMENT + dt.timedelta(hours=2)  # no end given: two hours
    assert str(meeting["summary"]) == f"Họp Thôn 1: {vote.title}"
    assert f"vote-{vote.pk}" not in _commune_feed(client, other_commune)


def test_a_cancelled_meeting_leaves_the_feed(
    client: Client, commune: AdministrativeUnit, community: AdministrativeUnit, village_head: User
) -> None:
    from grassroots.voting.models import CommunityVote, VoteStatus
    from grassroots.voting.testing import open_meeting

    vote = open_meeting(community, village_head, now=MOMENT)
    CommunityVote.objects.filter(pk=vote.pk).update(status=VoteStatus.CANCELLED)  # set-up: cancelled
    assert f"vote-{vote.pk}" not in _commune_feed(client, commune)


# --- citizen reception days -----------------------------------------------------------------------------------------


def test_the_chairs_reception_days_are_all_day_events_of_the_schedule(
    client: Client, commune: AdministrativeUnit, commune_chair: User, other_commune: AdministrativeUnit
) -> None:
    from grassroots.reception import services as reception

    reception.schedule_set(
        unit=commune,
        weekday=1,  # Tuesdays
        weeks=(),
        start_time=dt.time(7, 30),
        end_time=dt.time(11, 0),
        place="Phòng tiếp công dân",
        valid_from=MOMENT.date(),
        actor=commune_chair,
        now=MOMENT,
    )
    events = _commune_feed(client, commune)
    days = sorted(event["dtstart"].dt for uid, event in events.items() if uid.startswith(f"reception-{commune.pk}-"))
    assert days[:2] == [dt.date(2026, 12, 8), dt.date(2026, 12, 15)]
    assert all(day.weekday() == 1 for day in days)
    first = events[f"reception-{commune.pk}-2026-12-08"]
    assert first["dtend"].dt == dt.date(2026, 12, 9)
    assert str(first["url"]).endswith(reverse("reception:public_schedule", kwargs={"commune_slug": commune.slug}))
    assert not [uid for uid in _commune_feed(client, other_commune) if uid.startswith("reception-")]


# --- a workplace's conferences, for its staff ---------------------------------------------------------------------


@pytest.fixture
def school(commune: AdministrativeUnit) -> Organisation:
    from grassroots.workplaces.models import StaffMember

    organisation = Organisation.objects.create(
        kind=OrganisationKind.PUBLIC_SERVICE_UNIT, name="Trường Tiểu học Hòa Phú", short_name="THHP", unit=commune
    )
    for number in range(30):
        StaffMember.objects.create(
            organisation=organisation,
            code=f"NV-{number:03d}",
            full_name=f"Nhân viên {number}",
            active_from=dt.date(2020, 1, 1),
        )
    return organisation


@pytest.fixture
def principal(school: Organisation, commune: AdministrativeUnit) -> User:
    user = make_user("hieu_truong")
    give_role(user, Role.AGENCY_HEAD, commune, organisation=school)
    return user


@pytest.fixture
def teacher(school: Organisation, commune: AdministrativeUnit) -> User:
    user = make_user("giao_vien")
    give_role(user, Role.STAFF_MEMBER, commune, organisation=school)
    return user


@pytest.fixture
def conference(school: Organisation, principal: User) -> Any:
    from grassroots.workplaces import services as workplaces

    return workplaces.conference_create(
        organisation=school,
        kind="annual",
        work_year=2026,
        scheduled_on=dt.date(2027, 1, 20),
        place="Hội trường trường",
        actor=principal,
        now=MOMENT,
    )


def _workplace_url(organisation: Organisation, token: str | None) -> str:
    path = reverse("api:workplace_calendar", kwargs={"organisation_id": organisation.pk})
    return f"{path}?{urlencode({'token': token})}" if token is not None else path


def test_a_staff_members_link_carries_the_conference(
    client: Client, school: Organisation, teacher: User, conference: Any, commune: AdministrativeUnit
) -> None:
    response = client.get(_workplace_url(school, workplace_feed_token(teacher, school)))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    event = _events(response.content)[f"workplace-conference-{conference.pk}"]
    assert event["dtstart"].dt == dt.date(2027, 1, 20)
    assert str(event["description"]) == "Hội trường trường"
    # Not public: the commune's feed does not carry it.
    assert f"workplace-conference-{conference.pk}" not in _commune_feed(client, commune)


def test_a_cancelled_conference_leaves_the_workplace_feed(
    client: Client, school: Organisation, teacher: User, principal: User, conference: Any
) -> None:
    from grassroots.workplaces import services as workplaces

    workplaces.conference_cancel(conference=conference, reason="Hoãn", actor=principal, now=MOMENT)
    response = client.get(_workplace_url(school, workplace_feed_token(teacher, school)))
    assert f"workplace-conference-{conference.pk}" not in _events(response.content)


def test_nobody_else_reads_a_workplace_feed(
    client: Client,
    commune: AdministrativeUnit,
    school: Organisation,
    teacher: User,
    conference: Any,
    commune_chair: User,
) -> None:
    clinic = Organisation.objects.create(
        kind=OrganisationKind.PUBLIC_SERVICE_UNIT, name="Trạm Y tế", short_name="TYT", unit=commune
    )
    nurse = make_user("y_ta")
    give_role(nurse, Role.STAFF_MEMBER, commune, organisation=clinic)
    former = make_user("nghi_viec")
    give_role(former, Role.STAFF_MEMBER, commune, organisation=school, valid_until=dt.date(2026, 11, 30))
    good = workplace_feed_token(teacher, school)
    refused = {
        "no token": None,
        "empty": "",
        "tampered": good[:-2] + ("AA" if not good.endswith("AA") else "BB"),
        "another organisation's staff": workplace_feed_token(nurse, clinic),
        "the chair, not staff": workplace_feed_token(commune_chair, school),
        "left on 30/11": workplace_feed_token(former, school),
    }
    for why, token in refused.items():
        assert client.get(_workplace_url(school, token)).status_code == 404, why
    # The teacher's own link does not open the clinic's calendar either.
    assert client.get(_workplace_url(clinic, good)).status_code == 404
    teacher.is_active = False
    teacher.save(update_fields=["is_active"])
    assert client.get(_workplace_url(school, good)).status_code == 404


def test_the_settings_page_gives_each_person_their_own_link(
    client: Client, school: Organisation, teacher: User
) -> None:
    client.force_login(teacher)
    response = client.get(reverse("notifications:settings"))
    assert response.status_code == 200
    [link] = response.context["calendars"]
    assert link["name"] == school.name
    assert Client().get(link["url"]).status_code == 200
