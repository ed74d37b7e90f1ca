"""Issue 12 audit: a witness or signer the law counts twice is two people, and the officials' setting names two
different offices ([ND59] art. 4(6)(a); [L] art. 20(2)(g)). Each test is an attack that must be refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytest_django import Settings

from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.documents.models import Document
from grassroots.units.models import AdministrativeUnit
from grassroots.units.testing import households
from grassroots.voting import rules, services
from grassroots.voting.models import Channel, CommunityVote, VoteFormDocument
from grassroots.voting.testing import NOW
from grassroots.voting.tests.test_forms import _ballot_campaign, _in_both, _secret_counted_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _closed_campaign(community: AdministrativeUnit, village_head: User) -> CommunityVote:
    campaign = services.vote_open(vote=_ballot_campaign(community, village_head), actor=village_head, now=NOW)
    for household in households(community)[:2]:
        services.vote_cast(
            vote=campaign,
            household=household,
            option_key="agree",
            channel=Channel.PAPER_BALLOT,
            actor=village_head,
            now=NOW,
        )
    return services.vote_close(vote=campaign, actor=village_head, now=NOW + dt.timedelta(days=4))


@pytest.mark.parametrize(
    "witnesses",
    [["Chứng Kiến Một", "Chứng Kiến Một"], ["Chứng Kiến Một", "  chứng kiến   MỘT "]],
    ids=["same_name", "same_name_case_and_spaces"],
)
def test_ballot_minutes_with_one_witness_written_twice_are_refused(
    community: AdministrativeUnit, village_head: User, witnesses: list[str]
) -> None:
    """Attack: Mẫu 04 "witnessed" by one household representative written on both lines. Nothing is issued."""
    closed = _closed_campaign(community, village_head)
    events, documents = AuditEvent.objects.count(), Document.objects.count()
    with pytest.raises(DomainError) as error:
        services.ballot_minutes_issue(vote=closed, witnesses=witnesses, actor=village_head)
    assert error.value.code == "decisions.forms.witnesses_distinct"
    assert "hai người khác nhau" in error.value.message
    assert not VoteFormDocument.objects.filter(vote=closed).exists()
    assert (AuditEvent.objects.count(), Document.objects.count()) == (events, documents)


@pytest.mark.parametrize(
    ("second_official", "household_signers"),
    [
        ("Hoàng Văn Mặt Trận", ["Đại Diện Một", "đại diện  một"]),  # one representative twice
        ("Hoàng Văn Mặt Trận", ["Hoàng Văn Mặt Trận", "Đại Diện Hai"]),  # the Front head again as a household
    ],
    ids=["household_twice", "official_as_household"],
)
def test_meeting_decision_with_a_signer_written_twice_is_refused(
    community: AdministrativeUnit, village_head: User, second_official: str, household_signers: list[str]
) -> None:
    """Attack: Mẫu 03's four signatures given by three people. Refused, nothing issued ([L] art. 20(2)(g))."""
    vote = _secret_counted_meeting(community, village_head)
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:
        services.meeting_decision_issue(
            vote=vote,
            second_official_name=second_official,
            household_signers=household_signers,
            decision_text="Thống nhất làm sân chơi.",
            actor=village_head,
        )
    assert error.value.code == "decisions.forms.household_signers_distinct"
    assert "hai người khác nhau" in error.value.message
    assert not VoteFormDocument.objects.filter(vote=vote).exists() and AuditEvent.objects.count() == events


def test_village_head_who_also_heads_the_front_committee_signs_once_under_both_titles(
    community: AdministrativeUnit, village_head: User
) -> None:
    """One person holding both offices of [L] art. 20(2)(g) is printed once, titled "… KIÊM …", not twice."""
    RoleMembership.objects.create(
        user=village_head, role=Role.FRONT_WORK_COMMITTEE_HEAD, unit=community, valid_from=dt.date(2025, 1, 1)
    )
    vote = _secret_counted_meeting(community, village_head)
    record = services.meeting_decision_issue(
        vote=vote,
        household_signers=["Đại Diện Một", "Đại Diện Hai"],
        decision_text="Thống nhất làm sân chơi.",
        actor=village_head,
    )
    signatures = record.document.content["signatures"]
    assert [block["signer_name"] for block in signatures] == [village_head.full_name, "Đại Diện Một", "Đại Diện Hai"]
    assert " KIÊM TRƯỞNG BAN CÔNG TÁC MẶT TRẬN" in " ".join(signatures[0]["lines"])
    assert " ".join(signatures[0]["lines"]).startswith("TRƯỞNG THÔN")
    _in_both(record.document, "KIÊM TRƯỞNG BAN CÔNG TÁC MẶT TRẬN")


def test_chair_and_secretary_written_as_one_person_are_refused(
    settings: Settings, community: AdministrativeUnit, village_head: User
) -> None:
    """With the chair/secretary setting, one name on both lines is refused with a clear message."""
    settings.VOTING_DECISION_OFFICIAL_SIGNERS = ("chair", "secretary")
    vote = _secret_counted_meeting(community, village_head)
    with pytest.raises(DomainError) as error:
        services.meeting_decision_issue(
            vote=vote,
            first_official_name="Trần Thị Thư Ký",
            second_official_name="Trần Thị Thư Ký",
            household_signers=["Đại Diện Một", "Đại Diện Hai"],
            decision_text="Thống nhất làm sân chơi.",
            actor=village_head,
        )
    assert error.value.code == "decisions.forms.officials_same_person"
    assert not VoteFormDocument.objects.filter(vote=vote).exists()


@pytest.mark.parametrize("keys", [("village_head", "village_head"), ("chair", "chair")])
def test_one_signer_key_twice_is_refused(keys: tuple[str, str]) -> None:
    with pytest.raises(ValueError, match="VOTING_DECISION_OFFICIAL_SIGNERS"):
        rules.decision_official_titles(keys)


def test_ballot_plan_sent_on_a_day_still_to_come_is_refused_and_stays_due(
    community: AdministrativeUnit, village_head: User
) -> None:
    """Attack: the clerk records tomorrow as the sending day to clear the due item of [ND59] art. 4(2)."""
    from grassroots.voting.apps import vote_tasks

    campaign = _ballot_campaign(community, village_head)
    today = NOW.date()
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:
        services.ballot_plan_send(vote=campaign, sent_on=today + dt.timedelta(days=1), actor=village_head)
    assert error.value.code == "decisions.ballot_plan.in_future"
    assert "sau hôm nay" in error.value.message
    campaign.refresh_from_db()
    assert campaign.plan_sent_on is None and AuditEvent.objects.count() == events
    assert [task for task in vote_tasks(village_head, today) if "kế hoạch phát phiếu" in task.title]
    services.ballot_plan_send(vote=campaign, sent_on=today, actor=village_head)  # today itself is fine
    assert not [task for task in vote_tasks(village_head, today) if "kế hoạch phát phiếu" in task.title]
