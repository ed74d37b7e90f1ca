"""The summary and explanation report (báo cáo tổng hợp, tiếp thu, giải trình ý kiến Nhân dân), [L] art. 28(3).

Built from the stored opinions and issued through ``documents.document_issue`` (Decree 30/2020 layout);
``services.consultation_complete`` publishes it as disclosure item K11. The report is an official paper,
so its text is Vietnamese whatever the viewer's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.urls import reverse

from grassroots.accounts.models import Role
from grassroots.consultations import rules
from grassroots.consultations.models import Consultation, Disposition, Opinion, OpinionChannel, OpinionStance
from grassroots.core import clock
from grassroots.documents import rules as document_rules
from grassroots.documents.models import Document, DocumentType, IssuingBodyKind
from grassroots.documents.selectors import issuing_body_for
from grassroots.documents.services import DEFAULT_PUBLIC_URL, document_issue
from grassroots.documents.spec import Recipients

LEGAL_BASES = ("Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022",)


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "…"


def _counts(consultation: Consultation, field: str) -> dict[str, int]:
    rows = (
        Opinion.objects.filter(consultation=consultation, is_hidden=False)
        .values(field)
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row[field]: row["count"] for row in rows}


REPORT_OPINION_ROWS = 500
"""Up to this many visible opinions the report lists each one with its answer; above it, the report summarises
(not a legal number). [L] art. 28(3) asks the commune to summarise the opinions and explain what it accepted;
every opinion's own answer is published on the consultation's public page in any case. A paper of 20,000 rows
(some 2,000 pages) took minutes to render and nobody reads it (bench/bench_consultations.py ``report_pdf``)."""

REPORT_ANSWER_ROWS = 300
"""In the summarised report, the most frequent distinct answers listed (the rest are counted and published on
the public page; not a legal number)."""


def public_page_url(consultation: Consultation) -> str:
    """The absolute address of the public page that lists every opinion with its answer."""
    base = str(getattr(settings, "GRASSROOTS_PUBLIC_URL", "") or DEFAULT_PUBLIC_URL).rstrip("/")
    return base + reverse("consultations:public_detail", args=[consultation.pk])


def _result_counts(rows: list[tuple[Any, ...]]) -> list[str]:
    counts = dict.fromkeys(Disposition.values, 0)
    for disposition, count in rows:
        counts[disposition] = counts.get(disposition, 0) + count
    return [str(counts[code]) for code in Disposition.values]


def _article_table(consultation: Consultation) -> dict[str, Any]:
    """Per article: opinions received and how they were answered (one grouped query)."""
    per_article: dict[tuple[int, str], list[tuple[str, int]]] = {}
    rows = (
        Opinion.objects.filter(consultation=consultation, is_hidden=False)
        .values_list("section__position", "section__heading", "disposition")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for position, heading, disposition, count in rows:
        per_article.setdefault((position or 0, heading or "Chung"), []).append((disposition, count))
    table_rows = [
        [heading, str(sum(count for _disposition, count in answers)), *_result_counts(answers)]
        for (_position, heading), answers in sorted(per_article.items())
    ]
    return {
        "type": "table",
        "header": ["Phần, điều", "Số ý kiến", "Tiếp thu", "Tiếp thu một phần", "Không tiếp thu"],
        "rows": table_rows,
        "widths": [4, 2, 2, 2, 2],
    }


def _every_opinion(consultation: Consultation) -> list[dict[str, Any]]:
    """Each visible opinion with its answer, in the order of the draft."""
    # Plain tuples, not model instances: the table is built in one pass.
    visible = (
        Opinion.objects.filter(consultation=consultation, is_hidden=False)
        .order_by("section__position", "pk")
        .values_list("section__heading", "group__title", "text", "disposition", "explanation")
    )
    labels = {code: str(label) for code, label in Disposition.choices}
    rows = [
        [
            str(number),
            heading or "Chung",
            text + (f" (nhóm: {group})" if group else ""),
            labels.get(disposition, ""),
            explanation,
        ]
        for number, (heading, group, text, disposition, explanation) in enumerate(visible, start=1)
    ]
    if not rows:
        return []
    return [
        {
            "type": "table",
            "header": ["TT", "Phần, điều", "Ý kiến", "Kết quả", "Giải trình"],
            "rows": rows,
            "widths": [1, 2, 5, 2, 5],
        }
    ]


def _answers_summary(consultation: Consultation, total: int) -> list[dict[str, Any]]:
    """The answers given, each once with how many opinions it answered (opinions of a group, or opinions on the
    same article answered alike), the most frequent first; and where every opinion's own answer is published."""
    answers = (
        Opinion.objects.filter(consultation=consultation, is_hidden=False)
        .values_list("section__position", "section__heading", "group__title", "disposition", "explanation")
        .annotate(count=Count("pk"))
        .order_by("-count", "section__position", "group__title", "disposition", "explanation")
    )
    listed = list(answers[:REPORT_ANSWER_ROWS])
    labels = {code: str(label) for code, label in Disposition.choices}
    rows = [
        [
            heading or "Chung",
            f"Nhóm ý kiến: {group}" if group else ("Các ý kiến được trả lời như nhau" if count > 1 else "Ý kiến riêng"),
            str(count),
            labels.get(disposition, ""),
            explanation,
        ]
        for _position, heading, group, disposition, explanation, count in sorted(
            listed, key=lambda row: (row[0] or 0, -row[5])
        )
    ]
    shown = sum(row[5] for row in listed)
    blocks: list[dict[str, Any]] = [
        {
            "type": "paragraph",
            "text": (
                f"Do số ý kiến lớn ({total} ý kiến), báo cáo tổng hợp theo từng phần, điều và theo nội dung tiếp "
                "thu, giải trình; toàn văn từng ý kiến và nội dung tiếp thu, giải trình đối với từng ý kiến được "
                f"công khai tại {public_page_url(consultation)}."
            ),
        },
        _article_table(consultation),
    ]
    if rows:
        blocks.append(
            {
                "type": "table",
                "header": ["Phần, điều", "Ý kiến", "Số ý kiến", "Kết quả", "Giải trình"],
                "rows": rows,
                "widths": [2, 4, 1, 2, 5],
            }
        )
    if shown < total:
        blocks.append(
            {
                "type": "paragraph",
                "text": f"{total - shown} ý kiến khác được trả lời riêng, công khai tại trang nêu trên.",
            }
        )
    return blocks


def report_body(consultation: Consultation) -> list[dict[str, Any]]:
    """Sections I–IV: how it was run, what was said, what was accepted and why not, what was decided.

    Up to ``REPORT_OPINION_ROWS`` visible opinions, section III lists each with its answer; above, it summarises
    (per article, then each distinct answer once with its count) and points to the public page."""
    hidden = Opinion.objects.filter(consultation=consultation, is_hidden=True).count()
    by_channel = _counts(consultation, "channel")
    by_stance = _counts(consultation, "stance")
    by_disposition = _counts(consultation, "disposition")
    total = sum(by_stance.values())
    matter = rules.COMMUNE_MATTERS[consultation.matter]
    forms = ", ".join(
        str(OpinionChannel(code).label) for code in consultation.forms_used if code in OpinionChannel.values
    )
    organisation: list[dict[str, Any]] = [
        {"type": "bullet", "text": f"Nội dung lấy ý kiến: {consultation.get_matter_display()} ({matter.citation})."},
        {
            "type": "bullet",
            "text": (
                f"Kế hoạch gửi Hội đồng nhân dân ngày {_day(consultation.plan_sent_to_council_on)}, "
                f"gửi Ủy ban Mặt trận Tổ quốc Việt Nam ngày {_day(consultation.plan_sent_to_front_on)}."
            ),
        },
        {
            "type": "bullet",
            "text": (
                f"Thời gian lấy ý kiến: từ ngày {_day(consultation.published_on)} đến hết ngày "
                f"{_day(consultation.closes_on)} (tối thiểu {rules.MIN_CONSULTATION_DAYS_COMMUNE} ngày)."
            ),
        },
    ]
    if forms:
        organisation.append({"type": "bullet", "text": f"Hình thức: {forms}."})
    channel_rows = [[str(OpinionChannel(code).label), str(count)] for code, count in sorted(by_channel.items())]
    summary: list[dict[str, Any]] = [
        {
            "type": "paragraph",
            "text": (
                f"Tổng số ý kiến: {total} (đồng ý {by_stance.get(OpinionStance.AGREE, 0)}, "
                f"không đồng ý {by_stance.get(OpinionStance.DISAGREE, 0)}, "
                f"góp ý sửa đổi, bổ sung {by_stance.get(OpinionStance.SUGGESTION, 0)}); "
                f"{hidden} ý kiến không xem xét vì vi phạm quy định hoặc trùng lặp, có ghi lý do."
            ),
        },
    ]
    if channel_rows:
        summary.append({"type": "table", "header": ["Hình thức", "Số ý kiến"], "rows": channel_rows, "widths": [5, 2]})
    explanation: list[dict[str, Any]] = [
        {
            "type": "paragraph",
            "text": (
                f"Tiếp thu {by_disposition.get(Disposition.ACCEPTED, 0)}, tiếp thu một phần "
                f"{by_disposition.get(Disposition.PARTLY_ACCEPTED, 0)}, không tiếp thu "
                f"{by_disposition.get(Disposition.NOT_ACCEPTED, 0)} ý kiến."
            ),
        }
    ]
    if total > REPORT_OPINION_ROWS:
        explanation.extend(_answers_summary(consultation, total))
    else:
        explanation.extend(_every_opinion(consultation))
    decision: list[dict[str, Any]] = [{"type": "paragraph", "text": consultation.final_decision}]
    if consultation.against_majority:
        decision.append(
            {
                "type": "paragraph",
                "text": f"Quyết định khác với ý kiến của đa số. Lý do: {consultation.majority_justification}",
            }
        )
    affected = [
        {
            "type": "bullet",
            "text": (
                f"{person.full_name}: thông báo ngày {_day(person.notified_on)}; "
                + (
                    "không yêu cầu trình bày ý kiến."
                    if person.declined
                    else f"trình bày ngày {_day(person.heard_on)}: {person.views}"
                )
            ),
        }
        for person in consultation.affected_people.all()
    ]
    if affected:
        organisation.append(
            {"type": "item", "title": "Người bị ảnh hưởng (Điều 27 Luật)", "text": "", "children": affected}
        )
    return [
        {"type": "section", "title": "Tình hình tổ chức lấy ý kiến", "children": organisation},
        {"type": "section", "title": "Tổng hợp ý kiến", "children": summary},
        {"type": "section", "title": "Tiếp thu, giải trình", "children": explanation},
        {"type": "section", "title": "Quyết định", "children": decision},
    ]


def disclosure_body(consultation: Consultation) -> str:
    """The short text of the K11 disclosure; the full report is attached."""
    text = f"{consultation.final_decision}"
    if consultation.against_majority:
        text += f"\n\nQuyết định khác với ý kiến của đa số. Lý do: {consultation.majority_justification}"
    return text


def report_issue(*, consultation: Consultation, actor: Any, now: dt.datetime | None = None) -> Document:
    """Issue the report in the commune People's Committee's name, signed by the Chair (audited in ``documents``)."""
    moment = now or clock.now()
    commune = consultation.commune
    printed = issuing_body_for(commune, body=IssuingBodyKind.PEOPLE_COMMITTEE)
    signer_name = str(getattr(actor, "full_name", "") or actor.get_username())
    return document_issue(
        kind=DocumentType.REPORT,
        issuer=commune,
        summary=f"Tổng hợp, tiếp thu, giải trình ý kiến Nhân dân về {consultation.title}",
        body=report_body(consultation),
        signer=document_rules.signature_block(
            issuer=printed, signer_role=Role.COMMUNE_CHAIR, signer_name=signer_name, authority="TM"
        ),
        recipients=Recipients(
            addressees=(f"Hội đồng nhân dân {commune.name}", f"Ủy ban Mặt trận Tổ quốc Việt Nam {commune.name}"),
            copies=("Các thôn, tổ dân phố (để niêm yết)",),
            archive_unit="VP",
        ),
        legal_bases=LEGAL_BASES,
        signer_user=actor,
        actor=actor,
        is_public=True,
        now=moment,
    )


def decision_issue(
    *, consultation: Consultation, affected: list[Any], actor: Any, now: dt.datetime | None = None
) -> Document:
    """The C8 decision signed by the Chair: its articles cite the explanation report filed with it and name the
    citizens informed and heard ([L] art. 27). Not public: it concerns named citizens."""
    moment = now or clock.now()
    commune = consultation.commune
    printed = issuing_body_for(commune, body=IssuingBodyKind.PEOPLE_COMMITTEE)
    signer_name = str(getattr(actor, "full_name", "") or actor.get_username())
    report = consultation.report_document
    assert report is not None
    heard = "; ".join(person.full_name for person in affected)
    articles = [
        consultation.final_decision,
        f"Báo cáo tổng hợp, tiếp thu, giải trình ý kiến số {report.number_label} ngày {_day(report.issued_on)} "
        "được gửi kèm Quyết định này và gửi đến người có liên quan.",
        f"Quyết định này có hiệu lực kể từ ngày ký. Người có liên quan: {heard}.",
    ]
    return document_issue(
        kind=DocumentType.DECISION,
        issuer=commune,
        summary=consultation.title,
        body=[{"type": "article", "text": text} for text in articles],
        signer=document_rules.signature_block(
            issuer=printed, signer_role=Role.COMMUNE_CHAIR, signer_name=signer_name, authority="TM"
        ),
        recipients=Recipients(copies=(heard, "Ủy ban MTTQ Việt Nam xã"), archive_unit="VP"),
        legal_bases=(*LEGAL_BASES, "Căn cứ ý kiến của người có liên quan và báo cáo tiếp thu, giải trình"),
        enacting_authority=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.name.upper()}",
        enacting_word="QUYẾT ĐỊNH:",
        signer_user=actor,
        actor=actor,
        now=moment,
    )


def higher_disclosure_body(consultation: Consultation) -> str:
    """The K11 text of a higher authority's decision, with its explanation when it goes against the majority."""
    text = (
        f"Sau khi nhận báo cáo tổng hợp ý kiến Nhân dân ngày {_day(consultation.sent_up_on)}, "
        f"{consultation.higher_authority} đã quyết định ngày {_day(consultation.higher_decided_on)}:\n\n"
        f"{consultation.higher_decision}"
    )
    if consultation.higher_against_majority:
        text += (
            f"\n\nQuyết định khác với ý kiến của đa số. Giải trình của cấp trên: {consultation.higher_justification}"
        )
    return text


def report_pdf(document: Document) -> bytes:
    """The issued report's PDF, to attach to the K11 disclosure."""
    with document.pdf_file.open("rb") as handle:
        content: bytes = handle.read()
    return content


PLAN_SIGNER_ROLES = (Role.COMMUNE_CHAIR, Role.COMMUNE_VICE_CHAIR)
"""Who signs the plan for the People's Committee: the Chair, or a Vice-Chair on the Chair's behalf (KT.)."""


def plan_signer(consultation: Consultation, actor: Any, on: dt.date) -> tuple[Any, str] | None:
    """The person who signs the plan and their role: the actor when they are the Chair or a Vice-Chair of the
    commune on ``on``, otherwise the Chair (an officer prepares and issues the paper in the Chair's name);
    ``None`` when the commune has no Chair on record."""
    from grassroots.accounts.models import RoleMembership

    held = RoleMembership.objects.active_on(on).filter(unit_id=consultation.commune_id, role__in=PLAN_SIGNER_ROLES)
    own = held.filter(user_id=actor.pk).order_by("role", "pk").first() if actor.pk is not None else None
    if own is not None:
        return actor, own.role
    chair = held.filter(role=Role.COMMUNE_CHAIR).select_related("user").order_by("pk").first()
    return (chair.user, chair.role) if chair is not None else None


def plan_body(consultation: Consultation) -> list[dict[str, Any]]:
    """Sections I–IV of the consultation plan ([L] art. 28(1)): content, forms, timeline, owner."""
    matter = rules.COMMUNE_MATTERS[consultation.matter]
    forms = [str(OpinionChannel(code).label) for code in consultation.forms_used if code in OpinionChannel.values]
    content: list[dict[str, Any]] = [
        {"type": "paragraph", "text": f"Dự thảo: {consultation.title}."},
        {"type": "paragraph", "text": f"Nội dung lấy ý kiến: {consultation.get_matter_display()} ({matter.citation})."},
    ]
    if consultation.summary:
        content.append({"type": "paragraph", "text": consultation.summary})
    content.append({"type": "paragraph", "text": consultation.plan_content})
    timeline: list[dict[str, Any]] = [
        {
            "type": "paragraph",
            "text": (
                f"Dự kiến công bố dự thảo ngày {_day(consultation.opens_on)}; nhận ý kiến đến hết ngày "
                f"{_day(consultation.closes_on)} (tối thiểu {consultation.minimum_days} ngày kể từ ngày công bố)."
            ),
        },
        {"type": "paragraph", "text": consultation.plan_timeline},
    ]
    return [
        {"type": "section", "title": "NỘI DUNG LẤY Ý KIẾN", "children": content},
        {
            "type": "section",
            "title": "HÌNH THỨC LẤY Ý KIẾN",
            "children": [{"type": "bullet", "text": f"{label}."} for label in forms],
        },
        {"type": "section", "title": "THỜI GIAN, TIẾN ĐỘ", "children": timeline},
        {
            "type": "section",
            "title": "TỔ CHỨC THỰC HIỆN",
            "children": [
                {"type": "paragraph", "text": f"Chủ trì: {consultation.plan_owner}."},
                {
                    "type": "paragraph",
                    "text": (
                        "Kế hoạch này được gửi Hội đồng nhân dân xã và Ủy ban Mặt trận Tổ quốc Việt Nam xã để giám "
                        "sát; kết quả tổng hợp, tiếp thu, giải trình được công khai theo quy định."
                    ),
                },
            ],
        },
    ]


def plan_issue(
    *, consultation: Consultation, signer: Any, signer_role: str, actor: Any, now: dt.datetime | None = None
) -> Document:
    """Issue the consultation plan in the People's Committee's name, addressed to the commune People's Council and
    the commune Front Committee ([L] art. 28(1)); public, so residents see what is planned (audited in
    ``documents``)."""
    moment = now or clock.now()
    commune = consultation.commune
    printed = issuing_body_for(commune, body=IssuingBodyKind.PEOPLE_COMMITTEE)
    signer_name = str(getattr(signer, "full_name", "") or signer.get_username())
    return document_issue(
        kind=DocumentType.PLAN,
        issuer=commune,
        summary=f"Lấy ý kiến Nhân dân về {consultation.title}",
        body=plan_body(consultation),
        signer=document_rules.signature_block(
            issuer=printed, signer_role=signer_role, signer_name=signer_name, authority="TM"
        ),
        recipients=Recipients(
            addressees=(f"Hội đồng nhân dân {commune.name}", f"Ủy ban Mặt trận Tổ quốc Việt Nam {commune.name}"),
            archive_unit="VP",
        ),
        legal_bases=LEGAL_BASES,
        signer_user=signer,
        actor=actor,
        is_public=True,
        now=moment,
    )
