from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def reception_tasks(user: Any, today: dt.date) -> Iterable[Any]:
    """For the commune chair, who must receive citizens in person: missed scheduled days of the last two months
    (overdue: no session by the chair on a day the fixed schedule set), and a commune with no schedule at all."""
    from django.urls import reverse

    from grassroots.dashboard.registry import TaskItem
    from grassroots.reception import selectors
    from grassroots.units.models import AdministrativeUnit, UnitLevel

    unit_ids = selectors.chaired_unit_ids(user)
    for commune in AdministrativeUnit.objects.filter(pk__in=unit_ids, level=UnitLevel.COMMUNE):
        url = reverse("reception:staff_index", kwargs={"commune_slug": commune.slug})
        if selectors.current_schedule(commune, today) is None:
            yield TaskItem(
                title=str(_("Ban hành lịch tiếp công dân định kỳ của Chủ tịch UBND xã")),
                url=url,
                due_date=today,
                unit=commune.name,
            )
            continue
        for day in selectors.missed_days(commune, today):
            yield TaskItem(
                title=str(_("Chủ tịch chưa tiếp công dân theo lịch ngày %(day)s") % {"day": day.strftime("%d/%m/%Y")}),
                url=url,
                due_date=day,
                unit=commune.name,
                note=str(_("Ghi nhận buổi tiếp nếu đã tiếp, hoặc bố trí buổi tiếp bù.")),
            )


def dialogue_tasks(user: Any, today: dt.date) -> Iterable[Any]:
    """The yearly conference for the chair (due 31 December while none is held); for everyone who runs dialogues,
    the announcement (planned day − notice days), the results (held day + results days) and open commitments."""
    from django.urls import reverse

    from grassroots.accounts.rules import Action
    from grassroots.dashboard.registry import TaskItem
    from grassroots.notifications.rules import dialogue_draft_key
    from grassroots.notifications.selectors import open_drafts_by_key
    from grassroots.reception import rules, selectors
    from grassroots.reception.models import DialogueQuestion, DialogueStatus
    from grassroots.units.models import AdministrativeUnit, UnitLevel

    unit_ids = selectors.unit_ids_with(user, Action.RUN_DIALOGUES)
    chaired = set(selectors.chaired_unit_ids(user))
    for commune in AdministrativeUnit.objects.filter(pk__in=unit_ids, level=UnitLevel.COMMUNE):
        if commune.pk in chaired and not selectors.yearly_obligation_met(commune, today.year):
            # The draft of the conference's plan the yearly job opened (``notifications.yearly``), if still open.
            key = dialogue_draft_key(commune.pk, today.year)
            draft = open_drafts_by_key([key]).get(key)
            yield TaskItem(
                title=str(_("Tổ chức hội nghị đối thoại năm %(year)s") % {"year": today.year}),
                url=reverse("notifications:draft_complete", args=[draft.pk])
                if draft is not None
                else reverse("reception:dialogue_list", kwargs={"commune_slug": commune.slug}),
                due_date=dt.date(today.year, 12, 31),
                unit=commune.name,
            )
        for conference in selectors.conferences_of(commune).filter(
            status__in=[DialogueStatus.PLANNED, DialogueStatus.HELD]
        ):
            url = reverse("reception:dialogue_detail", kwargs={"pk": conference.pk})
            if conference.status == DialogueStatus.PLANNED:
                yield TaskItem(
                    title=str(_("Thông báo hội nghị đối thoại: %(title)s") % {"title": conference.title}),
                    url=url,
                    due_date=selectors.announce_by(conference),
                    unit=commune.name,
                )
            else:
                yield TaskItem(
                    title=str(_("Thông báo kết quả hội nghị đối thoại: %(title)s") % {"title": conference.title}),
                    url=url,
                    due_date=selectors.results_due(conference),
                    unit=commune.name,
                )
        if commune.pk in chaired:
            for drive in selectors.drives_awaiting_conference(commune):
                yield TaskItem(
                    title=str(
                        _("Tổ chức hội nghị đối thoại theo kiến nghị của cử tri: %(subject)s")
                        % {"subject": drive.subject}
                    ),
                    url=reverse("reception:drive_detail", kwargs={"pk": drive.pk}),
                    due_date=rules.voter_request_hold_by(
                        drive.threshold_reached_on or today, selectors.voter_request_hold_days()
                    ),
                    unit=commune.name,
                )
        open_commitments = DialogueQuestion.objects.filter(
            conference__unit=commune, commitment_done_on__isnull=True, commitment_due__isnull=False
        ).exclude(commitment="")
        for question in open_commitments.select_related("conference")[:50]:
            yield TaskItem(
                title=str(_("Thực hiện cam kết đối thoại: %(text)s") % {"text": question.commitment[:80]}),
                url=reverse("reception:dialogue_detail", kwargs={"pk": question.conference_id}),
                due_date=question.commitment_due,
                unit=commune.name,
            )


class ReceptionConfig(AppConfig):
    """Citizen reception and dialogue conferences (tiếp công dân, hội nghị đối thoại).

    Law on Citizen Reception 42/2013 arts 15, 18 as amended by Law 136/2025 (law.md §4.1); Law 10/2022 art. 32.
    """

    name = "grassroots.reception"
    label = "reception"
    verbose_name = _("Tiếp công dân, đối thoại")

    def ready(self) -> None:
        from grassroots.reception import notices

        notices.register()
        try:
            from grassroots.dashboard.registry import register_task_provider
        except ImportError:  # the dashboard is optional
            return
        register_task_provider("reception", reception_tasks)
        register_task_provider("dialogue", dialogue_tasks)
