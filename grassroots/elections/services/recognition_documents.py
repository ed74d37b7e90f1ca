"""The commune People's Committee's recognition decisions for a village head (D4): election and dismissal.

[L] art. 21(2); [ND59] arts 8, 9(3): the commune People's Committee recognises the elected village head, or
the dismissal, by a decision (quyết định công nhận). It is issued through ``documents.document_issue``
(Decree 30 layout, numbered, DOCX + PDF), signed by whoever recognises: the chair "TM. ỦY BAN NHÂN DÂN /
CHỦ TỊCH", a vice chair "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (``voting.services.forms.committee_signature``). The
document's id is kept on the engine vote (``CommunityVote.decision_document_id``), once.

Board members (D5: People's Inspection Board, Community Investment Supervision Board) are recognised by the
commune Fatherland Front ([L] art. 21(2): a D5 decision takes effect from the Front's recognition decision),
which announces the members to the People's Council, the People's Committee and the people ([L] art. 36(3);
[ND59] art. 18). Its decision is issued here too, under the Front's own header (``IssuingBodyKind.FRONT``,
its own number register), signed "TM. BAN THƯỜNG TRỰC / CHỦ TỊCH".

When the community could not settle a dismissal, the commune People's Committee decides after agreeing with
the commune Front ([ND59] art. 9(3)); that decision is issued here as well and kept on the dismissal
(``Dismissal.commune_decision_document_id``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.accounts.models import Role
from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.documents import rules as document_rules
from grassroots.documents.models import Document, DocumentType, IssuingBodyKind
from grassroots.documents.selectors import issuing_body_for
from grassroots.documents.services import document_issue
from grassroots.documents.spec import IssuingBody, Recipients, SignatureBlock
from grassroots.elections.models import Dismissal, Election, ElectionKind
from grassroots.elections.services.common import _commune, _fail
from grassroots.voting import selectors as vote_selectors
from grassroots.voting.models import CommunityVote

LAW = "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022"
DECREE_59 = "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ"


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _committee_decision(
    *,
    commune: Any,
    summary: str,
    body: list[dict[str, Any]],
    copies: tuple[str, ...],
    extra_basis: str,
    actor: Any,
    moment: dt.datetime,
) -> Document:
    """A decision of the commune People's Committee, signed by the chair or "KT. CHỦ TỊCH" by a vice chair."""
    from grassroots.voting.services.forms import committee_signature

    printed = issuing_body_for(commune, body=IssuingBodyKind.PEOPLE_COMMITTEE)
    return document_issue(
        kind=DocumentType.DECISION,
        issuer=commune,
        issuing_body=IssuingBodyKind.PEOPLE_COMMITTEE,
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


def front_signature(printed: IssuingBody, actor: Any) -> SignatureBlock:
    """The commune Front's Standing Board signs collectively: "TM. BAN THƯỜNG TRỰC / CHỦ TỊCH"."""
    name = str(getattr(actor, "full_name", "") or actor)
    return document_rules.signature_block(
        issuer=printed,
        signer_role=Role.FRONT_CHAIR,
        signer_name=name,
        authority=document_rules.Authority.ON_BEHALF_OF_COLLECTIVE,
    )


def _front_decision(
    *,
    commune: Any,
    summary: str,
    body: list[dict[str, Any]],
    copies: tuple[str, ...],
    extra_basis: str,
    actor: Any,
    moment: dt.datetime,
) -> Document:
    """A decision of the commune Fatherland Front's Standing Board, numbered in the Front's own register."""
    printed = issuing_body_for(commune, body=IssuingBodyKind.FRONT)
    return document_issue(
        kind=DocumentType.DECISION,
        issuer=commune,
        issuing_body=IssuingBodyKind.FRONT,
        summary=summary,
        body=body,
        signer=front_signature(printed, actor),
        recipients=Recipients(copies=copies, archive_unit="VP"),
        legal_bases=(LAW, DECREE_59, extra_basis),
        enacting_authority=f"BAN THƯỜNG TRỰC ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM {commune.name.upper()}",
        enacting_word="QUYẾT ĐỊNH:",
        signer_user=actor,
        actor=actor,
        is_public=True,
        now=moment,
    )


def _keep_on_vote(
    vote: CommunityVote, document: Document, *, actor: Any, moment: dt.datetime, code: str, obj: Any
) -> Document:
    vote.decision_document_id = document.pk
    vote.save(update_fields=["decision_document_id", "updated_at"])
    audit_record(code=code, actor=actor, unit=vote.unit_id, obj=obj, after={"document": document.pk}, now=moment)
    return document


def _winner_lines(election: Election, vote: CommunityVote, eligible: int) -> tuple[list[Any], list[str]]:
    counts = {option.key: option.count or 0 for option in vote.options.all()}
    winners = list(election.candidates.filter(is_elected=True).select_related("resident__household").order_by("pk"))
    lines = []
    for person in winners:
        household = person.resident.household.code if person.resident and person.resident.household else ""
        where = f", hộ {household}" if household else ""
        lines.append(f"{person.full_name}{where}: {counts.get(f'c{person.pk}', 0)}/{eligible} hộ gia đình đồng ý")
    return winners, lines


def election_recognition_decision_issue(*, election: Election, actor: Any, moment: dt.datetime) -> Document:
    """The decision recognising the elected: the People's Committee's for a village head ([ND59] art. 8),
    the commune Front's for board members ([L] art. 21(2)).

    Called by ``election_recognise`` inside its transaction, after the vote is recognised and the term set:
    no recognition without its paper.
    """
    vote = election.vote
    if vote is None:
        raise _fail("decisions.election.vote_not_closed")
    if vote.decision_document_id is not None:
        raise _fail("decisions.election.decision_issued")
    if election.kind != ElectionKind.VILLAGE_HEAD:
        document = board_recognition_decision(election=election, vote=vote, actor=actor, moment=moment)
        return _keep_on_vote(
            vote, document, actor=actor, moment=moment, code="decisions.election.decision_issued", obj=election
        )
    commune = _commune(election.community)
    outcome = vote_selectors.outcome_of(vote)
    winners, lines = _winner_lines(election, vote, outcome.eligible)
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
    document = _committee_decision(
        commune=commune,
        summary=f"Về việc công nhận Trưởng {community}",
        body=body,
        copies=("Như Điều 3", "Ủy ban MTTQ Việt Nam xã", f"{community} (để niêm yết)"),
        extra_basis=f"Căn cứ biên bản kết quả bầu Trưởng {community} ngày {_day(election.election_date)}",
        actor=actor,
        moment=moment,
    )
    return _keep_on_vote(
        vote, document, actor=actor, moment=moment, code="decisions.election.decision_issued", obj=election
    )


BOARD_NAMES: dict[str, str] = {
    ElectionKind.INSPECTION_BOARD: "Ban Thanh tra nhân dân",
    ElectionKind.INVESTMENT_SUPERVISION_BOARD: "Ban Giám sát đầu tư của cộng đồng",
}


def board_recognition_decision(*, election: Election, vote: CommunityVote, actor: Any, moment: dt.datetime) -> Document:
    """The commune Front's decision recognising the board members a community elected (D5).

    [L] art. 21(2): the D5 decision takes effect from the Front's recognition decision. The inspection
    board's term follows the village head's ([L] art. 36(2)); an investment supervision board serves its
    programme or project and dissolves itself when the task is done ([L] art. 41; [ND59] art. 17). The Front
    announces the members to the People's Council, the People's Committee and the people ([L] art. 36(3);
    [ND59] art. 18), hence the copies.
    """
    commune = _commune(election.community)
    outcome = vote_selectors.outcome_of(vote)
    winners, lines = _winner_lines(election, vote, outcome.eligible)
    board = BOARD_NAMES[election.kind]
    community = election.community.name
    commune_name = commune.name
    board_of = (
        f"{board} {commune_name}"
        if election.kind == ElectionKind.INSPECTION_BOARD
        else f"{board} giám sát chương trình, dự án: {election.project_name or '…'}"
    )
    seats_left = max(election.seats - len(winners), 0)
    first = {
        "type": "article",
        "text": (
            f"Công nhận kết quả bầu thành viên {board_of} của cộng đồng dân cư {community} ngày "
            f"{_day(election.election_date)}; người trúng cử: "
            + "; ".join(lines)
            + f" (cần tối thiểu {outcome.required_yes} hộ, quá nửa tổng số hộ gia đình)."
            + (
                f" Số người được bầu: {election.seats:02d}; còn {seats_left:02d} người chưa bầu được, "
                "được bầu bổ sung theo quy định."
                if seats_left
                else ""
            )
        ),
    }
    term = (
        f"Nhiệm kỳ của thành viên theo nhiệm kỳ của Trưởng thôn, tổ trưởng tổ dân phố: từ ngày "
        f"{_day(election.term_start)} đến ngày {_day(election.term_end)}."
        if election.kind == ElectionKind.INSPECTION_BOARD
        else "Thành viên hoạt động đến khi hoàn thành nhiệm vụ giám sát chương trình, dự án; Ban tự giải thể khi "
        "kết thúc nhiệm vụ."
    )
    body: list[dict[str, Any]] = [
        first,
        {"type": "article", "text": f"{term} Quyết định này có hiệu lực kể từ ngày ký."},
        {
            "type": "article",
            "text": (
                f"Ban Thường trực Ủy ban MTTQ Việt Nam {commune_name} thông báo danh sách thành viên đến Hội đồng "
                f"nhân dân, Ủy ban nhân dân {commune_name} và Nhân dân. Ban công tác Mặt trận {community} và "
                + (", ".join(person.full_name for person in winners) or "…")
                + " chịu trách nhiệm thi hành Quyết định này./."
            ),
        },
    ]
    return _front_decision(
        commune=commune,
        summary=f"Về việc công nhận thành viên {board_of}",
        body=body,
        copies=(
            "Như Điều 3",
            f"HĐND {commune_name}",
            f"UBND {commune_name}",
            f"{community} (để niêm yết)",
        ),
        extra_basis=(
            f"Căn cứ biên bản kết quả bầu thành viên {board} của cộng đồng dân cư {community} ngày "
            f"{_day(election.election_date)}"
        ),
        actor=actor,
        moment=moment,
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
    if vote.decision_document_id is not None:
        raise _fail("decisions.election.decision_issued")
    commune = _commune(dismissal.community)
    outcome = vote_selectors.outcome_of(vote)
    community = dismissal.community.name
    head = _head_name(dismissal)
    body: list[dict[str, Any]] = [
        {
            "type": "article",
            "text": (
                f"Công nhận kết quả cho thôi làm Trưởng {community} đối với ông (bà) {head} "
                f"({dismissal.get_ground_display()}): {outcome.yes}/{outcome.eligible} hộ gia đình đồng ý, "
                f"cần tối thiểu {outcome.required_yes} hộ."
            ),
        },
        _new_election_article(dismissal, community, interim_name),
        {
            "type": "article",
            "text": (
                f"Quyết định này có hiệu lực kể từ ngày ký. Văn phòng UBND xã, Ban công tác Mặt trận {community} "
                f"và ông (bà) {head} chịu trách nhiệm thi hành Quyết định này./."
            ),
        },
    ]
    document = _committee_decision(
        commune=commune,
        summary=f"Về việc công nhận cho thôi làm Trưởng {community}",
        body=body,
        copies=("Như Điều 3", "Ủy ban MTTQ Việt Nam xã", f"{community} (để niêm yết)"),
        extra_basis=f"Căn cứ kết quả biểu quyết của cộng đồng dân cư {community}",
        actor=actor,
        moment=moment,
    )
    return _keep_on_vote(
        vote, document, actor=actor, moment=moment, code="decisions.dismissal.decision_issued", obj=dismissal
    )


def _head_name(dismissal: Dismissal) -> str:
    return getattr(dismissal.head, "full_name", "") or str(dismissal.head)


def _new_election_article(dismissal: Dismissal, community: str, interim_name: str) -> dict[str, Any]:
    return {
        "type": "article",
        "text": (
            f"Trong thời hạn 60 ngày kể từ ngày ký Quyết định này, UBND xã quyết định tổ chức bầu Trưởng {community}."
            + (
                f" Chỉ định ông (bà) {interim_name} làm Trưởng {community} lâm thời đến khi bầu được "
                f"Trưởng {community} mới, không quá ngày {_day(dismissal.interim_until)}."
                if interim_name
                else ""
            )
        ),
    }


def dismissal_commune_decision_issue(
    *, dismissal: Dismissal, dismiss: bool, actor: Any, moment: dt.datetime, interim_name: str = ""
) -> Document:
    """The People's Committee's decision on a dismissal the community could not settle ([ND59] art. 9(3)).

    Neither side reached more than half of all households: the commune decides after agreeing with the
    commune Front. The decision states the community's count, the date of the agreement with the Front,
    the reason, and what follows: dismissing opens the 60-day limit for a new election (and names the
    interim head); keeping the head ends the matter. Called by ``dismissal_commune_decide`` in its
    transaction; its id is kept on the dismissal, once.
    """
    if dismissal.commune_decision_document_id is not None:
        raise _fail("decisions.election.decision_issued")
    commune = _commune(dismissal.community)
    community = dismissal.community.name
    head = _head_name(dismissal)
    count = ""
    if dismissal.vote is not None:
        outcome = vote_selectors.outcome_of(dismissal.vote)
        disagree = outcome.by_option.get("disagree", 0)
        count = (
            f" Kết quả biểu quyết của cộng đồng: {outcome.yes}/{outcome.eligible} hộ gia đình đồng ý, {disagree}/"
            f"{outcome.eligible} hộ không đồng ý; không bên nào đạt quá nửa tổng số hộ gia đình."
        )
    verdict = (
        f"Cho ông (bà) {head} thôi làm Trưởng {community}"
        if dismiss
        else f"Ông (bà) {head} tiếp tục làm Trưởng {community}"
    )
    body: list[dict[str, Any]] = [
        {
            "type": "article",
            "text": (
                f"{verdict} ({dismissal.get_ground_display()}). "
                f"Lý do: {dismissal.commune_decision_reason.rstrip('. ')}.{count}"
            ),
        },
    ]
    if dismiss:
        body.append(_new_election_article(dismissal, community, interim_name))
    body.append(
        {
            "type": "article",
            "text": (
                f"Quyết định này có hiệu lực kể từ ngày ký. Văn phòng UBND xã, Ban công tác Mặt trận {community} "
                f"và ông (bà) {head} chịu trách nhiệm thi hành Quyết định này./."
            ),
        }
    )
    document = _committee_decision(
        commune=commune,
        summary=(
            f"Về việc cho thôi làm Trưởng {community}" if dismiss else f"Về việc không cho thôi làm Trưởng {community}"
        ),
        body=body,
        copies=("Như Điều 3", "Ủy ban MTTQ Việt Nam xã", f"{community} (để niêm yết)"),
        extra_basis=(
            f"Căn cứ kết quả thống nhất với Ủy ban MTTQ Việt Nam {commune.name} ngày "
            f"{_day(dismissal.commune_front_agreed_on)}"
        ),
        actor=actor,
        moment=moment,
    )
    dismissal.commune_decision_document_id = document.pk
    dismissal.save(update_fields=["commune_decision_document_id", "updated_at"])
    audit_record(
        code="decisions.dismissal.commune_decision_issued",
        actor=actor,
        unit=dismissal.community_id,
        obj=dismissal,
        after={"document": document.pk, "dismiss": dismiss},
        now=moment,
    )
    return document
