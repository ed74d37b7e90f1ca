"""Rule tests of village conventions: every legal number at its edge, the clocks across Tết, the tables."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from grassroots.calendar import rules as calendar_rules
from grassroots.conventions import rules
from grassroots.conventions.models import ConventionStatus, MeasureKind, ProposalBasis, VersionStatus

# A calendar with Tết 2027 (Fri 5/2 → Fri 12/2/2027 off) and weekends off, built without the database.
TET = {dt.date(2027, 2, day) for day in range(5, 13)}


def _calendar() -> calendar_rules.WorkingCalendar:
    return calendar_rules.build_calendar(
        first_day=dt.date(2026, 1, 1), last_day=dt.date(2027, 12, 31), holidays=dict.fromkeys(TET, "Tết")
    )


def test_comment_period_exactly_thirty_days_is_allowed_and_twenty_nine_refused() -> None:
    posted = dt.date(2026, 10, 1)
    assert rules.check_comment_period(posted_on=posted, closes_on=dt.date(2026, 10, 31))
    refused = rules.check_comment_period(posted_on=posted, closes_on=dt.date(2026, 10, 30))
    assert (refused.code, refused.params["earliest"]) == ("conventions.comment_too_short", dt.date(2026, 10, 31))


def test_comment_period_counts_calendar_days_across_tet() -> None:
    posted = dt.date(2027, 1, 20)
    assert rules.earliest_comment_end(posted) == dt.date(2027, 2, 19)


@pytest.mark.parametrize(("total", "needed"), [(100, 10), (101, 11), (9, 1), (10, 1), (11, 2), (1, 1)])
def test_citizen_proposal_needs_ten_percent_rounded_up(total: int, needed: int) -> None:
    assert rules.support_needed(total) == needed
    assert rules.check_proposal(
        basis=ProposalBasis.CITIZENS, households_total=total, supporting=needed, front_agreed=False
    )
    below = rules.check_proposal(
        basis=ProposalBasis.CITIZENS, households_total=total, supporting=needed - 1, front_agreed=False
    )
    assert below.code == "conventions.support_too_low"


def test_below_ten_percent_goes_ahead_only_with_the_front() -> None:
    assert not rules.check_proposal(
        basis=ProposalBasis.FRONT_APPROVED, households_total=100, supporting=3, front_agreed=False
    )
    assert rules.check_proposal(
        basis=ProposalBasis.FRONT_APPROVED, households_total=100, supporting=3, front_agreed=True
    )


def test_village_head_proposal_needs_the_front_heads_agreement() -> None:
    refused = rules.check_proposal(
        basis=ProposalBasis.VILLAGE_HEAD, households_total=50, supporting=0, front_agreed=False
    )
    assert refused.code == "conventions.front_agreement_required"
    assert rules.check_proposal(basis=ProposalBasis.VILLAGE_HEAD, households_total=50, supporting=0, front_agreed=True)


def test_no_households_no_proposal() -> None:
    refused = rules.check_proposal(
        basis=ProposalBasis.VILLAGE_HEAD, households_total=0, supporting=0, front_agreed=True
    )
    assert refused.code == "conventions.no_households"


def test_dossier_and_recognition_are_five_working_days_each_across_tet() -> None:
    calendar = _calendar()
    adopted = dt.date(2027, 2, 3)  # Wednesday before Tết
    assert rules.dossier_due(adopted, calendar) == dt.date(2027, 2, 18)  # Thu 4/2, then Mon 15 → Thu 18
    assert rules.recognition_due(dt.date(2026, 11, 9), calendar) == dt.date(2026, 11, 16)


def test_suspension_three_and_abolition_five_working_days() -> None:
    calendar = _calendar()
    received = dt.date(2026, 11, 13)  # Friday
    assert rules.measure_due(MeasureKind.SUSPENSION_FULL, received, calendar) == dt.date(2026, 11, 18)
    assert rules.measure_due(MeasureKind.UNFOUNDED, received, calendar) == dt.date(2026, 11, 18)
    assert rules.measure_due(MeasureKind.ABOLITION_FULL, received, calendar) == dt.date(2026, 11, 20)


def test_late_exactly_on_the_due_day_is_not_late() -> None:
    due = dt.date(2026, 11, 16)
    assert not rules.is_late(due, due, due)
    assert rules.is_late(due, None, due + dt.timedelta(days=1))
    assert not rules.is_late(due, None, due)


def test_review_day_defaults_to_eighteenth_november_and_survives_leap_days() -> None:
    assert rules.review_date(2026) == dt.date(2026, 11, 18)
    assert rules.review_date(2027, 2, 29) == dt.date(2027, 2, 28)


def test_fingerprint_changes_with_any_character_and_ignores_row_order() -> None:
    articles = [(1, "Điều 1", "A"), (2, "Điều 2", "B")]
    base = rules.text_fingerprint("Hương ước", articles)
    assert base == rules.text_fingerprint("Hương ước", list(reversed(articles)))
    assert base != rules.text_fingerprint("Hương ước", [(1, "Điều 1", "A."), (2, "Điều 2", "B")])
    assert base != rules.text_fingerprint("Hương ước mới", articles)
    assert not rules.check_text_unchanged(frozen="", current=base)


def test_vote_link_needs_an_unopened_d3_vote_of_the_same_village() -> None:
    link = rules.check_vote_link
    assert link(
        matter="D3", vote_unit_id=1, community_id=1, vote_status="draft", vote_opened=False, vote_form="meeting"
    )
    assert not link(
        matter="D6", vote_unit_id=1, community_id=1, vote_status="draft", vote_opened=False, vote_form="meeting"
    )
    assert not link(
        matter="D3", vote_unit_id=2, community_id=1, vote_status="draft", vote_opened=False, vote_form="meeting"
    )
    opened = link(
        matter="D3", vote_unit_id=1, community_id=1, vote_status="open", vote_opened=True, vote_form="meeting"
    )
    assert opened.code == "conventions.vote_already_open"
    ballots = link(
        matter="D3",
        vote_unit_id=1,
        community_id=1,
        vote_status="draft",
        vote_opened=False,
        vote_form="household_ballot",
    )
    assert ballots.code == "conventions.ballots_need_failed_meeting"


def test_dissemination_needs_the_cultural_house_and_one_more_channel() -> None:
    assert rules.check_dissemination(["cultural_house", "meeting"])
    assert not rules.check_dissemination(["cultural_house"])
    assert not rules.check_dissemination(["meeting", "loudspeaker"])
    assert rules.check_dissemination(["cultural_house", "nonsense"]).code == "conventions.bad_channel"


def test_partial_measures_name_articles_and_suspensions_set_a_future_deadline() -> None:
    today = dt.date(2026, 12, 1)
    in_force = ConventionStatus.IN_FORCE
    check = rules.check_measure
    assert (
        check(
            kind=MeasureKind.SUSPENSION_PARTIAL, status=in_force, articles="", fix_by=dt.date(2027, 1, 1), today=today
        ).code
        == "conventions.articles_required"
    )
    assert (
        check(kind=MeasureKind.SUSPENSION_FULL, status=in_force, articles="", fix_by=today, today=today).code
        == "conventions.fix_by_required"
    )
    assert (
        check(
            kind=MeasureKind.ABOLITION_FULL, status=ConventionStatus.BUILDING, articles="", fix_by=None, today=today
        ).code
        == "conventions.not_in_force"
    )
    assert check(
        kind=MeasureKind.ABOLITION_FULL, status=ConventionStatus.SUSPENDED, articles="", fix_by=None, today=today
    )


@pytest.mark.parametrize("current", list(VersionStatus))
@pytest.mark.parametrize("target", list(VersionStatus))
def test_version_transition_table(current: str, target: str) -> None:
    allowed = target in rules.VERSION_TRANSITIONS[current]
    assert bool(rules.check_version_transition(current, target)) is allowed


@pytest.mark.parametrize("current", list(ConventionStatus))
@pytest.mark.parametrize("target", list(ConventionStatus))
def test_convention_transition_table(current: str, target: str) -> None:
    allowed = target in rules.CONVENTION_TRANSITIONS[current]
    assert bool(rules.check_convention_transition(current, target)) is allowed
    if current == ConventionStatus.ABOLISHED:
        assert not allowed


def test_measure_targets() -> None:
    assert rules.measure_target(MeasureKind.SUSPENSION_PARTIAL) == ConventionStatus.SUSPENDED
    assert rules.measure_target(MeasureKind.ABOLITION_FULL) == ConventionStatus.ABOLISHED
    assert rules.measure_target(MeasureKind.ABOLITION_PARTIAL) is None
    assert rules.measure_target(MeasureKind.UNFOUNDED) is None


def test_dissemination_channel_labels_are_translated() -> None:
    with translation.override("vi"):
        assert str(rules.DISSEMINATION_CHANNELS[rules.REQUIRED_CHANNEL]) == "Niêm yết tại nhà văn hóa"
    with translation.override("en"):
        labels = {code: str(label) for code, label in rules.DISSEMINATION_CHANNELS.items()}
    assert labels[rules.REQUIRED_CHANNEL] == "Posted at the cultural house"
    assert not any(
        set(label) & set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ") for label in labels.values()
    )


@pytest.mark.parametrize(
    ("month", "day", "allowed"),
    [
        (11, 18, True),  # the default, National Great Unity Day
        (1, 1, True),
        (12, 31, True),
        (2, 28, True),
        (2, 29, False),  # exists one year in four: refused, not silently moved
        (4, 30, True),
        (4, 31, False),
        (13, 1, False),
        (0, 10, False),
        (5, 0, False),
    ],
)
def test_another_agreed_review_day_must_exist_every_year(month: int, day: int, allowed: bool) -> None:
    result = rules.check_review_date(month=month, day=day)
    assert result.allowed is allowed
    assert result.code == ("ok" if allowed else "conventions.bad_review_date")
