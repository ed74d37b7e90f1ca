"""What the boards make public goes through the disclosure service (issue 15: "the disclosure service for anything
that must be published"), so it is posted, listed, searched and fed like every other item of the commune.

A public recommendation with its answer, once answered, and an inspection's conclusion the board chose to publish
become a K14 item ("other content the law requires to be disclosed", Law 10/2022 art. 11(14); the category the
dialogue conference's results use too), published the same day. Only a commune's boards (commune and investment
boards) publish here: an agency's or SOE's board works inside its organisation, whose internal disclosures are not
the commune's portal. A verification of a citizen's case is never published (the petitioner's identity and case
stay confidential, [L] arts 9–10). Called by the services inside their transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.oversight.models import Board, Inspection, Recommendation

PUBLIC_CATEGORY = "K14"
"""Law 10/2022 art. 11(14): other contents the law requires to be disclosed (the boards' public results)."""


def may_publish(board: Board) -> bool:
    """Only a commune's boards publish on the commune's disclosure pages."""
    return board.organisation_id is None


def _publish(
    *, board: Board, title: str, body: str, number: str, attachments: list[Any], actor: Any, now: dt.datetime
) -> Any:
    from grassroots.core import clock
    from grassroots.disclosures import services as disclosure_services
    from grassroots.disclosures.models import DisclosureCategory

    disclosure = disclosure_services.disclosure_create(
        unit=board.unit,
        category=DisclosureCategory.objects.get(code=PUBLIC_CATEGORY),
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
