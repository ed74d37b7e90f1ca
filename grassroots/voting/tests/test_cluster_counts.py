"""Issue 12: a secret household-ballot campaign counted cluster by cluster, and Mẫu 04 with a row per cluster."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
import pytest
from django.contrib import admin
from django.urls import reverse
from pypdf import PdfReader
from pytest_django import Settings

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import make_persona
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units.models import AdministrativeUnit
from grassroots.units.testing import households
from grassroots.voting import rules, services
from grassroots.voting.models import (
    Channel,
    ClusterBallotCount,
    CommunityVote,
    SecretChoice,
    VoteFormDocument,
    VoteStatus,
)
from grassroots.voting.services import cluster_counts
from grassroots.voting.testing import NOW, open_meeting

pytestmark = pytest.mark.django_db

AFTER_COLLECTION = NOW + dt.timedelta(days=3, hours=1)


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


# --- rules ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issued", "returned", "by_option", "code"),
    [
        (3, 2, {"agree": 1, "disagree": 1}, ""),
        (3, 3, {"agree": 3}, ""),
        (2, 3, {"agree": 3}, "decisions.cluster_count.returned_exceeds_issued"),
        (3, 2, {"agree": 1}, "decisions.cluster_count.mismatch"),  # one returned ballot not counted
        (3, 2, {"agree": 2, "disagree": 1}, "decisions.cluster_count.mismatch"),  # one ballot too many
        (3, 2, {"agree": 3, "disagree": -1}, "decisions.vote.count_negative"),
    ],
)
def test_one_clusters_figures_must_add_up(issued: int, returned: int, by_option: dict[str, int], code: str) -> None:
    result = rules.check_cluster_count(issued=issued, returned=returned, by_option=by_option)
    assert (result.allowed, result.code if not result.allowed else "") == (code == "", code)


@pytest.mark.parametrize(
    ("clusters", "returned", "issued", "code"),
    [
        (2, 3, 3, ""),
        (0, 0, 0, "decisions.cluster_count.none"),
        (2, 2, 3, "decisions.cluster_count.returned_total"),  # a household's ballot left out of every cluster
        (2, 4, 3, "decisions.cluster_count.returned_total"),
        (2, 3, 2, "decisions.cluster_count.issued_total"),
    ],
)
def test_the_clusters_together_are_the_village(clusters: int, returned: int, issued: int, code: str) -> None:
    result = rules.check_cluster_totals(
        clusters=clusters, returned=returned, participated=3, issued=issued, ballots_issued=3
    )
    assert (result.allowed, result.code if not result.allowed else "") == (code == "", code)


def test_cluster_counting_waits_for_the_end_of_collection() -> None:
    assert not rules.cluster_counting_open(collection_ended=False, participated=2, eligible=3)
    assert rules.cluster_counting_open(collection_ended=False, participated=3, eligible=3)
    assert rules.cluster_counting_open(collection_ended=True, participated=0, eligible=3)
    assert rules.sum_cluster_counts([{"agree": 2}, {"agree": 1, "disagree": 1}]) == {"agree": 3, "disagree": 1}


# --- services -------------------------------------------------------------------------------------------


def _secret_campaign(
    community: AdministrativeUnit, village_head: User, *, returned: int | None = None
) -> CommunityVote:
    campaign = services.vote_create(
        unit=community,
        matter="D6",
        form="household_ballot",
        title="Chọn nơi đặt thùng rác",
        question="Đặt thùng rác ở đầu ngõ?",
        starts_at=NOW,
        ends_at=NOW + dt.timedelta(days=3),
        is_secret=True,
        convenor_role="village_head",
        actor=village_head,
        now=NOW - dt.timedelta(days=5),
    )
    _team(campaign, village_head)
    services.vote_schedule(
        vote=campaign,
        notice_given_at=NOW - dt.timedelta(days=3),
        plan_issued_on=dt.date(2026, 11, 18),
        actor=village_head,
    )
    return _returned(services.vote_open(vote=campaign, actor=village_head, now=NOW), village_head, returned)


def _team(campaign: CommunityVote, actor: User) -> None:
    for name in ("Tổ Trưởng Phát Phiếu", "B", "C"):
        services.vote_officer_add(
            vote=campaign, role="ballot_team", full_name=name, is_leader=name.startswith("Tổ"), actor=actor
        )


def _returned(campaign: CommunityVote, actor: User, count: int | None = None) -> CommunityVote:
    for household in households(campaign.unit)[:count]:
        services.vote_cast(vote=campaign, household=household, channel=Channel.PAPER_BALLOT, actor=actor, now=NOW)
    return campaign


def _two_clusters(campaign: CommunityVote, actor: User) -> None:
    cluster_counts.cluster_count_record(
        vote=campaign,
        name="Cụm Đầu Làng",
        ballots_issued=2,
        ballots_returned=2,
        counts={"agree": 2},
        actor=actor,
        now=AFTER_COLLECTION,
    )
    cluster_counts.cluster_count_record(
        vote=campaign,
        name="Cụm Cuối Làng",
        ballots_issued=1,
        ballots_returned=1,
        counts={"disagree": 1},
        actor=actor,
        now=AFTER_COLLECTION,
    )


def _texts(document: Any) -> str:
    word = docx.Document(document.docx_file.path)
    parts = [paragraph.text for paragraph in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    pdf = " ".join("\n".join(page.extract_text() or "" for page in PdfReader(document.pdf_file.path).pages).split())
    return "\n".join(parts) + "\n" + pdf


def test_clusters_are_counted_totalled_and_printed_on_mau_04_with_the_village_total(
    community: AdministrativeUnit, village_head: User
) -> None:
    campaign = _secret_campaign(community, village_head)
    _two_clusters(campaign, village_head)
    total = cluster_counts.cluster_counts_total(vote=campaign, actor=village_head, now=AFTER_COLLECTION)
    assert total == {"agree": 2, "disagree": 1, "other": 0}
    assert SecretChoice.objects.filter(vote=campaign).count() == 3
    closed = services.vote_close(vote=campaign, actor=village_head, now=AFTER_COLLECTION)
    assert {option.key: option.count for option in closed.options.all()} == total
    record = services.ballot_minutes_issue(
        vote=closed, witnesses=["Chứng Kiến Một", "Chứng Kiến Hai"], actor=village_head, now=AFTER_COLLECTION
    )
    assert record.figures["clusters"] == [
        {"name": "Cụm Đầu Làng", "issued": 2, "returned": 2, "counts": [2, 0, 0]},
        {"name": "Cụm Cuối Làng", "issued": 1, "returned": 1, "counts": [0, 1, 0]},
    ]
    text = _texts(record.document)
    for needle in (
        "KẾT QUẢ KIỂM PHIẾU THEO CỤM DÂN CƯ",
        "Cụm Đầu Làng | 2 | 2 | 2 | 0 | 0",
        "Cả thôn | 3 | 3 | 2 | 1 | 0",
    ):
        assert needle in text, needle
    assert "Cụm Cuối Làng" in text.split("\n")[-1]  # in the PDF too
    assert AuditEvent.objects.filter(code="decisions.vote.cluster_counts_totalled").count() == 1


def test_entering_a_cluster_again_replaces_its_figures_before_the_total(
    community: AdministrativeUnit, village_head: User
) -> None:
    campaign = _secret_campaign(community, village_head)
    _two_clusters(campaign, village_head)
    cluster_counts.cluster_count_record(
        vote=campaign,
        name="  Cụm   Đầu Làng ",
        ballots_issued=2,
        ballots_returned=2,
        counts={"agree": 1, "other": 1},
        actor=village_head,
        now=AFTER_COLLECTION,
    )
    assert ClusterBallotCount.objects.filter(vote=campaign).count() == 2
    assert ClusterBallotCount.objects.get(vote=campaign, name="Cụm Đầu Làng").by_option == {
        "agree": 1,
        "disagree": 0,
        "other": 1,
    }
    event = AuditEvent.objects.filter(code="decisions.vote.cluster_counted").order_by("-pk").first()
    assert event is not None and event.before is not None and event.before["by_option"]["agree"] == 2


# --- attackers ------------------------------------------------------------------------------------------


def test_clusters_that_do_not_add_up_to_the_returned_ballots_are_not_recorded(
    community: AdministrativeUnit, village_head: User
) -> None:
    """A clerk leaves a household's ballot out of every cluster: the total is refused and nothing is counted."""
    campaign = _secret_campaign(community, village_head)
    cluster_counts.cluster_count_record(
        vote=campaign,
        name="Cụm Đầu Làng",
        ballots_issued=3,
        ballots_returned=2,
        counts={"agree": 2},
        actor=village_head,
        now=AFTER_COLLECTION,
    )
    with pytest.raises(DomainError) as error:
        cluster_counts.cluster_counts_total(vote=campaign, actor=village_head, now=AFTER_COLLECTION)
    assert error.value.code == "decisions.cluster_count.returned_total"
    campaign.refresh_from_db()
    assert campaign.counted_at is None and not SecretChoice.objects.filter(vote=campaign).exists()
    with pytest.raises(DomainError) as error:  # and a cluster whose options do not add up is refused outright
        cluster_counts.cluster_count_record(
            vote=campaign,
            name="Cụm Cuối Làng",
            ballots_issued=1,
            ballots_returned=1,
            counts={"agree": 2},
            actor=village_head,
            now=AFTER_COLLECTION,
        )
    assert error.value.code == "decisions.cluster_count.mismatch"
    assert not ClusterBallotCount.objects.filter(name="Cụm Cuối Làng").exists()


def test_no_cluster_is_counted_while_ballots_are_still_being_returned(
    community: AdministrativeUnit, village_head: User
) -> None:
    """Counting a cluster, then counting it again a ballot later, would reveal that household's choice."""
    campaign = _secret_campaign(community, village_head, returned=1)
    with pytest.raises(DomainError) as error:
        cluster_counts.cluster_count_record(
            vote=campaign,
            name="Cụm Đầu Làng",
            ballots_issued=1,
            ballots_returned=1,
            counts={"agree": 1},
            actor=village_head,
            now=NOW + dt.timedelta(hours=2),
        )
    assert error.value.code == "decisions.cluster_count.collection_running"
    with pytest.raises(DomainError) as error:  # at the deadline itself a ballot may still come in
        cluster_counts.cluster_count_record(
            vote=campaign,
            name="Cụm Đầu Làng",
            ballots_issued=1,
            ballots_returned=1,
            counts={"agree": 1},
            actor=village_head,
            now=NOW + dt.timedelta(days=3),
        )
    assert error.value.code == "decisions.cluster_count.collection_running"
    assert not ClusterBallotCount.objects.exists()


def test_a_clerk_cannot_enter_cluster_counts_once_the_result_is_counted_sent_or_recognised(
    community: AdministrativeUnit, village_head: User, commune_chair: User
) -> None:
    # A D3 meeting short of households moves to secret ballots ([L] art. 19(1)(b)); the commune recognises D3.
    meeting = open_meeting(community, village_head, matter="D3", is_secret=True)
    campaign = services.vote_move_to_ballots(
        vote=meeting, starts_at=NOW, ends_at=NOW + dt.timedelta(days=3), actor=village_head, now=NOW
    )
    _team(campaign, village_head)
    services.vote_schedule(vote=campaign, notice_given_at=NOW - dt.timedelta(days=3), actor=village_head)
    campaign = _returned(services.vote_open(vote=campaign, actor=village_head, now=NOW), village_head)
    _two_clusters(campaign, village_head)
    cluster_counts.cluster_counts_total(vote=campaign, actor=village_head, now=AFTER_COLLECTION)
    after_total = list(ClusterBallotCount.objects.filter(vote=campaign).values_list("name", "by_option"))

    def attempt() -> str:
        with pytest.raises(DomainError) as error:
            cluster_counts.cluster_count_record(
                vote=campaign,
                name="Cụm Đầu Làng",
                ballots_issued=2,
                ballots_returned=2,
                counts={"disagree": 2},
                actor=village_head,
                now=AFTER_COLLECTION + dt.timedelta(days=1),
            )
        return error.value.code

    assert attempt() == "decisions.vote.count_recorded"
    closed = services.vote_close(vote=campaign, actor=village_head, now=AFTER_COLLECTION)
    services.vote_submit(vote=closed, actor=village_head, now=AFTER_COLLECTION)
    assert attempt() == "decisions.vote.count_recorded"
    recognised = services.vote_recognise(vote=closed, actor=commune_chair, now=AFTER_COLLECTION + dt.timedelta(days=1))
    assert recognised.status == VoteStatus.RECOGNISED
    assert attempt() == "decisions.vote.count_recorded"
    with pytest.raises(DomainError):
        cluster_counts.cluster_counts_total(vote=campaign, actor=village_head, now=AFTER_COLLECTION)
    assert list(ClusterBallotCount.objects.filter(vote=campaign).values_list("name", "by_option")) == after_total


def test_a_cluster_row_edited_in_the_database_stops_mau_04(community: AdministrativeUnit, village_head: User) -> None:
    """Someone with database access moves a ballot between options in one cluster: the clusters no longer add
    up to the count the result rests on, and the minutes are refused rather than printed."""
    campaign = _secret_campaign(community, village_head)
    _two_clusters(campaign, village_head)
    cluster_counts.cluster_counts_total(vote=campaign, actor=village_head, now=AFTER_COLLECTION)
    closed = services.vote_close(vote=campaign, actor=village_head, now=AFTER_COLLECTION)
    ClusterBallotCount.objects.filter(vote=campaign, name="Cụm Cuối Làng").update(
        by_option={"agree": 1, "disagree": 0, "other": 0}
    )
    with pytest.raises(DomainError) as error:
        services.ballot_minutes_issue(vote=closed, witnesses=["Một", "Hai"], actor=village_head, now=AFTER_COLLECTION)
    assert error.value.code == "decisions.forms.cluster_mismatch"
    assert not VoteFormDocument.objects.filter(vote=campaign).exists()


def test_a_cluster_count_names_no_household_and_is_not_in_the_admin() -> None:
    fields = {field.name for field in ClusterBallotCount._meta.get_fields()}
    assert fields == {"id", "vote", "name", "ballots_issued", "ballots_returned", "by_option"}
    assert ClusterBallotCount not in admin.site._registry


def test_only_secret_ballot_campaigns_are_counted_by_cluster_and_only_by_who_runs_them(
    community: AdministrativeUnit, village_head: User, commune: AdministrativeUnit
) -> None:
    meeting = open_meeting(community, village_head, is_secret=True)
    with pytest.raises(DomainError) as error:
        cluster_counts.cluster_count_record(
            vote=meeting, name="Cụm", ballots_issued=0, ballots_returned=0, counts={}, actor=village_head
        )
    assert error.value.code == "decisions.cluster_count.not_secret_ballots"
    campaign = _secret_campaign(community, village_head)
    resident = make_persona("dan", Role.RESIDENT, community)
    with pytest.raises(DomainError) as error:
        cluster_counts.cluster_count_record(
            vote=campaign,
            name="Cụm",
            ballots_issued=3,
            ballots_returned=3,
            counts={"agree": 3},
            actor=resident,
            now=AFTER_COLLECTION,
        )
    assert error.value.code == "decisions.forms.not_authorised"


# --- views ----------------------------------------------------------------------------------------------


def test_the_counting_board_enters_clusters_on_the_vote_page_and_the_plain_total_is_then_refused(
    client: Any, community: AdministrativeUnit, village_head: User, frozen_clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grassroots.core import clock

    campaign = _secret_campaign(community, village_head)
    monkeypatch.setattr(clock, "now", lambda: AFTER_COLLECTION)
    client.force_login(village_head)
    url = reverse("voting:cluster_count_record", kwargs={"vote_id": campaign.pk})
    data = {"name": "Cụm Đầu Làng", "ballots_issued": 3, "ballots_returned": 3, "option_agree": 3}
    response = client.post(url, {**data, "option_disagree": 0, "option_other": 0})
    assert response.status_code == 302
    page = client.get(reverse("voting:vote_detail", kwargs={"vote_id": campaign.pk})).content.decode()
    assert 'data-cluster="Cụm Đầu Làng"' in page and 'data-testid="cluster-total"' in page
    response = client.post(
        reverse("voting:ballots_count", kwargs={"vote_id": campaign.pk}),
        {"agree": 0, "disagree": 3, "other": 0},
        follow=True,
    )
    campaign.refresh_from_db()
    assert campaign.counted_at is None  # the typed total was refused
    response = client.post(reverse("voting:cluster_counts_total", kwargs={"vote_id": campaign.pk}))
    campaign.refresh_from_db()
    assert campaign.counted_at is not None
    assert SecretChoice.objects.filter(vote=campaign, option__key="agree").count() == 3


def test_an_officer_of_another_commune_gets_404(
    client: Any, community: AdministrativeUnit, village_head: User, other_commune_officer: User
) -> None:
    campaign = _secret_campaign(community, village_head)
    client.force_login(other_commune_officer)
    response = client.post(
        reverse("voting:cluster_count_record", kwargs={"vote_id": campaign.pk}),
        {
            "name": "X",
            "ballots_issued": 3,
            "ballots_returned": 3,
            "option_agree": 3,
            "option_disagree": 0,
            "option_other": 0,
        },
    )
    assert response.status_code == 404
    assert not ClusterBallotCount.objects.exists()
