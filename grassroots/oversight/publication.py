"""What the boards make public goes through the disclosure service (issue 15: "the disclosure service for anything
that must be published"), so it is posted, listed, searched and fed like every other item.

A public recommendation with its answer, once answered, an inspection's conclusion the board chose to publish, and
(for an agency's or SOE's board) a periodic report the board publishes to the staff, become a disclosure published
the same day:

- a commune's boards (commune and investment boards) publish on the commune's portal as K14 ("other content the
  law requires to be disclosed", Law 10/2022 art. 11(14); the category the dialogue conference's results use too);
- an agency's or public service unit's board publishes inside its organisation, to its staff, as A8 ("internal
  inspection results", [L] art. 46(8)); an SOE's board (or the board of an employer that opted in to the SOE
  rules) as S8 ("other information", [L] art. 64(1)(h)); the staff read them on their organisation's disclosure
  pages ([L] arts 47–48, 65–66: the head discloses the board's results inside the unit; law.md §2, §3.1).

A verification of a citizen's case is never published (the petitioner's identity and case stay confidential,
[L] arts 9–10). Called by the services inside their transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.oversight.models import Board, BoardReport, Inspection, Recommendation

PUBLIC_CATEGORY = "K14"
"""Law 10/2022 art. 11(14): other contents the law requires to be disclosed (the boards' public results)."""

STAFF_CATEGORIES = {"agency": "A8", "soe": "S8", "employer": "E7"}
"""Where an organisation's board publishes to the staff, by the organisation's disclosure list: an agency's
internal inspection results ([L] art. 46(8)); an SOE's other information ([L] art. 64(1)(h)); a non-state
employer's other information (Decree 145/2020 art. 43(1)(g))."""


def category_code(board: Board) -> str:
    """K14 for a commune's boards; the organisation's list item for an organisation's board."""
    if board.organisation_id is None:
        return PUBLIC_CATEGORY
    from grassroots.disclosures import selectors as disclosure_selectors

    return STAFF_CATEGORIES[disclosure_selectors.disclosure_regime(board.organisation)]


def _publish(
    *, board: Board, title: str, body: str, number: str, attachments: list[Any], actor: Any, now: dt.datetime
) -> Any:
    from grassroots.core import clock
    from grassroots.disclosures import services as disclosure_services
    from grassroots.disclosures.models import DisclosureCategory

    disclosure = disclosure_services.disclosure_create(
        unit=board.unit,
        organisation=board.organisation,
        category=DisclosureCategory.objects.get(code=category_code(board)),
        title=title[:300],
        body=body,
        decision_number=number,
        decided_on=clock.localdate(now),
        attachments=attachments,
        actor=actor,
        now=now,
    )
    return disclosure_services.disclosure_publish(disclosure=disclosure, actor=actor, now=now)


def _pdf(document: Any, name: str) -> list[Any]:
    if document is None or not document.pdf_file:
        return []
    with document.pdf_file.open("rb") as handle:
        return [(name, handle.read())]


def recommendation_publish(*, recommendation: Recommendation, actor: Any, now: dt.datetime) -> Any:
    """The recommendation as sent and the answer recorded, as one published item."""
    board = recommendation.board
    body = "\n\n".join(
        part
        for part in (
            f"{board.name} gửi {recommendation.addressee_name} ngày {recommendation.sent_on:%d/%m/%Y}.",
            f"Nội dung kiến nghị: {recommendation.content}",
            f"Trả lời ngày {recommendation.answered_on:%d/%m/%Y} ({recommendation.get_disposition_display()}): "
            f"{recommendation.answer}",
        )
    )
    return _publish(
        board=board,
        title=f"Kiến nghị của {board.name} và trả lời: {recommendation.title}",
        body=body,
        number="",
        attachments=[],
        actor=actor,
        now=now,
    )


def conclusion_publish(*, inspection: Inspection, actor: Any, now: dt.datetime) -> Any:
    """An inspection's conclusion and its findings, the results report attached."""
    board = inspection.board
    findings = [f"- {finding.text}" for finding in inspection.findings.order_by("recorded_at", "pk")]
    body = "\n".join(
        [
            f"{inspection.get_kind_display()}: {inspection.subject} ({inspection.inspected_party}), "
            f"từ ngày {inspection.planned_on:%d/%m/%Y}.",
            *(["Phát hiện:", *findings] if findings else []),
            f"Kết luận: {inspection.conclusion}",
        ]
    )
    document = inspection.conclusion_document
    return _publish(
        board=board,
        title=f"Kết luận của {board.name}: {inspection.subject}",
        body=body,
        number=document.number_label if document is not None else "",
        attachments=_pdf(document, f"ket-luan-kiem-tra-{inspection.pk}.pdf"),
        actor=actor,
        now=now,
    )


def report_publish(*, report: BoardReport, actor: Any, now: dt.datetime) -> Any:
    """An organisation's board's periodic report, published to the staff with its PDF."""
    board = report.board
    document = report.document
    return _publish(
        board=board,
        title=f"{document.summary or 'Báo cáo'} của {board.name}",
        body=report.assessment
        or f"Báo cáo của {board.name} từ {report.first_day:%d/%m/%Y} đến {report.last_day:%d/%m/%Y}.",
        number=document.number_label,
        attachments=_pdf(document, f"bao-cao-ban-thanh-tra-{report.pk}.pdf"),
        actor=actor,
        now=now,
    )
