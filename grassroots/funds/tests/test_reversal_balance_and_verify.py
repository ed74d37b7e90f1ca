"""A reversal never leaves the fund holding less than nothing; ``funds_verify`` checks in-kind contributions and
every household's obligation and payments, tested as the attacker with a database client."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from grassroots.accounts.models import User
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.funds import rules, selectors, services
from grassroots.funds.models import Entry, EntryKind, Fund, InKindDue, InKindRate, Medium, Obligation
from grassroots.funds.tests.conftest import NOW, PNG, TODAY, make_fund
from grassroots.units.models import AdministrativeUnit, Household, Resident

pytestmark = pytest.mark.django_db

CEMENT = rules.InKindTerms(
    medium="materials",
    item="Xi măng PCB40",
    unit="bao",
    basis="per_household",
    quantity=Decimal("2"),
    value_per_unit=90_000,
)
SAND = rules.InKindTerms(medium="materials", item="Cát vàng", unit="m³", basis="per_person", quantity=Decimal("0.25"))
LABOUR = rules.InKindTerms(
    medium="labour", item="Lao động phổ thông", unit="ngày công", basis="per_household", quantity=Decimal("3")
)


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def _household(fund: Fund, code: str) -> Household:
    return Household.objects.get(community=fund.unit, code=code)


def _pay(fund: Fund, actor: User, amount: int, code: str = "H1-01") -> Entry:
    return services.receipt_record(
        fund=fund, household=_household(fund, code), amount=amount, received_on=TODAY, actor=actor, now=NOW
    )


def _spend(fund: Fund, proposer: User, approver: User, amount: int) -> Entry:
    expense = services.expense_propose(
        fund=fund,
        work_item="Mua xi măng",
        amount=amount,
        spent_on=TODAY,
        evidence_name="hoa-don.png",
        evidence_content=PNG,
        actor=proposer,
        now=NOW,
    )
    return services.expense_approve(expense=expense, actor=approver, now=NOW)


# ---------------------------------------------------------------------------------------------
# Reversing a receipt whose cash was spent
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "medium", "amount", "balance", "code"),
    [
        (EntryKind.RECEIPT, Medium.MONEY, 500, 499, "funds.reversal_over_balance"),
        (EntryKind.RECEIPT, Medium.MONEY, 500, 500, "ok"),  # exactly the balance: it ends at zero
        (EntryKind.RECEIPT, Medium.MONEY, 500, 501, "ok"),
        (EntryKind.DONATION, Medium.MONEY, 500, 0, "funds.reversal_over_balance"),
        (EntryKind.RECEIPT, Medium.MATERIALS, 500, 0, "ok"),  # materials are not cash
        (EntryKind.RECEIPT, Medium.LABOUR, 3, 0, "ok"),
        (EntryKind.EXPENSE, Medium.MONEY, 500, 0, "ok"),  # gives money back
    ],
)
def test_reversal_balance_rule(kind: str, medium: str, amount: int, balance: int, code: str) -> None:
    assert rules.check_reversal_balance(kind=kind, medium=medium, amount=amount, money_balance=balance).code == code


def test_reversing_a_receipt_whose_cash_was_spent_is_refused(
    community: AdministrativeUnit, village_head: User, approver: User
) -> None:
    fund = make_fund(community, village_head)
    receipt = _pay(fund, village_head, 500_000)
    _spend(fund, village_head, approver, 300_000)
    entries = Entry.objects.filter(fund=fund).count()
    events = AuditEvent.objects.count()

    with pytest.raises(DomainError) as refusal:
        services.entry_reverse(entry=receipt, reason="Ghi nhầm hộ", actor=village_head, now=NOW)

    assert refusal.value.code == "funds.reversal_over_balance"
    assert "200.000 đồng" in refusal.value.message and "500.000 đồng" in refusal.value.message
    assert Entry.objects.filter(fund=fund).count() == entries
    assert AuditEvent.objects.count() == events
    assert selectors.fund_totals(fund).balance == 200_000


def test_reversal_down_to_exactly_zero_is_allowed_and_the_next_one_is_refused(
    community: AdministrativeUnit, village_head: User, approver: User
) -> None:
    fund = make_fund(community, village_head)
    first = _pay(fund, village_head, 500_000, "H1-01")
    second = _pay(fund, village_head, 250_000, "H1-03")
    _spend(fund, village_head, approver, 250_000)
    assert selectors.fund_totals(fund).balance == 500_000

    services.entry_reverse(entry=first, reason="Ghi nhầm hộ", actor=village_head, now=NOW)
    assert selectors.fund_totals(fund).balance == 0

    with pytest.raises(DomainError) as refusal:
        services.entry_reverse(entry=second, reason="Ghi nhầm số tiền", actor=village_head, now=NOW)
    assert refusal.value.code == "funds.reversal_over_balance"
    assert selectors.fund_totals(fund).balance == 0


def test_a_spent_donation_cannot_be_reversed_but_the_expense_first_then_it_can(
    community: AdministrativeUnit, village_head: User, approver: User
) -> None:
    fund = make_fund(community, village_head)
    donation = services.donation_record(
        fund=fund,
        amount=400_000,
        donor_name="Công ty A",
        donor_consents_to_name=True,
        received_on=TODAY,
        actor=village_head,
        now=NOW,
    )
    expense = _spend(fund, village_head, approver, 400_000)
    with pytest.raises(DomainError) as refusal:
        services.entry_reverse(entry=donation, reason="Nhà tài trợ rút lại", actor=village_head, now=NOW)
    assert refusal.value.code == "funds.reversal_over_balance"
    # The way out: the approver reverses the expense (the money is back), then the donation can be reversed.
    services.entry_reverse(entry=expense, reason="Chi nhầm", actor=approver, now=NOW)
    services.entry_reverse(entry=donation, reason="Nhà tài trợ rút lại", actor=village_head, now=NOW)
    assert selectors.fund_totals(fund).balance == 0


# ---------------------------------------------------------------------------------------------
# funds_verify: obligations, shares in kind, in-kind receipts, per-household amounts
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def kind_fund(community: AdministrativeUnit, village_head: User) -> Fund:
    """H1-01: 2 persons; H1-02 poor (100 % off); H1-03 merit (50 % off), 1 person."""
    for code, persons in (("H1-01", 2), ("H1-03", 1)):
        household = Household.objects.get(community=community, code=code)
        for number in range(persons):
            Resident.objects.create(household=household, full_name=f"Người {code} {number}")
    fund = make_fund(community, village_head, in_kind_rates=[CEMENT, SAND, LABOUR])
    cement, _sand, labour = InKindRate.objects.filter(fund=fund).order_by("pk")
    household = _household(fund, "H1-01")
    _pay(fund, village_head, 500_000)
    for extra in (
        {"medium": "materials", "in_kind_rate": cement, "quantity": Decimal("1"), "amount": None},
        {"medium": "money", "in_kind_rate": cement, "amount": 90_000},
        {"medium": "labour", "in_kind_rate": labour, "quantity": Decimal("2"), "amount": None},
    ):
        services.receipt_record(
            fund=fund,
            household=household,
            received_on=TODAY,
            actor=village_head,
            now=NOW,
            **extra,  # type: ignore[arg-type]
        )
    return fund


def _verify() -> str:
    """The command's complaints (empty when it passes)."""
    errors = StringIO()
    try:
        call_command("funds_verify", stdout=StringIO(), stderr=errors)
    except CommandError:
        assert errors.getvalue()
        return errors.getvalue()
    return ""


def _raw(sql: str, params: list[int | Decimal]) -> None:
    """The attacker: a clerk with a database client, writing behind the services' back."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_an_untouched_fund_with_contributions_in_kind_verifies(kind_fund: Fund) -> None:
    assert _verify() == ""
    created = AuditEvent.objects.get(code="funds.fund.created", object_id=str(kind_fund.pk))
    assert created.after is not None and len(created.after["obligations_fingerprint"]) == 64


def test_verify_names_a_household_whose_money_due_was_lowered(kind_fund: Fund) -> None:
    obligation = Obligation.objects.get(fund=kind_fund, household__code="H1-01")
    _raw("UPDATE funds_obligation SET money_due = %s WHERE id = %s", [100_000, obligation.pk])
    complaints = _verify()
    assert f"fund {kind_fund.pk}: household {obligation.household_id} obligation differs" in complaints
    assert "money_due" in complaints
    assert "household obligations changed since the fund was created" in complaints


def test_verify_names_a_reduction_given_consistently_behind_the_meetings_back(kind_fund: Fund) -> None:
    """The attacker changes category, percentage and money due together: each agrees with the decision's
    reductions, only the fingerprint audited when the fund was created tells."""
    obligation = Obligation.objects.get(fund=kind_fund, household__code="H1-01")
    _raw(
        "UPDATE funds_obligation SET reduction_category = 'poor', reduction_percent = 100, money_due = 0, "
        "labour_days_due = 0 WHERE id = %s",
        [obligation.pk],
    )
    _raw(
        "UPDATE funds_inkinddue SET quantity_due = 0, value_due = CASE WHEN value_due IS NULL THEN NULL ELSE 0 END "
        "WHERE obligation_id = %s",
        [obligation.pk],
    )
    complaints = _verify()
    assert "obligation differs from the decision" not in complaints
    assert f"fund {kind_fund.pk}: household obligations changed since the fund was created" in complaints
    assert "money due in total differs" in complaints


def test_verify_names_a_share_in_kind_cut_down(kind_fund: Fund) -> None:
    due = InKindDue.objects.get(obligation__fund=kind_fund, obligation__household__code="H1-01", rate__item="Cát vàng")
    _raw("UPDATE funds_inkinddue SET quantity_due = %s WHERE id = %s", [Decimal("0.10"), due.pk])
    complaints = _verify()
    # A per-person share in a per-household fund is not recomputed (persons are not stored): the fingerprint tells.
    assert "household obligations changed since the fund was created" in complaints
    cement = InKindDue.objects.get(obligation=due.obligation, rate__item="Xi măng PCB40")
    _raw("UPDATE funds_inkinddue SET quantity_due = %s WHERE id = %s", [Decimal("1.00"), cement.pk])
    assert f"in_kind_due:{cement.rate_id}" in _verify()


def test_verify_names_a_share_in_kind_deleted(kind_fund: Fund) -> None:
    due = InKindDue.objects.get(
        obligation__fund=kind_fund, obligation__household__code="H1-03", rate__item="Lao động phổ thông"
    )
    _raw("DELETE FROM funds_inkinddue WHERE id = %s", [due.pk])
    complaints = _verify()
    assert f"in_kind_due_missing:{due.rate_id}" in complaints
    assert "labour_days_due" in complaints


def test_verify_names_a_rate_in_kind_whose_value_was_changed(kind_fund: Fund) -> None:
    """Raising the value per bag would make the delivered bags worth more than the receipts counted."""
    cement = InKindRate.objects.get(fund=kind_fund, item="Xi măng PCB40")
    _raw("UPDATE funds_inkindrate SET value_per_unit = %s WHERE id = %s", [120_000, cement.pk])
    complaints = _verify()
    assert "rates in kind differ from the decision recorded when it was created" in complaints
    assert "does not match its rate in kind as stored (in_kind_materials_value)" in complaints
    assert "in_kind_money_value" in complaints
    assert f"in_kind_value:{cement.pk}" in complaints


def test_verify_names_a_reduction_percentage_changed_in_the_decision(kind_fund: Fund) -> None:
    _raw("UPDATE funds_reduction SET percent = 60 WHERE fund_id = %s AND category = 'merit'", [kind_fund.pk])
    complaints = _verify()
    assert "reductions differ from the decision recorded when it was created" in complaints
    assert "reduction_percent" in complaints


def test_verify_names_an_obligation_deleted(kind_fund: Fund) -> None:
    obligation = Obligation.objects.get(fund=kind_fund, household__code="H1-02")
    _raw("DELETE FROM funds_inkinddue WHERE obligation_id = %s", [obligation.pk])
    _raw("DELETE FROM funds_obligation WHERE id = %s", [obligation.pk])
    assert "2 household obligations, 3 when it was created" in _verify()


def test_per_household_amounts_recomputed_equal_what_the_pages_count(kind_fund: Fund) -> None:
    from grassroots.funds import verification

    rates = selectors.in_kind_rates(kind_fund)
    counted = selectors.household_paid(kind_fund, rates)
    assert counted == verification.household_paid_recomputed(kind_fund, rates)
    cement, _sand, labour = rates
    household = _household(kind_fund, "H1-01").pk
    assert counted[household] == (500_000, 2, {cement.pk: Decimal("2.00"), labour.pk: Decimal("2.00")})


def test_verify_names_a_household_whose_paid_amounts_differ(kind_fund: Fund, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages' grouped count and the entry-by-entry recount must agree; a difference is named per household."""
    household = _household(kind_fund, "H1-01").pk
    real = selectors.household_paid

    def skewed(fund: Fund, rates: list[InKindRate] | None = None) -> dict[int, tuple[int, int, dict[int, Decimal]]]:
        counted = real(fund, rates)
        money, labour, settled = counted[household]
        return {**counted, household: (money + 1, labour, settled)}

    monkeypatch.setattr(selectors, "household_paid", skewed)
    assert f"fund {kind_fund.pk}: household {household} paid amounts differ from the entries" in _verify()
