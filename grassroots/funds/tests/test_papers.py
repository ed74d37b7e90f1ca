"""Receipts and household statements issued through ``documents.document_issue``, read back from DOCX and PDF."""

from __future__ import annotations

import docx
import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_persona
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.documents.models import Document
from grassroots.funds import services
from grassroots.funds.models import Fund, Paper
from grassroots.funds.tests.conftest import NOW, TODAY
from grassroots.units.models import AdministrativeUnit, Household

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def _texts(document: Document) -> tuple[str, str]:
    word = docx.Document(document.docx_file.path)
    parts = [paragraph.text for paragraph in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    pdf = "\n".join(page.extract_text() or "" for page in PdfReader(document.pdf_file.path).pages)
    return "\n".join(parts), " ".join(pdf.split())


def _in_both(document: Document, *needles: str) -> None:
    word, pdf = _texts(document)
    for needle in needles:
        assert needle in word, needle
        assert " ".join(needle.split()) in pdf, needle


def _household(community: AdministrativeUnit, code: str) -> Household:
    return Household.objects.get(community=community, code=code)


def test_a_receipt_is_an_official_paper_issued_once(
    fund: Fund, community: AdministrativeUnit, village_head: User
) -> None:
    entry = services.receipt_record(
        fund=fund,
        household=_household(community, "H1-01"),
        amount=350_000,
        received_on=TODAY,
        actor=village_head,
        now=NOW,
    )
    paper = services.receipt_paper_issue(entry=entry, actor=village_head, now=NOW)
    document = paper.document
    assert document.kind == "notification_slip" and document.issuer_id == community.pk
    assert document.is_public is False
    _in_both(
        document,
        "PHIẾU BÁO",
        "THÔN 1",
        "Xác nhận đã nhận đóng góp, phiếu số 1",
        "H1-01",
        "350.000 đồng",
        "10/11/2026",
        "THỦ QUỸ",
        "Nguyễn Thị Thủ Quỹ",
        "Lê Văn Trưởng",
    )
    # Printing it again gives the same paper: one number in the register, not one per click.
    again = services.receipt_paper_issue(entry=entry, actor=village_head, now=NOW)
    assert again.pk == paper.pk and Document.objects.count() == 1
    assert AuditEvent.objects.filter(code="funds.paper.receipt_issued").count() == 1
    assert AuditEvent.objects.filter(code="documents.document.issued").count() == 1


def test_a_household_statement_shows_each_payment_and_what_is_left(
    fund: Fund, community: AdministrativeUnit, village_head: User
) -> None:
    """H1-03 has 50 % off (merit): owes 250.000; pays 100.000, a mistaken 50.000 reversed, then 100.000."""
    household = _household(community, "H1-03")
    services.receipt_record(
        fund=fund, household=household, amount=100_000, received_on=TODAY, actor=village_head, now=NOW
    )
    wrong = services.receipt_record(
        fund=fund, household=household, amount=50_000, received_on=TODAY, actor=village_head, now=NOW
    )
    services.entry_reverse(entry=wrong, reason="Ghi trùng", actor=village_head, now=NOW)
    services.receipt_record(
        fund=fund, household=household, amount=100_000, received_on=TODAY, actor=village_head, now=NOW
    )
    paper = services.household_statement_paper_issue(fund=fund, household=household, actor=village_head, now=NOW)
    document = paper.document
    assert document.kind == "notice" and paper.household_id == household.pk
    _in_both(
        document,
        "THÔNG BÁO",
        "Số đã đóng góp của hộ H1-03",
        "giảm 50%",
        "Số phải nộp: 250.000 đồng",
        "Điều chỉnh: Ghi trùng",
        "Đã nộp: 200.000 đồng",
        "Còn phải nộp: 50.000 đồng",
        "đã nộp một phần",
    )
    word, _pdf = _texts(document)
    # The running balance after each payment: 150.000, then 100.000, back to 150.000, then 50.000.
    assert [line for line in ("150.000 đồng", "100.000 đồng", "50.000 đồng") if line in word] == [
        "150.000 đồng",
        "100.000 đồng",
        "50.000 đồng",
    ]
    # Each request is a new numbered paper with the day's figures.
    second = services.household_statement_paper_issue(fund=fund, household=household, actor=village_head, now=NOW)
    assert second.document.number == document.number + 1


def test_a_commune_fund_paper_is_signed_for_the_peoples_committee(
    commune: AdministrativeUnit, commune_chair: User
) -> None:
    import datetime as dt

    fund = services.fund_create(
        unit=commune,
        decision_number="12/QĐ-UBND",
        decided_on=dt.date(2026, 11, 2),
        kind="contribution",
        title="Đèn đường toàn xã",
        purpose="Lắp đèn",
        basis="per_household",
        rate_money=100_000,
        spending_limit=1_000_000,
        collection_starts=dt.date(2026, 11, 2),
        collection_ends=dt.date(2026, 12, 31),
        treasurer_name="Thủ Quỹ Xã",
        village_head_name="—",
        actor=commune_chair,
        now=NOW,
    )
    household = Household.objects.get(code="H2-01")
    paper = services.household_statement_paper_issue(fund=fund, household=household, actor=commune_chair, now=NOW)
    _in_both(paper.document, "ỦY BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN", "Hoàng Văn Chủ Tịch", "chưa nộp")


def test_who_may_issue_papers(
    fund: Fund, community: AdministrativeUnit, village_head: User, resident: User, second_community: AdministrativeUnit
) -> None:
    entry = services.receipt_record(
        fund=fund,
        household=_household(community, "H1-01"),
        amount=1_000,
        received_on=TODAY,
        actor=village_head,
        now=NOW,
    )
    outsider = make_persona("head_two", "village_head", second_community)
    for actor in (resident, outsider):
        with pytest.raises(DomainError) as refused:
            services.receipt_paper_issue(entry=entry, actor=actor, now=NOW)
        assert refused.value.code == "funds.not_authorised"
        with pytest.raises(DomainError):
            services.household_statement_paper_issue(
                fund=fund, household=_household(community, "H1-01"), actor=actor, now=NOW
            )
    with pytest.raises(DomainError) as refused:
        services.household_statement_paper_issue(
            fund=fund, household=Household.objects.get(code="H2-01"), actor=village_head, now=NOW
        )
    assert refused.value.code == "funds.paper_household_not_in_fund"
    assert not Paper.objects.exists() and not Document.objects.exists()


def test_paper_pages(fund: Fund, community: AdministrativeUnit, village_head: User, resident: User) -> None:
    household = _household(community, "H1-01")
    entry = services.receipt_record(
        fund=fund, household=household, amount=1_000, received_on=TODAY, actor=village_head, now=NOW
    )
    staff = Client()
    staff.force_login(village_head)
    response = staff.post(reverse("funds:receipt_paper", args=[entry.pk]))
    paper = Paper.objects.get(entry=entry)
    assert response.status_code == 302 and response["Location"] == reverse("funds:paper_file", args=[paper.pk])
    pdf = staff.get(reverse("funds:paper_file", args=[paper.pk]))
    assert pdf.status_code == 200 and pdf.getvalue().startswith(b"%PDF")
    word = staff.get(reverse("funds:paper_file", args=[paper.pk]) + "?dinh-dang=docx")
    assert word.getvalue().startswith(b"PK")
    assert "Mở phiếu đã phát hành" in staff.get(reverse("funds:receipt_print", args=[entry.pk])).content.decode()
    response = staff.post(reverse("funds:household_paper", args=[fund.pk, household.pk]))
    statement = Paper.objects.get(kind="household_statement")
    assert response["Location"] == reverse("funds:paper_file", args=[statement.pk])
    account = staff.get(reverse("funds:household_account", args=[fund.pk, household.pk])).content.decode()
    assert statement.document.number_label in account
    # A resident opens none of it.
    other = Client()
    other.force_login(resident)
    assert other.get(reverse("funds:paper_file", args=[paper.pk])).status_code == 403
    assert other.post(reverse("funds:household_paper", args=[fund.pk, household.pk])).status_code == 403
    assert Paper.objects.count() == 2
