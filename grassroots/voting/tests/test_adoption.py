"""Issue 12: the poll in which a community adopts online voting as a form (stage 1, [ND59] art. 5(2)(c))."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.units.models import AdministrativeUnit
from grassroots.units.testing import households
from grassroots.voting import services
from grassroots.voting.models import Channel, CommunityVote, MeetingOfficer, VoteStatus
from grassroots.voting.testing import NOW

pytestmark = pytest.mark.django_db

LOCAL = "%Y-%m-%dT%H:%M"


def test_ballot_adoption_with_a_team_too_small_leaves_nothing_behind(
    community: AdministrativeUnit, village_head: User
) -> None:
    with pytest.raises(DomainError) as error:
        services.online_adoption_prepare(
            community=community,
            form="household_ballot",
            starts_at=NOW + dt.timedelta(days=3),
            ends_at=NOW + dt.timedelta(days=8),
            notice_given_at=NOW,
            plan_issued_on=NOW.date(),
            team=["Một", "Hai"],
            actor=village_head,
            now=NOW,
        )
    assert error.value.code == "decisions.team.size"
    assert not CommunityVote.objects.exists() and not MeetingOfficer.objects.exists()


def test_online_adoption_cannot_itself_be_held_online(community: AdministrativeUnit, village_head: User) -> None:
    with pytest.raises(DomainError) as error:
        services.online_adoption_prepare(
            community=community, form="online", starts_at=NOW, notice_given_at=NOW, actor=village_head, now=NOW
        )
    assert error.value.code == "decisions.adoption.form"


def _adoption_meeting(community: AdministrativeUnit, village_head: User, yes: int) -> CommunityVote:
    vote = services.online_adoption_prepare(
        community=community,
        form="meeting",
        starts_at=NOW + dt.timedelta(days=2),
        notice_given_at=NOW,
        actor=village_head,
        now=NOW,
    )
    assert (vote.purpose, vote.matter, vote.status) == ("online_adoption", "D6", VoteStatus.SCHEDULED)
    meeting = NOW + dt.timedelta(days=2)
    services.vote_open(vote=vote, actor=village_head, now=meeting)
    for index, household in enumerate(households(community)):
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head, now=meeting)
        services.vote_cast(
            vote=vote,
            household=household,
            option_key="agree" if index < yes else "disagree",
            channel=Channel.MEETING_HANDS,
            actor=village_head,
            now=meeting,
        )
    services.meeting_officers_approve(vote=vote, secretary="Thư Ký", approving=3, actor=village_head, now=meeting)
    return services.vote_close(vote=vote, actor=village_head, now=meeting)


@pytest.mark.parametrize(("yes", "adopted"), [(1, False), (2, True)])
def test_adoption_needs_more_than_half_of_all_households_then_the_online_vote_opens(
    community: AdministrativeUnit, village_head: User, yes: int, adopted: bool
) -> None:
    # Thôn 1 has 3 households: 1 of 3 is not more than half, 2 of 3 is.
    closed = _adoption_meeting(community, village_head, yes)
    assert (closed.passed, services.online_form_adopted(community)) == (adopted, adopted)
    if adopted:
        with pytest.raises(DomainError) as error:  # adopted once is enough: no second poll
            services.online_adoption_prepare(
                community=community,
                form="meeting",
                starts_at=NOW + dt.timedelta(days=9),
                notice_given_at=NOW + dt.timedelta(days=5),
                actor=village_head,
                now=NOW + dt.timedelta(days=5),
            )
        assert error.value.code == "decisions.adoption.already_adopted"


def test_adoption_screen_doors_and_a_ballot_poll_from_the_phone(
    client: Client,
    community: AdministrativeUnit,
    village_head: User,
    commune_officer: User,
    other_commune_officer: User,
) -> None:
    page = reverse("voting:online_adoption_new", kwargs={"community_id": community.pk})
    client.force_login(other_commune_officer)
    assert client.get(page).status_code == 404
    client.force_login(commune_officer)
    assert client.get(page).status_code == 403
    client.force_login(village_head)
    assert client.get(page).status_code == 200
    today = clock.today()
    start = clock.now().astimezone(clock.local_zone()) + dt.timedelta(days=3)
    data = {"form": "household_ballot", "starts_at": start.strftime(LOCAL), "notice_given_on": today}
    response = client.post(page, data)  # no deadline, plan or team: every problem named, input kept
    body = response.content.decode()
    assert response.status_code == 200 and "Cần hạn thu phiếu" in body and "Cần ghi tổ phát phiếu" in body
    assert not CommunityVote.objects.exists()
    data |= {
        "ends_at": (start + dt.timedelta(days=5)).strftime(LOCAL),
        "plan_issued_on": today,
        "team": "Tổ Trưởng\nThành Viên Hai\nThành Viên Ba",
    }
    response = client.post(page, data)
    vote = CommunityVote.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{vote.pk}/")
    assert (vote.purpose, vote.form, vote.status) == ("online_adoption", "household_ballot", "scheduled")
    assert list(vote.officers.values_list("full_name", "is_leader")) == [
        ("Tổ Trưởng", True),
        ("Thành Viên Hai", False),
        ("Thành Viên Ba", False),
    ]
