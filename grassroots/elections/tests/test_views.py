"""View tests of elections and dismissals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client
from pytest_django import Settings

from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.elections import selectors, services
from grassroots.elections.models import (
    Candidate,
    Dismissal,
    DismissalStatus,
    Election,
    ElectionStatus,
    ElectionTeamMember,
)
from grassroots.elections.tests.test_elections import ELECTION_DAY, ELECTION_MOMENT, prepared_election, run_election
from grassroots.elections.views import milestone_rows
from grassroots.units.models import AdministrativeUnit
from grassroots.voting import services as vote_services
from grassroots.voting.testing import NOW, decision_tasks, decision_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def url(name: str, **kwargs: object) -> str:
    return decision_url(name, **kwargs)


def new_election(community: AdministrativeUnit, chair: User) -> Election:
    return services.election_create(
        community=community,
        kind="village_head",
        election_date=ELECTION_DAY,
        actor=chair,
        decision_issued_on=dt.date(2026, 11, 22),
    )


# --- Elections ---------------------------------------------------------------------------------


def test_election_new_permissions(
    client: Client, community: AdministrativeUnit, village_head: User, commune_chair: User, other_commune_officer: User
) -> None:
    client.force_login(other_commune_officer)
    assert client.get(url("election_new", community_id=community.pk)).status_code == 404
    client.force_login(village_head)
    assert client.get(url("election_new", community_id=community.pk)).status_code == 403
    client.force_login(commune_chair)
    assert client.get(url("election_new", community_id=community.pk)).status_code == 200


def test_election_new_happy_and_milestones_shown(
    client: Client, community: AdministrativeUnit, commune_chair: User
) -> None:
    client.force_login(commune_chair)
    response = client.post(
        url("election_new", community_id=community.pk),
        {"kind": "village_head", "election_date": "2026-12-20", "decision_issued_on": "2026-11-22", "seats": "1"},
    )
    election = Election.objects.get()
    assert response.status_code == 302
    page = client.get(url("election_detail", election_id=election.pk)).content.decode()
    for due in ("30/11/2026", "05/12/2026", "10/12/2026", "13/12/2026"):
        assert due in page


def test_election_new_refuses_late_plan_and_keeps_input(
    client: Client, community: AdministrativeUnit, commune_chair: User
) -> None:
    client.force_login(commune_chair)
    response = client.post(
        url("election_new", community_id=community.pk),
        {"kind": "village_head", "election_date": "2026-12-01", "decision_issued_on": "2026-11-22", "seats": "1"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'class="error-summary"' in body and "2026-12-01" in body
    assert Election.objects.count() == 0


def test_milestone_overdue_is_flagged(community: AdministrativeUnit, commune_chair: User) -> None:
    election = new_election(community, commune_chair)
    rows = {row["key"]: row["state"] for row in milestone_rows(election, dt.date(2026, 12, 12))}
    assert rows == {"plan": "done", "candidates": "overdue", "team": "overdue", "notice": "pending"}


def test_front_chair_cannot_organise_a_village_head_election(
    client: Client, community: AdministrativeUnit, commune_chair: User, front_chair: User
) -> None:
    election = new_election(community, commune_chair)
    client.force_login(front_chair)
    assert client.get(url("election_detail", election_id=election.pk)).status_code == 200
    response = client.post(url("election_candidate_add", election_id=election.pk), {"candidate-full_name": "A"})
    assert response.status_code == 403
    assert Candidate.objects.count() == 0


def test_candidate_on_team_is_refused_with_message(
    client: Client, community: AdministrativeUnit, commune_chair: User
) -> None:
    election = new_election(community, commune_chair)
    client.force_login(commune_chair)
    assert (
        client.post(url("election_team_add", election_id=election.pk), {"team-full_name": "Phạm Văn A"}).status_code
        == 302
    )
    response = client.post(
        url("election_candidate_add", election_id=election.pk), {"candidate-full_name": "Phạm Văn A"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Tổ bầu cử" in body and 'value="Phạm Văn A"' in body
    assert Candidate.objects.count() == 0 and ElectionTeamMember.objects.count() == 1


def test_step_refused_when_late_keeps_date(client: Client, community: AdministrativeUnit, commune_chair: User) -> None:
    election = new_election(community, commune_chair)
    services.election_candidate_add(election=election, full_name="Lê B", actor=commune_chair)
    client.force_login(commune_chair)
    response = client.post(url("election_step", election_id=election.pk, step="fix"), {"fix-on": "2026-12-10"})
    assert response.status_code == 200 and "2026-12-10" in response.content.decode()
    election.refresh_from_db()
    assert election.candidates_fixed_on is None
    ok = client.post(url("election_step", election_id=election.pk, step="fix"), {"fix-on": "2026-12-01"})
    assert ok.status_code == 302
    election.refresh_from_db()
    assert election.candidates_fixed_on == dt.date(2026, 12, 1)


def test_election_open_count_recognise(
    client: Client, community: AdministrativeUnit, commune_chair: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grassroots.core import clock

    election, people = prepared_election(community, commune_chair)
    # The meeting is called with its Mẫu 01 two days before ([ND59] art. 3(3)), then opened on the day.
    services.election_meeting_schedule(
        election=election,
        meeting_at=ELECTION_MOMENT,
        place="Nhà văn hóa thôn",
        actor=commune_chair,
        now=ELECTION_MOMENT - dt.timedelta(days=2),
    )
    monkeypatch.setattr(clock, "now", lambda: ELECTION_MOMENT)
    client.force_login(commune_chair)
    response = client.post(url("election_open", election_id=election.pk), {"is_secret": ""})
    election.refresh_from_db()
    assert response.status_code == 302 and election.status == ElectionStatus.VOTING
    run_election_votes = [f"c{people[0].pk}"] * 3
    from grassroots.units.models import Household
    from grassroots.voting.models import Channel

    assert election.vote is not None
    for household, choice in zip(Household.objects.filter(community=community), run_election_votes, strict=True):
        vote_services.meeting_attendance_set(vote=election.vote, household=household, present=True, actor=commune_chair)
        vote_services.vote_cast(
            vote=election.vote,
            household=household,
            option_key=choice,
            channel=Channel.MEETING_HANDS,
            actor=commune_chair,
        )
    assert client.post(url("election_count", election_id=election.pk)).status_code == 302
    election.refresh_from_db()
    assert election.status == ElectionStatus.ELECTED
    tasks = list(decision_tasks(commune_chair, ELECTION_DAY))
    assert any(url("election_detail", election_id=election.pk) == task.url for task in tasks)
    assert client.post(url("election_recognise", election_id=election.pk)).status_code == 302
    election.refresh_from_db()
    assert election.status == ElectionStatus.RECOGNISED
    assert RoleMembership.objects.filter(user=people[0].user, role=Role.VILLAGE_HEAD, unit=community).exists()


def test_refuse_needs_reason_and_no_winner_rerun(
    client: Client, community: AdministrativeUnit, commune_chair: User
) -> None:
    election, people = prepared_election(community, commune_chair)
    election = run_election(election, commune_chair, ["against", "against", f"c{people[0].pk}"])
    assert election.status == ElectionStatus.NO_WINNER
    client.force_login(commune_chair)
    bad = client.post(url("election_rerun", election_id=election.pk), {"rerun-on": ""})
    assert bad.status_code == 200 and Election.objects.count() == 1
    good = client.post(url("election_rerun", election_id=election.pk), {"rerun-on": "2027-01-31"})
    assert good.status_code == 302 and Election.objects.filter(rerun_of=election).exists()


# --- Dismissals --------------------------------------------------------------------------------


def test_dismissal_flow(
    client: Client,
    community: AdministrativeUnit,
    village_head: User,
    commune_chair: User,
    front_head: User,
    resident: User,
) -> None:
    client.force_login(village_head)
    assert client.get(url("dismissal_new", community_id=community.pk)).status_code == 403
    client.force_login(front_head)
    small = client.post(
        url("dismissal_new", community_id=community.pk),
        {"head": village_head.pk, "ground": "household_petition", "reason": "Không làm tròn", "petition_households": 1},
    )
    assert small.status_code == 200 and "Không làm tròn" in small.content.decode()
    assert Dismissal.objects.count() == 0
    response = client.post(
        url("dismissal_new", community_id=community.pk),
        {"head": village_head.pk, "ground": "resignation", "reason": "Xin nghỉ", "petition_households": 0},
    )
    dismissal = Dismissal.objects.get()
    assert response.status_code == 302
    response = client.post(url("dismissal_meeting", dismissal_id=dismissal.pk), {"starts_at": "2026-11-25T08:00"})
    dismissal.refresh_from_db()
    assert response.status_code == 302 and dismissal.status == DismissalStatus.VOTING
    assert client.get(url("dismissal_detail", dismissal_id=dismissal.pk)).status_code == 200


def test_dismissal_recognise_shows_deadlines(
    client: Client,
    community: AdministrativeUnit,
    village_head: User,
    commune_chair: User,
    front_head: User,
    resident: User,
) -> None:
    from grassroots.units.models import Household
    from grassroots.voting.models import Channel, VoteStatus

    dismissal = services.dismissal_request(
        community=community, head=village_head, ground="resignation", reason="Xin nghỉ", actor=front_head
    )
    vote = services.dismissal_open_vote(
        dismissal=dismissal, starts_at=NOW, actor=front_head, now=NOW - dt.timedelta(days=5)
    )
    vote_services.vote_schedule(
        vote=vote, notice_given_at=NOW - dt.timedelta(days=3), actor=front_head, now=NOW - dt.timedelta(days=3)
    )
    vote_services.vote_open(vote=vote, actor=front_head, now=NOW)
    members = list(Household.objects.filter(community=community))
    for household in members:
        vote_services.meeting_attendance_set(vote=vote, household=household, present=True, actor=front_head, now=NOW)
    for household in members:
        vote_services.vote_cast(
            vote=vote, household=household, option_key="agree", channel=Channel.MEETING_HANDS, actor=front_head, now=NOW
        )
    vote_services.meeting_officers_approve(vote=vote, secretary="Thư Ký", approving=2, actor=front_head, now=NOW)
    vote_services.vote_close(vote=vote, actor=front_head, now=NOW)
    assert vote.__class__.objects.get(pk=vote.pk).status == VoteStatus.CLOSED
    client.force_login(front_head)
    assert client.post(url("dismissal_conclude", dismissal_id=dismissal.pk)).status_code == 302
    client.force_login(front_head)
    assert client.post(url("dismissal_recognise", dismissal_id=dismissal.pk), {}).status_code == 403
    client.force_login(commune_chair)
    response = client.post(url("dismissal_recognise", dismissal_id=dismissal.pk), {"interim_user": resident.pk})
    dismissal.refresh_from_db()
    assert response.status_code == 302 and dismissal.status == DismissalStatus.RECOGNISED
    assert selectors.new_election_due(dismissal) == dt.date(2027, 1, 21) and dismissal.interim_until == dt.date(
        2027, 5, 22
    )
    page = client.get(url("dismissal_detail", dismissal_id=dismissal.pk)).content.decode()
    assert "21/01/2027" in page and "22/05/2027" in page
