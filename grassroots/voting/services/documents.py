"""Minutes and recognition decisions of community votes, issued through the ``documents`` app.

Decree 59/2023 templates: Mẫu 02 (counting minutes at a meeting), Mẫu 03 (meeting / online-vote
minutes), Mẫu 04 (household-ballot minutes). The decision contents follow [L] art. 20(2): date,
households in total / present / absent, content, form, result, decision, and the signatures of
the village head, the Front work-committee head and 2 household representatives.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.documents import rules as document_rules
from grassroots.documents.models import Document, DocumentType, IssuingBodyKind
from grassroots.documents.selectors import issuing_body_for
from grassroots.documents.services import document_issue
from grassroots.documents.spec import Recipients
from grassroots.units import selectors as unit_selectors
from grassroots.voting import selectors as vote_selectors
from grassroots.voting.models import CommunityVote, OfficerRole, VoteForm

TEMPLATE_BY_FORM = {
    VoteForm.MEETING: "Mẫu 03 (kèm Mẫu 02 nếu bỏ phiếu kín)",
    VoteForm.HOUSEHOLD_BALLOT: "Mẫu 04",
    VoteForm.ONLINE: "Mẫu 03",
}


def _date_words(day: dt.date) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def minutes_body(vote: CommunityVote) -> list[dict[str, Any]]:
    """The body of the minutes, with every element of [L] art. 20(2), from the one outcome (``selectors.outcome_of``).

    The numbers add up: households on the roll = those who took part + those who did not; corrections of
    the roll are listed with their reasons; a secret vote's other opinions are released here, apart from
    the choices.
    """
    day = clock.localdate(vote.closed_at or clock.now())
    outcome = vote_selectors.outcome_of(vote)
    present = vote.present_count if vote.form == VoteForm.MEETING else outcome.participated
    labels = {option.key: option.label for option in vote.options.all()}
    options = "; ".join(f"{labels[key]}: {count}" for key, count in outcome.by_option.items())
    verdict = "Nội dung được thông qua." if outcome.passed else "Nội dung không được thông qua."
    members = [
        {"type": "bullet", "text": f"Tổng số hộ gia đình: {outcome.eligible} hộ;"},
        {"type": "bullet", "text": f"Số đại diện hộ tham dự, tham gia: {outcome.participated} hộ;"},
        {"type": "bullet", "text": f"Số hộ vắng, không tham gia: {outcome.absent} hộ."},
    ]
    if vote.form == VoteForm.MEETING and present is not None and present != outcome.participated:
        members.insert(2, {"type": "bullet", "text": f"Số hộ có mặt tại cuộc họp: {present} hộ;"})
    amendments = [
        {
            "type": "bullet",
            "text": (
                f"{amendment.entry.household_code}: {amendment.get_kind_display()} — {amendment.reason} "
                f"({clock.localdate(amendment.amended_at):%d/%m/%Y})"
            ),
        }
        for amendment in vote_selectors.roll_amendments(vote)
    ]
    body: list[dict[str, Any]] = [
        {"type": "paragraph", "text": f"Hôm nay, {_date_words(day)}, tại {vote.unit.name}."},
        {"type": "section", "title": "Thành phần", "children": members},
    ]
    if amendments:
        body.append({"type": "section", "title": "Sửa danh sách hộ trước khi kiểm phiếu", "children": amendments})
    result_text = (
        f"{options}. Đồng ý {outcome.yes}/{outcome.eligible} hộ, "
        f"cần tối thiểu {outcome.required_yes} hộ (Điều 21 Luật số 10/2022/QH15). {verdict}"
    )
    contents: list[dict[str, Any]] = [
        {"type": "item", "title": "Nội dung", "text": vote.question},
        {"type": "item", "title": "Hình thức", "text": str(vote.get_form_display())},
        {"type": "item", "title": "Kết quả", "text": result_text},
    ]
    opinions = vote_selectors.secret_opinions(vote)
    if opinions:
        contents.append({"type": "item", "title": "Ý kiến khác", "text": "; ".join(opinions)})
    body.append({"type": "section", "title": "Nội dung và kết quả", "children": contents})
    body.append(
        {"type": "paragraph", "text": f"Biểu mẫu: {TEMPLATE_BY_FORM[VoteForm(vote.form)]} Nghị định số 59/2023/NĐ-CP."}
    )
    return body


def vote_minutes_issue(*, vote: CommunityVote, actor: Any, now: dt.datetime | None = None) -> Document:
    """Issue the minutes of a closed vote as a community document and link it to the vote."""
    moment = now or clock.now()
    secretary = vote.officers.filter(role=OfficerRole.SECRETARY).first()
    witnesses = list(vote.officers.filter(role=OfficerRole.WITNESS))
    signatures = [
        document_rules.minutes_signature(title="THƯ KÝ", signer_name=secretary.full_name if secretary else "…"),
        document_rules.minutes_signature(title="TRƯỞNG THÔN", signer_name=str(vote.convened_by)),
        document_rules.minutes_signature(title="TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", signer_name="…"),
    ]
    signatures += [
        document_rules.minutes_signature(title="ĐẠI DIỆN HỘ GIA ĐÌNH", signer_name=w.full_name) for w in witnesses[:2]
    ]
    commune = unit_selectors.commune_of(vote.unit)
    commune_name = commune.name if commune else ""
    with transaction.atomic():
        document = document_issue(
            kind=DocumentType.MINUTES,
            issuer=vote.unit,
            issuing_body=IssuingBodyKind.COMMUNITY if vote.scope == "community" else None,
            summary=f"Kết quả biểu quyết: {vote.title}",
            body=minutes_body(vote),
            signer=signatures,
            recipients=Recipients(
                copies=(f"UBND {commune_name} (để báo cáo)", f"Ủy ban MTTQ Việt Nam {commune_name}", "Lưu thôn")
            ),
            actor=actor,
            is_public=True,
            now=moment,
        )
        vote.minutes_document_id = document.pk
        vote.save(update_fields=["minutes_document_id", "updated_at"])
        audit_record(
            code="decisions.vote.minutes_issued",
            actor=actor,
            unit=vote.unit_id,
            obj=vote,
            after={"document": document.pk},
            now=moment,
        )
    return document


def vote_recognition_decision_issue(
    *, vote: CommunityVote, actor: Any, signer_role: str = "", now: dt.datetime | None = None
) -> Document:
    """Issue the People's Committee decision recognising a community decision ([L] art. 21(2)).

    Without ``signer_role`` the block follows who signs: a vice chair signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
    """
    from grassroots.voting.services.forms import committee_signature

    moment = now or clock.now()
    commune = vote.unit if vote.scope == "commune" else unit_selectors.commune_of(vote.unit)
    assert commune is not None
    effective = vote.effective_date.strftime("%d/%m/%Y") if vote.effective_date else ""
    body = [
        {"type": "article", "text": f"Công nhận kết quả biểu quyết của {vote.unit.name}: {vote.title}."},
        {"type": "article", "text": f"Quyết định này có hiệu lực kể từ ngày {effective}."},
        {"type": "article", "text": f"Trưởng {vote.unit.name} và các cơ quan liên quan chịu trách nhiệm thi hành./."},
    ]
    printed = issuing_body_for(commune, body=IssuingBodyKind.PEOPLE_COMMITTEE)
    with transaction.atomic():
        document = document_issue(
            kind=DocumentType.DECISION,
            issuer=commune,
            summary=f"Về việc công nhận kết quả biểu quyết của {vote.unit.name}",
            body=body,
            signer=(
                document_rules.signature_block(issuer=printed, signer_role=signer_role, signer_name=str(actor))
                if signer_role
                else committee_signature(printed, actor, commune, clock.localdate(moment))
            ),
            recipients=Recipients(copies=("Như Điều 3", "Ủy ban MTTQ Việt Nam xã"), archive_unit="VP"),
            legal_bases=(
                "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022",
                "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ",
            ),
            enacting_authority=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.name.upper()}",
            enacting_word="QUYẾT ĐỊNH:",
            signer_user=actor,
            actor=actor,
            is_public=True,
            now=moment,
        )
        vote.decision_document_id = document.pk
        vote.save(update_fields=["decision_document_id", "updated_at"])
        audit_record(
            code="decisions.vote.decision_issued",
            actor=actor,
            unit=vote.unit_id,
            obj=vote,
            after={"document": document.pk},
            now=moment,
        )
    return document
