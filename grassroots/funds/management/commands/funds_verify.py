"""``manage.py funds_verify``: recompute every fund's sums entry by entry and compare with the database's sums
and with every published statement; name each fund that differs. Exit status 1 when one does."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from grassroots.funds import selectors
from grassroots.funds.models import Fund


class Command(BaseCommand):
    help = "Recompute every fund's ledger sums from its entries and check the published statements."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = []
        checked = 0
        for fund in Fund.objects.order_by("pk").iterator():
            checked += 1
            if selectors.fund_totals(fund) != selectors.fund_totals_recomputed(fund):
                problems.append(f"fund {fund.pk}: database sums differ from the entries")
            for statement in fund.statements.all():
                totals = selectors.fund_totals(fund, until=statement.period_end)
                published = (
                    statement.collected_money,
                    statement.donated_money,
                    statement.spent_money,
                    statement.balance,
                )
                if published != (totals.collected_money, totals.donated_money, totals.spent_money, totals.balance):
                    problems.append(f"fund {fund.pk}: statement to {statement.period_end} differs from the entries")
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} problems in {checked} funds")
        self.stdout.write(f"{checked} funds verified")
