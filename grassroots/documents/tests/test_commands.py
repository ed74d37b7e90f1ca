"""``render_document`` renders a sample or an issued document."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from grassroots.accounts.models import User
from grassroots.documents.services import document_issue
from grassroots.units.models import AdministrativeUnit

from .conftest import plan_kwargs


def test_render_sample_to_pdf_and_docx(tmp_path: Path) -> None:
    pdf = tmp_path / "kh.pdf"
    call_command("render_document", "--sample", "KH", "--format", "pdf", "-o", str(pdf))
    assert len(PdfReader(pdf).pages) == 3
    docx = tmp_path / "qd.docx"
    call_command("render_document", "--sample", "QD", "--format", "docx", "-o", str(docx))
    assert docx.read_bytes().startswith(b"PK")


def test_unknown_sample_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No sample"):
        call_command("render_document", "--sample", "XYZ", "-o", str(tmp_path / "x.pdf"))


@pytest.mark.django_db
def test_render_issued_document(tmp_path: Path, commune: AdministrativeUnit, chair: User) -> None:
    document = document_issue(**plan_kwargs(commune, chair))
    output = tmp_path / "issued.docx"
    call_command("render_document", "--id", str(document.pk), "--format", "docx", "-o", str(output))
    assert output.read_bytes().startswith(b"PK")
    with pytest.raises(CommandError, match="No issued document"):
        call_command("render_document", "--id", "999999", "-o", str(output))
