"""Candidates as residents with accounts, the convenor exception, document deliveries, initiative
decisions and cluster sessions in the register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.decisions import rules, services
from grassroots.decisions.models import (
    Channel,
    ClusterSession,
    ElectionStatus,
    InitiativeStatus,
    VoteParticipation,
    VoteStatus,
)
from grassroots.decisions.selectors import session_rows
from grassroots.decisions.tests.conftest import NOW, VN, open_meeting
from grassroots.units.models import Household, Resident

pytestmark = pytest.mark.django_db

ELECTION_DAY = dt.date(2026, 12, 20)
ELECTION_MOMENT = dt.datetime(2026, 12, 20, 8, 0, tzinfo=VN)


def households(community):
    return list(Household.objects.filter(community=community).order_by("code"))


def resident_of(community, code, name, phone=""):
    return Resident.objects.create(
        household=Household.objects.get(community=community, code=code), full_name=name, phone=phone
    )


def run_to_count(community, chair, candidate_resident):
    election = services.election_create(
        community=community, kind="village_head", election_date=ELECTION_DAY, actor=chair
    )
    candidate = services.election_candidate_add(election=election, resident=candidate_resident, actor=chair)
    services.election_candidates_fix(election=election, on=dt.date(2026, 12, 1), actor=chair)
    services.election_team_member_add(election=election, full_name="Tổ trưởng bầu cử", is_leader=True, actor=chair)
    services.election_team_form(election=election, on=dt.date(2026, 12, 5), actor=chair)
    services.election_announce(election=election, on=dt.date(2026, 12, 10), actor=chair)
    vote = services.election_open(election=election, actor=chair, now=ELECTION_MOMENT)
    for household in households(community):
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=chair, now=ELECTION_MOMENT)
        services.vote_cast(
            vote=vote,
            household=household,
            option_key=f"c{candidate.pk}",
            channel=Channel.MEETING_BALLOT,
            actor=chair,
            now=ELECTION_MOMENT,
        )
    services.election_count(election=election, actor=chair, now=ELECTION_MOMENT)
    return election, candidate


# --- 1. candidates are residents; the winner gets the role and, if needed, an account -------------------


def test_candidate_is_a_resident_of_the_community(community, second_community, commune_chair):
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


def test_typed_name_links_the_resident_or_asks_to_pick(community, commune_chair):
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


def test_winner_without_account_gets_one_and_the_role_from_recognition(community, commune_chair, village_head):
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


def Election_status(election):
    election.refresh_from_db()
    return election.status


def test_account_is_created_once_and_slug_without_phone(community, commune_chair):
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


def test_inspection_board_winner_gets_the_board_role(community, commune_chair, front_chair):
    person = resident_of(community, "H1-01", "Lý Thanh Tra")
    election = services.election_create(
        community=community, kind="inspection_board", election_date=ELECTION_DAY, actor=front_chair
    )
    candidate = services.election_candidate_add(election=election, resident=person, actor=front_chair)
    services.election_candidates_fix(election=election, on=dt.date(2026, 12, 1), actor=front_chair)
    services.election_team_member_add(election=election, full_name="Tổ trưởng", actor=front_chair)
    services.election_team_form(election=election, on=dt.date(2026, 12, 5), actor=front_chair)
    services.election_announce(election=election, on=dt.date(2026, 12, 10), actor=front_chair)
    vote = services.election_open(election=election, actor=front_chair, now=ELECTION_MOMENT)
    for household in households(community):
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=front_chair)
        services.vote_cast(
            vote=vote, household=household, option_key=f"c{candidate.pk}", channel="meeting_hands", actor=front_chair
        )
    services.election_count(election=election, actor=front_chair)
    result = services.election_recognise_with_accounts(election=election, actor=front_chair)
    assert len(result.accounts) == 1
    membership = RoleMembership.objects.get(user_id=result.accounts[0].user_id)
    assert (membership.role, membership.unit) == (Role.INSPECTION_BOARD_MEMBER, community.parent)


def test_recognition_page_shows_the_password_once(client, community, commune_chair):
    person = resident_of(community, "H1-03", "Phan Văn Mới")
    election, _candidate = run_to_count(community, commune_chair, person)
    client.force_login(commune_chair)
    response = client.post(reverse("decisions:election_recognise", kwargs={"election_id": election.pk}), follow=True)
    assert response.status_code == 200
    assert 'data-testid="new-password"' in response.content.decode()
    again = client.get(reverse("decisions:election_detail", kwargs={"election_id": election.pk}))
    assert 'data-testid="new-password"' not in again.content.decode()


def test_candidate_search_and_pick_by_household_code(client, community, commune_chair):
    election = services.election_create(
        community=community, kind="village_head", election_date=ELECTION_DAY, actor=commune_chair
    )
    person = resident_of(community, "H1-02", "Hà Văn Tìm")
    client.force_login(commune_chair)
    url = reverse("decisions:election_detail", kwargs={"election_id": election.pk})
    page = client.get(url, {"q": "H1-02"}).content.decode()
    assert "Hà Văn Tìm" in page
    add = reverse("decisions:election_candidate_add", kwargs={"election_id": election.pk})
    assert client.post(add, {"candidate-resident": person.pk}).status_code == 302
    assert election.candidates.get().resident_id == person.pk


# --- 2. the convenor exception ------------------------------------------------------------------------


def test_convenor_rule_when_head_is_front_head():
    assert rules.convenor_for("D4", purpose="dismissal") is rules.Convenor.FRONT_WORK_COMMITTEE_HEAD
    assert rules.convenor_for("D4", purpose="dismissal", head_is_front_head=True) is rules.Convenor.COMMUNE_CHAIR
    refused = rules.check_convenor(
        matter="D4", scope="community", purpose="dismissal", role="front_work_committee_head", head_is_front_head=True
    )
    assert refused.code == "decisions.convenor.head_is_front_head"
    no_agreement = rules.check_convenor(
        matter="D4", scope="community", purpose="dismissal", role="commune_chair", head_is_front_head=True
    )
    assert no_agreement.code == "decisions.convenor.front_agreement_missing"
    assert rules.check_convenor(
        matter="D4",
        scope="community",
        purpose="dismissal",
        role="commune_chair",
        head_is_front_head=True,
        front_chair_agreed=True,
    )
    assert not rules.check_convenor(matter="D4", scope="community", purpose="dismissal", role="commune_chair")


def test_commune_chair_convenes_when_head_is_front_head(community, commune_chair, village_head):
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


def test_dismissal_screen_explains_the_exception(client, community, commune_chair, village_head):
    from grassroots.accounts.testing import give_role

    give_role(village_head, Role.FRONT_WORK_COMMITTEE_HEAD, community)
    dismissal = services.dismissal_request(
        community=community, head=village_head, ground="resignation", reason="Sức khỏe", actor=commune_chair
    )
    client.force_login(village_head)
    page = client.get(reverse("decisions:dismissal_detail", kwargs={"dismissal_id": dismissal.pk}))
    assert 'data-testid="convenor-exception"' in page.content.decode()
    client.force_login(commune_chair)
    url = reverse("decisions:dismissal_meeting", kwargs={"dismissal_id": dismissal.pk})
    refused = client.post(url, {"starts_at": "2026-11-28T08:00"})
    assert refused.status_code == 200 and dismissal.__class__.objects.get(pk=dismissal.pk).vote_id is None
    assert client.post(url, {"starts_at": "2026-11-28T08:00", "front_chair_agreed": "on"}).status_code == 302


# --- 3. documents delivered to each household ---------------------------------------------------------


def scheduled_d1(community, village_head):
    vote = services.vote_create(
        unit=community,
        matter="D1",
        form="meeting",
        title="Đường",
        question="Q",
        starts_at=NOW,
        convenor_role="village_head",
        actor=village_head,
        now=NOW - dt.timedelta(days=6),
    )
    return services.vote_schedule(
        vote=vote, notice_given_at=NOW - dt.timedelta(days=5), actor=village_head, now=NOW - dt.timedelta(days=5)
    )


def test_opening_refuses_until_every_household_received_documents(community, village_head):
    vote = scheduled_d1(community, village_head)
    first, _second, third = households(community)
    count = services.documents_deliveries_record(
        vote=vote,
        delivered_on=dt.date(2026, 11, 19),
        method="in_person",
        except_households=[third],
        actor=village_head,
        now=NOW - dt.timedelta(days=3),
    )
    assert count == 2
    with pytest.raises(DomainError) as error:
        services.vote_open(vote=vote, actor=village_head, now=NOW)
    assert error.value.code == "decisions.meeting.documents_not_delivered"
    assert (error.value.params["missing"], error.value.params["households"]) == (1, 3)
    assert "1/3" in error.value.message
    # Delivered too late (1 day before): still missing.
    services.documents_deliveries_record(
        vote=vote, households=[third], delivered_on=dt.date(2026, 11, 21), method="at_home", actor=village_head
    )
    with pytest.raises(DomainError):
        services.vote_open(vote=vote, actor=village_head, now=NOW)
    vote.refresh_from_db()
    assert vote.status == VoteStatus.SCHEDULED and vote.eligible_count is None
    services.documents_deliveries_record(
        vote=vote, households=[third], delivered_on=dt.date(2026, 11, 20), method="at_home", actor=village_head
    )
    assert services.vote_open(vote=vote, actor=village_head, now=NOW).status == VoteStatus.OPEN
    with pytest.raises(DomainError) as error:
        services.documents_delivery_clear(vote=vote, household=first, actor=village_head)
    assert error.value.code == "decisions.delivery.locked"
    assert AuditEvent.objects.filter(code="decisions.meeting.documents_delivered").count() == 3


def test_delivery_refusals(community, village_head, second_community):
    vote = scheduled_d1(community, village_head)
    with pytest.raises(DomainError) as error:
        services.documents_deliveries_record(
            vote=vote, delivered_on=dt.date(2026, 11, 23), method="other", actor=village_head
        )
    assert error.value.code == "decisions.delivery.future"
    with pytest.raises(DomainError) as error:
        services.documents_deliveries_record(
            vote=vote,
            households=households(second_community),
            delivered_on=dt.date(2026, 11, 19),
            method="other",
            actor=village_head,
        )
    assert error.value.code == "decisions.delivery.not_in_community"
    d6 = open_meeting(community, village_head, matter="D6")
    with pytest.raises(DomainError) as error:
        services.documents_deliveries_record(
            vote=d6, delivered_on=dt.date(2026, 11, 19), method="other", actor=village_head
        )
    assert error.value.code == "decisions.delivery.not_needed"


def test_delivery_screen_bulk_with_exceptions(client, community, village_head):
    vote = scheduled_d1(community, village_head)
    client.force_login(village_head)
    bulk = reverse("decisions:deliveries_bulk", kwargs={"vote_id": vote.pk})
    data = {"delivered_on": "2026-11-19", "method": "in_person", "except_codes": "H1-03"}
    assert client.post(bulk, data).status_code == 302
    assert vote.deliveries.count() == 2
    page = client.get(reverse("decisions:deliveries", kwargs={"vote_id": vote.pk})).content.decode()
    assert "2/3" in page
    third = Household.objects.get(community=community, code="H1-03")
    one = reverse("decisions:delivery_one", kwargs={"vote_id": vote.pk, "household_id": third.pk})
    assert client.post(one, {"delivered_on": "2026-11-20", "method": "at_home"}).status_code == 302
    detail = client.get(reverse("decisions:vote_detail", kwargs={"vote_id": vote.pk})).content.decode()
    assert "3/3" in detail
    response = client.post(bulk, {**data, "except_codes": "KHONG-CO"}, follow=True)
    assert "KHONG-CO" in response.content.decode()


# --- 4. initiatives: the village head decides ---------------------------------------------------------


def test_village_head_decides_a_submitted_initiative(client, community, village_head, household_representative):
    household = Household.objects.get(community=community, code="H1-01")
    initiative = services.initiative_create(
        community=community, title="Đèn đường", description="Lắp đèn", actor=household_representative
    )
    services.initiative_sign(initiative=initiative, household=household, actor=household_representative)
    services.initiative_submit(initiative=initiative, actor=household_representative)
    url = reverse("decisions:initiative_decide", kwargs={"initiative_id": initiative.pk})
    client.force_login(household_representative)
    assert client.post(url, {"accepted": "1"}).status_code == 403
    client.force_login(village_head)
    page = client.get(reverse("decisions:initiative_detail", kwargs={"initiative_id": initiative.pk}))
    assert "Ghi nhận quyết định" in page.content.decode()
    assert client.post(url, {"accepted": "0", "note": ""}).status_code == 200  # a refusal needs a reason
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.SUBMITTED
    assert client.post(url, {"accepted": "0", "note": "Đã có trong kế hoạch của xã"}).status_code == 302
    initiative.refresh_from_db()
    assert (initiative.status, initiative.decided_on) == (InitiativeStatus.REJECTED, NOW.date())
    page = client.get(reverse("decisions:initiative_detail", kwargs={"initiative_id": initiative.pk}))
    assert "Đã có trong kế hoạch của xã" in page.content.decode()


# --- 5. cluster sessions in the register ---------------------------------------------------------------


def test_register_records_the_session_of_each_household(community, village_head):
    vote = open_meeting(community, village_head, matter="D6")
    vote.is_scattered_settlement = True
    vote.save(update_fields=["is_scattered_settlement"])
    north = services.cluster_session_add(vote=vote, name="Cụm Bắc", chair_name="A", held_at=NOW, actor=village_head)
    south = services.cluster_session_add(vote=vote, name="Cụm Nam", chair_name="B", held_at=NOW, actor=village_head)
    first, second, third = households(community)
    with pytest.raises(DomainError) as error:
        services.meeting_attendance_set(vote=vote, household=first, present=True, actor=village_head)
    assert error.value.code == "decisions.meeting.session_required"
    for household, session in ((first, north), (second, north), (third, south)):
        services.meeting_attendance_set(
            vote=vote, household=household, present=True, session=session, actor=village_head
        )
        services.vote_cast(
            vote=vote, household=household, option_key="agree", channel="meeting_hands", actor=village_head
        )
    assert dict(VoteParticipation.objects.filter(vote=vote).values_list("household__code", "session__name")) == {
        "H1-01": "Cụm Bắc",
        "H1-02": "Cụm Bắc",
        "H1-03": "Cụm Nam",
    }
    rows = {row["session"].name: (row["present"], row["participated"]) for row in session_rows(vote)}
    assert rows == {"Cụm Bắc": (2, 2), "Cụm Nam": (1, 1)}
    services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=3, actor=village_head)
    closed = services.vote_close(vote=vote, actor=village_head)
    assert (closed.yes_count, closed.participation_count, closed.passed) == (3, 3, True)
    other = ClusterSession.objects.create(
        vote=open_meeting(community, village_head, matter="D6"), name="X", chair_name="C", held_at=NOW
    )
    with pytest.raises(DomainError) as error:
        services.meeting_attendance_set(vote=vote, household=first, present=True, session=other, actor=village_head)
    assert error.value.code in ("decisions.meeting.wrong_session", "decisions.vote.not_open")


def test_register_page_passes_the_session(client, community, village_head):
    vote = open_meeting(community, village_head, matter="D6")
    vote.is_scattered_settlement = True
    vote.save(update_fields=["is_scattered_settlement"])
    north = services.cluster_session_add(vote=vote, name="Cụm Bắc", chair_name="A", held_at=NOW, actor=village_head)
    client.force_login(village_head)
    page = client.get(reverse("decisions:meeting_register", kwargs={"vote_id": vote.pk}), {"session": north.pk})
    assert f'name="session" value="{north.pk}"' in page.content.decode()
    household = households(community)[0]
    url = reverse("decisions:attendance_toggle", kwargs={"vote_id": vote.pk, "household_id": household.pk})
    assert client.post(url, {"present": "1", "session": north.pk}).status_code == 302
    assert vote.attendances.get(household=household).session_id == north.pk
