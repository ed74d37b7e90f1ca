"""The board's yearly report at the year-end conference: drafted, then presented and issued as a document.

A commune board's member elected in a village reports at that village's year-end conference ([L] art. 33(2);
[ND59] art. 11(3)); an agency or SOE board presents its yearly report at the staff or employee conference
([ND59] arts 22(3), 26(3)). Investment boards report to the Front only, so they have none.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.core.services import audit_record
from grassroots.oversight import papers, rules, selectors
from grassroots.oversight.models import Board, ConferenceReport, ConferenceReportStatus
from grassroots.oversight.services import (
    MESSAGES,
    _locked_board,
    _moment,
    _move,
    _raise,
    _require_dates,
    _require_open,
    _require_work,
    fail,
)
from grassroots.units.models import AdministrativeUnit

MESSAGES.update(
    {
        "oversight.conference_report.not_applicable": _(
            "Ban Giám sát đầu tư báo cáo Ủy ban MTTQ xã, không báo cáo tại hội nghị cuối năm."
        ),
        "oversight.conference_report.community_required": _(
            "Hãy chọn thôn, tổ dân phố có thành viên của ban nơi báo cáo."
        ),
        "oversight.conference_report.community_not_allowed": _(
            "Ban của cơ quan, doanh nghiệp báo cáo tại hội nghị cán bộ, người lao động, không theo thôn."
        ),
        "oversight.conference_report.exists": _("Đã có báo cáo của năm này tại hội nghị này."),
        "oversight.conference_report.content_required": _("Hãy ghi nội dung báo cáo."),
        "oversight.conference_report.conference_required": _("Hãy ghi tên hội nghị."),
        "oversight.conference_report.in_future": _("Ngày hội nghị không được sau hôm nay."),
        "oversight.conference_report.outside_window": _("Ngày hội nghị không thuộc thời gian báo cáo của năm này."),
        "oversight.conference_report.bad_transition": _("Báo cáo đã được trình bày tại hội nghị."),
        "oversight.conference_report.year_unknown": _("Năm báo cáo không hợp lệ."),
    }
)


def _snapshot(report: ConferenceReport) -> dict[str, Any]:
    return {
        "status": report.status,
        "year": report.year,
        "community": report.community_id,
        "conference_name": report.conference_name,
        "presented_on": report.presented_on,
        "document": report.document_id,
    }


def conference_report_draft(
    *,
    board: Board,
    year: int,
    content: str,
    actor: Any,
    community: AdministrativeUnit | None = None,
    now: dt.datetime | None = None,
) -> ConferenceReport:
    """Draft the yearly report; its figures are counted from the work recorded in the year so far."""
    moment, today = _moment(now)
    content = content.strip()
    with transaction.atomic():
        board = _locked_board(board)
        _require_work(actor, board, today)
        _require_open(board)
        if board.is_investment:
            raise fail("oversight.conference_report.not_applicable")
        if not board.term_start.year <= year <= today.year:
            raise fail("oversight.conference_report.year_unknown")
        if board.is_commune:
            if community is None or community.pk not in selectors.conference_communities(board, year):
                raise fail("oversight.conference_report.community_required")
        elif community is not None:
            raise fail("oversight.conference_report.community_not_allowed")
        if not content:
            raise fail("oversight.conference_report.content_required")
        if ConferenceReport.objects.filter(board=board, year=year, community=community).exists():
            raise fail("oversight.conference_report.exists")
        first = dt.date(year, 1, 1)
        figures = selectors.report_figures(board, first, min(today, dt.date(year, 12, 31)), today)
        report = ConferenceReport.objects.create(
            board=board,
            year=year,
            community=community,
            content=content,
            figures=figures,
            drafted_by=actor,
            drafted_at=moment,
        )
        audit_record(
            code="oversight.conference_report.drafted",
            actor=actor,
            unit=community or board.unit,
            obj=report,
            after=_snapshot(report),
            now=moment,
        )
    return report


def conference_report_present(
    *,
    report: ConferenceReport,
    conference_name: str,
    presented_on: dt.date,
    actor: Any,
    now: dt.datetime | None = None,
) -> ConferenceReport:
    """Record that the report was presented at the conference of ``presented_on`` and issue it as the board's
    document (``documents.document_issue`` through ``papers``)."""
    moment, today = _moment(now)
    _require_dates(presented_on)
    conference_name = " ".join(conference_name.split())
    with transaction.atomic():
        report = (
            ConferenceReport.objects.select_for_update(of=("self",))
            .select_related("board", "community")
            .get(pk=report.pk)
        )
        board = report.board
        _require_work(actor, board, today)
        _raise(rules.check_transition("conference_report", report.status, ConferenceReportStatus.PRESENTED))
        if not conference_name:
            raise fail("oversight.conference_report.conference_required")
        _raise(
            rules.check_conference_presentation(
                is_commune=board.is_commune, year=report.year, presented_on=presented_on, today=today
            )
        )
        report.conference_name = conference_name
        report.presented_on = presented_on
        report.presented_by = actor
        report.document = papers.conference_report_issue(report=report, actor=actor, now=moment)
        _move(
            report,
            "conference_report",
            ConferenceReportStatus.PRESENTED,
            code="oversight.conference_report.presented",
            actor=actor,
            unit=report.community or board.unit,
            snapshot=_snapshot,
            now=moment,
        )
    return report
