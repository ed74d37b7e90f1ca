"""The promises of a community vote, each tried by someone who would like to break it.

1. The roll is frozen when voting opens: a household added or back-dated afterwards cannot vote through any
   channel, nothing is ever clamped, and a correction before the count is an audited amendment with a reason.
2. A meeting's window ends when its count is recorded: nothing is accepted afterwards, through any channel.
4. A commune-wide D1/D2 vote completes when a village falls back from its meeting to household ballots.
5. Online voting needs the recorded agreement of the village head and the Front work committee, fixed once
   the vote is announced.
6. The deadline to send the result counts from the end of the voting period and is computed when shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.admin.sites import site
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from grassroots.accounts.models import User
from grassroots.calendar import selectors as calendar_selectors
from grassroots.calendar.models import CalendarOverride
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.units.testing import households
from grassroots.voting import selectors, services
from grassroots.voting.models import (
    Channel,
    CommunityVote,
    RollAmendment,
    VoteParticipation,
    VoteRollEntry,
    VoteStatus,
)
from grassroots.voting.services.documents import minutes_body
from grassroots.voting.testing import NOW, open_meeting

pytestmark = pytest.mark.django_db


def _late_household(community: AdministrativeUnit, code: str, *, active_from: dt.date) -> Household:
    """A household written into the register after the vote opened (possibly back-dated before it)."""
    return Household.objects.create(community=community, code=code, address="Mới", active_from=active_from)


def _ballot_campaign(
    community: AdministrativeUnit, village_head: User, *, is_secret: bool = False, ends_in_days: int = 3
) -> CommunityVote:
    campaign = services.vote_create(
        unit=community,
        matter="D6",
        form="household_ballot",
        title="Chọn nơi đặt thùng rác",
        question="Đặt thùng rác ở đầu ngõ?",
        starts_at=NOW,
        ends_at=NOW + dt.timedelta(days=ends_in_days),
        is_secret=is_secret,
        convenor_role="village_head",
        actor=village_head,
        now=NOW - dt.timedelta(days=5),
    )
    for name in ("A", "B", "C"):
        services.vote_officer_add(vote=campaign, role="ballot_team", full_name=name, actor=village_head)
    services.vote_schedule(vote=campaign, notice_given_at=NOW - dt.timedelta(days=3), actor=village_head)
    return services.vote_open(vote=campaign, actor=village_head, now=NOW)


# --- 1. the frozen roll ----------------------------------------------------------------------------------


def test_opening_freezes_the_roll_with_the_representatives_of_that_day(
    community: AdministrativeUnit, village_head: User, household_representative: User
) -> None:
    vote = open_meeting(community, village_head)
    entries = list(VoteRollEntry.objects.filter(vote=vote).order_by("household_code"))
    assert [entry.household_code for entry in entries] == ["H1-01", "H1-02", "H1-03"]
    assert (entries[0].representative_name, entries[0].representative_user) == ("Trần Thị Hộ", household_representative)
    assert vote.eligible_count == 3


@pytest.mark.parametrize("active_from", [dt.date(2026, 11, 23), dt.date(2020, 1, 1)], ids=["after", "back-dated"])
def test_a_household_registered_after_opening_cannot_vote_at_the_meeting(
    community: AdministrativeUnit, village_head: User, active_from: dt.date
) -> None:
    vote = open_meeting(community, village_head)
    late = _late_household(community, "H1-99", active_from=active_from)
    with pytest.raises(DomainError) as error:
        services.meeting_attendance_set(vote=vote, household=late, present=True, actor=village_head)
    assert error.value.code == "decisions.vote.not_eligible"
    with pytest.raises(DomainError) as error:
        services.vote_cast(
            vote=vote, household=late, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
        )
    assert error.value.code == "decisions.vote.not_eligible"
    vote.refresh_from_db()
    assert vote.eligible_count == 3 and not VoteParticipation.objects.filter(household=late).exists()


def test_a_ballot_return_from_a_household_off_the_roll_is_refused(
    community: AdministrativeUnit, village_head: User
) -> None:
    campaign = _ballot_campaign(community, village_head)
    late = _late_household(community, "H1-98", active_from=dt.date(2020, 1, 1))
    with pytest.raises(DomainError) as error:
        services.vote_cast(
            vote=campaign, household=late, option_key="agree", channel=Channel.PAPER_BALLOT, actor=village_head
        )
    assert error.value.code == "decisions.vote.not_eligible"


def test_six_votes_cannot_be_recorded_against_a_roll_of_three(
    community: AdministrativeUnit, village_head: User
) -> None:
    """The fault as reported: add three households after opening, let all six vote, close. Refused at the
    door now, and the database itself refuses a participation without a roll entry or a count above the roll."""
    vote = open_meeting(community, village_head)
    members = households(community)
    late = [_late_household(community, f"H1-9{index}", active_from=dt.date(2020, 1, 1)) for index in range(3)]
    for household in members:
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
        services.vote_cast(
            vote=vote, household=household, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
        )
    refused = 0
    for household in late:
        try:
            services.vote_cast(
                vote=vote, household=household, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
            )
        except DomainError:
            refused += 1
    assert refused == 3
    # A clerk going around the services, through the ORM, is stopped by the database.
    with pytest.raises(IntegrityError), transaction.atomic():
        VoteParticipation.objects.create(
            vote=vote, household=late[0], channel=Channel.MEETING_HANDS, entered_by=village_head, recorded_at=NOW
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        CommunityVote.objects.filter(pk=vote.pk).update(participation_count=6, yes_count=6)
    services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=2, actor=village_head)
    closed = services.vote_close(vote=vote, actor=village_head)
    assert (closed.eligible_count, closed.participation_count, closed.yes_count) == (3, 3, 3)


def test_the_outcome_rule_refuses_counts_beyond_the_roll() -> None:
    from grassroots.voting import rules

    assert rules.check_counts(eligible=3, participated=6, yes=6).code == "decisions.vote.count_exceeds_roll"
    with pytest.raises(ValueError, match="count_exceeds_roll"):
        rules.vote_outcome(threshold="at_least_two_thirds", eligible=3, yes=6, participated=6)
    with pytest.raises(ValueError, match="yes_exceeds_participation"):
        rules.vote_outcome(threshold="more_than_half", eligible=10, yes=4, participated=3)


def test_a_change_to_the_register_after_opening_does_not_move_the_roll(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = open_meeting(community, village_head)
    leaving = households(community)[2]
    leaving.status, leaving.active_until = "moved", dt.date(2026, 11, 23)
    leaving.save()
    _late_household(community, "H1-97", active_from=dt.date(2026, 11, 22))
    vote.refresh_from_db()
    assert vote.eligible_count == 3
    assert VoteRollEntry.objects.filter(vote=vote, is_active=True).count() == 3
    assert selectors.tally(vote).eligible == 3


def test_a_roll_amendment_needs_a_reason_is_audited_and_shows_in_the_minutes(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = open_meeting(community, village_head)
    left_out = _late_household(community, "H1-04", active_from=dt.date(2026, 11, 1))
    with pytest.raises(DomainError) as error:
        services.vote_roll_amend(vote=vote, household=left_out, kind="add", reason="  ", actor=village_head)
    assert error.value.code == "decisions.roll.reason_required"
    amendment = services.vote_roll_amend(
        vote=vote,
        household=left_out,
        kind="add",
        reason="Hộ chuyển đến 01/11 nhưng sổ hộ nhập muộn",
        actor=village_head,
    )
    vote.refresh_from_db()
    assert vote.eligible_count == 4
    event = AuditEvent.objects.get(code="decisions.vote.roll_amended")
    before, after = event.before or {}, event.after or {}
    assert (before["eligible_count"], after["eligible_count"], after["kind"]) == (3, 4, "add")
    for household in [*households(community)]:
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
        services.vote_cast(
            vote=vote, household=household, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
        )
    services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=3, actor=village_head)
    closed = services.vote_close(vote=vote, actor=village_head)
    assert (closed.eligible_count, closed.participation_count, closed.yes_count, closed.required_yes) == (4, 4, 4, 3)
    text = str(minutes_body(closed))
    assert "Tổng số hộ gia đình: 4 hộ" in text and amendment.reason in text and "H1-04" in text
    with pytest.raises(DomainError) as error:
        services.vote_roll_amend(vote=closed, household=left_out, kind="remove", reason="Sai", actor=village_head)
    assert error.value.code == "decisions.roll.locked"


def test_a_household_that_voted_cannot_be_taken_off_the_roll(community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head)
    first = households(community)[0]
    services.meeting_attendance_set(vote=vote, household=first, present=True, actor=village_head)
    services.vote_cast(
        vote=vote, household=first, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
    )
    with pytest.raises(DomainError) as error:
        services.vote_roll_amend(vote=vote, household=first, kind="remove", reason="Nhầm", actor=village_head)
    assert error.value.code == "decisions.roll.has_voted"
    assert not RollAmendment.objects.exists()


def test_minutes_numbers_add_up(community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head)
    members = households(community)
    for household in members[:2]:
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
        services.vote_cast(
            vote=vote, household=household, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
        )
    services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=2, actor=village_head)
    closed = services.vote_close(vote=vote, actor=village_head)
    outcome = selectors.outcome_of(closed)
    assert (outcome.eligible, outcome.participated, outcome.absent, outcome.yes) == (3, 2, 1, 2)
    text = str(minutes_body(closed))
    assert "Tổng số hộ gia đình: 3 hộ" in text and "tham gia: 2 hộ" in text and "không tham gia: 1 hộ" in text
    assert "Đồng ý 2/3 hộ" in text


# --- 2. a meeting's window ends with its count -------------------------------------------------------------


def test_nothing_is_accepted_after_the_count_is_recorded(community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head, matter="D6", is_secret=True)
    members = households(community)
    for household in members:
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
    for household in members[:2]:
        services.vote_cast(vote=vote, household=household, channel=Channel.MEETING_BALLOT, actor=village_head)
    services.vote_count_ballots(vote=vote, counts={"agree": 1, "disagree": 1}, actor=village_head)
    attempts: dict[str, Callable[[], object]] = {
        "late ballot": lambda: services.vote_cast(
            vote=vote, household=members[2], channel=Channel.MEETING_BALLOT, actor=village_head
        ),
        "attendance": lambda: services.meeting_attendance_set(
            vote=vote, household=members[2], present=False, actor=village_head
        ),
        "second count": lambda: services.vote_count_ballots(vote=vote, counts={"agree": 0}, actor=village_head),
        "roll amendment": lambda: services.vote_roll_amend(
            vote=vote, household=members[2], kind="remove", reason="Vắng", actor=village_head
        ),
    }
    for name, attempt in attempts.items():
        with pytest.raises(DomainError) as error:
            attempt()
        assert error.value.code in {"decisions.vote.count_recorded", "decisions.roll.locked"}, name
    assert VoteParticipation.objects.filter(vote=vote).count() == 2


# --- 4. a commune-wide vote counts every village, whatever form it used ----------------------------------


def test_commune_wide_vote_completes_when_a_village_falls_back_to_ballots(
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    second_community: AdministrativeUnit,
    commune_chair: User,
) -> None:
    parent = services.commune_vote_create(
        commune=commune,
        matter="D1",
        form="meeting",
        title="Đường liên xã",
        question="Đồng ý đóng góp?",
        starts_at=NOW,
        actor=commune_chair,
        now=NOW - dt.timedelta(days=5),
    )
    services.vote_schedule(vote=parent, notice_given_at=NOW - dt.timedelta(days=3), actor=commune_chair)
    parent = services.vote_open(vote=parent, actor=commune_chair, now=NOW)
    assert parent.eligible_count == 2
    first = parent.children.get(unit=community)
    second = parent.children.get(unit=second_community)
    for child in (first, second):
        services.vote_schedule(
            vote=child,
            notice_given_at=NOW - dt.timedelta(days=3),
            documents_delivered_at=NOW - dt.timedelta(days=3),
            actor=commune_chair,
        )
        services.vote_open(vote=child, actor=commune_chair, now=NOW)
    # Village 1 meets: everyone comes and agrees.
    for household in households(community):
        services.meeting_attendance_set(vote=first, household=household, present=True, actor=commune_chair)
        services.vote_cast(
            vote=first, household=household, option_key="agree", channel=Channel.MEETING_HANDS, actor=commune_chair
        )
    services.meeting_officers_approve(vote=first, secretary="Thư ký", approving=3, actor=commune_chair)
    services.vote_close(vote=first, actor=commune_chair)
    # Village 2: nobody comes; the matter moves to household ballots ([L] art. 19(1)(b)).
    campaign = services.vote_move_to_ballots(
        vote=second, starts_at=NOW + dt.timedelta(days=1), ends_at=NOW + dt.timedelta(days=4), actor=commune_chair
    )
    assert campaign.parent_id == parent.pk and campaign.moved_from_id == second.pk
    for name in ("A", "B", "C"):
        services.vote_officer_add(vote=campaign, role="ballot_team", full_name=name, actor=commune_chair)
    services.vote_schedule(vote=campaign, notice_given_at=NOW - dt.timedelta(days=1), actor=commune_chair)
    services.vote_open(vote=campaign, actor=commune_chair, now=NOW + dt.timedelta(days=1))
    with pytest.raises(DomainError) as error:
        services.vote_close(vote=parent, actor=commune_chair, now=NOW + dt.timedelta(days=2))
    assert error.value.code == "decisions.vote.children_open"
    for household in households(second_community):
        services.vote_cast(
            vote=campaign,
            household=household,
            option_key="agree",
            channel=Channel.PAPER_BALLOT,
            actor=commune_chair,
            now=NOW + dt.timedelta(days=2),
        )
    services.vote_close(vote=campaign, actor=commune_chair, now=NOW + dt.timedelta(days=4, hours=12))
    closed = services.vote_close(vote=parent, actor=commune_chair, now=NOW + dt.timedelta(days=5))
    assert (closed.eligible_count, closed.participation_count, closed.yes_count, closed.passed) == (2, 2, 2, True)
    result = selectors.commune_result(closed)
    assert {child.pk for child in result["children"]} == {first.pk, campaign.pk}
    assert (result["passed"], result["required"], result["is_passed"]) == (2, 2, True)


# --- 5. online voting needs a recorded agreement, fixed once announced ------------------------------------


def _online_draft(community: AdministrativeUnit, village_head: User) -> CommunityVote:
    adoption = open_meeting(community, village_head, matter="D6", purpose="online_adoption")
    for household in households(community):
        services.meeting_attendance_set(vote=adoption, household=household, present=True, actor=village_head)
        services.vote_cast(
            vote=adoption, household=household, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
        )
    services.meeting_officers_approve(vote=adoption, secretary="Thư ký", approving=3, actor=village_head)
    services.vote_close(vote=adoption, actor=village_head)
    online = services.vote_create(
        unit=community,
        matter="D6",
        form="online",
        title="Chọn ngày hội làng",
        question="Mùng 6 Tết?",
        starts_at=NOW + dt.timedelta(days=3),
        ends_at=NOW + dt.timedelta(days=5),
        convenor_role="village_head",
        actor=village_head,
    )
    for name in ("A", "B", "C"):
        services.vote_officer_add(vote=online, role="online_team", full_name=name, actor=village_head)
    return online


def test_online_vote_needs_the_agreement_of_the_head_and_the_front(
    community: AdministrativeUnit, village_head: User, front_head: User, resident: User
) -> None:
    online = _online_draft(community, village_head)
    with pytest.raises(DomainError) as error:
        services.vote_schedule(vote=online, notice_given_at=NOW, actor=village_head)
    assert error.value.code == "decisions.online.agreement_missing"
    with pytest.raises(DomainError) as error:
        services.online_agreement_record(
            vote=online, village_head=village_head, front_head=resident, agreed_on=NOW.date(), actor=village_head
        )
    assert error.value.code == "decisions.online.not_front_head"
    with pytest.raises(DomainError) as error:
        services.online_agreement_record(
            vote=online,
            village_head=village_head,
            front_head=front_head,
            agreed_on=dt.date(2026, 11, 23),
            actor=village_head,
        )
    assert error.value.code == "decisions.online.agreement_future"
    agreement = services.online_agreement_record(
        vote=online, village_head=village_head, front_head=front_head, agreed_on=NOW.date(), actor=village_head
    )
    assert (agreement.village_head, agreement.front_head, agreement.agreed_on) == (village_head, front_head, NOW.date())
    assert AuditEvent.objects.filter(code="decisions.vote.online_agreement_recorded").count() == 1
    services.vote_schedule(vote=online, notice_given_at=NOW, actor=village_head)
    with pytest.raises(DomainError) as error:
        services.online_agreement_record(
            vote=online, village_head=village_head, front_head=front_head, agreed_on=NOW.date(), actor=village_head
        )
    assert error.value.code == "decisions.online.agreement_locked"


def test_online_is_only_for_d6_even_in_the_database(community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head, matter="D2")
    with pytest.raises(IntegrityError), transaction.atomic():
        CommunityVote.objects.filter(pk=vote.pk).update(form="online")


def test_the_admin_cannot_change_a_votes_form_or_roll(community: AdministrativeUnit, village_head: User) -> None:
    from django.contrib.auth import get_user_model

    vote = open_meeting(community, village_head)
    admin_user = get_user_model().objects.create_superuser("root-admin", password="x")
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    model_admin = site._registry[CommunityVote]
    assert not model_admin.has_change_permission(request, vote)
    assert not model_admin.has_delete_permission(request, vote)
    assert VoteRollEntry not in site._registry or not site._registry[VoteRollEntry].has_change_permission(request)


# --- 6. the deadline to send the result --------------------------------------------------------------------


def test_submission_deadline_counts_from_the_end_of_the_ballot_period_not_from_closing(
    community: AdministrativeUnit, village_head: User
) -> None:
    campaign = _ballot_campaign(community, village_head, ends_in_days=3)  # ballots due Wed 25/11/2026 08:00
    for household in households(community)[:2]:
        services.vote_cast(
            vote=campaign,
            household=household,
            option_key="agree",
            channel=Channel.PAPER_BALLOT,
            actor=village_head,
            now=NOW + dt.timedelta(days=1),
        )
    closed = services.vote_close(vote=campaign, actor=village_head, now=NOW + dt.timedelta(days=9))  # Tue 01/12
    assert selectors.period_end(closed) == dt.date(2026, 11, 25)
    assert selectors.submission_due(closed) == dt.date(2026, 12, 2)  # 5 working days after Wed 25/11


def test_a_holiday_added_later_moves_the_deadline_shown(community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head)
    for household in households(community):
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
        services.vote_cast(
            vote=vote, household=household, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
        )
    services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=3, actor=village_head)
    closed = services.vote_close(vote=vote, actor=village_head)
    assert selectors.submission_due(closed) == dt.date(2026, 11, 27)  # Sun 22/11 + 5 working days
    CalendarOverride.objects.create(
        day=dt.date(2026, 11, 24), kind="extra_rest_day", name="Nghỉ bù (thử)", source="Thử nghiệm"
    )
    calendar_selectors.clear_cache()
    assert selectors.submission_due(CommunityVote.objects.get(pk=closed.pk)) == dt.date(2026, 11, 30)
    assert closed.status == VoteStatus.CLOSED
