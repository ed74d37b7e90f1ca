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

from grassroots.funds.models import Fund, Statement


def fund_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Iterable[Any]:
    """Funds decided by the people ([L] art. 10(1)–(2)), statements of receipts and spending published (disclosure
    item K5, [L] art. 11(5)), and funds settled and closed."""
    from grassroots.plans.grouping import figure, grouped_counts

    funds = grouped_counts(
        Fund.objects.filter(
            Q(decided_on__gte=starts_on, decided_on__lte=ends_on) | Q(closed_on__gte=starts_on, closed_on__lte=ends_on)
        ),
        "commune",
        unit_ids,
        decided=Count("pk", filter=Q(decided_on__gte=starts_on, decided_on__lte=ends_on)),
        closed=Count("pk", filter=Q(closed_on__gte=starts_on, closed_on__lte=ends_on)),
    )
    statements = grouped_counts(
        Statement.objects.filter(published_at__date__gte=starts_on, published_at__date__lte=ends_on),
        "fund__commune",
        unit_ids,
        published=Count("pk"),
    )
    yield figure("funds.decided", _("Khoản đóng góp, quỹ do Nhân dân quyết định"), funds["decided"])
    yield figure("funds.statements", _("Báo cáo thu, chi đã công khai"), statements["published"])
    yield figure("funds.closed", _("Quỹ đã quyết toán, đóng"), funds["closed"])


def fund_records(key: str, unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> Any:
    """The funds and statements behind each figure of ``fund_figures``."""
    from grassroots.plans.figures import FigureRecords
    from grassroots.plans.grouping import in_communes

    funds = Fund.objects.filter(in_communes("commune", unit_ids))
    if key == "funds.decided":
        return FigureRecords(funds.filter(decided_on__gte=starts_on, decided_on__lte=ends_on), "commune")
    if key == "funds.closed":
        return FigureRecords(funds.filter(closed_on__gte=starts_on, closed_on__lte=ends_on), "commune")
    if key == "funds.statements":
        statements = Statement.objects.filter(
            published_at__date__gte=starts_on, published_at__date__lte=ends_on
        ).filter(in_communes("fund__commune", unit_ids))
        return FigureRecords(statements, "fund__commune")
    return None
