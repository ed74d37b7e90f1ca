"""Candidates as residents with accounts, and the convenor exception of a dismissal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.elections import services
from grassroots.elections.models import Candidate, Election, ElectionStatus
from grassroots.elections.tests.test_decree59 import issue_candidate_minutes, open_on_election_day
from grassroots.units.models import AdministrativeUnit, Household, Resident
from grassroots.units.testing import households
from grassroots.voting import rules as vote_rules
from grassroots.voting import services as vote_services
from grassroots.voting.testing import NOW, VN, cast_secret_ballots

pytestmark = pytest.mark.django_db

ELECTION_DAY = dt.date(2026, 12, 20)
ELECTION_MOMENT = dt.datetime(2026, 12, 20, 8, 0, tzinfo=VN)


def resident_of(community: AdministrativeUnit, code: str, name: str, phone: str = "") -> Resident:
    return Resident.objects.create(
        household=Household.objects.get(community=community, code=code), full_name=name, phone=phone
    )


def run_to_count(
    community: AdministrativeUnit, chair: User, candidate_resident: Resident
) -> tuple[Election, Candidate]:
    election = services.election_create(
        community=community, kind="village_head", election_date=ELECTION_DAY, actor=chair
    )
    candidate = services.election_candidate_add(election=election, resident=candidate_resident, actor=chair)
    services.election_candidates_fix(election=election, on=dt.date(2026, 12, 1), actor=chair)
    issue_candidate_minutes(election, chair)
    services.election_team_member_add(election=election, full_name="Tổ trưởng bầu cử", is_leader=True, actor=chair)
    services.election_team_form(election=election, on=dt.date(2026, 12, 5), actor=chair)
    services.election_announce(election=election, on=dt.date(2026, 12, 10), actor=chair)
    vote = open_on_election_day(election, chair)
    ballots = [(household, f"c{candidate.pk}") for household in households(community)]
    cast_secret_ballots(vote, chair, ballots, now=ELECTION_MOMENT)
    services.election_count(election=election, actor=chair, now=ELECTION_MOMENT)
    return election, candidate


# --- 1. candidates are residents; the winner gets the role and, if needed, an account -------------------


def test_candidate_is_a_resident_of_the_community(
    community: AdministrativeUnit, second_community: AdministrativeUnit, commune_chair: User
) -> None:
    election = services.election_create(
        community=community, kind="village_head", election_date=ELECTION_DAY, actor=commune_chair
    )
    person = resident_of(community, "H1-03", "Võ Thị Ứng Cử")
    candidate = services.election_candidate_add(election=election, resident=person, actor=commune_chair)
    assert (candidate.full_name, candidate.resident_id) == ("Võ Thị Ứng Cử", person.pk)
    with pytest.raises(DomainError) as error:
        services.election_candidate_add(election=election, resident=person, actor=commune_chair)
    assert error.value.code == "decisions.election.already_candidate"
    outsider = resident_of(second_community, "H2-01", "Người Thôn Khác")
    with pytest.raises(DomainError) as error:
        services.election_candidate_add(election=election, resident=outsider, actor=commune_chair)
    assert error.value.code == "decisions.election.resident_outside"


def test_typed_name_links_the_resident_or_asks_to_pick(community: AdministrativeUnit, commune_chair: User) -> None:
    election = services.election_create(
        community=community, kind="village_head", election_date=ELECTION_DAY, actor=commune_chair
    )
    person = resident_of(community, "H1-02", "Đỗ Văn Một")
    linked = services.election_candidate_add(election=election, full_name="  đỗ văn   một ", actor=commune_chair)
    assert linked.resident_id == person.pk
    resident_of(community, "H1-01", "Trùng Tên")
    resident_of(community, "H1-03", "Trùng Tên")
    with pytest.raises(DomainError) as error:
        services.election_candidate_add(election=election, full_name="Trùng Tên", actor=commune_chair)
    assert error.value.code == "decisions.election.pick_resident"
    free = services.election_candidate_add(election=election, full_name="Người Chưa Có Sổ", actor=commune_chair)
    assert free.resident_id is None


def test_winner_without_account_gets_one_and_the_role_from_recognition(
    community: AdministrativeUnit, commune_chair: User, village_head: User
) -> None:
    person = resident_of(community, "H1-03", "Bùi Văn Trúng", phone="+84 913 000 111")
    election, candidate = run_to_count(community, commune_chair, person)
    assert Election_status(election) == ElectionStatus.ELECTED
    assert User.objects.filter(username="0913000111").count() == 0  # nothing before recognition
    recognition_day = dt.date(2026, 12, 23)
    moment = dt.datetime(2026, 12, 23, 9, 0, tzinfo=VN)
    result = services.election_recognise_with_accounts(election=election, actor=commune_chair, now=moment)
    (account,) = result.accounts
    user = User.objects.get(pk=account.user_id)
    assert (user.username, user.phone, user.must_change_password) == ("0913000111", "0913000111", True)
    assert user.check_password(account.temporary_password)
    person.refresh_from_db()
    candidate.refresh_from_db()
    assert person.user_id == user.pk == candidate.user_id
    membership = RoleMembership.objects.get(user=user, role=Role.VILLAGE_HEAD)
    assert membership.valid_from == recognition_day and not membership.is_active_on(recognition_day - dt.timedelta(1))
    assert membership.is_active_on(recognition_day)
    previous = RoleMembership.objects.get(user=village_head, role=Role.VILLAGE_HEAD)
    assert previous.valid_until == recognition_day
    created = AuditEvent.objects.get(code="decisions.election.account_created")
    assert account.temporary_password not in str(created.after)


def Election_status(election: Election) -> str:
    election.refresh_from_db()
    return election.status


def test_account_is_created_once_and_slug_without_phone(community: AdministrativeUnit, commune_chair: User) -> None:
    person = resident_of(community, "H1-02", "Đặng Thị Hai")
    election, _candidate = run_to_count(community, commune_chair, person)
    first = services.election_recognise_with_accounts(
        election=election, actor=commune_chair, now=dt.datetime(2026, 12, 21, 9, 0, tzinfo=VN)
    )
    assert [a.username for a in first.accounts] == ["dang-thi-hai-h1-02"]
    count = User.objects.count()
    # Re-elected in a later election: the same account, no second one.
    later = ELECTION_DAY + dt.timedelta(days=400)
    second = services.election_create(
        community=community,
        kind="village_head",
        election_date=later,
        actor=commune_chair,
        decision_issued_on=later - dt.timedelta(days=25),
    )
    candidate = services.election_candidate_add(election=second, resident=person, actor=commune_chair)
    assert candidate.user_id == first.accounts[0].user_id
    assert User.objects.count() == count
    assert AuditEvent.objects.filter(code="decisions.election.account_created").count() == 1


def test_inspection_board_winner_gets_the_board_role(
    community: AdministrativeUnit, commune_chair: User, front_chair: User
) -> None:
    person = resident_of(community, "H1-01", "Lý Thanh Tra")
    election = services.election_create(
        community=community, kind="inspection_board", election_date=ELECTION_DAY, actor=front_chair
    )
    candidate = services.election_candidate_add(election=election, resident=person, actor=front_chair)
    services.election_candidates_fix(election=election, on=dt.date(2026, 12, 1), actor=front_chair)
    issue_candidate_minutes(election, front_chair)
    services.election_team_member_add(election=election, full_name="Tổ trưởng", is_leader=True, actor=front_chair)
    services.election_team_form(election=election, on=dt.date(2026, 12, 5), actor=front_chair)
    services.election_announce(election=election, on=dt.date(2026, 12, 10), actor=front_chair)
    # The meeting decided to vote by show of hands ([ND59] art. 7): an open vote.
    vote = open_on_election_day(election, front_chair, is_secret=False)
    for household in households(community):
        vote_services.meeting_attendance_set(vote=vote, household=household, present=True, actor=front_chair)
        vote_services.vote_cast(
            vote=vote, household=household, option_key=f"c{candidate.pk}", channel="meeting_hands", actor=front_chair
        )
    services.election_count(election=election, actor=front_chair)
    result = services.election_recognise_with_accounts(election=election, actor=front_chair)
    assert len(result.accounts) == 1
    membership = RoleMembership.objects.get(user_id=result.accounts[0].user_id)
    assert (membership.role, membership.unit) == (Role.INSPECTION_BOARD_MEMBER, community.parent)


def test_recognition_page_shows_the_password_once(
    client: Client, community: AdministrativeUnit, commune_chair: User
) -> None:
    person = resident_of(community, "H1-03", "Phan Văn Mới")
    election, _candidate = run_to_count(community, commune_chair, person)
    client.force_login(commune_chair)
    response = client.post(reverse("elections:election_recognise", kwargs={"election_id": election.pk}), follow=True)
    assert response.status_code == 200
    assert 'data-testid="new-password"' in response.content.decode()
    again = client.get(reverse("elections:election_detail", kwargs={"election_id": election.pk}))
    assert 'data-testid="new-password"' not in again.content.decode()


def test_candidate_search_and_pick_by_household_code(
    client: Client, community: AdministrativeUnit, commune_chair: User
) -> None:
    election = services.election_create(
        community=community, kind="village_head", election_date=ELECTION_DAY, actor=commune_chair
    )
    person = resident_of(community, "H1-02", "Hà Văn Tìm")
    client.force_login(commune_chair)
    url = reverse("elections:election_detail", kwargs={"election_id": election.pk})
    page = client.get(url, {"q": "H1-02"}).content.decode()
    assert "Hà Văn Tìm" in page
    add = reverse("elections:election_candidate_add", kwargs={"election_id": election.pk})
    assert client.post(add, {"candidate-resident": person.pk}).status_code == 302
    assert election.candidates.get().resident_id == person.pk


# --- 2. the convenor exception ------------------------------------------------------------------------


def test_convenor_rule_when_head_is_front_head() -> None:
    assert vote_rules.convenor_for("D4", purpose="dismissal") is vote_rules.Convenor.FRONT_WORK_COMMITTEE_HEAD
    assert (
        vote_rules.convenor_for("D4", purpose="dismissal", head_is_front_head=True) is vote_rules.Convenor.COMMUNE_CHAIR
    )
    refused = vote_rules.check_convenor(
        matter="D4", scope="community", purpose="dismissal", role="front_work_committee_head", head_is_front_head=True
    )
    assert refused.code == "decisions.convenor.head_is_front_head"
    no_agreement = vote_rules.check_convenor(
        matter="D4", scope="community", purpose="dismissal", role="commune_chair", head_is_front_head=True
    )
    assert no_agreement.code == "decisions.convenor.front_agreement_missing"
    assert vote_rules.check_convenor(
        matter="D4",
        scope="community",
        purpose="dismissal",
        role="commune_chair",
        head_is_front_head=True,
        front_chair_agreed=True,
    )
    assert not vote_rules.check_convenor(matter="D4", scope="community", purpose="dismissal", role="commune_chair")


def test_commune_chair_convenes_when_head_is_front_head(
    community: AdministrativeUnit, commune_chair: User, village_head: User
) -> None:
    from grassroots.accounts.testing import give_role

    give_role(village_head, Role.FRONT_WORK_COMMITTEE_HEAD, community)
    dismissal = services.dismissal_request(
        community=community, head=village_head, ground="resignation", reason="Sức khỏe", actor=commune_chair
    )
    starts = NOW + dt.timedelta(days=5)
    with pytest.raises(DomainError) as error:
        services.dismissal_open_vote(dismissal=dismissal, starts_at=starts, actor=village_head)
    assert error.value.code == "decisions.convenor.head_is_front_head"
    with pytest.raises(DomainError) as error:
        services.dismissal_open_vote(dismissal=dismissal, starts_at=starts, actor=commune_chair)
    assert error.value.code == "decisions.convenor.front_agreement_missing"
    vote = services.dismissal_open_vote(
        dismissal=dismissal, starts_at=starts, front_chair_agreed=True, actor=commune_chair
    )
    dismissal.refresh_from_db()
    assert (vote.convenor_role, dismissal.front_chair_agreed_on) == ("commune_chair", NOW.date())


def test_dismissal_screen_explains_the_exception(
    client: Client, community: AdministrativeUnit, commune_chair: User, village_head: User
) -> None:
    from grassroots.accounts.testing import give_role

    give_role(village_head, Role.FRONT_WORK_COMMITTEE_HEAD, community)
    dismissal = services.dismissal_request(
        community=community, head=village_head, ground="resignation", reason="Sức khỏe", actor=commune_chair
    )
    client.force_login(village_head)
    page = client.get(reverse("elections:dismissal_detail", kwargs={"dismissal_id": dismissal.pk}))
    assert 'data-testid="convenor-exception"' in page.content.decode()
    client.force_login(commune_chair)
    url = reverse("elections:dismissal_meeting", kwargs={"dismissal_id": dismissal.pk})
    refused = client.post(url, {"starts_at": "2026-11-28T08:00"})
    assert refused.status_code == 200 and dismissal.__class__.objects.get(pk=dismissal.pk).vote_id is None
    assert client.post(url, {"starts_at": "2026-11-28T08:00", "front_chair_agreed": "on"}).status_code == 302


def test_a_member_who_left_the_household_is_not_among_the_people_who_may_stand(
    community: AdministrativeUnit,
) -> None:
    household = Household.objects.get(community=community, code="H1-01")
    staying = Resident.objects.create(household=household, full_name="Người Ở Lại", registered_on=dt.date(2020, 1, 1))
    gone = Resident.objects.create(
        household=household, full_name="Người Đã Đi", registered_on=dt.date(2020, 1, 1), left_on=dt.date(2026, 6, 1)
    )
    on = dt.date(2026, 11, 10)
    people = set(services.community_residents(community, on).values_list("pk", flat=True))
    assert staying.pk in people
    assert gone.pk not in people
    # Before the day they left, they were a member and could have stood.
    assert gone.pk in set(services.community_residents(community, dt.date(2026, 5, 31)).values_list("pk", flat=True))
