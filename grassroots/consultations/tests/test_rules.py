"""Rule tests: the 20-day minimum (edges, across Tết), closing, completion gate, majority, the transition table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest
from django.utils import translation

from grassroots.consultations import rules
from grassroots.consultations.models import ConsultationMatter, ConsultationStatus

D = dt.date


def test_the_nine_commune_matters_are_data_citing_article_25() -> None:
    assert list(rules.COMMUNE_MATTERS) == [f"C{number}" for number in range(1, 10)]
    assert set(rules.COMMUNE_MATTERS) == set(ConsultationMatter.values)
    assert all("Điều 25" in matter.citation for matter in rules.COMMUNE_MATTERS.values())
    assert len(rules.AGENCY_MATTERS) == 11
    assert len(rules.ENTERPRISE_MATTERS) == 6


@pytest.mark.parametrize(
    ("matters", "code", "vietnamese", "english"),
    [
        (rules.AGENCY_MATTERS, "CQ2", "Kế hoạch công tác hằng năm", "Annual work plan"),
        (
            rules.ENTERPRISE_MATTERS,
            "DN2",
            "Thang lương, bảng lương, định mức lao động",
            "Pay scales, pay tables, labour norms",
        ),
    ],
)
def test_agency_and_enterprise_matter_labels_are_translated(
    matters: Mapping[str, Any], code: str, vietnamese: str, english: str
) -> None:
    with translation.override("vi"):
        assert str(matters[code]) == vietnamese
    with translation.override("en"):
        assert str(matters[code]) == english
    with translation.override("en"):
        assert not any(_is_vietnamese(str(label)) for label in matters.values())


def _is_vietnamese(text: str) -> bool:
    return any(letter in text for letter in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def test_minimum_period_is_twenty_days() -> None:
    assert rules.MIN_CONSULTATION_DAYS_COMMUNE == 20


@pytest.mark.parametrize(
    ("published_on", "closes_on", "allowed"),
    [
        (D(2026, 11, 2), D(2026, 11, 21), False),  # 19 days
        (D(2026, 11, 2), D(2026, 11, 22), True),  # exactly 20 days
        (D(2026, 11, 2), D(2026, 11, 23), True),
        (D(2026, 11, 2), D(2026, 11, 2), False),
        # Across Tết Bính Ngọ (14–22/02/2026): calendar days, the holidays count and add nothing.
        (D(2026, 2, 10), D(2026, 3, 1), False),  # 19 days
        (D(2026, 2, 10), D(2026, 3, 2), True),  # 20 days
        # Across a year end and a leap day.
        (D(2027, 12, 20), D(2028, 1, 9), True),
        (D(2028, 2, 20), D(2028, 3, 10), False),  # 19 days: 29/02/2028 counts
        (D(2028, 2, 20), D(2028, 3, 11), True),
    ],
)
def test_period_edges(published_on: dt.date, closes_on: dt.date, allowed: bool) -> None:
    result = rules.check_period(published_on=published_on, closes_on=closes_on)
    assert result.allowed is allowed
    if not allowed:
        assert result.code == "consultations.period_too_short"
        assert result.params["earliest"] == published_on + dt.timedelta(days=20)


def test_period_days_excludes_the_publication_day() -> None:
    assert rules.period_days(D(2026, 11, 2), D(2026, 11, 22)) == 20


@pytest.mark.parametrize(
    ("today", "allowed"),
    [(D(2026, 11, 21), False), (D(2026, 11, 22), False), (D(2026, 11, 23), True)],
)
def test_closing_waits_for_the_end_of_the_last_day(today: dt.date, allowed: bool) -> None:
    assert rules.check_close(closes_on=D(2026, 11, 22), today=today).allowed is allowed


@pytest.mark.parametrize(
    ("status", "today", "taking"),
    [
        (ConsultationStatus.OPEN, D(2026, 11, 2), True),
        (ConsultationStatus.OPEN, D(2026, 11, 22), True),
        (ConsultationStatus.OPEN, D(2026, 11, 23), False),
        (ConsultationStatus.OPEN, D(2026, 11, 1), False),
        (ConsultationStatus.DRAFT, D(2026, 11, 10), False),
        (ConsultationStatus.CLOSED, D(2026, 11, 10), False),
    ],
)
def test_taking_opinions_is_computed_from_dates(status: str, today: dt.date, taking: bool) -> None:
    assert (
        rules.is_taking_opinions(status=status, published_on=D(2026, 11, 2), closes_on=D(2026, 11, 22), today=today)
        is taking
    )


@pytest.mark.parametrize(
    ("received_on", "code"),
    [
        (D(2026, 11, 1), "consultations.opinion_outside_period"),
        (D(2026, 11, 2), "ok"),
        (D(2026, 11, 22), "ok"),
        (D(2026, 11, 23), "consultations.opinion_outside_period"),
        (D(2026, 11, 26), "consultations.opinion_in_future"),
    ],
)
def test_received_on_within_the_period(received_on: dt.date, code: str) -> None:
    result = rules.check_received_on(
        received_on=received_on, published_on=D(2026, 11, 2), closes_on=D(2026, 11, 22), today=D(2026, 11, 25)
    )
    assert result.code == code


def test_plan_must_reach_council_and_front() -> None:
    assert not rules.check_plan_sent(sent_to_council_on=None, sent_to_front_on=D(2026, 11, 1))
    assert not rules.check_plan_sent(sent_to_council_on=D(2026, 11, 1), sent_to_front_on=None)
    assert rules.check_plan_sent(sent_to_council_on=D(2026, 11, 1), sent_to_front_on=D(2026, 11, 1))


@pytest.mark.parametrize(("missing", "allowed"), [(0, True), (1, False), (20000, False)])
def test_completion_needs_every_disposition(missing: int, allowed: bool) -> None:
    result = rules.check_completion(opinions_without_disposition=missing)
    assert result.allowed is allowed
    if not allowed:
        assert result.code == "consultations.dispositions_missing"
        assert result.params["missing"] == missing


@pytest.mark.parametrize(
    ("agree", "disagree", "suggestion", "majority"),
    [
        (3, 2, 10, "agree"),
        (2, 3, 0, "disagree"),
        (2, 2, 5, None),  # a tie has no majority
        (0, 0, 4, None),
        (1, 0, 0, "agree"),
    ],
)
def test_majority_stance(agree: int, disagree: int, suggestion: int, majority: str | None) -> None:
    counts = {"agree": agree, "disagree": disagree, "suggestion": suggestion}
    assert rules.majority_stance(counts) == majority


@pytest.mark.parametrize(
    ("agree", "disagree", "adopts", "against"),
    [
        (5, 2, True, False),
        (5, 2, False, True),
        (2, 5, True, True),
        (2, 5, False, False),
        (3, 3, True, False),
        (3, 3, False, False),
    ],
)
def test_decision_against_the_majority(agree: int, disagree: int, adopts: bool, against: bool) -> None:
    counts = {"agree": agree, "disagree": disagree}
    assert rules.is_against_majority(counts=counts, adopts_draft=adopts) is against


def test_against_majority_needs_a_justification() -> None:
    assert not rules.check_majority_justification(against_majority=True, justification="  ")
    assert rules.check_majority_justification(against_majority=True, justification="Theo quy hoạch cấp trên.")
    assert rules.check_majority_justification(against_majority=False, justification="")


ALLOWED = {
    ("draft", "open"),
    ("draft", "cancelled"),
    ("open", "closed"),
    ("open", "cancelled"),
    ("closed", "completed"),
}


@pytest.mark.parametrize("current", ConsultationStatus.values)
@pytest.mark.parametrize("target", ConsultationStatus.values)
def test_transition_table_pair_by_pair(current: str, target: str) -> None:
    result = rules.check_transition(current, target)
    assert result.allowed is ((current, target) in ALLOWED)
    if not result.allowed:
        assert result.code == "consultations.bad_transition"


@pytest.mark.parametrize(
    ("matter", "affected", "unsettled", "code"),
    [
        ("C5", 0, 0, "ok"),
        ("C8", 0, 0, "consultations.affected_people_missing"),
        ("C8", 2, 1, "consultations.not_yet_heard"),
        ("C8", 2, 0, "ok"),
    ],
)
def test_c8_completion_needs_everyone_heard(matter: str, affected: int, unsettled: int, code: str) -> None:
    assert rules.check_right_to_be_heard(matter=matter, affected=affected, unsettled=unsettled).code == code
