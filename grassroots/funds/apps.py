from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def statement_tasks(user: Any, today: dt.date) -> Iterator[Any]:
    """ "Việc cần làm": each quarter's K5 statement of a fund the user manages, due 5 working days after the
    quarter ends ([L] art. 12(3)); and expenses waiting for the user's approval."""
    from django.urls import reverse

    from grassroots.accounts import selectors as account_selectors
    from grassroots.accounts.rules import Action
    from grassroots.calendar import selectors as calendar_selectors
    from grassroots.dashboard.registry import TaskItem
    from grassroots.funds import rules, selectors
    from grassroots.funds.models import FundStatus

    unit_ids = set(account_selectors.roles_by_unit(user, today))
    if not unit_ids:
        return
    for fund in selectors.funds_of_units(unit_ids).filter(status=FundStatus.COLLECTING)[:50]:
        url = reverse("funds:staff_detail", args=[fund.pk])
        if account_selectors.user_can(user, Action.MANAGE_FUNDS, fund.unit_id, today):
            for end in selectors.statements_due(fund, today):
                yield TaskItem(
                    title=str(_("Công khai thu, chi quý (đến %(day)s): %(title)s"))
                    % {"day": end.strftime("%d/%m/%Y"), "title": fund.title},
                    url=url,
                    due_date=rules.statement_due(end, calendar_selectors.working_calendar()),
                    unit=fund.unit.name,
                )
        if account_selectors.user_can(user, Action.APPROVE_FUND_EXPENSES, fund.unit_id, today):
            pending = selectors.pending_expenses(fund).exclude(proposed_by=user).count()
            if pending:
                yield TaskItem(
                    title=str(_("Duyệt %(count)s khoản chi: %(title)s")) % {"count": pending, "title": fund.title},
                    url=url,
                    unit=fund.unit.name,
                )


class FundsConfig(AppConfig):
    """Community contributions and funds (đóng góp của Nhân dân, quỹ cộng đồng: [L] arts 11(5), 15(1)–(2))."""

    name = "grassroots.funds"
    label = "funds"
    verbose_name = _("Đóng góp, quỹ cộng đồng")

    def ready(self) -> None:
        from grassroots.dashboard.registry import register_task_provider

        register_task_provider("funds.statements", statement_tasks)
