"""The public results page is cached for anonymous visitors and changes the moment a vote closes."""

from __future__ import annotations

import pytest
from django.test import Client

from grassroots.accounts.models import User
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.voting import services
from grassroots.voting.testing import decision_url, open_meeting

pytestmark = pytest.mark.django_db


def test_results_appear_at_once_when_the_vote_closes(
    client: Client, village_head: User, community: AdministrativeUnit
) -> None:
    vote = open_meeting(community, village_head, matter="D3")
    page = decision_url("public_results", community_id=community.pk)
    before = client.get(page)
    assert client.get(page)["ETag"] == before["ETag"]  # a repeat comes from the cache
    for household in Household.objects.filter(community=community):
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
    for household in Household.objects.filter(community=community):
        services.vote_cast(
            vote=vote, household=household, option_key="agree", channel="meeting_hands", actor=village_head
        )
    services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=3, actor=village_head)
    assert client.get(page)["ETag"] != before["ETag"]  # every recorded write is a new version
    services.vote_close(vote=vote, actor=village_head)
    after = client.get(page)
    assert str(vote.title) not in before.content.decode()
    assert str(vote.title) in after.content.decode()
