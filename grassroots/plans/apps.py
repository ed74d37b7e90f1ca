from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def plan_tasks(user: Any, today: dt.date) -> Iterable[Any]:
    """The dashboard's "việc cần làm": overdue tasks of the user's plans and reports due or returned."""
    from django.urls import reverse

    from grassroots.accounts import selectors as account_selectors
    from grassroots.accounts.rules import Action
    from grassroots.dashboard.registry import TaskItem
    from grassroots.plans import selectors
    from grassroots.plans.models import PlanReport, ReportStatus

    unit_ids = [
        unit_id
        for unit_id in account_selectors.user_unit_ids(user)
        if account_selectors.user_can(user, Action.MANAGE_PLANS, unit_id, today)
    ]
    if not unit_ids:
        return
    for item in selectors.overdue_tasks(unit_ids, today)[:50]:
        yield TaskItem(
            title=str(_("Nhiệm vụ quá hạn: %(ref)s %(title)s") % {"ref": item.ref, "title": item.title[:80]}),
            url=reverse("plans:plan_detail", kwargs={"pk": item.plan_id}),
            due_date=item.due_on,
            unit=item.plan.unit.name,
        )
    for report in PlanReport.objects.filter(
        unit_id__in=unit_ids, status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED)
    ).select_related("unit")[:20]:
        yield TaskItem(
            title=str(_("Gửi báo cáo: %(report)s") % {"report": report}),
            url=reverse("plans:report_detail", kwargs={"pk": report.pk}),
            due_date=report.due_on,
            unit=report.unit.name,
        )


class PlansConfig(AppConfig):
    """Plans, tasks and periodic reports on grassroots democracy (kế hoạch, báo cáo thực hiện dân chủ ở cơ sở).

    law.md §5 (reporting cycles) and §4.5 (two tiers since 1 July 2025).
    """

    name = "grassroots.plans"
    label = "plans"
    verbose_name = _("Kế hoạch, báo cáo dân chủ cơ sở")

    def ready(self) -> None:
        from django.apps import apps
        from django.utils.module_loading import import_string

        from grassroots.dashboard.registry import register_task_provider
        from grassroots.plans.figures import register_figure_provider, register_figure_records
        from grassroots.plans.providers import (
            BUILT_IN_PROVIDERS,
            BUILT_IN_RECORDS,
            OTHER_APP_PROVIDERS,
            OTHER_APP_RECORDS,
        )

        register_task_provider("plans", plan_tasks)
        for name, provider in BUILT_IN_PROVIDERS.items():
            register_figure_provider(name, provider)
        for name, path in OTHER_APP_PROVIDERS.items():
            if apps.is_installed(f"grassroots.{name}"):
                register_figure_provider(name, import_string(path))
                register_figure_records(name, import_string(OTHER_APP_RECORDS[name]))
        for name, records in BUILT_IN_RECORDS.items():
            register_figure_records(name, records)
