"""Adoption by household ballots after a failed meeting ([ND61] art. 10(1)(b); [L] art. 19(1)(b)): the meeting linked
to the text fails its attendance, the ballot campaign is created from it (``moved_from``), linked in its place and
its count adopts the text; a ballot campaign that did not come from the linked meeting is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.conventions import selectors, services
from grassroots.conventions.models import Convention, ConventionVersion, VersionStatus
from grassroots.conventions.tests.conftest import AFTER_COMMENTS, MEETING, VN, d3_meeting, finalise, first_version
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units.testing import households
from grassroots.voting import services as vote_services
from grassroots.voting.models import Channel, CommunityVote, VoteForm, VoteStatus

pytestmark = pytest.mark.django_db

BALLOTS_FROM = MEETING + dt.timedelta(days=3)
"""Wednesday 11/11/2026: ballots handed out."""
BALLOTS_UNTIL = dt.datetime(2026, 11, 18, 17, 0, tzinfo=VN)
"""Wednesday 18/11/2026, 17:00: the last moment to return a ballot."""


def _failed_meeting(convention: Convention, head: User) -> tuple[ConventionVersion, CommunityVote]:
    """The finalised text linked to a D3 meeting that only 1 of 3 households attends."""
    version = finalise(first_version(convention), head)
    meeting = d3_meeting(convention.community, head)
    version = services.version_link_vote(version=version, vote=meeting, actor=head, now=AFTER_COMMENTS)
    meeting = vote_services.vote_open(vote=meeting, actor=head, now=MEETING)
    first = households(convention.community)[0]
    vote_services.meeting_attendance_set(vote=meeting, household=first, present=True, actor=head, now=MEETING)
    return version, meeting


def _move(meeting: CommunityVote, head: User) -> CommunityVote:
    return vote_services.vote_move_to_ballots(
        vote=meeting, starts_at=BALLOTS_FROM, ends_at=BALLOTS_UNTIL, actor=head, now=MEETING + dt.timedelta(hours=1)
    )


def test_ballot_campaign_created_from_the_failed_meeting_adopts_the_text(
    convention: Convention, village_head: User
) -> None:
    version, meeting = _failed_meeting(convention, village_head)
    campaign = _move(meeting, village_head)
    meeting.refresh_from_db()
    assert meeting.status == VoteStatus.MOVED_TO_BALLOTS
    assert (campaign.form, campaign.moved_from_id, campaign.matter) == (VoteForm.HOUSEHOLD_BALLOT, meeting.pk, "D3")
    # The failed meeting cannot adopt anything: the village head is sent to the ballots.
    with pytest.raises(DomainError) as moved:
        services.version_record_adoption(version=version, actor=village_head, now=MEETING + dt.timedelta(hours=1))
    assert moved.value.code == "conventions.moved_to_ballots"
    # The campaign is offered to link and replaces the meeting on the text.
    assert campaign in selectors.adoption_votes(version)
    version = services.version_link_vote(
        version=version, vote=campaign, actor=village_head, now=MEETING + dt.timedelta(hours=2)
    )
    assert version.vote_id == campaign.pk
    linked = AuditEvent.objects.filter(code="conventions.version.vote_linked", object_id=str(version.pk))
    assert [(event.after or {}).get("vote") for event in linked.order_by("pk")] == [meeting.pk, campaign.pk]
    # The ballots: 2 of the 3 households agree, counted after the last day.
    for name in ("Tổ trưởng", "Thành viên 1", "Thành viên 2"):
        vote_services.vote_officer_add(
            vote=campaign, role="ballot_team", full_name=name, actor=village_head, now=MEETING + dt.timedelta(hours=2)
        )
    vote_services.vote_schedule(
        vote=campaign,
        notice_given_at=MEETING + dt.timedelta(hours=2),
        actor=village_head,
        now=MEETING + dt.timedelta(hours=2),
    )
    vote_services.vote_open(vote=campaign, actor=village_head, now=BALLOTS_FROM)
    for household in households(convention.community)[:2]:
        vote_services.vote_cast(
            vote=campaign,
            household=household,
            option_key="agree",
            channel=Channel.PAPER_BALLOT,
            actor=village_head,
            now=BALLOTS_FROM + dt.timedelta(hours=2),
        )
    counted = BALLOTS_UNTIL + dt.timedelta(minutes=1)
    assert vote_services.vote_close(vote=campaign, actor=village_head, now=counted).passed
    adopted = services.version_record_adoption(version=version, actor=village_head, now=counted)
    assert adopted.status == VersionStatus.ADOPTED
    # Adopted on the ballot deadline; the dossier is due 5 working days later ([ND61] art. 11(3)(a)).
    assert adopted.adopted_on == dt.date(2026, 11, 18)
    assert selectors.deadlines(adopted, dt.date(2026, 11, 19)).dossier_due == dt.date(2026, 11, 25)


def test_the_link_page_offers_the_campaign_and_links_it(
    convention: Convention, village_head: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    version, meeting = _failed_meeting(convention, village_head)
    campaign = _move(meeting, village_head)
    monkeypatch.setattr(clock, "now", lambda: MEETING + dt.timedelta(hours=2))
    client = Client()
    client.force_login(village_head)
    url = reverse("conventions:vote_link", args=[version.pk])
    page = client.get(url)
    assert page.status_code == 200 and f'value="{campaign.pk}"' in page.content.decode()
    assert client.post(url, {"vote": str(campaign.pk)}).status_code == 302
    assert ConventionVersion.objects.get(pk=version.pk).vote_id == campaign.pk


def test_attack_a_ballot_campaign_without_a_failed_meeting_cannot_even_be_created(
    convention: Convention, village_head: User
) -> None:
    version = finalise(first_version(convention), village_head)
    with pytest.raises(DomainError) as error:
        vote_services.vote_create(
            unit=convention.community,
            matter="D3",
            form=VoteForm.HOUSEHOLD_BALLOT,
            title="Phát phiếu thông qua Hương ước Thôn 1",
            question="Đồng ý thông qua Hương ước Thôn 1?",
            starts_at=MEETING,
            ends_at=MEETING + dt.timedelta(days=7),
            convenor_role="village_head",
            actor=village_head,
            now=AFTER_COMMENTS,
        )
    assert error.value.code == "decisions.form.needs_failed_meeting"
    assert not CommunityVote.objects.filter(form=VoteForm.HOUSEHOLD_BALLOT).exists()
    assert ConventionVersion.objects.get(pk=version.pk).vote_id is None


def test_attack_the_campaign_of_another_failed_meeting_is_refused(convention: Convention, village_head: User) -> None:
    version, meeting = _failed_meeting(convention, village_head)
    # A second D3 meeting of the village, never linked to this text, also fails and moves to ballots.
    other = vote_services.vote_create(
        unit=convention.community,
        matter="D3",
        form=VoteForm.MEETING,
        title="Một cuộc họp khác",
        question="Đồng ý?",
        starts_at=MEETING,
        convenor_role="village_head",
        actor=village_head,
        now=AFTER_COMMENTS,
    )
    other = vote_services.vote_schedule(
        vote=other,
        notice_given_at=MEETING - dt.timedelta(days=3),
        documents_delivered_at=MEETING - dt.timedelta(days=3),
        actor=village_head,
        now=MEETING - dt.timedelta(days=3),
    )
    other = vote_services.vote_open(vote=other, actor=village_head, now=MEETING)
    stranger = _move(other, village_head)
    with pytest.raises(DomainError) as error:
        services.version_link_vote(
            version=version, vote=stranger, actor=village_head, now=MEETING + dt.timedelta(hours=2)
        )
    assert error.value.code == "conventions.ballots_need_failed_meeting"
    assert ConventionVersion.objects.get(pk=version.pk).vote_id == meeting.pk
