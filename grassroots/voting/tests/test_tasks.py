"""The task page of a household representative and of a village head (issue 21).

A household is invited to an online vote, never late: "Đang mở cho hộ của bạn đến …" with a "Biểu quyết"
button while it runs, "Bạn đã tham gia ngày …" once it took part, "Đã kết thúc ngày … — kết quả: …" after.
The village head sees the running vote of their village.
"""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.dashboard.registry import collect_tasks
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.voting import selectors, services
from grassroots.voting.models import CommunityVote
from grassroots.voting.testing import NOW, open_meeting

pytestmark = pytest.mark.django_db


def online_vote(community: AdministrativeUnit, village_head: User, front_head: User) -> CommunityVote:
    """An online vote open from an hour ago for two days (after the adoption of the online form)."""
    adoption = open_meeting(community, village_head, matter="D6", purpose="online_adoption")
    for household in Household.objects.filter(community=community):
        services.meeting_attendance_set(vote=adoption, household=household, present=True, actor=village_head)
        services.vote_cast(
            vote=adoption, household=household, option_key="agree", channel="meeting_hands", actor=village_head
        )
    services.meeting_officers_approve(vote=adoption, secretary="Thư ký", approving=3, actor=village_head)
    services.vote_close(vote=adoption, actor=village_head)
    vote = services.vote_create(
        unit=community,
        matter="D6",
        form="online",
        title="Trồng cây",
        question="Trồng cây xanh hai bên đường?",
        starts_at=NOW - dt.timedelta(hours=1),
        ends_at=NOW + dt.timedelta(days=2),
        convenor_role="village_head",
        actor=village_head,
        now=NOW - dt.timedelta(days=3),
    )
    for name in ("A", "B", "C"):
        services.vote_officer_add(vote=vote, role="online_team", full_name=name, actor=village_head)
    services.online_agreement_record(
        vote=vote, village_head=village_head, front_head=front_head, agreed_on=dt.date(2026, 11, 19), actor=village_head
    )
    services.vote_schedule(vote=vote, notice_given_at=NOW - dt.timedelta(days=3), actor=village_head)
    return services.vote_open(vote=vote, actor=village_head)


def test_household_is_invited_with_a_vote_button_and_never_overdue(
    community: AdministrativeUnit, village_head: User, household_representative: User, front_head: User
) -> None:
    vote = online_vote(community, village_head, front_head)
    groups = collect_tasks(household_representative, NOW.date())
    (item,) = groups.invitations
    assert (groups.overdue, groups.due_soon, groups.later) == ([], [], [])
    assert item.note == "Đang mở cho hộ của bạn đến 24/11/2026."
    assert item.action_label == "Biểu quyết"
    assert item.url == reverse("voting:online_choose", kwargs={"vote_id": vote.pk})
    # Long after the end (the village head has not closed it yet): ended, still not overdue.
    later = NOW + dt.timedelta(days=9)
    with mock.patch("grassroots.core.clock.now", return_value=later):
        groups = collect_tasks(household_representative, later.date())
    (item,) = groups.invitations
    assert (groups.overdue, groups.due_soon, groups.later) == ([], [], [])
    assert item.note == "Đã kết thúc ngày 24/11/2026 — kết quả: đang kiểm phiếu."
    assert item.action_label == ""
    # Nor does the portal invite the household to a vote whose period is over.
    with mock.patch("grassroots.core.clock.now", return_value=later):
        assert list(selectors.open_online_votes_for(household_representative)) == []
    assert list(selectors.open_online_votes_for(household_representative)) == [vote]


def test_household_that_took_part_is_told_when(
    community: AdministrativeUnit, village_head: User, household_representative: User, front_head: User
) -> None:
    vote = online_vote(community, village_head, front_head)
    household = Household.objects.get(community=community, code="H1-01")
    services.vote_cast(
        vote=vote, household=household, option_key="agree", channel="online", actor=household_representative
    )
    (item,) = collect_tasks(household_representative, NOW.date()).invitations
    assert item.note == "Đang mở cho hộ của bạn đến 24/11/2026. Bạn đã tham gia ngày 22/11/2026."
    assert item.action_label == "Xem lại"
    services.vote_close(vote=vote, actor=village_head, now=NOW + dt.timedelta(days=3))
    with mock.patch("grassroots.core.clock.now", return_value=NOW + dt.timedelta(days=3)):
        (item,) = collect_tasks(household_representative, NOW.date()).invitations
    assert item.note == (
        "Đã kết thúc ngày 25/11/2026 — kết quả: không thông qua (1/3 hộ đồng ý). Bạn đã tham gia ngày 22/11/2026."
    )


def test_village_head_sees_the_running_vote_of_the_village(
    client: Client, community: AdministrativeUnit, village_head: User, commune_officer: User
) -> None:
    vote = open_meeting(community, village_head, matter="D3")
    (item,) = [task for task in collect_tasks(village_head, NOW.date()).due_soon if "Làm đường" in task.title]
    assert item.url == reverse("voting:vote_detail", kwargs={"vote_id": vote.pk})
    assert item.action_label == "Điểm danh, ghi biểu quyết"
    client.force_login(village_head)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Hiện không có việc nào cần làm" not in page and "Đang biểu quyết: Làm đường" in page
    # A commune officer does not run community votes: nothing of it on their page.
    assert not any("Làm đường" in task.title for task in collect_tasks(commune_officer, NOW.date()).later)
    assert collect_tasks(commune_officer, NOW.date()).total == 0


def test_vote_page_groups_the_register_into_one_line_with_details(
    client: Client, community: AdministrativeUnit, village_head: User
) -> None:
    vote = open_meeting(community, village_head, matter="D3")
    for household in Household.objects.filter(community=community):
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
    client.force_login(village_head)
    page = client.get(reverse("voting:vote_detail", kwargs={"vote_id": vote.pk})).content.decode()
    assert page.count("Điểm danh 3 hộ") == 1 and "Điểm danh có mặt" not in page
    assert '<details class="history-group">' in page and "H1-01, H1-02, H1-03" in page
