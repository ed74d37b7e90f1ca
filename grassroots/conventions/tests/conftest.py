"""Fixtures of the convention tests: fixed moments, a convention through each step, a passing D3 meeting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.conventions import rules, services
from grassroots.conventions.models import Convention, ConventionVersion, ProposalBasis
from grassroots.units.models import AdministrativeUnit
from grassroots.units.testing import households
from grassroots.voting import services as vote_services
from grassroots.voting.models import Channel, CommunityVote, VoteForm
from grassroots.voting.testing import front_head

__all__ = ["front_head"]

VN = dt.timezone(dt.timedelta(hours=7))
CREATED = dt.datetime(2026, 10, 1, 8, 0, tzinfo=VN)
"""Thursday 1/10/2026: proposed, drafted and posted for comment that day."""
POSTED_ON = dt.date(2026, 10, 1)
COMMENTS_END = dt.date(2026, 10, 31)
"""Exactly 30 days after posting: the earliest lawful last day ([ND61] art. 9(1))."""
AFTER_COMMENTS = dt.datetime(2026, 11, 1, 9, 0, tzinfo=VN)
MEETING = dt.datetime(2026, 11, 8, 8, 0, tzinfo=VN)
"""Sunday 8/11/2026: the households' meeting (adoption day)."""
COUNTED = dt.datetime(2026, 11, 8, 10, 0, tzinfo=VN)
DOSSIER = dt.datetime(2026, 11, 9, 9, 0, tzinfo=VN)
"""Monday 9/11/2026: the dossier goes to the commune."""
DECIDED = dt.datetime(2026, 11, 11, 9, 0, tzinfo=VN)


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


ARTICLES = [
    ("Điều 1. Phạm vi", "Hương ước áp dụng với mọi hộ gia đình trong thôn."),
    ("Điều 2. Vệ sinh", "Các hộ giữ vệ sinh đường làng, không đổ rác ra kênh."),
    ("Điều 3. Việc cưới, việc tang", "Tổ chức tiết kiệm, không mở loa sau 22 giờ."),
]


@pytest.fixture
def convention(community: AdministrativeUnit, village_head: User) -> Convention:
    """A hương ước of Thôn 1 proposed by the village head with the Front head's agreement, three articles."""
    created = services.convention_propose(
        community=community,
        name_kind="huong_uoc",
        title="Hương ước Thôn 1",
        basis=ProposalBasis.VILLAGE_HEAD,
        front_agreed=True,
        drafting_team="Lê Văn Trưởng; Ngô Văn Ban Công Tác; đại diện Hội Phụ nữ; cụ Đinh Văn Uy Tín",
        drafting_mass_organisations=True,
        drafting_respected_people=True,
        drafting_front_agreed=True,
        actor=village_head,
        now=CREATED,
    )
    version = created.versions.get()
    for heading, text in ARTICLES:
        services.article_save(version=version, heading=heading, text=text, actor=village_head, now=CREATED)
    return created


def first_version(convention: Convention) -> ConventionVersion:
    return convention.versions.order_by("number").first()  # type: ignore[return-value]


def post_for_comment(version: ConventionVersion, village_head: User) -> ConventionVersion:
    return services.comments_open(version=version, closes_on=COMMENTS_END, actor=village_head, now=CREATED)


def finalise(version: ConventionVersion, village_head: User) -> ConventionVersion:
    """Posted, commented on (one opinion on article 3, answered), closed and finalised."""
    from grassroots.consultations import services as consultation_services

    version = post_for_comment(version, village_head)
    assert version.consultation is not None
    section = version.consultation.sections.get(position=3)
    opinion = consultation_services.opinion_enter(
        consultation=version.consultation,
        channel="meeting",
        stance="suggestion",
        text="Nên cho phép loa đến 22 giờ 30 ngày cưới.",
        received_on=dt.date(2026, 10, 10),
        section=section,
        community=version.convention.community,
        actor=village_head,
        now=dt.datetime(2026, 10, 10, 20, 0, tzinfo=VN),
    )
    services.comments_close(version=version, actor=village_head, now=AFTER_COMMENTS)
    consultation_services.opinion_dispose(
        opinion=opinion,
        disposition="not_accepted",
        explanation="Giữ 22 giờ theo quy định về giờ nghỉ ngơi của khu dân cư.",
        actor=village_head,
        now=AFTER_COMMENTS,
    )
    return services.version_finalise(version=version, actor=village_head, now=AFTER_COMMENTS)


def d3_meeting(community: AdministrativeUnit, village_head: User) -> CommunityVote:
    """A D3 meeting created (not opened) after the text was finalised."""
    vote = vote_services.vote_create(
        unit=community,
        matter="D3",
        form=VoteForm.MEETING,
        title="Thông qua Hương ước Thôn 1",
        question="Đồng ý thông qua Hương ước Thôn 1?",
        starts_at=MEETING,
        convenor_role="village_head",
        actor=village_head,
        now=AFTER_COMMENTS,
    )
    return vote_services.vote_schedule(
        vote=vote,
        notice_given_at=MEETING - dt.timedelta(days=3),
        documents_delivered_at=MEETING - dt.timedelta(days=3),
        actor=village_head,
        now=MEETING - dt.timedelta(days=3),
    )


def hold_meeting(vote: CommunityVote, village_head: User, *, present: int, agree: int) -> CommunityVote:
    """Open at the meeting hour, ``present`` households attend, ``agree`` of them raise hands for it, counted."""
    vote = vote_services.vote_open(vote=vote, actor=village_head, now=MEETING)
    members = households(vote.unit)
    for household in members[:present]:
        vote_services.meeting_attendance_set(
            vote=vote, household=household, present=True, actor=village_head, now=MEETING
        )
    vote_services.meeting_officers_approve(
        vote=vote, secretary="Nguyễn Thư Ký", approving=present, actor=village_head, now=MEETING
    )
    for index, household in enumerate(members[:present]):
        vote_services.vote_cast(
            vote=vote,
            household=household,
            option_key="agree" if index < agree else "disagree",
            channel=Channel.MEETING_HANDS,
            actor=village_head,
            now=MEETING,
        )
    return vote_services.vote_close(vote=vote, actor=village_head, now=COUNTED)


def adopt(convention: Convention, village_head: User) -> ConventionVersion:
    """Finalised, linked to a D3 meeting where 2 of 3 households attend and agree, adoption recorded."""
    version = finalise(first_version(convention), village_head)
    vote = d3_meeting(convention.community, village_head)
    services.version_link_vote(version=version, vote=vote, actor=village_head, now=AFTER_COMMENTS)
    hold_meeting(vote, village_head, present=2, agree=2)
    return services.version_record_adoption(version=version, actor=village_head, now=COUNTED)


SIGNERS: dict[str, Any] = {
    "village_head": "Lê Văn Trưởng",
    "front_head": "Ngô Văn Ban Công Tác",
    "household_representatives": ["Nguyễn Văn Hộ Một", "Trần Thị Hộ Hai"],
}
"""The signatures block [ND61] art. 4 asks for: village head, Front head, 2 household representatives."""

FULL_DOSSIER = list(rules.DOSSIER_ITEMS)
"""Request (Mẫu 01), minutes (Mẫu 02) and the adopted text ([ND61] art. 11(1))."""


def submit_dossier(version: ConventionVersion, actor: User, *, now: dt.datetime) -> ConventionVersion:
    """The adopted text signed by the four people of [ND61] art. 4, then the complete dossier sent."""
    services.signatures_set(version=version, actor=actor, now=now, **SIGNERS)
    return services.version_submit_dossier(version=version, items=FULL_DOSSIER, actor=actor, now=now)


def recognise(convention: Convention, village_head: User, commune_chair: User) -> ConventionVersion:
    version = adopt(convention, village_head)
    version = submit_dossier(version, village_head, now=DOSSIER)
    return services.version_recognise(version=version, actor=commune_chair, now=DECIDED)
