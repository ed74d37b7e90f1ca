"""Dashboard tasks of consultations ("việc cần làm"), registered in ``ConsultationsConfig.ready()``.

* ``consultations.closing``: open consultations whose last day is near or past (close them, then answer);
  due date = the last day of the period;
* ``consultations.dispositions``: closed consultations with opinions still unanswered, or ready for the
  Chair to complete; no legal deadline;
* ``consultations.after_completion``: a completed C8 consultation whose decision the Chair has not signed yet
  ([L] art. 27), and a summary sent to a higher authority whose decision has not come back yet ([L] art. 28(4));
  each disappears once the decision is signed or recorded. No legal deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.consultations import selectors
from grassroots.dashboard.registry import TaskItem, register_task_provider
from grassroots.units.models import AdministrativeUnit, UnitLevel


def managed_commune_ids(user: Any, today: dt.date, action: Action = Action.MANAGE_CONSULTATIONS) -> list[int]:
    """Communes where the user holds a role granting ``action`` (``MANAGE_CONSULTATIONS`` by default)."""
    held = account_selectors.roles_by_unit(user, today)
    communes = AdministrativeUnit.objects.filter(pk__in=list(held), level=UnitLevel.COMMUNE)
    return [unit.pk for unit in communes if account_selectors.user_can(user, action, unit, today)]


def closing_tasks(user: Any, today: dt.date) -> Iterator[TaskItem]:
    for consultation in selectors.closing_soon(managed_commune_ids(user, today), today):
        yield TaskItem(
            title=_("Sắp hết hạn lấy ý kiến: %(title)s") % {"title": consultation.title},
            url=reverse("consultations:staff_detail", args=[consultation.pk]),
            due_date=consultation.closes_on,
            unit=consultation.commune.name,
        )


def disposition_tasks(user: Any, today: dt.date) -> Iterator[TaskItem]:
    for consultation in selectors.awaiting_dispositions(managed_commune_ids(user, today)):
        missing: int = getattr(consultation, "missing_count", 0)
        if missing:
            title = _("Tiếp thu, giải trình %(count)s ý kiến: %(title)s") % {
                "count": missing,
                "title": consultation.title,
            }
        else:
            title = _("Hoàn thành và công bố kết quả lấy ý kiến: %(title)s") % {"title": consultation.title}
        yield TaskItem(
            title=title,
            url=reverse("consultations:staff_detail", args=[consultation.pk]),
            unit=consultation.commune.name,
        )


def after_completion_tasks(user: Any, today: dt.date) -> Iterator[TaskItem]:
    for consultation in selectors.awaiting_signature(managed_commune_ids(user, today, Action.COMPLETE_CONSULTATIONS)):
        yield TaskItem(
            title=_("Ký quyết định (đã có báo cáo tiếp thu, giải trình): %(title)s") % {"title": consultation.title},
            url=reverse("consultations:decision_sign", args=[consultation.pk]),
            unit=consultation.commune.name,
        )
    for consultation in selectors.awaiting_higher_decision(managed_commune_ids(user, today)):
        yield TaskItem(
            title=_("Ghi quyết định của %(authority)s: %(title)s")
            % {"authority": consultation.higher_authority, "title": consultation.title},
            url=reverse("consultations:higher_decision", args=[consultation.pk]),
            unit=consultation.commune.name,
            note=_("Đã gửi báo cáo tổng hợp ngày %(day)s, đang chờ cấp trên quyết định.")
            % {"day": consultation.sent_up_on.strftime("%d/%m/%Y") if consultation.sent_up_on else ""},
        )


def register() -> None:
    register_task_provider("consultations.closing", closing_tasks)
    register_task_provider("consultations.dispositions", disposition_tasks)
    register_task_provider("consultations.after_completion", after_completion_tasks)
