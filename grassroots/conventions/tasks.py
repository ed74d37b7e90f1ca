"""Dashboard tasks of village conventions ("việc cần làm"), registered in ``ConventionsConfig.ready()``.

* ``conventions.recognition``: dossiers waiting for the commune's decision, due 5 working days after sending;
* ``conventions.reports``: reports and inspection findings waiting for the commune's decision, due 3 working days
  after receipt (answer or suspend) or 5 (abolish); past that day the dashboard lists them as overdue and the
  reminder job (``notifications.deadline_reminders``) reminds before it;
* ``conventions.village``: texts the village head has to move on (comments, vote, dossier due 5 working days
  after adoption) and yearly reviews coming up (18 November by default): to the review's draft when
  ``notifications.yearly`` opened one (the form filled in), else to the review form; due on the report's last day
  (``selectors.yearly_report_due``), and last year's review still missing in January;
* ``conventions.yearly_reports``: for the commune People's Committee, every village whose yearly review and report
  ([ND61] arts 15(4), 19) is past its last day; ``jobs.overdue_yearly_reports`` also notifies it and the village
  head once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.conventions import selectors
from grassroots.conventions.models import VersionStatus
from grassroots.dashboard.registry import TaskItem, register_task_provider
from grassroots.units.models import AdministrativeUnit, UnitLevel


def _units(user: Any, today: dt.date, level: str, action: Action) -> list[int]:
    held = account_selectors.roles_by_unit(user, today)
    units = AdministrativeUnit.objects.filter(pk__in=list(held), level=level)
    return [unit.pk for unit in units if account_selectors.user_can(user, action, unit, today)]


def recognition_tasks(user: Any, today: dt.date) -> Iterator[TaskItem]:
    communes = _units(user, today, UnitLevel.COMMUNE, Action.ACT_FOR_PEOPLES_COMMITTEE)
    for version in selectors.versions_awaiting_recognition(communes):
        convention = version.convention
        yield TaskItem(
            title=_("Công nhận hoặc không công nhận: %(title)s") % {"title": convention.title},
            url=reverse("conventions:staff_detail", args=[convention.pk]),
            due_date=selectors.deadlines(version, today).recognition_due,
            unit=convention.community.name,
        )


def report_tasks(user: Any, today: dt.date) -> Iterator[TaskItem]:
    communes = _units(user, today, UnitLevel.COMMUNE, Action.ACT_FOR_PEOPLES_COMMITTEE)
    for report in selectors.reports_awaiting_decision(communes):
        convention = report.convention
        yield TaskItem(
            title=_("Xử lý phản ánh về %(title)s (nhận ngày %(day)s)")
            % {"title": convention.title, "day": report.received_on.strftime("%d/%m/%Y")},
            url=reverse("conventions:staff_detail", args=[convention.pk]),
            due_date=selectors.report_due(report),
            unit=convention.community.name,
        )


STEP_TITLES: dict[str, Any] = {
    VersionStatus.COMMENTING: gettext_lazy("Lấy ý kiến, tiếp thu, giải trình dự thảo: %(title)s"),
    VersionStatus.FINALISED: gettext_lazy("Tổ chức biểu quyết hương ước, quy ước: %(title)s"),
    VersionStatus.ADOPTED: gettext_lazy("Gửi hồ sơ đề nghị công nhận: %(title)s"),
}


def village_tasks(user: Any, today: dt.date) -> Iterator[TaskItem]:
    communities = _units(user, today, UnitLevel.COMMUNITY, Action.MANAGE_CONVENTIONS)
    for version in selectors.versions_to_advance(communities):
        convention = version.convention
        due = None
        if version.status == VersionStatus.ADOPTED:
            due = selectors.deadlines(version, today).dossier_due
        elif version.status == VersionStatus.COMMENTING and version.consultation is not None:
            # A finalised text waits for the households' vote, which has no legal day: no due date (the closed
            # comment period's last day would list it as overdue from the day it was finalised).
            due = version.consultation.closes_on
        yield TaskItem(
            title=str(STEP_TITLES[version.status]) % {"title": convention.title},
            url=reverse("conventions:staff_detail", args=[convention.pk]),
            due_date=due,
            unit=convention.community.name,
        )
    from grassroots.notifications.rules import review_draft_key
    from grassroots.notifications.selectors import open_drafts_by_key

    reviews = selectors.reviews_due(communities, today)
    drafts = open_drafts_by_key(review_draft_key(convention.pk, today.year) for convention, _day in reviews)
    for convention, day in reviews:
        draft = drafts.get(review_draft_key(convention.pk, today.year))
        yield TaskItem(
            title=_("Rà soát hằng năm: %(title)s") % {"title": convention.title},
            url=(
                reverse("notifications:draft_complete", args=[draft.pk])
                if draft is not None
                else reverse("conventions:review_new", args=[convention.pk])
            ),
            due_date=selectors.yearly_report_due(convention, day.year),
            unit=convention.community.name,
        )
    for overdue in selectors.overdue_yearly_reports(today, community_ids=communities):
        if overdue.year == today.year:
            continue  # listed above with this year's review
        yield TaskItem(
            title=_("Rà soát, báo cáo năm %(year)s (quá hạn): %(title)s")
            % {"year": overdue.year, "title": overdue.convention.title},
            url=reverse("conventions:review_new", args=[overdue.convention.pk]),
            due_date=overdue.due_on,
            unit=overdue.convention.community.name,
        )


def yearly_report_tasks(user: Any, today: dt.date) -> Iterator[TaskItem]:
    """Overdue yearly reviews and reports ([ND61] arts 15(4), 19) of the commune's villages, for the People's
    Committee that receives them (the village head's own item is in ``village_tasks``)."""
    communes = _units(user, today, UnitLevel.COMMUNE, Action.ACT_FOR_PEOPLES_COMMITTEE)
    if not communes:
        return
    for overdue in selectors.overdue_yearly_reports(today, commune_ids=communes):
        convention = overdue.convention
        yield TaskItem(
            title=_("Thôn chưa gửi báo cáo rà soát, thực hiện năm %(year)s: %(title)s")
            % {"year": overdue.year, "title": convention.title},
            # Its own address (the page's history of reviews), so it is never taken for the page's report items.
            url=reverse("conventions:staff_detail", args=[convention.pk]) + f"?bao-cao-nam={overdue.year}",
            due_date=overdue.due_on,
            unit=convention.community.name,
            note=_("Đôn đốc trưởng thôn tổ chức rà soát và báo cáo Ủy ban nhân dân xã."),
        )


def register() -> None:
    register_task_provider("conventions.recognition", recognition_tasks)
    register_task_provider("conventions.reports", report_tasks)
    register_task_provider("conventions.village", village_tasks)
    register_task_provider("conventions.yearly_reports", yearly_report_tasks)
