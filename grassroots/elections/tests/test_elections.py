"""Elections, dismissals and initiatives on the vote engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import pytest

from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.accounts.testing import make_persona
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.elections import selectors, services
from grassroots.elections.models import Candidate, Election, ElectionStatus
from grassroots.elections.tests.test_decree59 import issue_candidate_minutes, open_on_election_day
from grassroots.initiatives import services as initiative_services
from grassroots.initiatives.models import InitiativeStatus
from grassroots.initiatives.services import valid_signature_count
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.units.testing import households
from grassroots.voting import services as vote_services
from grassroots.voting.models import Channel, VoteStatus
from grassroots.voting.testing import NOW, VN, cast_secret_ballots, open_meeting

pytestmark = pytest.mark.django_db

ELECTION_DAY = dt.date(2026, 12, 20)
ELECTION_MOMENT = dt.datetime(2026, 12, 20, 8, 0, tzinfo=VN)


def prepared_election(
    community: AdministrativeUnit,
    chair: User,
    candidates: Sequence[str] = ("Lê Thị Ứng Viên",),
    team: Sequence[str] = ("Phạm Tổ Trưởng", "Hộ A", "Hộ B"),
) -> tuple[Election, list[Candidate]]:
    election = services.election_create(
        community=community,
        kind="village_head",
        election_date=ELECTION_DAY,
        actor=chair,
        decision_issued_on=dt.date(2026, 11, 22),
    )
    people: list[Candidate] = []
    for name in candidates:
        user = make_persona(f"cand-{len(people)}", Role.RESIDENT, community, full_name=name)
        people.append(services.election_candidate_add(election=election, full_name=name, user=user, actor=chair))
    services.election_candidates_fix(election=election, on=dt.date(2026, 12, 1), actor=chair)
    issue_candidate_minutes(election, chair)
    for index, name in enumerate(team):
        services.election_team_member_add(election=election, full_name=name, is_leader=index == 0, actor=chair)
    services.election_team_form(election=election, on=dt.date(2026, 12, 5), actor=chair)
    services.election_announce(election=election, on=dt.date(2026, 12, 10), actor=chair)
    return election, people


def run_election(election: Election, chair: User, choices: Iterable[str]) -> Election:
    vote = open_on_election_day(election, chair)
    members = households(election.community)
    cast_secret_ballots(vote, chair, zip(members, choices, strict=True), now=ELECTION_MOMENT)
    return services.election_count(election=election, actor=chair, now=ELECTION_MOMENT + dt.timedelta(hours=2))


def test_plan_must_be_twenty_days_before(community: AdministrativeUnit, commune_chair: User) -> None:
    with pytest.raises(DomainError) as error:
        services.election_create(
            community=community,
            kind="village_head",
            election_date=ELECTION_DAY,
            actor=commune_chair,
            decision_issued_on=dt.date(2026, 12, 1),
        )
    assert error.value.code == "decisions.election.plan_too_late"


def test_village_head_needs_the_commune_chair(community: AdministrativeUnit, village_head: User) -> None:
    with pytest.raises(DomainError) as error:
        services.election_create(
            community=community, kind="village_head", election_date=ELECTION_DAY, actor=village_head
        )
    assert error.value.code == "decisions.election.not_authorised"


def test_milestones_and_team_conflicts(community: AdministrativeUnit, commune_chair: User) -> None:
    election = services.election_create(
        community=community, kind="village_head", election_date=ELECTION_DAY, actor=commune_chair
    )
    with pytest.raises(DomainError) as error:
        services.election_candidates_fix(election=election, on=dt.date(2026, 12, 1), actor=commune_chair)
    assert error.value.code == "decisions.election.no_candidate"
    services.election_candidate_add(election=election, full_name="Lê Thị Ứng Viên", actor=commune_chair)
    with pytest.raises(DomainError) as error:
        services.election_team_member_add(election=election, full_name="  lê thị   ứng viên ", actor=commune_chair)
    assert error.value.code == "decisions.election.candidate_on_team"
    with pytest.raises(DomainError) as error:
        services.election_candidates_fix(election=election, on=dt.date(2026, 12, 6), actor=commune_chair)
    assert error.value.code == "decisions.election.candidates_too_late"
    services.election_candidates_fix(election=election, on=dt.date(2026, 12, 5), actor=commune_chair)
    services.election_team_member_add(election=election, full_name="Tổ trưởng", actor=commune_chair)
    with pytest.raises(DomainError) as error:
        services.election_team_form(election=election, on=dt.date(2026, 12, 11), actor=commune_chair)
    assert error.value.code == "decisions.election.team_too_late"
    services.election_team_form(election=election, on=dt.date(2026, 12, 10), actor=commune_chair)
    with pytest.raises(DomainError) as error:  # no Mẫu 05 yet: the typed fixing day is not enough
        services.election_announce(election=election, on=dt.date(2026, 12, 13), actor=commune_chair)
    assert error.value.code == "decisions.election.candidate_minutes_missing"
    # Exactly 15 days before by the server's clock: in time ([ND59] art. 6(2)).
    issue_candidate_minutes(election, commune_chair, now=dt.datetime(2026, 12, 5, 23, 0, tzinfo=VN))
    with pytest.raises(DomainError) as error:
        services.election_announce(election=election, on=dt.date(2026, 12, 14), actor=commune_chair)
    assert error.value.code == "decisions.election.notice_too_late"
    election = services.election_announce(election=election, on=dt.date(2026, 12, 13), actor=commune_chair)
    assert election.status == ElectionStatus.ANNOUNCED
    with pytest.raises(DomainError) as error:
        services.election_open(election=election, actor=commune_chair, now=ELECTION_MOMENT - dt.timedelta(days=1))
    assert error.value.code == "decisions.vote.too_early"


def test_winner_becomes_head_only_on_recognition(
    community: AdministrativeUnit, commune_chair: User, village_head: User
) -> None:
    election, (candidate,) = prepared_election(community, commune_chair)
    counted = run_election(election, commune_chair, [f"c{candidate.pk}", f"c{candidate.pk}", "against"])
    assert counted.status == ElectionStatus.ELECTED
    candidate.refresh_from_db()
    assert candidate.is_elected
    new_head = candidate.user
    assert not RoleMembership.objects.filter(user=new_head, role=Role.VILLAGE_HEAD).exists()
    recognition_moment = ELECTION_MOMENT + dt.timedelta(days=3)
    recognised = services.election_recognise(election=election, actor=commune_chair, now=recognition_moment)
    assert (recognised.status, recognised.recognised_on) == ("recognised", dt.date(2026, 12, 23))
    assert recognised.term_end == dt.date(2031, 12, 23)
    membership = RoleMembership.objects.get(user=new_head, role=Role.VILLAGE_HEAD)
    assert (membership.valid_from, membership.unit) == (dt.date(2026, 12, 23), community)
    old = RoleMembership.objects.get(user=village_head, role=Role.VILLAGE_HEAD)
    assert old.valid_until == dt.date(2026, 12, 23)
    assert recognised.vote is not None and recognised.vote.status == VoteStatus.RECOGNISED
    assert AuditEvent.objects.filter(code="decisions.election.recognised").count() == 1


def test_no_winner_at_exactly_half_and_rerun(community: AdministrativeUnit, commune_chair: User) -> None:
    Household.objects.create(community=community, code="H1-04", active_from=dt.date(2024, 1, 1))
    election, (first, second) = prepared_election(community, commune_chair, candidates=("Ứng viên A", "Ứng viên B"))
    counted = run_election(election, commune_chair, [f"c{first.pk}", f"c{first.pk}", f"c{second.pk}", f"c{second.pk}"])
    assert counted.status == ElectionStatus.NO_WINNER
    assert counted.no_winner_reason
    with pytest.raises(DomainError):
        services.election_recognise(election=election, actor=commune_chair)
    rerun = services.election_rerun_order(
        election=election,
        election_date=dt.date(2027, 1, 31),
        actor=commune_chair,
        now=ELECTION_MOMENT + dt.timedelta(days=2),
    )
    election.refresh_from_db()
    assert (election.status, rerun.rerun_of_id, rerun.status) == ("rerun_ordered", election.pk, "preparing")


@pytest.mark.parametrize(
    "election_date",
    [dt.date(2027, 1, 31), dt.date(2026, 12, 30)],  # a lawful plan date, and one too close (< 20 days)
    ids=["lawful_date", "too_close_date"],
)
def test_resident_cannot_order_a_rerun_through_the_service(
    community: AdministrativeUnit,
    commune_chair: User,
    resident: User,
    village_head: User,
    election_date: dt.date,
) -> None:
    """Attacker test: the service itself refuses anyone but the organiser (the commune People's Committee),
    before any other check and before writing anything; the election stays without a winner."""
    Household.objects.create(community=community, code="H1-04", active_from=dt.date(2024, 1, 1))
    election, (first, second) = prepared_election(community, commune_chair, candidates=("Ứng viên A", "Ứng viên B"))
    run_election(election, commune_chair, [f"c{first.pk}", f"c{first.pk}", f"c{second.pk}", f"c{second.pk}"])
    elections_before = Election.objects.count()
    events_before = AuditEvent.objects.count()
    for attacker in (resident, village_head):
        with pytest.raises(DomainError) as error:
            services.election_rerun_order(
                election=election,
                election_date=election_date,
                actor=attacker,
                now=ELECTION_MOMENT + dt.timedelta(days=2),
            )
        assert error.value.code == "decisions.election.not_authorised"
    election.refresh_from_db()
    assert election.status == ElectionStatus.NO_WINNER
    assert Election.objects.count() == elections_before and AuditEvent.objects.count() == events_before


def test_inspection_board_election_recognised_by_the_front(
    community: AdministrativeUnit, commune_chair: User, front_chair: User
) -> None:
    election = services.election_create(
        community=community,
        kind="inspection_board",
        election_date=ELECTION_DAY,
        actor=front_chair,
    )
    user = make_persona("bttnd", Role.RESIDENT, community, full_name="Thành viên Thanh tra")
    candidate = services.election_candidate_add(
        election=election, full_name=user.full_name, user=user, actor=front_chair
    )
    services.election_candidates_fix(election=election, on=dt.date(2026, 12, 1), actor=front_chair)
    issue_candidate_minutes(election, front_chair)
    services.election_team_member_add(election=election, full_name="Tổ trưởng", is_leader=True, actor=front_chair)
    services.election_team_form(election=election, on=dt.date(2026, 12, 5), actor=front_chair)
    services.election_announce(election=election, on=dt.date(2026, 12, 10), actor=front_chair)
    run_election(election, front_chair, [f"c{candidate.pk}"] * 3)
    with pytest.raises(DomainError):
        services.election_recognise(election=election, actor=commune_chair)
    services.election_recognise(election=election, actor=front_chair, now=ELECTION_MOMENT + dt.timedelta(days=1))
    membership = RoleMembership.objects.get(user=user, role=Role.INSPECTION_BOARD_MEMBER)
    assert membership.unit == community.parent


def test_investment_board_seats_are_capped(community: AdministrativeUnit, front_chair: User) -> None:
    with pytest.raises(DomainError) as error:
        services.election_create(
            community=community,
            kind="investment_supervision_board",
            election_date=ELECTION_DAY,
            seats=6,
            project_name="Đường liên thôn",
            actor=front_chair,
        )
    assert error.value.code == "decisions.election.seats"


# --- dismissal ---------------------------------------------------------------------------------


def test_dismissal_by_petition_needs_half_of_households(
    community: AdministrativeUnit, commune_chair: User, village_head: User, front_head: User
) -> None:
    with pytest.raises(DomainError) as error:
        services.dismissal_request(
            community=community,
            head=village_head,
            ground="household_petition",
            reason="Mất tín nhiệm",
            petition_households=1,
            actor=commune_chair,
        )
    assert error.value.code == "decisions.dismissal.petition_too_small"
    dismissal = services.dismissal_request(
        community=community,
        head=village_head,
        ground="household_petition",
        reason="Mất tín nhiệm",
        petition_households=2,
        actor=commune_chair,
    )
    with pytest.raises(DomainError) as error:  # only the Front work-committee head convenes
        services.dismissal_open_vote(dismissal=dismissal, starts_at=NOW + dt.timedelta(days=3), actor=commune_chair)
    assert error.value.code == "decisions.convenor.wrong_role"
    vote = services.dismissal_open_vote(dismissal=dismissal, starts_at=NOW + dt.timedelta(days=3), actor=front_head)
    vote_services.vote_schedule(vote=vote, notice_given_at=NOW, actor=front_head)
    meeting_time = NOW + dt.timedelta(days=3)
    vote_services.vote_open(vote=vote, actor=front_head, now=meeting_time)
    for household in households(community):
        vote_services.meeting_attendance_set(
            vote=vote, household=household, present=True, actor=front_head, now=meeting_time
        )
        vote_services.vote_cast(
            vote=vote,
            household=household,
            option_key="agree",
            channel=Channel.MEETING_HANDS,
            actor=front_head,
            now=meeting_time,
        )
    vote_services.meeting_officers_approve(
        vote=vote, secretary="Thư ký", approving=3, actor=front_head, now=meeting_time
    )
    vote_services.vote_close(vote=vote, actor=front_head, now=meeting_time)
    dismissal = services.dismissal_conclude(dismissal=dismissal, actor=front_head, now=meeting_time)
    assert dismissal.status == "dismissed"
    interim = make_persona("interim", Role.RESIDENT, community, full_name="Người lâm thời")
    recognised_at = dt.datetime(2026, 11, 27, 9, 0, tzinfo=VN)
    dismissal = services.dismissal_recognise(
        dismissal=dismissal, interim_user=interim, actor=commune_chair, now=recognised_at
    )
    assert (dismissal.status, selectors.new_election_due(dismissal), dismissal.interim_until) == (
        "recognised",
        dt.date(2027, 1, 26),
        dt.date(2027, 5, 27),
    )
    assert RoleMembership.objects.get(user=village_head, role=Role.VILLAGE_HEAD).valid_until == dt.date(2026, 11, 27)
    interim_role = RoleMembership.objects.get(user=interim, role=Role.INTERIM_VILLAGE_HEAD)
    assert (interim_role.valid_from, interim_role.valid_until) == (dt.date(2026, 11, 27), dt.date(2027, 5, 27))


# --- initiatives --------------------------------------------------------------------------------


def test_initiative_needs_ten_percent_of_valid_signatures(
    community: AdministrativeUnit, village_head: User, front_head: User, household_representative: User
) -> None:
    Household.objects.bulk_create(
        Household(community=community, code=f"N-{n:02d}", active_from=dt.date(2024, 1, 1)) for n in range(17)
    )  # 20 households: 2 signatures needed
    initiative = initiative_services.initiative_create(
        community=community, title="Lắp đèn đường", description="Lắp 20 bóng đèn", actor=household_representative
    )
    members = households(community)
    initiative_services.initiative_sign(
        initiative=initiative, household=members[0], signed_on=dt.date(2026, 8, 21), actor=household_representative
    )
    initiative_services.initiative_sign(initiative=initiative, household=members[1], actor=household_representative)
    with pytest.raises(DomainError) as error:
        initiative_services.initiative_sign(initiative=initiative, household=members[1], actor=household_representative)
    assert error.value.code == "decisions.initiative.already_signed"
    assert valid_signature_count(initiative, dt.date(2026, 11, 22)) == 1  # the August consent expired
    with pytest.raises(DomainError) as error:
        initiative_services.initiative_submit(initiative=initiative, actor=household_representative)
    assert error.value.code == "decisions.initiative.not_enough_signatures"
    initiative_services.initiative_sign(initiative=initiative, household=members[2], actor=household_representative)
    submitted = initiative_services.initiative_submit(initiative=initiative, actor=household_representative)
    assert submitted.status == InitiativeStatus.SUBMITTED
    vote = open_meeting(community, village_head, matter="D6")
    decided = initiative_services.initiative_decide(initiative=initiative, accepted=True, vote=vote, actor=village_head)
    assert (decided.status, decided.vote) == ("accepted", vote)


def test_initiative_front_approval_below_ten_percent(
    community: AdministrativeUnit, front_head: User, household_representative: User
) -> None:
    Household.objects.bulk_create(
        Household(community=community, code=f"N-{n:02d}", active_from=dt.date(2024, 1, 1)) for n in range(17)
    )
    initiative = initiative_services.initiative_create(
        community=community, title="Sân chơi", description="Làm sân chơi", actor=household_representative
    )
    with pytest.raises(DomainError) as error:
        initiative_services.initiative_front_approve(initiative=initiative, actor=household_representative)
    assert error.value.code == "decisions.initiative.not_authorised"
    initiative_services.initiative_front_approve(initiative=initiative, actor=front_head)
    assert (
        initiative_services.initiative_submit(initiative=initiative, actor=household_representative).status
        == "submitted"
    )
