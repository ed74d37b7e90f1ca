from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def case_tasks(user: Any, today: dt.date) -> Iterable[Any]:
    """The dashboard's "việc cần làm": cases to acknowledge (the commune's desk), cases to resolve (the handler),
    and every overdue case of the commune for its chair (escalation); for a resident, an invitation to rate each
    procedure handed over to them and not yet rated."""
    from django.urls import reverse

    from grassroots.dashboard.registry import TaskItem
    from grassroots.petitions import selectors

    calendar = selectors.public_calendar()
    for case in selectors.cases_to_acknowledge(user)[:100]:
        due = selectors.current_due(case, calendar)
        yield TaskItem(
            title=str(_("Thông báo thụ lý: #%(pk)s %(title)s") % {"pk": case.pk, "title": case.title}),
            url=reverse("petitions:case_detail", kwargs={"pk": case.pk}),
            due_date=due.due_on,
            unit=case.unit.name,
        )
    handled: set[int] = set()
    for case, due in selectors.handler_tasks(user, today):
        handled.add(case.pk)
        if case.status == "received":
            continue
        yield TaskItem(
            title=str(_("Giải quyết: #%(pk)s %(title)s") % {"pk": case.pk, "title": case.title}),
            url=reverse("petitions:case_detail", kwargs={"pk": case.pk}),
            due_date=due.due_on,
            unit=case.unit.name,
        )

    overdue = selectors.overdue_cases_for_chair(user, today)
    for case, due in overdue.rows:
        if case.pk in handled:
            continue
        yield TaskItem(
            title=str(_("Quá hạn, cần chỉ đạo: #%(pk)s %(title)s") % {"pk": case.pk, "title": case.title}),
            url=reverse("petitions:case_detail", kwargs={"pk": case.pk}),
            due_date=due.due_on,
            unit=case.unit.name,
        )
    from grassroots.petitions import ratings

    for use in ratings.my_service_uses(user).filter(rating__isnull=True)[:20]:
        # An invitation, not a duty: the resident may rate each procedure handed over to them ([L] art. 35).
        yield TaskItem(
            title=str(_("Đánh giá thủ tục: %(service)s") % {"service": use.get_service_display()}),
            url=reverse("petitions:my_service_rate", kwargs={"pk": use.pk}),
            due_date=use.received_on,
            unit=use.unit.name,
            action_label=str(_("Đánh giá")),
            is_invitation=True,
        )
    if overdue.total > len(overdue.rows):
        # The rest are one line to the commune's overdue list (which pages through them), not thousands of rows.
        communes = sorted({case.unit for case, _due in overdue.rows}, key=lambda unit: unit.pk)
        for unit in communes[:1]:
            yield TaskItem(
                title=str(
                    _("Còn %(count)s vụ việc quá hạn khác, cần chỉ đạo") % {"count": overdue.total - len(overdue.rows)}
                ),
                url=reverse("petitions:case_list", kwargs={"commune_slug": unit.slug}) + "?loc=overdue",
                due_date=overdue.rows[-1][1].due_on,
                unit=unit.name,
            )


class PetitionsConfig(AppConfig):
    """Feedback, petitions, complaints and denunciations (phản ánh, kiến nghị, khiếu nại, tố cáo).

    Law 10/2022/QH15 arts 34–35; Law on Citizen Reception 42/2013 art. 28; Law on Complaints; Law on Denunciations
    (law.md §1(e), §4.1, §4.2).
    """

    name = "grassroots.petitions"
    label = "petitions"
    verbose_name = _("Phản ánh, kiến nghị, khiếu nại, tố cáo")

    def ready(self) -> None:
        from grassroots.petitions.desk import register_reminder_kinds

        register_reminder_kinds()
        try:
            from grassroots.dashboard.registry import register_task_provider
        except ImportError:  # the dashboard is optional
            return
        register_task_provider("petitions", case_tasks)
