"""Render a ``Layout`` to HTML and then to PDF with WeasyPrint (A4, Decree 30 margins and sizes)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import segno
from django.template.loader import render_to_string
from django.utils import translation

from grassroots.documents import rules
from grassroots.documents.layout import Block, Layout, Table
from grassroots.documents.render_docx import HEADER_LEFT_MM, QR_SIZE_CM, SIGNATURE_SPACE_LINES


@dataclass
class RenderedPdf:
    content: bytes
    pages: int


def _block_context(blocks: list[Block]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for block in blocks:
        if isinstance(block, Table):
            total = sum(block.widths) or 1.0
            items.append(
                {
                    "is_table": True,
                    "header": block.header,
                    "rows": block.rows,
                    "percent_widths": [f"{100 * w / total:.2f}" for w in block.widths],
                }
            )
        else:
            items.append(
                {
                    "is_table": False,
                    "is_heading": block.role in {"section", "item", "article"} and block.bold,
                    "label": block.label,
                    "label_bold": block.label_bold,
                    "bold": block.bold,
                    "italic": block.italic,
                    "text": block.text,
                }
            )
    return items


def render_html(layout: Layout) -> str:
    """The print HTML of a layout (also what the PDF is made from)."""
    qr_data_uri = ""
    if layout.public_url:
        qr_data_uri = segno.make(layout.public_url, error="m").svg_data_uri(scale=4, border=2)
    context = {
        "layout": layout,
        "body": _block_context(layout.body),
        "appendices": [
            {
                "heading": a.heading,
                "title": a.title,
                "reference": a.reference,
                "blocks": _block_context(a.blocks),
            }
            for a in layout.appendices
        ],
        "opening_gap": bool(layout.type_name) and not layout.enacting_authority and not layout.addressees,
        "qr_data_uri": qr_data_uri,
        "margin_top": rules.MARGIN_TOP_MM,
        "margin_right": rules.MARGIN_RIGHT_MM,
        "margin_bottom": rules.MARGIN_BOTTOM_MM,
        "margin_left": rules.MARGIN_LEFT_MM,
        "size_page_number": rules.SIZE_PAGE_NUMBER,
        "size_body": rules.SIZE_BODY,
        "size_table": rules.SIZE_BODY - 1,
        "size_parent": rules.SIZE_PARENT_BODY,
        "size_issuer": rules.SIZE_ISSUING_BODY,
        "size_national": rules.SIZE_NATIONAL_TITLE,
        "size_motto": rules.SIZE_MOTTO,
        "size_number": rules.SIZE_NUMBER,
        "size_letter_summary": rules.SIZE_LETTER_SUMMARY,
        "size_marks": rules.SIZE_MARKS,
        "size_date": rules.SIZE_PLACE_DATE,
        "size_type": rules.SIZE_TYPE_NAME,
        "size_summary": rules.SIZE_SUMMARY,
        "size_addressees": rules.SIZE_ADDRESSEES,
        "size_recipients_heading": rules.SIZE_RECIPIENTS_HEADING,
        "size_recipients": rules.SIZE_RECIPIENTS,
        "size_signature": rules.SIZE_SIGNATURE,
        "size_qr": rules.SIZE_QR_CAPTION,
        "indent_cm": rules.FIRST_LINE_INDENT_CM,
        "paragraph_spacing": rules.PARAGRAPH_SPACING_PT,
        "header_left_mm": HEADER_LEFT_MM,
        "underline_percent": int(rules.UNDERLINE_RATIO * 100),
        "signature_space_em": SIGNATURE_SPACE_LINES * 1.15,
        "qr_mm": int(QR_SIZE_CM * 10),
    }
    # The paper is Vietnamese whatever the clerk's interface language is.
    with translation.override("vi"):
        return render_to_string("documents/print/document.html", context)


def render_pdf(layout: Layout) -> RenderedPdf:
    """The PDF of a layout and its page count."""
    from weasyprint import HTML

    document = HTML(string=render_html(layout)).render()
    buffer = io.BytesIO()
    document.write_pdf(buffer)
    return RenderedPdf(content=buffer.getvalue(), pages=len(document.pages))
