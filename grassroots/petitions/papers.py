"""The official papers of a case, issued through ``documents.document_issue`` (Decree 30/2020 layout).

Acknowledgement (thông báo, Law on Citizen Reception art. 28), resolution decision (quyết định giải quyết khiếu nại,
tố cáo) and answer (văn bản trả lời), in the People's Committee's name, signed by the chair. The text is Vietnamese
whatever the viewer's language. A confidential sender is never named: the document register is read by many.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.accounts.models import Role, RoleMembership
from grassroots.core.errors import DomainError
from grassroots.documents import rules as document_rules
from grassroots.documents.models import Document, DocumentType, IssuingBodyKind
from grassroots.documents.selectors import issuing_body_for
from grassroots.documents.services import document_issue
from grassroots.documents.spec import Recipients
from grassroots.petitions.models import Case, CaseIdentity, CaseKind, PaperKind

CONFIDENTIAL_ADDRESSEE = "Người gửi đơn (thông tin cá nhân được giữ bí mật theo quy định)"
ACKNOWLEDGEMENT_TEXT = {
    "accepted": "Vụ việc đã được thụ lý để giải quyết theo quy định.",
    "more_time": "Cần thêm thời gian để xem xét việc thụ lý; cơ quan sẽ thông báo kết quả trong thời hạn luật định.",
    "refused": "Vụ việc không được thụ lý. Lý do: {note}",
    "forwarded": "Vụ việc không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã và đã được chuyển đến: {note}",
}


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "…"


def _addressee(case: Case) -> str:
    if case.is_confidential:
        return CONFIDENTIAL_ADDRESSEE
    identity = CaseIdentity.objects.filter(case=case).first()
    if identity is None:
        return "Người gửi đơn"
    return f"Ông/Bà {identity.full_name}" + (f", {identity.address}" if identity.address else "")


def _chair(case: Case, on: dt.date) -> Any:
    membership = (
        RoleMembership.objects.active_on(on)
        .filter(unit_id=case.unit_id, role=Role.COMMUNE_CHAIR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise DomainError("petitions.paper.no_chair", "Xã chưa có Chủ tịch UBND để ký văn bản.")
    return membership.user


def extension_document(*, case: Case, days: int, reason: str, ordinal: int, actor: Any, now: dt.datetime) -> Document:
    """The decision extending a denunciation's resolution (quyết định gia hạn giải quyết tố cáo, Law on Denunciations
    art. 30(1)): signed by the chair; the denouncer is never named (they are always confidential)."""
    from grassroots.core import clock

    commune = case.unit
    chair = _chair(case, clock.localdate(now))
    printed = issuing_body_for(commune, body=IssuingBodyKind.PEOPLE_COMMITTEE)
    chair_name = str(chair.full_name or chair.get_username())
    body = [
        {
            "type": "article",
            "text": (
                f"Gia hạn giải quyết tố cáo tiếp nhận ngày {_day(case.received_on)} (số hồ sơ #{case.pk}): "
                f"{case.title}, thêm {days} ngày (lần {ordinal}). Lý do: {reason}"
            ),
        },
        {"type": "article", "text": "Quyết định này có hiệu lực kể từ ngày ký."},
        {
            "type": "article",
            "text": "Văn phòng UBND xã, người được giao giải quyết tố cáo và người có liên quan chịu trách nhiệm "
            "thi hành Quyết định này./.",
        },
    ]
    return document_issue(
        kind=DocumentType.DECISION,
        issuer=commune,
        summary=f"Về việc gia hạn giải quyết tố cáo số hồ sơ #{case.pk}",
        body=body,
        signer=document_rules.signature_block(issuer=printed, signer_role=Role.COMMUNE_CHAIR, signer_name=chair_name),
        recipients=Recipients(copies=(CONFIDENTIAL_ADDRESSEE, "Như Điều 3"), archive_unit="VP"),
        legal_bases=(
            "Căn cứ Luật Tố cáo số 25/2018/QH14 ngày 12 tháng 6 năm 2018",
            "Căn cứ Điều 30 Luật Tố cáo về thời hạn giải quyết tố cáo",
        ),
        enacting_authority=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.name.upper()}",
        enacting_word="QUYẾT ĐỊNH:",
        signer_user=chair,
        actor=actor,
        now=now,
    )


def paper_document(*, case: Case, kind: str, actor: Any, now: dt.datetime) -> Document:
    from grassroots.core import clock

    commune = case.unit
    chair = _chair(case, clock.localdate(now))
    printed = issuing_body_for(commune, body=IssuingBodyKind.PEOPLE_COMMITTEE)
    chair_name = str(chair.full_name or chair.get_username())
    kind_label = str(CaseKind(case.kind).label).lower()
    received = f"{kind_label} tiếp nhận ngày {_day(case.received_on)} (số hồ sơ #{case.pk}): {case.title}"
    addressee = _addressee(case)
    if kind == PaperKind.DECISION:
        body = [
            {"type": "article", "text": f"Giải quyết {received}. Nội dung giải quyết: {case.answer}"},
            {"type": "article", "text": "Quyết định này có hiệu lực kể từ ngày ký."},
            {"type": "article", "text": "Văn phòng UBND xã và người có liên quan chịu trách nhiệm thi hành./."},
        ]
        return document_issue(
            kind=DocumentType.DECISION,
            issuer=commune,
            summary=f"Về việc giải quyết {kind_label} số hồ sơ #{case.pk}",
            body=body,
            signer=document_rules.signature_block(
                issuer=printed, signer_role=Role.COMMUNE_CHAIR, signer_name=chair_name
            ),
            recipients=Recipients(copies=(addressee, "Như Điều 3"), archive_unit="VP"),
            legal_bases=(
                "Căn cứ Luật Khiếu nại số 02/2011/QH13 ngày 11 tháng 11 năm 2011"
                if case.kind == CaseKind.COMPLAINT
                else "Căn cứ Luật Tố cáo số 25/2018/QH14 ngày 12 tháng 6 năm 2018",
            ),
            enacting_authority=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.name.upper()}",
            enacting_word="QUYẾT ĐỊNH:",
            signer_user=chair,
            actor=actor,
            now=now,
        )
    if kind == PaperKind.ACKNOWLEDGEMENT:
        text = ACKNOWLEDGEMENT_TEXT.get(case.acknowledgement, "").format(note=case.acknowledgement_note)
        body = [
            {"type": "paragraph", "text": f"Ủy ban nhân dân {commune.name} đã nhận {received}."},
            {"type": "paragraph", "text": text},
        ]
        summary = f"Thông báo kết quả tiếp nhận {kind_label} số hồ sơ #{case.pk}"
        document_kind = DocumentType.NOTICE
    else:
        body = [
            {"type": "paragraph", "text": f"Trả lời {received}:"},
            {"type": "paragraph", "text": case.answer},
        ]
        summary = f"Về việc trả lời {kind_label} số hồ sơ #{case.pk}"
        document_kind = DocumentType.OFFICIAL_LETTER
    return document_issue(
        kind=document_kind,
        issuer=commune,
        summary=summary,
        body=body,
        signer=document_rules.signature_block(
            issuer=printed, signer_role=Role.COMMUNE_CHAIR, signer_name=chair_name, authority="TM"
        ),
        recipients=Recipients(addressees=(addressee,), copies=("Lưu: VT",), archive_unit="VP"),
        drafting_unit="VP",
        signer_user=chair,
        actor=actor,
        now=now,
    )
