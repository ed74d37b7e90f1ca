"""The law of community contributions and funds, as pure functions (no queries, no settings, no request).

law.md §1(a) item 5 (K5), §1(b) D1–D2, §1(c). Money is whole đồng (``int``); nothing here uses a float.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from grassroots.calendar.rules import WorkingCalendar, add_working_days
from grassroots.core.errors import RuleResult
from grassroots.funds.models import EntryKind, ExpenseStatus, FundStatus, Medium, RateBasis

FUND_MATTERS = frozenset({"D1", "D2"})
"""A fund starts from a community decision on matter D1 (contributions to works) or D2 (collection, spending and
management of contributions and community funds): [L] art. 15(1)–(2); law.md §1(b)."""

RECOGNISED_VOTE_STATUS = "recognised"
"""Only a decision that passed and was recognised (or, for D1/D2 in a village, took effect) starts a fund:
[L] art. 21(1)–(2)."""

DISCLOSURE_CATEGORY = "K5"
"""The fund's statement is disclosure item 5: "management and use of funds, … sponsorships; contributions
mobilised from the people": [L] art. 11(5); law.md §1(a)."""

STATEMENT_MONTHS = 3
"""A statement is published each quarter and at closing (issue 18). The law sets no period for K5 beyond
art. 12(3) (5 working days after the decision) and art. 13(2) (posted ≥ 30 days); quarterly is the commune's
practice, kept here as the default."""

STATEMENT_PUBLISH_WORKING_DAYS = 5
"""A statement (a quarter's, or the final one at closing) is published within 5 working days after the day its
figures end ([L] art. 12(3): 5 working days after the information exists; the dashboard's due date)."""


def statement_due(period_end: dt.date, calendar: WorkingCalendar) -> dt.date:
    """The last day to publish the statement of the figures up to ``period_end``."""
    return add_working_days(period_end, STATEMENT_PUBLISH_WORKING_DAYS, calendar)


RECEIPT_BACKDATE_DAYS_DEFAULT = 3
"""How many days before the day of recording a receipt may be dated. Not in the law (UNCERTAIN): the setting
``GRASSROOTS_FUNDS_BACKDATE_DAYS`` with this default. A receipt is never dated before the collection starts,
in the future, or on a day an already published statement covers."""

MAX_AMOUNT = 10**12
"""The largest amount one entry, rate or ceiling may hold (1.000 tỷ đồng): far above any village's works, and
far below what a 64-bit column holds even multiplied by a household's area (not in the law; a safety bound)."""

MAX_AREA = 10**6
"""The largest area (m²) a household's per-area rate is counted on."""

FULL_REDUCTION_PERCENT = 100
"""A reduction of 100 % is an exemption (miễn)."""

TRANSITIONS: Mapping[str, frozenset[str]] = {
    FundStatus.COLLECTING: frozenset({FundStatus.CLOSED}),
    FundStatus.CLOSED: frozenset(),
}
"""The fund's state machine: collecting → closed (the final statement is published when it closes)."""

EXPENSE_TRANSITIONS: Mapping[str, frozenset[str]] = {
    ExpenseStatus.PROPOSED: frozenset({ExpenseStatus.APPROVED, ExpenseStatus.REJECTED}),
    ExpenseStatus.APPROVED: frozenset(),
    ExpenseStatus.REJECTED: frozenset(),
}


def check_transition(current: str, target: str) -> RuleResult:
    if target in TRANSITIONS.get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse("funds.transition_not_allowed", current=current, target=target)


def check_expense_transition(current: str, target: str) -> RuleResult:
    if target in EXPENSE_TRANSITIONS.get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse("funds.transition_not_allowed", current=current, target=target)


# ---------------------------------------------------------------------------------------------
# The decision a fund starts from
# ---------------------------------------------------------------------------------------------


def check_vote_starts_fund(*, matter: str, status: str, passed: bool | None) -> RuleResult:
    """A recognised D1/D2 decision that passed (≥ 2/3 of households, [L] art. 21(1))."""
    if matter not in FUND_MATTERS:
        return RuleResult.refuse("funds.vote_wrong_matter", matter=matter)
    if status != RECOGNISED_VOTE_STATUS or not passed:
        return RuleResult.refuse("funds.vote_not_recognised")
    return RuleResult.ok()


def check_fund_terms(
    *,
    basis: str,
    rate_money: int,
    spending_limit: int,
    collection_starts: dt.date,
    collection_ends: dt.date,
    decided_on: dt.date,
    reductions: Mapping[str, int],
) -> RuleResult:
    """The decided terms hold together: a rate, a spending ceiling, a period after the decision, reductions 1–100 %."""
    if basis not in RateBasis.values:
        return RuleResult.refuse("funds.basis_unknown")
    if rate_money < 0 or spending_limit < 0:
        return RuleResult.refuse("funds.negative_amount")
    if rate_money > MAX_AMOUNT or spending_limit > MAX_AMOUNT:
        return RuleResult.refuse("funds.amount_too_large")
    if collection_ends < collection_starts:
        return RuleResult.refuse("funds.period_reversed")
    if collection_starts < decided_on:
        return RuleResult.refuse("funds.period_before_decision")
    for percent in reductions.values():
        if not 1 <= percent <= FULL_REDUCTION_PERCENT:
            return RuleResult.refuse("funds.reduction_percent_range")
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# Materials and labour (hiện vật, ngày công)
# ---------------------------------------------------------------------------------------------

IN_KIND_MEDIA = frozenset({Medium.MATERIALS, Medium.LABOUR})
"""Contributions in kind the decision may set besides money ([L] art. 15(1): "đóng góp … bằng hiện vật, ngày công")."""

QUANTITY_PLACES = Decimal("0.01")
"""Quantities of materials are kept to the hundredth of their unit (0,25 m³ of sand); never a float."""


@dataclass(frozen=True)
class InKindTerms:
    """One decided rate in kind: what, in which unit, how much per household, person or m², its value in đồng."""

    medium: str
    item: str
    unit: str
    basis: str
    quantity: Decimal
    value_per_unit: int | None = None


def check_in_kind_rate(terms: InKindTerms, *, fund_basis: str) -> RuleResult:
    """A rate in kind names what and in which unit, a positive quantity (whole days for labour, hundredths for
    materials), a basis the register can count (per m² only when the fund counts areas), and a positive value."""
    if terms.medium not in IN_KIND_MEDIA:
        return RuleResult.refuse("funds.in_kind_medium")
    if not terms.item.strip() or not terms.unit.strip():
        return RuleResult.refuse("funds.in_kind_item_required")
    if terms.basis not in RateBasis.values:
        return RuleResult.refuse("funds.basis_unknown")
    if terms.basis == RateBasis.PER_AREA and fund_basis != RateBasis.PER_AREA:
        return RuleResult.refuse("funds.in_kind_area_basis")
    quantity = terms.quantity
    if not isinstance(quantity, Decimal) or not quantity.is_finite() or not 0 < quantity <= MAX_AREA:
        return RuleResult.refuse("funds.in_kind_quantity_range")
    if quantity != quantity.quantize(QUANTITY_PLACES, rounding=ROUND_DOWN):
        return RuleResult.refuse("funds.in_kind_quantity_range")
    if terms.medium == Medium.LABOUR and quantity != quantity.to_integral_value():
        return RuleResult.refuse("funds.labour_whole_days")
    if terms.value_per_unit is not None:
        if isinstance(terms.value_per_unit, bool) or terms.value_per_unit <= 0:
            return RuleResult.refuse("funds.amount_not_positive")
        if terms.value_per_unit > MAX_AMOUNT:
            return RuleResult.refuse("funds.amount_too_large")
    return RuleResult.ok()


def in_kind_due(*, quantity: Decimal, basis_quantity: int, reduction_percent: int, whole: bool = False) -> Decimal:
    """A household's share of a rate in kind: rate × its households, persons or m², less its reduction, rounded
    down (to the hundredth, or to the whole day for labour): the household never owes a fraction it cannot give."""
    if not 0 <= reduction_percent <= FULL_REDUCTION_PERCENT:
        raise ValueError("percent out of range")
    if basis_quantity < 0:
        raise ValueError("quantity must not be negative")
    exact = quantity * basis_quantity * (FULL_REDUCTION_PERCENT - reduction_percent) / FULL_REDUCTION_PERCENT
    return exact.quantize(Decimal(1) if whole else QUANTITY_PLACES, rounding=ROUND_DOWN)


def in_kind_value(quantity: Decimal, value_per_unit: int | None) -> int | None:
    """The value in whole đồng of ``quantity`` units (rounded down); ``None`` when the households set no value."""
    if value_per_unit is None:
        return None
    return int((quantity * value_per_unit).to_integral_value(rounding=ROUND_DOWN))


def quantity_for_money(amount: int, value_per_unit: int) -> Decimal:
    """How many units a money payment in lieu settles at the decided value (rounded down to the hundredth)."""
    try:
        return (Decimal(amount) / Decimal(value_per_unit)).quantize(QUANTITY_PLACES, rounding=ROUND_DOWN)
    except (InvalidOperation, ZeroDivisionError) as error:
        raise ValueError("no value per unit") from error


def quantity_text(value: Decimal | int | None) -> str:
    """A quantity the Vietnamese way: "1.200", "0,25", "12,5" (dot for thousands, comma for decimals)."""
    if value is None:
        return ""
    number = Decimal(value).quantize(QUANTITY_PLACES, rounding=ROUND_DOWN)
    whole, _dot, fraction = f"{number:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-')):,}".replace(",", ".")
    fraction = fraction.rstrip("0")
    return sign + grouped + ("," + fraction if fraction else "")


@dataclass(frozen=True)
class InKindReceipt:
    """What a receipt towards a rate in kind records: ``amount`` (đồng, or days for labour) and ``quantity``."""

    result: RuleResult
    amount: int = 0
    quantity: Decimal | None = None


def in_kind_receipt(
    *,
    medium: str,
    amount: int | None,
    quantity: Decimal | None,
    rate_medium: str | None,
    value_per_unit: int | None,
    fund_has_rate_of_medium: bool,
) -> InKindReceipt:
    """Resolve one receipt of a household: money, or towards a decided rate in kind (``rate_medium`` given).

    - money for a rate: allowed only at a value the households decided; settles ``amount / value`` units;
    - materials for a rate: ``quantity`` units, valued at the decided value (or at the typed ``amount`` when none);
    - labour for a rate: ``quantity`` whole days (the ledger's amount is the days);
    - materials or labour without a rate: only in a fund that set no rate of that kind (the old, valued way).
    """
    if rate_medium is None:
        if medium in IN_KIND_MEDIA and fund_has_rate_of_medium:
            return InKindReceipt(RuleResult.refuse("funds.in_kind_rate_required"))
        if amount is None:
            return InKindReceipt(RuleResult.refuse("funds.amount_required"))
        return InKindReceipt(check_amount(amount), amount, None)
    if medium == Medium.MONEY:
        if value_per_unit is None:
            return InKindReceipt(RuleResult.refuse("funds.in_kind_no_money_value"))
        if amount is None:
            return InKindReceipt(RuleResult.refuse("funds.amount_required"))
        checked = check_amount(amount)
        if not checked:
            return InKindReceipt(checked)
        settled = quantity_for_money(amount, value_per_unit)
        if settled <= 0:
            return InKindReceipt(RuleResult.refuse("funds.amount_not_positive"))
        return InKindReceipt(RuleResult.ok(), amount, settled)
    if medium != rate_medium:
        return InKindReceipt(RuleResult.refuse("funds.in_kind_medium_mismatch"))
    if quantity is None:
        return InKindReceipt(RuleResult.refuse("funds.in_kind_quantity_required"))
    if not quantity.is_finite() or not 0 < quantity <= MAX_AREA or quantity != quantity.quantize(QUANTITY_PLACES):
        return InKindReceipt(RuleResult.refuse("funds.in_kind_quantity_range"))
    if medium == Medium.LABOUR:
        if quantity != quantity.to_integral_value():
            return InKindReceipt(RuleResult.refuse("funds.labour_whole_days"))
        return InKindReceipt(RuleResult.ok(), int(quantity), quantity)
    valued = in_kind_value(quantity, value_per_unit)
    if valued is None:
        if amount is None:
            return InKindReceipt(RuleResult.refuse("funds.amount_required"))
        valued = amount
    checked = check_amount(valued)
    return InKindReceipt(checked, valued, quantity)


# ---------------------------------------------------------------------------------------------
# Obligations
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    money: int
    labour_days: int


def apply_reduction(amount: int, percent: int) -> int:
    """``amount`` less ``percent`` %, rounded down to the whole đồng (or day): the household never owes a fraction.

    Integer arithmetic only: ``amount × (100 − percent) // 100``.
    """
    if not 0 <= percent <= FULL_REDUCTION_PERCENT:
        raise ValueError("percent out of range")
    return amount * (FULL_REDUCTION_PERCENT - percent) // FULL_REDUCTION_PERCENT


def obligation_due(*, rate_money: int, rate_labour_days: int, quantity: int, reduction_percent: int = 0) -> Due:
    """What one household owes: rate × quantity (1 household, its persons, or its m²), less its reduction."""
    if quantity < 0:
        raise ValueError("quantity must not be negative")
    return Due(
        money=apply_reduction(rate_money * quantity, reduction_percent),
        labour_days=apply_reduction(rate_labour_days * quantity, reduction_percent),
    )


def basis_quantity(*, basis: str, persons: int, area: int | None) -> int | None:
    """The quantity a household's rate is counted on; ``None`` when the area a per-m² rate needs is missing."""
    if basis == RateBasis.PER_HOUSEHOLD:
        return 1
    if basis == RateBasis.PER_PERSON:
        return persons
    return area


# ---------------------------------------------------------------------------------------------
# Entries
# ---------------------------------------------------------------------------------------------


def check_fund_open(status: str) -> RuleResult:
    if status != FundStatus.COLLECTING:
        return RuleResult.refuse("funds.fund_closed")
    return RuleResult.ok()


def decision_number_key(number: str) -> str:
    """A decision number compared as a clerk would read it: spaces and letter case do not make it another one."""
    return "".join(number.split()).casefold()


def check_new_commune_decision(
    *,
    decision_number: str,
    decided_on: dt.date | None,
    fund_decision_number: str,
    fund_decided_on: dt.date,
    earlier_numbers: Iterable[str],
    today: dt.date,
) -> RuleResult:
    """Spending beyond what the decision allowed needs a new decision ([L] art. 15(2); law.md §1(b)).

    For a fund set up by a commune decision the new decision is a commune decision with its number and date: its
    number is neither the fund's own nor one an earlier raise already used, and it took effect after the fund's
    decision (a decision of that day or earlier is the one that allowed less) and not after today (a decision
    not yet taken allows nothing).
    """
    if not decision_number.strip() or decided_on is None:
        return RuleResult.refuse("funds.decision_required")
    key = decision_number_key(decision_number)
    used = {decision_number_key(fund_decision_number), *(decision_number_key(n) for n in earlier_numbers)}
    if key in used or decided_on <= fund_decided_on:
        return RuleResult.refuse("funds.limit_needs_new_decision")
    if decided_on > today:
        return RuleResult.refuse("funds.decision_in_future")
    return RuleResult.ok()


def check_statement_period(period_end: dt.date, *, decided_on: dt.date, today: dt.date) -> RuleResult:
    """A statement reports a period that has ended and that the fund existed in.

    ``period_end`` must be before today (a period still running has no final figures) and not before the date
    the decision took effect (``decided_on``): the fund had no money before it, so a K5 statement for such a
    period would publish figures that cannot exist ([L] art. 11(5) as to what is disclosed, art. 12(3) as
    to when). Any day in between is accepted: the quarter ends are the practice (``STATEMENT_MONTHS``), not a
    legal requirement.
    """
    if period_end >= today:
        return RuleResult.refuse("funds.statement_period_future")
    if period_end < decided_on:
        return RuleResult.refuse("funds.statement_before_decision")
    return RuleResult.ok()


def check_amount(amount: int) -> RuleResult:
    if isinstance(amount, bool) or not isinstance(amount, int):
        return RuleResult.refuse("funds.amount_not_whole")
    if amount <= 0:
        return RuleResult.refuse("funds.amount_not_positive")
    if amount > MAX_AMOUNT:
        return RuleResult.refuse("funds.amount_too_large")
    return RuleResult.ok()


def check_receipt_date(
    *,
    received_on: dt.date,
    today: dt.date,
    collection_starts: dt.date,
    last_statement_end: dt.date | None,
    backdate_days: int,
) -> RuleResult:
    """A receipt is dated on a real, recent day: not in the future, not before the collection starts, not more than
    ``backdate_days`` before today, and not inside a period a published statement already covers."""
    if received_on > today:
        return RuleResult.refuse("funds.date_in_future")
    if received_on < collection_starts:
        return RuleResult.refuse("funds.date_before_collection")
    if received_on < today - dt.timedelta(days=backdate_days):
        return RuleResult.refuse("funds.date_backdated", days=backdate_days)
    if last_statement_end is not None and received_on <= last_statement_end:
        return RuleResult.refuse("funds.date_in_published_period")
    return RuleResult.ok()


def check_reversal(*, is_reversal: bool, already_reversed: bool, reason: str) -> RuleResult:
    """A correction reverses one entry once, with a reason; a reversal is not itself reversed (record it again)."""
    if not reason.strip():
        return RuleResult.refuse("funds.reason_required")
    if is_reversal:
        return RuleResult.refuse("funds.reversal_of_reversal")
    if already_reversed:
        return RuleResult.refuse("funds.already_reversed")
    return RuleResult.ok()


def check_reversal_balance(*, kind: str, medium: str, amount: int, money_balance: int) -> RuleResult:
    """A reversal never leaves the fund holding less than nothing.

    Reversing money received (a household's receipt or a donation, in money) takes it out of the cash balance
    (``Totals.balance``). When that cash was already spent, the balance would go negative: a ledger showing money
    the treasurer cannot hold, published as K5 ([L] art. 11(5)) and checked by the inspection board ([L] art. 35).
    Refused (issue 18 asks for corrections by reversing entries, never that every reversal be possible): the
    approver first reverses the expense that was paid from it, or the right receipt is recorded first. A balance
    exactly equal to the amount is allowed (it ends at zero). Reversals of expenses give money back, and materials
    or labour are not cash: neither is limited here.
    """
    if medium != Medium.MONEY or kind not in (EntryKind.RECEIPT, EntryKind.DONATION):
        return RuleResult.ok()
    if amount > money_balance:
        return RuleResult.refuse("funds.reversal_over_balance", balance=money_balance, amount=amount)
    return RuleResult.ok()


def check_expense(*, amount: int, spent: int, spending_limit: int, money_balance: int) -> RuleResult:
    """Spending stays within what the decision allowed and what the fund holds.

    Spending beyond the decided ceiling needs a new community decision ([L] art. 15(2): the community decides
    how its contributions are spent); spending money the fund does not hold is impossible.
    """
    result = check_amount(amount)
    if not result:
        return result
    if spent + amount > spending_limit:
        return RuleResult.refuse("funds.over_decision_limit", limit=spending_limit, spent=spent, amount=amount)
    if amount > money_balance:
        return RuleResult.refuse("funds.over_balance", balance=money_balance, amount=amount)
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# Sums: one function, used by the ledger page, the statement, the command that verifies
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    collected_money: int
    collected_materials: int
    collected_labour_days: int
    donated_money: int
    donated_materials: int
    spent_money: int

    @property
    def money_in(self) -> int:
        return self.collected_money + self.donated_money

    @property
    def balance(self) -> int:
        """Money the treasurer holds: money in less money out (materials and labour are not cash)."""
        return self.money_in - self.spent_money


def totals(rows: Iterable[tuple[str, str, int]]) -> Totals:
    """Sums from ``(kind, medium, signed_amount)`` rows (a reversal's amount negative)."""
    sums: dict[tuple[str, str], int] = {}
    for kind, medium, amount in rows:
        sums[(kind, medium)] = sums.get((kind, medium), 0) + amount
    return Totals(
        collected_money=sums.get((EntryKind.RECEIPT, Medium.MONEY), 0),
        collected_materials=sums.get((EntryKind.RECEIPT, Medium.MATERIALS), 0),
        collected_labour_days=sums.get((EntryKind.RECEIPT, Medium.LABOUR), 0),
        donated_money=sums.get((EntryKind.DONATION, Medium.MONEY), 0),
        donated_materials=sums.get((EntryKind.DONATION, Medium.MATERIALS), 0),
        spent_money=sums.get((EntryKind.EXPENSE, Medium.MONEY), 0),
    )


PAID_IN_FULL = "paid"
PAID_PART = "part"
NOT_PAID = "unpaid"


def household_status(*, money_due: int, money_paid: int, in_kind: Iterable[tuple[Decimal, Decimal]] = ()) -> str:
    """Paid in full, partly, or not yet: the only fact the public list shows besides (optionally) the amount paid.

    ``in_kind``: for each rate in materials or labour, ``(quantity due, quantity settled)``; settled counts what
    was delivered or worked and what was paid in money at the decided value. In full means the money and every
    rate in kind. Materials given without a rate (before rates were structured) count towards money at their value.
    """
    lines = list(in_kind)
    if money_paid >= money_due and all(settled >= due for due, settled in lines):
        return PAID_IN_FULL
    if money_paid > 0 or any(settled > 0 for _due, settled in lines):
        return PAID_PART
    return NOT_PAID


def quarter_ends(start: dt.date, until: dt.date) -> list[dt.date]:
    """The last days of the quarters that ended after ``start`` and on or before ``until``."""
    ends: list[dt.date] = []
    year, quarter = start.year, (start.month - 1) // STATEMENT_MONTHS
    while True:
        month = quarter * STATEMENT_MONTHS + STATEMENT_MONTHS
        end = dt.date(year + (month // 12), month % 12 + 1, 1) - dt.timedelta(days=1)
        if end > until:
            return ends
        if end >= start:
            ends.append(end)
        quarter += 1
        if quarter == 12 // STATEMENT_MONTHS:
            quarter, year = 0, year + 1


def masked_name(full_name: str) -> str:
    """A household representative's name as the public ledger shows it: initials and the given name
    ("Nguyễn Văn An" → "N.V. An"), enough for neighbours to find their line, not a full identity."""
    parts = full_name.split()
    if len(parts) <= 1:
        return full_name
    return "".join(part[0] + "." for part in parts[:-1]) + " " + parts[-1]


# ---------------------------------------------------------------------------------------------
# Verification (``manage.py funds_verify``): what the stored obligations and in-kind receipts must satisfy
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredDue:
    """One household's stored share of one rate in kind, with the rate as stored."""

    rate_id: int
    medium: str
    basis: str
    rate_quantity: Decimal | None
    value_per_unit: int | None
    quantity_due: Decimal
    value_due: int | None


@dataclass(frozen=True)
class StoredObligation:
    """One household's stored obligation (``Obligation`` and its ``InKindDue`` rows) as ``funds_verify`` reads it."""

    household_id: int
    quantity: int
    reduction_category: str
    reduction_percent: int
    money_due: int
    labour_days_due: int
    dues: tuple[StoredDue, ...] = ()


def obligation_problems(
    obligation: StoredObligation, *, fund_basis: str, rate_money: int, reductions: Mapping[str, int]
) -> list[str]:
    """What in one household's stored obligation does not follow from the decision (empty: all of it does).

    The same computation as ``services.fund_create``: the reduction the decision gives its category, the money
    due (``obligation_due``), each share in kind (``in_kind_due``) where its basis quantity is known from the
    obligation (the fund's own basis, or per household), its value in đồng (``in_kind_value``), and the labour
    days due (the whole days of every labour rate). A share of a per-person rate in a fund counted otherwise is
    not recomputed (the persons counted are not stored); the audited fingerprint covers it.
    """
    problems: list[str] = []
    if obligation.reduction_category:
        expected_percent = reductions.get(obligation.reduction_category)
        if expected_percent is None:
            problems.append("reduction_not_in_decision")
            expected_percent = obligation.reduction_percent
    else:
        expected_percent = 0
    if obligation.reduction_percent != expected_percent:
        problems.append("reduction_percent")
    percent = expected_percent if 0 <= expected_percent <= FULL_REDUCTION_PERCENT else 0
    due = obligation_due(
        rate_money=rate_money, rate_labour_days=0, quantity=max(obligation.quantity, 0), reduction_percent=percent
    )
    if obligation.money_due != due.money:
        problems.append("money_due")
    for share in obligation.dues:
        known = {fund_basis: obligation.quantity, RateBasis.PER_HOUSEHOLD: 1}
        basis_quantity = known.get(share.basis)
        if share.rate_quantity is not None and basis_quantity is not None:
            expected = in_kind_due(
                quantity=share.rate_quantity,
                basis_quantity=max(basis_quantity, 0),
                reduction_percent=percent,
                whole=share.medium == Medium.LABOUR,
            )
            if share.quantity_due != expected:
                problems.append(f"in_kind_due:{share.rate_id}")
        if share.value_due != in_kind_value(share.quantity_due, share.value_per_unit):
            problems.append(f"in_kind_value:{share.rate_id}")
    labour = sum((share.quantity_due for share in obligation.dues if share.medium == Medium.LABOUR), Decimal(0))
    if obligation.labour_days_due != int(labour):
        problems.append("labour_days_due")
    return problems


def obligations_fingerprint(obligations: Iterable[StoredObligation]) -> str:
    """A SHA-256 over every household's obligation and shares in kind, in household order.

    Written into the fund's creation audit event (hash-chained, so it cannot be edited either): an obligation
    changed afterwards in the database, even consistently with the decision (a household given a reduction
    the meeting did not give it), no longer matches it.
    """

    def places(value: Decimal) -> str:
        return str(Decimal(value).quantize(QUANTITY_PLACES, rounding=ROUND_DOWN))

    canonical = [
        [
            item.household_id,
            item.quantity,
            item.reduction_category,
            item.reduction_percent,
            item.money_due,
            item.labour_days_due,
            sorted([share.rate_id, places(share.quantity_due), share.value_due] for share in item.dues),
        ]
        for item in sorted(obligations, key=lambda item: item.household_id)
    ]
    return hashlib.sha256(json.dumps(canonical, separators=(",", ":")).encode()).hexdigest()


def in_kind_entry_problem(
    *, medium: str, amount: int, quantity: Decimal | None, rate_medium: str, value_per_unit: int | None
) -> str:
    """Whether a receipt towards a rate in kind is what ``in_kind_receipt`` would have recorded at the rate as stored:
    labour days equal to its amount, materials valued at the decided value, money in lieu settling ``amount /
    value`` units. Empty when it is; a code otherwise (a rate's value changed after receipts were counted at it)."""
    if quantity is None:
        return "in_kind_quantity_missing"
    if medium == Medium.MONEY:
        if value_per_unit is None or quantity != quantity_for_money(amount, value_per_unit):
            return "in_kind_money_value"
        return ""
    if medium != rate_medium:
        return "in_kind_medium"
    if medium == Medium.LABOUR:
        return "" if Decimal(amount) == quantity else "in_kind_labour_days"
    valued = in_kind_value(quantity, value_per_unit)
    if valued is not None and valued != amount:
        return "in_kind_materials_value"
    return ""
