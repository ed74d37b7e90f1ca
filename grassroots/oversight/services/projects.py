"""The programmes and projects an investment supervision board supervises, and the notice to their investors.

The commune Front sets up a Community Investment Supervision Board per programme or project ([L] art. 41;
[ND59] art. 17); it notifies the project owner or investor of the supervision plan and the board's members at
least 45 days before supervision starts ([L] art. 45(1)(b); law.md §1(c), §6 row 51: calendar days, the 45th day
before the start itself still in time, ``rules.check_investor_notice``). The record keeps what is supervised:
name, investor, location, total value and the planned timeline of the works.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.core.services import audit_record
from grassroots.oversight import rules
from grassroots.oversight.models import Board, BoardKind, SupervisedProject
from grassroots.oversight.services import (
    MESSAGES,
    _locked_board,
    _moment,
    _raise,
    _require_dates,
    _require_manage,
    _require_open,
    fail,
)

MESSAGES.update(
    {
        "oversight.project.fields_required": _("Hãy ghi tên chương trình, dự án, chủ đầu tư và địa điểm thực hiện."),
        "oversight.project.value_negative": _("Tổng mức đầu tư không được âm."),
        "oversight.project.timeline": _("Ngày hoàn thành phải từ ngày khởi công trở đi."),
        "oversight.project.notified_in_future": _("Ngày thông báo cho chủ đầu tư không được sau hôm nay."),
        "oversight.project.already_notified": _("Đã ghi nhận thông báo kế hoạch giám sát cho chủ đầu tư."),
    }
)


def _snapshot(project: SupervisedProject) -> dict[str, Any]:
    return {
        "board": project.board_id,
        "name": project.name,
        "investor_name": project.investor_name,
        "location": project.location,
        "value_vnd": str(project.value_vnd),
        "works_start": project.works_start,
        "works_end": project.works_end,
        "supervision_start": project.supervision_start,
        "investor_notified_on": project.investor_notified_on,
        "investor_notice_latest": rules.investor_notice_latest(project.supervision_start),
    }


def _check_notice(*, notified_on: dt.date, supervision_start: dt.date, today: dt.date) -> None:
    if notified_on > today:
        raise fail("oversight.project.notified_in_future")
    _raise(rules.check_investor_notice(notified_on=notified_on, supervision_start=supervision_start))


def project_add(
    *,
    board: Board,
    name: str,
    investor_name: str,
    location: str,
    value_vnd: Decimal,
    works_start: dt.date,
    works_end: dt.date,
    supervision_start: dt.date,
    actor: Any,
    investor_notified_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> SupervisedProject:
    """The Front records a programme or project its investment board supervises; a notice already given is
    recorded with it, refused when later than 45 days before supervision starts."""
    moment, today = _moment(now)
    _require_dates(works_start, works_end, supervision_start, investor_notified_on)
    name, investor_name, location = (" ".join(text.split()) for text in (name, investor_name, location))
    with transaction.atomic():
        board = _locked_board(board)
        _require_manage(actor, board, today)
        if board.kind != BoardKind.INVESTMENT_SUPERVISION:
            raise fail("oversight.board.not_investment")
        _require_open(board)
        if not (name and investor_name and location):
            raise fail("oversight.project.fields_required")
        if value_vnd < 0:
            raise fail("oversight.project.value_negative")
        if works_end < works_start:
            raise fail("oversight.project.timeline")
        if investor_notified_on is not None:
            _check_notice(notified_on=investor_notified_on, supervision_start=supervision_start, today=today)
        project = SupervisedProject.objects.create(
            board=board,
            name=name[:300],
            investor_name=investor_name[:255],
            location=location[:300],
            value_vnd=value_vnd,
            works_start=works_start,
            works_end=works_end,
            supervision_start=supervision_start,
            investor_notified_on=investor_notified_on,
            created_by=actor,
        )
        audit_record(
            code="oversight.project.added",
            actor=actor,
            unit=board.unit,
            obj=project,
            after=_snapshot(project),
            now=moment,
        )
    return project


def project_investor_notify(
    *, project: SupervisedProject, notified_on: dt.date, actor: Any, now: dt.datetime | None = None
) -> SupervisedProject:
    """The Front records the day it notified the investor of the supervision plan and the members, once, at least
    45 days before supervision starts ([L] art. 45(1)(b))."""
    moment, today = _moment(now)
    _require_dates(notified_on)
    with transaction.atomic():
        project = (
            SupervisedProject.objects.select_for_update().select_related("board", "board__unit").get(pk=project.pk)
        )
        board = project.board
        _require_manage(actor, board, today)
        _require_open(board)
        if project.investor_notified_on is not None:
            raise fail("oversight.project.already_notified")
        _check_notice(notified_on=notified_on, supervision_start=project.supervision_start, today=today)
        before = _snapshot(project)
        project.investor_notified_on = notified_on
        project.save(update_fields=["investor_notified_on", "updated_at"])
        audit_record(
            code="oversight.project.investor_notified",
            actor=actor,
            unit=board.unit,
            obj=project,
            before=before,
            after=_snapshot(project),
            now=moment,
        )
    return project
