"""Materials and labour as structured rates: each household's share, its receipts, its status, the statements."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.funds import papers, rules, selectors, services
from grassroots.funds.models import Entry, Fund, InKindDue, InKindRate, Obligation
from grassroots.funds.tests.conftest import NOW, TODAY, make_fund
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


@pytest.fixture
def kind_fund(community: AdministrativeUnit, village_head: User) -> Fund:
    """H1-01: 2 persons, pays in full; H1-02 poor (100 % off); H1-03 merit (50 % off), 1 person."""
    for code, persons in (("H1-01", 2), ("H1-03", 1)):
        household = Household.objects.get(community=community, code=code)
        for number in range(persons):
            Resident.objects.create(household=household, full_name=f"Người {code} {number}")
    return make_fund(community, village_head, in_kind_rates=[CEMENT, SAND, LABOUR])


def _dues(fund: Fund, code: str) -> dict[str, tuple[Decimal, int | None]]:
    return {
        due.rate.item: (due.quantity_due, due.value_due)
        for due in InKindDue.objects.filter(obligation__fund=fund, obligation__household__code=code).select_related(
            "rate"
        )
    }


def test_each_household_owes_its_share_of_each_rate_after_its_reduction(kind_fund: Fund) -> None:
    assert _dues(kind_fund, "H1-01") == {
        "Xi măng PCB40": (Decimal("2.00"), 180_000),
        "Cát vàng": (Decimal("0.50"), None),  # 0,25 m³ × 2 persons
        "Lao động phổ thông": (Decimal("3.00"), None),
    }
    assert _dues(kind_fund, "H1-02") == {
        "Xi măng PCB40": (Decimal("0.00"), 0),
        "Cát vàng": (Decimal("0.00"), None),
        "Lao động phổ thông": (Decimal("0.00"), None),
    }
    assert _dues(kind_fund, "H1-03") == {
        "Xi măng PCB40": (Decimal("1.00"), 90_000),
        "Cát vàng": (Decimal("0.12"), None),  # 0,125 rounded down
        "Lao động phổ thông": (Decimal("1.00"), None),  # 1,5 days → 1
    }
    assert Obligation.objects.get(fund=kind_fund, household__code="H1-01").labour_days_due == 3


def test_a_bad_rate_writes_nothing(community: AdministrativeUnit, village_head: User) -> None:
    with pytest.raises(DomainError) as refused:
        make_fund(community, village_head, in_kind_rates=[CEMENT, rules.InKindTerms(**{**CEMENT.__dict__})])
    assert refused.value.code == "funds.in_kind_repeated"
    with pytest.raises(DomainError) as refused:
        make_fund(
            community,
            village_head,
            in_kind_rates=[rules.InKindTerms(**{**LABOUR.__dict__, "quantity": Decimal("0.5")})],
        )
    assert refused.value.code == "funds.labour_whole_days"
    assert not Fund.objects.exists() and not InKindRate.objects.exists()


def test_receipts_in_kind_settle_the_line_and_the_status(
    kind_fund: Fund, community: AdministrativeUnit, village_head: User
) -> None:
    household = Household.objects.get(community=community, code="H1-01")
    rates = {rate.item: rate for rate in InKindRate.objects.filter(fund=kind_fund)}

    def pay(**extra: object) -> Entry:
        return services.receipt_record(
            fund=kind_fund,
            household=household,
            received_on=TODAY,
            actor=village_head,
            now=NOW,
            **extra,  # type: ignore[arg-type]
        )

    pay(amount=500_000)
    cement = pay(medium="materials", in_kind_rate=rates["Xi măng PCB40"], quantity=Decimal("1"), amount=None)
    assert (cement.amount, cement.quantity) == (90_000, Decimal("1"))  # valued at the decided 90.000 đ
    # The second bag paid in money at the decided value.
    in_lieu = pay(medium="money", in_kind_rate=rates["Xi măng PCB40"], amount=90_000)
    assert in_lieu.quantity == Decimal("1.00")
    pay(medium="materials", in_kind_rate=rates["Cát vàng"], quantity=Decimal("0.5"), amount=150_000)
    line = selectors.household_lines(kind_fund, household_id=household.pk)[0]
    assert line.money_paid == 500_000  # money in lieu and materials do not count towards the money due
    assert line.status == rules.PAID_PART  # labour still owed
    labour = pay(medium="labour", in_kind_rate=rates["Lao động phổ thông"], quantity=Decimal("3"), amount=None)
    assert labour.amount == 3
    line = selectors.household_lines(kind_fund, household_id=household.pk)[0]
    assert line.status == rules.PAID_IN_FULL
    assert {part.rate.item: part.settled for part in line.in_kind} == {
        "Xi măng PCB40": Decimal("2"),
        "Cát vàng": Decimal("0.5"),
        "Lao động phổ thông": Decimal("3"),
    }
    assert selectors.fund_status_counts(kind_fund)[rules.PAID_IN_FULL] == 2  # H1-01 and the exempt H1-02
    # A reversal takes the quantity back with the amount.
    services.entry_reverse(entry=labour, reason="Chưa đi làm", actor=village_head, now=NOW)
    line = selectors.household_lines(kind_fund, household_id=household.pk)[0]
    assert line.status == rules.PAID_PART
    assert {part.rate.item: part.settled for part in line.in_kind}["Lao động phổ thông"] == 0
    totals = {part.rate.item: part for part in selectors.in_kind_totals(kind_fund)}
    assert totals["Xi măng PCB40"].quantity_due == Decimal("3") and totals["Xi măng PCB40"].settled == Decimal("2")
    text = selectors.statement_text(kind_fund, selectors.fund_totals(kind_fund), period_end=TODAY, is_final=False)
    assert "Xi măng PCB40: phải góp 3 bao, đã góp 2 bao." in text
    body = str(papers.household_statement_body(kind_fund, line.obligation, TODAY))
    assert "Phải góp: 2 bao Xi măng PCB40 (quy ra 180.000 đồng)" in body
    assert "Lao động phổ thông: đã góp 0/3 ngày công" in body


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"medium": "materials", "amount": 90_000}, "funds.in_kind_rate_required"),
        ({"medium": "money", "rate": "Cát vàng", "amount": 10_000}, "funds.in_kind_no_money_value"),
        (
            {"medium": "labour", "rate": "Xi măng PCB40", "quantity": Decimal("1"), "amount": None},
            "funds.in_kind_medium_mismatch",
        ),
    ],
)
def test_receipts_that_do_not_fit_the_rates_are_refused(
    kind_fund: Fund, community: AdministrativeUnit, village_head: User, extra: dict[str, object], code: str
) -> None:
    household = Household.objects.get(community=community, code="H1-01")
    rate_name = extra.pop("rate", None)
    rate = InKindRate.objects.get(fund=kind_fund, item=rate_name) if rate_name else None
    with pytest.raises(DomainError) as refused:
        services.receipt_record(
            fund=kind_fund,
            household=household,
            received_on=TODAY,
            in_kind_rate=rate,
            actor=village_head,
            now=NOW,
            **extra,  # type: ignore[arg-type]
        )
    assert refused.value.code == code
    assert not Entry.objects.exists()


def test_a_rate_of_another_fund_is_refused(
    kind_fund: Fund, fund: Fund, community: AdministrativeUnit, village_head: User
) -> None:
    household = Household.objects.get(community=community, code="H1-01")
    with pytest.raises(DomainError) as refused:
        services.receipt_record(
            fund=fund,
            household=household,
            received_on=TODAY,
            medium="materials",
            in_kind_rate=InKindRate.objects.filter(fund=kind_fund).first(),
            quantity=Decimal("1"),
            amount=None,
            actor=village_head,
            now=NOW,
        )
    assert refused.value.code == "funds.in_kind_other_fund"


def test_the_fund_form_reads_the_rates_and_the_receipt_form_records_a_delivery(
    community: AdministrativeUnit, village_head: User, commune: AdministrativeUnit
) -> None:
    from grassroots.funds.forms import FundForm

    form = FundForm(
        {
            "unit": community.pk,
            "decision_number": "",
            "kind": "contribution",
            "title": "Đường",
            "purpose": "Làm đường",
            "basis": "per_household",
            "rate_money": "500.000",
            "spending_limit": "1.000.000",
            "collection_starts": "2026-11-02",
            "collection_ends": "2026-12-31",
            "treasurer_name": "A",
            "village_head_name": "B",
            "in_kind_rates": "hiện vật; Xi măng PCB40; bao; 2; hộ; 90.000\n"
            "ngày công; Lao động; ngày công; 3; nhân khẩu;\n"
            "hiện vật; Cát; m³; 0,25; nhân khẩu",
        },
        units=[(community.pk, community.name)],
        votes=[],
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["in_kind_rates"] == [
        CEMENT,
        rules.InKindTerms(
            medium="labour", item="Lao động", unit="ngày công", basis="per_person", quantity=Decimal("3")
        ),
        rules.InKindTerms(medium="materials", item="Cát", unit="m³", basis="per_person", quantity=Decimal("0.25")),
    ]
    bad = FundForm({"in_kind_rates": "hiện vật; Cát; m³; 0.25.1; hộ"}, units=[], votes=[])
    assert not bad.is_valid() and "in_kind_rates" in bad.errors


def test_the_household_pages_show_the_lines(
    kind_fund: Fund, community: AdministrativeUnit, village_head: User, household_representative: User
) -> None:
    household = Household.objects.get(community=community, code="H1-01")
    rate = InKindRate.objects.get(fund=kind_fund, item="Xi măng PCB40")
    client = Client()
    client.force_login(village_head)
    response = client.post(
        reverse("funds:receipt_new", args=[kind_fund.pk]),
        {
            "household": household.pk,
            "medium": "materials",
            "in_kind_rate": rate.pk,
            "quantity": "1",
            "amount": "",
            "received_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Entry.objects.get().quantity == Decimal("1")
    staff_page = client.get(reverse("funds:household_account", args=[kind_fund.pk, household.pk])).content.decode()
    assert "1 bao Xi măng PCB40 (90.000 đ)" in staff_page
    client.force_login(household_representative)
    own = client.get(reverse("funds:household_statement", args=[kind_fund.pk, household.pk])).content.decode()
    assert "Xi măng PCB40" in own and "quy ra 180.000 đ" in own
    public = Client().get(reverse("funds:public_detail", args=[kind_fund.pk])).content.decode()
    assert "đã góp 1 / phải góp 3" in public
