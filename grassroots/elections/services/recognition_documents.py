"""The commune People's Committee's recognition decisions for a village head (D4): election and dismissal.

[L] art. 21(2); [ND59] arts 8, 9(3): the commune People's Committee recognises the elected village head, or
the dismissal, by a decision (quyết định công nhận). It is issued through ``documents.document_issue``
(Decree 30 layout, numbered, DOCX + PDF), signed by whoever recognises: the chair "TM. ỦY BAN NHÂN DÂN /
CHỦ TỊCH", a vice chair "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (``voting.services.forms.committee_signature``). The
document's id is kept on the engine vote (``CommunityVote.decision_document_id``), once.

Board members (D5) are recognised by the commune Front: its decision is not issued here (the documents app
has no Front issuing body yet), the election record is the evidence.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.documents.models import Document, DocumentType, IssuingBodyKind
from grassroots.documents.selectors import issuing_body_for
from grassroots.documents.services import document_issue
from grassroots.documents.spec import Recipients
from grassroots.elections.models import Dismissal, Election, ElectionKind
from grassroots.elections.services.common import _commune, _fail
from grassroots.voting import selectors as vote_selectors
from grassroots.voting.models import CommunityVote

LAW = "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022"
DECREE_59 = "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ"


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _issue(
    *,
    vote: CommunityVote,
    commune: Any,
    summary: str,
    body: list[dict[str, Any]],
    copies: tuple[str, ...],
    extra_basis: str,
    actor: Any,
    moment: dt.datetime,
    code: str,
    obj: Any,
) -> Document:
    from grassroots.voting.services.forms import committee_signature

    if vote.decision_document_id is not None:
        raise _fail("decisions.election.decision_issued")
    printed = issuing_body_for(commune, body=IssuingBodyKind.PEOPLE_COMMITTEE)
    document = document_issue(
        kind=DocumentType.DECISION,
        issuer=commune,
        summary=summary,
        body=body,
        signer=committee_signature(printed, actor, commune, clock.localdate(moment)),
        recipients=Recipients(copies=copies, archive_unit="VP"),
        legal_bases=(LAW, DECREE_59, extra_basis),
        enacting_authority=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.name.upper()}",
        enacting_word="QUYẾT ĐỊNH:",
        signer_user=actor,
        actor=actor,
        is_public=True,
        now=moment,
    )
    vote.decision_document_id = document.pk
    vote.save(update_fields=["decision_document_id", "updated_at"])
    audit_record(code=code, actor=actor, unit=vote.unit_id, obj=obj, after={"document": document.pk}, now=moment)
    return document


def election_recognition_decision_issue(*, election: Election, actor: Any, moment: dt.datetime) -> Document | None:
    """The decision recognising the elected village head ([ND59] art. 8); ``None`` for boards (the Front's).

    Called by ``election_recognise`` inside its transaction, after the vote is recognised and the term set.
    """
    if election.kind != ElectionKind.VILLAGE_HEAD:
        return None
    vote = election.vote
    if vote is None:
        raise _fail("decisions.election.vote_not_closed")
    commune = _commune(election.community)
    outcome = vote_selectors.outcome_of(vote)
    counts = {option.key: option.count or 0 for option in vote.options.all()}
    winners = list(election.candidates.filter(is_elected=True).select_related("resident__household"))
    lines = []
    for person in winners:
        household = person.resident.household.code if person.resident and person.resident.household else ""
        where = f", hộ {household}" if household else ""
        lines.append(
            f"{person.full_name}{where}: {counts.get(f'c{person.pk}', 0)}/{outcome.eligible} hộ gia đình đồng ý"
        )
    community = election.community.name
    body = [
        {
            "type": "article",
            "text": (
                f"Công nhận kết quả bầu Trưởng {community} ngày {_day(election.election_date)}; người trúng cử: "
                + "; ".join(lines)
                + f" (cần tối thiểu {outcome.required_yes} hộ, quá nửa tổng số hộ gia đình)."
            ),
        },
        {
            "type": "article",
            "text": (
                f"Nhiệm kỳ từ ngày {_day(election.term_start)} đến ngày {_day(election.term_end)}. "
                f"Quyết định này có hiệu lực kể từ ngày ký; Trưởng {community} nhận nhiệm vụ từ ngày "
                f"{_day(election.recognised_on)}."
            ),
        },
        {
            "type": "article",
            "text": (
                f"Văn phòng UBND xã, Ban công tác Mặt trận {community} và "
                + ", ".join(person.full_name for person in winners)
                + " chịu trách nhiệm thi hành Quyết định này./."
            ),
        },
    ]
    return _issue(
        vote=vote,
        commune=commune,
        summary=f"Về việc công nhận Trưởng {community}",
        body=body,
        copies=("Như Điều 3", "Ủy ban MTTQ Việt Nam xã", f"{community} (để niêm yết)"),
        extra_basis=f"Căn cứ biên bản kết quả bầu Trưởng {community} ngày {_day(election.election_date)}",
        actor=actor,
        moment=moment,
        code="decisions.election.decision_issued",
        obj=election,
    )


def dismissal_recognition_decision_issue(
    *, dismissal: Dismissal, actor: Any, moment: dt.datetime, interim_name: str = ""
) -> Document:
    """The decision recognising that the community dismissed its village head ([ND59] art. 9(3)).

    It names the ground, the count over all households, the 60-day limit for the new election and the
    interim head when one is appointed.
    """
    vote = dismissal.vote
    if vote is None:
        raise _fail("decisions.dismissal.vote_not_closed")
    commune = _commune(dismissal.community)
    outcome = vote_selectors.outcome_of(vote)
    community = dismissal.community.name
    head = getattr(dismissal.head, "full_name", "") or str(dismissal.head)
    body: list[dict[str, Any]] = [
        {
            "type": "article",
            "text": (
                f"Công nhận kết quả cho thôi làm Trưởng {community} đối với ông (bà) {head} "
                f"({dismissal.get_ground_display()}): {outcome.yes}/{outcome.eligible} hộ gia đình đồng ý, "
                f"cần tối thiểu {outcome.required_yes} hộ."
            ),
        },
        {
            "type": "article",
            "text": (
                "Trong thời hạn 60 ngày kể từ ngày ký Quyết định này, UBND xã quyết định tổ chức bầu Trưởng "
                f"{community}."
                + (
                    f" Chỉ định ông (bà) {interim_name} làm Trưởng {community} lâm thời đến khi bầu được "
                    f"Trưởng {community} mới, không quá ngày {_day(dismissal.interim_until)}."
                    if interim_name
                    else ""
                )
            ),
        },
        {
            "type": "article",
            "text": (
                f"Quyết định này có hiệu lực kể từ ngày ký. Văn phòng UBND xã, Ban công tác Mặt trận {community} "
                f"và ông (bà) {head} chịu trách nhiệm thi hành Quyết định này./."
            ),
        },
    ]
    return _issue(
        vote=vote,
        commune=commune,
        summary=f"Về việc công nhận cho thôi làm Trưởng {community}",
        body=body,
        copies=("Như Điều 3", "Ủy ban MTTQ Việt Nam xã", f"{community} (để niêm yết)"),
        extra_basis=f"Căn cứ kết quả biểu quyết của cộng đồng dân cư {community}",
        actor=actor,
        moment=moment,
        code="decisions.dismissal.decision_issued",
        obj=dismissal,
    )
