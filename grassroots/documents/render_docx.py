"""Render a ``Layout`` to DOCX with python-docx, following Decree 30/2020 Appendix I."""

from __future__ import annotations

import io

import segno
from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from grassroots.documents import rules
from grassroots.documents.layout import Block, Layout, Line, Table
from grassroots.documents.spec import SignatureBlock
from grassroots.documents.textmetrics import text_width_pt

TEXT_WIDTH_MM = rules.PAGE_WIDTH_MM - rules.MARGIN_LEFT_MM - rules.MARGIN_RIGHT_MM
HEADER_LEFT_MM = 68.0
"""Left header column (issuing body, number); the right one takes the rest of the 165 mm."""
HEADER_RIGHT_MM = TEXT_WIDTH_MM - HEADER_LEFT_MM
CELL_PADDING_MM = 1.9
"""Word's default left and right cell margins (0.19 cm)."""
SIGNATURE_SPACE_LINES = 4
"""Empty lines left for the handwritten signature and the seal."""
QR_SIZE_CM = 2.2
BLACK = RGBColor(0, 0, 0)

Container = DocxDocument | _Cell
"""Where paragraphs go: the document body or a table cell."""


def _set_run_font(run: Run, *, size: float, bold: bool = False, italic: bool = False, underline: bool = False) -> None:
    run.font.name = rules.FONT_NAME
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = BLACK
    if underline:
        run.font.underline = True
    r_fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attribute), rules.FONT_NAME)


def _paragraph(
    container: Container,
    text: str = "",
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: int = WD_ALIGN_PARAGRAPH.CENTER,
    space_before: float = 0,
    space_after: float = 0,
    first_line_indent: bool = False,
    left_indent_cm: float = 0,
    keep_with_next: bool = False,
    reuse_first: bool = False,
) -> Paragraph:
    if reuse_first and container.paragraphs and not container.paragraphs[0].text:
        paragraph = container.paragraphs[0]
    else:
        paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    paragraph.alignment = align
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(space_after)
    fmt.line_spacing = rules.LINE_SPACING
    fmt.keep_with_next = keep_with_next
    if first_line_indent:
        fmt.first_line_indent = Cm(rules.FIRST_LINE_INDENT_CM)
    if left_indent_cm:
        fmt.left_indent = Cm(left_indent_cm)
    if text:
        _set_run_font(paragraph.add_run(text), size=size, bold=bold, italic=italic, underline=underline)
    return paragraph


def _short_rule(container: Container, *, text_width: float, column_mm: float) -> None:
    """A centred rule of ``UNDERLINE_RATIO`` times the text width: an empty paragraph with a top border."""
    column_pt = (column_mm - 2 * CELL_PADDING_MM) * 72 / 25.4
    rule_pt = min(text_width, column_pt) * rules.UNDERLINE_RATIO
    indent_pt = max((column_pt - rule_pt) / 2, 0)
    paragraph = _paragraph(container, size=2, space_before=1)
    paragraph.paragraph_format.left_indent = Pt(indent_pt)
    paragraph.paragraph_format.right_indent = Pt(indent_pt)
    paragraph.paragraph_format.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    top.set(qn("w:val"), "single")
    top.set(qn("w:sz"), "6")
    top.set(qn("w:space"), "1")
    top.set(qn("w:color"), "000000")
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)


def _fix_table(table: DocxTable, widths_mm: list[float], *, borders: bool = False) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    if borders:
        table.style = "Table Grid"
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)
    for column, width in zip(table.columns, widths_mm, strict=False):
        column.width = Mm(width)


def _page_number_field(paragraph: Paragraph) -> None:
    run = paragraph.add_run()
    _set_run_font(run, size=rules.SIZE_PAGE_NUMBER)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instruction)
    run._r.append(end)


def _setup_section(section: Section, *, restart_numbering: bool) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(rules.PAGE_WIDTH_MM)
    section.page_height = Mm(rules.PAGE_HEIGHT_MM)
    section.top_margin = Mm(rules.MARGIN_TOP_MM)
    section.bottom_margin = Mm(rules.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(rules.MARGIN_LEFT_MM)
    section.right_margin = Mm(rules.MARGIN_RIGHT_MM)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # Page numbers from page 2: page 1 has its own (empty) header.
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if not paragraph.runs:
        _page_number_field(paragraph)
    section.first_page_header.is_linked_to_previous = False
    if restart_numbering:
        page_numbers = OxmlElement("w:pgNumType")
        page_numbers.set(qn("w:start"), "1")
        section._sectPr.append(page_numbers)


def _set_defaults(document: DocxDocument) -> None:
    normal = document.styles["Normal"]
    normal.font.name = rules.FONT_NAME
    normal.font.size = Pt(rules.SIZE_BODY)
    r_fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attribute), rules.FONT_NAME)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = rules.LINE_SPACING


def _header(document: DocxDocument, layout: Layout) -> None:
    table = document.add_table(rows=2, cols=2)
    _fix_table(table, [HEADER_LEFT_MM, HEADER_RIGHT_MM])
    left, right = table.cell(0, 0), table.cell(0, 1)
    first = True
    for line in layout.parent_lines:
        _paragraph(left, line, size=rules.SIZE_PARENT_BODY, reuse_first=first)
        first = False
    for line in layout.issuer_lines:
        _paragraph(left, line, size=rules.SIZE_ISSUING_BODY, bold=True, reuse_first=first)
        first = False
    issuer_width = max(
        (text_width_pt(line, size=rules.SIZE_ISSUING_BODY, bold=True) for line in layout.issuer_lines), default=0
    )
    _short_rule(left, text_width=issuer_width, column_mm=HEADER_LEFT_MM)
    _paragraph(right, layout.national_title, size=rules.SIZE_NATIONAL_TITLE, bold=True, reuse_first=True)
    _paragraph(right, layout.motto, size=rules.SIZE_MOTTO, bold=True, underline=True)
    number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
    _paragraph(number_cell, layout.number_line, size=rules.SIZE_NUMBER, space_before=6, reuse_first=True)
    if layout.letter_summary:
        _paragraph(number_cell, layout.letter_summary, size=rules.SIZE_LETTER_SUMMARY, space_before=6)
    for mark in layout.marks:
        _paragraph(number_cell, mark, size=rules.SIZE_MARKS, bold=True, space_before=6)
    _paragraph(date_cell, layout.date_line, size=rules.SIZE_PLACE_DATE, italic=True, space_before=6, reuse_first=True)


def _line(container: Container, line: Line, *, size: float = rules.SIZE_BODY) -> None:
    paragraph = _paragraph(
        container,
        size=size,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        space_after=rules.PARAGRAPH_SPACING_PT,
        first_line_indent=True,
        keep_with_next=line.role in {"section", "item", "article"} and line.bold,
    )
    if line.label:
        _set_run_font(paragraph.add_run(line.label + " "), size=size, bold=line.label_bold or line.bold)
    _set_run_font(paragraph.add_run(line.text), size=size, bold=line.bold, italic=line.italic)


def _table(document: DocxDocument, table_block: Table) -> None:
    columns = len(table_block.widths)
    total = sum(table_block.widths) or 1.0
    widths = [TEXT_WIDTH_MM * w / total for w in table_block.widths]
    rows = ([table_block.header] if table_block.header else []) + table_block.rows
    table = document.add_table(rows=len(rows), cols=columns)
    _fix_table(table, widths, borders=True)
    # Row by row: python-docx's ``table.cell(row, column)`` rebuilds the list of every cell on each call, which made a
    # 20,000-row table quadratic (bench/bench_consultations.py ``report_docx``).
    for row_index, (row, table_row) in enumerate(zip(rows, table.rows, strict=True)):
        is_header = bool(table_block.header) and row_index == 0
        for value, cell in zip(row, table_row.cells, strict=False):
            _paragraph(
                cell,
                value,
                size=rules.SIZE_BODY - 1,
                bold=is_header,
                align=WD_ALIGN_PARAGRAPH.CENTER if is_header or len(value) < 6 else WD_ALIGN_PARAGRAPH.LEFT,
                reuse_first=True,
            )
    _paragraph(document, size=6, space_after=0)


def _blocks(document: DocxDocument, blocks: list[Block]) -> None:
    for block in blocks:
        if isinstance(block, Table):
            _table(document, block)
        else:
            _line(document, block)


def _signature(cell: _Cell, block: SignatureBlock) -> None:
    first = True
    for line in block.lines:
        _paragraph(cell, line, size=rules.SIZE_SIGNATURE, bold=True, reuse_first=first)
        first = False
    for _ in range(SIGNATURE_SPACE_LINES):
        _paragraph(cell, size=rules.SIZE_SIGNATURE)
    _paragraph(cell, block.signer_name, size=rules.SIZE_SIGNATURE, bold=True)


def _recipients(container: Container, layout: Layout, *, reuse_first: bool) -> None:
    _paragraph(
        container,
        layout.recipients_heading,
        size=rules.SIZE_RECIPIENTS_HEADING,
        bold=True,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        reuse_first=reuse_first,
    )
    for line in layout.recipient_lines:
        _paragraph(container, line, size=rules.SIZE_RECIPIENTS, align=WD_ALIGN_PARAGRAPH.LEFT)


def _closing(document: DocxDocument, layout: Layout) -> None:
    half = TEXT_WIDTH_MM / 2
    if len(layout.signatures) >= 2:
        # Minutes carry 3–4 signers (Mẫu 02–04 of Decree 59): one column each, as the PDF prints them.
        count = len(layout.signatures)
        table = document.add_table(rows=1, cols=count)
        _fix_table(table, [TEXT_WIDTH_MM / count] * count)
        for index, block in enumerate(layout.signatures):
            _signature(table.cell(0, index), block)
        _paragraph(document, size=rules.SIZE_BODY)
        _recipients(document, layout, reuse_first=False)
        return
    table = document.add_table(rows=1, cols=2)
    _fix_table(table, [half - 5, half + 5])
    _recipients(table.cell(0, 0), layout, reuse_first=True)
    if layout.signatures:
        _signature(table.cell(0, 1), layout.signatures[0])


def _qr(document: DocxDocument, url: str) -> None:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.LEFT, size=rules.SIZE_QR_CAPTION, space_before=12)
    run = paragraph.add_run()
    _set_run_font(run, size=rules.SIZE_QR_CAPTION)
    run.add_picture(buffer, width=Cm(QR_SIZE_CM))
    _paragraph(
        document,
        f"Tra cứu bản điện tử: {url}",
        size=rules.SIZE_QR_CAPTION,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )


def render_docx(layout: Layout) -> bytes:
    """The DOCX file of a layout: A4, Decree 30 margins, Times New Roman, numbered from page 2."""
    document = new_docx()
    _set_defaults(document)
    _setup_section(document.sections[0], restart_numbering=False)
    _header(document, layout)
    if layout.type_name:
        _paragraph(document, layout.type_name, size=rules.SIZE_TYPE_NAME, bold=True, space_before=18)
        _paragraph(document, layout.summary, size=rules.SIZE_SUMMARY, bold=True)
        summary_width = text_width_pt(layout.summary, size=rules.SIZE_SUMMARY, bold=True)
        _short_rule(document, text_width=summary_width, column_mm=TEXT_WIDTH_MM + 2 * CELL_PADDING_MM)
    if layout.addressees:
        if len(layout.addressees) == 1:
            _paragraph(document, layout.addressees[0], size=rules.SIZE_ADDRESSEES, space_before=12, space_after=6)
        else:
            _paragraph(
                document,
                layout.addressees[0],
                size=rules.SIZE_ADDRESSEES,
                align=WD_ALIGN_PARAGRAPH.LEFT,
                left_indent_cm=3.0,
                space_before=12,
            )
            for line in layout.addressees[1:]:
                _paragraph(
                    document, line, size=rules.SIZE_ADDRESSEES, align=WD_ALIGN_PARAGRAPH.LEFT, left_indent_cm=5.5
                )
            _paragraph(document, size=6)
    if layout.enacting_authority:
        _paragraph(document, layout.enacting_authority, size=rules.SIZE_BODY, bold=True, space_before=12, space_after=6)
    for basis in layout.legal_bases:
        _paragraph(
            document,
            basis,
            size=rules.SIZE_BODY,
            italic=True,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            first_line_indent=True,
            space_after=rules.PARAGRAPH_SPACING_PT,
        )
    if layout.enacting_word:
        _paragraph(document, layout.enacting_word, size=rules.SIZE_BODY, bold=True, space_before=6, space_after=6)
    if not layout.enacting_authority and not layout.addressees:
        _paragraph(document, size=6)
    _blocks(document, layout.body)
    _closing(document, layout)
    if layout.public_url:
        _qr(document, layout.public_url)
    for appendix in layout.appendices:
        section = document.add_section(WD_SECTION.NEW_PAGE)
        _setup_section(section, restart_numbering=True)
        _paragraph(document, appendix.heading, size=rules.SIZE_BODY, bold=True)
        _paragraph(document, appendix.title, size=rules.SIZE_BODY, bold=True)
        _paragraph(document, appendix.reference, size=rules.SIZE_BODY, italic=True, space_after=12)
        _blocks(document, appendix.blocks)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
