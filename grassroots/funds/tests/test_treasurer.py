"""The treasurer (thủ quỹ): one person, one fund, recording only; written as the attackers would try it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_persona
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.funds import selectors, services
from grassroots.funds.models import Entry, Expense, Fund, Treasurer
from grassroots.funds.tests.conftest import NOW, PNG, TODAY, make_fund, recognised_vote
from grassroots.units.models import AdministrativeUnit, Household

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


@pytest.fixture
def treasurer(community: AdministrativeUnit) -> User:
    return make_persona("thu_quy", "resident", community, full_name="Nguyễn Thị Thủ Quỹ")


@pytest.fixture
def appointed(fund: Fund, treasurer: User, village_head: User) -> Treasurer:
    return services.treasurer_appoint(
        fund=fund, user=treasurer, basis="Biên bản họp thôn ngày 02/11/2026", actor=village_head, now=NOW
    )


def _household(community: AdministrativeUnit, code: str) -> Household:
    return Household.objects.get(community=community, code=code)


def _pay(fund: Fund, household: Household, actor: User, amount: int = 200_000) -> Entry:
    return services.receipt_record(
        fund=fund, household=household, amount=amount, received_on=TODAY, actor=actor, now=NOW
    )


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- what the treasurer does ------------------------------------------------------------------------


def test_the_treasurer_records_receipts_donations_and_proposes_expenses(
    fund: Fund, community: AdministrativeUnit, treasurer: User, appointed: Treasurer
) -> None:
    fund.refresh_from_db()
    assert fund.treasurer_name == "Nguyễn Thị Thủ Quỹ"
    assert AuditEvent.objects.filter(code="funds.treasurer.appointed", object_id=str(appointed.pk)).exists()
    entry = _pay(fund, _household(community, "H1-01"), treasurer)
    services.donation_record(
        fund=fund,
        amount=300_000,
        donor_name="Bà Tư",
        donor_consents_to_name=True,
        received_on=TODAY,
        actor=treasurer,
        now=NOW,
    )
    expense = services.expense_propose(
        fund=fund,
        work_item="Mua xi măng",
        amount=100_000,
        spent_on=TODAY,
        evidence_name="hoa-don.png",
        evidence_content=PNG,
        actor=treasurer,
        now=NOW,
    )
    reversal = services.entry_reverse(entry=entry, reason="Ghi nhầm hộ", actor=treasurer, now=NOW)
    assert [e.recorded_by_id for e in Entry.objects.filter(fund=fund)] == [treasurer.pk] * 3
    assert reversal.reverses_id == entry.pk
    assert expense.proposed_by_id == treasurer.pk


def test_the_treasurer_never_approves_publishes_closes_or_appoints(
    fund: Fund, treasurer: User, appointed: Treasurer, village_head: User
) -> None:
    attempts: list[Callable[[], object]] = [
        lambda: services.statement_publish(fund=fund, period_end=TODAY.replace(day=1), actor=treasurer, now=NOW),
        lambda: services.fund_close(fund=fund, leftover_handling="", actor=treasurer, now=NOW),
        lambda: services.fund_limit_raise(
            fund=fund, new_limit=9_000_000, decision_number="9", actor=treasurer, now=NOW
        ),
        lambda: services.treasurer_appoint(fund=fund, user=treasurer, basis="tự giao", actor=treasurer, now=NOW),
        lambda: services.treasurer_end(fund=fund, actor=treasurer, now=NOW),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as refused:
            attempt()
        assert refused.value.code == "funds.not_authorised"
    fund.refresh_from_db()
    assert fund.is_collecting and fund.spending_limit == 1_000_000


def test_the_treasurer_cannot_approve_an_expense_even_one_proposed_by_someone_else(
    fund: Fund, community: AdministrativeUnit, treasurer: User, appointed: Treasurer, village_head: User
) -> None:
    _pay(fund, _household(community, "H1-01"), village_head, amount=500_000)
    services.expense_propose(
        fund=fund,
        work_item="Mua cát",
        amount=100_000,
        spent_on=TODAY,
        evidence_name="hoa-don.png",
        evidence_content=PNG,
        actor=village_head,
        now=NOW,
    )
    expense = Expense.objects.get(fund=fund)
    with pytest.raises(DomainError) as refused:
        services.expense_approve(expense=expense, actor=treasurer, now=NOW)
    assert refused.value.code == "funds.not_authorised"
    assert Expense.objects.get(pk=expense.pk).status == "proposed"
    # Nor reverse an approved expense (it gives money back to the balance: the approver's call).
    assert not Entry.objects.filter(kind="expense").exists()


# --- the attackers --------------------------------------------------------------------------------------


def test_a_treasurer_of_another_village_records_nothing_here(
    fund: Fund, community: AdministrativeUnit, second_community: AdministrativeUnit, commune_chair: User
) -> None:
    other_head = make_persona("head_2", "village_head", second_community, full_name="Trưởng Thôn Hai")
    other_fund = make_fund(
        second_community, other_head, vote=recognised_vote(second_community), reductions={}, household_reductions={}
    )
    stranger = make_persona("thu_quy_2", "resident", second_community, full_name="Thủ Quỹ Thôn Hai")
    services.treasurer_appoint(fund=other_fund, user=stranger, basis="Họp thôn 2", actor=other_head, now=NOW)
    assert selectors.may_record(stranger, other_fund)
    with pytest.raises(DomainError) as refused:
        _pay(fund, _household(community, "H1-01"), stranger)
    assert refused.value.code == "funds.not_authorised"
    # Nor a household of the other village in their own fund's books through this fund's household list.
    with pytest.raises(DomainError):
        _pay(other_fund, _household(community, "H1-01"), stranger)
    assert not Entry.objects.exists()
    # The pages: the other village's fund does not exist for them (404), its forms neither.
    client = _client(stranger)
    assert client.get(reverse("funds:staff_detail", args=[fund.pk])).status_code == 404
    response = client.post(
        reverse("funds:receipt_new", args=[fund.pk]),
        {
            "household": _household(community, "H1-01").pk,
            "amount": "200.000",
            "received_on": TODAY.isoformat(),
            "medium": "money",
        },
    )
    assert response.status_code == 404
    assert not Entry.objects.exists()


def test_a_resident_who_is_not_the_treasurer_records_nothing(
    fund: Fund, community: AdministrativeUnit, resident: User, appointed: Treasurer
) -> None:
    with pytest.raises(DomainError) as refused:
        _pay(fund, _household(community, "H1-01"), resident)
    assert refused.value.code == "funds.not_authorised"
    client = _client(resident)
    assert client.get(reverse("funds:receipt_new", args=[fund.pk])).status_code == 403
    response = client.post(
        reverse("funds:receipt_new", args=[fund.pk]),
        {
            "household": _household(community, "H1-01").pk,
            "amount": "200.000",
            "received_on": TODAY.isoformat(),
            "medium": "money",
        },
    )
    assert response.status_code == 403
    assert client.get(reverse("funds:staff_detail", args=[fund.pk])).status_code == 403
    assert client.get(reverse("funds:treasurer_appoint", args=[fund.pk])).status_code == 403
    assert not Entry.objects.exists()


def test_an_ended_treasurer_records_nothing_more(
    fund: Fund, community: AdministrativeUnit, treasurer: User, appointed: Treasurer, village_head: User
) -> None:
    _pay(fund, _household(community, "H1-01"), treasurer)
    services.treasurer_end(fund=fund, actor=village_head, now=NOW)
    assert AuditEvent.objects.filter(code="funds.treasurer.ended").count() == 1
    with pytest.raises(DomainError) as refused:
        _pay(fund, _household(community, "H1-02"), treasurer)
    assert refused.value.code == "funds.not_authorised"
    assert _client(treasurer).get(reverse("funds:receipt_new", args=[fund.pk])).status_code == 403
    assert Entry.objects.count() == 1


def test_a_new_treasurer_replaces_the_one_in_office(
    fund: Fund, community: AdministrativeUnit, treasurer: User, appointed: Treasurer, village_head: User
) -> None:
    successor = make_persona("thu_quy_moi", "household_representative", community, full_name="Trần Văn Mới")
    services.treasurer_appoint(fund=fund, user=successor, basis="Họp thôn bầu lại", actor=village_head, now=NOW)
    assert not selectors.is_treasurer(treasurer, fund) and selectors.is_treasurer(successor, fund)
    assert Treasurer.objects.filter(fund=fund, ended_at__isnull=True).count() == 1


def test_the_database_holds_one_treasurer_in_office(
    fund: Fund, community: AdministrativeUnit, appointed: Treasurer, village_head: User
) -> None:
    """A clerk inserting a second treasurer behind the service's back is refused by the database."""
    with pytest.raises(DatabaseError), transaction.atomic():
        Treasurer.objects.create(fund=fund, user=village_head, basis="x", appointed_by=village_head, appointed_at=NOW)


@pytest.mark.parametrize(
    ("who", "code"),
    [("outsider", "funds.treasurer_outside_unit"), ("approver", "funds.treasurer_is_approver")],
)
def test_who_cannot_be_made_treasurer(
    fund: Fund, second_community: AdministrativeUnit, village_head: User, who: str, code: str
) -> None:
    """Someone of another village; someone who approves the fund's expenses (keeping and approving apart)."""
    target = make_persona("thon_hai", "resident", second_community) if who == "outsider" else village_head
    with pytest.raises(DomainError) as refused:
        services.treasurer_appoint(fund=fund, user=target, basis="Họp thôn", actor=village_head, now=NOW)
    assert refused.value.code == code
    assert not Treasurer.objects.exists()


def test_a_resident_cannot_appoint_themself(fund: Fund, resident: User) -> None:
    with pytest.raises(DomainError) as refused:
        services.treasurer_appoint(fund=fund, user=resident, basis="tự nhận", actor=resident, now=NOW)
    assert refused.value.code == "funds.not_authorised"
    assert (
        _client(resident)
        .post(reverse("funds:treasurer_appoint", args=[fund.pk]), {"user": resident.pk, "basis": "tự nhận"})
        .status_code
        == 403
    )
    assert not Treasurer.objects.exists()


def test_a_clerk_cannot_edit_a_ledger_row_in_the_admin_or_the_database(
    fund: Fund,
    community: AdministrativeUnit,
    treasurer: User,
    appointed: Treasurer,
    superuser: User,
    commune_officer: User,
) -> None:
    entry = _pay(fund, _household(community, "H1-01"), treasurer)
    change = reverse("admin:funds_entry_change", args=[entry.pk])
    # A commune officer is no admin user at all.
    assert _client(commune_officer).post(change, {"amount": "1"}).status_code in (302, 403)
    # A superuser reads the ledger in the admin and changes nothing.
    admin = _client(superuser)
    assert admin.get(change).status_code == 200
    assert admin.post(change, {"amount": "1", "kind": "receipt"}).status_code == 403
    assert admin.post(reverse("admin:funds_entry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert admin.post(reverse("admin:funds_treasurer_add"), {"fund": fund.pk}).status_code == 403
    # Straight in the database: the trigger refuses.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE funds_entry SET amount = 1, recorded_by_id = %s WHERE id = %s", [superuser.pk, entry.pk])
    assert Entry.objects.get(pk=entry.pk).amount == 200_000


# --- pages ----------------------------------------------------------------------------------------------


def test_the_treasurer_pages(fund: Fund, community: AdministrativeUnit, treasurer: User, appointed: Treasurer) -> None:
    client = _client(treasurer)
    home = client.get(reverse("funds:treasurer_home")).content.decode()
    assert reverse("funds:staff_detail", args=[fund.pk]) in home
    assert "Vào sổ thủ quỹ" in client.get(reverse("funds:public_detail", args=[fund.pk])).content.decode()
    detail = client.get(reverse("funds:staff_detail", args=[fund.pk]))
    assert detail.status_code == 200
    assert reverse("funds:receipt_new", args=[fund.pk]) in detail.content.decode()
    response = client.post(
        reverse("funds:receipt_new", args=[fund.pk]),
        {
            "household": _household(community, "H1-01").pk,
            "amount": "200.000",
            "received_on": TODAY.isoformat(),
            "medium": "money",
        },
    )
    assert response.status_code == 302
    assert Entry.objects.get().recorded_by_id == treasurer.pk
    response = client.post(
        reverse("funds:expense_new", args=[fund.pk]),
        {
            "work_item": "Mua đá",
            "amount": "100.000",
            "spent_on": TODAY.isoformat(),
            "evidence": SimpleUploadedFile("hd.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    # The approving and managing pages stay closed.
    expense = Expense.objects.get()
    assert client.get(reverse("funds:expense_approve", args=[expense.pk])).status_code == 403
    assert client.get(reverse("funds:close", args=[fund.pk])).status_code == 403
    assert client.get(reverse("funds:treasurer_appoint", args=[fund.pk])).status_code == 403


def test_the_village_head_appoints_through_the_page(fund: Fund, treasurer: User, village_head: User) -> None:
    client = _client(village_head)
    page = client.get(reverse("funds:treasurer_appoint", args=[fund.pk])).content.decode()
    assert "Nguyễn Thị Thủ Quỹ" in page
    response = client.post(
        reverse("funds:treasurer_appoint", args=[fund.pk]), {"user": treasurer.pk, "basis": "Họp thôn 02/11"}
    )
    assert response.status_code == 302
    assert selectors.is_treasurer(treasurer, fund)
    response = client.post(reverse("funds:treasurer_end", args=[fund.pk]), {})
    assert response.status_code == 302
    assert not selectors.is_treasurer(treasurer, fund)


def test_a_village_resident_keeps_the_books_of_a_commune_wide_fund(
    commune: AdministrativeUnit, community: AdministrativeUnit, commune_chair: User, other_commune: AdministrativeUnit
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
        treasurer_name="—",
        village_head_name="—",
        actor=commune_chair,
        now=NOW,
    )
    stranger = make_persona("xa_khac", "resident", other_commune.children.first() or other_commune)
    with pytest.raises(DomainError) as refused:
        services.treasurer_appoint(fund=fund, user=stranger, basis="Họp", actor=commune_chair, now=NOW)
    assert refused.value.code == "funds.treasurer_outside_unit"
    keeper = make_persona("thu_quy_xa", "resident", community, full_name="Lý Thị Hoa")
    services.treasurer_appoint(fund=fund, user=keeper, basis="Họp xã", actor=commune_chair, now=NOW)
    client = _client(keeper)
    assert client.get(reverse("funds:staff_detail", args=[fund.pk])).status_code == 200
    household = Household.objects.get(code="H2-01")
    response = client.post(
        reverse("funds:receipt_new", args=[fund.pk]),
        {"household": household.pk, "amount": "100.000", "received_on": TODAY.isoformat(), "medium": "money"},
    )
    assert response.status_code == 302
    entry = Entry.objects.get(fund=fund)
    assert client.get(reverse("funds:receipt_print", args=[entry.pk])).status_code == 200
    # The commune's other pages stay closed to them: only this fund's books are opened.
    assert client.get(reverse("funds:staff_list")).status_code == 403
    services.treasurer_end(fund=fund, actor=commune_chair, now=NOW)
    assert client.get(reverse("funds:staff_detail", args=[fund.pk])).status_code == 404
