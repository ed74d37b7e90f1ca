"""View tests: the public ledger shows what it must and nothing more; the door; one happy path per form."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core import clock
from grassroots.funds import services
from grassroots.funds.models import Entry, Expense, Fund
from grassroots.funds.tests.conftest import NOW, PNG, TODAY, make_fund
from grassroots.units.models import AdministrativeUnit, Household

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_public_ledger_hides_reductions_amounts_due_and_anonymous_donors(
    fund: Fund, community: AdministrativeUnit, village_head: User, commune_officer: User
) -> None:
    household = Household.objects.get(community=community, code="H1-01")
    services.receipt_record(
        fund=fund, household=household, amount=500_000, received_on=TODAY, actor=village_head, now=NOW
    )
    services.donation_record(
        fund=fund,
        amount=3_000_000,
        donor_name="Công ty Bí Mật",
        donor_consents_to_name=False,
        received_on=TODAY,
        actor=village_head,
        now=NOW,
    )
    page = _client().get(reverse("funds:public_detail", args=[fund.pk])).content.decode()
    assert "3.500.000 đ" in page  # balance: 500 000 + 3 000 000
    assert "H1-02" in page  # every household is listed, the exempt one too
    for hidden in ("Hộ nghèo", "người có công", "Bí Mật", "250.000"):
        assert hidden not in page
    # Amounts paid are hidden until the commune decides otherwise (its setting).
    assert 'scope="col">Đã nộp</th>' not in page
    services.commune_fund_setting_change(
        commune=fund.commune, shows_household_amounts=True, basis="QĐ 12/QĐ-UBND", actor=commune_officer, now=NOW
    )
    shown = _client().get(reverse("funds:public_detail", args=[fund.pk])).content.decode()
    assert 'scope="col">Đã nộp</th>' in shown
    assert "250.000" not in shown and "Hộ nghèo" not in shown


def _print_figures(page: str) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """The printable statement read back: its totals (label → figure) and its households (code → status, amount)."""
    totals = dict(re.findall(r'<th scope="row">([^<]+)</th><td>(?:<strong>)?([^<]*)', page))
    households = {
        code: tuple(cell for cell in (status, amount) if cell)
        for code, status, amount in re.findall(
            r'<td class="stacked-title">(H1-\d\d)[^<]*</td><td data-label="Tình trạng">.*?</span> ([^<]+)</span></td>'
            r'(?:<td data-label="Đã nộp">([^<]*)</td>)?</tr>',
            page,
        )
    }
    return totals, households


def test_the_printable_statement_shows_totals_each_household_the_balance_and_consenting_donors(
    fund: Fund, community: AdministrativeUnit, village_head: User, approver: User, commune_officer: User
) -> None:
    """H1-01 pays 300.000 + 200.000 (in full); H1-03 (50 % off: owes 250.000) pays 100.000 and a mistaken 50.000
    that is reversed; H1-02 is exempt. A donor who agreed to be named gives 700.000, one who did not 1.000.000;
    200.000 is spent. In: 600.000 + 1.700.000; out: 200.000; balance 2.100.000."""
    first, third = (Household.objects.get(community=community, code=code) for code in ("H1-01", "H1-03"))
    for household, amount in ((first, 300_000), (first, 200_000), (third, 100_000)):
        services.receipt_record(
            fund=fund, household=household, amount=amount, received_on=TODAY, actor=village_head, now=NOW
        )
    wrong = services.receipt_record(
        fund=fund, household=third, amount=50_000, received_on=TODAY, actor=village_head, now=NOW
    )
    services.entry_reverse(entry=wrong, reason="Ghi trùng", actor=village_head, now=NOW)
    for name, amount, consents in (("Bà Lê Thị Hảo Tâm", 700_000, True), ("Công ty Bí Mật", 1_000_000, False)):
        services.donation_record(
            fund=fund,
            amount=amount,
            donor_name=name,
            donor_consents_to_name=consents,
            received_on=TODAY,
            actor=village_head,
            now=NOW,
        )
    expense = services.expense_propose(
        fund=fund,
        work_item="Mua xi măng",
        amount=200_000,
        spent_on=TODAY,
        evidence_name="hoa-don.png",
        evidence_content=PNG,
        actor=village_head,
        now=NOW,
    )
    services.expense_approve(expense=expense, actor=approver, now=NOW)
    url = reverse("funds:public_print", args=[fund.pk])

    page = _client().get(url).content.decode()
    totals, households = _print_figures(page)
    assert {label: totals[label] for label in TOTAL_LABELS} == {
        "Phải thu theo quyết định": "750.000 đ",
        "Đã thu của các hộ (tiền)": "600.000 đ",
        "Ủng hộ, tài trợ": "1.700.000 đ",
        "Đã chi": "200.000 đ",
        "Số dư": "2.100.000 đ",
        "Mức chi tối đa theo quyết định": "1.000.000 đ",
    }
    # Until the commune decides to show amounts, each household's line is its status alone.
    assert households == {"H1-01": ("Đã nộp đủ",), "H1-02": ("Đã nộp đủ",), "H1-03": ("Đã nộp một phần",)}
    assert "2 hộ đã nộp đủ, 1 hộ nộp một phần, 0 hộ chưa nộp." in page
    assert "Bà Lê Thị Hảo Tâm" in page and "Nhà hảo tâm (không công khai tên)" in page
    assert "Mua xi măng" in page and "Phạm Văn Chủ Tịch" in page  # the expense and who approved it
    for hidden in ("Bí Mật", "Hộ nghèo", "người có công", "250.000"):
        assert hidden not in page, hidden

    services.commune_fund_setting_change(
        commune=fund.commune, shows_household_amounts=True, basis="QĐ 12/QĐ-UBND", actor=commune_officer, now=NOW
    )
    shown = _client().get(url).content.decode()
    assert _print_figures(shown)[1] == {
        "H1-01": ("Đã nộp đủ", "500.000 đ"),
        "H1-02": ("Đã nộp đủ", "0 đ"),
        "H1-03": ("Đã nộp một phần", "100.000 đ"),
    }
    for hidden in ("Bí Mật", "Hộ nghèo", "người có công", "250.000"):
        assert hidden not in shown, hidden


TOTAL_LABELS = (
    "Phải thu theo quyết định",
    "Đã thu của các hộ (tiền)",
    "Ủng hộ, tài trợ",
    "Đã chi",
    "Số dư",
    "Mức chi tối đa theo quyết định",
)


def test_staff_pages_are_404_to_another_commune_and_403_to_a_resident(
    fund: Fund, other_commune_officer: User, resident: User
) -> None:
    url = reverse("funds:staff_detail", args=[fund.pk])
    assert _client(other_commune_officer).get(url).status_code in (403, 404)
    assert _client(other_commune_officer).get(reverse("funds:receipt_new", args=[fund.pk])).status_code == 404
    assert _client(resident).get(url).status_code == 403


def test_board_member_opens_every_entry_and_sees_sealed_names(
    fund: Fund, village_head: User, board_member: User
) -> None:
    services.donation_record(
        fund=fund,
        amount=1_000,
        donor_name="Ông Giấu Tên",
        donor_consents_to_name=False,
        received_on=TODAY,
        actor=village_head,
        now=NOW,
    )
    page = _client(board_member).get(reverse("funds:staff_detail", args=[fund.pk])).content.decode()
    assert "Ông Giấu Tên" in page


def test_receipt_form_records_and_prints(fund: Fund, community: AdministrativeUnit, village_head: User) -> None:
    household = Household.objects.get(community=community, code="H1-01")
    response = _client(village_head).post(
        reverse("funds:receipt_new", args=[fund.pk]),
        {"household": household.pk, "medium": "money", "amount": "200.000", "received_on": TODAY.isoformat()},
    )
    entry = Entry.objects.get(fund=fund)
    assert response.status_code == 302 and response["Location"] == reverse("funds:receipt_print", args=[entry.pk])
    assert entry.amount == 200_000
    assert _client(village_head).get(response["Location"]).status_code == 200


def test_bad_amount_keeps_the_input(fund: Fund, community: AdministrativeUnit, village_head: User) -> None:
    household = Household.objects.get(community=community, code="H1-01")
    response = _client(village_head).post(
        reverse("funds:receipt_new", args=[fund.pk]),
        {"household": household.pk, "medium": "money", "amount": "200,5", "received_on": TODAY.isoformat()},
    )
    assert response.status_code == 200
    assert "200,5" in response.content.decode()
    assert not Entry.objects.exists()


def test_expense_with_photo_then_approval(
    fund: Fund, community: AdministrativeUnit, village_head: User, approver: User
) -> None:
    household = Household.objects.get(community=community, code="H1-01")
    services.receipt_record(
        fund=fund, household=household, amount=500_000, received_on=TODAY, actor=village_head, now=NOW
    )
    response = _client(village_head).post(
        reverse("funds:expense_new", args=[fund.pk]),
        {
            "work_item": "Mua cát",
            "amount": "300000",
            "spent_on": TODAY.isoformat(),
            "evidence": SimpleUploadedFile("hoa-don.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    expense = Expense.objects.get()
    assert _client(approver).post(reverse("funds:expense_approve", args=[expense.pk])).status_code == 302
    assert Entry.objects.filter(kind="expense").count() == 1
    assert _client().get(reverse("funds:evidence", args=[expense.pk])).status_code == 200
    # The public ledger names who approved the expense (the "approving person"), beside its evidence.
    ledger = _client().get(reverse("funds:public_detail", args=[fund.pk])).content.decode()
    approved_by = approver.full_name or approver.username
    assert 'data-label="Người duyệt chi">' + approved_by + "</td>" in ledger


def test_donated_materials_count_in_the_public_totals_and_the_k5_statement(fund: Fund, village_head: User) -> None:
    """Cement given by a company is part of what the community received: the ledger and the statement say so."""
    from grassroots.funds import selectors

    services.donation_record(
        fund=fund,
        amount=700_000,
        donor_name="Công ty Vật Liệu",
        donor_consents_to_name=True,
        donor_kind="organisation",
        medium="materials",
        description="10 bao xi măng",
        received_on=TODAY,
        actor=village_head,
        now=NOW,
    )
    ledger = _client().get(reverse("funds:public_detail", args=[fund.pk])).content.decode()
    assert "Ủng hộ, tài trợ bằng hiện vật (quy ra tiền)</th><td>700.000 đ</td>" in ledger
    totals = selectors.fund_totals(fund)
    text = selectors.statement_text(fund, totals, period_end=TODAY, is_final=False)
    assert "Ủng hộ, tài trợ: 0 đ (tiền), 700.000 đ (hiện vật quy ra tiền)." in text


def test_admin_cannot_change_or_delete_an_entry(
    fund: Fund, community: AdministrativeUnit, village_head: User, superuser: User
) -> None:
    household = Household.objects.get(community=community, code="H1-01")
    entry = services.receipt_record(
        fund=fund, household=household, amount=500_000, received_on=TODAY, actor=village_head, now=NOW
    )
    client = _client(superuser)
    change = reverse("admin:funds_entry_change", args=[entry.pk])
    assert client.post(change, {"amount": "1"}).status_code == 403
    assert client.post(reverse("admin:funds_entry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.amount == 500_000


def test_the_commune_portal_page_lists_the_funds(fund: Fund, commune: AdministrativeUnit) -> None:
    """The issue asks for the public ledger "on the community's portal page": one tap from the commune's page."""
    page = _client().get(reverse("portal:commune", args=[commune.slug])).content.decode()
    assert reverse("funds:public_detail", args=[fund.pk]) in page
    assert reverse("funds:public_list", args=[commune.slug]) in page


def test_the_board_opens_every_entry_and_its_evidence_and_raises_a_finding_from_it(
    fund: Fund, community: AdministrativeUnit, village_head: User, board_member: User
) -> None:
    from grassroots.funds.models import Finding

    household = Household.objects.get(community=community, code="H1-01")
    entry = services.receipt_record(
        fund=fund, household=household, amount=500_000, received_on=TODAY, actor=village_head, now=NOW
    )
    expense = services.expense_propose(
        fund=fund,
        work_item="Mua xi măng",
        amount=200_000,
        spent_on=TODAY,
        evidence_name="hoa-don.png",
        evidence_content=PNG,
        actor=village_head,
        now=NOW,
    )
    board = _client(board_member)
    page = board.get(reverse("funds:staff_detail", args=[fund.pk])).content.decode()
    form_url = reverse("funds:finding_new", args=[fund.pk])
    assert f'href="{form_url}?phieu={entry.number}"' in page
    assert board.get(reverse("funds:receipt_print", args=[entry.pk])).status_code == 200
    evidence = board.get(reverse("funds:expense_evidence", args=[expense.pk]))
    assert evidence.status_code == 200 and evidence.getvalue() == PNG
    # The link fills in the entry's number; the finding is attached to that entry.
    assert 'value="1"' in board.get(f"{form_url}?phieu={entry.number}").content.decode()
    assert board.get(f"{form_url}?phieu=²").status_code == 200  # not a number: an empty form, no error
    response = board.post(form_url, {"entry_number": entry.number, "text": "Phiếu thiếu chữ ký người nộp"})
    assert response.status_code == 302
    finding = Finding.objects.get()
    assert (finding.entry_id, finding.raised_by_id) == (entry.pk, board_member.pk)
    # A number the ledger does not hold is refused with a message, not filed against the whole fund.
    refused = board.post(form_url, {"entry_number": 99, "text": "Phiếu số 99 ở đâu?"})
    assert refused.status_code == 200 and "không có phiếu số 99" in refused.content.decode()
    assert Finding.objects.count() == 1
    # Those who record entries do not get the board's link.
    staff_page = _client(village_head).get(reverse("funds:staff_detail", args=[fund.pk])).content.decode()
    assert f"{form_url}?phieu=" not in staff_page


def test_a_closed_fund_is_archived_with_its_audit_trail(
    fund: Fund, community: AdministrativeUnit, village_head: User, commune_officer: User, board_member: User
) -> None:
    """After closing, nothing more is written, and the fund's page still shows its whole history, newest first."""
    from grassroots.funds import selectors

    household = Household.objects.get(community=community, code="H1-01")
    entry = services.receipt_record(
        fund=fund, household=household, amount=500_000, received_on=TODAY, actor=village_head, now=NOW
    )
    services.entry_reverse(entry=entry, reason="Ghi nhầm", actor=village_head, now=NOW)
    services.fund_close(fund=fund, leftover_handling="", actor=commune_officer, now=NOW)
    # Another fund of the same village: its events are not this fund's history.
    second = make_fund(community, village_head, title="Đèn đường thôn 1")
    services.receipt_record(
        fund=second, household=household, amount=1_000, received_on=TODAY, actor=village_head, now=NOW
    )
    codes = [event.code for event in selectors.fund_history(fund)]
    assert codes == [
        "funds.fund.closed",
        "funds.statement.published",
        "funds.entry.reversed",
        "funds.entry.receipt",
        "funds.fund.created",
    ]
    page = _client(board_member).get(reverse("funds:staff_detail", args=[fund.pk])).content.decode()
    history = page[page.index('id="history-heading"') :]
    labels = ["Quyết toán, đóng quỹ", "Công khai báo cáo thu, chi (K5)", "Ghi bút toán điều chỉnh", "Ghi phiếu thu"]
    positions = [history.index(label) for label in [*labels, "Lập quỹ"]]
    assert positions == sorted(positions)
    assert "Phạm Thị Cán Bộ" in history and "Lê Văn Trưởng" in history


def test_limit_form_refuses_the_commune_funds_own_decision_and_takes_a_new_one(
    commune: AdministrativeUnit, commune_officer: User
) -> None:
    """The form carries the decision's date; the fund's own number is refused with a message, nothing changed."""
    fund = make_fund(
        commune,
        commune_officer,
        vote=None,
        decision_number="45/QĐ-UBND",
        decided_on=dt.date(2026, 11, 2),
        household_reductions={},
    )
    url = reverse("funds:limit_raise", args=[fund.pk])
    client = _client(commune_officer)
    reused = client.post(url, {"new_limit": "2000000", "decision_number": "45/QĐ-UBND", "decided_on": "2026-11-05"})
    assert reused.status_code == 200
    assert "quyết định mới" in reused.content.decode()
    fund.refresh_from_db()
    assert fund.spending_limit == 1_000_000
    fresh = client.post(url, {"new_limit": "2000000", "decision_number": "46/QĐ-UBND", "decided_on": "2026-11-05"})
    assert fresh.status_code == 302
    fund.refresh_from_db()
    assert fund.spending_limit == 2_000_000
