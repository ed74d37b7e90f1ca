"""A household representative reads their own household's statement online: decided, owed, paid, receipts.

Attacker tests: another household's representative, a resident of the same household who is not its
representative, a neighbour, staff of the village and another commune's officer all get 404 (not 403: they do not
learn whether the household has a line in the fund); anonymous visitors go to the login page. The same holds for the
household's signed papers (receipts, statements) downloaded as PDF, whatever id is guessed.
"""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.conf import settings
from django.http import FileResponse
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_persona
from grassroots.core import clock
from grassroots.funds import services
from grassroots.funds.models import Entry, Fund, Paper
from grassroots.funds.tests.conftest import NOW, TODAY
from grassroots.units.models import AdministrativeUnit, Household, Resident

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _household(community: AdministrativeUnit, code: str) -> Household:
    return Household.objects.get(community=community, code=code)


@pytest.fixture
def statement_url(fund: Fund, community: AdministrativeUnit, village_head: User, household_representative: User) -> str:
    """H1-01 (represented by ``household_representative``) paid 200.000 đ then 150.000 đ, the second reversed."""
    household = _household(community, "H1-01")
    services.receipt_record(fund=fund, household=household, amount=200_000, received_on=TODAY, actor=village_head)
    second = services.receipt_record(
        fund=fund, household=household, amount=150_000, received_on=TODAY, actor=village_head
    )
    services.entry_reverse(entry=second, reason="Ghi nhầm số tiền", actor=village_head)
    return reverse("funds:household_statement", args=[fund.pk, household.pk])


def test_the_representative_sees_decided_owed_paid_and_receipts(
    statement_url: str, fund: Fund, household_representative: User
) -> None:
    response = _client(household_representative).get(statement_url)
    assert response.status_code == 200
    page = response.content.decode()
    assert fund.title in page and fund.purpose in page
    assert "Làm đường bê tông liên xóm" in page  # the decision the households voted
    assert "500.000 đ" in page  # owed
    assert "200.000 đ" in page  # paid (after the reversal)
    assert "300.000 đ" in page  # still owed
    assert "31/12/2026" in page  # the deadline
    for number in ("1", "2", "3"):
        assert f"Phiếu số {number}" in page
    assert "Ghi nhầm số tiền" in page
    # Phone first: the receipts table stacks at 360 px, nothing wider than the screen is fixed.
    assert 'class="stacked-table"' in page
    assert not re.search(r'width="\d{3,}"|min-width:\s*\d{3,}px', page)


def test_the_representative_reaches_it_from_their_list_and_the_public_ledger(
    statement_url: str, fund: Fund, household_representative: User
) -> None:
    client = _client(household_representative)
    assert statement_url in client.get(reverse("funds:my_households")).content.decode()
    assert statement_url in client.get(reverse("funds:public_detail", args=[fund.pk])).content.decode()
    # Anonymous readers of the public ledger get no such link.
    assert statement_url not in _client().get(reverse("funds:public_detail", args=[fund.pk])).content.decode()


def test_its_own_reduction_is_shown_to_the_household_alone(
    fund: Fund, community: AdministrativeUnit, village_head: User
) -> None:
    """H1-02 is exempt as a poor household: its representative sees it; the public ledger never does."""
    household = _household(community, "H1-02")
    user = make_persona("dai-dien-h102", "household_representative", community)
    household.representative = Resident.objects.create(household=household, full_name="Lý Thị Hai", user=user)
    household.save(update_fields=["representative"])
    page = _client(user).get(reverse("funds:household_statement", args=[fund.pk, household.pk])).content.decode()
    assert "Hộ nghèo" in page
    assert "Hộ nghèo" not in _client().get(reverse("funds:public_detail", args=[fund.pk])).content.decode()


@pytest.mark.parametrize(
    "who", ["resident", "village_head", "commune_officer", "board_member", "other_commune_officer", "superuser"]
)
def test_anyone_but_the_representative_gets_404(
    statement_url: str, who: str, request: pytest.FixtureRequest, household_representative: User
) -> None:
    """``resident`` lives in H1-02 (a neighbour); staff read the staff page, not the household's own page."""
    assert _client(request.getfixturevalue(who)).get(statement_url).status_code == 404


def test_another_households_representative_gets_404_for_every_id(
    fund: Fund, community: AdministrativeUnit, statement_url: str
) -> None:
    """A representative of H1-03 trying H1-01, H1-02 and an id that does not exist: 404 each time, same page."""
    mine = _household(community, "H1-03")
    user = make_persona("dai-dien-h103", "household_representative", community)
    mine.representative = Resident.objects.create(household=mine, full_name="Đinh Văn Ba", user=user)
    mine.save(update_fields=["representative"])
    client = _client(user)
    assert client.get(reverse("funds:household_statement", args=[fund.pk, mine.pk])).status_code == 200
    for code in ("H1-01", "H1-02"):
        other = _household(community, code)
        assert client.get(reverse("funds:household_statement", args=[fund.pk, other.pk])).status_code == 404
    assert client.get(reverse("funds:household_statement", args=[fund.pk, 999_999])).status_code == 404
    assert client.get(reverse("funds:household_statement", args=[999_999, mine.pk])).status_code == 404


def test_a_member_of_the_household_who_is_not_its_representative_gets_404(
    statement_url: str, community: AdministrativeUnit
) -> None:
    """The household's register names who represents it: living in it is not enough."""
    household = _household(community, "H1-01")
    member = make_persona("con-h101", "resident", community)
    Resident.objects.create(household=household, full_name="Trần Văn Con", user=member)
    assert _client(member).get(statement_url).status_code == 404


def test_a_former_representative_loses_the_page(
    statement_url: str, community: AdministrativeUnit, household_representative: User
) -> None:
    household = _household(community, "H1-01")
    household.representative = Resident.objects.create(household=household, full_name="Người Mới")
    household.save(update_fields=["representative"])
    assert _client(household_representative).get(statement_url).status_code == 404


def test_anonymous_goes_to_the_login_page(statement_url: str) -> None:
    response = _client().get(statement_url)
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


# ---------------------------------------------------------------------------------------------
# The household's signed papers (receipts, statements) as PDF: its representative alone
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def papers(fund: Fund, community: AdministrativeUnit, village_head: User, statement_url: str) -> dict[str, Paper]:
    """H1-01's receipt no. 1 and its statement, H1-03's receipt, and a donor's receipt, issued by the village head."""
    h101, h103 = _household(community, "H1-01"), _household(community, "H1-03")
    other = services.receipt_record(fund=fund, household=h103, amount=100_000, received_on=TODAY, actor=village_head)
    donation = services.donation_record(
        fund=fund,
        amount=1_000_000,
        donor_name="Bà Lê Thị Hảo Tâm",
        donor_consents_to_name=True,
        received_on=TODAY,
        actor=village_head,
    )
    first = Entry.objects.get(fund=fund, number=1)
    return {
        "receipt": services.receipt_paper_issue(entry=first, actor=village_head),
        "statement": services.household_statement_paper_issue(fund=fund, household=h101, actor=village_head),
        "neighbour": services.receipt_paper_issue(entry=other, actor=village_head),
        "donor": services.receipt_paper_issue(entry=donation, actor=village_head),
    }


def _file_url(paper: Paper) -> str:
    return reverse("funds:my_paper_file", args=[paper.pk])


def test_the_representative_downloads_the_households_signed_receipt_and_statement(
    statement_url: str, papers: dict[str, Paper], household_representative: User
) -> None:
    client = _client(household_representative)
    page = client.get(statement_url).content.decode()
    receipt, statement = papers["receipt"], papers["statement"]
    assert _file_url(receipt) in page and _file_url(statement) in page
    assert receipt.document.number_label in page and "Phiếu xác nhận đã nộp, phiếu số 1" in page
    # Only the household's own papers are listed.
    assert _file_url(papers["neighbour"]) not in page and _file_url(papers["donor"]) not in page
    for paper, needles in (
        (receipt, ("Xác nhận đã nhận đóng góp, phiếu số 1", "200.000 đồng")),
        (statement, ("Số đã đóng góp của hộ H1-01", "Còn phải nộp: 300.000 đồng")),
    ):
        response = client.get(_file_url(paper))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        content = response.getvalue()
        with paper.document.pdf_file.open("rb") as stored:
            assert content == stored.read()
        text = " ".join(" ".join(sheet.extract_text() or "" for sheet in PdfReader(BytesIO(content)).pages).split())
        # Signed by the treasurer and the village head, as the register issued it.
        for needle in (*needles, "THỦ QUỸ", "Nguyễn Thị Thủ Quỹ", "Lê Văn Trưởng"):
            assert needle in text, needle


def test_another_households_representative_guessing_ids_gets_404_for_each(
    fund: Fund, community: AdministrativeUnit, papers: dict[str, Paper]
) -> None:
    """H1-03's representative opens H1-03's receipt; H1-01's papers, a donor's receipt, the ids around them and an id
    that does not exist are all the same 404; the staff file page answers 403."""
    mine = _household(community, "H1-03")
    user = make_persona("dai-dien-h103", "household_representative", community)
    mine.representative = Resident.objects.create(household=mine, full_name="Đinh Văn Ba", user=user)
    mine.save(update_fields=["representative"])
    client = _client(user)
    own = papers["neighbour"]
    assert client.get(_file_url(own)).status_code == 200
    others = {paper.pk for key, paper in papers.items() if key != "neighbour"}
    for paper_id in sorted(others | {max(others) + 1, 999_999, 0}):
        response = client.get(reverse("funds:my_paper_file", args=[paper_id]))
        assert response.status_code == 404, paper_id
        assert not isinstance(response, FileResponse)
    for paper in (papers["receipt"], papers["neighbour"]):
        assert client.get(reverse("funds:paper_file", args=[paper.pk])).status_code == 403


@pytest.mark.parametrize(
    "who", ["resident", "village_head", "commune_officer", "board_member", "other_commune_officer", "superuser"]
)
def test_no_one_else_opens_the_households_papers_here(
    papers: dict[str, Paper], who: str, request: pytest.FixtureRequest
) -> None:
    """A neighbour and every kind of staff: staff have their own page (``paper_file``), not the household's."""
    client = _client(request.getfixturevalue(who))
    for paper in papers.values():
        assert client.get(_file_url(paper)).status_code == 404


def test_a_former_representative_loses_the_papers_and_anonymous_goes_to_login(
    papers: dict[str, Paper], community: AdministrativeUnit, household_representative: User
) -> None:
    url = _file_url(papers["receipt"])
    assert _client(household_representative).get(url).status_code == 200
    household = _household(community, "H1-01")
    household.representative = Resident.objects.create(household=household, full_name="Người Mới")
    household.save(update_fields=["representative"])
    assert _client(household_representative).get(url).status_code == 404
    response = _client().get(url)
    assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_without_papers_the_page_says_whom_to_ask(statement_url: str, household_representative: User) -> None:
    page = _client(household_representative).get(statement_url).content.decode()
    assert "Chưa có giấy xác nhận nào được phát hành cho hộ." in page
    assert "/ho-cua-toi/giay-to/" not in page
