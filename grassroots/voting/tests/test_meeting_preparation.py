"""Documents delivered to each household before a D1–D3 meeting, and cluster sessions in the register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.units.testing import households
from grassroots.voting import services as vote_services
from grassroots.voting.models import ClusterSession, CommunityVote, VoteParticipation, VoteStatus
from grassroots.voting.selectors import session_rows
from grassroots.voting.testing import NOW, open_meeting

pytestmark = pytest.mark.django_db


# --- 3. documents delivered to each household ---------------------------------------------------------


def scheduled_d1(community: AdministrativeUnit, village_head: User) -> CommunityVote:
    vote = vote_services.vote_create(
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
    return vote_services.vote_schedule(
        vote=vote, notice_given_at=NOW - dt.timedelta(days=5), actor=village_head, now=NOW - dt.timedelta(days=5)
    )


def test_opening_refuses_until_every_household_received_documents(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = scheduled_d1(community, village_head)
    first, _second, third = households(community)
    count = vote_services.documents_deliveries_record(
        vote=vote,
        delivered_on=dt.date(2026, 11, 19),
        method="in_person",
        except_households=[third],
        actor=village_head,
        now=NOW - dt.timedelta(days=3),
    )
    assert count == 2
    with pytest.raises(DomainError) as error:
        vote_services.vote_open(vote=vote, actor=village_head, now=NOW)
    assert error.value.code == "decisions.meeting.documents_not_delivered"
    assert (error.value.params["missing"], error.value.params["households"]) == (1, 3)
    assert "1/3" in error.value.message
    # Delivered too late (1 day before): still missing.
    vote_services.documents_deliveries_record(
        vote=vote, households=[third], delivered_on=dt.date(2026, 11, 21), method="at_home", actor=village_head
    )
    with pytest.raises(DomainError):
        vote_services.vote_open(vote=vote, actor=village_head, now=NOW)
    vote.refresh_from_db()
    assert vote.status == VoteStatus.SCHEDULED and vote.eligible_count is None
    vote_services.documents_deliveries_record(
        vote=vote, households=[third], delivered_on=dt.date(2026, 11, 20), method="at_home", actor=village_head
    )
    assert vote_services.vote_open(vote=vote, actor=village_head, now=NOW).status == VoteStatus.OPEN
    with pytest.raises(DomainError) as error:
        vote_services.documents_delivery_clear(vote=vote, household=first, actor=village_head)
    assert error.value.code == "decisions.delivery.locked"
    assert AuditEvent.objects.filter(code="decisions.meeting.documents_delivered").count() == 3


def test_delivery_refusals(
    community: AdministrativeUnit, village_head: User, second_community: AdministrativeUnit
) -> None:
    vote = scheduled_d1(community, village_head)
    with pytest.raises(DomainError) as error:
        vote_services.documents_deliveries_record(
            vote=vote, delivered_on=dt.date(2026, 11, 23), method="other", actor=village_head
        )
    assert error.value.code == "decisions.delivery.future"
    with pytest.raises(DomainError) as error:
        vote_services.documents_deliveries_record(
            vote=vote,
            households=households(second_community),
            delivered_on=dt.date(2026, 11, 19),
            method="other",
            actor=village_head,
        )
    assert error.value.code == "decisions.delivery.not_in_community"
    d6 = open_meeting(community, village_head, matter="D6")
    with pytest.raises(DomainError) as error:
        vote_services.documents_deliveries_record(
            vote=d6, delivered_on=dt.date(2026, 11, 19), method="other", actor=village_head
        )
    assert error.value.code == "decisions.delivery.not_needed"


def test_delivery_screen_bulk_with_exceptions(
    client: Client, community: AdministrativeUnit, village_head: User
) -> None:
    vote = scheduled_d1(community, village_head)
    client.force_login(village_head)
    bulk = reverse("voting:deliveries_bulk", kwargs={"vote_id": vote.pk})
    data = {"delivered_on": "2026-11-19", "method": "in_person", "except_codes": "H1-03"}
    assert client.post(bulk, data).status_code == 302
    assert vote.deliveries.count() == 2
    page = client.get(reverse("voting:deliveries", kwargs={"vote_id": vote.pk})).content.decode()
    assert "2/3" in page
    third = Household.objects.get(community=community, code="H1-03")
    one = reverse("voting:delivery_one", kwargs={"vote_id": vote.pk, "household_id": third.pk})
    assert client.post(one, {"delivered_on": "2026-11-20", "method": "at_home"}).status_code == 302
    detail = client.get(reverse("voting:vote_detail", kwargs={"vote_id": vote.pk})).content.decode()
    assert "3/3" in detail
    response = client.post(bulk, {**data, "except_codes": "KHONG-CO"}, follow=True)
    assert "KHONG-CO" in response.content.decode()


# --- 5. cluster sessions in the register ---------------------------------------------------------------


def test_register_records_the_session_of_each_household(community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head, matter="D6")
    vote.is_scattered_settlement = True
    vote.save(update_fields=["is_scattered_settlement"])
    north = vote_services.cluster_session_add(
        vote=vote, name="Cụm Bắc", chair_name="A", held_at=NOW, actor=village_head
    )
    south = vote_services.cluster_session_add(
        vote=vote, name="Cụm Nam", chair_name="B", held_at=NOW, actor=village_head
    )
    first, second, third = households(community)
    with pytest.raises(DomainError) as error:
        vote_services.meeting_attendance_set(vote=vote, household=first, present=True, actor=village_head)
    assert error.value.code == "decisions.meeting.session_required"
    for household, session in ((first, north), (second, north), (third, south)):
        vote_services.meeting_attendance_set(
            vote=vote, household=household, present=True, session=session, actor=village_head
        )
        vote_services.vote_cast(
            vote=vote, household=household, option_key="agree", channel="meeting_hands", actor=village_head
        )
    assert dict(VoteParticipation.objects.filter(vote=vote).values_list("household__code", "session__name")) == {
        "H1-01": "Cụm Bắc",
        "H1-02": "Cụm Bắc",
        "H1-03": "Cụm Nam",
    }
    rows = {row["session"].name: (row["present"], row["participated"]) for row in session_rows(vote)}
    assert rows == {"Cụm Bắc": (2, 2), "Cụm Nam": (1, 1)}
    vote_services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=3, actor=village_head)
    closed = vote_services.vote_close(vote=vote, actor=village_head)
    assert (closed.yes_count, closed.participation_count, closed.passed) == (3, 3, True)
    other = ClusterSession.objects.create(
        vote=open_meeting(community, village_head, matter="D6"), name="X", chair_name="C", held_at=NOW
    )
    with pytest.raises(DomainError) as error:
        vote_services.meeting_attendance_set(
            vote=vote, household=first, present=True, session=other, actor=village_head
        )
    assert error.value.code in ("decisions.meeting.wrong_session", "decisions.vote.not_open")


def test_register_page_passes_the_session(client: Client, community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head, matter="D6")
    vote.is_scattered_settlement = True
    vote.save(update_fields=["is_scattered_settlement"])
    north = vote_services.cluster_session_add(
        vote=vote, name="Cụm Bắc", chair_name="A", held_at=NOW, actor=village_head
    )
    client.force_login(village_head)
    page = client.get(reverse("voting:meeting_register", kwargs={"vote_id": vote.pk}), {"session": north.pk})
    assert f'name="session" value="{north.pk}"' in page.content.decode()
    household = households(community)[0]
    url = reverse("voting:attendance_toggle", kwargs={"vote_id": vote.pk, "household_id": household.pk})
    assert client.post(url, {"present": "1", "session": north.pk}).status_code == 302
    assert vote.attendances.get(household=household).session_id == north.pk
