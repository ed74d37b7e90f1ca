"""Every read of the funds app that matters: the sums (counted by the database), the public ledger, the tasks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, F, IntegerField, Max, Q, QuerySet, Sum, When
from django.utils.translation import gettext as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.funds import rules
from grassroots.funds.models import (
    Entry,
    EntryKind,
    Expense,
    ExpenseStatus,
    Fund,
    FundStatus,
    Medium,
    Obligation,
    Paper,
    Treasurer,
)

SIGNED = Case(When(reverses__isnull=False, then=-F("amount")), default=F("amount"), output_field=IntegerField())
"""An entry's amount as the sums count it: a reversal negative."""


def funds_of_units(unit_ids: set[int] | list[int]) -> QuerySet[Fund]:
    return Fund.objects.filter(Q(unit_id__in=unit_ids) | Q(commune_id__in=unit_ids)).select_related("unit", "commune")


def public_funds(commune_id: int) -> QuerySet[Fund]:
    """Every fund of a commune and its villages, newest first: the public ledger is open to everyone."""
    return Fund.objects.filter(commune_id=commune_id).select_related("unit")


def fund_totals(fund: Fund, *, until: dt.date | None = None) -> rules.Totals:
    """The sums of the ledger, counted by the database in one grouped query (``rules.totals`` adds them)."""
    entries = Entry.objects.filter(fund=fund)
    if until is not None:
        entries = entries.filter(received_on__lte=until)
    rows = entries.values("kind", "medium").annotate(total=Sum(SIGNED)).values_list("kind", "medium", "total")
    return rules.totals((kind, medium, int(total or 0)) for kind, medium, total in rows)


def fund_totals_recomputed(fund: Fund) -> rules.Totals:
    """The same sums, entry by entry in Python: what ``manage.py funds_verify`` compares against."""
    return rules.totals(
        (entry.kind, entry.medium, entry.signed_amount) for entry in Entry.objects.filter(fund=fund).iterator()
    )


def last_statement_end(fund: Fund) -> dt.date | None:
    result: dt.date | None = fund.statements.aggregate(last=Max("period_end"))["last"]
    return result


def ledger_entries(fund: Fund) -> QuerySet[Entry]:
    return Entry.objects.filter(fund=fund).select_related("household", "expense", "reverses").order_by("number")


def due_totals(fund: Fund) -> dict[str, int]:
    sums = Obligation.objects.filter(fund=fund).aggregate(money=Sum("money_due"), labour=Sum("labour_days_due"))
    return {"money": int(sums["money"] or 0), "labour": int(sums["labour"] or 0)}


@dataclass(frozen=True)
class HouseholdLine:
    obligation: Obligation
    money_paid: int
    labour_days_paid: int
    status: str

    @property
    def money_left(self) -> int:
        return max(self.obligation.money_due - self.money_paid, 0)


def _paid(fund: Fund, household_ids: list[int] | None = None) -> dict[int, dict[str, int]]:
    """Per household and medium, the signed sum of its receipts: one grouped query."""
    if household_ids is not None:
        # Only receipts (and their reversals) name a household: filtering on the household alone lets the
        # database take the (fund, household) index instead of scanning the fund's receipts.
        receipts = Entry.objects.filter(fund=fund, household_id__in=household_ids)
    else:
        receipts = Entry.objects.filter(fund=fund, kind=EntryKind.RECEIPT)
    paid: dict[int, dict[str, int]] = {}
    for household, medium, total in (
        receipts.values("household", "medium").annotate(total=Sum(SIGNED)).values_list("household", "medium", "total")
    ):
        paid.setdefault(household, {})[medium] = int(total or 0)
    return paid


def fund_status_counts(fund: Fund) -> dict[str, int]:
    """How many households paid in full, in part, not yet: two queries, no model instances (10,000 households)."""
    paid = _paid(fund)
    counts = {rules.PAID_IN_FULL: 0, rules.PAID_PART: 0, rules.NOT_PAID: 0}
    for household, money_due, labour_due in Obligation.objects.filter(fund=fund).values_list(
        "household_id", "money_due", "labour_days_due"
    ):
        sums = paid.get(household, {})
        status = rules.household_status(
            money_due=money_due,
            labour_days_due=labour_due,
            money_paid=sums.get(Medium.MONEY, 0) + sums.get(Medium.MATERIALS, 0),
            labour_days_paid=sums.get(Medium.LABOUR, 0),
        )
        counts[status] += 1
    return counts


def obligations_page(fund: Fund) -> QuerySet[Obligation]:
    """The fund's households in code order, for a paginator: only one page's lines are built."""
    return (
        Obligation.objects.filter(fund=fund)
        .select_related("household", "household__representative")
        .order_by("household__code", "pk")
    )


def household_lines(
    fund: Fund, *, household_id: int | None = None, obligations: list[Obligation] | None = None
) -> list[HouseholdLine]:
    """Per household: what it owes, what it paid (money and materials valued in đồng; labour days), its status.

    All households, one (``household_id``), or the given ``obligations`` (one page of a paginator).
    """
    is_subset = obligations is not None or household_id is not None
    if obligations is None:
        query = Obligation.objects.filter(fund=fund).select_related("household", "household__representative")
        if household_id is not None:
            query = query.filter(household_id=household_id)
        obligations = list(query.order_by("household__code"))
    paid = _paid(fund, [obligation.household_id for obligation in obligations] if is_subset else None)
    lines = []
    for obligation in obligations:
        sums = paid.get(obligation.household_id, {})
        money = sums.get(Medium.MONEY, 0) + sums.get(Medium.MATERIALS, 0)
        labour = sums.get(Medium.LABOUR, 0)
        lines.append(
            HouseholdLine(
                obligation=obligation,
                money_paid=money,
                labour_days_paid=labour,
                status=rules.household_status(
                    money_due=obligation.money_due,
                    labour_days_due=obligation.labour_days_due,
                    money_paid=money,
                    labour_days_paid=labour,
                ),
            )
        )
    return lines


def household_running_balance(fund: Fund, household_id: int) -> list[tuple[Entry, int]]:
    """A household's receipts in order with what it still owes after each (money and materials in đồng)."""
    obligation = Obligation.objects.get(fund=fund, household_id=household_id)
    left = obligation.money_due
    rows = []
    for entry in Entry.objects.filter(fund=fund, household_id=household_id).order_by("number"):
        if entry.medium != Medium.LABOUR:
            left -= entry.signed_amount
        rows.append((entry, left))
    return rows


@dataclass(frozen=True)
class PublicLine:
    """One household on the public ledger: its code, the representative's masked name, its status, maybe the amount.

    Never the amount due nor a reduction or its reason: they would tell neighbours who is poor.
    """

    code: str
    name: str
    status: str
    money_paid: int | None
    labour_days_paid: int | None


def public_lines(fund: Fund, obligations: list[Obligation] | None = None) -> list[PublicLine]:
    lines = []
    for line in household_lines(fund, obligations=obligations):
        household = line.obligation.household
        representative = household.representative
        lines.append(
            PublicLine(
                code=household.code,
                name=rules.masked_name(representative.full_name) if representative else "",
                status=line.status,
                money_paid=line.money_paid if fund.shows_household_amounts else None,
                labour_days_paid=line.labour_days_paid if fund.shows_household_amounts else None,
            )
        )
    return lines


def status_counts(lines: list[HouseholdLine] | list[PublicLine]) -> dict[str, int]:
    counts = {rules.PAID_IN_FULL: 0, rules.PAID_PART: 0, rules.NOT_PAID: 0}
    for line in lines:
        counts[line.status] += 1
    return counts


def public_donations(fund: Fund, *, latest: int | None = None) -> list[dict[str, Any]]:
    """Donations as the public sees them: the name only when the donor agreed, otherwise "a donor (anonymous)"."""
    rows = []
    entries = Entry.objects.filter(fund=fund, kind=EntryKind.DONATION)
    chosen = entries.order_by("-number")[:latest] if latest else entries.order_by("number")
    for entry in chosen:
        rows.append(
            {
                "number": entry.number,
                "name": entry.donor_name or _("Nhà hảo tâm (không công khai tên)"),
                "amount": entry.amount,
                "medium": entry.get_medium_display(),
                "received_on": entry.received_on,
                "is_reversal": entry.is_reversal,
            }
        )
    return rows


def public_expenses(fund: Fund, *, latest: int | None = None) -> QuerySet[Entry]:
    entries = Entry.objects.filter(fund=fund, kind=EntryKind.EXPENSE).select_related("expense")
    return entries.order_by("-number")[:latest] if latest else entries.order_by("number")


def entry_count(fund: Fund, kind: str) -> int:
    return Entry.objects.filter(fund=fund, kind=kind).count()


def pending_expenses(fund: Fund) -> QuerySet[Expense]:
    return Expense.objects.filter(fund=fund, status=ExpenseStatus.PROPOSED).order_by("pk")


def statements_due(fund: Fund, today: dt.date) -> list[dt.date]:
    """Quarter ends since the collection started with no statement yet (each is due 5 working days later)."""
    if fund.status != FundStatus.COLLECTING:
        return []
    published = set(fund.statements.values_list("period_end", flat=True))
    return [
        end for end in rules.quarter_ends(fund.collection_starts, today - dt.timedelta(days=1)) if end not in published
    ]


def statement_text(fund: Fund, totals: rules.Totals, *, period_end: dt.date, is_final: bool) -> str:
    """The body of the K5 disclosure: the figures in words a household can check against the public page."""

    def money(value: int) -> str:
        return f"{value:,}".replace(",", ".") + " đ"

    due = due_totals(fund)
    lines = [
        _("Khoản đóng góp, quỹ: %(title)s (%(unit)s).") % {"title": fund.title, "unit": fund.unit.name},
        _("Mục đích: %(purpose)s") % {"purpose": fund.purpose},
        _("Số liệu đến hết ngày %(day)s.") % {"day": period_end.strftime("%d/%m/%Y")},
        _("Phải thu theo quyết định: %(amount)s.") % {"amount": money(due["money"])},
        _("Đã thu của các hộ: %(amount)s (tiền), %(materials)s (hiện vật quy ra tiền), %(days)s ngày công.")
        % {
            "amount": money(totals.collected_money),
            "materials": money(totals.collected_materials),
            "days": totals.collected_labour_days,
        },
        _("Ủng hộ, tài trợ: %(amount)s.") % {"amount": money(totals.donated_money)},
        _("Đã chi: %(amount)s (mức chi tối đa theo quyết định: %(limit)s).")
        % {"amount": money(totals.spent_money), "limit": money(fund.spending_limit)},
        _("Số dư: %(amount)s.") % {"amount": money(totals.balance)},
    ]
    if is_final:
        lines.append(_("Xử lý số dư: %(text)s") % {"text": fund.leftover_handling or "—"})
    return "\n".join(str(line) for line in lines)


# ---------------------------------------------------------------------------------------------
# The treasurer
# ---------------------------------------------------------------------------------------------


def treasurer_in_office(fund: Fund) -> Treasurer | None:
    return Treasurer.objects.filter(fund=fund, ended_at__isnull=True).select_related("user").first()


def is_treasurer(user: Any, fund: Fund | int) -> bool:
    """Whether ``user`` is the fund's treasurer in office (an ended appointment gives nothing)."""
    user_id = getattr(user, "pk", None)
    if user_id is None or not getattr(user, "is_active", False):
        return False
    return Treasurer.objects.filter(fund_id=getattr(fund, "pk", fund), user_id=user_id, ended_at__isnull=True).exists()


def may_record(user: Any, fund: Fund, on: dt.date | None = None) -> bool:
    """Record receipts, donations, proposed expenses and corrections: ``RECORD_FUND_ENTRIES`` in the fund's unit
    (the matrix), or the fund's own treasurer in office."""
    return account_selectors.user_can(user, Action.RECORD_FUND_ENTRIES, fund.unit_id, on) or is_treasurer(user, fund)


def funds_kept_by(user: Any) -> QuerySet[Fund]:
    """The funds whose treasurer in office is ``user``."""
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return Fund.objects.none()
    return Fund.objects.filter(treasurers__user_id=user_id, treasurers__ended_at__isnull=True).select_related("unit")


def papers_of_household(fund: Fund, household_id: int) -> QuerySet[Paper]:
    return Paper.objects.filter(fund=fund, household_id=household_id).select_related("document", "entry")
