"""Plans and reports as official papers in the Decree 30/2020 layout, through ``documents.document_issue``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.accounts.models import Role
from grassroots.documents import rules as document_rules
from grassroots.documents.models import Document, DocumentType
from grassroots.documents.selectors import issuing_body_for
from grassroots.documents.services import document_issue
from grassroots.documents.spec import DocumentSpec, Recipients, SignatureBlock
from grassroots.plans import rules
from grassroots.plans.models import Plan, PlanItem, PlanReport
from grassroots.units.models import UnitLevel


def _item_node(item: PlanItem, children: dict[int | None, list[PlanItem]]) -> dict[str, Any]:
    lines = [item.text] if item.text else []
    if item.lead:
        lines.append("Chủ trì: " + "; ".join(item.lead) + ".")
    if item.coordinating:
        lines.append("Phối hợp: " + "; ".join(item.coordinating) + ".")
    if item.schedule:
        lines.append("Thời gian thực hiện: " + item.schedule + ".")
    nested = [_item_node(child, children) for child in children.get(item.pk, [])]
    if item.ref[:1].isalpha() and item.ref[:1].islower():
        return {"type": "lettered", "text": " ".join([item.title, *lines]), "children": nested}
    return {"type": "item", "title": item.title, "text": "\n".join(lines), "children": nested}


def plan_body(plan: Plan) -> list[dict[str, Any]]:
    children: dict[int | None, list[PlanItem]] = {}
    for item in plan.items.order_by("position"):
        children.setdefault(item.parent_id, []).append(item)
    body: list[dict[str, Any]] = []
    for section in children.get(None, []):
        nodes = [_item_node(child, children) for child in children.get(section.pk, [])]
        nodes += [{"type": "bullet", "text": target} for target in section.targets]
        body.append({"type": "section", "title": section.title, "text": section.text, "children": nodes})
    return body


def _legal_bases(plan: Plan) -> list[str]:
    bases = []
    for reference in plan.legal_references:
        text = f"Căn cứ {reference.get('kind')}"
        if reference.get("number"):
            text += f" số {reference['number']}"
        if reference.get("date"):
            day = dt.date.fromisoformat(reference["date"])
            text += f" ngày {day.day:02d}/{day.month:02d}/{day.year}"
        bases.append(text + ";")
    return bases


def _signature(plan_or_unit_signer: Plan | None, issuer: Any, actor: Any) -> SignatureBlock:
    if plan_or_unit_signer is not None and plan_or_unit_signer.signer_name:
        lines = tuple(
            line for line in (plan_or_unit_signer.signer_authority, plan_or_unit_signer.signer_position) if line
        )
        authority = (
            plan_or_unit_signer.signer_authority.split(".", 1)[0] if plan_or_unit_signer.signer_authority else ""
        )
        return SignatureBlock(lines=lines, signer_name=plan_or_unit_signer.signer_name, authority=authority)
    printed = issuing_body_for(issuer)
    name = str(getattr(actor, "full_name", "") or actor.get_username())
    return document_rules.signature_block(
        issuer=printed, signer_role=Role.COMMUNE_CHAIR, signer_name=name, authority="TM"
    )


def plan_document_issue(*, plan: Plan, actor: Any, now: dt.datetime) -> Document:
    return document_issue(
        kind=DocumentType.PLAN,
        issuer=plan.unit,
        summary=plan.title,
        body=plan_body(plan),
        signer=_signature(plan, plan.unit, actor),
        recipients=Recipients(copies=tuple(plan.recipients) or (plan.unit.name,), archive_unit="VT"),
        legal_bases=_legal_bases(plan),
        signer_user=actor,
        actor=actor,
        now=now,
    )


def report_body(report: PlanReport) -> list[dict[str, Any]]:
    figures = report.figures.get("items", [])
    values = {item["key"]: item["value"] for item in figures}
    rows = []
    for number, item in enumerate(figures, start=1):
        share = rules.percent(item["value"], values.get(item["part_of"], 0)) if item["part_of"] else None
        rows.append([str(number), item["label"], str(item["value"]), f"{share}%" if share is not None else ""])
    period = f"từ ngày {report.starts_on:%d/%m/%Y} đến ngày {report.ends_on:%d/%m/%Y}"
    narrative = [{"type": "paragraph", "text": part} for part in report.narrative.split("\n") if part.strip()]
    return [
        {
            "type": "section",
            "title": "Kết quả thực hiện dân chủ ở cơ sở",
            "text": f"Số liệu tổng hợp từ nền tảng thực hiện dân chủ ở cơ sở, {period}.",
            "children": [
                {
                    "type": "table",
                    "header": ["TT", "Chỉ tiêu", "Số lượng", "Tỷ lệ"],
                    "rows": rows or [["", "Không có số liệu", "", ""]],
                    "widths": [0.6, 5.0, 1.4, 1.2],
                }
            ],
        },
        {
            "type": "section",
            "title": "Đánh giá chung, khó khăn, vướng mắc và kiến nghị",
            "children": narrative or [{"type": "paragraph", "text": "Không có."}],
        },
    ]


def report_document_issue(*, report: PlanReport, actor: Any, now: dt.datetime) -> Document:
    unit = report.unit
    upper = unit.parent
    addressee = upper.name if upper is not None and upper.level != UnitLevel.COMMUNITY else ""
    label = "6 tháng đầu năm" if report.period == "semiannual" else "năm"
    return document_issue(
        kind=DocumentType.REPORT,
        issuer=unit,
        summary=f"Kết quả thực hiện dân chủ ở cơ sở {label} {report.year}",
        body=report_body(report),
        signer=_signature(None, unit, actor),
        recipients=Recipients(
            addressees=(f"Ủy ban nhân dân {addressee}",) if addressee else (), copies=(unit.name,), archive_unit="VT"
        ),
        legal_bases=["Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10/11/2022;"],
        signer_user=actor,
        actor=actor,
        now=now,
    )


def _percent_text(value: float | None) -> str:
    return "–" if value is None else f"{value}%"


def scorecard_spec(
    *,
    province: Any,
    headings: list[dict[str, Any]],
    rows: list[Any],
    trend: list[Any],
    period: str,
    year: int,
    today: dt.date,
    signer_name: str,
) -> DocumentSpec:
    """The province scorecard as a report in the Decree 30 layout (an unnumbered working copy, rendered by
    ``documents.rendering.render_spec``; not issued, signed by the officer who exports it for review): who
    reported, each commune's shares, the province's trend."""
    from grassroots.plans.selectors import report_window

    window = report_window(province, period, year)
    label = "6 tháng đầu năm" if period == "semiannual" else "năm"
    reported = [
        [
            str(number),
            row.unit.name,
            row.report_label or "Chưa báo cáo",
            "Chậm" if row.report_late else "Đúng hạn",
        ]
        for number, row in enumerate(rows, start=1)
    ]
    per_commune: list[dict[str, Any]] = []
    for row in rows:
        per_commune.append({"type": "paragraph", "text": row.unit.name})
        per_commune.append(
            {
                "type": "table",
                "header": ["Chỉ tiêu", "Số việc", "Tỷ lệ"],
                "rows": [
                    [
                        str(heading["label"]),
                        str(row.figures.get(heading["key"], 0)),
                        _percent_text(row.percents.get(heading["key"])),
                    ]
                    for heading in headings
                ]
                or [["Không có số liệu", "", ""]],
                "widths": [5.6, 1.3, 1.3],
            }
        )
    years = [str(past.year) for past in trend]
    trend_rows = [
        [str(heading["label"]), *[_percent_text(past.percents.get(heading["key"])) for past in trend]]
        for heading in headings
    ]
    width = round(4.4 / max(len(years), 1), 2)
    issuer = issuing_body_for(province)
    return DocumentSpec(
        kind=DocumentType.REPORT,
        issuer=issuer,
        summary=f"Bảng điểm thực hiện dân chủ ở cơ sở {label} {year}",
        body=[
            {
                "type": "section",
                "title": "Tình hình gửi báo cáo của các xã, phường",
                "text": f"Số liệu từ ngày {window.starts_on:%d/%m/%Y} đến ngày {window.ends_on:%d/%m/%Y}, "
                f"tổng hợp ngày {today:%d/%m/%Y}.",
                "children": [
                    {
                        "type": "table",
                        "header": ["TT", "Xã, phường", "Báo cáo", "Thời hạn"],
                        "rows": reported or [["", "Chưa có xã, phường nào", "", ""]],
                        "widths": [0.6, 3.6, 2.6, 1.4],
                    }
                ],
            },
            {"type": "section", "title": "Tỷ lệ theo từng xã, phường", "children": per_commune},
            {
                "type": "section",
                "title": "Xu hướng toàn tỉnh qua các kỳ",
                "children": [
                    {
                        "type": "table",
                        "header": ["Chỉ tiêu", *years],
                        "rows": trend_rows or [["Không có số liệu", *["" for _year in years]]],
                        "widths": [3.8, *[width for _year in years]],
                    }
                ],
            },
        ],
        signatures=(
            document_rules.signature_block(
                issuer=issuer, signer_role=Role.COMMUNE_CHAIR, signer_name=signer_name, authority="TM"
            ),
        ),
        recipients=Recipients(copies=(province.name,), archive_unit="VT"),
    )


def scorecard_docx(**kwargs: Any) -> bytes:
    """The scorecard document (``scorecard_spec``) as DOCX."""
    from grassroots.documents.rendering import render_spec

    return render_spec(scorecard_spec(**kwargs), "docx")
