"""The Decree 59 forms of a vote (Mẫu 01–04), the ballot plan, and Law art. 22 (revoking a decision).

Every form goes through ``documents.services.document_issue`` (Decree 30 layout, DOCX + PDF, numbered),
is recorded once per vote (``VoteFormDocument``, a database constraint) with the figures it printed,
and is audited. A form whose required fields (``rules.REQUIRED_FIELDS``) are empty is refused with the
list of what is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from grassroots.accounts.rules import Action
from grassroots.calendar import selectors as calendar_selectors
from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.documents import rules as document_rules
from grassroots.documents.models import Document, DocumentType, IssuingBodyKind
from grassroots.documents.selectors import issuing_body_for
from grassroots.documents.services import document_issue
from grassroots.documents.spec import Recipients, SignatureBlock
from grassroots.units import selectors as unit_selectors
from grassroots.voting import rules
from grassroots.voting import selectors as vote_selectors
from grassroots.voting.models import (
    CommunityVote,
    DecisionRevocation,
    OfficerRole,
    VoteForm,
    VoteFormDocument,
    VoteParticipation,
    VoteStatus,
)
from grassroots.voting.rules.forms import Decree59Form
from grassroots.voting.services.common import fail, local_date, locked, may, may_run, refuse

DECREE_59 = "Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ"


def _date_words(day: dt.date) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def _commune_name(vote: CommunityVote) -> str:
    commune = vote.unit if vote.scope == "commune" else unit_selectors.commune_of(vote.unit)
    return commune.name if commune else ""


def _names(vote: CommunityVote, role: str) -> list[str]:
    return [officer.full_name for officer in vote.officers.filter(role=role).order_by("-is_leader", "pk")]


def _require_runner(vote: CommunityVote, actor: Any, day: dt.date) -> None:
    if not may_run(actor, vote, day):
        raise fail("decisions.forms.not_authorised")


def _require_fields(form: Decree59Form, values: dict[str, Any]) -> None:
    missing = rules.form_missing_fields(form, values)
    if missing:
        raise fail("decisions.forms.missing", fields=", ".join(missing), missing=missing)


def _options_table(vote: CommunityVote, by_option: dict[str, int]) -> dict[str, Any]:
    labels = {option.key: option.label for option in vote.options.all()}
    rows = [[str(index), labels.get(key, key), str(count)] for index, (key, count) in enumerate(by_option.items(), 1)]
    return {"type": "table", "header": ["TT", "Lựa chọn", "Số phiếu"], "rows": rows, "widths": [1, 5, 2]}


def _issue(
    *,
    vote: CommunityVote,
    form: Decree59Form,
    kind: str,
    summary: str,
    body: list[dict[str, Any]],
    signatures: Sequence[SignatureBlock],
    recipients: Recipients,
    figures: dict[str, Any],
    actor: Any,
    moment: dt.datetime,
) -> VoteFormDocument:
    if VoteFormDocument.objects.filter(vote=vote, form=form.value).exists():
        raise fail("decisions.forms.already_issued")
    body = [*body, {"type": "paragraph", "text": f"{rules.FORM_NUMBERS[form]} ban hành kèm theo {DECREE_59}."}]
    document = document_issue(
        kind=kind,
        issuer=vote.unit,
        issuing_body=IssuingBodyKind.COMMUNITY if vote.scope == "community" else None,
        summary=summary,
        body=body,
        signer=list(signatures),
        recipients=recipients,
        actor=actor,
        is_public=True,
        now=moment,
    )
    try:
        with transaction.atomic():
            record = VoteFormDocument.objects.create(
                vote=vote, form=form.value, document=document, figures=figures, issued_by=actor, issued_at=moment
            )
    except IntegrityError as error:  # two clerks pressing at once: the database keeps one
        raise fail("decisions.forms.already_issued") from error
    audit_record(
        code=f"decisions.vote.form_{form.value}_issued",
        actor=actor,
        unit=vote.unit_id,
        obj=vote,
        after={"form": form.value, "document": document.pk, "figures": figures},
        now=moment,
    )
    return record


def decision_signer_titles() -> tuple[str, str]:
    """The generic titles of the two officials on Mẫu 03, from ``settings.VOTING_DECISION_OFFICIAL_SIGNERS``
    (default the law's: the village head and the Front work-committee head, [L] art. 20(2)(g), CONFIRMED)."""
    keys = tuple(getattr(settings, "VOTING_DECISION_OFFICIAL_SIGNERS", rules.DECISION_OFFICIAL_SIGNERS_DEFAULT))
    return rules.decision_official_titles(keys)


def _official_names(vote: CommunityVote, given: Sequence[str]) -> tuple[list[tuple[str, str]], int]:
    """(title, name) of the officials who sign Mẫu 03, and how many of the two offices have a signer.

    An office holder on the platform signs under their own name (a different name typed for them is refused:
    nobody signs in the village head's place); a vacant office, or the meeting's chair and secretary, take the
    name typed. One person holding both offices (the village head who is also the Front work-committee head)
    is printed once, under both titles joined by "KIÊM", and fills both offices ([L] art. 20(2)(g) asks for
    each office's signature, not for two people). The meeting's chair and secretary written as one person
    are refused (``decisions.forms.officials_same_person``).
    """
    signers = vote_selectors.decision_signers(vote)
    pairs: list[tuple[str, str]] = []
    for signer, typed in zip(signers, given, strict=True):
        name = typed.strip()
        if signer.from_register:
            if name and not rules.same_person_name(name, signer.name):
                raise fail("decisions.forms.signer_not_holder", title=signer.title.lower(), name=signer.name)
            name = signer.name
        pairs.append((signer.title, name))
    (first_title, first), (second_title, second) = pairs
    if first and second and rules.same_person_name(first, second):
        if not rules.decision_offices_merge([signer.key for signer in signers]):
            raise fail("decisions.forms.officials_same_person", name=" ".join(first.split()))
        return [(f"{first_title} KIÊM {second_title}", first)], 2
    return pairs, sum(1 for _title, name in pairs if name)


def _officials_section(vote: CommunityVote) -> dict[str, Any]:
    """The officers of the meeting as recorded: who chaired, the secretary, the counting board ([ND59] art. 3)."""
    officials = vote_selectors.meeting_officials(vote)
    chair_title = "Tổ bầu cử (chủ trì cuộc họp)" if officials["is_election_team"] else "Chủ trì cuộc họp"
    children: list[dict[str, Any]] = [
        {"type": "bullet", "text": f"{chair_title}: {', '.join(officials['chairs']) or '…'};"}
    ]
    for name, chair in officials["cluster_chairs"]:
        children.append({"type": "bullet", "text": f"Chủ trì họp cụm {name}: {chair};"})
    children.append({"type": "bullet", "text": f"Thư ký: {officials['secretary'] or '…'};"})
    if officials["counting_board"]:
        children.append({"type": "bullet", "text": f"Tổ kiểm phiếu: {', '.join(officials['counting_board'])};"})
    if officials["witnesses"]:
        children.append(
            {"type": "bullet", "text": f"Đại diện hộ chứng kiến kiểm phiếu: {', '.join(officials['witnesses'])}."}
        )
    return {"type": "section", "title": "Người điều hành cuộc họp", "children": children}


def _clusters_section(vote: CommunityVote, figures: dict[str, Any]) -> list[dict[str, Any]]:
    """A meeting held by clusters: each cluster's figures and the community's total, to which the threshold
    applies ([L] art. 18(3); [ND59] art. 3(6)). Empty when the meeting had no cluster sessions."""
    tallies = vote_selectors.session_tallies(vote)
    if not tallies:
        return []
    options = list(vote.options.order_by("position"))
    open_vote = all(row["by_option"] is not None for row in tallies)
    header = ["Cụm", "Chủ trì", "Có mặt", "Tham gia"]
    if open_vote:
        header += [option.label for option in options]
    rows = []
    for row in tallies:
        line = [row["session"].name, row["session"].chair_name, str(row["present"]), str(row["participated"])]
        if open_vote:
            line += [str(row["by_option"][option.key]) for option in options]
        rows.append(line)
    total = ["Cả thôn", "", str(vote.present_count or sum(r["present"] for r in tallies)), str(figures["participated"])]
    if open_vote:
        total += [str(figures["by_option"].get(option.key, 0)) for option in options]
    rows.append(total)
    note = (
        "Kết quả các cụm được cộng chung; tỷ lệ thông qua tính trên tổng số hộ của cả thôn."
        if open_vote
        else "Bỏ phiếu kín: phiếu của các cụm được kiểm chung, kết quả theo từng lựa chọn ở trên là của cả thôn."
    )
    return [
        {
            "type": "section",
            "title": "Kết quả theo cụm dân cư",
            "children": [
                {"type": "table", "header": header, "rows": rows, "widths": [3, 3, 1, 1, *([1] * (len(header) - 4))]},
                {"type": "paragraph", "text": note},
            ],
        }
    ]


def _count_figures(vote: CommunityVote) -> dict[str, Any]:
    outcome = vote_selectors.outcome_of(vote)
    return {
        "eligible": outcome.eligible,
        "participated": outcome.participated,
        "yes": outcome.yes,
        "required_yes": outcome.required_yes,
        "passed": outcome.passed,
        "by_option": dict(outcome.by_option),
    }


# ---------------------------------------------------------------------------------------------
# Mẫu 01: the meeting notice ([ND59] art. 3(3)–(4))
# ---------------------------------------------------------------------------------------------


def meeting_notice_issue(
    *,
    vote: CommunityVote,
    place: str,
    actor: Any,
    meeting_documents: Sequence[str] = (),
    convenor_name: str = "",
    signer_name: str = "",
    now: dt.datetime | None = None,
) -> VoteFormDocument:
    """Issue the meeting notice (Mẫu 01) ≥ 2 days before the meeting; for D1–D3 it lists the documents sent.

    The notice is dated by the server's clock, never by the caller: a notice cannot be back-dated to meet the
    2 days. ``convenor_name`` / ``signer_name`` name the convenor when it is a body (the election team, its
    leader signing); by default the account that convened the vote.
    """
    moment = now or clock.now()
    today = local_date(moment)
    with transaction.atomic():
        current = locked(vote)
        _require_runner(current, actor, today)
        if current.form != VoteForm.MEETING:
            raise fail("decisions.forms.wrong_form")
        if current.status not in (VoteStatus.DRAFT, VoteStatus.SCHEDULED):
            raise fail("decisions.forms.wrong_status")
        meeting_on = local_date(current.starts_at)
        refuse(rules.check_meeting_notice(notice_on=today, meeting_on=meeting_on))
        documents = [item.strip() for item in meeting_documents if item.strip()]
        values: dict[str, Any] = {
            "convenor": str(current.convened_by),
            "meeting_at": current.starts_at,
            "place": place.strip(),
            "content": current.question,
            "notice_on": today,
        }
        _require_fields(Decree59Form.MEETING_NOTICE, values)
        needs_documents = rules.needs_documents(matter=current.matter, purpose=current.purpose)
        if needs_documents and not documents:
            raise fail("decisions.forms.missing", fields="meeting_documents", missing=["meeting_documents"])
        start = current.starts_at.astimezone(clock.local_zone())
        convenor = convenor_name.strip() or str(current.convened_by)
        body: list[dict[str, Any]] = [
            {
                "type": "paragraph",
                "text": f"{convenor} thông báo tổ chức cuộc họp cộng đồng dân cư {current.unit.name}.",
            },
            {"type": "item", "title": "Thời gian", "text": f"{start:%H giờ %M}, {_date_words(start.date())}."},
            {"type": "item", "title": "Địa điểm", "text": place.strip() + "."},
            {"type": "item", "title": "Thành phần", "text": "Đại diện các hộ gia đình trong thôn, tổ dân phố."},
            {"type": "item", "title": "Nội dung", "text": current.question},
        ]
        if documents:
            body.append(
                {
                    "type": "item",
                    "title": "Tài liệu gửi kèm đến từng hộ (Điều 3 khoản 4 Nghị định 59)",
                    "children": [{"type": "bullet", "text": f"{name};"} for name in documents],
                }
            )
        body.append({"type": "paragraph", "text": "Đề nghị đại diện các hộ gia đình tham dự đầy đủ, đúng giờ."})
        signature = document_rules.minutes_signature(
            title=rules.notice_signer_title(
                current.convenor_role, community_head_title=issuing_body_for(current.unit).head_title
            ),
            signer_name=signer_name.strip() or str(current.convened_by),
        )
        return _issue(
            vote=current,
            form=Decree59Form.MEETING_NOTICE,
            kind=DocumentType.NOTICE,
            summary=f"Về việc tổ chức cuộc họp cộng đồng dân cư: {current.title}",
            body=body,
            signatures=[signature],
            recipients=Recipients(copies=("Các hộ gia đình trong thôn", "Ban công tác Mặt trận thôn")),
            figures={"meeting_on": meeting_on.isoformat(), "notice_on": today.isoformat(), "documents": documents},
            actor=actor,
            moment=moment,
        )


# ---------------------------------------------------------------------------------------------
# Mẫu 02: counting minutes of a secret ballot at a meeting ([ND59] art. 3(5)(c))
# ---------------------------------------------------------------------------------------------


def counting_minutes_issue(*, vote: CommunityVote, actor: Any, now: dt.datetime | None = None) -> VoteFormDocument:
    """Issue the counting minutes (Mẫu 02) of a counted secret meeting vote, in 3 copies."""
    moment = now or clock.now()
    today = local_date(moment)
    with transaction.atomic():
        current = locked(vote)
        _require_runner(current, actor, today)
        if current.form != VoteForm.MEETING or not current.is_secret:
            raise fail("decisions.forms.wrong_form")
        if current.counted_at is None:
            raise fail("decisions.forms.wrong_status")
        board = _names(current, OfficerRole.COUNTING_BOARD)
        witnesses = _names(current, OfficerRole.WITNESS)
        refuse(rules.check_witnesses(len(witnesses)))
        figures = _count_figures(current)
        values = {
            "date": local_date(current.counted_at),
            "counting_board": board,
            "witnesses": witnesses,
            # [ND59] art. 3(5): each household present receives one ballot, so the ballots handed out are the
            # households on the attendance book (frozen at close), not the ballots that came back.
            "ballots_issued": current.present_count
            if current.present_count is not None
            else current.attendances.count(),
            "ballots_returned": figures["participated"],
            "by_option": figures["by_option"],
        }
        _require_fields(Decree59Form.COUNTING_MINUTES, values)
        commune = _commune_name(current)
        holders = (f"UBND {commune}", f"Ủy ban MTTQ Việt Nam {commune}", f"{current.unit.name} (lưu)")
        body: list[dict[str, Any]] = [
            {
                "type": "paragraph",
                "text": f"Hôm nay, {_date_words(values['date'])}, tại cuộc họp cộng đồng dân cư {current.unit.name}.",
            },
            _officials_section(current),
            {
                "type": "section",
                "title": "Tổ kiểm phiếu",
                "children": [{"type": "bullet", "text": f"{name};"} for name in board],
            },
            {
                "type": "section",
                "title": "Đại diện hộ gia đình chứng kiến",
                "children": [{"type": "bullet", "text": f"{name};"} for name in witnesses],
            },
            {
                "type": "section",
                "title": "Kết quả kiểm phiếu",
                "children": [
                    {"type": "bullet", "text": f"Tổng số hộ trong danh sách: {figures['eligible']};"},
                    {"type": "bullet", "text": f"Số phiếu phát ra: {values['ballots_issued']};"},
                    {"type": "bullet", "text": f"Số phiếu thu về: {values['ballots_returned']};"},
                    _options_table(current, figures["by_option"]),
                ],
            },
            *_clusters_section(current, figures),
            {
                "type": "paragraph",
                "text": (
                    f"Biên bản được lập thành {rules.COUNTING_MINUTES_COPIES:02d} bản: 01 bản gửi {holders[0]}, "
                    f"01 bản gửi {holders[1]}, 01 bản lưu tại {current.unit.name}."
                ),
            },
        ]
        signatures = [
            document_rules.minutes_signature(title="TỔ TRƯỞNG TỔ KIỂM PHIẾU", signer_name=board[0]),
            *[
                document_rules.minutes_signature(title="ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN", signer_name=name)
                for name in witnesses
            ],
        ]
        return _issue(
            vote=current,
            form=Decree59Form.COUNTING_MINUTES,
            kind=DocumentType.MINUTES,
            summary=f"Kiểm phiếu biểu quyết: {current.title}",
            body=body,
            signatures=signatures,
            recipients=Recipients(copies=holders),
            figures={
                **figures,
                "ballots_issued": values["ballots_issued"],
                "ballots_returned": values["ballots_returned"],
                "copies": rules.COUNTING_MINUTES_COPIES,
                "copy_holders": list(holders),
            },
            actor=actor,
            moment=moment,
        )


# ---------------------------------------------------------------------------------------------
# Mẫu 03: the decision of the meeting (or of the online vote) ([L] art. 20(2))
# ---------------------------------------------------------------------------------------------


def meeting_decision_issue(
    *,
    vote: CommunityVote,
    household_signers: Sequence[str],
    decision_text: str,
    actor: Any,
    first_official_name: str = "",
    second_official_name: str = "",
    screenshots: int = 0,
    now: dt.datetime | None = None,
) -> VoteFormDocument:
    """Issue the decision of the meeting (Mẫu 03) with every element of [L] art. 20(2) and its 4 signers.

    The two officials ([L] art. 20(2)(g): the village head and the Front work-committee head, or the meeting's
    chair and secretary where ``settings.VOTING_DECISION_OFFICIAL_SIGNERS`` says so) sign under the names of the
    office holders on the platform on the day the vote closed; ``first_official_name`` / ``second_official_name``
    name an official the platform does not know (a vacant office, the chair and secretary of the meeting).

    An online vote's Mẫu 03 adds [ND59] art. 5's record, with the evidence of the result chosen by
    ``settings.VOTING_ONLINE_RESULT_EVIDENCE`` (UNCERTAIN; ``screenshots``: how many the team attaches)."""
    moment = now or clock.now()
    today = local_date(moment)
    with transaction.atomic():
        current = locked(vote)
        _require_runner(current, actor, today)
        if current.form not in (VoteForm.MEETING, VoteForm.ONLINE):
            raise fail("decisions.forms.wrong_form")
        if current.closed_at is None:
            raise fail("decisions.forms.wrong_status")
        households = [name.strip() for name in household_signers if name.strip()]
        named, offices_filled = _official_names(current, (first_official_name, second_official_name))
        officials = [name for _title, name in named if name]
        refuse(rules.check_decision_signers(officials=offices_filled, households=len(households)))
        # 2 household representatives: two people, neither of them one of the officials ([L] art. 20(2)(g)).
        refuse(
            rules.check_distinct_people([*officials, *households], code="decisions.forms.household_signers_distinct")
        )
        figures = _count_figures(current)
        present = current.present_count if current.form == VoteForm.MEETING else figures["participated"]
        if present is None:
            present = figures["participated"]
        values: dict[str, Any] = {
            "date": local_date(current.closed_at),
            "households_total": figures["eligible"],
            "households_present": present,
            # A present household that abstains is present, not absent: absent = roll − present.
            "households_absent": figures["eligible"] - present,
            "content": current.question,
            "form": str(current.get_form_display()),
            "result": figures["by_option"],
            "decision": decision_text.strip(),
            "signers": officials + households,
        }
        _require_fields(Decree59Form.MEETING_DECISION, values)
        verdict = "được thông qua" if figures["passed"] else "không được thông qua"
        body: list[dict[str, Any]] = [
            {"type": "paragraph", "text": f"Hôm nay, {_date_words(values['date'])}, tại {current.unit.name}."},
            {
                "type": "section",
                "title": "Thành phần",
                "children": [
                    {"type": "bullet", "text": f"Tổng số hộ gia đình: {values['households_total']} hộ;"},
                    {"type": "bullet", "text": f"Số đại diện hộ có mặt: {values['households_present']} hộ;"},
                    {"type": "bullet", "text": f"Số hộ vắng mặt: {values['households_absent']} hộ."},
                ],
            },
            {
                "type": "section",
                "title": "Nội dung và kết quả",
                "children": [
                    {"type": "item", "title": "Nội dung thảo luận, biểu quyết", "text": current.question},
                    {"type": "item", "title": "Hình thức", "text": values["form"]},
                    {
                        "type": "item",
                        "title": "Kết quả",
                        "text": (
                            f"Đồng ý {figures['yes']}/{figures['eligible']} hộ, cần tối thiểu "
                            f"{figures['required_yes']} hộ (Điều 21 Luật số 10/2022/QH15): {verdict}."
                        ),
                        "children": [_options_table(current, figures["by_option"])],
                    },
                    {"type": "item", "title": "Quyết định của cộng đồng", "text": values["decision"]},
                ],
            },
            *_clusters_section(current, figures),
        ]
        evidence: dict[str, Any] = {}
        if current.form == VoteForm.MEETING:
            body.insert(2, _officials_section(current))
        else:
            body.insert(2, _online_section(current, figures, screenshots=screenshots, evidence=evidence))
        signatures = [
            *[document_rules.minutes_signature(title=title, signer_name=name) for title, name in named],
            *[document_rules.minutes_signature(title="ĐẠI DIỆN HỘ GIA ĐÌNH", signer_name=name) for name in households],
        ]
        commune = _commune_name(current)
        return _issue(
            vote=current,
            form=Decree59Form.MEETING_DECISION,
            kind=DocumentType.MINUTES,
            summary=f"Quyết định của cộng đồng dân cư: {current.title}",
            body=body,
            signatures=signatures,
            recipients=Recipients(copies=(f"UBND {commune}", f"Ủy ban MTTQ Việt Nam {commune}", "Lưu thôn")),
            figures={
                **figures,
                "households_present": values["households_present"],
                "households_absent": values["households_absent"],
                "signers": values["signers"],
                "decision": values["decision"],
                **evidence,
            },
            actor=actor,
            moment=moment,
        )


def _moment_words(moment: dt.datetime) -> str:
    local = moment.astimezone(clock.local_zone())
    return f"{local:%H} giờ {local:%M} phút, {_date_words(local.date())}"


def _online_section(
    vote: CommunityVote, figures: dict[str, Any], *, screenshots: int, evidence: dict[str, Any]
) -> dict[str, Any]:
    """Mẫu 03 of an online vote ([ND59] art. 5; law.md §1(b)): start and end times, how many took part, the
    agree / disagree counts, other opinions, the participants (name and address only) and the evidence of
    the result: the platform's record at the close, and the team's screenshots when the setting asks for
    them (``evidence`` receives what was printed, for the form's record)."""
    mode = rules.online_result_evidence(getattr(settings, "VOTING_ONLINE_RESULT_EVIDENCE", None))
    refuse(rules.check_online_screenshots(mode, screenshots))
    rows = (
        VoteParticipation.objects.filter(vote=vote)
        .select_related("household__representative")
        .order_by("household__code", "pk")
    )
    participants = [
        [
            str(index),
            row.household.representative.full_name if row.household.representative else row.household.code,
            row.household.address,
        ]
        for index, row in enumerate(rows, 1)
    ]
    if vote.is_secret:
        opinions = vote_selectors.secret_opinions(vote)
    else:
        opinions = sorted(row.other_opinion.strip() for row in rows if row.other_opinion.strip())
    values = {
        "started_at": vote.opened_at or vote.starts_at,
        "ended_at": vote.closed_at,
        "participated": figures["participated"],
        "participants": participants,
    }
    missing = rules.online_decision_missing_fields(values)
    if missing:
        raise fail("decisions.forms.missing", fields=", ".join(missing), missing=missing)
    by_option = figures["by_option"]
    children: list[dict[str, Any]] = [
        {"type": "bullet", "text": f"Thời gian bắt đầu: {_moment_words(values['started_at'])};"},
        {"type": "bullet", "text": f"Thời gian kết thúc: {_moment_words(values['ended_at'])};"},
        {"type": "bullet", "text": f"Số hộ tham gia biểu quyết: {figures['participated']} hộ;"},
        {
            "type": "bullet",
            "text": f"Số đồng ý: {by_option.get('agree', 0)}; số không đồng ý: {by_option.get('disagree', 0)};",
        },
        {"type": "bullet", "text": "Ý kiến khác: " + ("; ".join(opinions) if opinions else "không có") + "."},
        {
            "type": "table",
            "header": ["TT", "Đại diện hộ tham gia", "Địa chỉ"],
            "rows": participants,
            "widths": [1, 4, 4],
        },
    ]
    fingerprint = rules.participants_fingerprint(participants)
    labels = {option.key: option.label for option in vote.options.all()}
    counts = "; ".join(f"{labels.get(key, key)}: {count}" for key, count in by_option.items())
    children.append(
        {
            "type": "item",
            "title": (
                "Ảnh chụp kết quả biểu quyết trực tuyến (bản ghi của hệ thống khi kết thúc)"
                if mode is rules.OnlineResultEvidence.SNAPSHOT_AND_SCREENSHOTS
                else "Bản ghi kết quả biểu quyết trực tuyến của hệ thống"
            ),
            "text": (
                f"Lúc {_moment_words(values['ended_at'])}: {counts}; {figures['participated']}/"
                f"{figures['eligible']} hộ tham gia. Mã kiểm tra danh sách hộ tham gia (SHA-256): {fingerprint}."
            ),
        }
    )
    if mode is rules.OnlineResultEvidence.SNAPSHOT_AND_SCREENSHOTS:
        children.append(
            {
                "type": "paragraph",
                "text": (
                    f"Kèm theo: {screenshots:02d} ảnh chụp màn hình kết quả biểu quyết trực tuyến "
                    "do Tổ biểu quyết trực tuyến chụp."
                ),
            }
        )
    evidence.update({"evidence": mode.value, "screenshots": screenshots, "participants_fingerprint": fingerprint})
    return {"type": "section", "title": "Biểu quyết trực tuyến", "children": children}


# ---------------------------------------------------------------------------------------------
# Mẫu 04: ballot counting minutes of a household-ballot campaign ([ND59] art. 4(6))
# ---------------------------------------------------------------------------------------------


def ballot_minutes_issue(
    *, vote: CommunityVote, witnesses: Sequence[str], actor: Any, now: dt.datetime | None = None
) -> VoteFormDocument:
    """Issue the ballot counting minutes (Mẫu 04) of a closed household-ballot campaign with 2 household witnesses."""
    moment = now or clock.now()
    today = local_date(moment)
    with transaction.atomic():
        current = locked(vote)
        _require_runner(current, actor, today)
        if current.form != VoteForm.HOUSEHOLD_BALLOT:
            raise fail("decisions.forms.wrong_form")
        if current.closed_at is None:
            raise fail("decisions.forms.wrong_status")
        names = [name.strip() for name in witnesses if name.strip()]
        refuse(rules.check_witnesses(len(names)))
        # Two witnesses are two people ([ND59] art. 4(6)(a)): one name written twice is one witness.
        refuse(rules.check_distinct_people(names, code="decisions.forms.witnesses_distinct"))
        team = _names(current, OfficerRole.BALLOT_TEAM)
        if not team:  # [ND59] art. 4(6): the ballot team signs the minutes; nobody stands in for it
            raise fail("decisions.forms.no_ballot_team")
        figures = _count_figures(current)
        issued = current.ballots.count() or current.serials.count() or figures["eligible"]
        values: dict[str, Any] = {
            "date": local_date(current.closed_at),
            "ballot_team": team,
            "witnesses": names,
            "ballots_issued": issued,
            "ballots_returned": figures["participated"],
            "by_option": figures["by_option"],
            "result": figures["passed"],
        }
        _require_fields(Decree59Form.BALLOT_MINUTES, values)
        verdict = "được thông qua" if figures["passed"] else "không được thông qua"
        body: list[dict[str, Any]] = [
            {"type": "paragraph", "text": f"Hôm nay, {_date_words(values['date'])}, tại {current.unit.name}."},
            {
                "type": "section",
                "title": "Tổ phát phiếu",
                "children": [{"type": "bullet", "text": f"{name};"} for name in values["ballot_team"]],
            },
            {
                "type": "section",
                "title": "Đại diện hộ gia đình chứng kiến",
                "children": [{"type": "bullet", "text": f"{name};"} for name in names],
            },
            {
                "type": "section",
                "title": "Kết quả kiểm phiếu",
                "children": [
                    {"type": "bullet", "text": f"Nội dung lấy ý kiến: {current.question};"},
                    {"type": "bullet", "text": f"Tổng số hộ trong danh sách: {figures['eligible']};"},
                    {"type": "bullet", "text": f"Số phiếu phát ra: {issued};"},
                    {"type": "bullet", "text": f"Số phiếu thu về: {figures['participated']};"},
                    _options_table(current, figures["by_option"]),
                    {
                        "type": "paragraph",
                        "text": (
                            f"Đồng ý {figures['yes']}/{figures['eligible']} hộ, cần tối thiểu "
                            f"{figures['required_yes']} hộ: nội dung {verdict}."
                        ),
                    },
                ],
            },
        ]
        clusters = vote_selectors.cluster_table(current)
        if clusters is not None:
            # The clusters must still add up to the count the result rests on (a row edited since is caught).
            if not vote_selectors.clusters_match(
                clusters, by_option=figures["by_option"], participated=figures["participated"]
            ):
                raise fail("decisions.forms.cluster_mismatch")
            body.append(_ballot_clusters_section(clusters))
        leader = values["ballot_team"][0]
        signatures = [
            document_rules.minutes_signature(title="TỔ TRƯỞNG TỔ PHÁT PHIẾU", signer_name=leader),
            *[
                document_rules.minutes_signature(title="ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN", signer_name=name)
                for name in names
            ],
        ]
        commune = _commune_name(current)
        return _issue(
            vote=current,
            form=Decree59Form.BALLOT_MINUTES,
            kind=DocumentType.MINUTES,
            summary=f"Kiểm phiếu lấy ý kiến hộ gia đình: {current.title}",
            body=body,
            signatures=signatures,
            recipients=Recipients(copies=(f"UBND {commune}", f"Ủy ban MTTQ Việt Nam {commune}", "Lưu thôn")),
            figures={
                **figures,
                "ballots_issued": issued,
                "witnesses": names,
                "clusters": [
                    {"name": row.name, "issued": row.issued, "returned": row.returned, "counts": list(row.counts)}
                    for row in (clusters.rows if clusters is not None else ())
                ],
            },
            actor=actor,
            moment=moment,
        )


def _ballot_clusters_section(table: vote_selectors.ClusterTable) -> dict[str, Any]:
    """A campaign counted by residential cluster: a row per cluster and the village total (their sum)."""
    header = ["Cụm", "Phát ra", "Thu về", *[option.label for option in table.options]]
    rows = [[row.name, str(row.issued), str(row.returned), *[str(count) for count in row.counts]] for row in table.rows]
    total = table.total
    rows.append(["Cả thôn", str(total.issued), str(total.returned), *[str(count) for count in total.counts]])
    return {
        "type": "section",
        "title": "Kết quả kiểm phiếu theo cụm dân cư",
        "children": [
            {"type": "table", "header": header, "rows": rows, "widths": [3, 1, 1, *([1] * len(table.options))]},
            {
                "type": "paragraph",
                "text": "Kết quả cả thôn là tổng kết quả các cụm; tỷ lệ thông qua tính trên tổng số hộ của cả thôn.",
            },
        ],
    }


# ---------------------------------------------------------------------------------------------
# The ballot plan ([ND59] art. 4(2))
# ---------------------------------------------------------------------------------------------


def ballot_plan_send(
    *, vote: CommunityVote, sent_on: dt.date, actor: Any, now: dt.datetime | None = None
) -> CommunityVote:
    """Record that the ballot plan reached the commune Chair and the commune Front chair (due ≤ 2 days after issue)."""
    moment = now or clock.now()
    with transaction.atomic():
        current = locked(vote)
        _require_runner(current, actor, local_date(moment))
        if current.form != VoteForm.HOUSEHOLD_BALLOT:
            raise fail("decisions.ballot_plan.not_ballot")
        if current.plan_issued_on is None:
            raise fail("decisions.ballot_plan.not_issued")
        if current.plan_sent_on is not None:
            raise fail("decisions.ballot_plan.already_sent")
        refuse(
            rules.check_ballot_plan_sent(sent_on=sent_on, issued_on=current.plan_issued_on, today=local_date(moment))
        )
        due = rules.ballot_plan_due(current.plan_issued_on, calendar_selectors.working_calendar())
        current.plan_sent_on = sent_on
        current.save(update_fields=["plan_sent_on", "updated_at"])
        audit_record(
            code="decisions.vote.ballot_plan_sent",
            actor=actor,
            unit=current.unit_id,
            obj=current,
            after={"sent_on": sent_on, "due": due, "late": sent_on > due},
            now=moment,
        )
    return current


# ---------------------------------------------------------------------------------------------
# Law art. 22: revoking, amending or replacing a community decision
# ---------------------------------------------------------------------------------------------


def _decision_facts(vote: CommunityVote) -> dict[str, object]:
    return {
        "unit": vote.unit_id,
        "matter": vote.matter,
        "scope": vote.scope,
        "form": vote.form,
        "threshold": vote_selectors.vote_threshold(vote).value,
        "passed": bool(vote.passed) and vote.status in (VoteStatus.CLOSED, VoteStatus.SUBMITTED, VoteStatus.RECOGNISED),
        "voted_on": local_date(vote.starts_at),
    }


def decision_revoke(
    *,
    vote: CommunityVote,
    ground: str,
    kind: str,
    reason: str,
    actor: Any,
    replacement: CommunityVote | None = None,
    now: dt.datetime | None = None,
) -> DecisionRevocation:
    """Revoke, amend or replace a community decision ([L] art. 22); the original stays, linked to what replaced it.

    Unlawful or procedural grounds: the commune People's Committee acts, and its decision is issued and sent
    to the village head and the Front. The community's wish, and every amendment or replacement: a new vote
    on the same matter, in the same community, by the same form and threshold, that passed.
    """
    moment = now or clock.now()
    today = local_date(moment)
    if not reason.strip():
        raise fail("decisions.revocation.reason_required")
    with transaction.atomic():
        current = locked(vote)
        commune = current.unit if current.scope == "commune" else unit_selectors.commune_of(current.unit)
        by_committee = commune is not None and may(actor, Action.ACT_FOR_PEOPLES_COMMITTEE, commune, today)
        if not by_committee and not may_run(actor, current, today):
            raise fail("decisions.revocation.not_authorised")
        facts = _decision_facts(current)
        in_force = bool(facts["passed"]) and not DecisionRevocation.objects.filter(original=current).exists()
        new_vote = CommunityVote.objects.select_for_update().get(pk=replacement.pk) if replacement else None
        refuse(
            rules.check_revocation(
                ground=ground,
                kind=kind,
                original_in_force=in_force,
                by_committee=by_committee,
                replacement=_decision_facts(new_vote) if new_vote else None,
                original=facts,
            )
        )
        document_id = None
        if by_committee and commune is not None:
            document_id = _revocation_decision_issue(current, commune, kind, reason, actor, moment).pk
        try:
            with transaction.atomic():
                revocation = DecisionRevocation.objects.create(
                    original=current,
                    replacement=new_vote,
                    ground=ground,
                    kind=kind,
                    reason=reason.strip(),
                    decided_on=today,
                    decided_by=actor,
                    document_id_value=document_id,
                )
        except IntegrityError as error:  # revoked twice, or the new vote already replaces another decision
            raise fail("decisions.revocation.not_in_force") from error
        audit_record(
            code="decisions.vote.revoked",
            actor=actor,
            unit=current.unit_id,
            obj=current,
            after={
                "ground": ground,
                "kind": kind,
                "reason": revocation.reason,
                "replacement": getattr(new_vote, "pk", None),
                "document": document_id,
            },
            now=moment,
        )
    return revocation


def committee_signature(printed: Any, actor: Any, commune: Any, on: dt.date) -> SignatureBlock:
    """The People's Committee's signature by who signs: the chair as "CHỦ TỊCH", a vice chair as
    "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" ([VT] art. 13; law.md §4.4 "signing authority")."""
    from grassroots.accounts.models import Role, RoleMembership

    roles = set(
        RoleMembership.objects.active_on(on)
        .filter(user_id=int(getattr(actor, "pk", 0) or 0), unit=commune)
        .values_list("role", flat=True)
    )
    if Role.COMMUNE_VICE_CHAIR in roles and Role.COMMUNE_CHAIR not in roles:
        return document_rules.signature_block(
            issuer=printed,
            signer_role=Role.COMMUNE_VICE_CHAIR,
            signer_name=str(actor),
            authority=document_rules.Authority.DEPUTY,
            head_title=printed.head_title or "CHỦ TỊCH",
        )
    return document_rules.signature_block(issuer=printed, signer_role=Role.COMMUNE_CHAIR, signer_name=str(actor))


def _revocation_decision_issue(
    vote: CommunityVote, commune: Any, kind: str, reason: str, actor: Any, moment: dt.datetime
) -> Document:
    """The People's Committee's decision under [L] art. 22(2), sent to the village head and the Front."""
    verb = {"revoke": "Hủy bỏ", "amend": "Yêu cầu sửa đổi", "replace": "Thay thế"}[kind]
    printed = issuing_body_for(commune, body=IssuingBodyKind.PEOPLE_COMMITTEE)
    body = [
        {"type": "article", "text": f"{verb} quyết định của cộng đồng dân cư {vote.unit.name}: {vote.title}."},
        {"type": "article", "text": f"Lý do: {reason.strip()}"},
        {
            "type": "article",
            "text": f"Trưởng {vote.unit.name} thông báo đến Nhân dân; Ủy ban MTTQ Việt Nam xã giám sát thực hiện./.",
        },
    ]
    return document_issue(
        kind=DocumentType.DECISION,
        issuer=commune,
        summary=f"Về việc {verb.lower()} quyết định của cộng đồng dân cư {vote.unit.name}",
        body=body,
        signer=committee_signature(printed, actor, commune, clock.localdate(moment)),
        recipients=Recipients(copies=(f"Trưởng {vote.unit.name}", "Ủy ban MTTQ Việt Nam xã"), archive_unit="VP"),
        legal_bases=(
            "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022",
            f"Căn cứ {DECREE_59}",
        ),
        enacting_authority=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.name.upper()}",
        enacting_word="QUYẾT ĐỊNH:",
        signer_user=actor,
        actor=actor,
        is_public=True,
        now=moment,
    )


# ---------------------------------------------------------------------------------------------
# One step from the phone: a ballot campaign or an online vote, prepared and announced
# ---------------------------------------------------------------------------------------------


def ballot_campaign_prepare(
    *,
    community: Any,
    matter: str,
    title: str,
    question: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    notice_given_at: dt.datetime,
    plan_issued_on: dt.date,
    team: Sequence[str],
    actor: Any,
    is_secret: bool = False,
    now: dt.datetime | None = None,
) -> CommunityVote:
    """A household-ballot campaign with its team (3–5, the first leads) and its plan, announced: all or nothing.

    [L] art. 19; [ND59] art. 4. The form matrix (``vote_create``) refuses ballots where the law wants a meeting.
    """
    from grassroots.voting.services.lifecycle import vote_create, vote_officer_add, vote_schedule

    moment = now or clock.now()
    names = [name.strip() for name in team if name.strip()]
    with transaction.atomic():
        vote = vote_create(
            unit=community,
            matter=matter,
            form=VoteForm.HOUSEHOLD_BALLOT,
            title=title,
            question=question,
            starts_at=starts_at,
            ends_at=ends_at,
            is_secret=is_secret,
            convenor_role="village_head",
            actor=actor,
            now=moment,
        )
        for index, name in enumerate(names):
            vote_officer_add(
                vote=vote, role=OfficerRole.BALLOT_TEAM, full_name=name, is_leader=index == 0, actor=actor, now=moment
            )
        return vote_schedule(
            vote=vote, notice_given_at=notice_given_at, plan_issued_on=plan_issued_on, actor=actor, now=moment
        )


def online_vote_prepare(
    *,
    community: Any,
    title: str,
    question: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    notice_given_at: dt.datetime,
    team: Sequence[str],
    front_head: Any,
    agreed_on: dt.date,
    actor: Any,
    is_secret: bool = False,
    now: dt.datetime | None = None,
) -> CommunityVote:
    """An online D6 vote with its team, the recorded agreement of the village head and the Front work-committee
    head, announced: all or nothing ([L] art. 17(1)(c); [ND59] art. 5)."""
    from grassroots.voting.services.lifecycle import (
        online_agreement_record,
        vote_create,
        vote_officer_add,
        vote_schedule,
    )

    moment = now or clock.now()
    names = [name.strip() for name in team if name.strip()]
    with transaction.atomic():
        vote = vote_create(
            unit=community,
            matter="D6",
            form=VoteForm.ONLINE,
            title=title,
            question=question,
            starts_at=starts_at,
            ends_at=ends_at,
            is_secret=is_secret,
            convenor_role="village_head",
            actor=actor,
            now=moment,
        )
        for index, name in enumerate(names):
            vote_officer_add(
                vote=vote, role=OfficerRole.ONLINE_TEAM, full_name=name, is_leader=index == 0, actor=actor, now=moment
            )
        online_agreement_record(
            vote=vote, village_head=actor, front_head=front_head, agreed_on=agreed_on, actor=actor, now=moment
        )
        return vote_schedule(vote=vote, notice_given_at=notice_given_at, actor=actor, now=moment)
