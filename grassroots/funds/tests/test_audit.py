"""Every write of the funds app leaves its audit event: the action (code), the object (type and id), the actor,
the unit, and what changed. One test per service; a refusal leaves none."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import models

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.funds import services
from grassroots.funds.models import Entry, Expense, Fund
from grassroots.funds.tests.conftest import NOW, PNG, TODAY, VN, recognised_vote
from grassroots.units.models import AdministrativeUnit, Household

pytestmark = pytest.mark.django_db

LATER = dt.datetime(2027, 1, 4, 9, 0, tzinfo=VN)


def _event(code: str, obj: models.Model, actor: User) -> AuditEvent:
    """The one event of ``code``, checked against the object it names and the person who acted."""
    events = list(AuditEvent.objects.filter(code=code))
    assert len(events) == 1, [event.code for event in AuditEvent.objects.all()]
    event = events[0]
    assert (event.object_type, event.object_id) == (obj._meta.label_lower, str(obj.pk))
    assert event.actor_id == actor.pk
    return event


def _after(event: AuditEvent) -> dict[str, Any]:
    assert isinstance(event.after, dict)
    return event.after


def _before(event: AuditEvent) -> dict[str, Any]:
    assert isinstance(event.before, dict)
    return event.before


def _household(community: AdministrativeUnit, code: str = "H1-01") -> Household:
    return Household.objects.get(community=community, code=code)


def _pay(fund: Fund, actor: User, amount: int = 500_000) -> Entry:
    return services.receipt_record(
        fund=fund, household=_household(fund.unit), amount=amount, received_on=TODAY, actor=actor, now=NOW
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


def test_creating_a_fund(fund: Fund, village_head: User, community: AdministrativeUnit) -> None:
    event = _event("funds.fund.created", fund, village_head)
    assert event.unit_id == community.pk
    assert (_after(event)["households"], _after(event)["spending_limit"]) == (3, 1_000_000)


def test_a_receipt(fund: Fund, village_head: User, community: AdministrativeUnit) -> None:
    entry = _pay(fund, village_head, 300_000)
    event = _event("funds.entry.receipt", entry, village_head)
    assert event.unit_id == community.pk and event.before is None
    assert {key: _after(event)[key] for key in ("number", "kind", "amount", "household")} == {
        "number": 1,
        "kind": "receipt",
        "amount": 300_000,
        "household": _household(community).pk,
    }


def test_a_reversing_entry(fund: Fund, village_head: User) -> None:
    original = _pay(fund, village_head)
    reversal = services.entry_reverse(entry=original, reason="Ghi nhầm hộ", actor=village_head, now=NOW)
    event = _event("funds.entry.reversed", reversal, village_head)
    assert (_before(event)["number"], _before(event)["reverses"]) == (1, None)
    assert (_after(event)["number"], _after(event)["reverses"], _after(event)["reason"]) == (
        2,
        original.pk,
        "Ghi nhầm hộ",
    )


def test_a_donation_names_the_donor_only_with_consent(fund: Fund, village_head: User) -> None:
    named = services.donation_record(
        fund=fund,
        amount=1_000_000,
        donor_name="Bà Lê Thị Hảo Tâm",
        donor_consents_to_name=True,
        received_on=TODAY,
        actor=village_head,
        now=NOW,
    )
    event = _event("funds.entry.donation", named, village_head)
    assert (_after(event)["amount"], _after(event)["donor_name"]) == (1_000_000, "Bà Lê Thị Hảo Tâm")
    hidden = services.donation_record(
        fund=fund,
        amount=2_000_000,
        donor_name="Công ty Giấu Tên",
        donor_consents_to_name=False,
        received_on=TODAY,
        actor=village_head,
        now=NOW,
    )
    second = AuditEvent.objects.filter(code="funds.entry.donation").order_by("-id").first()
    assert second is not None and second.object_id == str(hidden.pk) and second.actor_id == village_head.pk
    assert _after(second)["donor_name"] == "" and "Giấu Tên" not in str(second.after)


def test_an_expense_proposed_then_approved(fund: Fund, village_head: User, approver: User) -> None:
    _pay(fund, village_head)
    expense = _propose(fund, village_head)
    proposed = _event("funds.expense.proposed", expense, village_head)
    assert proposed.after == {"work_item": "Mua xi măng", "amount": 200_000, "status": "proposed"}
    entry = services.expense_approve(expense=expense, actor=approver, now=NOW)
    approved = _event("funds.expense.approved", expense, approver)
    assert (_before(approved)["status"], _after(approved)["status"]) == ("proposed", "approved")
    ledger = _event("funds.entry.expense", entry, approver)
    assert (_after(ledger)["kind"], _after(ledger)["amount"]) == ("expense", 200_000)


def test_an_expense_rejected(fund: Fund, village_head: User, approver: User) -> None:
    _pay(fund, village_head)
    expense = _propose(fund, village_head)
    services.expense_reject(expense=expense, reason="Thiếu hóa đơn đỏ", actor=approver, now=NOW)
    event = _event("funds.expense.rejected", expense, approver)
    assert (_before(event)["status"], _after(event)["status"]) == ("proposed", "rejected")


def test_an_inspection_board_finding(fund: Fund, village_head: User, board_member: User) -> None:
    entry = _pay(fund, village_head)
    finding = services.finding_raise(fund=fund, entry=entry, text="Phiếu thiếu chữ ký", actor=board_member, now=NOW)
    event = _event("funds.finding.raised", finding, board_member)
    assert event.after == {"entry": entry.pk, "text": "Phiếu thiếu chữ ký"}


def test_a_quarterly_statement(fund: Fund, village_head: User, commune_officer: User) -> None:
    _pay(fund, village_head)
    statement = services.statement_publish(
        fund=fund, period_end=dt.date(2026, 12, 31), actor=commune_officer, now=LATER
    )
    event = _event("funds.statement.published", statement, commune_officer)
    assert statement.document is not None
    assert event.after == {
        "period_end": "2026-12-31",
        "balance": 500_000,
        "is_final": False,
        "document": statement.document.number_label,
    }
    # The K5 disclosure it publishes is audited by the disclosures service, by the same person.
    assert statement.disclosure is not None
    assert AuditEvent.objects.filter(
        object_type="disclosures.disclosure", object_id=str(statement.disclosure.pk), actor_id=commune_officer.pk
    ).exists()


def test_closing_a_fund(fund: Fund, village_head: User, commune_officer: User) -> None:
    _pay(fund, village_head)
    closed = services.fund_close(
        fund=fund, leftover_handling="Chuyển sang quỹ đèn đường", actor=commune_officer, now=LATER
    )
    event = _event("funds.fund.closed", closed, commune_officer)
    assert (_before(event)["status"], _after(event)["status"]) == ("collecting", "closed")
    assert _after(event)["closed_on"] == "2027-01-04"
    final = AuditEvent.objects.get(code="funds.statement.published")
    assert final.actor_id == commune_officer.pk and _after(final)["is_final"] is True


def test_raising_the_spending_limit(fund: Fund, village_head: User, community: AdministrativeUnit) -> None:
    vote = recognised_vote(community, matter="D2")
    raised = services.fund_limit_raise(fund=fund, new_limit=1_500_000, vote=vote, actor=village_head, now=NOW)
    event = _event("funds.fund.limit_raised", raised, village_head)
    assert (_before(event)["spending_limit"], _after(event)["spending_limit"]) == (1_000_000, 1_500_000)
    assert _after(event)["vote"] == vote.pk


@pytest.mark.parametrize(
    ("code", "attempt"),
    [
        ("funds.entry.receipt", lambda fund, actor: _pay(fund, actor, 0)),
        ("funds.expense.proposed", lambda fund, actor: _propose(fund, actor, 10**9)),
        (
            "funds.fund.limit_raised",
            lambda fund, actor: services.fund_limit_raise(fund=fund, new_limit=1, decision_number="1/QĐ", actor=actor),
        ),
        ("funds.finding.raised", lambda fund, actor: services.finding_raise(fund=fund, text="x", actor=actor)),
    ],
)
def test_a_refusal_leaves_no_event(fund: Fund, village_head: User, code: str, attempt: Any) -> None:
    with pytest.raises(DomainError):
        attempt(fund, village_head)
    assert not AuditEvent.objects.filter(code=code).exists()
