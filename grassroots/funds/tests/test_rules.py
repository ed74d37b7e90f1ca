"""Rule tests: obligations with reductions, whole đồng, dates of receipts, reversals, the spending ceiling."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from grassroots.funds import rules

START = dt.date(2026, 11, 2)
TODAY = dt.date(2026, 11, 10)


@pytest.mark.parametrize(
    ("rate", "quantity", "percent", "expected"),
    [
        (500_000, 1, 0, 500_000),
        (500_000, 1, 100, 0),  # exemption
        (500_000, 1, 50, 250_000),
        (100_001, 1, 50, 50_000),  # 50 000.5 rounds down: never a fraction of a đồng, never against the household
        (33_333, 3, 33, 66_999),  # 99 999 × 67 // 100 = 66 999 (not 66 999.33)
        (20_000, 7, 0, 140_000),  # per person
        (1_500, 250, 10, 337_500),  # per m²
    ],
)
def test_obligation_in_whole_dong(rate: int, quantity: int, percent: int, expected: int) -> None:
    due = rules.obligation_due(rate_money=rate, rate_labour_days=0, quantity=quantity, reduction_percent=percent)
    assert due.money == expected
    assert isinstance(due.money, int)


def test_labour_days_reduced_and_rounded_down() -> None:
    assert rules.obligation_due(rate_money=0, rate_labour_days=3, quantity=1, reduction_percent=50).labour_days == 1


def test_large_amounts_stay_exact() -> None:
    """No float: 10 000 households × 9 999 999 999 đ would lose đồng in a double."""
    due = rules.obligation_due(rate_money=9_999_999_999, rate_labour_days=0, quantity=10_001, reduction_percent=1)
    assert due.money == 9_999_999_999 * 10_001 * 99 // 100


@pytest.mark.parametrize("percent", [-1, 101])
def test_reduction_out_of_range_is_an_error(percent: int) -> None:
    with pytest.raises(ValueError):
        rules.apply_reduction(100, percent)


def test_basis_quantity() -> None:
    assert rules.basis_quantity(basis="per_household", persons=5, area=None) == 1
    assert rules.basis_quantity(basis="per_person", persons=5, area=None) == 5
    assert rules.basis_quantity(basis="per_area", persons=5, area=120) == 120
    assert rules.basis_quantity(basis="per_area", persons=5, area=None) is None


@pytest.mark.parametrize(
    ("matter", "status", "passed", "code"),
    [
        ("D1", "recognised", True, "ok"),
        ("D2", "recognised", True, "ok"),
        ("D3", "recognised", True, "funds.vote_wrong_matter"),
        ("D6", "recognised", True, "funds.vote_wrong_matter"),
        ("D1", "closed", True, "funds.vote_not_recognised"),
        ("D1", "submitted", True, "funds.vote_not_recognised"),
        ("D1", "recognised", False, "funds.vote_not_recognised"),
        ("D2", "refused", True, "funds.vote_not_recognised"),
    ],
)
def test_only_a_recognised_d1_d2_decision_starts_a_fund(matter: str, status: str, passed: bool, code: str) -> None:
    assert rules.check_vote_starts_fund(matter=matter, status=status, passed=passed).code == code


def _terms(**extra: object) -> dict[str, object]:
    terms: dict[str, object] = {
        "basis": "per_household",
        "rate_money": 1,
        "spending_limit": 0,
        "collection_starts": START,
        "collection_ends": START,
        "decided_on": START,
        "reductions": {},
    }
    terms.update(extra)
    return terms


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({}, "ok"),  # exactly on the decision date, a one-day period
        ({"collection_starts": START - dt.timedelta(days=1)}, "funds.period_before_decision"),
        ({"collection_ends": START - dt.timedelta(days=1)}, "funds.period_reversed"),
        ({"rate_money": -1}, "funds.negative_amount"),
        ({"reductions": {"poor": 0}}, "funds.reduction_percent_range"),
        ({"reductions": {"poor": 100}}, "ok"),
        ({"reductions": {"poor": 101}}, "funds.reduction_percent_range"),
        ({"basis": "per_cow"}, "funds.basis_unknown"),
    ],
)
def test_fund_terms(extra: dict[str, object], code: str) -> None:
    assert rules.check_fund_terms(**_terms(**extra)).code == code  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("received_on", "last_statement", "code"),
    [
        (TODAY, None, "ok"),
        (TODAY + dt.timedelta(days=1), None, "funds.date_in_future"),
        (TODAY - dt.timedelta(days=3), None, "ok"),  # exactly the back-dating limit
        (TODAY - dt.timedelta(days=4), None, "funds.date_backdated"),
        (START - dt.timedelta(days=1), None, "funds.date_before_collection"),
        (dt.date(2026, 11, 8), dt.date(2026, 11, 8), "funds.date_in_published_period"),
        (dt.date(2026, 11, 9), dt.date(2026, 11, 8), "ok"),
    ],
)
def test_receipt_dates(received_on: dt.date, last_statement: dt.date | None, code: str) -> None:
    result = rules.check_receipt_date(
        received_on=received_on,
        today=TODAY,
        collection_starts=START,
        last_statement_end=last_statement,
        backdate_days=3,
    )
    assert result.code == code


@pytest.mark.parametrize(
    ("is_reversal", "already", "reason", "code"),
    [
        (False, False, "Ghi nhầm hộ", "ok"),
        (False, False, "   ", "funds.reason_required"),
        (True, False, "x", "funds.reversal_of_reversal"),
        (False, True, "x", "funds.already_reversed"),
    ],
)
def test_reversal(is_reversal: bool, already: bool, reason: str, code: str) -> None:
    assert rules.check_reversal(is_reversal=is_reversal, already_reversed=already, reason=reason).code == code


@pytest.mark.parametrize(
    ("amount", "spent", "limit", "balance", "code"),
    [
        (400, 600, 1000, 1000, "ok"),  # exactly the ceiling
        (401, 600, 1000, 1000, "funds.over_decision_limit"),
        (500, 0, 1000, 499, "funds.over_balance"),
        (0, 0, 1000, 1000, "funds.amount_not_positive"),
        (-5, 0, 1000, 1000, "funds.amount_not_positive"),
    ],
)
def test_spending_within_decision(amount: int, spent: int, limit: int, balance: int, code: str) -> None:
    assert rules.check_expense(amount=amount, spent=spent, spending_limit=limit, money_balance=balance).code == code


def test_a_float_is_not_money() -> None:
    assert rules.check_amount(1.5).code == "funds.amount_not_whole"  # type: ignore[arg-type]
    assert rules.check_amount(True).code == "funds.amount_not_whole"


def test_totals_count_reversals_negatively() -> None:
    totals = rules.totals(
        [("receipt", "money", 500), ("receipt", "money", -200), ("donation", "money", 100), ("expense", "money", 150)]
    )
    assert (totals.collected_money, totals.donated_money, totals.spent_money, totals.balance) == (300, 100, 150, 250)


@pytest.mark.parametrize(
    ("money", "in_kind", "status"),
    [
        ((500, 500), [], "paid"),
        ((500, 499), [], "part"),
        ((500, 0), [], "unpaid"),
        ((0, 0), [], "paid"),
        # Money paid in full but one bag of cement short: not in full.
        ((500, 500), [(Decimal("2"), Decimal("1"))], "part"),
        ((500, 500), [(Decimal("2"), Decimal("2")), (Decimal("3"), Decimal("3"))], "paid"),
        # Only labour given: part, not unpaid.
        ((500, 0), [(Decimal("3"), Decimal("1"))], "part"),
        # Exempt from everything: paid.
        ((0, 0), [(Decimal("0"), Decimal("0"))], "paid"),
    ],
)
def test_household_status(money: tuple[int, int], in_kind: list[tuple[Decimal, Decimal]], status: str) -> None:
    assert rules.household_status(money_due=money[0], money_paid=money[1], in_kind=in_kind) == status


# --- materials and labour ------------------------------------------------------------------------


def _kind(**extra: object) -> rules.InKindTerms:
    terms: dict[str, object] = {
        "medium": "materials",
        "item": "Xi măng PCB40",
        "unit": "bao 50 kg",
        "basis": "per_household",
        "quantity": Decimal("2"),
        "value_per_unit": 90_000,
    }
    terms.update(extra)
    return rules.InKindTerms(**terms)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("extra", "fund_basis", "code"),
    [
        ({}, "per_household", "ok"),
        ({"value_per_unit": None}, "per_household", "ok"),
        ({"medium": "money"}, "per_household", "funds.in_kind_medium"),
        ({"item": "  "}, "per_household", "funds.in_kind_item_required"),
        ({"unit": ""}, "per_household", "funds.in_kind_item_required"),
        ({"basis": "per_area"}, "per_household", "funds.in_kind_area_basis"),
        ({"basis": "per_area"}, "per_area", "ok"),
        ({"quantity": Decimal("0")}, "per_household", "funds.in_kind_quantity_range"),
        ({"quantity": Decimal("-1")}, "per_household", "funds.in_kind_quantity_range"),
        ({"quantity": Decimal("0.005")}, "per_household", "funds.in_kind_quantity_range"),
        ({"quantity": Decimal("NaN")}, "per_household", "funds.in_kind_quantity_range"),
        ({"quantity": Decimal("0.25")}, "per_household", "ok"),
        ({"medium": "labour", "quantity": Decimal("1.5")}, "per_household", "funds.labour_whole_days"),
        ({"medium": "labour", "quantity": Decimal("3")}, "per_household", "ok"),
        ({"value_per_unit": 0}, "per_household", "funds.amount_not_positive"),
        ({"value_per_unit": rules.MAX_AMOUNT + 1}, "per_household", "funds.amount_too_large"),
    ],
)
def test_check_in_kind_rate(extra: dict[str, object], fund_basis: str, code: str) -> None:
    assert rules.check_in_kind_rate(_kind(**extra), fund_basis=fund_basis).code == code


@pytest.mark.parametrize(
    ("quantity", "count", "percent", "whole", "expected"),
    [
        (Decimal("2"), 1, 0, False, Decimal("2.00")),
        (Decimal("0.25"), 5, 0, False, Decimal("1.25")),  # 0,25 m³ of sand × 5 persons
        (Decimal("0.25"), 5, 50, False, Decimal("0.62")),  # 0,625 rounded down: never a fraction it cannot give
        (Decimal("3"), 1, 50, True, Decimal("1")),  # 1,5 labour days → 1 whole day
        (Decimal("3"), 4, 0, True, Decimal("12")),
        (Decimal("2"), 1, 100, False, Decimal("0.00")),  # exempt
    ],
)
def test_in_kind_due(quantity: Decimal, count: int, percent: int, whole: bool, expected: Decimal) -> None:
    assert (
        rules.in_kind_due(quantity=quantity, basis_quantity=count, reduction_percent=percent, whole=whole) == expected
    )


def test_in_kind_value_is_whole_dong_rounded_down() -> None:
    assert rules.in_kind_value(Decimal("0.62"), 333_333) == 206_666  # 206.666,46 → 206.666
    assert rules.in_kind_value(Decimal("2"), None) is None
    assert rules.quantity_for_money(100_000, 90_000) == Decimal("1.11")


def _receipt(**extra: object) -> rules.InKindReceipt:
    terms: dict[str, object] = {
        "medium": "materials",
        "amount": None,
        "quantity": Decimal("2"),
        "rate_medium": "materials",
        "value_per_unit": 90_000,
        "fund_has_rate_of_medium": True,
    }
    terms.update(extra)
    return rules.in_kind_receipt(**terms)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("extra", "code", "amount", "quantity"),
    [
        ({}, "ok", 180_000, Decimal("2")),  # two bags valued at the decided 90.000 đ
        ({"value_per_unit": None, "amount": 150_000}, "ok", 150_000, Decimal("2")),  # no value decided: typed
        ({"value_per_unit": None}, "funds.amount_required", 0, None),
        ({"quantity": None}, "funds.in_kind_quantity_required", 0, None),
        ({"medium": "labour"}, "funds.in_kind_medium_mismatch", 0, None),
        ({"medium": "labour", "rate_medium": "labour", "quantity": Decimal("3")}, "ok", 3, Decimal("3")),
        ({"medium": "labour", "rate_medium": "labour", "quantity": Decimal("0.5")}, "funds.labour_whole_days", 0, None),
        # Money in lieu at the decided value: 135.000 đ settles 1,5 bags.
        ({"medium": "money", "amount": 135_000, "quantity": None}, "ok", 135_000, Decimal("1.5")),
        ({"medium": "money", "amount": 135_000, "value_per_unit": None}, "funds.in_kind_no_money_value", 0, None),
        ({"medium": "money", "amount": 1, "quantity": None}, "funds.amount_not_positive", 0, None),
        # Without a rate: money as always; materials only in a fund that set no materials rate.
        ({"medium": "money", "amount": 5, "rate_medium": None}, "ok", 5, None),
        ({"rate_medium": None, "amount": 5}, "funds.in_kind_rate_required", 0, None),
        ({"rate_medium": None, "amount": 5, "fund_has_rate_of_medium": False}, "ok", 5, None),
    ],
)
def test_in_kind_receipt(extra: dict[str, object], code: str, amount: int, quantity: Decimal | None) -> None:
    resolved = _receipt(**extra)
    assert resolved.result.code == code
    if code == "ok":
        assert (resolved.amount, resolved.quantity) == (amount, quantity)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1200"), "1.200"),
        (Decimal("0.25"), "0,25"),
        (Decimal("12.50"), "12,5"),
        (Decimal("-3"), "-3"),
        (7, "7"),
    ],
)
def test_quantity_text(value: Decimal | int, text: str) -> None:
    assert rules.quantity_text(value) == text


def test_quarter_ends_across_the_year() -> None:
    assert rules.quarter_ends(dt.date(2026, 11, 2), dt.date(2027, 7, 1)) == [
        dt.date(2026, 12, 31),
        dt.date(2027, 3, 31),
        dt.date(2027, 6, 30),
    ]
    assert rules.quarter_ends(dt.date(2026, 11, 2), dt.date(2026, 12, 30)) == []


def test_transitions() -> None:
    assert rules.check_transition("collecting", "closed")
    assert not rules.check_transition("closed", "collecting")
    assert rules.check_expense_transition("proposed", "approved")
    assert not rules.check_expense_transition("approved", "rejected")


def test_masked_name() -> None:
    assert rules.masked_name("Nguyễn Văn An") == "N.V. An"
    assert rules.masked_name("An") == "An"


def test_statement_period_must_have_ended_and_not_precede_the_decision() -> None:
    decided, today = dt.date(2026, 11, 1), dt.date(2027, 1, 4)
    check = rules.check_statement_period
    assert check(dt.date(2026, 10, 31), decided_on=decided, today=today).code == "funds.statement_before_decision"
    assert check(dt.date(2026, 11, 1), decided_on=decided, today=today).allowed
    assert check(dt.date(2026, 11, 20), decided_on=decided, today=today).allowed  # not a quarter end: allowed
    assert check(dt.date(2027, 1, 3), decided_on=decided, today=today).allowed
    assert check(dt.date(2027, 1, 4), decided_on=decided, today=today).code == "funds.statement_period_future"
