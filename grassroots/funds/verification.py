"""Reads of ``manage.py funds_verify`` beyond the ledger's sums: in-kind contributions and per-household amounts.

Each function names what differs in one fund, as short English lines for the operator (empty: nothing does):

- ``obligation_problems``: every household's stored obligation and shares in kind recomputed from the decision
  (``rules.obligation_problems``), and all of them against the fingerprint its creation audit event holds;
- ``in_kind_problems``: the rates in kind against the audited decision, each receipt in kind against the rate it
  was counted at, and the per-rate totals the pages show (database sums) against an entry-by-entry recomputation;
- ``household_paid_problems``: what each household paid as the pages count it (one grouped query) against an
  entry-by-entry recomputation.

A clerk with a database client can change obligations, dues and rates (only entries and settings are
append-only): these checks are how such an edit is found.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from grassroots.core.models import AuditEvent
from grassroots.funds import rules, selectors
from grassroots.funds.models import Entry, EntryKind, Fund, InKindDue, InKindRate, Medium, Obligation, Reduction


def creation_event(fund: Fund) -> AuditEvent | None:
    return (
        AuditEvent.objects.filter(object_type=Fund._meta.label_lower, object_id=str(fund.pk), code="funds.fund.created")
        .order_by("id")
        .first()
    )


def stored_obligations(fund: Fund, rates: list[InKindRate]) -> list[rules.StoredObligation]:
    """Every household's obligation with its shares in kind, as the database holds them: two queries."""
    by_rate = {rate.pk: rate for rate in rates}
    dues: dict[int, list[rules.StoredDue]] = defaultdict(list)
    for obligation_id, rate_id, quantity, value in (
        InKindDue.objects.filter(obligation__fund=fund)
        .order_by("obligation_id", "rate_id")
        .values_list("obligation_id", "rate_id", "quantity_due", "value_due")
        .iterator()
    ):
        rate = by_rate.get(rate_id)
        dues[obligation_id].append(
            rules.StoredDue(
                rate_id=rate_id,
                medium=rate.medium if rate is not None else "",
                basis=rate.basis if rate is not None else "",
                rate_quantity=rate.quantity if rate is not None else None,
                value_per_unit=rate.value_per_unit if rate is not None else None,
                quantity_due=Decimal(quantity),
                value_due=value,
            )
        )
    return [
        rules.StoredObligation(
            household_id=household_id,
            quantity=quantity,
            reduction_category=category,
            reduction_percent=percent,
            money_due=money_due,
            labour_days_due=labour_days_due,
            dues=tuple(dues.get(pk, ())),
        )
        for pk, household_id, quantity, category, percent, money_due, labour_days_due in Obligation.objects.filter(
            fund=fund
        )
        .order_by("household_id")
        .values_list(
            "pk",
            "household_id",
            "quantity",
            "reduction_category",
            "reduction_percent",
            "money_due",
            "labour_days_due",
        )
        .iterator()
    ]


def obligation_problems(
    fund: Fund, rates: list[InKindRate], obligations: list[rules.StoredObligation], created: AuditEvent | None
) -> list[str]:
    problems: list[str] = []
    reductions = dict(Reduction.objects.filter(fund=fund).values_list("category", "percent"))
    owed_rates = [rate.pk for rate in rates if rate.quantity is not None]
    for obligation in obligations:
        found = rules.obligation_problems(
            obligation, fund_basis=fund.basis, rate_money=fund.rate_money, reductions=reductions
        )
        present = {share.rate_id for share in obligation.dues}
        found.extend(f"in_kind_due_missing:{rate_id}" for rate_id in owed_rates if rate_id not in present)
        if found:
            problems.append(
                f"fund {fund.pk}: household {obligation.household_id} obligation differs from the decision "
                f"({', '.join(found)})"
            )
    after: dict[str, Any] = (created.after or {}) if created is not None else {}
    if "households" in after and after["households"] != len(obligations):
        problems.append(
            f"fund {fund.pk}: {len(obligations)} household obligations, {after['households']} when it was created"
        )
    audited_terms = {key: after[key] for key in ("basis", "rate_money") if key in after}
    stored_terms = {"basis": fund.basis, "rate_money": fund.rate_money}
    if any(stored_terms[key] != value for key, value in audited_terms.items()):
        problems.append(f"fund {fund.pk}: rate differs from the decision recorded when it was created")
    if "reductions" in after and after["reductions"] != reductions:
        problems.append(f"fund {fund.pk}: reductions differ from the decision recorded when it was created")
    if "money_due_total" in after and after["money_due_total"] != sum(item.money_due for item in obligations):
        problems.append(f"fund {fund.pk}: money due in total differs from when it was created")
    fingerprint = after.get("obligations_fingerprint")
    if fingerprint is not None and fingerprint != rules.obligations_fingerprint(obligations):
        problems.append(f"fund {fund.pk}: household obligations changed since the fund was created")
    return problems


def _audited_quantity(value: Any) -> Decimal | None:
    return None if value in (None, "None", "") else Decimal(str(value))


def in_kind_problems(
    fund: Fund, rates: list[InKindRate], obligations: list[rules.StoredObligation], created: AuditEvent | None
) -> list[str]:
    problems: list[str] = []
    after: dict[str, Any] = (created.after or {}) if created is not None else {}
    audited = after.get("in_kind_rates")
    if audited is not None:
        stored = [(rate.medium, rate.item, rate.unit, rate.basis, rate.quantity, rate.value_per_unit) for rate in rates]
        decided = [
            (
                term.get("medium"),
                term.get("item"),
                term.get("unit"),
                term.get("basis"),
                _audited_quantity(term.get("quantity")),
                term.get("value_per_unit"),
            )
            for term in audited
        ]
        if stored != decided:
            problems.append(f"fund {fund.pk}: rates in kind differ from the decision recorded when it was created")
    by_rate = {rate.pk: rate for rate in rates}
    settled: dict[int, Decimal] = defaultdict(Decimal)
    for number, medium, amount, rate_id, quantity, reverses_id in (
        Entry.objects.filter(fund=fund, kind=EntryKind.RECEIPT, in_kind_rate__isnull=False)
        .order_by("number")
        .values_list("number", "medium", "amount", "in_kind_rate_id", "quantity", "reverses_id")
        .iterator()
    ):
        rate = by_rate.get(rate_id)
        if rate is None:
            problems.append(f"fund {fund.pk}: entry {number} counts towards a rate in kind of another fund")
            continue
        problem = rules.in_kind_entry_problem(
            medium=medium,
            amount=amount,
            quantity=quantity,
            rate_medium=rate.medium,
            value_per_unit=rate.value_per_unit,
        )
        if problem:
            problems.append(f"fund {fund.pk}: entry {number} does not match its rate in kind as stored ({problem})")
        settled[rate_id] += -Decimal(quantity or 0) if reverses_id is not None else Decimal(quantity or 0)
    due: dict[int, Decimal] = defaultdict(Decimal)
    value: dict[int, int | None] = {}
    for obligation in obligations:
        for share in obligation.dues:
            due[share.rate_id] += share.quantity_due
            if share.value_due is not None:
                value[share.rate_id] = (value.get(share.rate_id) or 0) + share.value_due
            else:
                value.setdefault(share.rate_id, None)
    for total in selectors.in_kind_totals(fund, rates=rates):
        rate_id = total.rate.pk
        if (total.quantity_due, total.value_due, total.settled) != (
            due.get(rate_id, Decimal(0)),
            value.get(rate_id),
            settled.get(rate_id, Decimal(0)),
        ):
            problems.append(f"fund {fund.pk}: totals of rate in kind {rate_id} differ from the entries and dues")
    return problems


def household_paid_recomputed(fund: Fund, rates: list[InKindRate]) -> dict[int, tuple[int, int, dict[int, Decimal]]]:
    """Per household, entry by entry: money towards its money due, labour days, quantity settled per rate in kind.

    The same counting as ``selectors._paid`` (what the staff page, the public ledger and the statement paper show),
    done in Python over the entries rather than by the database.
    """
    legacy_labour = next((rate.pk for rate in rates if rate.medium == Medium.LABOUR), None)
    money: dict[int, int] = defaultdict(int)
    labour: dict[int, int] = defaultdict(int)
    settled: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for entry in Entry.objects.filter(fund=fund, kind=EntryKind.RECEIPT).iterator():
        household = int(entry.household_id or 0)
        amount = entry.signed_amount
        quantity = Decimal(entry.quantity or 0)
        if entry.reverses_id is not None:
            quantity = -quantity
        money.setdefault(household, 0)
        if entry.medium == Medium.LABOUR:
            labour[household] += amount
        if entry.in_kind_rate_id is not None:
            rate_id = entry.in_kind_rate_id
            settled[household][rate_id] = settled[household].get(rate_id, Decimal(0)) + quantity
        elif entry.medium == Medium.LABOUR:
            if legacy_labour is not None:
                settled[household][legacy_labour] = settled[household].get(legacy_labour, Decimal(0)) + amount
        else:
            money[household] += amount
    return {household: (money[household], labour.get(household, 0), settled.get(household, {})) for household in money}


def household_paid_problems(fund: Fund, rates: list[InKindRate]) -> list[str]:
    counted = selectors.household_paid(fund, rates)
    recomputed = household_paid_recomputed(fund, rates)
    problems = []
    for household in sorted(set(counted) | set(recomputed)):
        empty: tuple[int, int, dict[int, Decimal]] = (0, 0, {})
        mine = recomputed.get(household, empty)
        theirs = counted.get(household, empty)
        settled_mine = {key: value for key, value in mine[2].items() if value}
        settled_theirs = {key: value for key, value in theirs[2].items() if value}
        if (mine[0], mine[1], settled_mine) != (theirs[0], theirs[1], settled_theirs):
            problems.append(f"fund {fund.pk}: household {household} paid amounts differ from the entries")
    return problems


def fund_problems(fund: Fund) -> list[str]:
    """Everything this module checks in one fund."""
    rates = selectors.in_kind_rates(fund)
    created = creation_event(fund)
    obligations = stored_obligations(fund, rates)
    return [
        *obligation_problems(fund, rates, obligations, created),
        *in_kind_problems(fund, rates, obligations, created),
        *household_paid_problems(fund, rates),
    ]
