"""Property-based attack on the ledger (issue 20, issue 18): any sequence of receipts, corrections and expenses.

Hypothesis draws sequences of operations with junk mixed in (negative, zero and huge amounts, dates far in the
past and in the future, a household of another village, empty and NUL reasons, the proposer approving their own
expense, a correction of a correction) and runs them against one fund. After every operation:

- the operation either succeeded or refused with a ``DomainError`` in Vietnamese, and a refusal wrote nothing
  (entries, expenses, audit events counted before and after);
- the database's grouped sums equal the entry-by-entry recomputation (``funds_verify``'s check);
- money spent never passes the ceiling the households decided (a new decision is the only way beyond);
- an entry is corrected at most once, and a correction is never itself corrected;
- every approved expense has exactly one expense entry, and no other expense has one;
- every entry written is matched by its audit event.

Examples are derandomised so CI is reproducible; ``SERVICE_PROPERTY_EXAMPLES`` raises the count.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from django.db.models import Count
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_household, make_unit
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.funds import selectors, services
from grassroots.funds.models import Entry, EntryKind, Expense, ExpenseStatus, Fund, Medium
from grassroots.funds.tests.conftest import NOW, PNG, TODAY
from grassroots.units.models import AdministrativeUnit, Household

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("SERVICE_PROPERTY_EXAMPLES", "25"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

AMOUNTS = st.one_of(
    st.just(500_000),
    st.sampled_from([0, -1, 1, 499_999, 500_000, 1_000_000, 1_000_001, 10**15]),
    st.integers(min_value=-(10**6), max_value=2 * 10**6),
)
DAY_OFFSETS = st.one_of(
    st.just(0), st.sampled_from([0, 1, -1, -8, -400, 30_000]), st.integers(min_value=-60, max_value=3)
)
REASONS = st.sampled_from(["", "   ", "\x00", "Ghi nhầm số tiền", "x" * 5_000])
INDEXES = st.integers(min_value=0, max_value=7)

OPERATIONS = st.one_of(
    st.tuples(st.just("receipt"), st.integers(min_value=0, max_value=3), AMOUNTS, DAY_OFFSETS),
    st.tuples(st.just("reverse"), INDEXES, REASONS, st.booleans()),
    st.tuples(st.just("propose"), AMOUNTS, DAY_OFFSETS),
    st.tuples(st.just("approve"), INDEXES, st.booleans()),
    st.tuples(st.just("reject"), INDEXES, REASONS),
)


HAPPY_PATH = [
    ("receipt", 0, 500_000, 0),
    ("receipt", 1, 500_000, -1),
    ("propose", 600_000, 0),
    ("approve", 0, True),  # the proposer approving their own expense: refused
    ("approve", 0, False),
    ("approve", 0, False),  # twice: refused
    ("reverse", 0, "Ghi nhầm số tiền", False),
    ("reverse", 0, "Lần hai", False),  # the same entry again: refused
]
"""A sequence that reaches every success and the main refusals, run before the drawn ones."""


def _vietnamese(message: str) -> bool:
    return bool(message.strip()) and any(ord(char) > 127 for char in message)


def _counts() -> tuple[int, int, int]:
    return Entry.objects.count(), Expense.objects.count(), AuditEvent.objects.count()


def _pick(rows: list[Any], index: int) -> Any:
    return rows[index % len(rows)] if rows else None


def _run(operation: tuple[Any, ...], *, fund: Fund, households: list[Household], clerk: User, approver: User) -> bool:
    """Run one operation; False when it had nothing to act on (no entry or expense yet)."""
    kind = operation[0]
    if kind == "receipt":
        _, which, amount, offset = operation
        services.receipt_record(
            fund=fund,
            household=households[which],
            amount=amount,
            received_on=TODAY + dt.timedelta(days=offset),
            actor=clerk,
            now=NOW,
        )
    elif kind == "reverse":
        _, index, reason, by_approver = operation
        entry = _pick(list(Entry.objects.filter(fund=fund).order_by("number")), index)
        if entry is None:
            return False
        services.entry_reverse(entry=entry, reason=reason, actor=approver if by_approver else clerk, now=NOW)
    elif kind == "propose":
        _, amount, offset = operation
        services.expense_propose(
            fund=fund,
            work_item="Mua xi măng",
            amount=amount,
            spent_on=TODAY + dt.timedelta(days=offset),
            evidence_name="hoa-don.png",
            evidence_content=PNG,
            actor=clerk,
            now=NOW,
        )
    elif kind == "approve":
        _, index, by_proposer = operation
        expense = _pick(list(Expense.objects.filter(fund=fund).order_by("pk")), index)
        if expense is None:
            return False
        services.expense_approve(expense=expense, actor=clerk if by_proposer else approver, now=NOW)
    else:
        _, index, reason = operation
        expense = _pick(list(Expense.objects.filter(fund=fund).order_by("pk")), index)
        if expense is None:
            return False
        services.expense_reject(expense=expense, reason=reason, actor=approver, now=NOW)
    return True


def _check_ledger(fund: Fund) -> None:
    fund.refresh_from_db()
    totals = selectors.fund_totals(fund)
    assert totals == selectors.fund_totals_recomputed(fund)
    if fund.spending_limit is not None:
        assert totals.spent_money <= fund.spending_limit
    # The treasurer never holds less than nothing: not now, nor after any entry in ledger order (a reversal that
    # would take money already spent is refused, ``rules.check_reversal_balance``).
    assert totals.balance >= 0, totals
    running = 0
    for number, kind, medium, amount, reverses in (
        Entry.objects.filter(fund=fund).order_by("number").values_list("number", "kind", "medium", "amount", "reverses")
    ):
        if medium == Medium.MONEY:
            signed = -amount if reverses is not None else amount
            running += -signed if kind == EntryKind.EXPENSE else signed
        assert running >= 0, f"cash balance {running} after entry {number}"
    corrected = Entry.objects.filter(fund=fund, reverses__isnull=False)
    assert not corrected.values("reverses").annotate(times=Count("pk")).filter(times__gt=1).exists()
    assert not corrected.filter(reverses__reverses__isnull=False).exists()
    for expense in Expense.objects.filter(fund=fund):
        entries = Entry.objects.filter(expense=expense, reverses__isnull=True).count()
        assert entries == (1 if expense.status == ExpenseStatus.APPROVED else 0), expense.status
    entry_events = AuditEvent.objects.filter(code__startswith="funds.entry.").count()
    assert entry_events == Entry.objects.filter(fund=fund).count()


def test_any_sequence_keeps_the_ledger_whole(
    fund: Fund, community: AdministrativeUnit, other_commune: AdministrativeUnit, village_head: User, approver: User
) -> None:
    households = list(Household.objects.filter(community=community).order_by("code"))[:3]
    households.append(make_household(make_unit("community", "Thôn Lạ", other_commune), "LA-01"))
    assert len(households) == 4
    succeeded: list[str] = []
    refused: set[str] = set()

    @SETTINGS
    @given(st.lists(OPERATIONS, min_size=1, max_size=8))
    @example(HAPPY_PATH)
    def run(operations: list[tuple[Any, ...]]) -> None:
        for operation in operations:
            before = _counts()
            try:
                acted = _run(operation, fund=fund, households=households, clerk=village_head, approver=approver)
            except DomainError as refusal:
                assert _vietnamese(str(refusal.message)), f"{refusal.code}: {refusal.message!r}"
                assert _counts() == before, f"{refusal.code}: a refusal wrote rows"
                refused.add(refusal.code)
            else:
                if acted:
                    succeeded.append(operation[0])
            _check_ledger(fund)

    run()
    # The property run must have exercised both sides, or it proved nothing.
    assert {"receipt", "reverse", "propose", "approve"} <= set(succeeded), sorted(set(succeeded))
    assert {"funds.household_not_in_fund", "funds.approver_is_proposer"} & refused, refused
