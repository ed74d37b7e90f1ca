"""The boards' official papers in the Decree 30/2020 layout, issued through ``documents.document_issue``.

A board is not a People's Committee: its header prints the body that directs it above its own name
("ỦY BAN MTTQ VIỆT NAM XÃ …" or the organisation, then "BAN THANH TRA NHÂN DÂN"), it signs "TM. BAN …
/ TRƯỞNG BAN", and it keeps its own number series (Decree 30 Appendix I §II.3: a body using another's seal
numbers on its own). Called by the services inside their transaction; nothing here writes by itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.documents import rules as document_rules
from grassroots.documents.models import Document, DocumentType, IssuingBodyKind
from grassroots.documents.services import document_issue
from grassroots.documents.spec import IssuingBody, Recipients, SignatureBlock
from grassroots.oversight import selectors
from grassroots.oversight.models import Board, BoardKind, Escalation, Inspection, Position, Recommendation

LEGAL_BASES = (
    "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022;",
    "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ;",
)

BOARD_TITLES: dict[str, tuple[str, str]] = {
    BoardKind.INVESTMENT_SUPERVISION: ("BAN GIÁM SÁT ĐẦU TƯ CỦA CỘNG ĐỒNG", "BGSĐTCĐ"),
}
DEFAULT_TITLE = ("BAN THANH TRA NHÂN DÂN", "BTTND")

FIGURE_LABELS = (
    ("inspections", "Số cuộc kiểm tra, giám sát"),
    ("concluded", "Số cuộc đã kết luận"),
    ("findings", "Số phát hiện"),
    ("sent", "Số kiến nghị đã gửi"),
    ("answered", "Số kiến nghị đã được trả lời"),
    ("answered_on_time", "Trả lời trong thời hạn 15 ngày"),
    ("accepted", "Tiếp thu toàn bộ"),
    ("partly", "Tiếp thu một phần"),
    ("rejected", "Không tiếp thu"),
    ("overdue_unanswered", "Quá hạn chưa trả lời"),
    ("escalated", "Đã chuyển lên cấp trên"),
)
"""Rows of the report's table, in order (keys of ``selectors.report_figures``)."""


def issuing_body_of(board: Board) -> str:
    """The body recorded as issuing the board's papers: the board itself, not the People's Committee or the
    organisation whose seal it may use (Decree 30 Appendix I §II.3)."""
    if board.kind == BoardKind.INVESTMENT_SUPERVISION:
        return str(IssuingBodyKind.INVESTMENT_BOARD)
    return str(IssuingBodyKind.INSPECTION_BOARD)


def series_of(board: Board) -> str:
    """The board's own number series in its issuer's register."""
    return f"oversight-board-{board.pk}"


def directing_body(board: Board) -> str:
    """Who directs and receives the board's reports: the commune Front, or the organisation's union."""
    if board.organisation is not None:
        return f"Ban Chấp hành Công đoàn {board.organisation.name}"
    return f"Ủy ban Mặt trận Tổ quốc Việt Nam {board.unit.name}"


def printed_issuer(board: Board) -> IssuingBody:
    title, abbreviation = BOARD_TITLES.get(board.kind, DEFAULT_TITLE)
    unit = board.unit
    place = document_rules.place_name_from(name=unit.name, short_name=unit.short_name, kind_name=unit.kind.name)
    parent = board.organisation.name if board.organisation is not None else f"ỦY BAN MTTQ VIỆT NAM {unit.name}"
    return IssuingBody(
        name_lines=(title,),
        abbreviation=abbreviation,
        place_name=place,
        parent_lines=(parent.upper(),),
        collective_name=title,
        head_title="TRƯỞNG BAN",
        archive_unit=abbreviation,
    )


def head_name(board: Board, on: dt.date) -> str:
    heads = [member.full_name for member in selectors.active_members(board, on) if member.position == Position.HEAD]
    return heads[0] if heads else ""


def signature(board: Board, on: dt.date, actor: Any) -> SignatureBlock:
    """ "TM. BAN … / TRƯỞNG BAN" and the head's name (the actor's name when the board has no head on file)."""
    title, _abbreviation = BOARD_TITLES.get(board.kind, DEFAULT_TITLE)
    name = head_name(board, on) or str(getattr(actor, "full_name", "") or "")
    return SignatureBlock(lines=(f"TM. {title}", "TRƯỞNG BAN"), signer_name=name, authority="TM")


def _issue(
    *,
    board: Board,
    kind: str,
    summary: str,
    body: list[dict[str, Any]],
    addressees: tuple[str, ...],
    copies: tuple[str, ...],
    actor: Any,
    now: dt.datetime,
    is_public: bool = False,
    drafting_unit: str = "",
) -> Document:
    issuer: Any = board.organisation if board.organisation_id is not None else board.unit
    printed = printed_issuer(board)
    return document_issue(
        kind=kind,
        issuer=issuer,
        printed_issuer=printed,
        series=series_of(board),
        issuing_body=issuing_body_of(board),
        summary=summary,
        body=body,
        signer=signature(board, now.date(), actor),
        recipients=Recipients(addressees=addressees, copies=copies, archive_unit=printed.abbreviation),
        legal_bases=LEGAL_BASES,
        drafting_unit=drafting_unit,
        signer_user=actor,
        actor=actor,
        is_public=is_public,
        now=now,
    )


def _day(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def report_body(
    board: Board, *, label: str, first: dt.date, last: dt.date, figures: dict[str, int], assessment: str
) -> list[dict[str, Any]]:
    rows = [[str(index), text, str(figures.get(key, 0))] for index, (key, text) in enumerate(FIGURE_LABELS, 1)]
    inspections = board.inspections.filter(planned_on__range=(first, last)).order_by("planned_on", "pk")
    work = [
        {
            "type": "bullet",
            "text": f"{inspection.subject} ({inspection.inspected_party}, {_day(inspection.planned_on)}): "
            + (inspection.conclusion or inspection.get_status_display()),
        }
        for inspection in inspections
    ]
    narrative = [{"type": "paragraph", "text": part} for part in assessment.split("\n") if part.strip()]
    return [
        {
            "type": "section",
            "title": "Kết quả hoạt động",
            "text": f"{board.name} báo cáo kết quả hoạt động {label}, từ ngày {_day(first)} đến ngày {_day(last)}, "
            "tổng hợp từ các cuộc kiểm tra, giám sát và kiến nghị đã ghi nhận.",
            "children": [
                {"type": "table", "header": ["TT", "Nội dung", "Số lượng"], "rows": rows, "widths": [0.6, 5.6, 1.4]},
                *(work or [{"type": "paragraph", "text": "Trong kỳ không có cuộc kiểm tra, giám sát nào."}]),
            ],
        },
        {
            "type": "section",
            "title": "Đánh giá chung, đề xuất, kiến nghị",
            "children": narrative or [{"type": "paragraph", "text": "Không có."}],
        },
    ]


def report_issue(
    *,
    board: Board,
    label: str,
    first: dt.date,
    last: dt.date,
    figures: dict[str, int],
    assessment: str,
    actor: Any,
    now: dt.datetime,
) -> Document:
    """The board's periodic report to the Front (commune, investment) or the union (agency, SOE)."""
    receiver = directing_body(board)
    return _issue(
        board=board,
        kind=DocumentType.REPORT,
        summary=f"Kết quả hoạt động {label} của {board.name}",
        body=report_body(board, label=label, first=first, last=last, figures=figures, assessment=assessment),
        addressees=(receiver,),
        copies=("Như trên", "Thành viên ban"),
        actor=actor,
        now=now,
    )


def conclusion_issue(*, inspection: Inspection, actor: Any, now: dt.datetime) -> Document:
    """The report of an inspection's results, to the directing body, the chair and the inspected party."""
    board = inspection.board
    findings = [
        {"type": "item", "title": finding.text, "text": f"Chứng cứ: {finding.evidence}" if finding.evidence else ""}
        for finding in inspection.findings.order_by("recorded_at", "pk")
    ]
    body: list[dict[str, Any]] = [
        {
            "type": "section",
            "title": "Nội dung kiểm tra, giám sát",
            "text": f"{inspection.get_kind_display()}: {inspection.subject}. Đối tượng: {inspection.inspected_party}. "
            f"Thời gian tiến hành: từ ngày {_day(inspection.planned_on)}.",
        },
        {
            "type": "section",
            "title": "Kết quả, phát hiện",
            "children": findings or [{"type": "paragraph", "text": "Không có phát hiện."}],
        },
        {"type": "section", "title": "Kết luận", "children": [{"type": "paragraph", "text": inspection.conclusion}]},
    ]
    chair = f"Chủ tịch Ủy ban nhân dân {board.unit.name}" if board.organisation_id is None else "Thủ trưởng đơn vị"
    return _issue(
        board=board,
        kind=DocumentType.REPORT,
        summary=f"Kết quả {inspection.get_kind_display().lower()} {inspection.subject}",
        body=body,
        addressees=(directing_body(board),),
        copies=("Như trên", chair, inspection.inspected_party),
        actor=actor,
        now=now,
    )


def escalation_issue(
    *, recommendation: Recommendation, escalation: Escalation, due: dt.date | None, actor: Any, now: dt.datetime
) -> Document:
    """The letter (công văn) sending an unanswered recommendation on to the next level."""
    board = recommendation.board
    body = [
        {
            "type": "paragraph",
            "text": f"Ngày {_day(recommendation.sent_on)}, {board.name} đã gửi {recommendation.addressee_name} "
            f"kiến nghị \u201c{recommendation.title}\u201d. Đến nay đã quá thời hạn trả lời 15 ngày "
            f"(hạn cuối {_day(due)}) nhưng chưa nhận được trả lời.",
        },
        {"type": "paragraph", "text": f"Nội dung kiến nghị: {recommendation.content}"},
        {
            "type": "paragraph",
            "text": f"{board.name} đề nghị {escalation.addressee_name} xem xét, chỉ đạo giải quyết và thông báo kết "
            "quả cho ban trong thời hạn 15 ngày.",
        },
    ]
    if escalation.note:
        body.append({"type": "paragraph", "text": escalation.note})
    return _issue(
        board=board,
        kind=DocumentType.OFFICIAL_LETTER,
        summary=f"V/v kiến nghị chưa được trả lời: {recommendation.title}",
        body=body,
        addressees=(escalation.addressee_name,),
        copies=("Như trên", directing_body(board), recommendation.addressee_name),
        actor=actor,
        now=now,
        drafting_unit="KN",
    )


def recommendation_issue(*, recommendation: Recommendation, due: dt.date, actor: Any, now: dt.datetime) -> Document:
    """The recommendation itself as the board's letter (công văn kiến nghị), issued when it is sent: what was sent is
    on paper in the board's series, with the 15-day answer period it starts."""
    board = recommendation.board
    body: list[dict[str, Any]] = [
        {"type": "paragraph", "text": part} for part in recommendation.content.split("\n") if part.strip()
    ]
    if recommendation.disclosure_id is not None and recommendation.disclosure is not None:
        body.insert(
            0,
            {"type": "paragraph", "text": f"Về nội dung đã công khai: \u201c{recommendation.disclosure.title}\u201d."},
        )
    body.append(
        {
            "type": "paragraph",
            "text": f"Đề nghị {recommendation.addressee_name} xem xét, giải quyết và thông báo kết quả cho "
            f"{board.name} trong thời hạn 15 ngày kể từ ngày nhận (chậm nhất ngày {_day(due)}).",
        }
    )
    return _issue(
        board=board,
        kind=DocumentType.OFFICIAL_LETTER,
        summary=f"V/v kiến nghị: {recommendation.title}",
        body=body,
        addressees=(recommendation.addressee_name,),
        copies=("Như trên", directing_body(board)),
        actor=actor,
        now=now,
        drafting_unit="KN",
    )


def conference_report_issue(*, report: Any, actor: Any, now: dt.datetime) -> Document:
    """The yearly report presented at the village's year-end conference or the staff / employee conference."""
    board = report.board
    year = report.year
    figures = report.figures or {}
    rows = [[str(index), text, str(figures.get(key, 0))] for index, (key, text) in enumerate(FIGURE_LABELS, 1)]
    narrative = [{"type": "paragraph", "text": part} for part in report.content.split("\n") if part.strip()]
    where = f" tại {report.community.name}" if report.community is not None else ""
    return _issue(
        board=board,
        kind=DocumentType.REPORT,
        summary=f"Kết quả hoạt động năm {year} của {board.name}{where}",
        body=[
            {
                "type": "section",
                "title": "Kết quả hoạt động trong năm",
                "text": f"{board.name} báo cáo kết quả hoạt động năm {year}{where} tại {report.conference_name}, "
                f"ngày {_day(report.presented_on)}.",
                "children": [
                    {
                        "type": "table",
                        "header": ["TT", "Nội dung", "Số lượng"],
                        "rows": rows,
                        "widths": [0.6, 5.6, 1.4],
                    },
                ],
            },
            {"type": "section", "title": "Nội dung báo cáo", "children": narrative},
        ],
        addressees=(report.conference_name,),
        copies=(directing_body(board), "Thành viên ban"),
        actor=actor,
        now=now,
    )
