"""Issue 12: the meeting's officers printed on Mẫu 02/03, Mẫu 03's configurable signers, and a meeting held by
clusters (each cluster's figures and the community's total) on the minutes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.units.models import AdministrativeUnit
from grassroots.units.testing import households
from grassroots.voting import rules, services
from grassroots.voting.models import Channel, CommunityVote
from grassroots.voting.testing import NOW
from grassroots.voting.tests.test_forms import _in_both, _secret_counted_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_signer_setting_takes_exactly_two_known_officials() -> None:
    assert rules.decision_official_titles(rules.DECISION_OFFICIAL_SIGNERS_DEFAULT) == (
        "TRƯỞNG THÔN, TỔ TRƯỞNG TỔ DÂN PHỐ",
        "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN",
    )
    assert rules.decision_official_titles(("chair", "secretary")) == ("CHỦ TRÌ CUỘC HỌP", "THƯ KÝ")
    for wrong in (("chair",), ("chair", "treasurer"), ("chair", "secretary", "village_head")):
        with pytest.raises(ValueError, match="VOTING_DECISION_OFFICIAL_SIGNERS"):
            rules.decision_official_titles(wrong)


def test_counting_minutes_print_who_chaired_the_secretary_and_the_board(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = _secret_counted_meeting(community, village_head)
    record = services.counting_minutes_issue(vote=vote, actor=village_head)
    _in_both(
        record.document,
        "NGƯỜI ĐIỀU HÀNH CUỘC HỌP",
        f"Chủ trì cuộc họp: {village_head.full_name}",
        "Thư ký: Trần Thị Thư Ký",
        "Tổ kiểm phiếu: Nguyễn Văn Kiểm, Lê Thị Phiếu, Phạm Văn Đếm",
    )


def test_decision_signed_by_the_village_head_and_front_head_by_default(
    community: AdministrativeUnit, village_head: User
) -> None:
    """[L] art. 20(2)(g), CONFIRMED: no setting needed; the meeting's secretary stays in the officers section."""
    vote = _secret_counted_meeting(community, village_head)
    record = services.meeting_decision_issue(
        vote=vote,
        second_official_name="Hoàng Văn Mặt Trận",
        household_signers=["Đại Diện Một", "Đại Diện Hai"],
        decision_text="Thống nhất làm sân chơi.",
        actor=village_head,
    )
    titles = [block["lines"][0] for block in record.document.content["signatures"]]
    names = [block["signer_name"] for block in record.document.content["signatures"]]
    assert titles[:2] == ["TRƯỞNG THÔN", "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN"]
    assert names[:2] == ["Lê Văn Trưởng", "Hoàng Văn Mặt Trận"]
    _in_both(record.document, "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", "Hoàng Văn Mặt Trận", "Thư ký: Trần Thị Thư Ký")


def _clustered_hands_meeting(community: AdministrativeUnit, village_head: User) -> CommunityVote:
    vote = services.vote_create(
        unit=community,
        matter="D6",
        form="meeting",
        title="Sân chơi",
        question="Làm sân chơi?",
        starts_at=NOW,
        convenor_role="village_head",
        actor=village_head,
        now=NOW - dt.timedelta(days=5),
    )
    CommunityVote.objects.filter(pk=vote.pk).update(is_scattered_settlement=True)  # a scattered village
    east = services.cluster_session_add(
        vote=vote, name="Cụm Đông", chair_name="Chủ Trì Đông", held_at=NOW, actor=village_head, now=NOW
    )
    west = services.cluster_session_add(
        vote=vote, name="Cụm Tây", chair_name="Chủ Trì Tây", held_at=NOW, actor=village_head, now=NOW
    )
    services.vote_schedule(vote=vote, notice_given_at=NOW - dt.timedelta(days=3), actor=village_head)
    services.vote_open(vote=vote, actor=village_head, now=NOW)
    first, second, third = households(community)
    for household, session, option in ((first, east, "agree"), (second, east, "disagree"), (third, west, "agree")):
        services.meeting_attendance_set(
            vote=vote, household=household, present=True, session=session, actor=village_head
        )
        services.vote_cast(
            vote=vote, household=household, option_key=option, channel=Channel.MEETING_HANDS, actor=village_head
        )
    services.meeting_officers_approve(vote=vote, secretary="Thư Ký Cụm", approving=3, actor=village_head)
    return services.vote_close(vote=vote, actor=village_head)


def test_decision_of_a_meeting_held_by_clusters_shows_each_cluster_and_the_total(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = _clustered_hands_meeting(community, village_head)
    record = services.meeting_decision_issue(
        vote=vote,
        second_official_name="Thư Ký Cụm",
        household_signers=["Đại Diện Một", "Đại Diện Hai"],
        decision_text="Làm sân chơi.",
        actor=village_head,
    )
    table = next(
        child
        for item in record.document.content["body"]
        if item.get("title") == "Kết quả theo cụm dân cư"
        for child in item["children"]
        if child["type"] == "table"
    )
    # Cluster, chair, present, taking part, then agree / disagree / other; the last row is the community's total.
    assert table["rows"] == [
        ["Cụm Đông", "Chủ Trì Đông", "2", "2", "1", "1", "0"],
        ["Cụm Tây", "Chủ Trì Tây", "1", "1", "1", "0", "0"],
        ["Cả thôn", "", "3", "3", "2", "1", "0"],
    ]
    _in_both(record.document, "Chủ trì họp cụm Cụm Đông: Chủ Trì Đông", "Cụm Tây", "Cả thôn", "tổng số hộ của cả thôn")
