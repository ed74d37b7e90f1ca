"""The minutes of a dialogue conference (biên bản hội nghị đối thoại), issued through ``documents.document_issue``.

An official paper: its text is Vietnamese whatever the viewer's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.accounts.models import Role, RoleMembership
from grassroots.documents import rules as document_rules
from grassroots.documents.models import Document, DocumentType
from grassroots.documents.services import document_issue
from grassroots.documents.spec import Recipients
from grassroots.reception.models import DialogueConference, QuestionSource

LEGAL_BASES = ("Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022",)


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "…"


def _chair_name(conference: DialogueConference) -> str:
    membership = (
        RoleMembership.objects.active_on(conference.held_on or conference.planned_on)
        .filter(unit_id=conference.unit_id, role=Role.COMMUNE_CHAIR)
        .select_related("user")
        .first()
    )
    if membership is not None and membership.user.full_name:
        return str(membership.user.full_name)
    return conference.co_chairs or "Chủ tịch Ủy ban nhân dân"


def minutes_body(conference: DialogueConference) -> list[dict[str, Any]]:
    """I. How it was held; II. the questions and answers; III. the commitments."""
    questions = list(conference.questions.all())
    held = [
        {"type": "paragraph", "text": f"Thời gian: ngày {_day(conference.held_on)}. Địa điểm: {conference.place}."},
        {"type": "paragraph", "text": f"Hình thức: {conference.get_method_display()}."},
        {"type": "paragraph", "text": f"Nội dung đối thoại: {conference.topics}"},
        {"type": "paragraph", "text": f"Đồng chủ trì: {conference.co_chairs or '…'}."},
        {
            "type": "paragraph",
            "text": (
                f"Thành phần tham dự: {conference.participants or '…'} (tổng số {conference.attendance or '…'} người)."
            ),
        },
        {"type": "paragraph", "text": f"Thông báo tổ chức hội nghị ngày {_day(conference.announced_on)}."},
    ]
    answers = [
        {
            "type": "item",
            "title": (
                f"Câu {number} ({'gửi trước' if item.source == QuestionSource.ADVANCE else 'tại hội nghị'}"
                f"{', ' + item.asker if item.asker else ''})"
            ),
            "text": f"{item.question}\nTrả lời: {item.answer}",
        }
        for number, item in enumerate(questions, start=1)
    ] or [{"type": "paragraph", "text": "Không có câu hỏi, kiến nghị."}]
    commitments = [
        {"type": "bullet", "text": f"{item.commitment} (hạn {_day(item.commitment_due)})"}
        for item in questions
        if item.commitment
    ] or [{"type": "paragraph", "text": "Không có cam kết."}]
    return [
        {"type": "section", "title": "Tình hình tổ chức hội nghị", "children": held},
        {"type": "section", "title": "Câu hỏi, kiến nghị và trả lời", "children": answers},
        {"type": "section", "title": "Cam kết thực hiện", "children": commitments},
    ]


def minutes_issue(*, conference: DialogueConference, actor: Any, now: dt.datetime) -> Document:
    """Issue the minutes in the People's Committee's name: the chair presiding, the recording officer as secretary."""
    commune = conference.unit
    secretary = str(getattr(actor, "full_name", "") or actor.get_username())
    return document_issue(
        kind=DocumentType.MINUTES,
        issuer=commune,
        summary=f"Hội nghị đối thoại giữa Ủy ban nhân dân {commune.name} với Nhân dân: {conference.title}",
        body=minutes_body(conference),
        signer=(
            document_rules.minutes_signature(title="Thư ký", signer_name=secretary),
            document_rules.minutes_signature(title="Chủ trì", signer_name=_chair_name(conference)),
        ),
        recipients=Recipients(
            addressees=(),
            copies=(
                f"Ủy ban Mặt trận Tổ quốc Việt Nam {commune.name}",
                "Trưởng thôn, Tổ trưởng tổ dân phố (để thông báo)",
                "Niêm yết tại trụ sở Ủy ban nhân dân",
            ),
            archive_unit="VP",
        ),
        legal_bases=LEGAL_BASES,
        signer_user=actor,
        actor=actor,
        is_public=True,
        now=now,
    )


def results_summary(conference: DialogueConference) -> str:
    """The disclosure's body: when and how it was held, each question with its answer, each commitment and its due
    date. Askers are not named (a resident's name is not published because they spoke at a conference)."""
    lines = [
        f"Hội nghị đối thoại ngày {_day(conference.held_on)} tại {conference.place} "
        f"({conference.get_method_display()}), {conference.attendance or '…'} người tham dự.",
        f"Nội dung: {conference.topics}",
        "",
        "Câu hỏi, kiến nghị và trả lời:",
    ]
    questions = list(conference.questions.all())
    for number, item in enumerate(questions, start=1):
        lines.append(f"{number}. {item.question}")
        lines.append(f"   Trả lời: {item.answer}")
    if not questions:
        lines.append("Không có câu hỏi, kiến nghị.")
    commitments = [item for item in questions if item.commitment]
    lines.append("")
    lines.append("Cam kết thực hiện:")
    for item in commitments:
        lines.append(f"- {item.commitment} (hạn {_day(item.commitment_due)})")
    if not commitments:
        lines.append("Không có cam kết.")
    return "\n".join(lines)
