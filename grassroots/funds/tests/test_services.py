"""Service tests: the fund from its decision, the ledger, and every guarantee attacked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.utils import DatabaseError

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.disclosures.models import Disclosure
from grassroots.funds import selectors, services
from grassroots.funds.models import Entry, Fund, Obligation
from grassroots.funds.tests.conftest import DECIDED_ON, NOW, PNG, TODAY, make_fund, recognised_vote
from grassroots.units.models import AdministrativeUnit, Household, Resident

pytestmark = pytest.mark.django_db


def _household(community: AdministrativeUnit, code: str) -> Household:
    return Household.objects.get(community=community, code=code)


def _pay(fund: Fund, household: Household, actor: User, amount: int = 500_000, **extra: object) -> Entry:
    return services.receipt_record(
        fund=fund,
        household=household,
        amount=amount,
        received_on=TODAY,
        actor=actor,
        now=NOW,
        **extra,  # type: ignore[arg-type]
    )


def test_obligations_from_the_register_on_the_decision_date(community: AdministrativeUnit, village_head: User) -> None:
    # A household that arrived after the decision owes nothing under it; one that left after it still does.
    Household.objects.create(community=community, code="H1-NEW", active_from=DECIDED_ON + dt.timedelta(days=1))
    left = _household(community, "H1-01")
    Household.objects.filter(pk=left.pk).update(status="moved", active_until=DECIDED_ON + dt.timedelta(days=1))
    fund = make_fund(community, village_head)
    dues = dict(Obligation.objects.filter(fund=fund).values_list("household__code", "money_due"))
    assert dues == {"H1-01": 500_000, "H1-02": 0, "H1-03": 250_000}
    assert selectors.due_totals(fund)["money"] == 750_000
    assert AuditEvent.objects.filter(code="funds.fund.created", object_id=str(fund.pk)).count() == 1


def test_per_person_and_per_area(community: AdministrativeUnit, village_head: User) -> None:
    household = _household(community, "H1-01")
    for name in ("A", "B", "C"):
        Resident.objects.create(household=household, full_name=name)
    fund = make_fund(community, village_head, basis="per_person", rate_money=20_000, household_reductions={})
    assert Obligation.objects.get(fund=fund, household=household).money_due == 60_000
    area_fund = make_fund(
        community,
        village_head,
        basis="per_area",
        rate_money=1_000,
        household_reductions={},
        areas={"H1-01": 120, "H1-02": 80, "H1-03": 0},
    )
    assert Obligation.objects.get(fund=area_fund, household=household).money_due == 120_000


def test_import_is_all_or_nothing_and_lists_every_bad_row(community: AdministrativeUnit, village_head: User) -> None:
    with pytest.raises(DomainError) as refusal:
        make_fund(
            community,
            village_head,
            household_reductions={"H9-99": "poor", "H1-02": "disability"},
            basis="per_area",
            areas={"H1-01": 100},
        )
    assert refusal.value.code == "funds.rows_invalid"
    assert len(refusal.value.params["rows"]) == 4  # unknown household, category not in decision, two without area
    assert not Fund.objects.exists()


@pytest.mark.parametrize(
    ("matter", "status", "passed", "code"),
    [
        ("D3", "recognised", True, "funds.vote_wrong_matter"),
        ("D1", "closed", True, "funds.vote_not_recognised"),
        ("D2", "recognised", False, "funds.vote_not_recognised"),
    ],
)
def test_fund_refused_without_a_recognised_d1_d2_decision(
    community: AdministrativeUnit, village_head: User, matter: str, status: str, passed: bool, code: str
) -> None:
    with pytest.raises(DomainError) as refusal:
        make_fund(community, village_head, vote=recognised_vote(community, matter=matter, status=status, passed=passed))
    assert refusal.value.code == code
    assert not Fund.objects.exists()


def test_vote_of_another_village_does_not_start_a_fund(
    community: AdministrativeUnit, second_community: AdministrativeUnit, village_head: User
) -> None:
    with pytest.raises(DomainError) as refusal:
        make_fund(community, village_head, vote=recognised_vote(second_community))
    assert refusal.value.code == "funds.vote_other_unit"


def test_commune_decision_for_commune_wide_works(commune: AdministrativeUnit, commune_officer: User) -> None:
    fund = make_fund(
        commune,
        commune_officer,
        vote=None,
        decision_number="45/QĐ-UBND",
        decided_on=DECIDED_ON,
        household_reductions={},
    )
    assert Obligation.objects.filter(fund=fund).count() == 5  # both villages


def test_officer_of_another_commune_cannot_create(community: AdministrativeUnit, other_commune_officer: User) -> None:
    with pytest.raises(DomainError) as refusal:
        make_fund(community, other_commune_officer)
    assert refusal.value.code == "funds.not_authorised"


def test_partial_payments_and_running_balance(fund: Fund, community: AdministrativeUnit, village_head: User) -> None:
    household = _household(community, "H1-01")
    _pay(fund, household, village_head, 200_000)
    _pay(fund, household, village_head, 100_000, medium="materials", description="10 bao xi măng")
    line = selectors.household_lines(fund, household_id=household.pk)[0]
    assert (line.money_paid, line.status, line.money_left) == (300_000, "part", 200_000)
    assert [left for _entry, left in selectors.household_running_balance(fund, household.pk)] == [300_000, 200_000]
    _pay(fund, household, village_head, 200_000)
    assert selectors.household_lines(fund, household_id=household.pk)[0].status == "paid"
    assert selectors.fund_totals(fund).collected_money == 400_000
    assert [entry.number for entry in Entry.objects.filter(fund=fund)] == [1, 2, 3]


def test_receipt_for_a_household_of_another_village_is_refused(
    fund: Fund, second_community: AdministrativeUnit, village_head: User
) -> None:
    with pytest.raises(DomainError) as refusal:
        _pay(fund, _household(second_community, "H2-01"), village_head)
    assert refusal.value.code == "funds.household_not_in_fund"
    assert not Entry.objects.exists()


def test_back_dated_receipt_is_refused(fund: Fund, community: AdministrativeUnit, village_head: User) -> None:
    with pytest.raises(DomainError) as refusal:
        services.receipt_record(
            fund=fund,
            household=_household(community, "H1-01"),
            amount=500_000,
            received_on=TODAY - dt.timedelta(days=4),
            actor=village_head,
            now=NOW,
        )
    assert refusal.value.code == "funds.date_backdated"
    assert not Entry.objects.exists()


def test_a_float_amount_is_refused(fund: Fund, community: AdministrativeUnit, village_head: User) -> None:
    with pytest.raises(DomainError) as refusal:
        _pay(fund, _household(community, "H1-01"), village_head, 1000.5)  # type: ignore[arg-type]
    assert refusal.value.code == "funds.amount_not_whole"


def test_a_resident_cannot_record(fund: Fund, community: AdministrativeUnit, household_representative: User) -> None:
    with pytest.raises(DomainError) as refusal:
        _pay(fund, _household(community, "H1-01"), household_representative)
    assert refusal.value.code == "funds.not_authorised"


def test_correction_only_by_reversal(fund: Fund, community: AdministrativeUnit, village_head: User) -> None:
    entry = _pay(fund, _household(community, "H1-01"), village_head)
    reversal = services.entry_reverse(entry=entry, reason="Ghi nhầm hộ", actor=village_head, now=NOW)
    assert (reversal.reverses_id, reversal.amount, reversal.number) == (entry.pk, entry.amount, 2)
    assert selectors.fund_totals(fund).collected_money == 0
    with pytest.raises(DomainError) as again:
        services.entry_reverse(entry=entry, reason="lần hai", actor=village_head, now=NOW)
    assert again.value.code == "funds.already_reversed"
    with pytest.raises(DomainError) as of_reversal:
        services.entry_reverse(entry=reversal, reason="x", actor=village_head, now=NOW)
    assert of_reversal.value.code == "funds.reversal_of_reversal"
    with pytest.raises(DomainError) as without_reason:
        services.entry_reverse(
            entry=_pay(fund, _household(community, "H1-03"), village_head), reason=" ", actor=village_head, now=NOW
        )
    assert without_reason.value.code == "funds.reason_required"
    assert AuditEvent.objects.filter(code="funds.entry.reversed").count() == 1


def test_attacker_cannot_edit_an_entry_through_the_orm(
    fund: Fund, community: AdministrativeUnit, village_head: User
) -> None:
    entry = _pay(fund, _household(community, "H1-01"), village_head)
    entry.amount = 5_000
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        Entry.objects.filter(pk=entry.pk).update(amount=5_000)
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        Entry.objects.filter(pk=entry.pk).delete()
    assert Entry.objects.get(pk=entry.pk).amount == 500_000


def test_attacker_cannot_edit_an_entry_with_raw_sql(
    fund: Fund, community: AdministrativeUnit, village_head: User
) -> None:
    """The database itself refuses: a treasurer with a database client gets the same answer as one with the ORM."""
    entry = _pay(fund, _household(community, "H1-01"), village_head)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE funds_entry SET amount = 1 WHERE id = %s", [entry.pk])
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM funds_entry WHERE id = %s", [entry.pk])
    assert Entry.objects.get(pk=entry.pk).amount == 500_000


def test_the_database_refuses_a_reversal_without_reason(
    fund: Fund, community: AdministrativeUnit, village_head: User
) -> None:
    entry = _pay(fund, _household(community, "H1-01"), village_head)
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(
            fund=fund,
            number=99,
            kind="receipt",
            amount=1,
            household=entry.household,
            received_on=TODAY,
            recorded_at=NOW,
            recorded_by=village_head,
            reverses=entry,
            reason="",
        )


def test_anonymous_donor_is_not_in_the_database(fund: Fund, village_head: User) -> None:
    services.donation_record(
        fund=fund,
        amount=2_000_000,
        donor_name="Công ty TNHH Ẩn Danh Xyz",
        donor_consents_to_name=False,
        donor_kind="organisation",
        received_on=TODAY,
        actor=village_head,
        now=NOW,
    )
    services.donation_record(
        fund=fund,
        amount=1_000_000,
        donor_name="Ông Trần Văn Công Khai",
        donor_consents_to_name=True,
        received_on=TODAY,
        actor=village_head,
        now=NOW,
    )
    # Someone reading every table, and the audit trail, as text.
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the schema itself
            for row in cursor.fetchall():
                for value in row:
                    text = (
                        bytes(value).decode("utf-8", "ignore") if isinstance(value, bytes | memoryview) else str(value)
                    )
                    if "Ẩn Danh" in text or "An Danh" in text:
                        found.append(table)
    assert found == []
    names = [row["name"] for row in selectors.public_donations(fund)]
    assert "Ông Trần Văn Công Khai" in names
    assert all("Ẩn Danh" not in str(name) for name in names)
    sealed = Entry.objects.get(donor_name="", kind="donation")
    from grassroots.funds import sealing

    assert sealing.unseal(services.donor_key(), bytes(sealed.donor_name_sealed or b"")) == "Công ty TNHH Ẩn Danh Xyz"


def _fill(fund: Fund, community: AdministrativeUnit, actor: User) -> None:
    _pay(fund, _household(community, "H1-01"), actor, 500_000)
    services.donation_record(
        fund=fund,
        amount=700_000,
        donor_name="Bà Lê Thị Hảo Tâm",
        donor_consents_to_name=True,
        received_on=TODAY,
        actor=actor,
        now=NOW,
    )


def _propose(fund: Fund, actor: User, amount: int) -> object:
    return services.expense_propose(
        fund=fund,
        work_item="Mua xi măng",
        amount=amount,
        spent_on=TODAY,
        evidence_name="hoa-don.png",
        evidence_content=PNG,
        actor=actor,
        now=NOW,
    )


def test_expense_needs_another_approver_and_stays_within_the_decision(
    fund: Fund, community: AdministrativeUnit, village_head: User, approver: User
) -> None:
    _fill(fund, community, village_head)  # 1 200 000 in, ceiling 1 000 000
    expense = _propose(fund, village_head, 600_000)
    with pytest.raises(DomainError) as own:
        services.expense_approve(expense=expense, actor=village_head, now=NOW)  # type: ignore[arg-type]
    assert own.value.code == "funds.approver_is_proposer"
    entry = services.expense_approve(expense=expense, actor=approver, now=NOW)  # type: ignore[arg-type]
    assert entry.kind == "expense" and selectors.fund_totals(fund).balance == 600_000
    with pytest.raises(DomainError) as over:
        _propose(fund, village_head, 400_001)
    assert over.value.code == "funds.over_decision_limit"
    _propose(fund, village_head, 400_000)  # exactly the ceiling is allowed


def test_overspending_refused_until_a_new_decision(
    fund: Fund, community: AdministrativeUnit, village_head: User, approver: User
) -> None:
    _fill(fund, community, village_head)
    first = _propose(fund, village_head, 600_000)
    second = _propose(fund, village_head, 400_000)
    services.expense_approve(expense=first, actor=approver, now=NOW)  # type: ignore[arg-type]
    services.expense_approve(expense=second, actor=approver, now=NOW)  # type: ignore[arg-type]
    services.donation_record(
        fund=fund,
        amount=500_000,
        donor_name="X",
        donor_consents_to_name=True,
        received_on=TODAY,
        actor=village_head,
        now=NOW,
    )
    with pytest.raises(DomainError) as over:
        _propose(fund, village_head, 100_000)
    assert over.value.code == "funds.over_decision_limit"
    with pytest.raises(DomainError) as no_decision:
        services.fund_limit_raise(fund=fund, new_limit=1_500_000, actor=village_head, now=NOW)
    assert no_decision.value.code == "funds.decision_required"
    services.fund_limit_raise(
        fund=fund, new_limit=1_500_000, vote=recognised_vote(community, matter="D2"), actor=village_head, now=NOW
    )
    _propose(fund, village_head, 100_000)


def test_evidence_type_is_checked_by_content(fund: Fund, community: AdministrativeUnit, village_head: User) -> None:
    _fill(fund, community, village_head)
    with pytest.raises(DomainError) as fake:
        services.expense_propose(
            fund=fund,
            work_item="x",
            amount=1,
            spent_on=TODAY,
            evidence_name="anh.jpg",
            evidence_content=b"<script>alert(1)</script>",
            actor=village_head,
            now=NOW,
        )
    assert fake.value.code == "disclosures.upload_content_mismatch"
    with pytest.raises(DomainError) as docx:
        services.expense_propose(
            fund=fund,
            work_item="x",
            amount=1,
            spent_on=TODAY,
            evidence_name="a.exe",
            evidence_content=b"MZ",
            actor=village_head,
            now=NOW,
        )
    assert docx.value.code == "disclosures.upload_type_not_allowed"


def test_inspection_board_raises_a_finding(
    fund: Fund, community: AdministrativeUnit, village_head: User, board_member: User
) -> None:
    entry = _pay(fund, _household(community, "H1-01"), village_head)
    finding = services.finding_raise(fund=fund, entry=entry, text="Phiếu thiếu chữ ký", actor=board_member, now=NOW)
    assert finding.entry_id == entry.pk
    with pytest.raises(DomainError):
        services.finding_raise(fund=fund, text="x", actor=village_head, now=NOW)


def test_statement_published_as_k5_and_closing(
    fund: Fund, community: AdministrativeUnit, village_head: User, commune_officer: User
) -> None:
    _fill(fund, community, village_head)
    later = dt.datetime(2027, 1, 4, 9, 0, tzinfo=NOW.tzinfo)
    assert selectors.statements_due(fund, dt.date(2027, 1, 4)) == [dt.date(2026, 12, 31)]
    statement = services.statement_publish(
        fund=fund, period_end=dt.date(2026, 12, 31), actor=commune_officer, now=later
    )
    assert statement.balance == 1_200_000
    assert statement.disclosure is not None and statement.disclosure.category.code == "K5"
    assert statement.disclosure.unit_id == community.parent_id
    # Nothing may now be dated into the published quarter.
    with pytest.raises(DomainError) as back:
        services.receipt_record(
            fund=fund,
            household=_household(community, "H1-03"),
            amount=1,
            received_on=dt.date(2026, 12, 31),
            actor=commune_officer,
            now=dt.datetime(2027, 1, 2, 9, 0, tzinfo=NOW.tzinfo),
        )
    assert back.value.code == "funds.date_in_published_period"
    with pytest.raises(DomainError) as leftover:
        services.fund_close(fund=fund, leftover_handling="", actor=commune_officer, now=later)
    assert leftover.value.code == "funds.leftover_required"
    closed = services.fund_close(
        fund=fund,
        leftover_handling="Chuyển sang quỹ điện chiếu sáng theo biên bản họp",
        actor=commune_officer,
        now=later,
    )
    assert closed.status == "closed"
    assert Disclosure.objects.filter(category__code="K5").count() == 2
    with pytest.raises(DomainError) as after:
        _pay(fund, _household(community, "H1-03"), commune_officer)
    assert after.value.code == "funds.fund_closed"


def test_recomputed_sums_match(fund: Fund, community: AdministrativeUnit, village_head: User) -> None:
    _fill(fund, community, village_head)
    services.entry_reverse(entry=Entry.objects.get(number=1, fund=fund), reason="nhầm", actor=village_head, now=NOW)
    assert selectors.fund_totals(fund) == selectors.fund_totals_recomputed(fund)


def test_verify_command(fund: Fund, community: AdministrativeUnit, village_head: User) -> None:
    from io import StringIO

    from django.core.management import call_command

    _fill(fund, community, village_head)
    out = StringIO()
    call_command("funds_verify", stdout=out)
    assert "1 funds verified" in out.getvalue()


def test_verify_command_names_a_tampered_statement(
    fund: Fund, community: AdministrativeUnit, village_head: User, commune_officer: User
) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from grassroots.funds.models import Statement

    _fill(fund, community, village_head)
    later = dt.datetime(2027, 1, 4, 9, 0, tzinfo=NOW.tzinfo)
    services.statement_publish(fund=fund, period_end=dt.date(2026, 12, 31), actor=commune_officer, now=later)
    Statement.objects.update(balance=1)
    with pytest.raises(CommandError):
        call_command("funds_verify")


def test_repeated_household_codes_refused_for_reductions(commune: AdministrativeUnit, commune_officer: User) -> None:
    second = commune.children.get(name="Thôn 2")
    Household.objects.create(community=second, code="H1-01", active_from=dt.date(2020, 1, 1))
    with pytest.raises(DomainError) as refusal:
        make_fund(
            commune,
            commune_officer,
            vote=None,
            decision_number="1/QĐ",
            decided_on=DECIDED_ON,
            household_reductions={"H1-01": "poor"},
        )
    assert refusal.value.code == "funds.rows_invalid"


def test_attack_the_ceiling_is_raised_only_by_a_new_decision(
    fund: Fund, community: AdministrativeUnit, village_head: User
) -> None:
    """A village head who wants to spend more reuses the fund's own vote, an older vote, or types any text as a
    commune decision number: each is refused and the ceiling and the audit trail stay as they were."""
    assert fund.vote is not None
    older = recognised_vote(community, matter="D2")
    older.effective_date = DECIDED_ON - dt.timedelta(days=30)
    older.save(update_fields=["effective_date"])  # set-up only: a D2 decision taken before the fund's
    attempts: list[tuple[dict[str, Any], str]] = [
        ({"vote": fund.vote}, "funds.limit_needs_new_decision"),
        ({"vote": older}, "funds.limit_needs_new_decision"),
        ({"decision_number": "bất kỳ"}, "funds.commune_decision_needs_commune"),
    ]
    for extra, code in attempts:
        with pytest.raises(DomainError) as refused:
            services.fund_limit_raise(fund=fund, new_limit=99_000_000, actor=village_head, now=NOW, **extra)
        assert refused.value.code == code
    fund.refresh_from_db()
    assert fund.spending_limit == 1_000_000
    assert not AuditEvent.objects.filter(code="funds.fund.limit_raised").exists()
    # A D2 decision of the same day as the fund's, recognised later, is a new decision.
    services.fund_limit_raise(
        fund=fund, new_limit=1_500_000, vote=recognised_vote(community, matter="D2"), actor=village_head, now=NOW
    )
    fund.refresh_from_db()
    assert fund.spending_limit == 1_500_000


def test_attack_an_expense_cannot_be_dated_into_a_published_quarter(
    fund: Fund, community: AdministrativeUnit, village_head: User, approver: User, commune_officer: User
) -> None:
    from django.core.management import call_command

    from grassroots.funds.models import Expense, ExpenseStatus

    _fill(fund, community, village_head)
    december = dt.datetime(2026, 12, 20, 9, 0, tzinfo=NOW.tzinfo)
    later = dt.datetime(2027, 1, 4, 9, 0, tzinfo=NOW.tzinfo)

    def propose(now: dt.datetime) -> Expense:
        return services.expense_propose(
            fund=fund,
            work_item="Mua cát",
            amount=100_000,
            spent_on=dt.date(2026, 12, 20),
            evidence_name="hoa-don.png",
            evidence_content=PNG,
            actor=village_head,
            now=now,
        )

    pending = propose(december)
    services.statement_publish(fund=fund, period_end=dt.date(2026, 12, 31), actor=commune_officer, now=later)
    with pytest.raises(DomainError) as proposed:
        propose(later)
    assert proposed.value.code == "funds.date_in_published_period"
    with pytest.raises(DomainError) as approved:
        services.expense_approve(expense=pending, actor=approver, now=later)
    assert approved.value.code == "funds.date_in_published_period"
    pending.refresh_from_db()
    assert pending.status == ExpenseStatus.PROPOSED
    assert Expense.objects.filter(fund=fund).count() == 1
    assert not Entry.objects.filter(fund=fund, kind="expense").exists()
    call_command("funds_verify")  # the published statement still matches the ledger


# A per-person rate counts the household book on the decision date (``units.selectors.member_counts_on``):
# a member registered on the decision date itself counts (the household rule: ``registered_on <= D < left_on``).
@pytest.mark.parametrize(
    ("registered_on", "left_on", "persons"),
    [
        (DECIDED_ON + dt.timedelta(days=1), None, 2),  # joined after the decision: not counted
        (None, DECIDED_ON + dt.timedelta(days=1), 3),  # left after the decision: still counted
        (DECIDED_ON, None, 3),  # joined exactly on the decision date: counted
        (None, DECIDED_ON, 2),  # left exactly on the decision date: no longer counted
        (DECIDED_ON - dt.timedelta(days=30), DECIDED_ON - dt.timedelta(days=1), 2),  # came and left before
    ],
)
def test_per_person_rate_counts_members_on_the_decision_date(
    community: AdministrativeUnit,
    village_head: User,
    registered_on: dt.date | None,
    left_on: dt.date | None,
    persons: int,
) -> None:
    household = _household(community, "H1-01")
    Resident.objects.filter(household=household).delete()
    for name in ("A", "B"):
        Resident.objects.create(household=household, full_name=name)
    Resident.objects.create(household=household, full_name="C", registered_on=registered_on, left_on=left_on)
    fund = make_fund(community, village_head, basis="per_person", rate_money=20_000, household_reductions={})
    obligation = Obligation.objects.get(fund=fund, household=household)
    assert (obligation.quantity, obligation.money_due) == (persons, persons * 20_000)


def test_attack_a_commune_fund_ceiling_is_raised_only_by_a_new_commune_decision(
    commune: AdministrativeUnit, commune_officer: User
) -> None:
    """A commune officer who wants to spend more types the fund's own decision number (or the same one spaced or
    cased differently), a decision dated on or before the fund's, one dated in the future, or a number an
    earlier raise already used: each is refused and nothing is written ([L] art. 15(2))."""
    fund = make_fund(
        commune,
        commune_officer,
        vote=None,
        decision_number="45/QĐ-UBND",
        decided_on=DECIDED_ON,
        household_reductions={},
    )
    later = DECIDED_ON + dt.timedelta(days=3)
    attempts: list[tuple[dict[str, Any], str]] = [
        ({"decision_number": "45/QĐ-UBND", "decided_on": later}, "funds.limit_needs_new_decision"),
        ({"decision_number": " 45/qđ-ubnd", "decided_on": later}, "funds.limit_needs_new_decision"),
        ({"decision_number": "46/QĐ-UBND", "decided_on": DECIDED_ON}, "funds.limit_needs_new_decision"),
        (
            {"decision_number": "46/QĐ-UBND", "decided_on": DECIDED_ON - dt.timedelta(days=1)},
            "funds.limit_needs_new_decision",
        ),
        ({"decision_number": "46/QĐ-UBND", "decided_on": TODAY + dt.timedelta(days=1)}, "funds.decision_in_future"),
        ({"decision_number": "46/QĐ-UBND"}, "funds.decision_required"),
    ]
    for extra, code in attempts:
        with pytest.raises(DomainError) as refused:
            services.fund_limit_raise(fund=fund, new_limit=99_000_000, actor=commune_officer, now=NOW, **extra)
        assert refused.value.code == code, extra
    fund.refresh_from_db()
    assert fund.spending_limit == 1_000_000
    assert not AuditEvent.objects.filter(code="funds.fund.limit_raised").exists()
    services.fund_limit_raise(
        fund=fund, new_limit=1_500_000, decision_number="46/QĐ-UBND", decided_on=later, actor=commune_officer, now=NOW
    )
    # The decision that allowed 1.5 million cannot raise the ceiling again.
    with pytest.raises(DomainError) as reused:
        services.fund_limit_raise(
            fund=fund,
            new_limit=2_000_000,
            decision_number="46/QĐ-UBND",
            decided_on=TODAY,
            actor=commune_officer,
            now=NOW,
        )
    assert reused.value.code == "funds.limit_needs_new_decision"
    fund.refresh_from_db()
    assert fund.spending_limit == 1_500_000
    assert AuditEvent.objects.filter(code="funds.fund.limit_raised").count() == 1
