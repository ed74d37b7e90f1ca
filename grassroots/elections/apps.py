from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def election_tasks(user: Any, today: dt.date) -> Iterable[Any]:
    """The dashboard's "việc cần làm": election results the user's body must recognise."""
    from django.urls import reverse

    from grassroots.dashboard.registry import TaskItem
    from grassroots.elections import selectors

    for election in selectors.elections_awaiting_recognition(user, today):
        yield TaskItem(
            title=str(_("Công nhận kết quả bầu: %(kind)s") % {"kind": election.get_kind_display()}),
            url=reverse("elections:election_detail", kwargs={"election_id": election.pk}),
            due_date=selectors.recognition_due(election),
            unit=election.community.name,
        )
    from grassroots.elections.rules import meeting_notice_due
    from grassroots.voting.rules.forms import candidate_list_due

    for election in selectors.elections_in_progress_for(user, today):
        if election.is_preparing and election.candidate_minutes_document_id is None:
            yield TaskItem(
                title=str(
                    _("Gửi biên bản danh sách người ứng cử (Mẫu 05) đến UBND xã: %(kind)s")
                    % {"kind": election.get_kind_display()}
                ),
                url=reverse("elections:election_detail", kwargs={"election_id": election.pk}),
                due_date=candidate_list_due(election.election_date),
                unit=election.community.name,
                action_label=str(_("Lập Mẫu 05")),
            )
    for election in selectors.elections_in_progress_for(user, today):
        if election.is_announced and election.vote_id is None:
            yield TaskItem(
                title=str(
                    _("Gửi thông báo họp bầu (Mẫu 01) đến các hộ: %(kind)s") % {"kind": election.get_kind_display()}
                ),
                url=reverse("elections:election_detail", kwargs={"election_id": election.pk}),
                due_date=meeting_notice_due(election.election_date),
                unit=election.community.name,
                action_label=str(_("Lập Mẫu 01")),
            )
    for election in selectors.elections_in_progress_for(user, today):
        yield TaskItem(
            title=str(
                _("Bầu %(kind)s — ngày %(day)s")
                % {"kind": election.get_kind_display(), "day": election.election_date.strftime("%d/%m/%Y")}
            ),
            url=reverse("elections:election_detail", kwargs={"election_id": election.pk}),
            due_date=election.election_date,
            unit=election.community.name,
            note=str(election.get_status_display()),
            action_label=str(_("Xem các bước")),
        )


class ElectionsConfig(AppConfig):
    """Elections and dismissals of village heads and board members ([ND59] arts 6–9, 13, 17)."""

    name = "grassroots.elections"
    label = "elections"
    verbose_name = _("Bầu, cho thôi làm Trưởng thôn và thành viên các Ban")

    def ready(self) -> None:
        try:
            from grassroots.dashboard.registry import register_task_provider
        except ImportError:  # the dashboard is optional
            return
        register_task_provider("elections", election_tasks)
