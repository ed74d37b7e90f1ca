"""Service tests of the vote engine: new state, audit events, and nothing changed on refusal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.calendar import selectors as calendar_selectors
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.units.testing import households
from grassroots.voting import selectors, services
from grassroots.voting.models import (
    Channel,
    CommunityVote,
    IssuedBallot,
    SecretChoice,
    VoteForm,
    VoteParticipation,
    VoteStatus,
)
from grassroots.voting.testing import NOW, open_meeting

pytestmark = pytest.mark.django_db


def attend_all(vote: CommunityVote, actor: User, members: Iterable[Household]) -> None:
    for household in members:
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=actor)


def codes(prefix: str) -> list[str]:
    return list(AuditEvent.objects.filter(code__startswith=prefix).values_list("code", flat=True))


# --- creation and scheduling ----------------------------------------------------------------------


def test_create_needs_the_convenor_role(
    community: AdministrativeUnit, commune_officer: User, village_head: User
) -> None:
    with pytest.raises(DomainError) as error:
        services.vote_create(
            unit=community,
            matter="D1",
            form="meeting",
            title="T",
            question="Q",
            starts_at=NOW,
            convenor_role="village_head",
            actor=commune_officer,
        )
    assert error.value.code == "decisions.convenor.wrong_role"
    with pytest.raises(DomainError) as error:
        services.vote_create(
            unit=community,
            matter="D4",
            form="meeting",
            title="T",
            question="Q",
            starts_at=NOW,
            convenor_role="village_head",
            purpose="election",
            actor=village_head,
        )
    assert error.value.code == "decisions.convenor.wrong_role"
    assert CommunityVote.objects.count() == 0


@pytest.mark.parametrize(
    ("matter", "form", "code"),
    [
        ("D3", "household_ballot", "decisions.form.needs_failed_meeting"),
        ("D1", "online", "decisions.form.not_allowed"),
        ("D6", "online", "decisions.form.needs_online_adoption"),
    ],
)
def test_create_checks_the_form_matrix(
    community: AdministrativeUnit, village_head: User, matter: str, form: str, code: str
) -> None:
    with pytest.raises(DomainError) as error:
        services.vote_create(
            unit=community,
            matter=matter,
            form=form,
            title="T",
            question="Q",
            starts_at=NOW,
            ends_at=NOW + dt.timedelta(days=3),
            convenor_role="village_head",
            actor=village_head,
        )
    assert error.value.code == code
    assert CommunityVote.objects.count() == 0


def test_schedule_refuses_short_notice_and_documents_too_late(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = services.vote_create(
        unit=community,
        matter="D1",
        form="meeting",
        title="T",
        question="Q",
        starts_at=NOW,
        convenor_role="village_head",
        actor=village_head,
        now=NOW - dt.timedelta(days=5),
    )
    with pytest.raises(DomainError) as error:
        services.vote_schedule(vote=vote, notice_given_at=NOW - dt.timedelta(days=1), actor=village_head)
    assert error.value.code == "decisions.meeting.notice_too_late"
    with pytest.raises(DomainError) as error:
        services.vote_schedule(
            vote=vote,
            notice_given_at=NOW - dt.timedelta(days=2),
            documents_delivered_at=NOW - dt.timedelta(days=1),
            actor=village_head,
        )
    assert error.value.code == "decisions.meeting.documents_too_late"
    vote.refresh_from_db()
    assert vote.status == VoteStatus.DRAFT and vote.deliveries.count() == 0
    services.vote_schedule(
        vote=vote,
        notice_given_at=NOW - dt.timedelta(days=2),
        documents_delivered_at=NOW - dt.timedelta(days=2),
        actor=village_head,
    )
    vote.refresh_from_db()
    assert vote.status == VoteStatus.SCHEDULED
    # The single date is the fallback "every household that day": one record per active household.
    assert vote.deliveries.count() == Household.objects.filter(community=community).count()
    assert codes("decisions.vote.") == ["decisions.vote.created", "decisions.vote.scheduled"]


# --- the denominator -----------------------------------------------------------------------------


def test_open_freezes_the_denominator(community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head)
    assert (vote.eligible_count, vote.eligible_on) == (3, dt.date(2026, 11, 22))
    late = Household.objects.create(community=community, code="H1-99", active_from=dt.date(2026, 11, 23))
    vote.refresh_from_db()
    assert vote.eligible_count == 3
    with pytest.raises(DomainError) as error:
        services.meeting_attendance_set(vote=vote, household=late, present=True, actor=village_head)
    assert error.value.code == "decisions.vote.not_eligible"


def test_household_that_left_before_opening_is_not_counted(community: AdministrativeUnit, village_head: User) -> None:
    leaving = Household.objects.get(community=community, code="H1-03")
    leaving.status, leaving.active_until = "moved", dt.date(2026, 11, 22)
    leaving.save()
    vote = open_meeting(community, village_head)
    assert vote.eligible_count == 2


# --- a D1 meeting by show of hands ----------------------------------------------------------------


def test_meeting_by_hands_passes_with_two_thirds_of_all_households(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = open_meeting(community, village_head)
    members = households(community)
    attend_all(vote, village_head, members)
    services.meeting_officers_approve(vote=vote, secretary="Nguyễn Thư Ký", approving=2, actor=village_head)
    for household, choice in zip(members, ["agree", "agree", "disagree"], strict=True):
        services.vote_cast(
            vote=vote, household=household, option_key=choice, channel=Channel.MEETING_HANDS, actor=village_head
        )
    closed = services.vote_close(vote=vote, actor=village_head)
    assert (closed.status, closed.yes_count, closed.required_yes, closed.passed) == ("closed", 2, 2, True)
    assert (closed.participation_count, closed.choice_count, closed.present_count) == (3, 3, 3)
    assert closed.effective_date == dt.date(2026, 11, 22)  # D1 village scope: the vote date
    assert selectors.submission_due(closed) == calendar_selectors.add_working_days(dt.date(2026, 11, 22), 5)
    participation = VoteParticipation.objects.get(vote=vote, household=members[0])
    assert participation.option is not None
    assert (participation.is_on_behalf, participation.entered_by, participation.option.key) == (
        True,
        village_head,
        "agree",
    )
    assert codes("decisions.vote.participation_recorded") == ["decisions.vote.participation_recorded"] * 3
    assert AuditEvent.objects.filter(code="decisions.meeting.attendance_marked").count() == 3
    assert AuditEvent.objects.filter(code="decisions.vote.closed").count() == 1


def test_meeting_fails_at_just_under_two_thirds(community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head)
    members = households(community)
    attend_all(vote, village_head, members)
    services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=3, actor=village_head)
    for household, choice in zip(members, ["agree", "disagree", "other"], strict=True):
        services.vote_cast(
            vote=vote, household=household, option_key=choice, channel=Channel.MEETING_HANDS, actor=village_head
        )
    closed = services.vote_close(vote=vote, actor=village_head)
    assert (closed.yes_count, closed.passed, closed.effective_date) == (1, False, None)


def test_second_vote_of_a_household_is_refused_and_nothing_changes(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = open_meeting(community, village_head)
    first = households(community)[0]
    services.meeting_attendance_set(vote=vote, household=first, present=True, actor=village_head)
    services.vote_cast(
        vote=vote, household=first, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
    )
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:
        services.vote_cast(
            vote=vote, household=first, option_key="disagree", channel=Channel.MEETING_BALLOT, actor=village_head
        )
    assert error.value.code == "decisions.vote.already_voted"
    assert VoteParticipation.objects.filter(vote=vote).count() == 1
    assert VoteParticipation.objects.get(vote=vote).option.key == "agree"  # type: ignore[union-attr]
    assert AuditEvent.objects.count() == events


def test_cast_refusals(community: AdministrativeUnit, second_community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head)
    first = households(community)[0]
    with pytest.raises(DomainError) as error:
        services.vote_cast(
            vote=vote, household=first, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
        )
    assert error.value.code == "decisions.vote.not_present"
    services.meeting_attendance_set(vote=vote, household=first, present=True, actor=village_head)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"household": first, "option_key": "maybe", "channel": Channel.MEETING_HANDS}, "decisions.vote.bad_option"),
        ({"household": first, "option_key": "agree", "channel": Channel.ONLINE}, "decisions.vote.wrong_channel"),
        ({"household": first, "option_key": None, "channel": Channel.MEETING_HANDS}, "decisions.vote.choice_required"),
        (
            {"household": households(second_community)[0], "option_key": "agree", "channel": Channel.MEETING_HANDS},
            "decisions.vote.not_eligible",
        ),
    ]
    for kwargs, code in cases:
        with pytest.raises(DomainError) as error:
            services.vote_cast(vote=vote, actor=village_head, **kwargs)
        assert error.value.code == code
    assert VoteParticipation.objects.count() == 0


def test_close_needs_officers_and_attendance_cannot_be_removed_after_voting(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = open_meeting(community, village_head)
    first = households(community)[0]
    services.meeting_attendance_set(vote=vote, household=first, present=True, actor=village_head)
    services.vote_cast(
        vote=vote, household=first, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
    )
    with pytest.raises(DomainError) as error:
        services.meeting_attendance_set(vote=vote, household=first, present=False, actor=village_head)
    assert error.value.code == "decisions.vote.attendance_locked"
    with pytest.raises(DomainError) as error:
        services.vote_close(vote=vote, actor=village_head)
    assert error.value.code == "decisions.vote.officers_missing"
    with pytest.raises(DomainError) as error:  # 1 present: approving 1 of 1 is fine, but 0 is not
        services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=0, actor=village_head)
    assert error.value.code == "decisions.meeting.officers_not_approved"


def test_attendance_toggle_is_idempotent(community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head)
    first = households(community)[0]
    assert services.meeting_attendance_set(vote=vote, household=first, present=True, actor=village_head)
    assert services.meeting_attendance_set(vote=vote, household=first, present=True, actor=village_head)
    assert not services.meeting_attendance_set(vote=vote, household=first, present=False, actor=village_head)
    assert vote.attendances.count() == 0
    assert AuditEvent.objects.filter(code__startswith="decisions.meeting.attendance_").count() == 2


# --- secret ballots at a meeting ------------------------------------------------------------------


def test_secret_meeting_ballots_are_counted_apart_and_must_match(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = open_meeting(community, village_head, matter="D3", is_secret=True)
    members = households(community)
    attend_all(vote, village_head, members)
    with pytest.raises(DomainError) as error:
        services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=2, actor=village_head)
    assert error.value.code == "decisions.meeting.board_size"
    services.meeting_officers_approve(
        vote=vote,
        secretary="Thư ký",
        approving=2,
        counting_board=["A", "B", "C"],
        witnesses=members[:2],
        actor=village_head,
    )
    for household in members:
        services.vote_cast(vote=vote, household=household, channel=Channel.MEETING_BALLOT, actor=village_head)
    assert VoteParticipation.objects.filter(vote=vote, option__isnull=False).count() == 0
    # A count that does not match the ballots cast is refused whole: nothing is written, nothing clamped.
    with pytest.raises(DomainError) as error:
        services.vote_count_ballots(vote=vote, counts={"agree": 2}, actor=village_head)
    assert (error.value.code, error.value.params) == (
        "decisions.vote.count_exceeds_returns",
        {"count": 2, "participations": 3},
    )
    assert not SecretChoice.objects.filter(vote=vote).exists()
    services.vote_count_ballots(vote=vote, counts={"agree": 2, "disagree": 1}, actor=village_head)
    closed = services.vote_close(vote=vote, actor=village_head)
    assert (closed.yes_count, closed.required_yes, closed.passed, closed.choice_count) == (2, 2, True, 3)
    assert closed.effective_date is None  # D3 waits for recognition
    assert {o.key: o.count for o in closed.options.all()} == {"agree": 2, "disagree": 1, "other": 0}


def test_huong_uoc_needs_more_than_half_present(community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head, matter="D3")
    first = households(community)[0]
    services.meeting_attendance_set(vote=vote, household=first, present=True, actor=village_head)
    with pytest.raises(DomainError) as error:
        services.vote_cast(
            vote=vote, household=first, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
        )
    assert error.value.code == "decisions.meeting.huong_uoc_quorum"


# --- failed meeting → household ballots ------------------------------------------------------------


def test_unreachable_meeting_moves_to_numbered_household_ballots(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = open_meeting(community, village_head)
    members = households(community)
    services.meeting_attendance_set(vote=vote, household=members[0], present=True, actor=village_head)
    services.meeting_attendance_set(vote=vote, household=members[1], present=True, actor=village_head)
    with pytest.raises(DomainError) as error:  # 2 present can still reach 2 of 3
        services.vote_move_to_ballots(
            vote=vote, starts_at=NOW + dt.timedelta(days=3), ends_at=NOW + dt.timedelta(days=10), actor=village_head
        )
    assert error.value.code == "decisions.vote.reachable"
    services.meeting_attendance_set(vote=vote, household=members[1], present=False, actor=village_head)
    campaign = services.vote_move_to_ballots(
        vote=vote, starts_at=NOW + dt.timedelta(days=3), ends_at=NOW + dt.timedelta(days=10), actor=village_head
    )
    vote.refresh_from_db()
    assert vote.status == VoteStatus.MOVED_TO_BALLOTS
    assert (campaign.form, campaign.moved_from_id, campaign.status) == (VoteForm.HOUSEHOLD_BALLOT, vote.pk, "draft")
    with pytest.raises(DomainError) as error:
        services.vote_schedule(vote=campaign, notice_given_at=NOW, actor=village_head)
    assert error.value.code == "decisions.team.size"
    for name in ("Tổ trưởng", "Thành viên 1", "Thành viên 2"):
        services.vote_officer_add(vote=campaign, role="ballot_team", full_name=name, actor=village_head)
    services.vote_schedule(vote=campaign, notice_given_at=NOW, actor=village_head)
    distribution = NOW + dt.timedelta(days=3)
    services.vote_open(vote=campaign, actor=village_head, now=distribution)
    assert list(IssuedBallot.objects.filter(vote=campaign).values_list("number", "household__code")) == [
        (1, "H1-01"),
        (2, "H1-02"),
        (3, "H1-03"),
    ]
    for household in members[:2]:
        services.vote_cast(
            vote=campaign,
            household=household,
            option_key="agree",
            channel=Channel.PAPER_BALLOT,
            actor=village_head,
            now=distribution + dt.timedelta(hours=2),
        )
    with pytest.raises(DomainError) as error:
        services.vote_close(vote=campaign, actor=village_head, now=distribution + dt.timedelta(days=1))
    assert error.value.code == "decisions.vote.still_running"
    closed = services.vote_close(vote=campaign, actor=village_head, now=NOW + dt.timedelta(days=10, minutes=1))
    assert (closed.yes_count, closed.passed) == (2, True)


# --- online (two stages) -----------------------------------------------------------------------------


def test_online_vote_after_adoption(
    community: AdministrativeUnit, village_head: User, household_representative: User, resident: User, front_head: User
) -> None:
    adoption = open_meeting(community, village_head, matter="D6", purpose="online_adoption")
    members = households(community)
    attend_all(adoption, village_head, members)
    services.meeting_officers_approve(vote=adoption, secretary="Thư ký", approving=2, actor=village_head)
    for household, choice in zip(members, ["agree", "agree", "disagree"], strict=True):
        services.vote_cast(
            vote=adoption, household=household, option_key=choice, channel=Channel.MEETING_HANDS, actor=village_head
        )
    assert services.vote_close(vote=adoption, actor=village_head).passed
    online = services.vote_create(
        unit=community,
        matter="D6",
        form="online",
        title="Trồng cây",
        question="Đồng ý?",
        starts_at=NOW + dt.timedelta(days=3),
        ends_at=NOW + dt.timedelta(days=5),
        convenor_role="village_head",
        actor=village_head,
    )
    assert online.adoption_vote_id == adoption.pk
    for name in ("Mặt trận", "Tin học", "Hộ"):
        services.vote_officer_add(vote=online, role="online_team", full_name=name, actor=village_head)
    services.online_agreement_record(
        vote=online, village_head=village_head, front_head=front_head, agreed_on=NOW.date(), actor=village_head
    )
    services.vote_schedule(vote=online, notice_given_at=NOW, actor=village_head)
    services.vote_open(vote=online, actor=village_head, now=NOW + dt.timedelta(days=3))
    household = Household.objects.get(community=community, code="H1-01")
    during = NOW + dt.timedelta(days=4)
    with pytest.raises(DomainError) as error:
        services.vote_cast(
            vote=online, household=household, option_key="agree", channel=Channel.ONLINE, actor=resident, now=during
        )
    assert error.value.code == "decisions.vote.not_representative"
    services.vote_cast(
        vote=online,
        household=household,
        option_key="other",
        other_opinion="Trồng cây ăn quả",
        channel=Channel.ONLINE,
        actor=household_representative,
        now=during,
    )
    participation = VoteParticipation.objects.get(vote=online)
    assert (participation.is_on_behalf, participation.other_opinion) == (False, "Trồng cây ăn quả")
    with pytest.raises(DomainError) as error:
        services.vote_cast(
            vote=online,
            household=household,
            option_key="agree",
            channel=Channel.ONLINE,
            actor=household_representative,
            now=NOW + dt.timedelta(days=6),
        )
    assert error.value.code == "decisions.vote.outside_period"


# --- recognition ----------------------------------------------------------------------------------


def _passed_meeting(community: AdministrativeUnit, village_head: User, matter: str) -> CommunityVote:
    vote = open_meeting(community, village_head, matter=matter)
    members = households(community)
    attend_all(vote, village_head, members)
    services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=2, actor=village_head)
    for household in members:
        services.vote_cast(
            vote=vote, household=household, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
        )
    services.vote_close(vote=vote, actor=village_head)
    return services.vote_submit(vote=vote, actor=village_head, now=NOW + dt.timedelta(days=1))


def test_d3_recognised_by_the_commune_chair_takes_effect_on_recognition(
    community: AdministrativeUnit, village_head: User, commune_chair: User, front_chair: User
) -> None:
    vote = _passed_meeting(community, village_head, "D3")
    assert selectors.recognition_due(vote) == calendar_selectors.add_working_days(dt.date(2026, 11, 23), 5)
    for actor in (village_head, front_chair):
        with pytest.raises(DomainError) as error:
            services.vote_recognise(vote=vote, actor=actor)
        assert error.value.code == "decisions.vote.not_recogniser"
    recognised = services.vote_recognise(vote=vote, actor=commune_chair, now=NOW + dt.timedelta(days=2))
    assert (recognised.status, recognised.effective_date, recognised.recognised_by) == (
        "recognised",
        dt.date(2026, 11, 24),
        commune_chair,
    )
    assert AuditEvent.objects.filter(code="decisions.vote.recognised", object_id=str(vote.pk)).count() == 1


def test_d5_recognised_by_the_front(
    community: AdministrativeUnit, village_head: User, commune_chair: User, front_chair: User
) -> None:
    vote = _passed_meeting(community, village_head, "D5")
    with pytest.raises(DomainError):
        services.vote_recognise(vote=vote, actor=commune_chair)
    assert services.vote_recognise(vote=vote, actor=front_chair).status == "recognised"


def test_refusal_needs_a_reason_and_d1_needs_no_recognition(
    community: AdministrativeUnit, village_head: User, commune_chair: User
) -> None:
    vote = _passed_meeting(community, village_head, "D3")
    with pytest.raises(DomainError) as error:
        services.vote_refuse(vote=vote, reason="  ", actor=commune_chair)
    assert error.value.code == "decisions.vote.reason_required"
    refused = services.vote_refuse(vote=vote, reason="Trái quy định", actor=commune_chair)
    assert (refused.status, refused.refusal_reason, refused.effective_date) == ("refused", "Trái quy định", None)
    other = _passed_meeting(community, village_head, "D1")
    with pytest.raises(DomainError) as error:
        services.vote_recognise(vote=other, actor=commune_chair)
    assert error.value.code == "decisions.vote.no_recognition"
    assert selectors.recognition_due(other) is None


# --- commune scope ---------------------------------------------------------------------------------


def test_commune_wide_vote_counts_communities(
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    second_community: AdministrativeUnit,
    commune_chair: User,
    village_head: User,
) -> None:
    parent = services.commune_vote_create(
        commune=commune,
        matter="D2",
        form="household_ballot",
        title="Quỹ",
        question="Đồng ý?",
        starts_at=NOW,
        ends_at=NOW + dt.timedelta(days=5),
        actor=commune_chair,
        now=NOW - dt.timedelta(days=5),
    )
    children = list(parent.children.order_by("unit__name"))
    assert [child.unit for child in children] == [community, second_community]
    services.vote_schedule(vote=parent, notice_given_at=NOW - dt.timedelta(days=3), actor=commune_chair)
    parent = services.vote_open(vote=parent, actor=commune_chair)
    assert parent.eligible_count == 2
    results = {community.pk: ["agree", "agree", "disagree"], second_community.pk: ["agree", "disagree"]}
    for child in children:
        for name in ("A", "B", "C"):
            services.vote_officer_add(vote=child, role="ballot_team", full_name=name, actor=commune_chair)
        services.vote_schedule(vote=child, notice_given_at=NOW - dt.timedelta(days=3), actor=commune_chair)
        services.vote_open(vote=child, actor=commune_chair)
        for household, choice in zip(households(child.unit), results[child.unit_id], strict=True):
            services.vote_cast(
                vote=child, household=household, option_key=choice, channel=Channel.PAPER_BALLOT, actor=commune_chair
            )
    with pytest.raises(DomainError) as error:
        services.vote_close(vote=parent, actor=commune_chair)
    assert error.value.code == "decisions.vote.children_open"
    outcomes = [services.vote_close(vote=child, actor=commune_chair).passed for child in children]
    assert outcomes == [True, False]
    closed = services.vote_close(vote=parent, actor=commune_chair)
    assert (closed.yes_count, closed.required_yes, closed.passed) == (1, 2, False)


# --- clusters ------------------------------------------------------------------------------------


def test_cluster_sessions_only_for_200_households(community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head)
    with pytest.raises(DomainError) as error:
        services.cluster_session_add(vote=vote, name="Cụm 1", chair_name="A", held_at=NOW, actor=village_head)
    assert error.value.code == "decisions.meeting.cluster_not_allowed"
    Household.objects.bulk_create(
        Household(community=community, code=f"X-{n:03d}", active_from=dt.date(2024, 1, 1)) for n in range(197)
    )
    big = open_meeting(community, village_head)
    assert big.eligible_count == 200
    first = services.cluster_session_add(vote=big, name="Cụm 1", chair_name="A", held_at=NOW, actor=village_head)
    second = services.cluster_session_add(vote=big, name="Cụm 2", chair_name="B", held_at=NOW, actor=village_head)
    members = households(community)
    for household in members[:100]:
        services.meeting_attendance_set(vote=big, household=household, present=True, session=first, actor=village_head)
    for household in members[100:140]:
        services.meeting_attendance_set(vote=big, household=household, present=True, session=second, actor=village_head)
    services.meeting_officers_approve(vote=big, secretary="Thư ký", approving=100, actor=village_head)
    for household in members[:140]:
        session = first if household in members[:100] else second
        services.vote_cast(
            vote=big,
            household=household,
            option_key="agree",
            channel=Channel.MEETING_HANDS,
            session=session,
            actor=village_head,
        )
    closed = services.vote_close(vote=big, actor=village_head)
    assert (closed.yes_count, closed.required_yes, closed.passed, closed.present_count) == (140, 134, True, 140)


def test_secret_choice_rows_exist_only_for_secret_votes(community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head)
    first = households(community)[0]
    services.meeting_attendance_set(vote=vote, household=first, present=True, actor=village_head)
    services.vote_cast(
        vote=vote, household=first, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
    )
    assert SecretChoice.objects.count() == 0


# --- documents -------------------------------------------------------------------------------------


def test_minutes_and_recognition_decision_are_issued_through_documents(
    community: AdministrativeUnit, village_head: User, commune_chair: User, settings: Settings, tmp_path: Path
) -> None:
    from grassroots.documents.models import Document
    from grassroots.voting.services.documents import vote_minutes_issue, vote_recognition_decision_issue

    settings.MEDIA_ROOT = tmp_path
    vote = _passed_meeting(community, village_head, "D3")
    minutes = vote_minutes_issue(vote=vote, actor=village_head)
    recognised = services.vote_recognise(vote=vote, actor=commune_chair)
    decision = vote_recognition_decision_issue(vote=recognised, actor=commune_chair)
    vote.refresh_from_db()
    assert (vote.minutes_document_id, vote.decision_document_id) == (minutes.pk, decision.pk)
    assert (minutes.kind, decision.kind) == ("minutes", "decision")
    assert "3/3" in str(Document.objects.get(pk=minutes.pk).content)
