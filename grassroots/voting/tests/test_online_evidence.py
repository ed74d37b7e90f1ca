"""Mẫu 03 of an online vote carries the evidence of the result ([ND59] art. 5; law.md §1(b) "online voting"):
the platform's record at the close by default; the team's attached screenshots when the setting asks
(``VOTING_ONLINE_RESULT_EVIDENCE``, UNCERTAIN)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.documents.models import Document
from grassroots.units.models import AdministrativeUnit
from grassroots.voting import rules, services
from grassroots.voting.models import CommunityVote, VoteFormDocument
from grassroots.voting.tests.test_forms_content import _assert_printed, _online_vote_closed, _word_text


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _issue(vote: CommunityVote, actor: User, screenshots: int = 0) -> VoteFormDocument:
    return services.meeting_decision_issue(
        vote=vote,
        household_signers=["Đại Diện 0", "Đại Diện 1"],
        decision_text="Trồng cây xanh hai bên đường.",
        screenshots=screenshots,
        actor=actor,
        now=vote.closed_at,
    )


def test_the_default_is_the_platform_record() -> None:
    assert rules.online_result_evidence(None) is rules.OnlineResultEvidence.SNAPSHOT
    assert rules.ONLINE_RESULT_EVIDENCE_DEFAULT == "snapshot"
    with pytest.raises(ValueError):
        rules.online_result_evidence("ảnh đẹp")
    assert rules.check_online_screenshots(rules.OnlineResultEvidence.SNAPSHOT, 0).allowed
    assert not rules.check_online_screenshots(rules.OnlineResultEvidence.SNAPSHOT_AND_SCREENSHOTS, 0).allowed
    assert rules.check_online_screenshots(rules.OnlineResultEvidence.SNAPSHOT_AND_SCREENSHOTS, 1).allowed
    assert not rules.check_online_screenshots(rules.OnlineResultEvidence.SNAPSHOT, -1).allowed


def test_the_fingerprint_changes_with_any_participant() -> None:
    rows = [["1", "Đại Diện 0", "Số 1 ngõ Trúc"], ["2", "Đại Diện 1", "Số 2 ngõ Trúc"]]
    same = rules.participants_fingerprint([list(row) for row in rows])
    assert same == rules.participants_fingerprint(rows) and len(same) == 16
    assert rules.participants_fingerprint([rows[0], ["2", "Đại Diện 9", "Số 2 ngõ Trúc"]]) != same
    assert rules.participants_fingerprint(rows[:1]) != same


@pytest.mark.django_db
def test_mau03_of_an_online_vote_prints_the_record_of_the_result(
    settings: Settings, community: AdministrativeUnit, village_head: User, front_head: User
) -> None:
    settings.VOTING_ONLINE_RESULT_EVIDENCE = None  # not set: the documented default
    vote = _online_vote_closed(community, village_head, front_head)
    record = _issue(vote, village_head)
    fingerprint = record.figures["participants_fingerprint"]
    assert (record.figures["evidence"], record.figures["screenshots"]) == ("snapshot", 0)
    _assert_printed(
        record.document,
        "Bản ghi kết quả biểu quyết trực tuyến của hệ thống",
        "Lúc 17 giờ 45 phút, ngày 27 tháng 11 năm 2026: Đồng ý: 1; Không đồng ý: 0; Ý kiến khác: 1",
        "2/3 hộ tham gia",
        f"(SHA-256): {fingerprint}",
    )
    assert "Kèm theo" not in _word_text(record.document)
    assert "Ảnh chụp" not in _word_text(record.document)  # a text record is not called a screenshot
    # The reader of the DB recomputes the fingerprint from the printed participant list.
    assert fingerprint == rules.participants_fingerprint(
        [["1", "Đại Diện 0", "Số 1 ngõ Trúc"], ["2", "Đại Diện 1", "Số 2 ngõ Trúc"]]
    )


@pytest.mark.django_db
def test_with_screenshots_required_mau03_lists_them_and_refuses_none(
    settings: Settings, community: AdministrativeUnit, village_head: User, front_head: User
) -> None:
    settings.VOTING_ONLINE_RESULT_EVIDENCE = "snapshot_and_screenshots"
    vote = _online_vote_closed(community, village_head, front_head)
    with pytest.raises(DomainError) as error:  # a team that attached nothing cannot issue the paper
        _issue(vote, village_head, screenshots=0)
    assert error.value.code == "decisions.forms.screenshots_missing"
    assert not VoteFormDocument.objects.filter(vote=vote).exists() and not Document.objects.exists()
    record = _issue(vote, village_head, screenshots=3)
    assert (record.figures["evidence"], record.figures["screenshots"]) == ("snapshot_and_screenshots", 3)
    _assert_printed(
        record.document,
        "Kèm theo: 03 ảnh chụp màn hình kết quả biểu quyết trực tuyến",
        "Ảnh chụp kết quả biểu quyết trực tuyến (bản ghi của hệ thống khi kết thúc)",
    )
