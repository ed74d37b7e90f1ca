"""View tests of cluster sessions, commune-wide results and the portal's links to votes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.units.models import AdministrativeUnit
from grassroots.voting import services as vote_services
from grassroots.voting.models import CommunityVote, VoteForm
from grassroots.voting.services.roll import roll_freeze
from grassroots.voting.testing import NOW, decision_tasks, decision_url, open_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def url(name: str, **kwargs: object) -> str:
    return decision_url(name, **kwargs)


# --- Cluster sessions, commune-wide results, portal ------------------------------------------------


def test_cluster_session_refused_for_small_community(
    client: Client, community: AdministrativeUnit, village_head: User, commune_officer: User
) -> None:
    vote = open_meeting(community, village_head)
    client.force_login(commune_officer)
    assert client.post(url("cluster_session_add", vote_id=vote.pk), {}).status_code == 403
    client.force_login(village_head)
    data = {"name": "Cụm 1", "chair_name": "Ông A", "held_at": "2026-11-22T08:00"}
    response = client.post(url("cluster_session_add", vote_id=vote.pk), data, follow=True)
    assert response.status_code == 200 and vote.sessions.count() == 0


def test_cluster_session_added_when_scattered(
    client: Client, community: AdministrativeUnit, village_head: User
) -> None:
    vote = open_meeting(community, village_head)
    vote.is_scattered_settlement = True
    vote.save(update_fields=["is_scattered_settlement"])
    client.force_login(village_head)
    data = {"name": "Cụm 1", "chair_name": "Ông A", "held_at": "2026-11-22T08:00"}
    assert client.post(url("cluster_session_add", vote_id=vote.pk), data).status_code == 302
    page = client.get(url("vote_detail", vote_id=vote.pk)).content.decode()
    assert vote.sessions.count() == 1 and "Cụm 1" in page


def test_commune_vote_page_shows_communities(client: Client, commune: AdministrativeUnit, commune_chair: User) -> None:
    vote = vote_services.commune_vote_create(
        commune=commune,
        matter="D1",
        form=VoteForm.MEETING,
        title="Đường liên xã",
        question="Đồng ý?",
        starts_at=NOW + dt.timedelta(days=5),
        actor=commune_chair,
    )
    client.force_login(commune_chair)
    page = client.get(url("vote_detail", vote_id=vote.pk)).content.decode()
    assert 'data-testid="commune-result"' in page and "Thôn 2" in page


def test_portal_links_results_and_open_votes(
    client: Client, commune: AdministrativeUnit, community: AdministrativeUnit, household_representative: User
) -> None:
    # The online procedure itself is tested in test_services; here only the links matter.
    vote = CommunityVote.objects.create(
        unit=community,
        matter="D6",
        form=VoteForm.ONLINE,
        title="Chọn ngày dọn vệ sinh",
        question="Đồng ý?",
        starts_at=NOW,
        ends_at=NOW + dt.timedelta(days=3),
        status="open",
        convened_by=household_representative,
        convenor_role="village_head",
    )
    roll_freeze(vote, on=NOW.date())  # the households on its roll, as opening writes them
    page = client.get(reverse("portal:commune", kwargs={"slug": commune.slug})).content.decode()
    assert url("public_results", community_id=community.pk) in page and "Chọn ngày dọn vệ sinh" not in page
    client.force_login(household_representative)
    page = client.get(reverse("portal:commune", kwargs={"slug": commune.slug})).content.decode()
    assert url("online_choose", vote_id=vote.pk) in page
    tasks = list(decision_tasks(household_representative, NOW.date()))
    assert [task.url for task in tasks] == [url("online_choose", vote_id=vote.pk)]
