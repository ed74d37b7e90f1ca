"""The staff screens of the Decree 59 forms, the ballot plan and Law art. 22."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.units.models import AdministrativeUnit
from grassroots.units.testing import households
from grassroots.voting import services
from grassroots.voting.models import Channel, CommunityVote, DecisionRevocation, VoteFormDocument
from grassroots.voting.testing import NOW, open_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _draft(community: AdministrativeUnit, village_head: User) -> CommunityVote:
    return services.vote_create(
        unit=community,
        matter="D6",
        form="meeting",
        title="Sân chơi",
        question="Làm sân chơi?",
        starts_at=NOW + dt.timedelta(days=3),
        convenor_role="village_head",
        actor=village_head,
    )


def test_forms_page_doors(
    client: Client,
    community: AdministrativeUnit,
    village_head: User,
    commune_officer: User,
    other_commune_officer: User,
) -> None:
    vote = _draft(community, village_head)
    page = reverse("voting:vote_forms", kwargs={"vote_id": vote.pk})
    client.force_login(other_commune_officer)
    assert client.get(page).status_code == 404
    client.force_login(commune_officer)
    assert client.get(page).status_code == 403
    client.force_login(village_head)
    response = client.get(page)
    assert response.status_code == 200 and "Mẫu 01" in response.content.decode()


def test_notice_issued_from_the_phone_and_bad_input_kept(
    client: Client, community: AdministrativeUnit, village_head: User
) -> None:
    vote = _draft(community, village_head)
    client.force_login(village_head)
    issue = reverse("voting:vote_form_issue", kwargs={"vote_id": vote.pk, "form_slug": "mau-01"})
    response = client.post(issue, {"mau01-place": "", "mau01-meeting_documents": "Bản vẽ"})
    assert response.status_code == 400 and "Bản vẽ" in response.content.decode()
    assert not VoteFormDocument.objects.exists()
    response = client.post(issue, {"mau01-place": "Nhà văn hóa Thôn 1"})
    assert response.status_code == 302
    assert VoteFormDocument.objects.get(vote=vote).form == "mau01"
    page = client.get(reverse("voting:vote_forms", kwargs={"vote_id": vote.pk})).content.decode()
    assert 'data-testid="issued-mau01"' in page
    # A form this vote does not produce (Mẫu 04 is for ballot campaigns) is a 404.
    other = reverse("voting:vote_form_issue", kwargs={"vote_id": vote.pk, "form_slug": "mau-04"})
    assert client.post(other, {}).status_code == 404


def test_revocation_page_for_the_chair_and_the_public_page_says_so(
    client: Client, community: AdministrativeUnit, village_head: User, commune_chair: User
) -> None:
    vote = open_meeting(community, village_head, matter="D6")
    for household in households(community):
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
        services.vote_cast(
            vote=vote, household=household, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
        )
    services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=3, actor=village_head)
    services.vote_close(vote=vote, actor=village_head)
    client.force_login(commune_chair)
    page = reverse("voting:vote_revoke", kwargs={"vote_id": vote.pk})
    assert client.get(page).status_code == 200
    response = client.post(page, {"ground": "unlawful", "kind": "revoke", "reason": "Trái luật"})
    assert response.status_code == 302
    assert DecisionRevocation.objects.get(original=vote).ground == "unlawful"
    assert client.get(page).status_code == 404  # no longer in force: nothing to revoke
    public = client.get(reverse("voting:public_results", kwargs={"community_id": community.pk})).content.decode()
    assert 'data-testid="revoked"' in public
