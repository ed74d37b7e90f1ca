"""Query counts of every public page are fixed: they do not grow with the data (no N+1), and stay under a ceiling.

Each page is rendered fresh (the page cache is empty, see ``conftest._empty_caches``) with a little data, then
with more of the same kind; both renders must cost the same number of queries, at most the page's ceiling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_household, make_unit
from grassroots.core import pagecache
from grassroots.disclosures import services as disclosure_services
from grassroots.disclosures.models import Channel, DisclosureCategory
from grassroots.units.models import AdministrativeUnit, Household, UnitLevel
from grassroots.voting import services as voting_services
from grassroots.voting.testing import open_meeting

pytestmark = pytest.mark.django_db
VN = dt.timezone(dt.timedelta(hours=7))

CEILINGS = {
    "portal:home": 2,
    "portal:commune": 6,  # + the funds section (issue 18): one bounded query, newest 6 funds
    "disclosures:index": 5,
    # PostgreSQL first probes the newest rows to choose its plan (disclosures.selectors.public_search_page).
    "disclosures:search": 6 if connection.vendor == "postgresql" else 5,
    "disclosures:detail": 7,
    "disclosures:feed": 3,
    "voting:public_results": 6,
}
"""The queries each public page runs on a fresh render (the cached repeat runs one: the content version).

Set to what the pages run today: a change that adds a query must raise the number here, on purpose."""


def _count(client: Client, url: str) -> int:
    caches["pages"].clear()
    pagecache.local_clear()  # and this process's copies in front of it
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def _publish(commune: AdministrativeUnit, actor: User, number: int) -> Any:
    item = disclosure_services.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K2" if number % 2 else "K3"),
        title=f"Công khai ngân sách số {number}",
        body="Nội dung.",
        decision_number=f"{number}/NQ-HĐND",
        decided_on=dt.date(2026, 11, 16),
        attachments=[(f"tep-{number}.pdf", b"%PDF-1.4\n%%EOF\n")],
        actor=actor,
        now=dt.datetime(2026, 11, 16, 9, tzinfo=VN),
    )
    return disclosure_services.disclosure_publish(
        disclosure=item, actor=actor, now=dt.datetime(2026, 11, 18, 9, tzinfo=VN)
    )


def _close_vote(community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head, matter="D3")
    members = list(Household.objects.filter(community=community))
    for household in members:
        voting_services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
    for household in members:
        voting_services.vote_cast(
            vote=vote, household=household, option_key="agree", channel="meeting_hands", actor=village_head
        )
    voting_services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=len(members), actor=village_head)
    voting_services.vote_close(vote=vote, actor=village_head)


def _same_cost(client: Client, name: str, url: str, grow: Callable[[], object]) -> None:
    small = _count(client, url)
    grow()
    large = _count(client, url)
    assert small == large, f"{name}: {small} queries with a little data, {large} with more"
    assert large <= CEILINGS[name], f"{name}: {large} queries, ceiling {CEILINGS[name]}"


def test_portal_pages(client: Client, commune: AdministrativeUnit, province: AdministrativeUnit) -> None:
    def more_communes() -> None:
        for number in range(3):
            make_unit(UnitLevel.COMMUNE, f"Xã Thêm {number}", province, slug=f"xa-them-{number}")

    def more_communities() -> None:
        for number in range(3):
            village = make_unit(UnitLevel.COMMUNITY, f"Thôn Thêm {number}", commune)
            make_household(village, f"TT{number}")

    _same_cost(client, "portal:home", reverse("portal:home"), more_communes)
    _same_cost(client, "portal:commune", reverse("portal:commune", args=[commune.slug]), more_communities)


def test_disclosure_pages(
    client: Client, commune: AdministrativeUnit, commune_officer: User, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    first = _publish(commune, commune_officer, 1)

    def more() -> None:
        for number in range(2, 6):
            _publish(commune, commune_officer, number)

    index = reverse("disclosures:index", args=[commune.slug])
    _same_cost(client, "disclosures:index", index, more)
    _same_cost(client, "disclosures:search", f"{index}?q=ngan+sach", lambda: _publish(commune, commune_officer, 7))
    _same_cost(client, "disclosures:feed", reverse("disclosures:feed", args=[commune.slug]), more)
    _same_cost(
        client,
        "disclosures:detail",
        reverse("disclosures:detail", args=[commune.slug, first.pk]),
        lambda: (
            disclosure_services.publication_record(
                disclosure=first,
                channel=Channel.LOUDSPEAKER,
                started_on=dt.date(2026, 11, 19),
                actor=commune_officer,
                now=dt.datetime(2026, 11, 19, 9, tzinfo=VN),
            )
            and None
        ),
    )


def test_public_results(client: Client, community: AdministrativeUnit, village_head: User) -> None:
    _close_vote(community, village_head)

    def two_more() -> None:
        _close_vote(community, village_head)
        _close_vote(community, village_head)

    _same_cost(client, "voting:public_results", reverse("voting:public_results", args=[community.pk]), two_more)
