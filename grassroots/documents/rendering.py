"""One entry point for rendering a spec to a file format (gallery, command line, bench)."""

from __future__ import annotations

from grassroots.documents import rules
from grassroots.documents.layout import build_layout
from grassroots.documents.render_docx import render_docx
from grassroots.documents.render_pdf import render_pdf
from grassroots.documents.spec import DocumentSpec

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render_spec(spec: DocumentSpec, file_format: str) -> bytes:
    """The file of ``spec`` in ``pdf`` or ``docx``."""
    layout = build_layout(spec)
    if file_format == "pdf":
        return render_pdf(layout).content
    if file_format == "docx":
        return render_docx(layout)
    raise ValueError(file_format)


def file_name(spec: DocumentSpec, file_format: str) -> str:
    """``12-KH-UBND.pdf`` (accents folded for old mail clients)."""
    symbol = rules.format_symbol(
        kind=spec.kind, issuer_abbreviation=spec.issuer.abbreviation, drafting_unit=spec.drafting_unit
    )
    return f"{spec.number or 0:02d}-{rules.fold_accents(symbol)}.{file_format}"
