"""Every upload entry point against the same hostile files, in one place (issue 20).

A program renamed ``anh.png``, an empty file, HTML posing as a PDF, a damaged Word file, a ZIP that is
not an office file, a "ZIP bomb" of a few kB that unpacks to hundreds of MB, CSV in the wrong encoding:
each entry point refuses each with a Vietnamese message, raises nothing else, and writes nothing. The
bomb must be refused without unpacking it (peak memory is measured). A new upload field anywhere in the
platform fails ``test_every_upload_field_is_covered`` until it is added to ``ENTRY_POINTS`` here.
"""

from __future__ import annotations

import functools
import importlib
import io
import pkgutil
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from test_no_server_errors import world  # noqa: F401 (the world fixture, used by name)

import grassroots
from grassroots.core.errors import DomainError

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@functools.cache
def _bomb(kind: str) -> bytes:
    """A real-looking office file with a part that unpacks to 120 MB of zeros (about 120 kB packed)."""
    main = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main, "<x/>")
        inflated = "word/styles.xml" if kind == "docx" else "xl/worksheets/sheet1.xml"
        with archive.open(inflated, "w", force_zip64=True) as part:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(120):
                part.write(chunk)
    return buffer.getvalue()


HOSTILE: dict[str, tuple[str, bytes | Callable[[], bytes]]] = {
    "a program renamed as a photo": ("anh.png", b"MZ\x90\x00\x03" + b"\x00" * 200),
    "an empty file": ("trong.pdf", b""),
    "HTML posing as a PDF": ("tai-lieu.pdf", b"<html><script>alert(1)</script></html>"),
    "a damaged Word file": ("hong.docx", b"PK\x03\x04" + b"\x13\x37" * 300),
    "a ZIP that is not an office file": ("khong-phai.docx", _zip({"readme.txt": b"hello"})),
    "a Word ZIP bomb": ("bom.docx", functools.partial(_bomb, "docx")),
    "an Excel ZIP bomb": ("bom.xlsx", functools.partial(_bomb, "xlsx")),
    "a photo named as a spreadsheet": ("danh-sach.xlsx", PNG),
    "CSV saved as UTF-16 (Excel's Unicode text)": (
        "danh-sach.csv",
        "Mã hộ,Họ và tên\nHGD-1,Nguyễn Văn Ấn\n".encode("utf-16"),
    ),
    "a CSV without a header row": ("danh-sach.csv", b"\x00\x00\x00\n1,2,3\n"),
}
"""Name → (file name sent, content or what makes it)."""


def _hostile(key: str) -> tuple[str, bytes]:
    name, content = HOSTILE[key]
    return name, content() if callable(content) else content


def _refused(call: Callable[[], Any]) -> str:
    """Run one check; return its Vietnamese refusal, or fail if it accepted or raised anything else."""
    try:
        outcome = call()
    except DomainError as refusal:
        return str(refusal.message)
    if hasattr(outcome, "allowed"):  # a RuleResult
        assert not outcome.allowed, "accepted"
        return str(outcome.code)
    problems = getattr(outcome, "problems", None)
    assert problems, f"accepted: {outcome!r}"
    return str(problems[0])


def _attachment(name: str, content: bytes) -> Any:
    from grassroots.disclosures.rules import check_upload

    return check_upload(name=name, content=content)


def _evidence(name: str, content: bytes) -> Any:
    from grassroots.disclosures.rules import EVIDENCE_KINDS, check_upload

    return check_upload(name=name, content=content, allowed_kinds=EVIDENCE_KINDS)


def _photos(name: str, content: bytes) -> Any:
    from grassroots.petitions.rules import check_photos

    return check_photos([(name, content)])


def _households(name: str, content: bytes) -> Any:
    from grassroots.units.importing import read_table

    return read_table(io.BytesIO(content), name)


def _staff(name: str, content: bytes) -> Any:
    from grassroots.workplaces.importing import read_table

    return read_table(io.BytesIO(content), name)


def _plan(name: str, content: bytes) -> Any:
    from grassroots.plans.parsing import parse_file

    return parse_file(name, content)


CHECKERS: dict[str, Callable[[str, bytes], Any]] = {
    "attachment": _attachment,
    "evidence": _evidence,
    "photos": _photos,
    "households": _households,
    "staff": _staff,
    "plan": _plan,
}

ENTRY_POINTS: dict[str, str] = {
    # Forms
    "grassroots.disclosures.forms.DisclosureForm.attachment": "attachment",
    "grassroots.disclosures.forms.AttachmentForm.attachment": "attachment",
    "grassroots.disclosures.forms.ChannelForm.evidence": "evidence",
    "grassroots.disclosures.forms.AnswerForm.attachment": "attachment",
    "grassroots.petitions.forms.CitizenCaseForm.photos": "photos",
    "grassroots.funds.forms.ExpenseForm.evidence": "evidence",
    "grassroots.units.forms.HouseholdImportForm.file": "households",
    "grassroots.workplaces.forms.StaffImportForm.file": "staff",
    "grassroots.plans.forms.PlanImportForm.file": "plan",
    # Models: what the checks above guard on the way in; documents are generated, never uploaded.
    "disclosures.DisclosureAttachment.file": "attachment",
    "disclosures.PublicationEvent.evidence": "evidence",
    "disclosures.InformationRequest.answer_attachment": "attachment",
    "petitions.CaseAttachment.file": "photos",
    "funds.Expense.evidence": "evidence",
    "documents.Document.docx_file": "generated",
    "documents.Document.pdf_file": "generated",
}
"""Every file field of every form and model → the check it goes through."""


def _form_file_fields() -> set[str]:
    found: set[str] = set()
    for module_info in pkgutil.walk_packages(grassroots.__path__, "grassroots."):
        if ".tests" in module_info.name or ".migrations" in module_info.name or not module_info.name.endswith("forms"):
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                for field_name, field in value.base_fields.items():  # type: ignore[attr-defined]
                    if isinstance(field, forms.FileField):
                        found.add(f"{module.__name__}.{value.__name__}.{field_name}")
    return found


def _model_file_fields() -> set[str]:
    return {
        f"{model._meta.app_label}.{model.__name__}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("grassroots.")
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    }


def test_every_upload_field_is_covered() -> None:
    fields = _form_file_fields() | _model_file_fields()
    print(f"\nuploads: {len(CHECKERS)} checkers x {len(HOSTILE)} hostile files, {len(fields)} upload fields")
    assert len(fields) >= 10
    missing = sorted(fields - set(ENTRY_POINTS))
    assert not missing, f"upload fields without a hostile-file check here: {missing}"
    gone = sorted(set(ENTRY_POINTS) - fields)
    assert not gone, f"entries for fields that no longer exist: {gone}"


# Which hostile files each checker would accept by design (never silently: each exception is named).
ACCEPTED_BY_DESIGN: dict[tuple[str, str], str] = {
    ("photos", "a photo named as a spreadsheet"): (
        "a case photo is judged by its content alone, which is a real PNG; it is stored under a generated path "
        "and served as image/png with nosniff (petitions.views.my_case_photo)"
    ),
}


@pytest.mark.parametrize("checker", sorted(CHECKERS))
@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_each_entry_point_refuses_each_hostile_file(checker: str, hostile: str) -> None:
    name, content = _hostile(hostile)
    if checker in {"households", "staff"} and not name.endswith((".csv", ".xlsx")):
        name = name.rsplit(".", 1)[0] + ".xlsx"  # the import forms refuse other endings first: test the reader
    if checker == "plan" and not name.endswith((".docx", ".txt")):
        name = name.rsplit(".", 1)[0] + ".docx"
    if (checker, hostile) in ACCEPTED_BY_DESIGN:
        outcome = CHECKERS[checker](name, content)
        assert getattr(outcome, "allowed", True), "the exception named above no longer holds: remove it"
        return
    tracemalloc.start()
    try:
        message = _refused(lambda: CHECKERS[checker](name, content))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message
    # 300 MB of unpacked zeros never enter memory: nothing reads beyond the archive's directory.
    assert peak < 40 * 1024 * 1024, f"{checker} held {peak // (1024 * 1024)} MB while refusing {hostile}"


@pytest.mark.parametrize("hostile", ["a Word ZIP bomb", "a damaged Word file", "a ZIP that is not an office file"])
def test_disclosure_refusals_read_in_vietnamese(hostile: str) -> None:
    from grassroots.disclosures.services._shared import MESSAGES

    name, content = _hostile(hostile)
    result = _attachment(name, content)
    assert not result.allowed
    message = str(MESSAGES[result.code]) % {"reason": result.params.get("reason", "")}
    assert any(ord(char) > 127 for char in message), message


def test_a_real_office_file_still_passes() -> None:
    """The checks refuse bombs, not office files: the household template and a Word plan go through."""
    import docx

    from grassroots.core.uploads import sniff_kind, zip_problem
    from grassroots.plans.parsing import parse_file
    from grassroots.units.importing import read_table, template_xlsx

    template = template_xlsx()
    assert (sniff_kind(template), zip_problem(template)) == ("xlsx", None)
    assert read_table(io.BytesIO(template), "mau.xlsx").rows
    document = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN XÃ VÂN LONG", "Số: 12/KH-UBND", "KẾ HOẠCH", "Thực hiện dân chủ ở cơ sở năm 2026"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    content = buffer.getvalue()
    assert (sniff_kind(content), zip_problem(content)) == ("docx", None)
    assert _attachment("ke-hoach.docx", content).allowed
    parsed = parse_file("ke-hoach.docx", content)
    assert "Tệp .docx bị hỏng hoặc không phải tệp Word." not in [str(problem) for problem in parsed.problems]
    assert parsed.number == "12/KH-UBND"


# ---------------------------------------------------------------------------------------------
# Through the real pages: the multipart parser, the form, the service, the database, the disk
# ---------------------------------------------------------------------------------------------

VIEW_CASES = [
    ("units:household_import", "households", "commune_officer", "file", {}),
    ("workplaces:staff_import", "staff", "agency_head", "file", {}),
    ("plans:plan_import", "plan", "commune_officer", "file", {"unit": "commune"}),
    (
        "petitions:case_file",
        "photos",
        "resident",
        "photos",
        {"kind": "feedback", "title": "Đèn hỏng", "content": "Đèn hỏng."},
    ),
]


def _url(world_: dict[str, Any], name: str) -> str:
    from test_no_server_errors import _urls

    return next(url for url_name, variant, url in _urls(world_) if url_name == name and variant == "real")


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("grassroots.") and not model._meta.label.startswith(("core.", "accounts."))
    }


def _files(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


@pytest.mark.django_db
def test_hostile_uploads_through_the_pages_write_nothing(world: dict[str, Any], settings: Any) -> None:  # noqa: F811
    """Each page answers each hostile file (sent under its name and under a path climbing out of the media
    folder) with its form again and a message: no server error, no row, no file on disk."""
    from grassroots.units.models import AdministrativeUnit

    settings.GRASSROOTS_PETITIONS_INTAKE_LIMIT = 10_000  # the intake limit is tested on its own
    media = Path(settings.MEDIA_ROOT)
    before_rows, before_files = _counts(), _files(media)
    posted = 0
    for name, checker, persona, field, extra in VIEW_CASES:
        client = Client()
        client.force_login(world["personas"][persona])
        url = _url(world, name)
        data = dict(extra)
        if data.get("unit") == "commune":
            data["unit"] = str(AdministrativeUnit.objects.get(slug=world["ids"]["commune_slug"]).pk)
        for hostile in sorted(HOSTILE):
            if (checker, hostile) in ACCEPTED_BY_DESIGN:
                continue
            file_name, content = _hostile(hostile)
            for sent_name in (file_name, f"../../../../etc/{file_name}"):
                upload = SimpleUploadedFile(sent_name, content, content_type="application/octet-stream")
                response = client.post(url, {**data, field: upload})
                posted += 1
                where = f"{name} with {hostile} as {sent_name!r}"
                assert response.status_code in {200, 400, 422}, f"{where}: HTTP {response.status_code}"
                page = response.content.decode()
                assert "errorlist" in page or 'role="alert"' in page, f"{where}: no message on the page"
    assert posted == (len(VIEW_CASES) * len(HOSTILE) - len(ACCEPTED_BY_DESIGN)) * 2
    assert _counts() == before_rows
    assert _files(media) == before_files
