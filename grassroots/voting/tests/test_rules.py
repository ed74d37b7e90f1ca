"""Table-driven tests of the pure rules: thresholds at and around every edge, forms, convenors, transitions."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import TextChoices

from grassroots.voting import rules
from grassroots.voting.models import MatterCode, Scope, VoteForm, VotePurpose, VoteStatus

TWO_THIRDS_MATTERS = [(MatterCode.D1, Scope.COMMUNITY), (MatterCode.D2, Scope.COMMUNITY)]
COMMUNE_MATTERS = [(MatterCode.D1, Scope.COMMUNE), (MatterCode.D2, Scope.COMMUNE)]
MAJORITY_MATTERS = [(code, Scope.COMMUNITY) for code in (MatterCode.D3, MatterCode.D4, MatterCode.D5, MatterCode.D6)]


# --- thresholds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("eligible", "two_thirds", "more_than_half"),
    [
        (0, 1, 1),  # nothing can be decided with no household
        (1, 1, 1),
        (2, 2, 2),
        (3, 2, 2),
        (4, 3, 3),
        (5, 4, 3),
        (6, 4, 4),
        (7, 5, 4),
        (299, 200, 150),
        (300, 200, 151),
        (301, 201, 151),
        (302, 202, 152),
        (1_000_000, 666_667, 500_001),
    ],
)
def test_required_yes_table(eligible: int, two_thirds: int, more_than_half: int) -> None:
    assert rules.required_yes(rules.Threshold.AT_LEAST_TWO_THIRDS, eligible) == two_thirds
    assert rules.required_yes(rules.Threshold.MORE_THAN_HALF, eligible) == more_than_half


@pytest.mark.parametrize("eligible", [*range(1, 60), 199, 200, 299, 300, 301, 999_999])
@pytest.mark.parametrize("threshold", list(rules.Threshold))
def test_required_yes_is_the_first_passing_count(eligible: int, threshold: rules.Threshold) -> None:
    needed = rules.required_yes(threshold, eligible)
    assert rules.meets(threshold, needed, eligible)
    assert not rules.meets(threshold, needed - 1, eligible)


@pytest.mark.parametrize(("matter", "scope"), TWO_THIRDS_MATTERS + COMMUNE_MATTERS)
@pytest.mark.parametrize(
    ("eligible", "yes", "passed"),
    [
        (300, 200, True),  # exactly two thirds is enough
        (300, 199, False),
        (300, 201, True),
        (301, 200, False),
        (301, 201, True),
        (3, 2, True),
        (3, 1, False),
        (6, 4, True),
        (6, 3, False),  # exactly half is far from two thirds
        (1, 1, True),
        (1, 0, False),
        (0, 0, False),
    ],
)
def test_two_thirds_matters(matter: str, scope: str, eligible: int, yes: int, passed: bool) -> None:
    result = rules.outcome(matter=matter, scope=scope, eligible=eligible, yes=yes)
    assert result.passed is passed
    assert result.threshold == "at_least_two_thirds"


@pytest.mark.parametrize(("matter", "scope"), MAJORITY_MATTERS)
@pytest.mark.parametrize(
    ("eligible", "yes", "passed", "required"),
    [
        (300, 150, False, 151),  # exactly half is not "more than half"
        (300, 151, True, 151),
        (301, 150, False, 151),
        (301, 151, True, 151),
        (2, 1, False, 2),
        (2, 2, True, 2),
        (1, 1, True, 1),
        (1, 0, False, 1),
        (0, 0, False, 1),
        (200, 100, False, 101),
        (200, 101, True, 101),
    ],
)
def test_majority_matters(matter: str, scope: str, eligible: int, yes: int, passed: bool, required: int) -> None:
    result = rules.outcome(matter=matter, scope=scope, eligible=eligible, yes=yes)
    assert (result.passed, result.required_yes) == (passed, required)


def test_d1_with_300_needs_200_and_d3_needs_151() -> None:
    assert rules.outcome(matter="D1", eligible=300, yes=200).required_yes == 200
    assert rules.outcome(matter="D3", eligible=300, yes=150).required_yes == 151


@pytest.mark.parametrize(("yes", "eligible"), [(-1, 3), (4, 3), (0, -1)])
def test_meets_rejects_impossible_counts(yes: int, eligible: int) -> None:
    with pytest.raises(ValueError):
        rules.meets(rules.Threshold.MORE_THAN_HALF, yes, eligible)


@pytest.mark.parametrize("matter", [MatterCode.D3, MatterCode.D4, MatterCode.D5, MatterCode.D6])
def test_only_money_matters_have_commune_scope(matter: str) -> None:
    with pytest.raises(ValueError):
        rules.outcome(matter=matter, scope=Scope.COMMUNE, eligible=10, yes=10)


# --- the command ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--matter", "D1", "--scope", "community", "--eligible", "300", "--yes", "200"], (True, 200)),
        (["--matter", "D1", "--scope", "community", "--eligible", "300", "--yes", "199"], (False, 200)),
        (["--matter", "D3", "--scope", "community", "--eligible", "300", "--yes", "150"], (False, 151)),
        (["--matter", "D2", "--scope", "commune", "--eligible", "12", "--yes", "8"], (True, 8)),
        (["--matter", "D6", "--eligible", "301", "--yes", "151"], (True, 151)),
    ],
)
def test_vote_outcome_command_json(args: list[str], expected: tuple[bool, int]) -> None:
    out = StringIO()
    call_command("vote_outcome", *args, "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload == {"passed": expected[0], "required_yes": expected[1]}


def test_vote_outcome_command_text_and_errors() -> None:
    out = StringIO()
    call_command("vote_outcome", "--matter", "D4", "--eligible", "10", "--yes", "6", stdout=out)
    assert out.getvalue().startswith("passed: 6/10")
    with pytest.raises(CommandError):
        call_command("vote_outcome", "--matter", "D4", "--eligible", "10", "--yes", "11")
    with pytest.raises(CommandError):
        call_command("vote_outcome", "--matter", "D4", "--scope", "commune", "--eligible", "10", "--yes", "6")


# --- forms, convenors, recognition, effective date ----------------------------------------------

FORM_MATRIX = [
    # matter, scope, form, failed meeting?, online adopted?, allowed?, code
    ("D1", "community", "meeting", False, False, True, "ok"),
    ("D1", "community", "household_ballot", False, False, False, "decisions.form.needs_failed_meeting"),
    ("D1", "community", "household_ballot", True, False, True, "ok"),
    ("D1", "community", "online", False, True, False, "decisions.form.not_allowed"),
    ("D1", "commune", "household_ballot", False, False, True, "ok"),
    ("D1", "commune", "meeting", False, False, True, "ok"),
    ("D2", "commune", "online", False, True, False, "decisions.form.not_allowed"),
    ("D3", "community", "meeting", False, False, True, "ok"),
    ("D3", "community", "household_ballot", False, False, False, "decisions.form.needs_failed_meeting"),
    ("D3", "community", "household_ballot", True, False, True, "ok"),
    ("D3", "commune", "meeting", False, False, False, "decisions.form.scope_not_allowed"),
    ("D4", "community", "online", False, True, False, "decisions.form.not_allowed"),
    ("D4", "community", "household_ballot", True, False, True, "ok"),
    ("D5", "community", "household_ballot", False, False, False, "decisions.form.needs_failed_meeting"),
    ("D5", "community", "online", False, True, False, "decisions.form.not_allowed"),
    ("D6", "community", "household_ballot", False, False, True, "ok"),
    ("D6", "community", "online", False, False, False, "decisions.form.needs_online_adoption"),
    ("D6", "community", "online", False, True, True, "ok"),
]


@pytest.mark.parametrize(("matter", "scope", "form", "failed", "adopted", "allowed", "code"), FORM_MATRIX)
def test_form_matrix(matter: str, scope: str, form: str, failed: bool, adopted: bool, allowed: bool, code: str) -> None:
    result = rules.check_form(matter=matter, scope=scope, form=form, has_failed_meeting=failed, online_adopted=adopted)
    assert (result.allowed, result.code) == (allowed, code)


@pytest.mark.parametrize(
    ("matter", "scope", "purpose", "convenor", "recogniser", "effective"),
    [
        ("D1", "community", "matter", "village_head", "none", "vote_date"),
        ("D2", "community", "matter", "village_head", "none", "vote_date"),
        ("D1", "commune", "matter", "commune_chair", "peoples_committee", "date_set_by_committee"),
        ("D2", "commune", "matter", "commune_chair", "peoples_committee", "date_set_by_committee"),
        ("D3", "community", "matter", "village_head", "peoples_committee", "recognition"),
        ("D4", "community", "election", "election_team", "peoples_committee", "recognition"),
        ("D4", "community", "dismissal", "front_work_committee_head", "peoples_committee", "recognition"),
        ("D5", "community", "election", "village_head", "front", "recognition"),
        ("D6", "community", "matter", "village_head", "none", "vote_date"),
    ],
)
def test_convenor_recogniser_effective_matrix(
    matter: str, scope: str, purpose: str, convenor: str, recogniser: str, effective: str
) -> None:
    assert rules.convenor_for(matter, scope, purpose) == convenor
    assert rules.recogniser_for(matter, scope) == recogniser
    assert rules.scope_rule(matter, scope).effective == effective
    assert rules.check_convenor(matter=matter, scope=scope, purpose=purpose, role=convenor).allowed
    assert not rules.check_convenor(matter=matter, scope=scope, purpose=purpose, role="resident").allowed


def test_vacant_head_convenor_and_interim_head() -> None:
    assert rules.check_convenor(matter="D1", scope="community", purpose="matter", role="x", acting_for_vacant_head=True)
    assert rules.check_convenor(matter="D6", scope="community", purpose="matter", role="interim_village_head")
    assert not rules.check_convenor(
        matter="D4", scope="community", purpose="election", role="village_head", acting_for_vacant_head=True
    )


def test_effective_date_rule() -> None:
    vote_day, recognised, set_day = dt.date(2026, 11, 1), dt.date(2026, 11, 6), dt.date(2026, 12, 1)
    assert rules.effective_date(matter="D1", vote_date=vote_day) == vote_day
    assert rules.effective_date(matter="D6", vote_date=vote_day, recognition_date=recognised) == vote_day
    assert rules.effective_date(matter="D3", vote_date=vote_day) is None
    assert rules.effective_date(matter="D3", vote_date=vote_day, recognition_date=recognised) == recognised
    assert rules.effective_date(matter="D5", vote_date=vote_day, recognition_date=recognised) == recognised
    assert rules.effective_date(matter="D2", scope="commune", vote_date=vote_day, committee_date=set_day) == set_day
    assert rules.needs_recognition("D4") and not rules.needs_recognition("D1")


# --- meetings, ballots --------------------------------------------------------------------------


@pytest.mark.parametrize(("notice", "meeting", "allowed"), [((11, 20), (11, 22), True), ((11, 21), (11, 22), False)])
def test_meeting_notice_two_days(notice: tuple[int, int], meeting: tuple[int, int], allowed: bool) -> None:
    result = rules.check_meeting_notice(notice_on=dt.date(2026, *notice), meeting_on=dt.date(2026, *meeting))
    assert result.allowed is allowed


@pytest.mark.parametrize(
    ("matter", "delivered", "code"),
    [
        ("D1", None, "decisions.meeting.documents_missing"),
        ("D2", dt.date(2026, 11, 21), "decisions.meeting.documents_too_late"),
        ("D3", dt.date(2026, 11, 20), "ok"),
        ("D6", None, "ok"),
        ("D4", None, "ok"),
    ],
)
def test_documents_before_meeting_for_d1_to_d3(matter: str, delivered: dt.date | None, code: str) -> None:
    result = rules.check_documents_delivered(matter=matter, delivered_on=delivered, meeting_on=dt.date(2026, 11, 22))
    assert result.code == code


def test_ballot_notice_two_days_before_distribution() -> None:
    assert rules.check_ballot_notice(notice_on=dt.date(2026, 11, 20), distribution_on=dt.date(2026, 11, 22))
    assert not rules.check_ballot_notice(notice_on=dt.date(2026, 11, 21), distribution_on=dt.date(2026, 11, 22))


@pytest.mark.parametrize(
    ("board", "witnesses", "approving", "present", "code"),
    [
        (3, 2, 51, 100, "ok"),
        (5, 2, 51, 100, "ok"),
        (2, 2, 51, 100, "decisions.meeting.board_size"),
        (6, 2, 51, 100, "decisions.meeting.board_size"),
        (3, 1, 51, 100, "decisions.meeting.witnesses"),
        (3, 3, 51, 100, "decisions.meeting.witnesses"),
        (3, 2, 50, 100, "decisions.meeting.officers_not_approved"),  # exactly half of those present
        (3, 2, 0, 0, "decisions.meeting.officers_not_approved"),
        (4, 2, 2, 3, "ok"),
    ],
)
def test_meeting_officers(board: int, witnesses: int, approving: int, present: int, code: str) -> None:
    assert (
        rules.check_officers(counting_board=board, witnesses=witnesses, approving=approving, present=present).code
        == code
    )


@pytest.mark.parametrize(("size", "allowed"), [(2, False), (3, True), (5, True), (6, False)])
def test_team_size(size: int, allowed: bool) -> None:
    assert rules.check_team_size(size).allowed is allowed


@pytest.mark.parametrize(
    ("households", "scattered", "allowed"), [(199, False, False), (200, False, True), (50, True, True)]
)
def test_cluster_sessions(households: int, scattered: bool, allowed: bool) -> None:
    assert rules.may_cluster(households=households, is_scattered=scattered) is allowed


@pytest.mark.parametrize(
    ("matter", "eligible", "present", "reachable"),
    [
        ("D1", 300, 199, False),
        ("D1", 300, 200, True),
        ("D3", 300, 150, False),
        ("D3", 300, 151, True),
        ("D6", 0, 0, False),
    ],
)
def test_threshold_reachable_with_those_present(matter: str, eligible: int, present: int, reachable: bool) -> None:
    assert rules.threshold_reachable(matter=matter, eligible=eligible, present=present) is reachable


def test_huong_uoc_quorum_more_than_half_present() -> None:
    assert not rules.huong_uoc_quorum(present=50, eligible=100)
    assert rules.huong_uoc_quorum(present=51, eligible=100)


# --- transitions --------------------------------------------------------------------------------

TABLES = [("vote", rules.VOTE_TRANSITIONS, VoteStatus)]


@pytest.mark.parametrize(("process", "table", "status_enum"), TABLES)
def test_transition_tables_are_complete_and_enforced(
    process: str, table: Mapping[str, frozenset[str]], status_enum: type[TextChoices]
) -> None:
    assert set(table) == set(status_enum.values)
    for current in status_enum.values:
        for target in status_enum.values:
            allowed = target in table[current]
            assert rules.check_transition(process, current, target).allowed is allowed


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("draft", "open", False),
        ("scheduled", "open", True),
        ("open", "closed", True),
        ("open", "moved_to_ballots", True),
        ("closed", "open", False),
        ("submitted", "recognised", True),
        ("recognised", "refused", False),
    ],
)
def test_vote_transition_examples(current: str, target: str, allowed: bool) -> None:
    assert rules.check_transition("vote", current, target).allowed is allowed


def test_online_adoption_purpose_is_a_majority_of_all_households() -> None:
    assert rules.ONLINE_ADOPTION_THRESHOLD is rules.Threshold.MORE_THAN_HALF
    assert VotePurpose.ONLINE_ADOPTION in VotePurpose.values
    assert VoteForm.ONLINE in rules.MATTERS["D6"].scopes["community"].forms


def test_threshold_for_vote_uses_the_commune_child_setting_and_online_adoption() -> None:
    assert rules.threshold_for_vote(matter="D1") is rules.Threshold.AT_LEAST_TWO_THIRDS
    assert rules.threshold_for_vote(matter="D1", purpose="online_adoption") is rules.Threshold.MORE_THAN_HALF
    assert rules.threshold_for_vote(matter="D2", in_commune_vote=True) is rules.Threshold.AT_LEAST_TWO_THIRDS
    child = rules.threshold_for_vote(matter="D2", in_commune_vote=True, commune_child_threshold="more_than_half")
    assert child is rules.Threshold.MORE_THAN_HALF
