"""The funds' due items (``apps.statement_tasks``, registered as ``funds.statements`` in the dashboard's task
registry) and the periodic job that reminds people of them (``notifications.deadline_reminders``).

Each quarter's K5 statement of a collecting fund is due 5 working days after the quarter ends; an expense waits
for someone other than its proposer to approve it. The provider is run as the dashboard and the daily job run it:
the rows are the right ones (which quarter, which due date, whose task), running it again gives the same rows and
writes nothing, and the job that turns them into reminders notifies once however often it runs.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.models import AuditEvent
from grassroots.dashboard.registry import collect_tasks, registered_providers
from grassroots.funds import services
from grassroots.funds.apps import statement_tasks
from grassroots.funds.models import Fund, Statement
from grassroots.funds.tests.conftest import NOW, PNG, TODAY, VN
from grassroots.notifications.jobs import deadline_reminders
from grassroots.notifications.models import Notification
from grassroots.units.models import AdministrativeUnit, Household

pytestmark = pytest.mark.django_db

QUARTER_END = dt.date(2026, 12, 31)
STATEMENT_DUE = dt.date(2027, 1, 8)
"""31/12/2026 + 5 working days: 1/1 is New Year's Day and 2–3/1 a weekend, so Monday 4/1 … Friday 8/1."""


def _statement_rows(user: User, today: dt.date) -> list[tuple[str, dt.date | None]]:
    return [(item.title, item.due_date) for item in statement_tasks(user, today) if item.title.startswith("Công khai")]


def test_the_provider_is_registered_for_the_dashboard() -> None:
    assert registered_providers()["funds.statements"] is statement_tasks


def test_no_statement_is_due_before_the_quarter_has_ended(fund: Fund, village_head: User) -> None:
    """The fund started collecting on 2/11/2026: nothing is due on the quarter's last day itself."""
    assert _statement_rows(village_head, TODAY) == []
    assert _statement_rows(village_head, QUARTER_END) == []


def test_the_day_after_the_quarter_the_statement_is_due_five_working_days_later(fund: Fund, village_head: User) -> None:
    rows = list(statement_tasks(village_head, QUARTER_END + dt.timedelta(days=1)))
    assert [(item.title, item.due_date, item.unit) for item in rows] == [
        ("Công khai thu, chi quý (đến 31/12/2026): Bê tông hóa đường thôn 1", STATEMENT_DUE, "Thôn 1")
    ]
    assert rows[0].url == reverse("funds:staff_detail", args=[fund.pk])


def test_every_quarter_without_a_statement_is_listed_until_published(
    fund: Fund, village_head: User, commune_officer: User
) -> None:
    """Two quarters ended without a statement: both are listed; publishing the first leaves the second.
    31/3/2027 is a Wednesday: 1, 2, 5, 6 and 7 April are its five working days."""
    today = dt.date(2027, 4, 2)
    assert [due for _title, due in _statement_rows(village_head, today)] == [STATEMENT_DUE, dt.date(2027, 4, 7)]
    services.statement_publish(
        fund=fund, period_end=QUARTER_END, actor=commune_officer, now=dt.datetime(2027, 1, 5, 9, 0, tzinfo=VN)
    )
    assert [due for _title, due in _statement_rows(village_head, today)] == [dt.date(2027, 4, 7)]


def test_running_the_provider_twice_gives_the_same_rows_and_writes_nothing(
    fund: Fund, village_head: User, approver: User
) -> None:
    _propose(fund, village_head)
    today = QUARTER_END + dt.timedelta(days=4)
    counts = (AuditEvent.objects.count(), Statement.objects.count(), Notification.objects.count())
    first = list(statement_tasks(village_head, today)) + list(statement_tasks(approver, today))
    second = list(statement_tasks(village_head, today)) + list(statement_tasks(approver, today))
    assert first == second
    # The commune chair manages the village's funds too: the statement is their task as well as the expense.
    assert [item.title for item in first] == [
        "Công khai thu, chi quý (đến 31/12/2026): Bê tông hóa đường thôn 1",
        "Công khai thu, chi quý (đến 31/12/2026): Bê tông hóa đường thôn 1",
        "Duyệt 1 khoản chi: Bê tông hóa đường thôn 1",
    ]
    assert (AuditEvent.objects.count(), Statement.objects.count(), Notification.objects.count()) == counts


def _propose(fund: Fund, actor: User) -> None:
    household = Household.objects.get(community=fund.unit, code="H1-01")
    services.receipt_record(fund=fund, household=household, amount=500_000, received_on=TODAY, actor=actor, now=NOW)
    services.expense_propose(
        fund=fund,
        work_item="Mua xi măng",
        amount=200_000,
        spent_on=TODAY,
        evidence_name="hoa-don.png",
        evidence_content=PNG,
        actor=actor,
        now=NOW,
    )


def test_an_expense_waits_for_an_approver_other_than_its_proposer(
    fund: Fund, village_head: User, approver: User
) -> None:
    _propose(fund, village_head)
    approvals = [item for item in statement_tasks(approver, TODAY) if item.title.startswith("Duyệt")]
    assert [(item.title, item.due_date) for item in approvals] == [
        ("Duyệt 1 khoản chi: Bê tông hóa đường thôn 1", None)
    ]
    # The village head proposed it: approving it is not their task (funds.approver_is_proposer).
    assert not [item for item in statement_tasks(village_head, TODAY) if item.title.startswith("Duyệt")]


@pytest.mark.parametrize("who", ["resident", "household_representative", "other_commune_officer", "board_member"])
def test_who_gets_no_fund_tasks(fund: Fund, village_head: User, who: str, request: pytest.FixtureRequest) -> None:
    """Residents, the inspection board (it checks, it does not publish) and another commune's officers."""
    _propose(fund, village_head)
    assert list(statement_tasks(request.getfixturevalue(who), QUARTER_END + dt.timedelta(days=1))) == []


def test_a_closed_fund_owes_no_quarterly_statement(fund: Fund, village_head: User, commune_officer: User) -> None:
    services.fund_close(fund=fund, leftover_handling="", actor=commune_officer, now=NOW)
    assert _statement_rows(village_head, dt.date(2027, 4, 2)) == []


def test_the_dashboard_collects_the_statement_task_by_its_urgency(
    fund: Fund, village_head: User, community: AdministrativeUnit
) -> None:
    groups = collect_tasks(village_head, dt.date(2027, 1, 7))
    titles = [item.title for item in groups.due_soon if "Bê tông hóa" in item.title]
    assert titles == ["Công khai thu, chi quý (đến 31/12/2026): Bê tông hóa đường thôn 1"]
    late = collect_tasks(village_head, dt.date(2027, 1, 11))
    assert [item.due_date for item in late.overdue if "Bê tông hóa" in item.title] == [STATEMENT_DUE]


def test_the_daily_reminder_job_reminds_once_however_often_it_runs(fund: Fund, village_head: User) -> None:
    """Three working days before 8/1/2027 is 5/1 (step 3), one is 7/1 (step 1): each step reminds once."""
    at = dt.datetime(2027, 1, 5, 5, 0, tzinfo=VN)
    assert deadline_reminders(at, user_ids=[village_head.pk]) == 1
    assert deadline_reminders(at, user_ids=[village_head.pk]) == 0
    assert deadline_reminders(at + dt.timedelta(days=1), user_ids=[village_head.pk]) == 0
    reminder = Notification.objects.get(user=village_head)
    assert reminder.url == reverse("funds:staff_detail", args=[fund.pk])
    assert reminder.params["title"] == "Công khai thu, chi quý (đến 31/12/2026): Bê tông hóa đường thôn 1"
    assert reminder.params["due"] == "08/01/2027"
    last_call = dt.datetime(2027, 1, 7, 5, 0, tzinfo=VN)
    assert deadline_reminders(last_call, user_ids=[village_head.pk]) == 1
    assert deadline_reminders(last_call, user_ids=[village_head.pk]) == 0
    assert Notification.objects.filter(user=village_head).count() == 2
