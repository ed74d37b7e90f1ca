"""A fund's official papers, issued through ``documents.document_issue`` (Decree 30/2020 layout).

- The receipt (phiếu báo đã nhận đóng góp): one entry, the household or donor, the amount, who recorded it.
- The household statement (thông báo số đã đóng góp của hộ): what the household owes under the decision, each
  payment with the amount still owed after it, the balance and status on the day of issue.

Issued in the name of the fund's unit (the village, or the commune's People's Committee for commune works),
signed by the village head (or the commune chair) with the treasurer. An official paper: its text is
Vietnamese whatever the viewer's language. Neither is public (``is_public=False``): a household statement
shows the household's own reduction, which the public ledger never shows ([L] art. 11(5); issue 18).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from grassroots.accounts.models import Role, RoleMembership
from grassroots.core import clock
from grassroots.documents import rules as document_rules
from grassroots.documents.models import Document, DocumentType
from grassroots.documents.selectors import issuing_body_for
from grassroots.documents.services import document_issue
from grassroots.documents.spec import Recipients, SignatureBlock
from grassroots.funds import rules, selectors
from grassroots.funds.models import Entry, EntryKind, Fund, InKindRate, Medium, Obligation, RateBasis
from grassroots.funds.rules import quantity_text
from grassroots.units.models import Household, UnitLevel

LEGAL_BASES = ("Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022",)
RECEIPT_SERIES = "quy"
"""Receipts and household statements are numbered in their own series of the unit's register, so that a
village collecting from 300 households does not fill its register of notices (Decree 30/2020 art. 15(1):
the issuer organises its numbering)."""


def money(value: int) -> str:
    return f"{value:,}".replace(",", ".") + " đồng"


def amount_text(medium: str, amount: int) -> str:
    if medium == Medium.LABOUR:
        return f"{amount} ngày công"
    return money(amount)


def in_kind_rate_text(rate: InKindRate) -> str:
    """ "2 bao 50 kg xi măng PCB40 mỗi hộ (quy ra 90.000 đồng mỗi bao 50 kg)" """
    per: dict[str, str] = {
        RateBasis.PER_HOUSEHOLD: "mỗi hộ",
        RateBasis.PER_PERSON: "mỗi nhân khẩu",
        RateBasis.PER_AREA: "mỗi m²",
    }
    if rate.quantity is None:
        return f"{rate.item} (chưa định lượng)"
    text = f"{quantity_text(rate.quantity)} {rate.unit} {rate.item} {per.get(rate.basis, '')}".strip()
    if rate.value_per_unit is not None:
        text += f" (quy ra {money(rate.value_per_unit)} mỗi {rate.unit})"
    return text


def in_kind_due_text(rate: InKindRate, quantity: Decimal, value: int | None) -> str:
    text = f"{quantity_text(quantity)} {rate.unit} {rate.item}"
    return text + (f" (quy ra {money(value)})" if value is not None else "")


def entry_amount_text(entry: Entry) -> str:
    """What one receipt gave: money, a quantity of a rate in kind (and its value), or labour days."""
    if entry.in_kind_rate_id is not None and entry.in_kind_rate is not None:
        rate = entry.in_kind_rate
        given = f"{quantity_text(entry.quantity)} {rate.unit} {rate.item}"
        if entry.medium == Medium.MONEY:
            return f"{money(entry.amount)} thay {given}"
        if entry.medium == Medium.MATERIALS:
            return f"{given} ({money(entry.amount)})"
        return given
    return amount_text(entry.medium, entry.amount)


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _chair_name(fund: Fund, on: dt.date) -> str:
    membership = (
        RoleMembership.objects.active_on(on)
        .filter(unit_id=fund.unit_id, role=Role.COMMUNE_CHAIR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is not None and membership.user.full_name:
        return str(membership.user.full_name)
    return fund.village_head_name


def _signatures(fund: Fund, on: dt.date) -> tuple[SignatureBlock, ...]:
    """The treasurer, then the village head (or the commune chair on behalf of the People's Committee)."""
    printed = issuing_body_for(fund.unit)
    if fund.unit.level == UnitLevel.COMMUNE:
        head = document_rules.signature_block(
            issuer=printed, signer_role=Role.COMMUNE_CHAIR, signer_name=_chair_name(fund, on), authority="TM"
        )
    else:
        head = document_rules.signature_block(
            issuer=printed, signer_role=Role.VILLAGE_HEAD, signer_name=fund.village_head_name
        )
    treasurer = document_rules.minutes_signature(title="Thủ quỹ", signer_name=fund.treasurer_name)
    return (treasurer, head)


def _household_label(household: Household) -> str:
    representative = household.representative
    parts = [f"Hộ {household.code}"]
    if representative is not None:
        parts.append(f"đại diện: {representative.full_name}")
    if household.address:
        parts.append(f"địa chỉ: {household.address}")
    return ", ".join(parts)


def _recipients(fund: Fund, addressee: str) -> Recipients:
    return Recipients(copies=(addressee, "Thủ quỹ (lưu cùng sổ thu, chi)"), archive_unit="")


def receipt_body(entry: Entry) -> list[dict[str, Any]]:
    fund = entry.fund
    if entry.kind == EntryKind.RECEIPT and entry.household is not None:
        payer = _household_label(entry.household)
    else:
        payer = entry.donor_name or "Nhà hảo tâm (không công khai tên)"
    what = "Điều chỉnh (ghi ngược)" if entry.is_reversal else str(EntryKind(entry.kind).label)
    rows = [
        ["Phiếu số", str(entry.number)],
        ["Loại", what],
        ["Người nộp", payer],
        ["Hình thức", str(Medium(entry.medium).label)],
        ["Số lượng", ("−" if entry.is_reversal else "") + entry_amount_text(entry)],
        ["Ngày thu", _day(entry.received_on)],
        ["Người ghi sổ", str(getattr(entry.recorded_by, "full_name", "") or entry.recorded_by)],
    ]
    if entry.description:
        rows.append(["Nội dung", entry.description])
    if entry.reason:
        rows.append(["Lý do điều chỉnh", entry.reason])
    return [
        {
            "type": "paragraph",
            "text": f"{fund.unit.name} xác nhận đã ghi vào sổ thu, chi của khoản đóng góp, quỹ “{fund.title}” "
            f"khoản sau:",
        },
        {"type": "table", "header": ["Nội dung", "Chi tiết"], "rows": rows, "widths": [2, 5]},
        {
            "type": "paragraph",
            "text": "Người nộp giữ phiếu này và đối chiếu trên trang công khai của quỹ. Phiếu đã ghi không sửa, "
            "không xóa; sai sót được điều chỉnh bằng một phiếu ghi ngược kèm lý do.",
        },
    ]


def receipt_issue(*, entry: Entry, actor: Any, now: dt.datetime) -> Document:
    fund = entry.fund
    payer = f"Hộ {entry.household.code}" if entry.household is not None else "Người ủng hộ"
    return document_issue(
        kind=DocumentType.NOTIFICATION_SLIP,
        issuer=fund.unit,
        summary=f"Xác nhận đã nhận đóng góp, phiếu số {entry.number}: {fund.title}",
        body=receipt_body(entry),
        signer=_signatures(fund, clock.localdate(now)),
        recipients=_recipients(fund, payer),
        legal_bases=LEGAL_BASES,
        signer_user=actor,
        actor=actor,
        series=RECEIPT_SERIES,
        now=now,
    )


def household_statement_body(fund: Fund, obligation: Obligation, on: dt.date) -> list[dict[str, Any]]:
    household = obligation.household
    line = selectors.household_lines(fund, household_id=household.pk)[0]
    rows = selectors.household_running_balance(fund, household.pk)
    due = [
        {"type": "bullet", "text": f"Mục đích: {fund.purpose}"},
        {
            "type": "bullet",
            "text": f"Mức đóng góp theo quyết định: {money(fund.rate_money)}"
            + f" ({str(fund.get_basis_display()).lower()}); số tính: {obligation.quantity}.",
        },
        *(
            {"type": "bullet", "text": "Mức đóng góp bằng hiện vật, ngày công: " + in_kind_rate_text(part.rate) + "."}
            for part in line.in_kind
        ),
    ]
    if obligation.reduction_percent:
        due.append(
            {
                "type": "bullet",
                "text": f"Hộ được {'miễn' if obligation.reduction_percent >= rules.FULL_REDUCTION_PERCENT else 'giảm'} "
                f"{obligation.reduction_percent}% theo quyết định "
                f"({str(obligation.get_reduction_category_display()).lower()}).",
            }
        )
    due.append({"type": "bullet", "text": f"Số phải nộp: {money(obligation.money_due)}."})
    due.extend(
        {"type": "bullet", "text": f"Phải góp: {in_kind_due_text(part.rate, part.quantity_due, part.value_due)}."}
        for part in line.in_kind
    )
    table_rows = [
        [
            str(entry.number),
            _day(entry.received_on),
            ("Điều chỉnh: " + entry.reason) if entry.is_reversal else str(Medium(entry.medium).label),
            ("−" if entry.is_reversal else "") + entry_amount_text(entry),
            money(left),
        ]
        for entry, left in rows
    ]
    payments: list[dict[str, Any]] = (
        [
            {
                "type": "table",
                "header": ["Phiếu", "Ngày", "Hình thức", "Số lượng", "Còn phải nộp"],
                "rows": table_rows,
                "widths": [1, 2, 3, 3, 3],
            }
        ]
        if table_rows
        else [{"type": "paragraph", "text": "Hộ chưa nộp lần nào."}]
    )
    status = {
        rules.PAID_IN_FULL: "đã nộp đủ",
        rules.PAID_PART: "đã nộp một phần",
        rules.NOT_PAID: "chưa nộp",
    }[line.status]
    summary = [
        {"type": "bullet", "text": f"Đã nộp: {money(line.money_paid)} (tiền)."},
        {"type": "bullet", "text": f"Còn phải nộp: {money(line.money_left)}."},
        *(
            {
                "type": "bullet",
                "text": f"{part.rate.item}: đã góp {quantity_text(part.settled)}/{quantity_text(part.quantity_due)}"
                f" {part.rate.unit}, còn {quantity_text(part.left)} {part.rate.unit}.",
            }
            for part in line.in_kind
        ),
        {"type": "bullet", "text": f"Tình trạng đến ngày {_day(on)}: {status}."},
    ]
    return [
        {
            "type": "paragraph",
            "text": f"{fund.unit.name} thông báo số đã đóng góp của {_household_label(household)} cho khoản "
            f"đóng góp, quỹ “{fund.title}”, số liệu đến hết ngày {_day(on)}:",
        },
        {"type": "section", "title": "Nghĩa vụ đóng góp", "children": due},
        {"type": "section", "title": "Các lần nộp", "children": payments},
        {"type": "section", "title": "Tổng hợp", "children": summary},
    ]


def household_statement_issue(*, fund: Fund, obligation: Obligation, actor: Any, now: dt.datetime) -> Document:
    on = clock.localdate(now)
    return document_issue(
        kind=DocumentType.NOTICE,
        issuer=fund.unit,
        summary=f"Số đã đóng góp của hộ {obligation.household.code}: {fund.title}",
        body=household_statement_body(fund, obligation, on),
        signer=_signatures(fund, on),
        recipients=_recipients(fund, f"Hộ {obligation.household.code}"),
        legal_bases=LEGAL_BASES,
        signer_user=actor,
        actor=actor,
        series=RECEIPT_SERIES,
        now=now,
    )


def statement_body(fund: Fund, totals: rules.Totals, *, period_end: dt.date, is_final: bool) -> list[dict[str, Any]]:
    """The figures of the K5 statement, as a table a household can check against the public ledger page."""
    due = selectors.due_totals(fund)
    rows = [
        ["Phải thu theo quyết định", money(due["money"])],
        ["Đã thu của các hộ (tiền)", money(totals.collected_money)],
        ["Đã thu của các hộ (hiện vật quy ra tiền)", money(totals.collected_materials)],
        ["Ngày công đã góp", f"{totals.collected_labour_days} ngày công"],
        ["Ủng hộ, tài trợ (tiền)", money(totals.donated_money)],
        ["Ủng hộ, tài trợ (hiện vật quy ra tiền)", money(totals.donated_materials)],
        ["Đã chi", money(totals.spent_money)],
        ["Mức chi tối đa theo quyết định", money(fund.spending_limit)],
        ["Số dư", money(totals.balance)],
    ]
    decision = (
        f"quyết định số {fund.decision_number}" if fund.decision_number else "kết quả biểu quyết của cộng đồng dân cư"
    )
    parts: list[dict[str, Any]] = [
        {
            "type": "paragraph",
            "text": f"{fund.unit.name} công khai việc huy động, quản lý, sử dụng khoản đóng góp, quỹ “{fund.title}” "
            f"(thực hiện theo {decision} ngày {_day(fund.decided_on)}), số liệu đến hết ngày {_day(period_end)}.",
        },
        {"type": "paragraph", "text": f"Mục đích: {fund.purpose}"},
        {"type": "table", "header": ["Nội dung", "Số liệu"], "rows": rows, "widths": [4, 3]},
    ]
    if is_final:
        parts.append({"type": "paragraph", "text": f"Xử lý số dư: {fund.leftover_handling or 'không còn số dư'}."})
    parts.append(
        {
            "type": "paragraph",
            "text": "Từng phiếu thu, chi và chứng từ xem trên trang công khai của quỹ; Ban Thanh tra nhân dân "
            "giám sát việc thu, chi.",
        }
    )
    return parts


def statement_issue(
    *, fund: Fund, totals: rules.Totals, period_end: dt.date, is_final: bool, actor: Any, now: dt.datetime
) -> Document:
    """The K5 statement as a numbered public report (báo cáo) of the fund's unit (Decree 30/2020 layout)."""
    on = clock.localdate(now)
    what = "Quyết toán" if is_final else f"Công khai thu, chi đến ngày {_day(period_end)}"
    return document_issue(
        kind=DocumentType.REPORT,
        issuer=fund.unit,
        summary=f"{what}: khoản đóng góp, quỹ {fund.title}",
        body=statement_body(fund, totals, period_end=period_end, is_final=is_final),
        signer=_signatures(fund, on),
        recipients=Recipients(
            copies=("Ban Thanh tra nhân dân", "Niêm yết tại nhà văn hóa", "Thủ quỹ (lưu cùng sổ thu, chi)"),
            archive_unit="",
        ),
        legal_bases=LEGAL_BASES,
        signer_user=actor,
        actor=actor,
        is_public=True,
        now=now,
    )


def document_pdf(document: Document) -> bytes:
    """An issued document's PDF, to attach to its disclosure."""
    with document.pdf_file.open("rb") as handle:
        content: bytes = handle.read()
    return content
