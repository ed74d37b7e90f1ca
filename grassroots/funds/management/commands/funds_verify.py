"""``manage.py funds_verify``: recompute every fund's sums entry by entry and compare with the database's sums
and with every published statement; check every entry has its audit event and every statement is published under
its report's number; recompute every household's obligation and shares in kind from the decision and compare them
with the stored ones and with the fingerprint audited at the fund's creation; check the rates in kind against the
audited decision, each receipt in kind against its rate, the per-rate totals and what each household paid against
the entries (``funds.verification``); name each fund that differs. Exit status 1 when one does."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from grassroots.core.models import AuditEvent
from grassroots.funds import selectors, verification
from grassroots.funds.models import CommuneFundSetting, Entry, Fund


class Command(BaseCommand):
    help = (
        "Recompute every fund's ledger sums from its entries, check the published statements, the households' "
        "obligations and shares in kind, what each household paid, and that every commune setting was audited."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = []
        checked = 0
        # Every entry is written by a service that audits it in the same transaction: an entry without its event
        # was inserted behind the services' back (the database refuses edits and deletes, not inserts).
        audited_entries = set(
            AuditEvent.objects.filter(object_type=Entry._meta.label_lower, code__startswith="funds.entry.").values_list(
                "object_id", flat=True
            )
        )
        for fund in Fund.objects.order_by("pk").iterator():
            checked += 1
            if selectors.fund_totals(fund) != selectors.fund_totals_recomputed(fund):
                problems.append(f"fund {fund.pk}: database sums differ from the entries")
            problems.extend(verification.fund_problems(fund))
            for entry_id, number in Entry.objects.filter(fund=fund).values_list("pk", "number").iterator():
                if str(entry_id) not in audited_entries:
                    problems.append(f"fund {fund.pk}: entry {number} has no audit event")
            for statement in fund.statements.select_related("document", "disclosure"):
                if statement.document is not None and (
                    statement.disclosure is None
                    or statement.disclosure.decision_number != statement.document.number_label
                ):
                    problems.append(
                        f"fund {fund.pk}: statement to {statement.period_end} not published under its report number"
                    )
                totals = selectors.fund_totals(fund, until=statement.period_end)
                published = (
                    statement.collected_money,
                    statement.donated_money,
                    statement.spent_money,
                    statement.balance,
                )
                if published != (totals.collected_money, totals.donated_money, totals.spent_money, totals.balance):
                    problems.append(f"fund {fund.pk}: statement to {statement.period_end} differs from the entries")
        # A commune's setting changes only through its service, which writes an audit event: a row without one was
        # written behind the service's back (straight into the database).
        audited = set(
            AuditEvent.objects.filter(
                object_type=CommuneFundSetting._meta.label_lower, code="funds.commune_setting.changed"
            ).values_list("object_id", flat=True)
        )
        for setting in CommuneFundSetting.objects.order_by("pk").only("pk", "commune_id"):
            if str(setting.pk) not in audited:
                problems.append(f"commune {setting.commune_id}: setting {setting.pk} has no audit event")
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} problems in {checked} funds")
        self.stdout.write(f"{checked} funds verified")
