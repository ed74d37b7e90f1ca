"""Read the files back: DOCX with python-docx, PDF with pdftotext/pdffonts (poppler-utils) and pypdf."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from pypdf import PdfReader

from grassroots.documents import samples
from grassroots.documents.layout import build_layout
from grassroots.documents.render_docx import render_docx
from grassroots.documents.render_pdf import render_pdf

MM_PER_PT = 25.4 / 72


@pytest.fixture(scope="module")
def plan_docx() -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(build_layout(samples.plan()))))


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rendered = render_pdf(build_layout(samples.plan()))
    assert rendered.pages == 3
    path = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    path.write_bytes(rendered.content)
    return path


def _pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, check=True, text=True).stdout


def _texts(cell: Any) -> list[str]:
    return [p.text for p in cell.paragraphs]


def test_docx_page_is_a4_portrait_with_decree_margins(plan_docx: Any) -> None:
    section = plan_docx.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin)] == [20, 20]
    assert [round(m.mm) for m in (section.left_margin, section.right_margin)] == [30, 15]


def test_docx_every_run_is_times_new_roman(plan_docx: Any) -> None:
    runs = [run for p in plan_docx.paragraphs for run in p.runs]
    runs += [run for t in plan_docx.tables for c in t._cells for p in c.paragraphs for run in p.runs]
    assert len(runs) > 50
    assert {run.font.name for run in runs} == {"Times New Roman"}


def test_docx_two_column_header(plan_docx: Any) -> None:
    header = plan_docx.tables[0]
    assert len(header.columns) == 2
    left, right = header.cell(0, 0), header.cell(0, 1)
    assert _texts(left)[:2] == ["ỦY BAN NHÂN DÂN", "XÃ HÒA PHÚ"]
    issuer_run = left.paragraphs[0].runs[0]
    assert issuer_run.font.bold and issuer_run.font.size == Pt(12)
    rule = left.paragraphs[2]._p.pPr.find(docx.oxml.ns.qn("w:pBdr"))
    assert rule is not None  # the short rule under the issuing body
    national, motto = right.paragraphs[0].runs[0], right.paragraphs[1].runs[0]
    assert (national.text, national.font.bold, national.font.size) == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        True,
        Pt(12),
    )
    assert (motto.text, motto.font.bold, motto.font.underline, motto.font.size) == (
        "Độc lập - Tự do - Hạnh phúc",
        True,
        True,
        Pt(13),
    )
    number, date = header.cell(1, 0).paragraphs[0].runs[0], header.cell(1, 1).paragraphs[0].runs[0]
    assert (number.text, number.font.size) == ("Số: 12/KH-UBND", Pt(13))
    assert (date.text, date.font.italic, date.font.size) == ("Hòa Phú, ngày 05 tháng 3 năm 2026", True, Pt(13))


def test_docx_title_body_and_closing(plan_docx: Any) -> None:
    paragraphs = plan_docx.paragraphs
    title = next(p for p in paragraphs if p.text == "KẾ HOẠCH")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].font.bold and title.runs[0].font.size == Pt(14)
    body = next(p for p in paragraphs if p.text.startswith("Thực hiện Luật"))
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(body.paragraph_format.first_line_indent.cm, 2) == 1.0
    assert body.paragraph_format.space_after == Pt(6)
    assert any(p.text == "I. MỤC ĐÍCH, YÊU CẦU" for p in paragraphs)
    closing = plan_docx.tables[-1]
    signature = [t for t in _texts(closing.cell(0, 1)) if t]
    assert signature == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "H'Linh Niê"]
    assert all(r.font.bold and r.font.size == Pt(14) for p in closing.cell(0, 1).paragraphs for r in p.runs)
    recipients = closing.cell(0, 0).paragraphs
    heading = recipients[0].runs[0]
    assert (heading.text, heading.font.bold, heading.font.italic, heading.font.size) == (
        "Nơi nhận:",
        True,
        True,
        Pt(12),
    )
    assert recipients[-1].text == "- Lưu: VT, VP."
    assert {r.font.size for p in recipients[1:] for r in p.runs} == {Pt(11)}
    assert len(plan_docx.inline_shapes) == 1  # the QR code of a public document


def test_docx_page_numbers_from_page_two(plan_docx: Any) -> None:
    section = plan_docx.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_docx_minutes_have_two_signatures() -> None:
    document = docx.Document(io.BytesIO(render_docx(build_layout(samples.minutes()))))
    closing = document.tables[-1]
    assert [t for t in _texts(closing.cell(0, 0)) if t] == ["THƯ KÝ", "Trần Thị Mai"]
    assert [t for t in _texts(closing.cell(0, 1)) if t] == ["CHỦ TRÌ", "Y Khoa Mlô"]
    assert document.tables[0].cell(0, 0).paragraphs[0].text == "UBND XÃ HÒA PHÚ"


def test_pdf_text_keeps_vietnamese_diacritics(plan_pdf: Path) -> None:
    text = _pdftotext(plan_pdf)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/KH-UBND",
        "Hòa Phú, ngày 05 tháng 3 năm 2026",
        "Thực hiện dân chủ ở cơ sở trên địa bàn xã Hòa Phú năm 2026",
        "TM. ỦY BAN NHÂN DÂN",
        "PHÓ CHỦ TỊCH",
        "- Lưu: VT, VP.",
        "Tra cứu bản điện tử: https://dancoso.example.vn/v/HP26KH12",
    ):
        assert expected in text, expected


def test_pdf_embeds_liberation_serif_and_no_fallback(plan_pdf: Path) -> None:
    output = subprocess.run(["pdffonts", str(plan_pdf)], capture_output=True, check=True, text=True).stdout
    rows = output.splitlines()[2:]
    names = [row.split()[0] for row in rows]
    assert len(names) == 4  # regular, bold, italic, bold italic
    assert all(re.fullmatch(r"[A-Z]{6}\+Liberation-Serif(-Bold|-Italic|-Bold-Italic)?", n) for n in names), names
    assert all(" yes " in row for row in rows)  # embedded
    assert "DejaVu" not in output


def test_pdf_pages_are_a4_and_numbered_from_page_two(plan_pdf: Path) -> None:
    reader = PdfReader(plan_pdf)
    assert len(reader.pages) == 3
    for page in reader.pages:
        assert round(float(page.mediabox.width) * MM_PER_PT) == 210
        assert round(float(page.mediabox.height) * MM_PER_PT) == 297
    first_lines = [_pdftotext(plan_pdf, "-f", str(n), "-l", str(n)).strip().splitlines()[0] for n in (1, 2, 3)]
    assert first_lines[0] != "1"
    assert first_lines[1:] == ["2", "3"]


def test_pdf_text_stays_inside_the_margins(plan_pdf: Path) -> None:
    boxes = _pdftotext(plan_pdf, "-bbox", "-f", "1", "-l", "1")
    left = min(float(x) for x in re.findall(r'xMin="([\d.]+)"', boxes))
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes))
    assert left * MM_PER_PT >= 30 - 0.5
    assert right * MM_PER_PT <= 210 - 15 + 0.5


def test_pdf_appendix_restarts_numbering_without_a_number_on_its_first_page(tmp_path: Path) -> None:
    path = tmp_path / "nq.pdf"
    rendered = render_pdf(build_layout(samples.resolution()))
    path.write_bytes(rendered.content)
    assert rendered.pages == 2
    appendix = _pdftotext(path, "-f", "2", "-l", "2").strip().splitlines()
    assert appendix[0] == "Phụ lục"
    assert "(Kèm theo Nghị quyết số 07/NQ-HĐND ngày 14/7/2026)" in appendix
