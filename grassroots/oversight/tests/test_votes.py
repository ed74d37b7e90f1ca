"""Decisions of a board by majority of its members ([ND59] art. 12; law.md §1(c)): exactly half is not adopted.

Attackers: a vote with more ballots than members, a future meeting, a member of no board, another commune's Front."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.oversight import rules, selectors, services
from grassroots.oversight.models import Board, BoardVote
from grassroots.oversight.tests.conftest import NOW, TODAY


@pytest.mark.parametrize(
    ("votes_for", "members", "adopted"),
    [
        (3, 6, False),  # exactly half: not a majority
        (4, 6, True),
        (3, 5, True),
        (2, 5, False),
        (5, 9, True),
        (4, 9, False),
        (1, 1, True),
        (0, 0, False),
    ],
)
def test_adopted_only_with_more_than_half_of_the_members(votes_for: int, members: int, adopted: bool) -> None:
    assert rules.is_adopted(votes_for=votes_for, members=members) is adopted


def test_vote_counts_are_checked() -> None:
    assert rules.check_vote(votes_for=3, votes_against=2, abstentions=0, members=5)
    too_many = rules.check_vote(votes_for=3, votes_against=2, abstentions=1, members=5)
    assert not too_many and too_many.code == "oversight.vote.too_many"
    assert rules.check_vote(votes_for=-1, votes_against=0, abstentions=0, members=5).code == "oversight.vote.negative"
    assert rules.check_vote(votes_for=0, votes_against=0, abstentions=0, members=0).code == "oversight.vote.no_members"


@pytest.mark.django_db
def test_exactly_half_of_a_six_member_board_is_not_adopted(
    active_board: Board, board_member: User, front_chair: User
) -> None:
    services.board_member_add(board=active_board, full_name="Ngô Văn Sáu", joined_on=TODAY, actor=front_chair, now=NOW)
    half = services.board_vote_record(
        board=active_board,
        held_on=TODAY,
        subject="Gửi kiến nghị về quỹ đường",
        votes_for=3,
        votes_against=3,
        abstentions=0,
        actor=board_member,
        now=NOW,
    )
    assert half.members == 6
    more = services.board_vote_record(
        board=active_board,
        held_on=TODAY,
        subject="Kiểm tra chợ",
        votes_for=4,
        votes_against=1,
        abstentions=1,
        actor=board_member,
        now=NOW,
    )
    assert dict(selectors.votes_of(active_board)) == {more: True, half: False}
    event = AuditEvent.objects.filter(code="oversight.vote.recorded").order_by("sequence").first()
    assert event is not None
    after = event.after or {}
    assert after["adopted"] is False and after["members"] == 6


@pytest.mark.django_db
def test_members_are_counted_on_the_meeting_day(active_board: Board, board_member: User, front_chair: User) -> None:
    before = dt.date(2026, 11, 19)  # the members joined on 20/11
    with pytest.raises(DomainError) as refused:
        services.board_vote_record(
            board=active_board,
            held_on=before,
            subject="Họp trước khi có thành viên",
            votes_for=1,
            votes_against=0,
            abstentions=0,
            actor=board_member,
            now=NOW,
        )
    assert refused.value.code == "oversight.vote.no_members"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("held_on", "votes", "code"),
    [
        (TODAY, (3, 2, 1), "oversight.vote.too_many"),
        (TODAY + dt.timedelta(days=1), (3, 0, 0), "oversight.vote.in_future"),
    ],
)
def test_bad_votes_write_nothing(
    active_board: Board, board_member: User, held_on: dt.date, votes: tuple[int, int, int], code: str
) -> None:
    with pytest.raises(DomainError) as refused:
        services.board_vote_record(
            board=active_board,
            held_on=held_on,
            subject="Biểu quyết",
            votes_for=votes[0],
            votes_against=votes[1],
            abstentions=votes[2],
            actor=board_member,
            now=NOW,
        )
    assert refused.value.code == code
    assert not BoardVote.objects.exists()
    assert not AuditEvent.objects.filter(code="oversight.vote.recorded").exists()


@pytest.mark.django_db
def test_other_commune_front_cannot_record_a_vote(active_board: Board, other_front_chair: User) -> None:
    with pytest.raises(DomainError) as refused:
        services.board_vote_record(
            board=active_board,
            held_on=TODAY,
            subject="Biểu quyết",
            votes_for=3,
            votes_against=0,
            abstentions=0,
            actor=other_front_chair,
            now=NOW,
        )
    assert refused.value.code == "oversight.not_authorised"
    client = Client()
    client.force_login(other_front_chair)
    assert client.get(reverse("oversight:board_vote", args=[active_board.pk])).status_code == 404
    assert not BoardVote.objects.exists()


@pytest.mark.django_db
def test_vote_page_records_and_the_board_page_shows_the_result(active_board: Board, board_member: User) -> None:
    client = Client()
    client.force_login(board_member)
    url = reverse("oversight:board_vote", args=[active_board.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "held_on": TODAY.isoformat(),
            "subject": "Kiểm tra quỹ",
            "votes_for": "3",
            "votes_against": "2",
            "abstentions": "0",
        },
    )
    assert response.status_code == 302
    vote = BoardVote.objects.get()
    assert vote.members == 5 and vote.votes_for == 3
    bad = client.post(
        url,
        {"held_on": TODAY.isoformat(), "subject": "Quá số", "votes_for": "5", "votes_against": "1", "abstentions": "0"},
    )
    assert bad.status_code == 200 and BoardVote.objects.count() == 1  # the form again, the input kept
    page = client.get(reverse("oversight:board_detail", args=[active_board.pk])).content.decode()
    assert "Kiểm tra quỹ" in page and url in page
