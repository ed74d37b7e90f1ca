"""The K5 statement as a numbered official report; a rejection only while the fund is open; the ledger's
guarantees tested as the attacker (a clerk with admin rights, a clerk with a database client)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_user
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.documents.models import Document
from grassroots.funds import papers, services
from grassroots.funds.models import Entry, Expense, Fund, Statement
from grassroots.funds.tests.conftest import NOW, PNG, TODAY
from grassroots.units.models import AdministrativeUnit, Household

pytestmark = pytest.mark.django_db

LATER = dt.datetime(2027, 1, 4, 9, 0, tzinfo=NOW.tzinfo)


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def _pay(fund: Fund, actor: User, amount: int = 500_000, code: str = "H1-01") -> Entry:
    household = Household.objects.get(community=fund.unit, code=code)
    return services.receipt_record(
        fund=fund, household=household, amount=amount, received_on=TODAY, actor=actor, now=NOW
    )


def _propose(fund: Fund, actor: User, amount: int = 200_000) -> Expense:
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


# ---------------------------------------------------------------------------------------------
# The K5 statement is a numbered report issued through documents.document_issue
# ---------------------------------------------------------------------------------------------


def test_the_quarterly_statement_is_a_numbered_report_linked_from_its_disclosure(
    fund: Fund, community: AdministrativeUnit, village_head: User, commune_officer: User
) -> None:
    _pay(fund, village_head)
    statement = services.statement_publish(
        fund=fund, period_end=dt.date(2026, 12, 31), actor=commune_officer, now=LATER
    )
    document = statement.document
    assert document is not None and statement.disclosure is not None
    # Decree 30/2020: a report (Báo cáo) of the village, numbered in the unit's register for 2027.
    assert (document.kind, document.issuer_id, document.year, document.number) == ("report", community.pk, 2027, 1)
    assert document.number_label.startswith("01/BC")
    assert document.is_public is True
    assert document.issued_on == dt.date(2027, 1, 4)
    assert document.summary == "Công khai thu, chi đến ngày 31/12/2026: khoản đóng góp, quỹ Bê tông hóa đường thôn 1"
    content = document.content
    assert content["kind"] == "report"
    assert content["issued_on"] == "2027-01-04"
    assert list(content["legal_bases"]) == list(papers.LEGAL_BASES)
    assert "10/2022/QH15" in papers.LEGAL_BASES[0]
    assert [block["signer_name"] for block in content["signatures"]] == ["Nguyễn Thị Thủ Quỹ", "Lê Văn Trưởng"]
    assert "Ban Thanh tra nhân dân" in content["recipients"]["copies"]
    table = next(part for part in content["body"] if part["type"] == "table")
    figures = dict(map(tuple, table["rows"]))
    assert figures["Phải thu theo quyết định"] == "750.000 đồng"  # 500 000 + 0 (poor) + 250 000 (merit, 50 %)
    assert figures["Đã thu của các hộ (tiền)"] == "500.000 đồng"
    assert figures["Số dư"] == "500.000 đồng"
    assert document.pdf_file and document.docx_file and document.pdf_pages >= 1
    # The disclosure carries the report's number, its PDF and its public link.
    disclosure = statement.disclosure
    assert disclosure.category.code == "K5"
    assert disclosure.decision_number == document.number_label
    assert document.short_code in disclosure.body
    assert disclosure.attachments.count() == 1


def test_the_public_ledger_links_each_statement_to_its_report(
    fund: Fund, village_head: User, commune_officer: User
) -> None:
    _pay(fund, village_head)
    statement = services.statement_publish(
        fund=fund, period_end=dt.date(2026, 12, 31), actor=commune_officer, now=LATER
    )
    assert statement.document is not None
    page = Client().get(reverse("funds:public_detail", args=[fund.pk])).content.decode()
    assert reverse("documents_public:record", args=[statement.document.short_code]) in page
    assert statement.document.number_label in page


def test_the_final_statement_is_a_second_report_with_the_leftover(
    fund: Fund, village_head: User, commune_officer: User
) -> None:
    _pay(fund, village_head)
    services.statement_publish(fund=fund, period_end=dt.date(2026, 12, 31), actor=commune_officer, now=LATER)
    services.fund_close(fund=fund, leftover_handling="Chuyển sang quỹ đèn đường", actor=commune_officer, now=LATER)
    final = Statement.objects.get(fund=fund, is_final=True)
    assert final.document is not None
    assert final.document.number == 2  # the next number of the same register
    assert final.document.summary.startswith("Quyết toán: ")
    assert final.disclosure is not None and final.disclosure.decision_number == final.document.number_label
    texts = [part.get("text", "") for part in final.document.content["body"]]
    assert "Xử lý số dư: Chuyển sang quỹ đèn đường." in texts


def test_a_refused_statement_issues_no_document(fund: Fund, village_head: User, commune_officer: User) -> None:
    _pay(fund, village_head)
    services.statement_publish(fund=fund, period_end=dt.date(2026, 12, 31), actor=commune_officer, now=LATER)
    with pytest.raises(DomainError) as refusal:
        services.statement_publish(fund=fund, period_end=dt.date(2026, 12, 31), actor=commune_officer, now=LATER)
    assert refusal.value.code == "funds.statement_exists"
    assert Document.objects.filter(kind="report").count() == 1


# ---------------------------------------------------------------------------------------------
# expense_reject: only while the fund is open
# ---------------------------------------------------------------------------------------------


def test_an_expense_of_a_closed_fund_cannot_be_rejected(fund: Fund, village_head: User, approver: User) -> None:
    _pay(fund, village_head)
    expense = _propose(fund, village_head)
    # Set-up: a fund archived while an expense is still pending (fund_close refuses it; an older closing did not).
    Fund.objects.filter(pk=fund.pk).update(status="closed", closed_on=TODAY)
    with pytest.raises(DomainError) as refusal:
        services.expense_reject(expense=expense, reason="Thiếu hóa đơn", actor=approver, now=NOW)
    assert refusal.value.code == "funds.fund_closed"
    expense.refresh_from_db()
    assert (expense.status, expense.rejection_reason, expense.decided_by_id) == ("proposed", "", None)
    assert not AuditEvent.objects.filter(code="funds.expense.rejected").exists()


def test_an_expense_of_an_open_fund_is_rejected(fund: Fund, village_head: User, approver: User) -> None:
    _pay(fund, village_head)
    expense = _propose(fund, village_head)
    services.expense_reject(expense=expense, reason="Thiếu hóa đơn", actor=approver, now=NOW)
    expense.refresh_from_db()
    assert (expense.status, expense.rejection_reason) == ("rejected", "Thiếu hóa đơn")


# ---------------------------------------------------------------------------------------------
# The ledger as the attacker sees it
# ---------------------------------------------------------------------------------------------


def test_a_staff_clerk_granted_every_ledger_permission_still_cannot_edit_or_delete_an_entry(
    fund: Fund, village_head: User
) -> None:
    entry = _pay(fund, village_head)
    clerk = make_user("thu-ky-quan-tri", is_staff=True, full_name="Thư Ký Có Quyền Quản Trị")
    clerk.user_permissions.set(Permission.objects.filter(content_type__app_label="funds"))
    client = Client()
    client.force_login(clerk)
    change = reverse("admin:funds_entry_change", args=[entry.pk])
    assert client.get(change).status_code == 200  # reads it
    assert client.post(change, {"amount": "1", "kind": "receipt", "medium": "money"}).status_code == 403
    assert client.post(reverse("admin:funds_entry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert client.post(reverse("admin:funds_entry_add"), {"fund": fund.pk, "amount": "1"}).status_code == 403
    # The changelist's bulk "delete selected" is not offered, and posting it anyway deletes nothing.
    changelist = reverse("admin:funds_entry_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    assert Entry.objects.filter(pk=entry.pk, amount=500_000).exists()
    assert Entry.objects.filter(fund=fund).count() == 1


def test_a_clerk_with_a_database_client_cannot_delete_or_rewrite_an_entry(fund: Fund, village_head: User) -> None:
    entry = _pay(fund, village_head)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE funds_entry SET reason = %s WHERE id = %s", ["sửa lén", entry.pk])
    if connection.vendor == "postgresql":  # SQLite's test flush deletes rows: there the ORM guard refuses deletes
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM funds_entry WHERE fund_id = %s", [fund.pk])
    with pytest.raises(PermissionError):
        Entry.objects.filter(fund=fund).delete()
    assert Entry.objects.get(pk=entry.pk).reason == ""


@pytest.mark.parametrize("reason", ["", "   ", "\t\n", " \r\n "])
def test_no_reversing_entry_without_a_reason_through_the_service(fund: Fund, village_head: User, reason: str) -> None:
    entry = _pay(fund, village_head)
    with pytest.raises(DomainError) as refusal:
        services.entry_reverse(entry=entry, reason=reason, actor=village_head, now=NOW)
    assert refusal.value.code == "funds.reason_required"
    assert Entry.objects.filter(fund=fund).count() == 1
    assert not AuditEvent.objects.filter(code="funds.entry.reversed").exists()


_RAW_REVERSAL = (
    "INSERT INTO funds_entry (fund_id, number, kind, medium, amount, household_id, description, donor_kind,"
    " donor_name, donor_name_sealed, received_on, recorded_at, recorded_by_id, reverses_id, reason,"
    " expense_id, in_kind_rate_id, quantity)"
    " SELECT fund_id, %s, kind, medium, amount, household_id, '', donor_kind, donor_name, donor_name_sealed,"
    " received_on, recorded_at, recorded_by_id, id, %s, NULL, NULL, NULL FROM funds_entry WHERE id = %s"
)


@pytest.mark.parametrize("reason", ["", "   ", "\t\n", "\u00a0", "\u00a0\u00a0", "\v", "\f", " \u00a0\v\f\t "])
def test_no_reversing_entry_without_a_reason_straight_into_the_database(
    fund: Fund, village_head: User, reason: str
) -> None:
    entry = _pay(fund, village_head)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_RAW_REVERSAL, [2, reason, entry.pk])
    assert Entry.objects.filter(fund=fund).count() == 1
    # The very same statement with a reason goes in: the trigger refuses only the blank one.
    with connection.cursor() as cursor:
        cursor.execute(_RAW_REVERSAL, [2, "Ghi nhầm hộ", entry.pk])
    reversal = Entry.objects.get(fund=fund, number=2)
    assert (reversal.reverses_id, reversal.reason) == (entry.pk, "Ghi nhầm hộ")


def test_no_second_reversal_nor_reversal_of_a_reversal_straight_into_the_database(
    fund: Fund, village_head: User
) -> None:
    entry = _pay(fund, village_head)
    reversal = services.entry_reverse(entry=entry, reason="Ghi nhầm hộ", actor=village_head, now=NOW)
    # One reversal per entry: the one-to-one column's unique index.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_RAW_REVERSAL, [3, "Huỷ lần hai", entry.pk])
    # A reversal of a reversal: the trigger of migration 0009.
    with pytest.raises(DatabaseError) as refusal, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_RAW_REVERSAL, [3, "Huỷ phiếu huỷ", reversal.pk])
    assert "funds.reversal_of_reversal" in str(refusal.value)
    assert Entry.objects.filter(fund=fund).count() == 2


def test_verify_names_an_entry_inserted_behind_the_services_back(fund: Fund, village_head: User) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    entry = _pay(fund, village_head)
    out = StringIO()
    call_command("funds_verify", stdout=out)
    assert "1 funds verified" in out.getvalue()
    # A clerk with a database client may still INSERT (only UPDATE and DELETE are refused): the command names it.
    Entry.objects.create(
        fund=fund,
        number=2,
        kind="receipt",
        amount=1_000_000,
        household=entry.household,
        received_on=TODAY,
        recorded_at=NOW,
        recorded_by=village_head,
    )
    errors = StringIO()
    with pytest.raises(CommandError):
        call_command("funds_verify", stdout=StringIO(), stderr=errors)
    assert f"fund {fund.pk}: entry 2 has no audit event" in errors.getvalue()
    assert "entry 1 " not in errors.getvalue()


def test_verify_names_a_statement_not_published_under_its_report_number(
    fund: Fund, village_head: User, commune_officer: User
) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    from grassroots.disclosures.models import Disclosure

    _pay(fund, village_head)
    statement = services.statement_publish(
        fund=fund, period_end=dt.date(2026, 12, 31), actor=commune_officer, now=LATER
    )
    call_command("funds_verify", stdout=StringIO())
    assert statement.disclosure is not None
    Disclosure.objects.filter(pk=statement.disclosure.pk).update(decision_number="99/BC-SAI")
    errors = StringIO()
    with pytest.raises(CommandError):
        call_command("funds_verify", stdout=StringIO(), stderr=errors)
    assert "statement to 2026-12-31 not published under its report number" in errors.getvalue()


# ---------------------------------------------------------------------------------------------
# statement_publish: only for an open fund, and only for a period the fund existed in
# ---------------------------------------------------------------------------------------------


def test_a_closed_fund_gets_no_new_statement(fund: Fund, village_head: User, commune_officer: User) -> None:
    _pay(fund, village_head)
    # Set-up: a fund archived (as by an older closing, or a clerk with the admin) with no statement yet.
    Fund.objects.filter(pk=fund.pk).update(status="closed", closed_on=TODAY)
    with pytest.raises(DomainError) as refusal:
        services.statement_publish(fund=fund, period_end=dt.date(2026, 12, 31), actor=commune_officer, now=LATER)
    assert refusal.value.code == "funds.fund_closed"
    assert not Statement.objects.filter(fund=fund).exists()
    assert not Document.objects.filter(kind="report").exists()
    assert not AuditEvent.objects.filter(code__startswith="funds.statement").exists()


def test_no_statement_for_a_period_ending_before_the_decision(fund: Fund, commune_officer: User) -> None:
    before = fund.decided_on - dt.timedelta(days=1)
    with pytest.raises(DomainError) as refusal:
        services.statement_publish(fund=fund, period_end=before, actor=commune_officer, now=LATER)
    assert refusal.value.code == "funds.statement_before_decision"
    assert not Statement.objects.filter(fund=fund).exists()
    assert not Document.objects.filter(kind="report").exists()
    # The decision day itself is a period the fund existed in.
    statement = services.statement_publish(fund=fund, period_end=fund.decided_on, actor=commune_officer, now=LATER)
    assert statement.period_end == fund.decided_on
