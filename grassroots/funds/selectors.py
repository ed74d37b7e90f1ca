"""Every read of the funds app that matters: the sums (counted by the database), the public ledger, the tasks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Case, CharField, DecimalField, F, IntegerField, Max, Q, QuerySet, Sum, When
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.core.models import AuditEvent
from grassroots.funds import rules
from grassroots.funds.models import (
    CommuneFundSetting,
    Entry,
    EntryKind,
    Expense,
    ExpenseStatus,
    Finding,
    Fund,
    FundStatus,
    InKindDue,
    InKindRate,
    Medium,
    Obligation,
    Paper,
    Statement,
    Treasurer,
)

SIGNED = Case(When(reverses__isnull=False, then=-F("amount")), default=F("amount"), output_field=IntegerField())
"""An entry's amount as the sums count it: a reversal negative."""

SIGNED_QUANTITY = Case(
    When(reverses__isnull=False, then=-F("quantity")),
    default=F("quantity"),
    output_field=DecimalField(max_digits=14, decimal_places=2),
)
"""An entry's quantity of a rate in kind as the sums count it: a reversal negative."""


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
    return (
        Entry.objects.filter(fund=fund)
        .select_related("household", "expense", "reverses", "in_kind_rate")
        .order_by("number")
    )


def due_totals(fund: Fund) -> dict[str, int]:
    sums = Obligation.objects.filter(fund=fund).aggregate(money=Sum("money_due"), labour=Sum("labour_days_due"))
    return {"money": int(sums["money"] or 0), "labour": int(sums["labour"] or 0)}


def in_kind_rates(fund: Fund) -> list[InKindRate]:
    return list(InKindRate.objects.filter(fund=fund).order_by("pk"))


@dataclass(frozen=True)
class InKindTotal:
    """One rate in kind across the fund: what all households owe of it, and what they settled."""

    rate: InKindRate
    quantity_due: Decimal
    value_due: int | None
    settled: Decimal


def in_kind_totals(
    fund: Fund, *, until: dt.date | None = None, rates: list[InKindRate] | None = None
) -> list[InKindTotal]:
    """Per rate in kind: the quantity (and value) due from every household, and the quantity settled: two queries."""
    rates = in_kind_rates(fund) if rates is None else rates
    if not rates:
        return []
    dues = {
        rate_id: (quantity, value)
        for rate_id, quantity, value in InKindDue.objects.filter(rate__fund=fund)
        .values("rate")
        .annotate(quantity=Sum("quantity_due"), value=Sum("value_due"))
        .values_list("rate", "quantity", "value")
    }
    entries = Entry.objects.filter(fund=fund, kind=EntryKind.RECEIPT, in_kind_rate__isnull=False)
    if until is not None:
        entries = entries.filter(received_on__lte=until)
    settled = dict(
        entries.values("in_kind_rate").annotate(total=Sum(SIGNED_QUANTITY)).values_list("in_kind_rate", "total")
    )
    totals = []
    for rate in rates:
        quantity, value = dues.get(rate.pk, (None, None))
        totals.append(
            InKindTotal(
                rate=rate,
                quantity_due=Decimal(quantity or 0),
                value_due=int(value) if value is not None else None,
                settled=Decimal(settled.get(rate.pk) or 0),
            )
        )
    return totals


@dataclass(frozen=True)
class InKindLine:
    """One rate in kind for one household: its share, its value in đồng if decided, what it settled."""

    rate: InKindRate
    quantity_due: Decimal
    value_due: int | None
    settled: Decimal

    @property
    def left(self) -> Decimal:
        return max(self.quantity_due - self.settled, Decimal(0))


@dataclass(frozen=True)
class HouseholdLine:
    obligation: Obligation
    money_paid: int
    labour_days_paid: int
    status: str
    in_kind: tuple[InKindLine, ...] = ()

    @property
    def money_left(self) -> int:
        return max(self.obligation.money_due - self.money_paid, 0)


@dataclass
class _Paid:
    money: int = 0
    labour_days: int = 0
    settled: dict[int, Decimal] | None = None


def _paid(
    fund: Fund, household_ids: list[int] | None = None, rates: list[InKindRate] | None = None
) -> dict[int, _Paid]:
    """Per household, its receipts in one grouped query: money (and materials valued in đồng given without a
    rate) towards its money due, labour days, and the quantity settled of each rate in kind."""
    if household_ids is not None:
        # Only receipts (and their reversals) name a household: filtering on the household alone lets the
        # database take the (fund, household) index instead of scanning the fund's receipts.
        receipts = Entry.objects.filter(fund=fund, household_id__in=household_ids)
    else:
        receipts = Entry.objects.filter(fund=fund, kind=EntryKind.RECEIPT)
    # Labour days given without a rate (before rates were structured, ``migrations/0006``) count towards the
    # fund's first labour rate, the one the old whole-day rate became.
    rates = in_kind_rates(fund) if rates is None else rates
    legacy_labour = next((rate.pk for rate in rates if rate.medium == Medium.LABOUR), None)
    paid: dict[int, _Paid] = {}
    rows = (
        receipts.values("household", "medium", "in_kind_rate")
        .annotate(total=Sum(SIGNED), quantity=Sum(SIGNED_QUANTITY))
        .values_list("household", "medium", "in_kind_rate", "total", "quantity")
    )
    for household, medium, rate_id, total, quantity in rows:
        sums = paid.setdefault(household, _Paid(settled={}))
        assert sums.settled is not None
        amount = int(total or 0)
        if medium == Medium.LABOUR:
            sums.labour_days += amount
        if rate_id is not None:
            sums.settled[rate_id] = sums.settled.get(rate_id, Decimal(0)) + Decimal(quantity or 0)
        elif medium == Medium.LABOUR:
            if legacy_labour is not None:
                sums.settled[legacy_labour] = sums.settled.get(legacy_labour, Decimal(0)) + amount
        else:
            sums.money += amount
    return paid


def household_paid(fund: Fund, rates: list[InKindRate] | None = None) -> dict[int, tuple[int, int, dict[int, Decimal]]]:
    """Per household, what it paid as every page counts it (``_paid``, one grouped query): money towards its money
    due, labour days, the quantity settled of each rate in kind. ``funds_verify`` recomputes it entry by entry."""
    return {
        household: (sums.money, sums.labour_days, dict(sums.settled or {}))
        for household, sums in _paid(fund, rates=rates).items()
    }


def _dues(fund: Fund, household_ids: list[int] | None = None) -> dict[int, list[tuple[int, Decimal, int | None]]]:
    """Per household, ``(rate id, quantity due, value due)`` of each rate in kind: one query (none without rates)."""
    query = InKindDue.objects.filter(obligation__fund=fund)
    if household_ids is not None:
        query = query.filter(obligation__household_id__in=household_ids)
    dues: dict[int, list[tuple[int, Decimal, int | None]]] = {}
    for household, rate_id, quantity, value in query.order_by("rate_id").values_list(
        "obligation__household_id", "rate_id", "quantity_due", "value_due"
    ):
        dues.setdefault(household, []).append((rate_id, quantity, value))
    return dues


def fund_status_counts(fund: Fund, *, rates: list[InKindRate] | None = None) -> dict[str, int]:
    """How many households paid in full, in part, not yet: a few queries, no model instances (10,000 households)."""
    rates = in_kind_rates(fund) if rates is None else rates
    paid = _paid(fund, rates=rates)
    dues = _dues(fund) if rates else {}
    counts = {rules.PAID_IN_FULL: 0, rules.PAID_PART: 0, rules.NOT_PAID: 0}
    empty = _Paid(settled={})
    for household, money_due in Obligation.objects.filter(fund=fund).values_list("household_id", "money_due"):
        sums = paid.get(household, empty)
        settled = sums.settled or {}
        status = rules.household_status(
            money_due=money_due,
            money_paid=sums.money,
            in_kind=[(due, settled.get(rate_id, Decimal(0))) for rate_id, due, _value in dues.get(household, [])],
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
    """Per household: what it owes, what it paid (money; labour days; each rate in kind), its status.

    All households, one (``household_id``), or the given ``obligations`` (one page of a paginator).
    """
    is_subset = obligations is not None or household_id is not None
    if obligations is None:
        query = Obligation.objects.filter(fund=fund).select_related("household", "household__representative")
        if household_id is not None:
            query = query.filter(household_id=household_id)
        obligations = list(query.order_by("household__code"))
    subset = [obligation.household_id for obligation in obligations] if is_subset else None
    rate_list = in_kind_rates(fund)
    paid = _paid(fund, subset, rate_list)
    rates = {rate.pk: rate for rate in rate_list}
    dues = _dues(fund, subset) if rates else {}
    empty = _Paid(settled={})
    lines = []
    for obligation in obligations:
        sums = paid.get(obligation.household_id, empty)
        settled = sums.settled or {}
        in_kind = tuple(
            InKindLine(rate=rates[rate_id], quantity_due=due, value_due=value, settled=settled.get(rate_id, Decimal(0)))
            for rate_id, due, value in dues.get(obligation.household_id, [])
        )
        lines.append(
            HouseholdLine(
                obligation=obligation,
                money_paid=sums.money,
                labour_days_paid=sums.labour_days,
                status=rules.household_status(
                    money_due=obligation.money_due,
                    money_paid=sums.money,
                    in_kind=[(line.quantity_due, line.settled) for line in in_kind],
                ),
                in_kind=in_kind,
            )
        )
    return lines


def household_running_balance(fund: Fund, household_id: int) -> list[tuple[Entry, int]]:
    """A household's receipts in order with what it still owes after each (money and materials in đồng)."""
    obligation = Obligation.objects.get(fund=fund, household_id=household_id)
    left = obligation.money_due
    rows = []
    for entry in (
        Entry.objects.filter(fund=fund, household_id=household_id).select_related("in_kind_rate").order_by("number")
    ):
        # Only what counts towards the money due lowers it: money and valued materials given without a rate.
        if entry.medium != Medium.LABOUR and entry.in_kind_rate_id is None:
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


def commune_setting(commune_id: int) -> CommuneFundSetting | None:
    """The commune's newest setting row (``None``: the commune never decided)."""
    return CommuneFundSetting.objects.filter(commune_id=commune_id).order_by("-pk").first()


def commune_setting_history(commune_id: int) -> QuerySet[CommuneFundSetting]:
    return CommuneFundSetting.objects.filter(commune_id=commune_id).select_related("set_by").order_by("-pk")


def commune_shows_household_amounts(commune_id: int) -> bool:
    """Whether the commune's public ledgers show each household's amount paid: hidden until the commune decides."""
    setting = commune_setting(commune_id)
    return setting is not None and setting.shows_household_amounts


def public_lines(
    fund: Fund,
    obligations: list[Obligation] | None = None,
    *,
    shows_amounts: bool | None = None,
    rates: list[InKindRate] | None = None,
) -> list[PublicLine]:
    """The public list of households; amounts only where the fund's commune shows them (``shows_amounts`` when
    the caller already asked).

    ``obligations`` (one page of a paginator) or every household of the fund. The whole list (the printable
    statement, 10,000 households) is read as plain rows, never as model instances: a few queries whatever the size.
    """
    if shows_amounts is None:
        shows_amounts = commune_shows_household_amounts(fund.commune_id)
    if obligations is not None:
        rows = [
            (
                obligation.household_id,
                obligation.money_due,
                obligation.household.code,
                obligation.household.representative.full_name if obligation.household.representative else None,
            )
            for obligation in obligations
        ]
        subset: list[int] | None = [row[0] for row in rows]
    else:
        rows = list(
            Obligation.objects.filter(fund=fund)
            .order_by("household__code", "pk")
            .values_list("household_id", "money_due", "household__code", "household__representative__full_name")
        )
        subset = None
    rates = in_kind_rates(fund) if rates is None else rates
    paid = _paid(fund, subset, rates)
    dues = _dues(fund, subset) if rates else {}
    empty = _Paid(settled={})
    lines = []
    for household_id, money_due, code, representative in rows:
        sums = paid.get(household_id, empty)
        settled = sums.settled or {}
        status = rules.household_status(
            money_due=money_due,
            money_paid=sums.money,
            in_kind=[(due, settled.get(rate_id, Decimal(0))) for rate_id, due, _value in dues.get(household_id, [])],
        )
        lines.append(
            PublicLine(
                code=code,
                name=rules.masked_name(representative) if representative else "",
                status=status,
                money_paid=sums.money if shows_amounts else None,
                labour_days_paid=sums.labour_days if shows_amounts else None,
            )
        )
    return lines


def status_counts(lines: list[HouseholdLine] | list[PublicLine]) -> dict[str, int]:
    counts = {rules.PAID_IN_FULL: 0, rules.PAID_PART: 0, rules.NOT_PAID: 0}
    for line in lines:
        counts[line.status] += 1
    return counts


def public_donations(fund: Fund, *, latest: int | None = None) -> list[dict[str, Any]]:
    """Donations as the public sees them: the name only when the donor agreed, otherwise "a donor (anonymous)".

    Plain rows, not model instances (the printable statement lists every donation); never the sealed name.
    """
    entries = Entry.objects.filter(fund=fund, kind=EntryKind.DONATION)
    chosen = entries.order_by("-number")[:latest] if latest else entries.order_by("number")
    anonymous = _("Nhà hảo tâm (không công khai tên)")
    media = dict(Medium.choices)
    return [
        {
            "number": number,
            "name": name or anonymous,
            "amount": amount,
            "medium": media.get(medium, medium),
            "received_on": received_on,
            "is_reversal": reverses_id is not None,
        }
        for number, name, amount, medium, received_on, reverses_id in chosen.values_list(
            "number", "donor_name", "amount", "medium", "received_on", "reverses_id"
        )
    ]


def public_expenses(fund: Fund, *, latest: int | None = None) -> QuerySet[Entry]:
    """The fund's expense entries with who approved each (shown on the public ledger: the issue's "approving
    person"; a reversal names no approver)."""
    entries = Entry.objects.filter(fund=fund, kind=EntryKind.EXPENSE).select_related("expense__decided_by")
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
        *(
            _("%(item)s: phải góp %(due)s %(unit)s, đã góp %(settled)s %(unit)s.")
            % {
                "item": part.rate.item,
                "unit": part.rate.unit,
                "due": rules.quantity_text(part.quantity_due),
                "settled": rules.quantity_text(part.settled),
            }
            for part in in_kind_totals(fund, until=period_end)
            if part.rate.quantity is not None
        ),
        _("Ủng hộ, tài trợ: %(amount)s (tiền), %(materials)s (hiện vật quy ra tiền).")
        % {"amount": money(totals.donated_money), "materials": money(totals.donated_materials)},
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


# ---------------------------------------------------------------------------------------------
# A household representative's own statement
# ---------------------------------------------------------------------------------------------


def obligations_represented_by(user: Any) -> QuerySet[Obligation]:
    """The obligations of the households whose representative is ``user`` (the register's current representative)."""
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return Obligation.objects.none()
    return (
        # A representative is a current member (units services refuse otherwise); a row edited to say otherwise
        # still shows a former member nothing.
        Obligation.objects.filter(household__representative__user_id=user_id, household__representative__left_on=None)
        .select_related("fund", "fund__unit", "fund__commune", "household")
        .order_by("-fund__decided_on", "-fund_id", "household__code")
    )


def own_obligation(user: Any, fund_id: int, household_id: int) -> Obligation | None:
    """The household's obligation in the fund when ``user`` represents it; ``None`` for anyone else's household."""
    return obligations_represented_by(user).filter(fund_id=fund_id, household_id=household_id).first()


def papers_represented_by(user: Any, fund_id: int, household_id: int) -> QuerySet[Paper]:
    """The official papers issued to a household (its signed receipts, its statements) when ``user`` represents
    it; none for anyone else's household."""
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return Paper.objects.none()
    return (
        Paper.objects.filter(
            fund_id=fund_id,
            household_id=household_id,
            household__representative__user_id=user_id,
            household__representative__left_on=None,
        )
        .select_related("document", "entry")
        .order_by("-issued_at", "-pk")
    )


def own_paper(user: Any, paper_id: int) -> Paper | None:
    """One paper issued to a household ``user`` represents today; ``None`` for any other id, whoever holds it."""
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return None
    return (
        Paper.objects.filter(
            pk=paper_id, household__representative__user_id=user_id, household__representative__left_on=None
        )
        .select_related("document")
        .first()
    )


FUND_RECORDS: tuple[type[Entry | Expense | Statement | Finding | Treasurer | Paper], ...] = (
    Entry,
    Expense,
    Statement,
    Finding,
    Treasurer,
    Paper,
)
"""The records of a fund whose audit events make up its history, besides the fund's own."""


def limit_raise_decision_numbers(fund: Fund) -> list[str]:
    """The commune decision numbers earlier raises of the ceiling used (kept in their audit events)."""
    events = AuditEvent.objects.filter(
        code="funds.fund.limit_raised", object_type=Fund._meta.label_lower, object_id=str(fund.pk)
    )
    return [str(after.get("decision_number") or "") for after in events.values_list("after", flat=True) if after]


def fund_history(fund: Fund) -> QuerySet[AuditEvent]:
    """The fund's audit trail, newest first: its own events and those of its entries, expenses, statements,
    findings, treasurers and papers. A closed fund keeps it: this is its archive's history."""
    wanted = Q(object_type=Fund._meta.label_lower, object_id=str(fund.pk))
    for model in FUND_RECORDS:
        ids = model.objects.filter(fund=fund).annotate(key=Cast("pk", CharField())).values("key")
        wanted |= Q(object_type=model._meta.label_lower, object_id__in=ids)
    return AuditEvent.objects.filter(unit_id=fund.unit_id).filter(wanted).order_by("-id")


def actor_names(events: list[AuditEvent]) -> dict[int, str]:
    """The full names of the people who acted in ``events`` (the audit log keeps their user names): one query."""
    from grassroots.accounts.models import User

    ids = {event.actor_id for event in events if event.actor_id is not None}
    return {pk: name for pk, name in User.objects.filter(pk__in=ids).values_list("pk", "full_name") if name}
