"""Figures of community contributions and funds for the plans reports (issue 16).

Read-only; a fund counts for its commune (``Fund.commune``). Grouped by commune in one query per group of
figures (``grassroots.plans.grouping``); registered by ``PlansConfig.ready``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from grassroots.funds import rules
from grassroots.funds.models import Fund, Statement


def _published_statements(starts_on: dt.date, ends_on: dt.date) -> Any:
    """Statements published in the period, with the day of publication in Vietnam (``plans_published_on``)."""
    from django.db.models.functions import TruncDate

    from grassroots.core import clock

    return Statement.objects.filter(published_at__date__gte=starts_on, published_at__date__lte=ends_on).annotate(
        plans_published_on=TruncDate("published_at", tzinfo=clock.local_zone())
    )


def _statement_due() -> Any:
    from grassroots.calendar import selectors as calendar_selectors

    calendar = calendar_selectors.working_calendar()
    return lambda period_end: rules.statement_due(period_end, calendar)


def fund_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Any]:
    """Funds decided by the people ([L] art. 10(1)–(2)), statements of receipts and spending published (disclosure
    item K5, [L] art. 11(5)), and funds settled and closed."""
    from grassroots.plans.grouping import figure, grouped_counts, on_time_by_unit

    funds = grouped_counts(
        Fund.objects.filter(
            Q(decided_on__gte=starts_on, decided_on__lte=ends_on) | Q(closed_on__gte=starts_on, closed_on__lte=ends_on)
        ),
        "commune",
        unit_ids,
        decided=Count("pk", filter=Q(decided_on__gte=starts_on, decided_on__lte=ends_on)),
        closed=Count("pk", filter=Q(closed_on__gte=starts_on, closed_on__lte=ends_on)),
    )
    published = _published_statements(starts_on, ends_on)
    statements = grouped_counts(published, "fund__commune", unit_ids, published=Count("pk"))
    on_time = on_time_by_unit(
        published,
        "fund__commune",
        unit_ids,
        start="period_end",
        done="plans_published_on",
        deadline=_statement_due(),
    )
    yield figure("funds.decided", _("Khoản đóng góp, quỹ do Nhân dân quyết định"), funds["decided"])
    yield figure("funds.statements", _("Báo cáo thu, chi đã công khai"), statements["published"])
    yield figure(
        "funds.statements_on_time",
        _("Báo cáo thu, chi công khai đúng hạn (5 ngày làm việc sau ngày chốt số liệu)"),
        on_time,
        part_of="funds.statements",
    )
    yield figure("funds.closed", _("Quỹ đã quyết toán, đóng"), funds["closed"])


def fund_records(key: str, unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Any:
    """The funds and statements behind each figure of ``fund_figures``."""
    from grassroots.plans.figures import FigureRecords
    from grassroots.plans.grouping import in_communes, on_time_records

    funds = Fund.objects.filter(in_communes("commune", unit_ids))
    if key == "funds.decided":
        return FigureRecords(funds.filter(decided_on__gte=starts_on, decided_on__lte=ends_on), "commune")
    if key == "funds.closed":
        return FigureRecords(funds.filter(closed_on__gte=starts_on, closed_on__lte=ends_on), "commune")
    statements = _published_statements(starts_on, ends_on).filter(in_communes("fund__commune", unit_ids))
    if key == "funds.statements":
        return FigureRecords(statements, "fund__commune")
    if key == "funds.statements_on_time":
        on_time = on_time_records(
            statements,
            start="period_end",
            done="plans_published_on",
            deadline=_statement_due(),
        )
        return FigureRecords(on_time, "fund__commune")
    return None
