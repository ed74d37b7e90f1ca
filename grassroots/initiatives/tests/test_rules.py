"""Table-driven tests of the citizen-initiative rules: 10% of households, consents valid 3 months."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.initiatives import rules
from grassroots.initiatives.models import InitiativeStatus


@pytest.mark.parametrize(("households", "required"), [(1, 1), (10, 1), (11, 2), (100, 10), (101, 11), (0, 0)])
def test_initiative_required_signatures(households: int, required: int) -> None:
    assert rules.initiative_required_signatures(households) == required


def test_initiative_eligibility() -> None:
    assert rules.initiative_eligible(valid_signatures=10, households=100, front_approved=False).allowed
    assert not rules.initiative_eligible(valid_signatures=9, households=100, front_approved=False).allowed
    result = rules.initiative_eligible(valid_signatures=1, households=100, front_approved=True)
    assert (result.allowed, result.code) == (True, "decisions.initiative.front_approved")


def test_consent_valid_three_months() -> None:
    signed = dt.date(2026, 8, 22)
    assert rules.consent_is_valid(signed_on=signed, on=dt.date(2026, 11, 21))
    assert not rules.consent_is_valid(signed_on=signed, on=dt.date(2026, 11, 22))
    assert not rules.consent_is_valid(signed_on=signed, on=dt.date(2026, 8, 21))


def test_transition_table_is_complete_and_enforced() -> None:
    table = rules.INITIATIVE_TRANSITIONS
    assert set(table) == set(InitiativeStatus.values)
    for current in InitiativeStatus.values:
        for target in InitiativeStatus.values:
            assert rules.check_transition("initiative", current, target).allowed is (target in table[current])
