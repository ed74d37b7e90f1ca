"""Printable papers built through the documents app: the posting notice and the quarterly list (art. 13(2))."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from grassroots.accounts.models import Role, RoleMembership
from grassroots.core import clock
from grassroots.disclosures import rules, selectors
from grassroots.disclosures.models import Channel, Disclosure
from grassroots.documents import rendering
from grassroots.documents.selectors import issuing_body_for
from grassroots.documents.services import document_issue
from grassroots.documents.spec import DocumentSpec, Recipients, SignatureBlock
from grassroots.units.models import AdministrativeUnit

NOTICE_KIND = "notice"
LEGAL_BASIS = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022"


def _chair_name(unit: AdministrativeUnit, on: dt.date) -> str:
    membership = RoleMembership.objects.active_on(on).filter(unit=unit, role=Role.COMMUNE_CHAIR).select_related("user")
    first = membership.first()
    return (first.user.full_name or first.user.get_username()) if first else ""


def _chair_signature(unit: AdministrativeUnit, on: dt.date, signer_name: str = "") -> SignatureBlock:
    return SignatureBlock(
        lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), signer_name=signer_name or _chair_name(unit, on), authority="TM"
    )


def _fmt(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def posting_notice_spec(disclosure: Disclosure, *, public_url: str, on: dt.date | None = None) -> DocumentSpec:
    """The notice posted on the boards, with a QR code to the online record (``public_url``)."""
    day = on or clock.today()
    unit = disclosure.unit
    rule = disclosure.category.as_rule()
    start = disclosure.published_on or disclosure.first_published_on
    paragraphs: list[dict[str, Any]] = [
        {
            "type": "paragraph",
            "text": _("Ủy ban nhân dân %(unit)s thông báo công khai: %(title)s.")
            % {"unit": unit.name, "title": disclosure.title},
        },
        {
            "type": "paragraph",
            "text": _("Nội dung công khai: %(code)s. %(category)s (%(basis)s).")
            % {
                "code": disclosure.category.code,
                "category": disclosure.category.label,
                "basis": disclosure.category.legal_basis,
            },
        },
    ]
    if disclosure.decision_number or disclosure.decided_on:
        paragraphs.append(
            {
                "type": "paragraph",
                "text": _("Căn cứ văn bản số %(number)s ngày %(date)s.")
                % {"number": disclosure.decision_number or "…", "date": _fmt(disclosure.decided_on)},
            }
        )
    if disclosure.body:
        paragraphs.extend({"type": "paragraph", "text": line} for line in disclosure.body.splitlines() if line.strip())
    may_end = rules.posting_may_end_on(start, rule) if start else None
    if rule.is_permanent:
        posting = _("Thông tin được niêm yết thường xuyên tại trụ sở và cập nhật khi có thay đổi.")
    elif may_end is not None:
        posting = _(
            "Thời gian niêm yết: từ ngày %(start)s, ít nhất %(days)s ngày liên tục (đến hết ngày %(last)s)."
        ) % {
            "start": _fmt(start),
            "days": rule.min_posting_days,
            "last": _fmt(may_end - dt.timedelta(days=1)),
        }
    else:
        posting = _("Ngày công khai: %(start)s.") % {"start": _fmt(start)}
    paragraphs.append({"type": "paragraph", "text": posting})
    paragraphs.append(
        {
            "type": "paragraph",
            "text": _("Xem bản đầy đủ và lịch sử công khai trên mạng: quét mã QR hoặc truy cập %(url)s")
            % {"url": public_url},
        }
    )
    return DocumentSpec(
        kind=NOTICE_KIND,
        issuer=issuing_body_for(unit),
        summary=_("Niêm yết công khai: %(title)s") % {"title": disclosure.title},
        body=paragraphs,
        signatures=(_chair_signature(unit, day),),
        recipients=Recipients(copies=("Niêm yết tại trụ sở và các thôn, tổ dân phố",), archive_unit="VT"),
        issued_on=day,
        legal_bases=(LEGAL_BASIS,),
        public_url=public_url,
        is_public=True,
    )


def posting_notice_pdf(disclosure: Disclosure, *, public_url: str, on: dt.date | None = None) -> bytes:
    return rendering.render_spec(posting_notice_spec(disclosure, public_url=public_url, on=on), "pdf")


def quarterly_list_body(unit: AdministrativeUnit, *, year: int, quarter: int) -> list[dict[str, Any]]:
    first, last = rules.quarter_bounds(year, quarter)
    rows = selectors.quarterly_list(unit, year=year, quarter=quarter)
    labels = dict(Channel.choices)
    table_rows = []
    for index, row in enumerate(rows, start=1):
        parts = []
        for event in row.events:
            where = f" ({event.community.name})" if event.community else ""
            until = f" – {_fmt(event.ended_on)}" if event.ended_on else ""
            claim = (
                " " + _("(tự khai, ghi nhận ngày %(day)s)") % {"day": _fmt(event.recorded_on)}
                if event.is_self_reported
                else ""
            )
            parts.append(f"{labels.get(event.channel, event.channel)}{where}: {_fmt(event.started_on)}{until}{claim}")
        channels = "; ".join(parts)
        table_rows.append([str(index), f"{row.disclosure.category.code}. {row.disclosure.title}", channels])
    intro = _("Danh sách nội dung Ủy ban nhân dân %(unit)s đã công khai từ ngày %(first)s đến ngày %(last)s.") % {
        "unit": unit.name,
        "first": _fmt(first),
        "last": _fmt(last),
    }
    body: list[dict[str, Any]] = [{"type": "paragraph", "text": intro}]
    if table_rows:
        body.append(
            {
                "type": "table",
                "header": ["TT", "Nội dung công khai", "Hình thức, thời gian"],
                "rows": table_rows,
                "widths": [1, 6, 7],
            }
        )
    else:
        body.append({"type": "paragraph", "text": _("Trong quý không có nội dung nào được công khai.")})
    return body


def quarterly_list_summary(year: int, quarter: int) -> str:
    return _("Danh sách nội dung đã công khai quý %(quarter)s năm %(year)s") % {"quarter": quarter, "year": year}


def quarterly_list_pdf(unit: AdministrativeUnit, *, year: int, quarter: int, on: dt.date | None = None) -> bytes:
    """A printable draft of the quarterly list (no number): what staff check before issuing it."""
    day = on or clock.today()
    spec = DocumentSpec(
        kind=NOTICE_KIND,
        issuer=issuing_body_for(unit),
        summary=quarterly_list_summary(year, quarter),
        body=quarterly_list_body(unit, year=year, quarter=quarter),
        signatures=(_chair_signature(unit, day),),
        recipients=Recipients(copies=("Niêm yết tại trụ sở và các thôn, tổ dân phố",), archive_unit="VT"),
        issued_on=day,
        legal_bases=(LEGAL_BASIS,),
    )
    return rendering.render_spec(spec, "pdf")


def quarterly_list_issue(
    *, unit: AdministrativeUnit, year: int, quarter: int, signer_name: str, actor: Any, now: dt.datetime | None = None
) -> Any:
    """Issue the quarterly list as a numbered notice through ``documents.document_issue`` (audited there)."""
    day = clock.localdate(now)
    return document_issue(
        kind=NOTICE_KIND,
        issuer=unit,
        summary=quarterly_list_summary(year, quarter),
        body=quarterly_list_body(unit, year=year, quarter=quarter),
        signer=_chair_signature(unit, day, signer_name),
        recipients=Recipients(copies=("Niêm yết tại trụ sở và các thôn, tổ dân phố", "Ủy ban MTTQ Việt Nam xã")),
        legal_bases=(LEGAL_BASIS,),
        is_public=True,
        actor=actor,
        now=now,
    )
